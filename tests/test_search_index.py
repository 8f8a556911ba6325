"""What search indexes of an initiative, and the Pagefind index fed page by page."""

import gzip
import json

import pytest

from portfolj import search
from portfolj.search import POSITIONS, SearchIndex, SearchIndexError, pagefind_executable, search_document


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
    index.start_writing(tmp_path / "pagefind", ["/initiatives/a/", "/initiatives/b/"])
    index.finish()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["sv"]["page_count"] == 2 == index.pages
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 2


def test_positions_name_each_initiatives_fragment_in_list_order(tmp_path):
    index = SearchIndex("sv")
    index.add("/initiatives/b/", "<html><body><h1>Matlådor</h1><p>Hemtjänsten.</p></body></html>")
    index.add('/initiatives/a"x/', "<html><body><h1>Skolor</h1><p>Undervisning.</p></body></html>")
    # Read back while the rest of the site is rendered, once Pagefind has written the fragments.
    index.start_writing(tmp_path / "pagefind", ['/initiatives/a"x/', "/initiatives/b/", "/initiatives/saknas/"])
    index.finish()
    positions = json.loads((tmp_path / "pagefind" / POSITIONS).read_text(encoding="utf-8"))
    fragments = tmp_path / "pagefind" / "fragment"
    urls = [json.loads(gzip.decompress((fragments / f"{name}.pf_fragment").read_bytes())[len("pagefind_dcd"):])["url"]
            for name in positions[:2]]
    assert urls == ['/initiatives/a"x/', "/initiatives/b/"]
    assert positions[2] is None  # not indexed: the list never matches it by words


def test_a_missing_pagefind_is_said_in_swedish(monkeypatch):
    assert pagefind_executable().is_file()

    def missing():
        raise FileNotFoundError("pagefind")

    monkeypatch.setattr(search, "get_executable", missing)
    with pytest.raises(SearchIndexError, match="Pagefind saknas. Installera projektet igen."):
        pagefind_executable()
