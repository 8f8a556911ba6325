"""The journey, the movement charts and the lessons page as a visitor uses
them: keyboard, a narrow screen, and axe on the parts that open."""

import pytest

from browser_support import serve
from support import new_project
from test_accessibility import open_page, violations


def test_timeline_reads_in_order_and_its_table_opens_by_keyboard(page, base_url):
    page.goto(base_url + "initiatives/ai-assistent-for-invanarfragor/")
    timeline = page.locator("section.portfolio-timeline")
    assert timeline.locator("h2").inner_text() == "Resan genom stegen"
    times = timeline.locator("ol time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert times == sorted(times) and len(times) == 3
    summary = timeline.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    table = timeline.locator("table")
    assert table.is_visible() and table.locator("tbody tr").count() == 3
    assert violations(page) == []


def test_results_and_lessons_link_are_near_the_top_at_320_pixels(page, base_url):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + "initiatives/ai-assistent-for-invanarfragor/")
    link = page.get_by_role("link", name="Läs vad vi lärde oss")
    facts = page.locator("#fakta")
    assert link.bounding_box()["y"] < facts.bounding_box()["y"]
    assert page.locator(".portfolio-results__value").first.inner_text().replace("\u202f", " ") == "4 200 st"
    for part in (".portfolio-results__item", ".portfolio-timeline__event", ".portfolio-lessons-link"):
        for box in page.locator(part).all():
            assert box.bounding_box()["x"] + box.bounding_box()["width"] <= 320, part
    link.click()
    assert page.evaluate("location.hash") == "#avsnitt-lardomar"


def test_movement_charts_on_the_overview(page, base_url):
    open_page(page, base_url + "overblick/", "default")
    for chart in ("stegbyten", "tid-i-steg"):
        svg = page.locator(f'svg[aria-labelledby="{chart}-svg-title {chart}-text"]')
        assert svg.count() == 1 and svg.locator("rect").count() > 0
        assert page.locator(f"#{chart}-text").inner_text()
    still = page.locator("section:has(#stilla) table")
    assert still.locator("tbody tr").count() >= 1
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert violations(page) == []


def test_lessons_filter_by_keyboard_and_in_the_address(page, base_url):
    page.goto(base_url + "lardomar/")
    form = page.locator("form.portfolio-lessons-filter")
    assert form.is_visible()
    total = page.locator(".portfolio-lesson").count()
    box = form.get_by_label("Avbrutet")
    box.focus()
    page.keyboard.press("Space")
    visible = page.locator(".portfolio-lesson:visible")
    assert visible.count() == 1 and "Fråga Åsa" in visible.first.inner_text()
    assert "status=stopped" in page.url
    assert page.locator("#lardomar-antal").inner_text() == f"1 av {total} initiativ med lärdomar"
    page.goto(base_url + "lardomar/?facet=enhancement")
    assert all(item.get_attribute("data-facet") == "enhancement" for item in page.locator(".portfolio-lesson:visible").all())


def test_lessons_page_without_javascript_shows_every_lesson(page_without_js, base_url):
    page_without_js.goto(base_url + "lardomar/?status=stopped")
    assert not page_without_js.locator("form.portfolio-lessons-filter").is_visible()
    assert page_without_js.locator(".portfolio-lesson:visible").count() == 17


@pytest.fixture(scope="module")
def many_lessons(tmp_path_factory) -> str:
    """105 initiatives with lessons: the one missionsorienterad, last by title, is on page 2."""
    project = new_project(tmp_path_factory.mktemp("lessons") / "project")
    for n in range(104):
        project.add(f"l-{n:03}", title=f"Lärdom {n:03}", body=f"## Lärdomar\n\nLärdom nummer {n}.\n")
    project.add("sist", title="Östlig pilot", facet="mission", body="## Lärdomar\n\nDen sista lärdomen.\n")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return serve(project.site)


def test_lessons_come_a_page_at_a_time_and_the_filter_covers_every_page(page, many_lessons):
    page.goto(many_lessons + "lardomar/")
    assert page.locator(".portfolio-lesson:visible").count() == 100
    assert page.locator("#lardomar-antal").inner_text() == "105 initiativ med lärdomar"
    page.locator("form.portfolio-lessons-filter").get_by_label("Missionsorienterad").check()
    page.locator(".portfolio-lessons:not([aria-busy])").wait_for(state="attached")
    visible = page.locator(".portfolio-lesson:visible")
    assert visible.count() == 1 and "Den sista lärdomen." in visible.first.inner_text()
    assert visible.first.locator("a").get_attribute("href").endswith("/initiatives/sist/#avsnitt-lardomar")
    assert page.locator("#lardomar-antal").inner_text() == "1 av 105 initiativ med lärdomar"
    assert page.locator("nav.portfolio-pagination").is_hidden()
    page.locator("form.portfolio-lessons-filter").get_by_label("Missionsorienterad").uncheck()
    assert page.locator(".portfolio-lesson:visible").count() == 100 and page.locator("nav.portfolio-pagination").is_visible()


def test_lessons_pages_without_javascript(page_without_js, many_lessons):
    page_without_js.goto(many_lessons + "lardomar/")
    assert page_without_js.locator(".portfolio-lesson").count() == 100
    page_without_js.get_by_role("link", name="Nästa sida").click()
    assert page_without_js.locator(".portfolio-lesson").count() == 5
    assert "Den sista lärdomen." in page_without_js.locator("main").inner_text()
