"""WCAG 2.1 A and AA, checked with axe-core in headless Chromium on every
page type, in the light and the dark colour scheme; plus the basics axe
cannot judge alone: skip link, focus, one h1, heading order, language."""

import base64
from collections import Counter

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


def _luminance(colour: tuple[int, ...]) -> float:
    def linear(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(value) for value in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_ticked_checkbox_stands_out_from_the_page_as_drawn(page, base_url, scheme):
    # Non-text contrast (WCAG 1.4.11), which axe does not measure: the pixels
    # of the ticked box, read back from a screenshot.
    open_page(page, base_url + "alla-initiativ/?facet=mission", scheme)
    shot = page.locator('input[name="facet"][value="mission"]').screenshot(scale="css")
    background = tuple(page.evaluate("getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number)"))
    reader = page.context.new_page()  # a blank page, without the site's policy against inline images
    rgba = reader.evaluate("""async png => { const image = new Image(); image.src = 'data:image/png;base64,' + png;
        await image.decode(); const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [image.width, image.height];
        const drawing = canvas.getContext('2d'); drawing.drawImage(image, 0, 0);
        return Array.from(drawing.getImageData(0, 0, image.width, image.height).data); }""",
                           base64.b64encode(shot).decode())
    pixels = Counter(tuple(rgba[i:i + 3]) for i in range(0, len(rgba), 4))
    fill = next(colour for colour, _ in pixels.most_common() if contrast(colour, background) > 1.2)
    assert contrast(fill, background) >= 3, (fill, background)
