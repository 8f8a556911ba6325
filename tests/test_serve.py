"""`mkdocs serve` keeps the last good preview when an edit breaks validation,
says why in Swedish on every failed rebuild, and shows the fix as soon as the
file is saved again."""

import json

import pytest

from support import MINIMAL, fetch, front_matter, preview, wait_for


@pytest.fixture
def server(project, tmp_path):
    project.add("pilot", title="Första versionen")
    with preview(project, tmp_path / "serve.log", "initiatives/pilot/") as running:
        yield project, running


def test_error_while_serving_keeps_the_last_good_preview(server):
    project, running = server
    url = running.base_url + "initiatives/pilot/"
    assert "Första versionen" in fetch(url)
    path = project.initiatives / "pilot.md"
    summary = ("Innehållet har 1 fel. Rätta felen ovan. Förhandsvisningen visar den senaste fungerande versionen "
               "tills felen är rättade; spara filen igen så byggs den om.")
    for attempt in (1, 2):  # the summary is printed on every failed rebuild, not only the first
        path.write_text(front_matter(MINIMAL | {"title": f"Trasig {attempt}", "stage": "explroe"}), encoding="utf-8")
        wait_for(lambda: running.output().count(summary) == attempt)
        assert running.output().count("content/initiatives/pilot.md:5: fältet 'stage': Okänt värde 'explroe'") == attempt
        assert "Första versionen" in fetch(url)
    problems = json.loads(fetch(running.base_url + "assets/portfolj-preview/problems.json"))
    assert problems["summary"] == summary
    assert [(p["path"], p["line"], p["field"]) for p in problems["problems"]] == [
        ("content/initiatives/pilot.md", 5, "stage")]

    path.write_text(front_matter(MINIMAL | {"title": "Rättad version"}), encoding="utf-8")
    wait_for(lambda: "Rättad version" in fetch(url))
    assert json.loads(fetch(running.base_url + "assets/portfolj-preview/problems.json"))["problems"] == []


def test_drafts_are_previewed_with_a_mark(project, tmp_path):
    project.add("utkast", title="Ett utkast", draft=True)
    with preview(project, tmp_path / "serve.log", "initiatives/utkast/") as running:
        page = fetch(running.base_url + "initiatives/utkast/")
        assert '<p class="portfolio-draft"><strong>Utkast</strong>' in page
        assert "assets/portfolj-preview/preview-panel.js" in page
        assert "portfolio-badge--draft" in fetch(running.base_url + "alla-initiativ/")
