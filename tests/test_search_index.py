"""What search indexes of an initiative, and the Pagefind index fed page by page."""

import json

from portfolj.search import SearchIndex, search_document


def test_search_document_holds_the_words_a_visitor_searches_for(make):
    portfolio = make({
        "title": "Matlådor <till> äldre", "description": "Bättre mat & mer.", "organisation": "Vård- och omsorgsförvaltningen",
        "areas": ["elderly-care"], "sdgs": [3], "tags": ["måltider"], "partners": ["Region Skåne"],
        "funding": [{"funder": "Vinnova"}], "contact": {"name": "Anna Berg"},
    })
    entry = next(iter(portfolio))
    document = search_document(portfolio, entry, "<h2>Behov</h2><p>Många åt för lite.</p>")
    assert "<h1>Matlådor &lt;till&gt; äldre</h1><p>Bättre mat &amp; mer.</p>" in document
    for words in ("Förbättringsinriktad", "Utforska möjligheter", "Vård- och omsorgsförvaltningen", "Äldreomsorg",
                  "Hälsa och välbefinnande", "måltider", "Region Skåne", "Vinnova", "Anna Berg"):
        assert words in document, words
    assert document.endswith("<h2>Behov</h2><p>Många åt för lite.</p></body></html>")


def test_index_is_written_with_every_page_added(tmp_path):
    index = SearchIndex("sv")
    index.add("/initiatives/a/", "<html><body><h1>Skolor på distans</h1><p>Undervisning hemma.</p></body></html>")
    index.add("/initiatives/b/", "<html><body><h1>Matlådor</h1><p>Hemtjänsten.</p></body></html>")
    index.start_writing(tmp_path / "pagefind")
    index.finish()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["sv"]["page_count"] == 2 == index.pages
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 2
