"""Open data: every export parsed with a real parser holds every initiative
with the same values; special characters survive the round trip."""

import csv
import io
import json
import re

import feedparser
import jsonschema
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SITE = "https://innovation.asby.se/"
HOSTILE = 'Kommatecken, "citat" & <taggar>; semikolon | lodstreck'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from support import new_project, png
    project = new_project(tmp_path_factory.mktemp("exports") / "project")
    project.add("farlig", title=HOSTILE, description="Rad ett\nrad två, med ”citat” och 'apostrof'.",
                organisation="Vård, omsorg & hälsa", tags=["a, b", 'c "d"'], partners=["Åsa & Co"],
                funding=[{"funder": "Vinnova, Sverige", "amount_sek": 400000, "programme": 'Prog "1"'}],
                contact={"name": "Örjan Ek", "email": "orjan@asby.se"}, sdgs=[3, 11],
                links=[{"title": "Läs, mer", "url": "https://example.se/a?b=1&c=2"}],
                started="2024-01-15", updated="2026-03-01", featured=True)
    project.write("content/bilder/foto.png", png(8, 6))
    project.add("enkel", title="Enkel", started="2025-05-05", image={"src": "../bilder/foto.png", "alt": "Två personer vid en dator"})
    project.add("odaterad", title="Utan datum", status="stopped")
    project.add("formel", title="=SUMMA(A1:A2)", organisation="@Kommunen", tags=["-minus", "+plus"])
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def records(built):
    return {r["slug"]: r for r in json.loads((built.site / "initiatives.json").read_text("utf-8"))["initiatives"]}


def test_json_is_valid_against_the_published_schema(built):
    document = json.loads((built.site / "initiatives.json").read_text("utf-8"))
    schema = json.loads((built.site / "initiatives.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert document["version"] == 1 and document["count"] == 4
    broken = json.loads(json.dumps(document))
    broken["initiatives"][0]["facet"] = "okänd"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_csv_round_trip(built):
    raw = (built.site / "initiatives.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    data = records(built)
    assert set(rows) == set(data)
    row, record = rows["farlig"], data["farlig"]
    for key in ("title", "description", "organisation", "facet", "stage", "status", "url", "started", "updated"):
        assert row[key] == record[key], key
    assert row["title"] == HOSTILE and row["description"] == "Rad ett rad två, med ”citat” och 'apostrof'."
    assert row["tags"].split(" | ") == ["a, b", 'c "d"'] and row["sdgs"] == "3 | 11"
    assert json.loads(row["funding"]) == record["funding"] and json.loads(row["links"]) == record["links"]
    assert row["contact_name"] == "Örjan Ek" and row["featured"] == "true"
    assert rows["enkel"]["funding"] == "" and rows["enkel"]["ended"] == ""


def test_csv_cells_never_run_as_spreadsheet_formulas(built):
    raw = (built.site / "initiatives.csv").read_bytes()
    row = next(r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))) if r["slug"] == "formel")
    assert (row["title"], row["organisation"], row["tags"]) == ("'=SUMMA(A1:A2)", "'@Kommunen", "'-minus | +plus")
    assert records(built)["formel"]["title"] == "=SUMMA(A1:A2)"  # the JSON keeps the value as written


def test_atom_feed(built):
    feed = feedparser.parse((built.site / "flode.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [SITE + "initiatives/farlig/", SITE + "initiatives/enkel/"]
    first = feed.entries[0]
    assert first.title == HOSTILE and first.summary == records(built)["farlig"]["description"]
    assert first.updated.startswith("2026-03-01")
    assert feed.feed.updated.startswith("2026-03-01")


def test_feed_is_advertised_and_pages_share_well(built):
    html = built.html("initiatives/farlig")
    assert '<link rel="alternate" type="application/atom+xml" href="../../flode.xml"' in html
    assert '<link rel="canonical" href="https://innovation.asby.se/initiatives/farlig/">' in html
    escaped = "Kommatecken, &#34;citat&#34; &amp; &lt;taggar&gt;; semikolon | lodstreck"
    assert f'<meta property="og:title" content="{escaped}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://innovation.asby.se/initiatives/farlig/">' in html
    assert "<taggar>" not in html
    assert '<meta property="og:description" content="Rad ett rad två, med ”citat” och &#39;apostrof&#39;.">' in html
    assert 'property="og:type" content="website"' in built.html("")
    enkel = built.html("initiatives/enkel")
    assert '<meta property="og:image" content="https://innovation.asby.se/bilder/foto.png">' in enkel
    assert '<meta property="og:image:alt" content="Två personer vid en dator">' in enkel
    pages = [page for page in built.site.rglob("*.html") if "admin" not in page.parts]  # the editor is no public page
    assert len(pages) > 20
    for page in pages:
        head = page.read_text("utf-8").split("</head>")[0]
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" href="[./]*/?flode.xml"', head), page


def test_dcat_ap_se(built):
    graph = Graph().parse(data=(built.site / "dcat.jsonld").read_text("utf-8"), format="json-ld")
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    dataset = URIRef(SITE + "#datamangd")
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == {dataset, URIRef(SITE + "#utmaningar")}
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
        assert graph.value(catalog, prop) is not None, prop
    assert list(graph.objects(catalog, DCTERMS.license)) == [URIRef("http://creativecommons.org/publicdomain/zero/1.0/")]
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCAT.distribution, DCAT.theme):
        assert graph.value(dataset, prop) is not None, prop
    titles = set(graph.objects(dataset, DCTERMS.title))
    assert Literal("Innovationsportföljen", lang="sv") in titles and Literal("Innovation portfolio", lang="en") in titles
    assert {lit.language for lit in graph.objects(dataset, DCTERMS.description)} == {"sv", "en"}
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Åsby kommun")
    assert graph.value(graph.value(dataset, DCAT.contactPoint), VCARD.hasEmail) == URIRef("mailto:kommun@asby.se")
    assert graph.value(graph.value(dataset, DCAT.contactPoint), VCARD.fn) == Literal("Åsby kommun")
    assert len(distributions) == 5  # initiatives as JSON, CSV and Atom; challenges as JSON and CSV
    for distribution in distributions:
        for prop in (DCAT.accessURL, DCTERMS.format, DCTERMS.license, DCTERMS.title):
            assert graph.value(distribution, prop) is not None, prop
        assert graph.value(distribution, DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
        url = str(graph.value(distribution, DCAT.accessURL)).removeprefix(SITE)
        assert (built.site / url).is_file()


def test_open_data_page_lists_downloads_fields_and_licence(built):
    html = built.html("oppna-data")
    for name in ("initiatives.json", "initiatives.csv", "flode.xml", "dcat.jsonld", "initiatives.schema.json"):
        assert f'href="../{name}"' in html
    assert "CC0 1.0" in html and "<code>|</code>" in html
    assert "<td><code>amount_sek</code>" not in html and "<td><code>funding</code></td>" in html


def test_dcat_catalog_stays_cc0_when_the_data_has_another_licence():
    from portfolj.dcat import dcat_jsonld
    from portfolj.settings import Settings
    from portfolj.generated import CATALOG, DOWNLOADS

    cc_by = "https://creativecommons.org/licenses/by/4.0/"
    settings = Settings.model_validate({"site_url": SITE, "dataset": {"licence": cc_by}})
    graph = Graph().parse(data=dcat_jsonld(settings, list(DOWNLOADS), CATALOG), format="json-ld")
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    assert {graph.value(d, DCTERMS.license) for d in graph.subjects(RDF.type, DCAT.Distribution)} == {URIRef(cc_by)}
