"""The public face as a citizen meets it: search first on the home page,
ways in by area, stories with pictures, why an initiative stopped, related
initiatives with their reason, the way back to a filtered list, printing;
and screenshots of every page type for review (not compared pixel by pixel)."""

import io
import re

import pytest
from pypdf import PdfReader

from support import ROOT
from test_accessibility import PAGES

SCREENSHOTS = ROOT / "test-screenshots"  # gitignored


def test_home_page_is_search_first_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
    page = context.new_page()
    page.goto(base_url)
    field = page.get_by_label(re.compile(r"^Sök bland \d+ initiativ$"))
    assert field.bounding_box()["y"] + field.bounding_box()["height"] < 844  # on the first screen
    ways_in = page.get_by_role("heading", name="Hitta efter verksamhetsområde")
    assert ways_in.bounding_box()["y"] < 844
    elderly = page.get_by_role("link", name=re.compile(r"^Äldreomsorg \d+ initiativ$"))
    count = int(elderly.inner_text().split()[-2])
    elderly.click()  # the second step: the area's initiatives
    page.wait_for_url("**/omraden/**")
    assert page.locator(".portfolio-cards > li").count() == count
    page.goto(base_url)
    field.fill("aldreomsorg")  # no accents needed
    field.press("Enter")
    page.wait_for_url("**/alla-initiativ/?q=aldreomsorg")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    assert page.locator(".portfolio-cards > li").count() >= count
    context.close()


def test_featured_stories_have_pictures_and_a_third_of_the_examples_do(page, base_url, example_site):
    page.goto(base_url)
    featured = page.locator("#utvalda ~ .portfolio-cards > li, section[aria-labelledby=utvalda] .portfolio-cards > li")
    assert featured.count() >= 3
    assert all(card.locator("img").count() == 1 for card in featured.all())
    pictured = [path for path in (example_site.root / "content" / "initiatives").glob("*.md")
                if "\nimage:\n" in path.read_text(encoding="utf-8")]
    assert len(pictured) * 3 >= len(list((example_site.root / "content" / "initiatives").glob("*.md")))
    page.goto(base_url + "initiatives/meroppet-bibliotek/")
    picture = page.locator("figure.portfolio-image img")
    assert picture.get_attribute("alt").startswith("Tecknad bild")
    assert page.evaluate("document.querySelector('figure.portfolio-image img').naturalWidth") > 0
    assert "CC BY 4.0" in page.locator("figure.portfolio-image figcaption").inner_text()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_story_does_not_move_when_its_picture_arrives(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    page = context.new_page()
    page.add_init_script("""window.__shift = 0;
      new PerformanceObserver(list => list.getEntries().forEach(e => { window.__shift += e.value; }))
        .observe({type: 'layout-shift', buffered: true});""")
    held = []  # the picture is kept back until the text has been laid out, as on a slow line
    page.route("**/bilder/*.webp", lambda route: held.append(route))
    page.goto(base_url + "initiatives/meroppet-bibliotek/", wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelector('.portfolio-facts').getBoundingClientRect().height > 0")
    page.wait_for_timeout(300)
    facts_before = page.locator(".portfolio-facts").bounding_box()["y"]
    assert held and page.evaluate("document.querySelector('figure.portfolio-image img').complete") is False
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelector('figure.portfolio-image img').naturalWidth > 0")
    page.wait_for_timeout(300)
    assert page.locator(".portfolio-facts").bounding_box()["y"] == facts_before
    assert page.evaluate("window.__shift") == 0  # the cumulative layout shift
    picture = page.locator("figure.portfolio-image img").bounding_box()
    assert picture["width"] <= width and abs(picture["height"] - picture["width"] * 675 / 1200) < 1.5
    context.close()


def test_a_paused_initiative_says_why_near_the_top_and_links_its_lessons(page, base_url):
    page.goto(base_url + "initiatives/sjalvkorande-buss-pilot/")
    notice = page.get_by_role("note", name="Status")
    assert notice.inner_text().startswith("Pausat.")
    assert notice.bounding_box()["y"] < page.locator(".portfolio-facts").bounding_box()["y"]
    notice.get_by_role("link", name="Läs vad vi lärde oss").click()
    assert page.evaluate("location.hash") == "#avsnitt-lardomar"
    assert page.locator("#avsnitt-lardomar").inner_text() == "Lärdomar"


def test_related_initiatives_say_why(page, base_url):
    page.goto(base_url + "initiatives/medskapad-aldreomsorg/")
    reasons = page.locator(".portfolio-related__reason").all_inner_texts()
    assert reasons and all(reason.startswith("Samma ") for reason in reasons)
    assert any("Äldreomsorg" in reason for reason in reasons)


def test_the_way_back_keeps_the_filters(page, base_url):
    page.goto(base_url + "initiatives/medskapad-aldreomsorg/")
    back = page.get_by_role("link", name="Alla initiativ").first
    assert back.get_attribute("href").endswith("alla-initiativ/")  # came from elsewhere: the whole list
    page.goto(base_url + "alla-initiativ/?facet=mission&status=active")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    page.locator(".portfolio-cards > li[data-slug=medskapad-aldreomsorg] h3 a").click()
    page.wait_for_url("**/initiatives/medskapad-aldreomsorg/")
    back = page.get_by_role("link", name="Tillbaka till listan med dina filter")
    back.click()
    page.wait_for_url("**/alla-initiativ/?facet=mission&status=active")
    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
    assert page.locator('input[name="facet"][value="mission"]').is_checked()


def test_print_carries_the_municipality_the_address_and_the_date(page, base_url):
    page.goto(base_url + "initiatives/fossilfri-fordonsflotta/")
    text = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text()
    assert "Åsby kommun" in text
    assert "https://innovation.asby.se/initiatives/fossilfri-fordonsflotta/" in text.replace("\n", "")
    assert re.search(r"Utskrivet \d{1,2} [a-zé]+ \d{4}", text)


def test_titles_do_not_repeat_and_the_404_says_what_happened(page, base_url):
    titles = {}
    for name, path in PAGES.items():
        page.goto(base_url + path)
        titles[name] = page.title()
        words = [word.casefold() for word in re.findall(r"\w+", titles[name])]
        assert len(words) == len(set(words)) or name == "initiativ", titles[name]
    assert titles["404"].startswith("Sidan finns inte")
    assert titles["start"] == "Innovationsportföljen – Åsby kommun"


def test_steps_are_listed_in_step_order(page, base_url, example_site):
    page.goto(base_url + "steg/")
    assert page.locator("main ol > li h2").all_inner_texts() == [
        "Lägga grunden", "Identifiera behov", "Utforska möjligheter", "Förverkliga", "Sprida"]


@pytest.mark.parametrize(("device", "width", "height"), [("telefon", 390, 844), ("dator", 1280, 900)])
def test_screenshots_of_every_page_type_for_review(browser, base_url, device, width, height):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(base_url + path)
        if "alla-initiativ" in path:
            page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached")
        file = SCREENSHOTS / f"{name.replace(' ', '-')}-{device}.png"
        page.screenshot(path=str(file), full_page=True)
        assert file.stat().st_size > 5_000
    context.close()
