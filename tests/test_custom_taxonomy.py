"""A municipality that works with SKR Innovationsguiden's six steps edits
taxonomy.yml only: validation, pages, menu, matrix and data follow."""

import json
import re

import yaml

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

    term = project.html("faser/testa")
    assert "<h1>Testa och utvärdera</h1>" in term and "Pröva i liten skala." in term
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
    assert "taxonomy.yml: fältet 'facet, plural': Obligatoriskt fält saknas." in result.stderr


def test_taxonomy_values_are_text_as_written(tmp_path):
    # YAML 1.1 would read these aliases as yes/no values and the hour as minutes.
    source = (ROOT / "taxonomy.yml").read_text(encoding="utf-8").replace(
        "aliases: [förbättring, enhancement-oriented]", "aliases: [on, no, '12:30', 12:30]", 1)
    (tmp_path / "taxonomy.yml").write_text(source, encoding="utf-8")
    facet = load_taxonomies(tmp_path / "taxonomy.yml")["facet"]
    assert facet.terms[0].aliases == ("on", "no", "12:30", "12:30")
