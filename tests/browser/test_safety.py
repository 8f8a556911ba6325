"""A site built from hostile content that is published harmless runs none of
it, on any page: no dialog, no script of the corpus, no request to another
host, no element that shadows the theme's, no violation of the pages'
Content Security Policy. No page of the example site asks another host for
anything, sets a cookie or breaks its policy. (What the build refuses
instead is tested in tests/test_hostile_content.py.)"""

from urllib.parse import urlparse

import pytest

from browser_support import serve
from support import front_matter, new_project
from test_accessibility import PAGES

MARK = "window.__pwned=1"
# Scripts in every text field of the front matter.
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
# The body: scripts and handlers (removed), elements that would shadow the
# theme's (namespaced), and addresses split over lines, which only the
# sanitiser sees whole (removed).
BODY = f"""## Behov {{#__config}}

Se [behovet](#__config) och [lösningen](#losning).

<script>{MARK};alert(7)</script>
<img src="x" onerror="{MARK};alert(8)">
<details open ontoggle="{MARK}"><summary>x</summary>y</details>
<svg><script>{MARK}</script></svg>

<p id="__search" class="md-search__input">skuggar sökrutan</p>
<img id="__palette_0" name="__md_scope" alt="skuggar paletten" src="../../bilder/finns.png">
<a id="resultat" name="__config" href="#losning">skuggar filtrets status</a>

<a
href="javascript:{MARK}">delad länk</a>
<img alt="delad bild"
src="https://tracker.example/p.gif">
<iframe
src="https://evil.example/"></iframe>

## Lösning

Text.

<math><mtext><table><mglyph><style><img src=x onerror="{MARK}">
"""
# Scripts in the taxonomy file's texts: menu, headings, descriptions.
TAXONOMY_TEXT = f"<img src=x onerror=\"{MARK}\">"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("hostile") / "project")
    taxonomy = (project.root / "taxonomy.yml").read_text(encoding="utf-8")
    project.write("taxonomy.yml", taxonomy
                  .replace("plural: Innovationsfacetter", f"plural: '{TAXONOMY_TEXT}Facetter'")
                  .replace("label: Förbättringsinriktad", f"label: '{TAXONOMY_TEXT}Förbättring'")
                  .replace("  path: steg\n", "  path: steg\n  description: '[steg](javascript:alert(3)) <script>alert(3)</script>'\n", 1))
    project.write("content/bilder/finns.png", b"\x89PNG\r\n\x1a\n")
    project.write("content/utmaningar/farlig-utmaning.md", front_matter(
        {"title": CORPUS["title"], "description": CORPUS["description"], "organisation": CORPUS["organisation"],
         "opened": "2025-01-01", "status": "open"}, BODY))
    project.add("farlig", body=BODY, challenges=["farlig-utmaning"], **CORPUS)
    project.add("vanlig", title="Vanligt initiativ", areas=["education"], facet="enhancement")
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
        assert page.violations == [], path
    assert page.dialogs == [] and page.errors == []
    hosts = {urlparse(url).netloc for url in page.requests if url.startswith("http")}
    assert hosts == {urlparse(base).netloc}


def test_content_cannot_shadow_the_theme(page, hostile_site):
    base, _ = hostile_site
    page.goto(base + "initiatives/farlig/")
    assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT"
    assert page.evaluate("document.getElementById('__search').tagName") == "INPUT"
    assert page.evaluate("[...document.querySelectorAll('[name]')].map(e => e.name)").count("__config") == 0
    assert page.evaluate("typeof __md_scope") == "object"  # Material's own, not an element
    # The theme still works: the palette toggles, the search opens.
    page.locator("label[for='__palette_1']").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.violations == [] and page.errors == []


def test_links_to_headings_and_the_table_of_contents_work(page, hostile_site):
    base, _ = hostile_site
    page.goto(base + "initiatives/farlig/")
    page.get_by_role("link", name="lösningen").click()
    assert page.url.endswith("#avsnitt-losning")
    assert page.evaluate("document.querySelector(':target').textContent") == "Lösning"
    page.get_by_role("link", name="behovet").click()
    assert page.evaluate("document.querySelector(':target').textContent") == "Behov"


@pytest.mark.breaks_the_policy
def test_the_policy_stops_a_script_the_sanitiser_would_miss(page, hostile_site):
    base, _ = hostile_site
    page.goto(base + "initiatives/farlig/")
    page.evaluate(f"""() => {{
        const script = document.createElement('script');
        script.textContent = '{MARK}';
        document.body.append(script);
        const img = document.createElement('img');
        img.src = 'https://tracker.example/p.gif';
        document.body.append(img);
        document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="{MARK}">');
    }}""")
    expected = {"script-src-elem inline", "img-src https://tracker.example/p.gif", "script-src-attr inline"}
    for _ in range(100):  # the violations arrive as events
        blocked = {" ".join(v.split()[:2]) for v in page.violations}
        if blocked >= expected:
            break
        page.wait_for_timeout(20)
    assert page.evaluate("window.__pwned") is None
    assert blocked == expected


def test_search_results_show_hostile_titles_as_text(page, hostile_site):
    base, _ = hostile_site
    page.goto(base)
    page.get_by_label("Sök bland initiativen", exact=True).fill("farlig")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "<script>" in page.locator(".md-search-result__title").first.inner_text()
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
    assert page.violations == []


@pytest.mark.parametrize("name", list(PAGES))
def test_no_requests_to_other_hosts_no_cookies_and_no_policy_violations(page, base_url, name):
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).netloc for url in page.requests if url.startswith("http")}
    assert hosts == {urlparse(base_url).netloc}
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []
    assert page.violations == []
