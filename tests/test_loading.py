"""Bad input: every problem in every file, in Swedish, with file, line and field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import MINIMAL, ROOT, front_matter, needs_two_cores, png
from portfolj.loading import ReadCache, read_initiatives


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "initiatives").mkdir(parents=True)
    return tmp_path / "content"


def write(content: Path, name: str, text: str | bytes) -> None:
    path = content / "initiatives" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def problems_for(content: Path, model, name: str, text: str | bytes):
    write(content, name, text)
    sources, problems = read_initiatives(content, model)
    assert not sources
    return problems


def only(content, model, name, text):
    problems = problems_for(content, model, name, text)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_file_gives_a_source(content, model):
    write(content, "bra.md", front_matter(MINIMAL))
    sources, problems = read_initiatives(content, model)
    assert problems == []
    assert [(s.slug, s.path) for s in sources] == [("bra", "initiatives/bra.md")]
    assert sources[0].body.strip() == "## Behov\n\nText."


def test_no_front_matter(content, model):
    problem = only(content, model, "a.md", "# Rubrik\n\nBara text.\n")
    assert (problem.path, problem.line) == ("content/initiatives/a.md", 1)
    assert "saknar front matter" in problem.message and "---" in problem.message


def test_unclosed_front_matter(content, model):
    assert "avslutas aldrig" in only(content, model, "a.md", "---\ntitle: x\n").message


@pytest.mark.parametrize("yaml_text", ["- en\n- lista", "bara text", "42"])
def test_front_matter_that_is_not_a_mapping(content, model, yaml_text):
    assert "namn: värde" in only(content, model, "a.md", f"---\n{yaml_text}\n---\n").message


SYNTAX_ERRORS = {
    "missing closing quote": ('title: "Projekt\ndescription: x\n', 2,
        'Citattecknet på den här raden avslutas aldrig. Sätt ett citattecken också i slutet av texten, '
        'till exempel title: "Projekt: nytt".'),
    "colon in unquoted text": ("title: Projekt: nytt\n", 2,
        'Texten innehåller ett kolon. Sätt texten inom citattecken: title: "Projekt: nytt"'),
    "tab as indentation": ("title: x\n\tdescription: y\n", 3,
        "Raden innehåller ett tabbtecken. Använd mellanslag i stället för tabb för indrag."),
    "template line left with a space": ("title: x\n# Valfria fält\n started: 2024-03-01\n", 4,
        "Raden börjar med mellanslag: ' started: 2024-03-01'. Ta bort mellanslagen först på raden "
        "(de blir kvar när man tar bort # framför en rad i mallen)."),
    "unclosed list": ("title: x\ndescription: [trasig\nfacet: mission\n", 3,
        "Listan på den här raden avslutas aldrig. Skriv ] efter det sista värdet, till exempel sdgs: [3, 5]."),
    "control character": ("title: x\ndescription: a\x07b\n", 3,
        "Raden innehåller ett otillåtet osynligt tecken (U+0007). Ta bort det, till exempel genom att skriva "
        "om texten runt det."),
    "huge number": (f"title: x\nfunding:\n  - funder: A\n    amount_sek: {'9' * 5000}\n", 5,
        "Talet är för långt: högst 15 siffror. Belopp skrivs i hela kronor utan mellanslag, till exempel 400000."),
}


@pytest.mark.parametrize("case", SYNTAX_ERRORS)
def test_yaml_syntax_errors_are_explained_on_their_line(content, model, case):
    yaml_text, line, message = SYNTAX_ERRORS[case]
    problem = only(content, model, "a.md", f"---\n{yaml_text}---\n\nText.\n")
    assert (problem.path, problem.line, problem.field, problem.message) == ("content/initiatives/a.md", line, None, message)


def test_anchors_and_aliases_are_refused(content, model):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
    problem = only(content, model, "a.md", f"---\n{laughs}---\n")
    assert problem.message.startswith("Front matter använder YAML-ankare eller hänvisningar (&namn eller *namn).")
    # An ampersand in quoted or plain text is text.
    write(content, "b.md", front_matter(MINIMAL | {"title": "Vård & omsorg *nu*"}))
    sources, problems = read_initiatives(content, model)
    assert [s.data.title for s in sources] == ["Vård & omsorg *nu*"]


def test_duplicate_keys_are_refused_at_every_depth(content, model):
    text = front_matter(MINIMAL).replace("---\n\n", "contact:\n  name: A\n  name: B\nfunding:\n  - funder: X\n"
                                         "    funder: Y\n---\n\n")
    problems = problems_for(content, model, "a.md", text)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (10, "contact, name", "Fältet förekommer flera gånger (första gången på rad 9). Ta bort det ena."),
        (13, "funding, värde 1, funder", "Fältet förekommer flera gånger (första gången på rad 12). Ta bort det ena."),
    ]


def test_a_file_over_the_size_limit_is_refused(content, model):
    from portfolj.loading import MAX_FILE_BYTES

    problem = only(content, model, "a.md", front_matter(MINIMAL, body="x" * MAX_FILE_BYTES))
    assert problem.message.startswith("Filen är för stor: 1\u202f000\u202f1")
    assert "högst 1\u202f000\u202f000 är tillåtna" in problem.message


@pytest.mark.parametrize("blank_lines", [0, 1, 3])
def test_body_line_numbers_are_right_whatever_the_blank_lines(content, model, blank_lines):
    text = front_matter(MINIMAL, body="").rstrip("\n") + "\n" * (blank_lines + 1) + "Text.\n\n# Rubrik\n"
    problem = only(content, model, "a.md", text)
    assert problem.line == text.splitlines().index("# Rubrik") + 1


def test_front_matter_lines_are_right_with_blank_lines_first(content, model):
    problem = only(content, model, "a.md", "---\n\n\n" + front_matter(MINIMAL | {"stage": "x"})[4:])
    assert (problem.field, problem.line) == ("stage", 7)


def test_directory_and_broken_link_named_md(content, model):
    (content / "initiatives" / "mapp.md").mkdir()
    (content / "initiatives" / "borta.md").symlink_to(content / "finns-inte.md")
    _, problems = read_initiatives(content, model)
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/initiatives/borta.md", None, "Filen är en länk till en fil som inte finns. Ta bort länken, "
         "eller lägg en riktig fil med det här namnet i stället."),
        ("content/initiatives/mapp.md", None, "'mapp.md' är en mapp, inte en fil. Namn som slutar på .md är till "
         "för initiativens filer: byt namn på mappen."),
    ]


def test_unreadable_file(content, model, monkeypatch):
    write(content, "a.md", front_matter(MINIMAL))
    # Root reads any file whatever its permissions: the refusal is simulated.
    def refuse(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    problem = only(content, model, "a.md", front_matter(MINIMAL))
    assert problem.message == ("Filen går inte att läsa: du saknar behörighet. Ändra filens behörigheter så "
                               "att den kan läsas.")


@pytest.mark.parametrize("fields, field, message", [
    ({"funding": [{"funder": "A", "amount_sek": True}]}, "funding, värde 1, amount_sek",
     "Ska vara ett heltal, till exempel 400000, inte true eller false."),
    ({"funding": [{"funder": "A", "amount_sek": "400000"}]}, "funding, värde 1, amount_sek",
     "Ska vara ett heltal, till exempel 400000, skrivet utan citattecken, inte '400000'."),
    ({"funding": [{"funder": "A", "amount_sek": 10**13}]}, "funding, värde 1, amount_sek",
     "Talet får inte vara större än 1000000000000."),
    ({"featured": "yes"}, "featured", "Ska vara true eller false, skrivet utan citattecken, inte 'yes'."),
    ({"sdgs": [3, True]}, "sdgs, värde 2", "Värdet true (sant eller falskt) är inget av de tillåtna värdena."),
    ({"sdgs": "3, 5"}, "sdgs", "Ska vara en lista. Skriv värdena inom hakparenteser: sdgs: [3, 5]"),
    ({"started": "1900-01-01"}, "started", "Året 1900 är inte rimligt: skriv ett datum mellan 1950 och 2036."),
    ({"updated": "2026-06-02"}, "updated", "Datumet 2026-06-02 har inte kommit än (i dag är det 2026-06-01)."),
    ({"title": "Rätt\u202etxet"}, "title", "Texten innehåller ett osynligt formateringstecken (till exempel ett "
     "tecken med noll bredd eller ett som vänder skrivriktningen) (U+202E) på plats 5 efter 'Rätt'."),
    ({"organisation": "Kultur\u200bförvaltningen"}, "organisation", "(U+200B) på plats 7 efter 'Kultur'."),
    ({"tags": ["a\ufdd0"]}, "tags, värde 1", "Texten innehåller ett tecken som inte får förekomma i text (U+FDD0)"),
    ({"description": "Klocka\x07"}, "description", "Texten innehåller ett styrtecken (U+0007) på plats 7"),
])
def test_no_silent_conversion_and_no_hidden_characters(content, model, monkeypatch, fields, field, message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    problem = only(content, model, "a.md", front_matter(MINIMAL | fields))
    assert problem.field == field and message in problem.message, problem


def test_text_is_normalised_to_nfc(content, model):
    write(content, "a.md", front_matter(MINIMAL | {"organisation": "Vård- och omsorgsfo\u0308rvaltningen"}))
    sources, _ = read_initiatives(content, model)
    assert sources[0].data.organisation == "Vård- och omsorgsförvaltningen"


def test_near_duplicate_organisations_get_a_did_you_mean(content, model):
    for name, organisation in (("a", "Samhällsbyggnadsförvaltningen"), ("b", "Samhällsbyggnadsförvaltningen"),
                               ("c", "Samhällsbyggnadsförvaltning"), ("d", "samhällsbyggnads förvaltningen"),
                               ("e", "Enhet 1"), ("f", "Enhet 10")):
        write(content, f"{name}.md", front_matter(MINIMAL | {"organisation": organisation}))
    _, problems = read_initiatives(content, model)
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("content/initiatives/c.md", 7, "organisation"), ("content/initiatives/d.md", 7, "organisation")]
    assert problems[0].message == (
        "Organisationen 'Samhällsbyggnadsförvaltning' liknar 'Samhällsbyggnadsförvaltningen', som används i 2 "
        "initiativ. Menade du 'Samhällsbyggnadsförvaltningen'? Skriv namnet exakt likadant, annars visas enheten "
        "två gånger.")


def test_missing_required_fields_are_each_named(content, model):
    fields = dict(MINIMAL)
    del fields["facet"], fields["organisation"]
    problems = problems_for(content, model, "a.md", front_matter(fields))
    assert {p.field for p in problems} == {"facet", "organisation"}
    assert all("Obligatoriskt fält saknas" in p.message for p in problems)
    facet = next(p for p in problems if p.field == "facet")
    assert "Tillåtna värden: enhancement (Förbättringsinriktad), mission (Missionsorienterad)" in facet.message
    assert "Tillåtna värden" not in next(p for p in problems if p.field == "organisation").message


def test_unknown_value_has_line_and_suggestion(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"stage": "explroe"}))
    assert (problem.field, problem.line) == ("stage", 5)
    assert "Menade du 'explore'" in problem.message
    assert str(problem).startswith("content/initiatives/a.md:5: fältet 'stage': Okänt värde 'explroe'.")


def test_unknown_key_suggests_the_field(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"organsation": "X"}))
    assert problem.field == "organsation"
    assert "Okänt fält 'organsation'. Menade du 'organisation'?" in problem.message


def test_nested_errors_point_at_the_nested_line(content, model):
    text = front_matter(MINIMAL | {"funding": [{"funder": "A"}, {"funder": "B", "amount_sek": -1}]})
    problem = only(content, model, "a.md", text)
    assert problem.field == "funding, värde 2, amount_sek"
    assert text.splitlines()[problem.line - 1].strip() == "amount_sek: -1"


def test_out_of_range_number(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"sdgs": [3, 18]}))
    assert problem.field == "sdgs, värde 2" and "Okänt värde '18'" in problem.message


def test_invalid_date(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL).replace("---\n\n", "started: 2024-13-01\n---\n\n"))
    assert problem.field == "started" and "Ogiltigt datum '2024-13-01'" in problem.message


def test_ended_before_started(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"started": "2024-05-01", "ended": "2023-01-01"}))
    assert problem.field == "ended" and "före startdatum" in problem.message


def test_image_without_alt_text(content, model):
    (content / "a.jpg").write_bytes(b"jpg")
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"image": {"src": "../a.jpg"}}))
    assert problem.field == "image, alt" and "Alternativtext" in problem.message


def test_image_file_must_exist(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"image": {"src": "saknas.jpg", "alt": "Ett foto"}}))
    assert problem.field == "image, src" and "finns inte" in problem.message


def test_a_pictures_width_and_height_are_read_from_its_file(content, model):
    (content / "bilder").mkdir()
    (content / "bilder" / "foto.png").write_bytes(png(40, 30))
    write(content, "a.md", front_matter(MINIMAL | {"image": {"src": "../bilder/foto.png", "alt": "Ett foto"}}))
    sources, problems = read_initiatives(content, model)
    assert problems == [] and sources[0].image_size == (40, 30)


def test_a_picture_that_cannot_be_read_is_reported_where_it_is_named(content, model):
    (content / "bilder").mkdir()
    (content / "bilder" / "trasig.png").write_bytes(png(40, 30)[:20])  # the right kind, cut off
    (content / "bilder" / "text.webp").write_text("ingen bild alls")
    for name, src in [("a.md", "../bilder/trasig.png"), ("b.md", "/bilder/text.webp")]:
        text = front_matter(MINIMAL | {"image": {"src": src, "alt": "Ett foto"}})
        problem = only(content, model, name, text)
        assert (problem.line, problem.field) == (text.splitlines().index(f"  src: {src}") + 1, "image, src")
        assert problem.message.startswith(f"Bildfilen '{src}' går inte att läsa som bild")
        assert "Spara bilden på nytt" in problem.message
        (content / "initiatives" / name).unlink()


def test_file_that_is_not_utf8(content, model):
    text = front_matter(MINIMAL | {"title": "Källa"}).encode("latin-1")
    problem = only(content, model, "a.md", text)
    assert problem.line == 2 and "UTF-8" in problem.message


def test_byte_order_mark_is_accepted(content, model):
    write(content, "a.md", b"\xef\xbb\xbf" + front_matter(MINIMAL).encode())
    sources, problems = read_initiatives(content, model)
    assert problems == [] and len(sources) == 1


def test_two_files_with_the_same_slug(content, model):
    write(content, "samma.md", front_matter(MINIMAL))
    write(content, "2024/samma.md", front_matter(MINIMAL))
    _, problems = read_initiatives(content, model)
    assert len(problems) == 1 and "samma namn 'samma.md'" in problems[0].message
    # The later file is the one reported; the message names the first.
    assert problems[0].path == f"{content.name}/initiatives/samma.md"
    assert f"den andra är {content.name}/initiatives/2024/samma.md" in problems[0].message


def test_duplicate_key(content, model):
    text = front_matter(MINIMAL).replace("---\n\n", "title: Igen\n---\n\n")
    problem = only(content, model, "a.md", text)
    assert problem.field == "title" and "flera gånger (första gången på rad 2)" in problem.message


def test_file_name_must_be_a_slug(content, model):
    problem = only(content, model, "Äldre Omsorg.md", front_matter(MINIMAL))
    assert "'aldre-omsorg.md'" in problem.message


def test_level_one_heading_in_body(content, model):
    text = front_matter(MINIMAL, body="# Rubrik\n\n```\n# kod är ok\n```\n")
    problem = only(content, model, "a.md", text)
    assert problem.line == text.splitlines().index("# Rubrik") + 1 and "##" in problem.message


def test_images_from_other_sites_are_reported(content, model):
    body = ("![Karta](https://tracker.example/karta.png)\n\n<img alt=x src='//cdn.example/a.png'>\n\n"
            "![Lokal](../bilder/a.png) och [en länk](https://www.vinnova.se/)\n")
    problems = problems_for(content, model, "a.md", front_matter(MINIMAL, body=body))
    assert [p.message.split(" ligger")[0] for p in problems] == [
        "Bilden 'https://tracker.example/karta.png'", "Bilden '//cdn.example/a.png'"]
    assert all("Bilder från andra webbplatser är inte tillåtna" in p.message for p in problems)
    problems = [p for p in problems_for(content, model, "b.md", front_matter(
        MINIMAL | {"image": {"src": "https://cdn.example/a.jpg", "alt": "x"}})) if p.path.endswith("b.md")]
    assert [p.field for p in problems] == ["image, src"] and "andra webbplatser" in problems[0].message


def test_addresses_in_the_body_are_judged_with_their_line(content, model):
    body = ("## Behov\n\n[klicka](javascript:alert(1)) och `<img src=//kod.example/a.png>`\n\n"
            "<a href=\"jav&#x09;ascript:alert(2)\">x</a>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n"
            "[ref]: https://kommun.se@evil.example/\n\n```\n![kod](https://kod.example/a.png)\n```\n")
    text = front_matter(MINIMAL, body=body)
    problems = problems_for(content, model, "a.md", text)
    lines = text.splitlines()
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (lines.index("[klicka](javascript:alert(1)) och `<img src=//kod.example/a.png>`") + 1, "Länken"),
        (lines.index('<a href="jav&#x09;ascript:alert(2)">x</a>') + 1, "Länken"),
        (lines.index('<iframe src="https://evil.example/"></iframe>') + 1, "Videon"),
        (lines.index("[ref]: https://kommun.se@evil.example/") + 1, "Adressen"),
    ]
    assert "'jav\\u0009ascript:alert(2)'" in problems[1].message


def test_image_outside_the_content_folder_is_refused(content, model):
    (content / "bilder").symlink_to("/etc")
    for src, why in [("../../../../../../etc/passwd", "finns inte"),  # a browser stops at the site's root
                     ("/%2e%2e/%2e%2e/etc/passwd", "finns inte"), ("/%2F%2Fetc/passwd", "utanför mappen content/"),
                     ("../bilder/passwd", "utanför mappen content/")]:
        problems = [p for p in problems_for(content, model, "c.md", front_matter(
            MINIMAL | {"image": {"src": src, "alt": "x"}})) if p.path.endswith("c.md")]
        assert [p.field for p in problems] == ["image, src"] and why in problems[0].message, src


def test_front_matter_links_with_user_info_are_refused(content, model):
    problems = problems_for(content, model, "d.md", front_matter(
        MINIMAL | {"links": [{"title": "Kommunen", "url": "https://www.kommun.se@evil.example/"}]}))
    assert [p.field for p in problems] == ["links, url"] and "användarnamn" in problems[0].message


def test_yaml_11_traps_stay_text(content, model):
    text = front_matter(MINIMAL).replace("title: Ett initiativ", "title: no").replace(
        "organisation: Kommunledningsförvaltningen", "organisation: 0114"
    )
    write(content, "a.md", text)
    sources, problems = read_initiatives(content, model)
    assert problems == []
    assert (sources[0].data.title, sources[0].data.organisation) == ("no", "0114")


def test_every_problem_in_every_file_in_one_run(content, model):
    write(content, "a.md", front_matter(MINIMAL | {"facet": "fel", "stage": "fel"}))
    write(content, "b.md", "ingen front matter")
    write(content, "c.md", front_matter(MINIMAL))
    sources, problems = read_initiatives(content, model)
    assert [s.slug for s in sources] == ["c"]
    assert [(p.path, p.field) for p in problems] == [
        ("content/initiatives/a.md", "facet"),
        ("content/initiatives/a.md", "stage"),
        ("content/initiatives/b.md", None),
    ]


@needs_two_cores
def test_many_files_are_read_in_two_processes_with_the_same_result(content, tmp_path):
    """Half the files are read by a forked copy of the process (a fresh one:
    this test process may run browser threads, and fork waits for one thread)."""
    for n in range(6):
        write(content, f"i{n}.md", front_matter(MINIMAL | {"title": f"Initiativ {n}", "sdgs": [n + 1], "started": f"2024-01-0{n + 1}",
                                                        "contact": {"name": "A", "email": "a@asby.se"},
                                                        "links": [{"title": "L", "url": "https://example.se/"}]}))
    write(content, "trasig.md", front_matter(MINIMAL | {"stage": "explroe"}))
    script = f"""
import json, sys
from pathlib import Path
import portfolj.loading as loading
from portfolj.model import model_for
from portfolj.taxonomy import load_taxonomies

model = model_for(load_taxonomies(Path({str(ROOT / "taxonomy.yml")!r})))
content = Path({str(content)!r})
def result():
    sources, problems = loading.read_initiatives(content, model)
    return [[s.slug, s.path, s.data.model_dump(mode="json"), s.body] for s in sources], [str(p) for p in problems]
serial = result()
loading.IN_TWO_PROCESSES_FROM = 4
read, here = loading.read_initiative, []
loading.read_initiative = lambda file, *args: here.append(file.name) or read(file, *args)
json.dump({{"serial": serial, "parallel": result(), "read_here": len(here)}}, sys.stdout)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    runs = json.loads(done.stdout)
    assert runs["read_here"] == 3  # the first half; the forked copy read the rest
    assert runs["parallel"] == runs["serial"] and len(runs["serial"][0]) == 6 and len(runs["serial"][1]) == 1


def test_told_of_changes_the_read_cache_looks_only_at_those(content, model):
    """The preview's cache, once the system tells it of every change: a
    rebuild reads the files it was told of, lists the folder again when
    files came or went, and looks at every file when it is not told."""
    def titles() -> list[str]:
        cache.begin()
        return [source.data.title for source in read_initiatives(content, model, cache=cache)[0]]

    cache = ReadCache()
    write(content, "a.md", front_matter(MINIMAL | {"title": "Första"}))
    assert titles() == ["Första"]
    write(content, "a.md", front_matter(MINIMAL | {"title": "Andra versionen"}))
    assert titles() == ["Andra versionen"]  # not told: every file's time is looked at

    cache.hear()
    assert titles() == ["Andra versionen"]  # what changed before the telling began
    write(content, "a.md", front_matter(MINIMAL | {"title": "Tredje"}))
    assert titles() == ["Andra versionen"]  # a change it was not told of is not looked for
    cache.heard(str(content / "initiatives" / "a.md"))
    assert titles() == ["Tredje"]
    write(content, "b.md", front_matter(MINIMAL | {"title": "Ett nytt"}))
    cache.heard(str(content / "initiatives" / "b.md"), came_or_went=True)
    assert titles() == ["Tredje", "Ett nytt"]
    (content / "initiatives" / "a.md").unlink()  # as an editor saves: a new file renamed over the old one
    write(content, "c.md", front_matter(MINIMAL | {"title": "Ett till"}))
    (content / "initiatives" / "c.md").rename(content / "initiatives" / "b.md")
    for name in ("a.md", "c.md", "b.md"):
        cache.heard(str(content / "initiatives" / name), came_or_went=True)
    assert titles() == ["Ett till"]
    (content / "initiatives" / "del").mkdir()
    write(content, "del/d.md", front_matter(MINIMAL | {"title": "I en ny mapp"}))
    cache.heard(str(content / "initiatives" / "del"), came_or_went=True, folder=True)
    assert titles() == ["Ett till", "I en ny mapp"]  # a folder came: listed again
