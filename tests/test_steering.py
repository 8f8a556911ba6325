"""Steering the portfolio: challenges, results in numbers, lessons and the
portfolio's movement. Unit tests of the model and the figures, then a real
build whose pages and exports are read with real parsers."""

import csv
import io
import json
from datetime import date

import feedparser
import jsonschema
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from portfolj.history import Event
from portfolj.lessons import lessons_html, lessons_markdown
from portfolj.loading import load_portfolio
from portfolj.steering import Steering
from support import MINIMAL, ROOT, front_matter, new_project

SITE = "https://innovation.asby.se/"
CHALLENGE = {"title": "Äldre vill bo hemma", "description": "Fler äldre vill bo kvar hemma.",
             "organisation": "Vård- och omsorgsförvaltningen", "opened": "2025-01-01", "status": "open"}


def write_challenge(project, slug, **fields):
    return project.write(f"content/utmaningar/{slug}.md", front_matter(CHALLENGE | fields, "## Behovet\n\nText.\n"))


# ----------------------------------------------------------------------------
# Model and loading
# ----------------------------------------------------------------------------


def test_an_unknown_challenge_is_an_error_with_a_suggestion_and_its_line(project):
    write_challenge(project, "aldre-hemma")
    path = project.add("a", challenges=["aldre-hema"])
    _, problems = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.field == "challenges" and problem.path.endswith("initiatives/a.md")
    assert problem.line == path.read_text(encoding="utf-8").splitlines().index("- aldre-hema") + 1
    assert "Menade du 'aldre-hemma'?" in problem.message


def test_challenge_fields_are_validated_in_swedish(project):
    write_challenge(project, "a", status="oppen-ish", opened="igår", sdgs=[18])
    write_challenge(project, "index")
    _, problems = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    by_field = {p.field: p.message for p in problems}
    assert "Tillåtna värden: open (Öppen), addressed (Mött)" in by_field["status"]
    assert "ÅÅÅÅ-MM-DD" in by_field["opened"]
    assert any(field.startswith("sdgs") and "Okänt värde '18'" in message for field, message in by_field.items())
    assert any("index.md är reserverat" in p.message for p in problems)


def test_challenge_status_takes_the_swedish_label(project):
    write_challenge(project, "a", status="Mött")
    portfolio, problems = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    assert problems == [] and portfolio.challenges[0].data.status == "addressed"


@pytest.mark.parametrize(("result", "field", "words"), [
    ({"indicator": "Idéer", "value": "många", "unit": "st", "date": "2026-01-01"}, "results, värde 1, value", "inget tal"),
    ({"indicator": "Idéer", "value": True, "unit": "st", "date": "2026-01-01"}, "results, värde 1, value", "Ska vara ett tal"),
    ({"indicator": "Idéer", "value": 3, "unit": "st"}, "results, värde 1, date", "Obligatoriskt fält saknas"),
    ({"indicator": "Idéer", "value": 3, "unit": "st", "date": "2026-01-01", "goal": 5}, "results, värde 1, goal", "Okänt fält 'goal'"),
])
def test_results_are_validated_in_swedish(project, result, field, words):
    project.add("a", results=[result])
    _, problems = load_portfolio(project.root / "content", project.root / "taxonomy.yml")
    assert [p.field for p in problems] == [field] and words in problems[0].message


def test_a_history_event_needs_a_stage_or_a_status(model):
    with pytest.raises(Exception, match="behöver stage, status eller båda"):
        model.model_validate(MINIMAL | {"history": [{"date": "2024-01-01", "note": "Bara en anteckning"}]})


def test_results_keep_whole_numbers_whole(model):
    data = model.model_validate(MINIMAL | {"results": [
        {"indicator": "Idéer", "value": 60, "unit": "st", "date": "2026-06-30", "target": 80.0, "baseline": 2.5}]})
    assert data.model_dump(mode="json")["results"][0] | {} == {
        "indicator": "Idéer", "value": 60, "unit": "st", "date": "2026-06-30", "baseline": 2.5, "target": 80}


# ----------------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------------


def with_history(portfolio, slug, *events):
    entry = next(e for e in portfolio if e.slug == f"i{slug}")
    entry.history = [Event(date.fromisoformat(day), stage, status) for day, stage, status in events]


def test_movement_figures(make, monkeypatch):
    portfolio = make({}, {}, {"status": "completed"}, {"started": "2026-01-05"})
    with_history(portfolio, 0, ("2024-01-01", "needs", "active"), ("2024-07-01", "explore", "active"),
                 ("2025-07-01", "realise", "active"))
    with_history(portfolio, 1, ("2025-02-01", "needs", "active"), ("2025-04-02", "explore", "paused"))
    with_history(portfolio, 2, ("2025-01-01", "needs", "active"), ("2025-03-01", "needs", "completed"))
    steering = Steering(portfolio, date(2026, 8, 1), stale_after_months=12)
    rows = {row.term.id: {c.term.id: c.count for c in row.counts if c.count} for row in steering.entered()}
    assert rows == {2024: {"needs": 1, "explore": 1}, 2025: {"needs": 2, "explore": 1, "realise": 1}}
    times = {t.term.id: (t.median_days, t.stays) for t in steering.stage_times()}
    # Needs: 182 days (i0), 60 days (i1), 59 days until i2 completed.
    assert times["needs"] == (60, 3) and times["explore"] == (365, 1) and times["realise"] == (None, 0)
    assert [(s.entry.slug, s.months) for s in steering.standing_still()] == [("i1", 15), ("i0", 13)]
    assert "2 initiativ har inte bytt steg eller status på mer än 12 månader" in steering.standing_still_text()
    assert [s.entry.slug for s in Steering(portfolio, date(2026, 8, 1), 24).standing_still()] == []
    assert [s.entry.slug for s in steering.longest_still()[0]] == ["i1", "i0"] and steering.longest_still()[1] == 2
    monkeypatch.setattr("portfolj.steering.STILL_SHOWN", 1)  # the table shows the longest still, the count all
    assert [s.entry.slug for s in steering.longest_still()[0]] == ["i1"] and steering.longest_still()[1] == 2
    chart = steering.entered_chart()
    assert [b.label for b in chart.bars][:2] == ["2024, Identifiera behov: 1 initiativ",
                                                 "2024, Utforska möjligheter: 1 initiativ"]
    assert all(0 <= b.y and b.y + b.h <= 220.1 for b in chart.bars)
    assert steering.stage_times_text() == ("Initiativen stannar längst i steget Utforska möjligheter, i median "
                                           "12 månader (1 initiativ har lämnat steget).")
    # The phone layouts: the same figures as lines.
    [entered] = steering.entered_lines()
    assert entered.lines[0].label == "2024" and entered.lines[0].parts.startswith("Identifiera behov 1, Utforska möjligheter 1")
    [times] = steering.stage_times_lines()
    figures = {line.label: line.figure for line in times.lines}
    assert figures["Utforska möjligheter"] == "12 månader" and figures["Sprida"] == "ingen har lämnat steget"


def test_lessons_section_is_cut_from_the_body():
    body = "## Behov\n\nA.\n\n## Lärdomar\n\nVi lärde oss.\n\n### Mer\n\nOch mer.\n\n```\n## Lärdomar\n```\n\n## Länkar\n\nB."
    assert lessons_markdown(body) == "Vi lärde oss.\n\n### Mer\n\nOch mer.\n\n```\n## Lärdomar\n```"
    assert lessons_markdown("## Behov\n\nA.") == ""
    html = '<h2 id="behov">Behov</h2><p>A</p><h2 id="lardomar">Lärdomar</h2><p>L</p><h3 id="mer">Mer</h3><h2 id="x">X</h2>'
    assert lessons_html(html) == "<p>L</p><h3>Mer</h3>"


# ----------------------------------------------------------------------------
# A real build
# ----------------------------------------------------------------------------

LESSONS = ("## Behov\n\nText.\n\n## Lärdomar\n\nTa **små** steg.<script>alert(1)</script>"
           "<img src=x onerror=alert(2)>\n\n## Länkar\n\nInget mer.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("steering") / "project")
    write_challenge(project, "aldre-hemma", status="addressed", opened="2024-05-01")
    write_challenge(project, "tom-utmaning", title="Ingen har tagit sig an detta", opened="2026-02-01",
                    contact={"name": "Maria Berg", "email": "maria.berg@asby.se"})
    project.add("stoppad", title="Stoppad pilot", status="stopped", challenges=["aldre-hemma"], body=LESSONS,
                history=[{"date": "2024-01-01", "stage": "needs", "status": "active", "note": "Start & <b>ny</b>"},
                         {"date": "2024-06-01", "stage": "explore", "status": "stopped"}])
    project.add("med-resultat", title="Med resultat", challenges=["aldre-hemma"], started="2020-01-01",
                results=[{"indicator": "Idéer som prövats", "value": 60, "unit": "st", "date": "2026-06-30",
                          "target": 80, "baseline": 12.5}],
                body="## Lärdomar\n\nAktiva lär sig också.\n")
    project.add("utan", title="Utan allt", facet="mission")
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_challenge_page_lists_its_initiatives(built):
    html = built.html("utmaningar/aldre-hemma")
    assert ">Äldre vill bo hemma</h1>" in html and "Mött" in html
    section = html[html.index('id="initiativ-som-moter"'):]
    assert 'data-slug="med-resultat"' in section and 'data-slug="stoppad"' in section
    empty = built.html("utmaningar/tom-utmaning")
    assert "Inget initiativ ännu." in empty and "mailto:maria.berg@asby.se" in empty


def test_challenge_list_puts_open_ones_without_initiatives_first(built):
    html = built.html("utmaningar")
    assert html.index("Ingen har tagit sig an detta") < html.index("Äldre vill bo hemma")
    assert "Inget initiativ ännu" in html


def test_initiative_page_shows_results_challenges_journey_and_lessons_link(built):
    html = built.html("initiatives/med-resultat")
    assert html.index('id="resultat-i-siffror"') < html.index('id="fakta"')
    assert "60 st" in html and "Utgångsvärde 12,5 st" in html and "Mål 80 st" in html
    assert '<a href="../../utmaningar/aldre-hemma/">Äldre vill bo hemma</a>' in html
    stopped = built.html("initiatives/stoppad")
    assert stopped.index("portfolio-lessons-link") < stopped.index('id="fakta"')
    assert 'href="#avsnitt-lardomar"' in stopped
    timeline = stopped[stopped.index('id="resan-genom-stegen"'):]
    assert timeline.index("1 januari 2024") < timeline.index("1 juni 2024")
    assert "Start &amp; &lt;b&gt;ny&lt;/b&gt;" in timeline and "<table>" in timeline


def test_lessons_page_is_sanitised_with_stopped_first(built):
    html = built.html("lardomar")
    assert html.index("Stoppad pilot") < html.index("Med resultat")
    assert "Ta <strong>små</strong> steg." in html and "Inget mer." not in html
    main = html[html.index("<article"):html.index("</article>")]
    assert "alert" not in main and "onerror" not in main
    assert 'data-facet="enhancement" data-status="stopped"' in html
    assert 'name="status" value="stopped"' in html and 'name="status" value="paused"' not in html


def test_overview_shows_gaps_and_movement(built):
    html = built.html("overblick")
    gaps = html[html.index('id="luckor"'):html.index('id="stegbyten"')]
    assert "Ingen har tagit sig an detta" in gaps and "Äldre vill bo hemma" not in gaps
    assert "Anpassningsinriktad" in gaps and "Missionsorienterad" not in gaps  # facets without initiatives
    for chart in ("stegbyten", "tid-i-steg"):
        assert f'aria-labelledby="{chart}-svg-title {chart}-text"' in html
    assert "Stegbyten från 2024 till 2024" in html
    still = html[html.index('id="stilla"'):]
    assert "Med resultat" in still  # started 2020, never moved


def test_exports_hold_challenges_results_history_and_lessons(built):
    initiatives = json.loads((built.site / "initiatives.json").read_text("utf-8"))
    jsonschema.validate(initiatives, json.loads((built.site / "initiatives.schema.json").read_text("utf-8")))
    by_slug = {i["slug"]: i for i in initiatives["initiatives"]}
    assert by_slug["stoppad"]["history"][1] == {"date": "2024-06-01", "stage": "explore", "status": "stopped"}
    assert by_slug["stoppad"]["lessons"].startswith("Ta **små** steg.")
    assert by_slug["med-resultat"]["results"][0]["value"] == 60
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO((built.site / "initiatives.csv").read_text("utf-8-sig")))}
    assert json.loads(rows["stoppad"]["history"])[0]["note"] == "Start & <b>ny</b>"
    assert rows["stoppad"]["challenges"] == "aldre-hemma" and rows["utan"]["lessons"] == ""

    challenges = json.loads((built.site / "utmaningar.json").read_text("utf-8"))
    jsonschema.validate(challenges, json.loads((built.site / "utmaningar.schema.json").read_text("utf-8")))
    by_slug = {c["slug"]: c for c in challenges["challenges"]}
    assert by_slug["aldre-hemma"]["initiatives"] == ["med-resultat", "stoppad"]
    assert by_slug["tom-utmaning"]["initiatives"] == [] and challenges["count"] == 2
    rows = list(csv.DictReader(io.StringIO((built.site / "utmaningar.csv").read_text("utf-8-sig"))))
    assert {row["slug"]: row["initiatives"] for row in rows}["aldre-hemma"] == "med-resultat | stoppad"
    assert rows[0]["contact_email"] == "maria.berg@asby.se"


def test_dcat_lists_the_challenges_dataset(built):
    graph = Graph().parse(data=(built.site / "dcat.jsonld").read_text("utf-8"), format="json-ld")
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert URIRef(SITE + "#utmaningar") in datasets and len(datasets) == 2
    downloads = {str(d) for d in graph.objects(URIRef(SITE + "#utmaningar"), DCAT.distribution)}
    assert downloads == {SITE + "utmaningar.json", SITE + "utmaningar.csv"}
    assert all((URIRef(d), DCTERMS.license, None) in graph for d in downloads)


def test_feed_has_new_challenges(built):
    feed = feedparser.parse((built.site / "flode.xml").read_bytes())
    titles = {entry.title: entry for entry in feed.entries}
    assert titles["Utmaning: Ingen har tagit sig an detta"].tags[0].term == "utmaning"
    assert titles["Utmaning: Ingen har tagit sig an detta"].link == SITE + "utmaningar/tom-utmaning/"


def test_filter_knows_who_has_results(built):
    document = json.loads((built.site / "assets" / "filter.json").read_text("utf-8"))
    column = document["dimensions"].index("results")
    by_slug = dict(zip(["med-resultat", "stoppad", "utan"], document["items"]))
    assert by_slug["med-resultat"][column] == 0 and by_slug["utan"][column] == -1
    assert 'name="results" value="yes"' in built.html("alla-initiativ")


def test_search_marks_challenges(built):
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["sv"]["page_count"] == 5  # three initiatives, two challenges


def test_editor_has_a_challenges_collection(built):
    import yaml
    config = yaml.safe_load((built.site / "admin" / "config.yml").read_text("utf-8"))
    names = [c["name"] for c in config["collections"]]
    assert names == ["initiatives", "challenges"]
    picker = next(f for f in config["collections"][0]["fields"] if f["name"] == "challenges")
    assert picker["widget"] == "relation" and picker["collection"] == "challenges" and picker["multiple"]
