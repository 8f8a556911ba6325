"""The preview panel in a real browser against a running `mkdocs serve`:
a content error appears on top of the last good page, announced, listing
file, line and message; Escape or its button hides it; it disappears when
the file is fixed, and never reaches the built site."""

import json

import pytest

from support import MINIMAL, fetch, front_matter, preview

PANEL = ".portfolj-preview-panel"


@pytest.fixture
def running(project, tmp_path):
    project.add("pilot", title="Första versionen")
    with preview(project, tmp_path / "serve.log", "initiatives/pilot/") as served:
        yield project, served


def test_the_panel_shows_every_problem_over_the_last_good_page(running, page):
    project, served = running
    page.goto(served.base_url + "initiatives/pilot/")
    assert page.locator("h1").inner_text() == "Första versionen"
    assert page.locator(PANEL).count() == 0

    (project.initiatives / "pilot.md").write_text(
        front_matter(MINIMAL | {"title": "Trasig", "stage": "explroe", "featured": "yes"}), encoding="utf-8")
    panel = page.locator(PANEL)
    panel.wait_for(timeout=60_000)  # the preview reloads itself after the rebuild
    assert panel.get_attribute("role") == "alert"
    assert page.locator("h1").inner_text() == "Första versionen"  # the last good page
    assert panel.locator("h2").inner_text().startswith("Innehållet har 2 fel.")
    items = panel.locator("li").all_inner_texts()
    assert items[0].startswith("content/initiatives/pilot.md, rad 5 fältet stage: Okänt värde 'explroe'.")
    assert items[1].startswith("content/initiatives/pilot.md, rad 8 fältet featured: Ska vara true eller false")
    assert page.evaluate("document.body.firstElementChild.className") == "portfolj-preview-panel"

    page.keyboard.press("Escape")
    assert panel.count() == 0
    page.reload()
    panel.wait_for()
    page.locator(".portfolj-preview-panel__close").focus()
    page.keyboard.press("Enter")
    assert panel.count() == 0

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    panel.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert panel.bounding_box()["width"] <= 320

    (project.initiatives / "pilot.md").write_text(front_matter(MINIMAL | {"title": "Rättad"}), encoding="utf-8")
    page.locator("h1", has_text="Rättad").wait_for(timeout=60_000)
    assert json.loads(fetch(served.base_url + "assets/portfolj-preview/problems.json"))["problems"] == []
    with page.expect_response(lambda response: "problems.json" in response.url):
        page.reload()
    page.locator("h1", has_text="Rättad").wait_for()
    assert panel.count() == 0
    assert page.errors == []


def test_a_preview_started_with_problems_lists_them_until_they_are_fixed(project, tmp_path, page):
    """No last good page exists: the preview is a page of the problems, and
    the site appears (by itself) once the file is fixed."""
    broken = project.add("pilot", stage="explroe")
    with preview(project, tmp_path / "serve.log", "") as served:
        page.goto(served.base_url)
        panel = page.locator(PANEL)
        assert panel.get_attribute("role") == "alert"
        assert panel.locator("h1").inner_text() == "Innehållet har 1 fel"
        assert panel.locator("p").inner_text().startswith("Webbplatsen visas här när felen nedan är rättade.")
        assert panel.locator("li").inner_text().startswith("content/initiatives/pilot.md, rad 5 fältet stage: "
                                                           "Okänt värde 'explroe'.")
        assert page.evaluate("document.documentElement.lang") == "sv"
        page.goto(served.base_url + "initiatives/pilot/")  # any address: the same list, styled
        assert panel.locator("li").count() == 1 and panel.evaluate("el => getComputedStyle(el).position") == "sticky"
        assert "Okänt värde 'explroe'." in served.output()

        page.goto(served.base_url)
        broken.write_text(front_matter(MINIMAL | {"stage": "sprid"}), encoding="utf-8")  # still wrong, now so
        panel.locator("li", has_text="Okänt värde 'sprid'.").wait_for(timeout=60_000)
        broken.write_text(front_matter(MINIMAL | {"title": "Rättad"}), encoding="utf-8")
        page.wait_for_function("!document.title.startsWith('Förhandsvisningen')", timeout=60_000)  # reloads itself
        assert panel.count() == 0
        page.goto(served.base_url + "initiatives/pilot/")
        assert page.locator("h1").inner_text() == "Rättad"
    assert page.errors == []


def test_the_built_site_has_no_panel(project):
    project.add("pilot")
    assert project.build("--strict").returncode == 0
    assert not (project.site / "assets" / "portfolj-preview").exists()
    assert [path for path in project.site.rglob("*.html") if "preview-panel" in path.read_text(encoding="utf-8")] == []
