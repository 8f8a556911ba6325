"""The body's HTML allow-list: attacks are removed, what writers use stays."""

import pytest

from portfolj.sanitize import Sanitizer
from portfolj.urls import Site

HOSTS = ("www.youtube-nocookie.com",)
sanitize = Sanitizer(Site("https://innovation.kommun.se/", HOSTS))

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name="pin"></form>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<div style="position:fixed;inset:0">täcker sidan</div>',
    '<p onclick="alert(1)" onmouseover="alert(1)">text</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_removed(attack):
    clean = sanitize(attack, "initiatives/a/").lower()
    for danger in ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "vbscript:",
                   "data:", "evil.example", "<object", "<embed", "<form", "<input", "<style", "<meta",
                   "<base", "style=", "<svg"):
        assert danger not in clean, (attack, clean)


def test_what_writers_use_is_kept():
    html = (
        '<h2 id="avsnitt-behov">Behov</h2><p>Text med <a href="https://www.vinnova.se/">länk</a>, '
        '<a href="../annat/">intern länk</a> och <a href="mailto:a@b.se">e-post</a>.</p>'
        "<table><thead><tr><th scope=\"col\">År</th></tr></thead><tbody><tr><td>2024</td></tr></tbody></table>"
        '<figure><img src="../bilder/a.jpg" alt="Två personer"><figcaption>Bildtext</figcaption></figure>'
        "<details><summary>Mer</summary><p>Dolt</p></details>"
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Film" allowfullscreen></iframe>'
    )
    assert sanitize(html, "initiatives/a/") == html.replace("allowfullscreen>", 'allowfullscreen="">')


def test_images_from_other_hosts_lose_their_source():
    assert sanitize('<img src="https://tracker.example/p.gif" alt="x">') == '<img alt="x">'
    assert sanitize('<img src="//tracker.example/p.gif" alt="x">') == '<img alt="x">'


def test_frames_from_other_hosts_lose_their_source():
    assert sanitize('<iframe src="https://www.youtube.com/embed/abc"></iframe>') == "<iframe></iframe>"
    assert sanitize('<iframe src="https://www.youtube-nocookie.com:8443/embed/abc"></iframe>') == "<iframe></iframe>"
    assert sanitize('<iframe src="https://x@www.youtube-nocookie.com/embed/abc"></iframe>') == "<iframe></iframe>"


@pytest.mark.parametrize("src", [
    "/\\\\tracker.example/p.gif", "\\\\tracker.example/p.gif", "https:\\\\tracker.example/p.gif",
    "ht\ttps://tracker.example/p.gif", "https://innovation.kommun.se@tracker.example/p.gif",
    "http://innovation.kommun.se/p.gif", "https://innovation.kommun.se:444/p.gif",
    "data:image/png;base64,AAAA", "blob:https://innovation.kommun.se/x",
])
def test_images_are_judged_as_a_browser_reads_them(src):
    assert sanitize(f'<img src="{src}" alt="x">', "initiatives/a/") == '<img alt="x">'


def test_images_on_the_site_keep_their_source():
    for src in ("../../bilder/a.jpg", "/bilder/a.jpg", "https://innovation.kommun.se/bilder/a.jpg"):
        assert sanitize(f'<img src="{src}" alt="x">', "initiatives/a/") == f'<img src="{src}" alt="x">'


def test_a_site_in_a_folder_keeps_its_images_inside_it():
    in_folder = Sanitizer(Site("https://kommun.se/innovation/"))
    assert in_folder('<img src="../../bilder/a.jpg">', "initiatives/a/") == '<img src="../../bilder/a.jpg">'
    assert in_folder('<img src="../../../annat/a.jpg">', "initiatives/a/") == "<img>"


def test_ids_from_content_are_namespaced_and_names_dropped():
    html = ('<p id="__config">x</p><img id="resultat" name="__search" src="../a.jpg">'
            '<h2 id="avsnitt-behov">B</h2><span class="md-search__input portfolio-cards egen">y</span>')
    assert sanitize(html, "initiatives/a/") == (
        '<p id="avsnitt-__config">x</p><img id="avsnitt-resultat" src="../a.jpg">'
        '<h2 id="avsnitt-behov">B</h2><span class="egen">y</span>')


def test_links_to_headings_follow_the_namespaced_ids():
    html = ('<a href="#behov">a</a><a href="../b/#resultat">b</a><a href="https://innovation.kommun.se/c/#d">c</a>'
            '<a href="https://www.vinnova.se/#behov">d</a><a href="#">e</a>')
    assert sanitize(html, "initiatives/a/") == (
        '<a href="#avsnitt-behov">a</a><a href="../b/#avsnitt-resultat">b</a>'
        '<a href="https://innovation.kommun.se/c/#avsnitt-d">c</a>'
        '<a href="https://www.vinnova.se/#behov">d</a><a href="#">e</a>')
