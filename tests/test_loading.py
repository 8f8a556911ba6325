"""Bad input: every problem in every file, in Swedish, with file, line and field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import MINIMAL, ROOT, front_matter, needs_two_cores
from portfolj.loading import read_initiatives


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


def test_broken_yaml_names_the_line(content, model):
    problem = only(content, model, "a.md", "---\ntitle: x\ndescription: [trasig\nfacet: mission\n---\n")
    assert problem.line is not None and problem.line >= 3
    assert "går inte att läsa som YAML" in problem.message


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
    assert problem.field == "funding[2].amount_sek"
    assert text.splitlines()[problem.line - 1].strip() == "amount_sek: -1"


def test_out_of_range_number(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"sdgs": [3, 18]}))
    assert problem.field == "sdgs[2]" and "Okänt värde '18'" in problem.message


def test_invalid_date(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL).replace("---\n\n", "started: 2024-13-01\n---\n\n"))
    assert problem.field == "started" and "Ogiltigt datum '2024-13-01'" in problem.message


def test_ended_before_started(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"started": "2024-05-01", "ended": "2023-01-01"}))
    assert problem.field == "ended" and "före startdatum" in problem.message


def test_image_without_alt_text(content, model):
    (content / "a.jpg").write_bytes(b"jpg")
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"image": {"src": "../a.jpg"}}))
    assert problem.field == "image.alt" and "Alternativtext" in problem.message


def test_image_file_must_exist(content, model):
    problem = only(content, model, "a.md", front_matter(MINIMAL | {"image": {"src": "saknas.jpg", "alt": "Ett foto"}}))
    assert problem.field == "image.src" and "finns inte" in problem.message


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
    assert [p.field for p in problems] == ["image.src"] and "andra webbplatser" in problems[0].message


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
        assert [p.field for p in problems] == ["image.src"] and why in problems[0].message, src


def test_front_matter_links_with_user_info_are_refused(content, model):
    problems = problems_for(content, model, "d.md", front_matter(
        MINIMAL | {"links": [{"title": "Kommunen", "url": "https://www.kommun.se@evil.example/"}]}))
    assert [p.field for p in problems] == ["links.url"] and "användarnamn" in problems[0].message


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
