"""The web editor at /admin/, as a communicator uses it: Sveltia CMS in
headless Chromium, served from the site alone, in Swedish. End to end with
its test-repo backend (files kept in the browser's private file system),
configured by the same code as the published /admin/; the files it writes
go through the build's own validation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import serve
from portfolj.cms import admin_page, cms_config_yaml
from portfolj.guide import HEADINGS
from portfolj.loading import read_initiatives
from portfolj.model import challenge_model_for, model_for
from portfolj.settings import Editor
from portfolj.taxonomy import load_taxonomies, slugify
from support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

EXISTING = "ai-assistent-for-invanarfragor.md"
NEW_TITLE = "Äldre & digitala möten: en pilot"
# The test-repo backend keeps the repository in this folder of the origin private file system.
REPOSITORY = "sveltia-cms-test"

WRITE_FILE = """async ([folders, name, text]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(%r, {create: true});
  for (const folder of folders) dir = await dir.getDirectoryHandle(folder, {create: true});
  const writable = await (await dir.getFileHandle(name, {create: true})).createWritable();
  await writable.write(text);
  await writable.close();
}""" % REPOSITORY

READ_FOLDER = """async (folders) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(%r);
  for (const folder of folders) dir = await dir.getDirectoryHandle(folder);
  const files = {};
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind === 'file') files[name] = await (await handle.getFile()).text();
  }
  return files;
}""" % REPOSITORY


@pytest.fixture(scope="module")
def taxonomies():
    return load_taxonomies(ROOT / "taxonomy.yml")


@pytest.fixture(scope="module")
def editor_url(tmp_path_factory, taxonomies) -> str:
    """/admin/ as the build writes it, with the test-repo backend."""
    site = tmp_path_factory.mktemp("editor")
    (site / "admin").mkdir()
    (site / "assets").symlink_to(ROOT / "overrides" / "assets")
    editor = Editor(backend="test-repo")
    (site / "admin" / "index.html").write_text(admin_page("../", editor), encoding="utf-8")
    (site / "admin" / "config.yml").write_text(cms_config_yaml(model_for(taxonomies), challenge_model_for(taxonomies), editor, "", "Åsby"), encoding="utf-8")
    return serve(site) + "admin/"


@pytest.fixture
def editor(page, editor_url):
    """The editor signed in to a repository holding one of the examples."""
    page.goto(editor_url)
    existing = (ROOT / "content" / "initiatives" / EXISTING).read_text(encoding="utf-8")
    page.evaluate(WRITE_FILE, [["content", "initiatives"], EXISTING, existing])
    page.get_by_role("button", name="Arbeta med test-repo").click()
    page.get_by_role("button", name="Skapa ny post").wait_for()
    return page


def saved_files(page) -> dict[str, str]:
    return page.evaluate(READ_FOLDER, ["content", "initiatives"])


def validate(files: dict[str, str], tmp_path: Path, taxonomies):
    """The build's reading and validation of the files the editor wrote."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("initiatives"))
    (content / "initiatives").mkdir()
    for name, text in files.items():
        (content / "initiatives" / name).write_text(text, encoding="utf-8")
    return read_initiatives(content, model_for(taxonomies))


def save(page, changed: str) -> dict[str, str]:
    """Save with the keyboard; the repository's files once ``changed`` is written."""
    before = saved_files(page).get(changed)
    page.keyboard.press("Control+s")
    page.get_by_role("button", name="Avbryt redigering").wait_for(state="detached")  # back in the list
    for _ in range(50):  # the browser writes the file after the editor has closed
        files = saved_files(page)
        if files.get(changed, before) != before:
            return files
        page.wait_for_timeout(100)
    raise AssertionError(f"{changed} was not saved: {sorted(files)}")


def type_title(page, title: str) -> None:
    """Type the title of a new entry, as soon as the form shows. In about one
    run of ten, Sveltia gives the field its empty starting value just after
    it appears, over what was typed in that moment: like a person who sees the
    field empty, type it again once. The preview shows the title once the
    form has it."""
    for _ in range(2):
        page.get_by_role("textbox", name="Titel").fill(title)
        try:
            page.get_by_text(title, exact=True).wait_for(timeout=3000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the form did not keep the title {title!r}")


def textbox(page, name: str):
    """The form draws its fields as they come into view: scroll down to one as a reader would."""
    box = page.get_by_role("textbox", name=name, exact=True)
    page.get_by_role("textbox", name="Titel").hover()
    for _ in range(40):
        if box.count():
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    return box


def test_a_new_initiative_written_in_the_form_is_published_by_the_build(editor, tmp_path, taxonomies, project):
    page = editor
    page.get_by_role("button", name="Skapa ny post").click()
    type_title(page, NEW_TITLE)
    page.get_by_role("textbox", name="Beskrivning").fill("Äldre träffar anhöriga på skärm, med stöd av biblioteket.")
    page.get_by_role("radio", name="Missionsorienterad").check()
    page.get_by_role("radio", name="Utforska möjligheter").check()
    page.get_by_role("radio", name="Pågående").check()
    page.get_by_role("textbox", name="Organisation").fill("Vård- och omsorgsförvaltningen")
    goal = page.get_by_role("checkbox", name="11 Hållbara städer och samhällen")  # the goals with their numbers
    goal.focus()
    page.keyboard.press("Space")
    created = f"{slugify(NEW_TITLE)}.md"
    files = save(page, created)
    assert set(files) == {EXISTING, created}  # the same file name as `portfolj new`
    text = files[created]
    assert "''" not in text and '""' not in text and ": null" not in text
    sources, problems = validate(files, tmp_path, taxonomies)
    assert problems == []
    new = next(source for source in sources if source.path.endswith(created))
    assert (new.data.title, new.data.facet, new.data.stage, new.data.sdgs) == (NEW_TITLE, "mission", "explore", [11])
    assert new.data.started is None and new.data.contact is None
    assert re.findall(r"^## (.+)$", new.body, re.M)[:len(HEADINGS)] == list(HEADINGS)


    # Published: the site built from the files as saved has the new initiative's page.
    for name, text in files.items():
        project.write(f"content/initiatives/{name}", text)
    shutil.copytree(ROOT / "content" / "utmaningar", project.root / "content" / "utmaningar")  # the examples' challenges
    built = project.build("--strict")
    assert built.returncode == 0, built.stderr
    assert ">Äldre &amp; digitala möten: en pilot</h1>" in project.html(f"initiatives/{slugify(NEW_TITLE)}")


def test_an_existing_initiative_edited_in_the_form_passes_the_build(editor, tmp_path, taxonomies):
    page = editor
    page.get_by_text('AI-assistenten "Fråga Åsa"').click()
    description = page.get_by_role("textbox", name="Beskrivning")
    description.fill("Piloten med en AI-assistent avbröts. Här är lärdomarna om ansvar och språk.")
    page.get_by_role("radio", name="Avslutat").check()
    textbox(page, "Roll").fill("")  # an optional field emptied
    files = save(page, EXISTING)
    assert "role:" not in files[EXISTING] and "''" not in files[EXISTING]
    sources, problems = validate(files, tmp_path, taxonomies)
    assert problems == []
    [edited] = sources
    assert edited.data.status == "completed" and edited.data.description.startswith("Piloten")
    assert edited.data.contact.email == "petra.lund@asby.se" and edited.data.contact.role is None
    assert edited.data.funding[0].amount_sek == 350000


@pytest.mark.parametrize(("field", "value", "message"), [
    ("Titel", "x" * 121, "Du kan inte ange fler än 120 tecken."),
    ("E-post", "petra.lund@asby", "Skriv en e-postadress som namn@kommun.se."),
])
def test_the_form_refuses_what_the_build_would_refuse(editor, field, value, message):
    page = editor
    page.get_by_text('AI-assistenten "Fråga Åsa"').click()
    before = saved_files(page)
    textbox(page, field).fill(value)
    page.keyboard.press("Control+s")
    page.get_by_text("Ett fält har ett fel. Rätta det för att spara posten.").wait_for()
    page.get_by_text(message).wait_for()
    assert saved_files(page) == before


def outside(requests: list[str], base_url: str) -> list[str]:
    return [url for url in requests if not url.startswith((base_url, "blob:", "data:"))]


def test_sign_in_page_of_the_published_site_is_swedish_and_stays_home(page, base_url):
    page.goto(base_url + "admin/")
    page.get_by_role("button", name=re.compile("^Logga in med .GitHub.$")).wait_for()
    scripts = [url for url in page.requests if url.endswith(".js")]
    assert scripts and all(url.startswith(base_url) for url in scripts)
    page.wait_for_load_state("networkidle")
    assert outside(page.requests, base_url) == []
    assert page.errors == []


def test_editor_is_swedish_with_its_own_fonts_and_icons_and_stays_home(editor, editor_url):
    page = editor
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Visa användarkontomeny").is_visible()  # a Swedish name
    # An icon is a glyph of the icon font, square, not its name written out.
    icon = page.locator(".material-symbols-outlined", has_text="account_circle").first.bounding_box()
    assert icon["width"] < 2 * icon["height"]
    assert page.evaluate("document.fonts.check('24px \"Material Symbols Outlined\"', 'account_circle')")
    assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)") != []
    fonts = [url for url in page.requests if url.endswith(".woff2")]
    assert fonts and all(url.startswith(editor_url.removesuffix("admin/")) for url in fonts)
    assert outside(page.requests, editor_url.removesuffix("admin/")) == []
    assert page.errors == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_title_language_and_zoom_pass_axe(page, editor_url, signed_in):
    page.goto(editor_url)
    if signed_in:
        page.get_by_role("button", name="Arbeta med test-repo").click()
        page.get_by_role("button", name="Skapa ny post").first.wait_for()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the page's policy allows no inline script
    rules = ["document-title", "html-has-lang", "html-lang-valid", "meta-viewport", "meta-viewport-large"]
    result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", rules)
    assert [violation["id"] for violation in result["violations"]] == []
    assert [check["id"] for check in result["passes"]] != []
    assert "maximum-scale" not in page.locator("meta[name=viewport]").first.get_attribute("content")
