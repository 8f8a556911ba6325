"""The filter's form options, counts and compact data, computed in the core."""

import gzip
import json

import pytest

from portfolj.filtering import dimensions, filter_data

FIELDS = ["facet", "stage", "status", "organisation", "areas", "sdgs"]
from portfolj.loading import Source
from portfolj.portfolio import Portfolio
from support import MINIMAL


@pytest.fixture
def portfolio(model, taxonomies):
    specs = [
        {"title": "B", "facet": "mission", "areas": ["education", "health"], "sdgs": [4], "started": "2024-02-01"},
        {"title": "A", "facet": "adaptive", "organisation": "Socialförvaltningen", "started": "2021-06-30"},
        {"title": "C", "status": "stopped"},
    ]
    sources = [Source(f"s{n}", f"initiatives/s{n}.md", model.model_validate(MINIMAL | spec), "")
               for n, spec in enumerate(specs)]
    return Portfolio.from_sources(sources, taxonomies)


def test_dimensions_follow_the_url_contract_with_counts(portfolio):
    found = {d.name: d for d in dimensions(portfolio)}
    assert list(found) == [*FIELDS, "year", "results"]
    assert [(o.id, o.count) for o in found["facet"].options] == [
        ("enhancement", 1), ("mission", 1), ("adaptive", 1), ("anticipatory", 0)]
    assert [(o.id, o.label, o.count) for o in found["year"].options] == [(2024, "2024", 1), (2021, "2021", 1)]
    assert [o.label for o in found["organisation"].options] == ["Kommunledningsförvaltningen", "Socialförvaltningen"]
    assert found["areas"].label == "Verksamhetsområde"


def test_filter_data_is_indices_in_page_order(portfolio, taxonomies):
    data = json.loads(filter_data(portfolio))
    assert data["dimensions"] == [*FIELDS, "year", "results"]
    assert data["options"]["facet"] == list(taxonomies["facet"].ids)
    assert data["options"]["year"] == [2024, 2021]
    assert [e.data.title for e in portfolio] == ["A", "B", "C"]
    a, b, c = data["items"]
    assert a == [2, 2, 0, 1, [], [], 1, -1, 20210630]
    areas = data["options"]["areas"]
    assert [areas[n] for n in b[4]] == ["education", "health"] and b[5] == [3] and b[6:] == [0, -1, 20240201]
    assert c[2] == taxonomies["status"].ids.index("stopped") and c[6:] == [-1, -1, 0]
    assert "title" not in filter_data(portfolio)


def test_filter_data_stays_small(model, taxonomies):
    specs = [MINIMAL | {"title": f"Initiativ {n}", "facet": ["mission", "adaptive"][n % 2], "areas": ["education"],
                        "sdgs": [n % 17 + 1, 3], "started": f"20{10 + n % 15}-0{n % 9 + 1}-1{n % 9}"} for n in range(500)]
    sources = [Source(f"i{n}", f"initiatives/i{n}.md", model.model_validate(s), "") for n, s in enumerate(specs)]
    data = filter_data(Portfolio.from_sources(sources, taxonomies))
    assert len(gzip.compress(data.encode())) / 500 < 100
