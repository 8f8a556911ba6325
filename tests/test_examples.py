"""The shipped examples are valid and show the whole model."""

from support import ROOT
from portfolj.loading import load_portfolio


def test_shipped_examples_are_valid_and_cover_every_facet_and_stage(taxonomies):
    portfolio, problems = load_portfolio(ROOT / "content", ROOT / "taxonomy.yml")
    assert problems == []
    assert 12 <= len(portfolio) <= 20
    for field in ("facet", "stage"):
        assert all(group.entries for group in portfolio.groups(field)), field
    statuses = {status: len(portfolio.members("status", status)) for status in taxonomies["status"].ids}
    assert statuses["completed"] >= 2 and statuses["stopped"] >= 1
    for entry in portfolio.members("status", "stopped"):
        assert "## Lärdomar" in entry.body
    assert portfolio.featured()
