"""A municipality edits taxonomy.yml only: to work with SKR
Innovationsguiden's six steps, or to add a vocabulary of its own, which then
works everywhere a field can: validation, pages, menu, fact box, cards,
filter, search, related initiatives, exports, schemas, guide, `portfolj new`
and the web editor."""

import json
import re
import sys

import yaml

from portfolj import cli
from portfolj.cms import CHOICES_IN_VIEW
from portfolj.loading import load_portfolio
from portfolj.search import search_document
from portfolj.taxonomy import load_taxonomies
from support import ROOT

SIX_STEPS = {
    "label": "Fas",
    "plural": "Faser",
    "path": "faser",
    "description": "Faserna i SKR:s Innovationsguiden.",
    "terms": [
        {"id": "forbereda", "label": "Förbereda"},
        {"id": "behov", "label": "Förstå behov"},
        {"id": "ideer", "label": "Utveckla idéer"},
        {"id": "testa", "label": "Testa och utvärdera", "aliases": ["test"], "description": "Pröva i liten skala."},
        {"id": "implementera", "label": "Implementera"},
        {"id": "sprida", "label": "Sprida"},
    ],
}


def use_six_steps(project):
    path = project.root / "taxonomy.yml"
    taxonomy = yaml.safe_load(path.read_text(encoding="utf-8"))
    taxonomy["stage"] = SIX_STEPS
    path.write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")


def test_six_steps_work_end_to_end(project):
    use_six_steps(project)
    project.add("sensorer", title="Sensorer i vattennätet", stage="Testa och utvärdera")
    project.add("chattbot", title="Chattbot", stage="test", facet="anticipatory")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr

    term = project.html("faser/testa-och-utvardera")
    assert ">Testa och utvärdera</h1>" in term and "Pröva i liten skala." in term
    assert re.findall(r'data-slug="([^"]+)"', term) == ["chattbot", "sensorer"]
    assert "Faser" in project.html("")[: project.html("").index('class="md-content"')]
    home = project.html("")
    assert len(re.findall(r'data-stage="[a-z]+"', home)) == 4 * 6
    assert re.search(r'data-facet="anticipatory" data-stage="testa">\s*<a [^>]+>1</a>', home)
    records = json.loads((project.site / "initiatives.json").read_text())["initiatives"]
    assert {r["stage"] for r in records} == {"testa"}
    assert not (project.site / "steg").exists()


def test_old_stage_values_are_rejected_with_the_new_vocabulary(project):
    use_six_steps(project)
    project.add("gammal", stage="explore")
    result = project.build()
    assert result.returncode == 1
    assert "Okänt värde 'explore'" in result.stderr and "implementera (Implementera)" in result.stderr


def test_broken_taxonomy_file_is_reported(project):
    (project.root / "taxonomy.yml").write_text("facet:\n  label: Facett\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert "taxonomy.yml:2: fältet 'facet, plural': Obligatoriskt fält saknas." in result.stderr


def test_taxonomy_values_are_text_as_written(tmp_path):
    # YAML 1.1 would read these aliases as yes/no values and the hour as minutes.
    source = (ROOT / "taxonomy.yml").read_text(encoding="utf-8").replace(
        "aliases: [förbättring, enhancement-oriented]", "aliases: [on, no, '12:30', 12:30]", 1)
    (tmp_path / "taxonomy.yml").write_text(source, encoding="utf-8")
    facet = load_taxonomies(tmp_path / "taxonomy.yml")["facet"]
    assert facet.terms[0].aliases == ("on", "no", "12:30", "12:30")


# A vocabulary of the municipality's own, added in taxonomy.yml only.
GOALS = {
    "label": "Kommunens mål",
    "plural": "Kommunens mål",
    "path": "kommunens-mal",
    "multiple": True,
    "related": 5,
    "card": True,
    "hint": "Vilka av kommunens mål initiativet bidrar till.",
    "description": "Målen i kommunens vision 2030.",
    "terms": [
        {"id": "trygg", "label": "En trygg kommun", "aliases": ["trygghet"]},
        {"id": "gron", "label": "En grön kommun"},
        {"id": "jobb", "label": "Fler i arbete", "description": "Fler invånare har ett arbete."},
    ],
}


def add_taxonomy(project, name, spec):
    path = project.root / "taxonomy.yml"
    taxonomy = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(taxonomy | {name: spec}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_new_taxonomy_works_everywhere(project):
    add_taxonomy(project, "goals", GOALS)
    # Alfa and Öppet share only a goal (and the facet, as Beta does): the goal's weight puts Öppet first.
    project.add("alfa", title="Alfa", goals=["Fler i arbete", "trygghet"], stage="needs", status="paused")
    project.add("beta", title="Beta", stage="realise", status="completed")
    project.add("oppet", title="Öppet kafé", goals=["jobb"], stage="spread", status="stopped")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr

    # Term pages under its path, and the taxonomy in the menu.
    term = project.html("kommunens-mal/fler-i-arbete")
    assert ">Fler i arbete</h1>" in term and "Fler invånare har ett arbete." in term
    assert re.findall(r'data-slug="([^"]+)"', term) == ["alfa", "oppet"]
    assert "Målen i kommunens vision 2030." in project.html("kommunens-mal")
    assert "Kommunens mål" in project.html("")[: project.html("").index('class="md-content"')]
    # The fact box links to the terms; the card shows them; related initiatives weigh them.
    page = project.html("initiatives/alfa")
    facts = page[page.index('class="portfolio-facts"'): page.index('class="portfolio-body"')]
    assert re.search(r"<dt>Kommunens mål</dt>\s*<dd>\s*<ul[^>]*>\s*<li><a href=\"../../kommunens-mal/fler-i-arbete/\">"
                     r"Fler i arbete</a></li><li><a href=\"../../kommunens-mal/en-trygg-kommun/\">En trygg kommun</a>", facts)
    related = page[page.index('id="liknande"'):]
    assert re.findall(r'data-slug="([^"]+)"', related) == ["oppet", "beta"]
    cards = project.html("alla-initiativ")
    assert re.search(r'<span class="portfolio-badge portfolio-badge--goals">(<span [^>]+>[^<]+</span>)?Fler i arbete</span>', cards)
    # The filter offers it, and its data has a column for it.
    assert re.search(r'<input type="checkbox" name="goals" value="trygg">\s*En trygg kommun', cards)
    table = json.loads((project.site / "assets" / "filter.json").read_text(encoding="utf-8"))
    column = table["dimensions"].index("goals")
    assert table["options"]["goals"] == ["trygg", "gron", "jobb"]
    assert [item[column] for item in table["items"]] == [[2, 0], [], [2]]  # Alfa, Beta, Öppet
    # Open data, with its schema.
    records = {r["slug"]: r for r in json.loads((project.site / "initiatives.json").read_text())["initiatives"]}
    assert records["alfa"]["goals"] == ["jobb", "trygg"] and "goals" not in records["beta"]
    header, alfa = (project.site / "initiatives.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    assert "goals" in header.split(",") and "jobb | trygg" in alfa
    schema = json.loads((project.site / "initiatives.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Initiative"]["properties"]["goals"]["items"]["enum"] == ["trygg", "gron", "jobb"]
    # The front-matter schema, the writing guide and the web editor.
    front = json.loads((project.site / "schema" / "initiativ.schema.json").read_text(encoding="utf-8"))
    assert front["properties"]["goals"]["items"]["else"]["enumDescriptions"] == ["En trygg kommun", "En grön kommun", "Fler i arbete"]
    guide = project.html("skriva-initiativ")
    assert '<h3 id="falt-goals"><code>goals</code>: Kommunens mål</h3>' in guide
    assert "Vilka av kommunens mål initiativet bidrar till." in guide and "# goals: [trygg, gron]" in guide
    assert "<td><code>gron</code></td><td>En grön kommun</td>" in guide
    editor = {field["name"]: field for field in
              yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))["collections"][0]["fields"]}
    assert editor["goals"] | {"options": None} == {
        "name": "goals", "label": "Kommunens mål", "required": False, "hint": GOALS["hint"], "widget": "select",
        "multiple": True, "options": None, "dropdown_threshold": CHOICES_IN_VIEW}
    assert editor["goals"]["options"][1] == {"label": "En grön kommun", "value": "gron"}
    # Search finds an initiative by the label of its goal.
    portfolio, _ = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    assert "En trygg kommun" in search_document(portfolio, portfolio.entries[0], "")


def test_a_misspelt_term_of_a_new_taxonomy_gets_a_suggestion(project):
    add_taxonomy(project, "goals", GOALS)
    project.add("alfa", goals=["En grön komun"])
    result = project.build()
    assert result.returncode == 1
    assert ("content/initiatives/alfa.md:9: fältet 'goals, värde 1': Okänt värde 'En grön komun'. "
            "Menade du 'gron' (En grön kommun)?") in result.stderr


def test_a_required_single_taxonomy_is_asked_for_and_checked(project, monkeypatch, capsys):
    add_taxonomy(project, "kind", {"label": "Typ av innovation", "plural": "Typer av innovation", "path": "typer",
                                   "required": True, "filter": False, "search": False, "hint": "Vad för slags innovation det är.",
                                   "terms": [{"id": "service", "label": "Tjänst"}, {"id": "process", "label": "Process"}]})
    project.add("utan")
    result = project.build()
    assert result.returncode == 1
    assert ("content/initiatives/utan.md:2: fältet 'kind': Obligatoriskt fält saknas. Typ av innovation: Vad för "
            "slags innovation det är. Tillåtna värden: service (Tjänst), process (Process).") in result.stderr

    (project.initiatives / "utan.md").unlink()
    monkeypatch.chdir(project.root)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    args = ["new", "Ny tjänst", "--description", "En ny tjänst.", "--facet", "mission", "--stage", "needs",
            "--status", "active", "--organisation", "X"]
    assert cli.main(args) == 1 and "Ange --kind" in capsys.readouterr().err
    assert cli.main([*args, "--kind", "Tjänst"]) == 0
    created = project.initiatives / "ny-tjanst.md"
    assert "kind: service\n" in created.read_text(encoding="utf-8")
    # A new file is a draft with the template's help text: finished, it is published.
    front = created.read_text(encoding="utf-8").split("\n---\n")[0].replace("draft: true", "draft: false")
    created.write_text(front + "\n---\n\n## Behov\n\nText.\n", encoding="utf-8")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    # Without filter and search: no filter dimension, not in the search document.
    assert 'name="kind"' not in project.html("alla-initiativ")
    assert "kind" not in json.loads((project.site / "assets" / "filter.json").read_text())["dimensions"]
    portfolio, _ = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    assert "Tjänst" not in search_document(portfolio, portfolio.entries[0], "")
    assert "<dt>Typ av innovation</dt>" in project.html("initiatives/ny-tjanst")


def test_a_taxonomy_cannot_take_the_name_of_another_field(project):
    add_taxonomy(project, "tags", GOALS)
    result = project.build()
    assert result.returncode == 1
    assert "samma namn som ett annat fält: tags" in result.stderr
