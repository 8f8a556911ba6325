"""The example site loads in a real browser, entirely from localhost."""

from urllib.parse import urlparse


def test_home_page_loads_without_third_party_requests(page, base_url):
    page.goto(base_url)
    assert page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang") == "sv"
    hosts = {urlparse(url).netloc for url in page.requests if not url.startswith("data:")}
    assert hosts == {urlparse(base_url).netloc}
    assert page.errors == []
