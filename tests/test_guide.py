"""The writing guide and the published schema come from the model."""

import json
import re

from portfolj.guide import field_reference, new_initiative
from support import png
from portfolj.loading import read_initiatives


def test_reference_covers_every_field_and_value(model, taxonomies):
    docs = {doc.name: doc for doc in field_reference(model)}
    assert list(docs) == list(model.model_fields)
    assert {name for name, doc in docs.items() if doc.required} == {
        "title", "description", "facet", "stage", "status", "organisation"}
    assert [t.id for t in docs["stage"].values] == list(taxonomies["stage"].ids)
    assert [p.name for p in docs["funding"].parts] == ["funder", "amount_sek", "programme"]
    assert docs["started"].kind == "datum (ÅÅÅÅ-MM-DD)" and docs["featured"].kind == "true eller false"


def test_new_initiative_text_is_valid(tmp_path, model, taxonomies):
    folder = tmp_path / "content" / "initiatives"
    folder.mkdir(parents=True)
    text = new_initiative('Citat "med" kolon: och #hash', "", {"facet": "mission", "stage": "needs", "status": "paused",
                          "organisation": "Socialförvaltningen"}, model)
    (folder / "ny.md").write_text(text, encoding="utf-8")
    sources, problems = read_initiatives(tmp_path / "content", model)
    assert problems == [] and sources[0].data.title == 'Citat "med" kolon: och #hash'


def test_guide_page_and_schema_are_published_and_linked_from_every_footer(project, model, taxonomies):
    project.add("ett")
    assert project.build("--strict").returncode == 0
    guide = project.html("skriva-initiativ")
    for name in model.model_fields:
        assert f'<h3 id="falt-{name}"><code>{name}</code>' in guide
    for taxonomy in (taxonomies["facet"], taxonomies["areas"], taxonomies["sdgs"]):
        for term in taxonomy.terms:
            assert f"<td><code>{term.id}</code></td><td>{term.label}</td>" in guide
    schema = json.loads((project.site / "schema" / "initiativ.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["status"]["else"]["enum"] == list(taxonomies["status"].ids)
    for url in ("", "initiatives/ett", "facetter/missionsorienterad", "overblick"):
        footer = project.html(url).split('class="md-footer"')[1]
        assert re.search(r'<a href="[./]*skriva-initiativ/">Så skriver du ett initiativ</a>', footer)
        assert re.search(r'<a href="[./]*oppna-data/">Öppna data</a>', footer)
        assert re.search(r'<a href="[./]*tillganglighet/">Tillgänglighetsredogörelse</a>', footer)


def test_every_common_error_is_one_the_build_reports_and_its_fix_passes(tmp_path, model):
    from portfolj.guide import _EXAMPLES, _MISTAKES, _with, common_errors, example_values
    from portfolj.loading import read_initiative

    errors = common_errors(model)
    assert [error.what for error in errors] == [what for what, _, _ in _MISTAKES]
    for error in errors:
        assert error.messages and all(m.startswith("content/initiatives/mitt-initiativ.md:") for m in error.messages)
    (tmp_path / "initiatives").mkdir()
    example = new_initiative(_EXAMPLES["title"], _EXAMPLES["description"], example_values(model), model)
    for _, _, right in _MISTAKES:
        fixed = tmp_path / "initiatives" / "fixad.md"
        fixed.write_text(_with(example, right), encoding="utf-8")
        image = tmp_path / "bilder" / "foto.jpg"  # the fixed image example names a file that exists
        image.parent.mkdir(exist_ok=True)
        image.write_bytes(png(4, 3))  # read for its size; only the build looks at the kind
        assert read_initiative(fixed, tmp_path, model, "fixad.md")[1] == [], right


def test_guide_page_helps_a_writer_alone(project, taxonomies, model):
    from markupsafe import escape

    from portfolj.guide import common_errors

    project.add("ett", title="Sensorer i vattennätet", facet="mission", stage="explore")
    assert project.build("--strict").returncode == 0
    guide = project.html("skriva-initiativ")
    for section in ("valja", "titel", "yaml", "exempel", "falt", "bilder", "samtycke", "webbredigeraren", "utkast",
                    "vanliga-fel", "kontrollera"):
        assert f'id="{section}"' in guide and f'href="#{section}"' in guide
    for name in ("facet", "stage"):
        for term in taxonomies[name].terms:
            assert str(escape(term.description)) in guide
    assert re.search(r'Exempel i portföljen: <a href="[./]*initiatives/ett/">Sensorer i vattennätet</a>', guide)
    assert "högst 120 tecken" in guide and "högst 300 tecken" in guide and "högst 250 tecken" in guide
    for error in common_errors(model):  # the build's own messages, on the page
        for message in error.messages:
            assert f"<samp>{escape(message)}</samp>" in guide
    assert 'href="../admin/"' in guide


def test_a_new_initiative_is_a_draft(tmp_path, model):
    from portfolj.guide import example_values
    from portfolj.loading import read_initiative

    text = new_initiative("Ett utkast", "Ett utkast som prövas.", example_values(model), model)
    assert "\ndraft: true  # ta bort raden när texten är klar att publiceras\n" in text
    (tmp_path / "initiatives").mkdir()
    (tmp_path / "initiatives" / "ett-utkast.md").write_text(text, encoding="utf-8")
    source, problems = read_initiative(tmp_path / "initiatives" / "ett-utkast.md", tmp_path, model, "ett-utkast.md")
    assert problems == [] and source.data.draft is True
