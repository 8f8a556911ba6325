"""The web editor starts in the browser from the site's own files."""

from urllib.parse import urlparse


def test_editor_starts_from_the_site_itself(page, base_url):
    requested, refused, scripts = [], set(), []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: request.failure == "csp" and refused.add(request.url))
    page.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    page.goto(base_url + "admin/", wait_until="domcontentloaded")
    page.get_by_text("Sign In with").first.wait_for(timeout=20_000)
    for _ in range(50):  # the bundle asks for its web fonts once it has drawn the page
        if any("jsdelivr" in url for url in refused):
            break
        page.wait_for_timeout(200)
    assert scripts and all(url.startswith(base_url) for url in scripts)
    elsewhere = {url for url in requested if url.startswith("http") and not url.startswith(base_url)}
    assert any("jsdelivr" in url for url in refused)  # the bundle's web fonts, stopped by the page's policy
    # The one exception, documented in the README: Sveltia
    # asks unpkg.com for its Swedish translation and package data, JSON files.
    let_through = elsewhere - refused
    assert all(urlparse(url).netloc == "unpkg.com" and url.endswith(".json") for url in let_through), let_through
