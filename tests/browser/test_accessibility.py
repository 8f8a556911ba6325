"""WCAG 2.1 A and AA, checked with axe-core in headless Chromium on every
page type, in the light and the dark colour scheme; plus the basics axe
cannot judge alone: skip link, focus, one h1, heading order, language."""


import pytest

from support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every kind of page the site has; extend when a new kind appears.
PAGES = {
    "start": "",
    "facett": "facetter/missionsorienterad/",
    "steg": "steg/utforska-mojligheter/",
    "organisation": "organisationer/vard-och-omsorgsforvaltningen/",
    "globalt mål": "globala-malen/13/",
    "taxonomiöversikt": "facetter/",
    "alla initiativ": "alla-initiativ/?facet=mission",
    "initiativ": "initiatives/ai-assistent-for-invanarfragor/",
    "överblick": "overblick/",
    "utmaning": "utmaningar/aldre-bor-kvar-hemma/",
    "utmaning utan initiativ": "utmaningar/ensamhet-bland-aldre-pa-landsbygden/",
    "utmaningar": "utmaningar/",
    "lärdomar": "lardomar/?status=stopped",
    "pausat initiativ": "initiatives/sjalvkorande-buss-pilot/",
    "skrivguide": "skriva-initiativ/",
    "öppna data": "oppna-data/",
    "tillgänglighet": "tillganglighet/",
    "404": "404.html",  # what the host serves for a missing address
}
SCHEMES = ["default", "slate"]


def open_page(page, url: str, scheme: str) -> None:
    # As a visitor whose system prefers it: Material picks the scheme on load
    # (switching afterwards would let colour transitions run while axe measures).
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(url)
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    if "alla-initiativ" in url:
        page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
        page.evaluate("document.querySelectorAll('form.portfolio-filter details').forEach(d => d.open = true)")


def violations(page) -> list[str]:
    # Run as the tester's own code: the page's Content Security Policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", WCAG)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×, t.ex. {v['nodes'][0]['target']})" for v in result["violations"]]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(page, base_url, name, scheme):
    open_page(page, base_url + PAGES[name], scheme)
    assert violations(page) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_structure(page, base_url, name):
    page.goto(base_url + PAGES[name])
    assert page.get_attribute("html", "lang") == "sv"
    assert page.locator("h1").count() == 1
    levels = page.eval_on_selector_all("main h1, main h2, main h3, main h4, main h5, main h6",
                                       "hs => hs.map(h => +h.tagName[1])")
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_skip_link_is_the_first_stop_and_focus_is_visible(page, base_url):
    page.goto(base_url + PAGES["initiativ"])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in skip.get_attribute("class").split() and skip.inner_text().strip() == "Gå till innehållet"
    assert skip.is_visible() and skip.bounding_box()["height"] > 0
    page.keyboard.press("Tab")
    outline, width = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                                   "return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert outline != "none" and width >= 1
