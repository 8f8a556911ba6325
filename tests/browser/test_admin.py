"""The web editor starts in the browser from the site's own files."""

from urllib.parse import urlparse


def test_editor_starts_from_the_site_itself(page, base_url):
    loaded, scripts = [], []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    page.goto(base_url + "admin/", wait_until="domcontentloaded")
    page.get_by_text("Sign In with").first.wait_for(timeout=20_000)
    hosts = {urlparse(url).netloc for url in loaded if url.startswith("http")}
    assert hosts == {urlparse(base_url).netloc}
    assert scripts and all(url.startswith(base_url) for url in scripts)
    assert not any("jsdelivr" in url for url in loaded)  # web fonts refused by the page's policy
