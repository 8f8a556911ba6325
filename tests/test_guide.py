"""The writing guide and the published schema come from the model."""

import json
import re

from portfolj.guide import field_reference, new_initiative
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
    assert schema["properties"]["status"]["enum"] == list(taxonomies["status"].ids)
    for url in ("", "initiatives/ett", "facetter/mission", "overblick"):
        footer = project.html(url).split('class="md-footer"')[1]
        assert re.search(r'<a href="[./]*skriva-initiativ/">Så skriver du ett initiativ</a>', footer)
        assert re.search(r'<a href="[./]*oppna-data/">Öppna data</a>', footer)
        assert re.search(r'<a href="[./]*tillganglighet/">Tillgänglighetsredogörelse</a>', footer)
