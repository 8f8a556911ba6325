"""The overview's figures and sentences, computed in the core."""


from portfolj.overview import Overview


def counts(items):
    return {c.term.id: c.count for c in items}


def test_counts_tables_and_years(make):
    portfolio = make(
        {"facet": "mission", "stage": "explore", "status": "completed", "started": "2021-03-01"},
        {"facet": "mission", "stage": "realise", "started": "2023-05-01", "organisation": "Socialförvaltningen"},
        {"facet": "adaptive", "stage": "explore", "started": "2023-01-01"},
        {"facet": "enhancement", "stage": "needs"},
    )
    overview = Overview.of(portfolio)
    assert overview.total == 4
    assert counts(overview.counts("facet")) == {"enhancement": 1, "mission": 2, "adaptive": 1, "anticipatory": 0}
    table = {row.term.id: counts(row.counts) for row in overview.table("facet", "stage")}
    assert table["mission"] == {"foundation": 0, "needs": 0, "explore": 1, "realise": 1, "spread": 0}
    years = overview.years()
    assert [(row.term.id, row.total) for row in years] == [(2021, 1), (2022, 0), (2023, 2)]
    assert overview.undated == 1
    organisations = overview.table("organisation", "facet")
    assert [(row.term.label, row.total) for row in organisations] == [
        ("Kommunledningsförvaltningen", 3), ("Socialförvaltningen", 1)]
    assert {corner: c.count for corner, c in overview.diamond().items()} == {
        "top": 2, "left": 1, "right": 0, "bottom": 1}


def test_sentences_state_what_the_charts_show(make):
    portfolio = make(*[{"facet": "enhancement"}] * 7, *[{"facet": "mission", "stage": "realise", "status": "stopped"}] * 3)
    overview = Overview.of(portfolio)
    assert overview.balance_text() == (
        "7 av 10 initiativ är förbättringsinriktade och 3 missionsorienterade. "
        "Inga initiativ är anpassningsinriktade eller framtidsinriktade.")
    assert overview.pipeline_text().startswith("Flest initiativ är i steget Utforska möjligheter (7 av 10).")
    assert "Inga initiativ är i steget Lägga grunden, Identifiera behov eller Sprida." in overview.pipeline_text()
    assert overview.heatmap_text() == ("Den vanligaste kombinationen är förbättringsinriktade initiativ i steget "
                                       "Utforska möjligheter (7 st). 18 av 20 kombinationer saknar initiativ.")
    assert overview.status_text() == "Av 10 initiativ är 7 pågående och 3 avbrutna."
    assert overview.years_text() == "Inga initiativ har ett startdatum."


def test_sentences_agree_in_number(make):
    overview = Overview.of(make({"facet": "adaptive", "status": "completed"}, {"facet": "enhancement", "status": "paused"},
                                {"facet": "enhancement", "status": "paused"}))
    assert overview.balance_text().startswith("2 av 3 initiativ är förbättringsinriktade och 1 anpassningsinriktat.")
    assert overview.status_text() == "Av 3 initiativ är 2 pausade och 1 avslutat."
    assert [overview.percent(c.count) for c in overview.counts("status")] == [0, 67, 33, 0]


def test_empty_portfolio(make):
    overview = Overview.of(make())
    assert overview.total == 0 and overview.years() == []
    assert all(c.count == 0 for c in overview.counts("facet"))
    assert overview.balance_text() == "Portföljen har inga initiativ ännu."
    assert overview.table("organisation", "facet") == []


def test_organisation_subset_and_its_links(make):
    portfolio = make({"facet": "mission", "organisation": "Socialförvaltningen"}, {"facet": "adaptive"})
    overview = Overview.of(portfolio, "socialforvaltningen")
    assert overview.total == 1 and counts(overview.counts("facet"))["adaptive"] == 0
    assert overview.link(facet="mission") == "alla-initiativ/?organisation=socialforvaltningen&facet=mission"


def test_diamond_needs_opsi_facets(make, taxonomies):
    portfolio = make({"facet": "mission"})
    portfolio.taxonomies["facet"] = taxonomies["facet"].model_copy(update={"terms": taxonomies["facet"].terms[:3]})
    assert Overview.of(portfolio).diamond() is None


def test_each_figure_is_counted_once_per_overview(make):
    """A chart and its sentence ask for the same figures: they are counted once."""
    portfolio = make({"facet": "mission"}, {"facet": "adaptive"})
    overview = Overview.of(portfolio)
    assert overview.counts("facet") is overview.counts("facet")
    assert overview.table("facet", "stage") is overview.table("facet", "stage")
    assert overview.years() is overview.years()
    # Counting a part of the initiatives is never answered from the whole's figures.
    assert counts(overview.counts("facet", portfolio.entries[:1])) != counts(overview.counts("facet"))


def test_phone_layouts_hold_the_charts_figures(make):
    """A chart's phone layout is its figures as lines: the same counts, bars
    scaled to the largest, and the links the chart has."""
    from portfolj.charts import Charts

    portfolio = make(
        {"facet": "mission", "stage": "explore", "started": "2021-03-01"},
        {"facet": "mission", "stage": "explore", "started": "2023-05-01"},
        {"facet": "adaptive", "stage": "realise", "started": "2023-01-01", "status": "paused"},
    )
    charts = Charts(Overview.of(portfolio))
    [balance] = charts.phone_counts("facet")
    assert [(line.label, line.figure, line.boxes[0].w) for line in balance.lines] == [
        ("Förbättringsinriktad", "0", 0), ("Missionsorienterad", "2", 100), ("Anpassningsinriktad", "1", 50),
        ("Framtidsinriktad", "0", 0)]
    assert balance.lines[1].link == {"facet": "mission"}
    [status] = charts.phone_counts("status", 2, share=True)
    assert status.lines[0].figure == "2 (67 %)" and status.lines[0].boxes[0].series == 2
    by_facet = charts.phone_facet_stage(by_stage=False)
    assert [group.heading for group in by_facet][:2] == ["Förbättringsinriktad", "Missionsorienterad"]
    assert [(line.label, line.figure) for line in by_facet[1].lines][2] == ("3. Utforska möjligheter", "2")
    by_stage = charts.phone_facet_stage(by_stage=True)
    assert by_stage[3].heading == "4. Förverkliga"
    assert [line.figure for line in by_stage[3].lines] == ["0", "0", "1", "0"]
    assert by_stage[3].lines[2].link == {"facet": "adaptive", "stage": "realise"}
    [years] = charts.phone_years()
    assert [(line.label, line.figure) for line in years.lines] == [("2021", "1"), ("2022", "0"), ("2023", "2")]
    stacked = years.lines[2]
    assert [(box.x, box.w) for box in stacked.boxes] == [(0, 50), (50, 50)]  # mission, then adaptive
    assert stacked.parts == "Missionsorienterad 1, Anpassningsinriktad 1" and stacked.link == {"year": 2023}
