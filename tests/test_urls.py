"""Addresses are judged as a browser parses them (WHATWG URL standard)."""

import pytest

from portfolj.urls import Site, Use, directory_url

SITE = Site("https://innovation.kommun.se/", ("www.youtube-nocookie.com",))
PAGE = SITE.address_of("initiatives/a/")


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", " JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
    "https://innovation.kommun.se@evil.example/", "https://user:pass@evil.example/", "file:///etc/passwd",
    "http://[", "https://",
])
def test_links_that_are_refused(address):
    assert SITE.refusal(address, Use.LINK, PAGE) is not None


@pytest.mark.parametrize("address", [
    "https://www.vinnova.se/", "http://example.se/a?b=c#d", "mailto:namn@kommun.se", "../b/", "#behov", "/x/",
    "HTTPS://WWW.VINNOVA.SE/",
])
def test_links_that_are_allowed(address):
    assert SITE.refusal(address, Use.LINK, PAGE) is None


@pytest.mark.parametrize("address", [
    "https://tracker.example/p.gif", "//tracker.example/p.gif", "\\\\tracker.example/p.gif",
    "/\\tracker.example/p.gif", "\\/tracker.example/p.gif", "https:\\\\tracker.example/p.gif",
    "/\t/tracker.example/p.gif", "ht\ttps://tracker.example/p.gif", "https://innovation.kommun.se@tracker.example/a",
    "https://innovation.kommun.se.evil.example/a.png", "http://innovation.kommun.se/a.png",
    "https://innovation.kommun.se:8443/a.png", "data:image/svg+xml,<svg onload=alert(1)>",
    "blob:https://innovation.kommun.se/a", "javascript:alert(1)",
])
def test_images_from_elsewhere_are_refused(address):
    assert "ligger inte på webbplatsen" in SITE.refusal(address, Use.IMAGE, PAGE) or "användarnamn" in SITE.refusal(address, Use.IMAGE, PAGE)


@pytest.mark.parametrize("address", [
    "../../bilder/a.jpg", "/bilder/a.jpg", "https://innovation.kommun.se/bilder/a.jpg",
    "https:bilder/a.jpg",  # a special scheme without slashes is a relative address
    "HTTPS://INNOVATION.KOMMUN.SE/a.jpg", "https://innovation.kommun.se:443/a.jpg",
])
def test_images_on_the_site_are_allowed(address):
    assert SITE.refusal(address, Use.IMAGE, PAGE) is None


def test_a_site_in_a_folder_keeps_images_inside_that_folder():
    site = Site("https://kommun.se/innovation")
    page = site.address_of("initiatives/a/")
    assert site.refusal("../../bilder/a.jpg", Use.IMAGE, page) is None
    for outside in ("../../../a.jpg", "/a.jpg", "%2e%2e/%2e%2e/%2e%2e/a.jpg", ".%2E/.%2e/.%2e/a.jpg",
                    "/innovationx/a.jpg"):
        assert site.refusal(outside, Use.IMAGE, page) is not None, outside


def test_paths_on_the_site_are_decoded():
    assert SITE.path_of("../../bilder/m%C3%A5l%20a.jpg?x=1#y", PAGE) == "bilder/mål a.jpg"
    assert SITE.path_of("https://tracker.example/a.jpg", PAGE) is None


@pytest.mark.parametrize("address", [
    "https://www.youtube-nocookie.com/embed/abc", "https://WWW.YOUTUBE-NOCOOKIE.COM/embed/abc",
    "https://www.youtube-nocookie.com:443/embed/abc",
])
def test_frames_from_embed_hosts_are_allowed(address):
    assert SITE.refusal(address, Use.FRAME, PAGE) is None


@pytest.mark.parametrize("address", [
    "http://www.youtube-nocookie.com/embed/abc", "https://www.youtube.com/embed/abc",
    "https://www.youtube-nocookie.com.evil.example/", "https://evil.example/?www.youtube-nocookie.com",
    "https://www.youtube-nocookie.com@evil.example/", "https://evil.example\\@www.youtube-nocookie.com/",
    "//evil.example/", "/embed/abc", "https://www.youtube-nocookie.com:8443/embed/abc",
    "https://www%2eyoutube-nocookie%2ecom.evil.example/", "javascript:alert(1)",
])
def test_frames_from_elsewhere_are_refused(address):
    assert SITE.refusal(address, Use.FRAME, PAGE) is not None


def test_messages_name_invisible_characters():
    message = SITE.refusal("java\tscript:alert(1)", Use.LINK, PAGE)
    assert message.startswith("Länken 'java\\u0009script:alert(1)' är inte tillåten")


def test_directory_urls():
    assert [directory_url(p) for p in ("index.md", "initiatives/a.md", "steg/index.md")] == ["", "initiatives/a/", "steg/"]
