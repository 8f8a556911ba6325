"""Aggregation: groups, matrix, order and links, computed once in the core."""

import pickle

import pytest

from portfolj.exports import initiatives_json, leading, record, records
from portfolj.portfolio import swedish_key
from portfolj.settings import Settings
from portfolj.generated import generated_pages


def test_groups_hold_exactly_their_members(make):
    portfolio = make(
        {"title": "A", "facet": "mission", "areas": ["education", "health"]},
        {"title": "B", "facet": "mission"},
        {"title": "C", "facet": "adaptive", "areas": ["health"]},
    )
    assert [e.data.title for e in portfolio.members("facet", "mission")] == ["A", "B"]
    assert [e.data.title for e in portfolio.members("areas", "health")] == ["A", "C"]
    assert portfolio.members("facet", "anticipatory") == []
    groups = portfolio.groups("facet")
    assert [g.term.id for g in groups] == ["enhancement", "mission", "adaptive", "anticipatory"]
    assert [len(g.entries) for g in groups] == [0, 2, 1, 0]


def test_a_term_given_twice_counts_once(make):
    portfolio = make({"title": "A", "areas": ["education", "Förskola och skola"], "sdgs": [3, "3"], "tags": ["Skola", "skola"]},
                     {"title": "B", "tags": ["skola"]})
    a = portfolio.members("facet", "enhancement")[0]
    assert a.data.areas == ["education"] and a.data.sdgs == [3]
    assert len(portfolio.members("areas", "education")) == 1 and len(portfolio.members("tags", "skola")) == 2
    assert portfolio.term_ids(a, "tags") == ["skola"]


def test_matrix_counts_and_totals(make):
    portfolio = make(
        {"facet": "mission", "stage": "explore"},
        {"facet": "mission", "stage": "explore"},
        {"facet": "mission", "stage": "spread"},
        {"facet": "anticipatory", "stage": "needs"},
    )
    matrix = portfolio.matrix("facet", "stage")
    assert matrix.count("mission", "explore") == 2
    assert matrix.count("enhancement", "explore") == 0
    assert matrix.row_total("mission") == 3
    assert matrix.column_total("needs") == 1
    assert sum(matrix.row_total(f) for f in matrix.rows.ids) == len(portfolio) == 4


def test_empty_portfolio(make):
    portfolio = make()
    assert len(portfolio) == 0 and portfolio.featured() == []
    assert portfolio.matrix().row_total("mission") == 0
    assert all(g.entries == [] for g in portfolio.groups("stage"))


def test_titles_sort_in_swedish_order(make):
    titles = ["Öppna data", "Äldreomsorg", "Zon", "Ångbåt", "avfall", "Bibliotek"]
    portfolio = make(*({"title": t} for t in titles))
    assert [e.data.title for e in portfolio] == ["avfall", "Bibliotek", "Zon", "Ångbåt", "Äldreomsorg", "Öppna data"]
    assert swedish_key("å") < swedish_key("ä") < swedish_key("ö")


def test_featured(make):
    portfolio = make({"title": "A", "featured": True}, {"title": "B"})
    assert [e.data.title for e in portfolio.featured()] == ["A"]
    many = make(*({"title": f"T{n}", "featured": True} for n in range(9)))
    assert len(many.featured(limit=6)) == 6 and len(many.featured()) == 9


def test_links_are_where_the_engine_says(make):
    portfolio = make({"title": "A"})  # resolved as MkDocs' directory URLs (see conftest)
    assert portfolio.entries[0].url == "initiatives/i0/"
    assert portfolio.term_url("stage", "explore") == "steg/utforska-mojligheter/"
    portfolio.resolve_urls(lambda src: src.replace(".md", ".html"))
    assert portfolio.entries[0].url == "initiatives/i0.html"
    assert portfolio.term_url("sdgs", 7) == "globala-malen/7.html"


def test_no_link_before_the_engine_has_said_where_pages_are(make):
    portfolio = make({"title": "A"}, urls=False)
    with pytest.raises(RuntimeError, match="resolve_urls"):
        portfolio.filter_url(facet="mission")


def test_generated_pages_fall_out_of_the_taxonomies(make):
    portfolio = make({"facet": "mission"})
    pages = {page.src_uri: page for page in generated_pages(portfolio, Settings())}
    for taxonomy in portfolio.taxonomies.values():
        assert pages[f"{taxonomy.path}/index.md"].in_menu
        for term in taxonomy.terms:
            page = pages[portfolio.term_page(taxonomy.field, term.id)]
            assert page.title == term.label and not page.in_menu
    assert [e.data.facet for e in pages["facetter/missionsorienterad.md"].context["entries"]] == ["mission"]
    assert pages["alla-initiativ.md"].in_menu


def test_record_has_required_fields_first_and_optional_only_when_present(make):
    portfolio = make({"title": "A", "sdgs": [3], "started": "2024-01-02"})
    data = record(portfolio.entries[0], leading(portfolio.model))
    assert list(data)[:8] == ["slug", "title", "description", "facet", "stage", "status", "organisation", "url"]
    assert data["sdgs"] == [3] and data["started"] == "2024-01-02"
    assert "ended" not in data and "funding" not in data and "featured" not in data
    assert '"count":1' in initiatives_json(records(portfolio))


def test_open_taxonomy_takes_its_terms_from_the_content(make):
    portfolio = make(
        {"title": "A", "organisation": "Vård- och omsorgsförvaltningen"},
        {"title": "B", "organisation": "Barn- och utbildningsförvaltningen"},
        {"title": "C", "organisation": "Vård- och omsorgsförvaltningen"},
    )
    groups = portfolio.groups("organisation")
    assert [(g.term.id, g.term.label, len(g.entries)) for g in groups] == [
        ("barn-och-utbildningsforvaltningen", "Barn- och utbildningsförvaltningen", 1),
        ("vard-och-omsorgsforvaltningen", "Vård- och omsorgsförvaltningen", 2),
    ]
    assert portfolio.term_url("organisation", "vard-och-omsorgsforvaltningen") == "organisationer/vard-och-omsorgsforvaltningen/"


def test_filter_url_uses_field_names_and_ids(make):
    portfolio = make({"title": "A"})
    assert portfolio.filter_url() == "alla-initiativ/"
    assert portfolio.filter_url(facet="mission", stage=["explore", "realise"], q="skola") == (
        "alla-initiativ/?facet=mission&stage=explore&stage=realise&q=skola"
    )
    assert portfolio.filter_url(sdgs=7, areas=[]) == "alla-initiativ/?sdgs=7"


def test_related_prefers_shared_tags_and_areas_and_never_the_page_itself(make):
    portfolio = make(
        {"title": "Mål", "facet": "mission", "areas": ["elderly-care"], "tags": ["välfärdsteknik"], "sdgs": [3]},
        {"title": "Tagg och område", "facet": "enhancement", "areas": ["elderly-care"], "tags": ["Välfärdsteknik"]},
        {"title": "Bara område", "facet": "adaptive", "areas": ["elderly-care"]},
        {"title": "Bara mål", "facet": "adaptive", "sdgs": [3]},
        {"title": "Samma facett", "facet": "mission"},
        {"title": "Inget gemensamt", "facet": "anticipatory", "areas": ["education"]},
    )
    target = next(e for e in portfolio if e.data.title == "Mål")
    related = [e.data.title for e in portfolio.related(target)]
    assert related == ["Tagg och område", "Bara område", "Bara mål", "Samma facett"]
    assert all(e is not target for e in portfolio.related(target))
    assert len(portfolio.related(target, limit=2)) == 2


def test_related_for_every_initiative_in_a_large_portfolio(make):
    specs = [{"title": f"Initiativ {n:04}", "facet": ["mission", "adaptive"][n % 2],
              "areas": [["education", "health", "transport"][n % 3]]} for n in range(400)]
    portfolio = make(*specs)
    for entry in portfolio:
        related = portfolio.related(entry)
        assert 3 <= len(related) <= 5 and entry not in related
        assert all(entry.data.facet == r.data.facet or entry.data.areas == r.data.areas for r in related)


def test_related_computed_elsewhere_gives_the_same_answers(make):
    """The build computes the related initiatives in another process and hands
    them over as slugs (see portfolj.forked)."""
    specs = [{"title": f"Initiativ {n:03}", "facet": ["mission", "adaptive"][n % 2],
              "areas": [["education", "health", "transport"][n % 3]], "tags": [f"tagg{n % 4}"]} for n in range(60)]
    here, elsewhere = make(*specs), make(*specs)
    table = pickle.loads(pickle.dumps(elsewhere.related_table()))  # plain data, as it crosses between processes
    here_before = {entry.slug: [r.slug for r in here.related(entry)] for entry in here}
    here.know_related(table)
    assert {entry.slug: [r.slug for r in here.related(entry)] for entry in here} == here_before
    assert all(r in here.entries for entry in here for r in here.related(entry))  # this portfolio's own entries
    assert len(here.related(here.entries[0], limit=2)) == 2


def test_related_says_why_in_swedish(make):
    portfolio = make(
        {"title": "A", "facet": "mission", "areas": ["elderly-care", "health"], "tags": ["Välfärdsteknik"], "sdgs": [3]},
        {"title": "B", "facet": "mission", "areas": ["elderly-care"]},
        {"title": "C", "facet": "adaptive", "areas": ["elderly-care", "health"], "tags": ["välfärdsteknik"], "sdgs": [3]},
        {"title": "D", "facet": "enhancement"},
    )
    a, b, c, d = portfolio.entries
    assert portfolio.related_reason(a, b) == "Samma innovationsfacett och verksamhetsområde: Äldreomsorg"
    assert portfolio.related_reason(a, c) == ("Samma tagg, verksamhetsområde och globalt mål: "
                                              "välfärdsteknik, Äldreomsorg, Hälsa och sjukvård, Hälsa och välbefinnande")
    assert portfolio.related_reason(a, d) == ""


def test_lists_are_cut_into_numbered_pages_of_at_most_100():
    from portfolj.portfolio import LIST_PAGE_SIZE, Pagination, list_pages

    entries = list(range(250))
    pages = list_pages("steg/forverkliga.md", entries)
    assert [page.src_uri for page in pages] == ["steg/forverkliga.md", "steg/forverkliga/sida-2.md",
                                                "steg/forverkliga/sida-3.md"]
    assert [len(page.entries) for page in pages] == [LIST_PAGE_SIZE, LIST_PAGE_SIZE, 50] and LIST_PAGE_SIZE == 100
    assert [page.src_uri for page in list_pages("alla-initiativ.md", [])] == ["alla-initiativ.md"]  # an empty list: one page
    assert Pagination(1, ("a",) * 3).numbers() == [1, 2, 3]
    assert Pagination(6, ("a",) * 12).numbers() == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert Pagination(12, ("a",) * 12).numbers() == [1, None, 10, 11, 12]


def test_every_page_of_a_list_is_generated_with_its_cards(make):
    portfolio = make(*[{"title": f"Initiativ {n:03}", "stage": "realise"} for n in range(205)])
    pages = {page.src_uri: page for page in generated_pages(portfolio, Settings(site_url="https://x.se/"))}
    assert [len(pages[uri].context["entries"]) for uri in ("alla-initiativ.md", "alla-initiativ/sida-2.md",
                                                           "alla-initiativ/sida-3.md")] == [100, 100, 5]
    assert pages["alla-initiativ/sida-3.md"].title == "Alla initiativ, sida 3"
    assert pages["alla-initiativ/sida-2.md"].context["entries"][0].data.title == "Initiativ 100"
    assert "dimensions" in pages["alla-initiativ.md"].context and "dimensions" not in pages["alla-initiativ/sida-2.md"].context
    assert pages["alla-initiativ.md"].in_menu and not pages["alla-initiativ/sida-2.md"].in_menu
    term = portfolio.term_page("stage", "realise").removesuffix(".md")
    assert len(pages[f"{term}/sida-3.md"].context["entries"]) == 5


def test_term_pages_are_named_in_swedish_and_old_addresses_lead_on(make):
    portfolio = make({"facet": "mission", "stage": "realise", "sdgs": [13], "organisation": "Vård- och omsorgsförvaltningen"})
    assert portfolio.term_page("stage", "realise") == "steg/forverkliga.md"
    assert portfolio.term_page("sdgs", 13) == "globala-malen/13.md"  # a number stays a number
    assert portfolio.term_page("organisation", "vard-och-omsorgsforvaltningen") == "organisationer/vard-och-omsorgsforvaltningen.md"
    moved = portfolio.moved_term_pages()
    assert moved["steg/realise.md"] == "steg/forverkliga.md" and "globala-malen/13.md" not in moved
    pages = {page.src_uri: page for page in generated_pages(portfolio, Settings())}
    assert pages["steg/realise.md"].template == "portfolio/moved.html"
    assert pages["steg/realise.md"].context["target"] == "steg/forverkliga.md"
    assert not pages["steg/realise.md"].indexed and pages["steg/forverkliga.md"].indexed
