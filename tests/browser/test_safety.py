"""A site built from hostile content runs none of it, on any page; no page
of the example site asks another host for anything or sets a cookie."""

from urllib.parse import urlparse

import pytest

from browser_support import serve
from support import new_project
from test_accessibility import PAGES

MARK = "window.__pwned=1"
CORPUS = dict(
    title=f"<script>{MARK};alert(1)</script>Farlig titel",
    description=f'"><img src=x onerror="{MARK};alert(2)"> och \'apostrof\'',
    organisation=f"</title><script>{MARK}</script>",
    tags=[f"<svg onload=\"{MARK}\">"],
    partners=["javascript:alert(4)"],
    contact={"name": f"<iframe src=\"javascript:{MARK}\"></iframe>", "role": "<b onmouseover=alert(5)>x</b>"},
    links=[{"title": f"<img src=x onerror=\"{MARK}\">", "url": "https://example.se/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"}],
    areas=["education"],
)
BODY = f"""## Behov

<script>{MARK};alert(7)</script>
<img src="x" onerror="{MARK};alert(8)">

[klicka här](javascript:alert(9)) och <a href="javascript:{MARK}">här</a>.

<iframe src="javascript:{MARK}"></iframe>
<details open ontoggle="{MARK}"><summary>x</summary>y</details>
<svg><script>{MARK}</script></svg>
<a href="data:text/html,<script>alert(1)</script>">data</a>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("hostile") / "project")
    project.add("farlig", body=BODY, **CORPUS)
    project.add("vanlig", title="Vanligt initiativ", areas=["education"])
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("*.html")
                   if not p.is_relative_to(project.site / "admin"))
    return serve(project.site), pages


def test_no_injected_script_runs_on_any_page(page, hostile_site):
    base, pages = hostile_site
    assert len(pages) > 40
    for path in pages:
        page.goto(base + path)
        page.mouse.move(200, 300)
        assert page.evaluate("window.__pwned") is None, path
    assert page.dialogs == []


def test_search_results_show_hostile_titles_as_text(page, hostile_site):
    base, _ = hostile_site
    page.goto(base)
    page.get_by_label("Sök bland initiativen", exact=True).fill("farlig")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "<script>" in page.locator(".md-search-result__title").first.inner_text()
    assert page.evaluate("window.__pwned") is None and page.dialogs == []


@pytest.mark.parametrize("name", list(PAGES))
def test_no_requests_to_other_hosts_and_no_cookies(page, base_url, name):
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).netloc for url in page.requests if url.startswith("http")}
    assert hosts == {urlparse(base_url).netloc}
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []
