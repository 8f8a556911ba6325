"""`mkdocs serve` keeps the last good preview when an edit breaks validation,
says why in Swedish on every failed rebuild, and shows the fix as soon as the
file is saved again."""

import gzip
import json
import re
from pathlib import Path

import pytest

from benchmarks.synthetic import write_initiatives
from portfolj.build import PortfolioBuild
from portfolj.loading import ReadCache
from portfolj.preview import DONE_LATER
from portfolj.rebuild import EVERYTHING, pages_to_render
from portfolj_mkdocs.preview import POLL_CONTENT
from support import MINIMAL, fetch, free_port, front_matter, new_project, preview, wait_for


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


# ----------------------------------------------------------------------------
# Incremental rebuilds (`mkdocs serve --dirty`)
# ----------------------------------------------------------------------------

def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a served site by path; gzip files by what they hold."""
    return {file.relative_to(site).as_posix(): gzip.decompress(file.read_bytes()) if file.suffix == ".gz"
            else file.read_bytes() for file in sorted(site.rglob("*")) if file.is_file()}


def served_site(temporary: Path) -> Path:
    """The folder `mkdocs serve` builds into (its temporary folder)."""
    return next(temporary.glob("mkdocs_*"))


def test_incremental_preview_equals_a_clean_one(tmp_path):
    """After edits (also saved as editors do, by renaming a new file over
    the old), additions, deletions, term changes, an error, a changed
    challenge and pictures that came and went, `mkdocs serve --dirty`
    serves exactly what a fresh server builds from the same content: every
    page, export and index."""
    project = new_project(tmp_path / "project", examples=True)
    # Enough initiatives that each facet has more than twice RELATED_WINDOW (see Portfolio.neighbours).
    write_initiatives(project.initiatives, 400)
    port = free_port()
    env = {"SOURCE_DATE_EPOCH": "1796083200"}  # sitemap.xml.gz holds the build's time
    incremental, fresh = tmp_path / "incremental", tmp_path / "fresh"
    incremental.mkdir()
    fresh.mkdir()
    with preview(project, tmp_path / "serve.log", "", "--dirty", port=port, env=env | {"TMPDIR": str(incremental)}
                 ) as running:
        wait_for(lambda: running.output().count(DONE_LATER) == 1, timeout=180)

        def change(path: Path, edit, failing: bool = False, as_editors_save: bool = False) -> None:
            """``edit`` gives the new text (or bytes), None deletes; ``as_editors_save``:
            written to a new file, which is renamed over the old one."""
            before, errors = running.output().count(DONE_LATER), running.output().count("Innehållet har")
            if edit is None:
                path.unlink()
            else:
                text = edit(path.read_text(encoding="utf-8") if path.exists() else "")
                written = path.with_name(f".{path.name}.tmp") if as_editors_save else path
                written.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
                written.replace(path)
            if failing:
                wait_for(lambda: running.output().count("Innehållet har") > errors, timeout=180)
            else:
                wait_for(lambda: running.output().count(DONE_LATER) > before, timeout=180)

        def synthetic(number: int) -> Path:
            return project.initiatives / f"initiativ-{number:05}.md"
        # First, as it renders everything again: what follows is rendered incrementally.
        challenge = next((project.root / "content" / "utmaningar").glob("*.md"))
        change(challenge, lambda text: re.sub(r"^title: ", "title: Ändrad ", text, count=1, flags=re.M))
        change(synthetic(10), lambda text: text.replace("## Behov\n\n", "## Behov\n\nEn ny mening. ", 1))
        change(synthetic(11), lambda text: text.replace("## Lärdomar\n\n", "## Lärdomar\n\nNy lärdom. ", 1))
        change(synthetic(12), lambda text: re.sub(r"^stage: .*$", "stage: spread", text, count=1, flags=re.M))
        change(synthetic(13), lambda text: re.sub(r"^facet: .*$", "facet: mission", text, count=1, flags=re.M))
        change(synthetic(14), lambda text: re.sub(r"^title: ", "title: Aaa först ", text, count=1, flags=re.M))
        change(synthetic(15), lambda text: text.replace("areas:\n", "areas:\n- culture-leisure\n", 1)
               if "- culture-leisure\n" not in text else text.replace("- culture-leisure\n", "", 1))
        change(synthetic(16), lambda text: text.replace("---\n\n", "featured: true\n---\n\n", 1))
        change(project.initiatives / "helt-nytt.md", lambda _: front_matter(
            MINIMAL | {"title": "Helt nytt", "organisation": "Ny förvaltning", "tags": ["energi"]}))
        change(synthetic(17), lambda text: re.sub(r"^stage: .*$", "stage: explore", text, count=1, flags=re.M),
               as_editors_save=True)
        change(project.initiatives / "ett-till.md", lambda _: front_matter(MINIMAL | {"title": "Ett till"}),
               as_editors_save=True)
        picture = project.root / "content" / "bilder" / "asby-logo.png"
        for name in ("ny-bild.png", "borttagen-bild.png"):  # files that are not pages
            change(picture.with_name(name), lambda _: picture.read_bytes())
        change(picture.with_name("borttagen-bild.png"), None)
        change(synthetic(20), None)
        change(synthetic(21), lambda text: re.sub(r"^stage: .*$", "stage: explroe", text, count=1, flags=re.M),
               failing=True)
        change(synthetic(21), lambda text: text.replace("stage: explroe", "stage: needs"))
        change(project.initiatives / "helt-nytt.md", None)
        change(project.root / "content" / "index.md", lambda text: text + "\nEn rad till på startsidan.\n")
        change(project.root / "content" / "initiatives" / "idesluss-for-medarbetare.md",
               lambda text: text.replace("## ", "Ett tillägg.\n\n## ", 1))
        served = site_files(served_site(incremental))
    assert "Innehållet har 1 fel." in running.output()  # the error was reported, and the preview went on

    with preview(project, tmp_path / "fresh.log", "", "--dirty", port=port, env=env | {"TMPDIR": str(fresh)}
                 ) as running:
        wait_for(lambda: running.output().count(DONE_LATER) == 1, timeout=180)
        clean = site_files(served_site(fresh))
    assert served.keys() == clean.keys()
    different = [path for path in clean if served[path] != clean[path]]
    assert different == []
    assert "initiatives/helt-nytt/index.html" not in clean and "organisationer/ny-forvaltning/index.html" not in clean
    assert "initiatives/ett-till/index.html" in clean and "bilder/ny-bild.png" in clean
    assert "bilder/borttagen-bild.png" not in clean


def test_the_content_can_be_watched_by_polling(project, tmp_path):
    """Where the system tells of no changes (a folder mounted from another
    machine), PORTFOLJ_POLL_CONTENT keeps MkDocs' own watcher for the content."""
    project.add("pilot", title="Första versionen")
    with preview(project, tmp_path / "serve.log", "initiatives/pilot/", env={POLL_CONTENT: "1"}) as running:
        (project.initiatives / "pilot.md").write_text(front_matter(MINIMAL | {"title": "Andra versionen"}),
                                                       encoding="utf-8")
        wait_for(lambda: "Andra versionen" in (fetch(running.base_url + "initiatives/pilot/") or ""))


def test_a_new_title_of_an_editorial_page_renders_everything_again(tmp_path):
    """An editorial page's title may show in every page's menu (a site whose
    nav does not name it); its text shows only on itself."""
    project = new_project(tmp_path / "project", examples=True)
    home = project.root / "content" / "index.md"

    cache = ReadCache()  # as the preview reads: only what changed

    def build(shown: PortfolioBuild | None = None) -> PortfolioBuild:
        loaded, problems = PortfolioBuild.load(project.root / "content", project.root,
                                               {"site_name": "X", "site_url": "https://x.se/"}, "mkdocs.yml",
                                               drafts=True, cache=cache, shown=shown)
        assert problems == []
        return loaded

    shown = build()
    home.write_text(home.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    text_only = build(shown)
    assert pages_to_render(shown, text_only).pages is not None  # the engine renders the page itself again
    home.write_text(re.sub(r"^title: ", "title: Ny ", home.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    assert pages_to_render(text_only, build(text_only)) == EVERYTHING
