"""The overview page and the organisations' own pages, built for real: every
figure on the page equals the count from the data."""

import re
from html import unescape


SPECS = {
    "a": dict(facet="mission", stage="explore", status="completed", started="2021-03-01", areas=["health"]),
    "b": dict(facet="mission", stage="realise", started="2023-05-01", organisation="Socialförvaltningen"),
    "c": dict(facet="adaptive", stage="explore", status="paused", started="2023-01-01"),
    "d": dict(facet="enhancement", stage="needs"),
    "e": dict(facet="enhancement", stage="needs", organisation="Socialförvaltningen", started="2023-09-09"),
}
DEFAULT = {"facet": "enhancement", "stage": "explore", "status": "active", "organisation": "Kommunledningsförvaltningen"}


def figures(html: str) -> dict[str, int]:
    found = re.findall(r'<a href="([^"]*)" data-figure="([^"]+)">([^<]+)</a>', html)
    result = {}
    for href, key, text in found:
        number = int(re.match(r"\D*?(\d+)\s*$", unescape(text)).group(1))
        assert result.setdefault(key, number) == number, key  # the same figure twice never differs
        assert "alla-initiativ/?" in href
    return result


def expected(specs: dict, key: str) -> int:
    """Count initiatives matching 'field:value/field:value' straight from the specs."""
    def value(spec, field):
        if field == "year":
            return str(spec["started"][:4]) if "started" in spec else None
        if field == "organisation":
            return {"Kommunledningsförvaltningen": "kommunledningsforvaltningen",
                    "Socialförvaltningen": "socialforvaltningen"}[spec[field]]
        return spec[field]
    criteria = [part.split(":", 1) for part in key.split("/")]
    return sum(all(value(DEFAULT | spec, f) == v for f, v in criteria) for spec in specs.values())


def build(project, specs):
    for slug, spec in specs.items():
        project.add(slug, **spec)
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project.html("overblick")


def test_every_figure_equals_the_count_from_the_data(project):
    html = build(project, SPECS)
    found = figures(html)
    assert len(found) > 40
    for key, number in found.items():
        assert number == expected(SPECS, key), key
    assert found["facet:mission/stage:explore"] == 1 and found["year:2023/facet:enhancement"] == 1
    assert "2 av 5 initiativ är förbättringsinriktade, 2 missionsorienterade och 1 anpassningsinriktat." in html


def test_charts_are_accessible_svg_with_tables(project):
    html = build(project, SPECS)
    svgs = re.findall(r"<svg class=\"portfolio-chart__svg\"[^>]*>", html)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="group"' in svg  # role="img" would hide the chart's links from assistive technology
        for ref in re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split():
            assert f'id="{ref}"' in html
    assert html.count("<summary>Visa som tabell</summary>") == len(svgs)
    assert 'aria-label="Missionsorienterad, Utforska möjligheter: 1 initiativ"' in html
    assert "<script" not in html[html.index("<h1"):html.index("</article>")]
    assert ">Överblick</h1>" in html and html.count("<h1") == 1


def test_links_filter_the_list(project):
    html = build(project, SPECS)
    assert 'href="../alla-initiativ/?facet=mission&amp;stage=explore"' in html
    assert 'href="../alla-initiativ/?year=2023&amp;facet=enhancement"' in html
    assert 'href="../alla-initiativ/?status=paused"' in html


def test_empty_portfolio(project):
    html = build(project, {})
    assert "Portföljen har inga initiativ ännu." in html
    assert set(figures(html).values()) == {0}
    assert "0 initiativ i portföljen." in html


def test_single_facet(project):
    specs = {f"m{n}": dict(facet="mission", stage=["needs", "explore"][n % 2]) for n in range(4)}
    html = build(project, specs)
    found = figures(html)
    assert found["facet:mission"] == 4 and found["facet:adaptive"] == 0
    assert "4 av 4 initiativ är missionsorienterade. Inga initiativ är förbättringsinriktade, anpassningsinriktade eller framtidsinriktade." in html
    for key, number in found.items():
        assert number == expected(specs, key), key


def test_organisation_page_has_its_own_balance(project):
    build(project, SPECS)
    html = project.html("organisationer/socialforvaltningen")
    found = figures(html)
    assert found == {"facet:enhancement": 1, "facet:mission": 1, "facet:adaptive": 0, "facet:anticipatory": 0}
    assert 'href="../../alla-initiativ/?organisation=socialforvaltningen&amp;facet=mission"' in html
    assert re.findall(r'data-slug="([^"]+)"', html) == ["b", "e"]
    assert "overview.css" in html and "overview.css" not in project.html("facetter/missionsorienterad")
