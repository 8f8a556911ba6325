"""What the filter on the list of all initiatives needs.

The form is rendered on the server with every option and its count, so the
page is complete before any script runs. The script then downloads a compact
table: for each initiative, in the order the page lists them, the index of
each of its values. Titles and descriptions are not repeated: the script reads
them from the cards already on the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import TermId

# Filter dimensions: the front-matter fields of the taxonomies with ``filter``
# (the URL contract), in the taxonomy file's order, plus the year an
# initiative started and whether it has results in numbers.
YEAR = "year"
# Initiatives with results in numbers: one option, "yes".
RESULTS = "results"
HAS_RESULTS = "yes"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Option:
    id: TermId
    label: str
    count: int


@dataclass(frozen=True)
class Dimension:
    name: str  # the query parameter
    label: str
    options: list[Option]


def dimensions(portfolio: Portfolio) -> list[Dimension]:
    """Every filter dimension with its options and how many initiatives each has."""
    found = [
        Dimension(name, portfolio.taxonomies[name].label,
                  [Option(group.term.id, group.term.label, len(group.entries)) for group in portfolio.groups(name)])
        for name in portfolio.fields_where("filter")
    ]
    years = _years(portfolio)
    counts = {year: 0 for year in years}
    for entry in portfolio:
        if entry.data.started:
            counts[entry.data.started.year] += 1
    found.append(Dimension(YEAR, "Startår", [Option(year, str(year), counts[year]) for year in years]))
    found.append(Dimension(RESULTS, "Resultat i siffror", [
        Option(HAS_RESULTS, "Har resultat i siffror", sum(1 for entry in portfolio if entry.data.results))]))
    return found


def filter_data(portfolio: Portfolio) -> str:
    """The compact table the filter script reads, as JSON."""
    fields = portfolio.fields_where("filter")
    index = {name: {term_id: n for n, term_id in enumerate(portfolio.taxonomies[name].ids)} for name in fields}
    years = {year: n for n, year in enumerate(_years(portfolio))}

    def row(entry: Entry) -> list:
        values: list = []
        for name in fields:
            positions = [index[name][term_id] for term_id in portfolio.term_ids(entry, name)]
            values.append(positions if portfolio.taxonomies[name].multiple else (positions or [-1])[0])
        started = entry.data.started
        values.append(years[started.year] if started else -1)
        values.append(0 if entry.data.results else -1)
        values.append(int(started.strftime("%Y%m%d")) if started else 0)
        return values

    document = {
        "version": FORMAT_VERSION,
        "dimensions": [*fields, YEAR, RESULTS],
        "options": {**{name: list(portfolio.taxonomies[name].ids) for name in fields}, YEAR: list(years),
                    RESULTS: [HAS_RESULTS]},
        "items": [row(entry) for entry in portfolio],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _years(portfolio: Portfolio) -> list[int]:
    return sorted({entry.data.started.year for entry in portfolio if entry.data.started}, reverse=True)
