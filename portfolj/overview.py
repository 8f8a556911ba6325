"""The figures of the overview: where the portfolio's effort lies.

Everything the overview page and the organisation pages draw is counted here,
for the whole portfolio or any part of it, together with short Swedish
sentences that say what each chart shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import Taxonomy, Term, TermId

# OECD OPSI's facets at the four corners of the diamond: direction runs from
# mission-oriented (top) to adaptive (bottom), certainty from
# enhancement-oriented (left) to anticipatory (right).
DIAMOND = {"top": "mission", "left": "enhancement", "right": "anticipatory", "bottom": "adaptive"}


@dataclass(frozen=True)
class Count:
    term: Term
    count: int


@dataclass(frozen=True)
class Row:
    """One row of a two-way table: a term and a count per column term."""

    term: Term
    counts: list[Count]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.counts)


@dataclass
class Overview:
    portfolio: Portfolio
    entries: list[Entry]
    criteria: dict = field(default_factory=dict)  # filter criteria every link carries
    # Each chart and its sentence count the same things: count them once per page.
    _counted: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, portfolio: Portfolio, organisation: TermId | None = None) -> Overview:
        if organisation is None:
            return cls(portfolio, portfolio.entries)
        return cls(portfolio, portfolio.members("organisation", organisation), {"organisation": organisation})

    # Counting ----------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.entries)

    def _taxonomy(self, name: str) -> Taxonomy:
        return self.portfolio.taxonomies[name]

    def counts(self, name: str, entries: list[Entry] | None = None) -> list[Count]:
        if entries is None:
            return self._once(("counts", name), lambda: self.counts(name, self.entries))
        tally = Counter(t for e in entries for t in self.portfolio.term_ids(e, name))
        return [Count(term, tally[term.id]) for term in self._taxonomy(name).terms]

    def table(self, rows: str, columns: str) -> list[Row]:
        """For each term of ``rows``, the count of each term of ``columns``
        (for an open taxonomy such as organisation: only the terms used)."""
        return self._once(("table", rows, columns), lambda: self._table(rows, columns))

    def _table(self, rows: str, columns: str) -> list[Row]:
        tally: Counter = Counter()
        used: set[TermId] = set()
        for entry in self.entries:
            for row in self.portfolio.term_ids(entry, rows):
                used.add(row)
                for column in self.portfolio.term_ids(entry, columns):
                    tally[row, column] += 1
        return [Row(term, [Count(column, tally[term.id, column.id]) for column in self._taxonomy(columns).terms])
                for term in self._taxonomy(rows).terms if not self._taxonomy(rows).open or term.id in used]

    def _once(self, key: tuple, count: Callable[[], list]) -> list:
        if key not in self._counted:
            self._counted[key] = count()
        return self._counted[key]

    @staticmethod
    def largest(rows: list[Row]) -> int:
        """The largest cell of a table (at least 1): what a chart scales to."""
        return max([1, *(cell.count for row in rows for cell in row.counts)])

    def years(self) -> list[Row]:
        """Initiatives started per year, by facet; years without any are kept between the first and last."""
        return self._once(("years",), self._years)

    def _years(self) -> list[Row]:
        started = [e for e in self.entries if e.data.started]
        if not started:
            return []
        first, last = min(e.data.started.year for e in started), max(e.data.started.year for e in started)
        return [Row(Term(id=year, label=str(year)), self.counts("facet", [e for e in started if e.data.started.year == year]))
                for year in range(first, last + 1)]

    @property
    def undated(self) -> int:
        return sum(1 for e in self.entries if not e.data.started)

    def diamond(self) -> dict[str, Count] | None:
        """The facet counts at OPSI's corners, or None when the facets are not OPSI's four."""
        counts = {c.term.id: c for c in self.counts("facet")}
        if set(counts) != set(DIAMOND.values()):
            return None
        return {corner: counts[facet] for corner, facet in DIAMOND.items()}

    def percent(self, count: int) -> int:
        """A count as a whole percentage of all the initiatives shown."""
        return round(100 * count / self.total) if self.total else 0

    def link(self, **criteria) -> str:
        return self.portfolio.filter_url(**self.criteria, **criteria)

    # Sentences ---------------------------------------------------------------

    def balance_text(self) -> str:
        counts = self.counts("facet")
        if not self.total:
            return "Portföljen har inga initiativ ännu."
        present = [c for c in _by_size(counts) if c.count]
        parts = [f"{present[0].count} av {self.total} initiativ är {_agreeing(present[0])}"]
        parts += [f"{c.count} {_agreeing(c)}" for c in present[1:]]
        missing = [_plural(c.term.label) for c in counts if not c.count]
        text = _join(parts) + ". "
        if missing:
            text += f"Inga initiativ är {_join(missing, 'eller')}."
        return text.strip()

    def pipeline_text(self) -> str:
        if not self.total:
            return "Inga initiativ att visa."
        counts = _by_size(self.counts("stage"))
        text = f"Flest initiativ är i steget {counts[0].term.label} ({_share(counts[0].count, self.total)})."
        empty = [c.term.label for c in counts if not c.count]
        if empty:
            text += f" Inga initiativ är i steget {_join(empty, 'eller')}."
        return text

    def heatmap_text(self) -> str:
        cells = [(cell.count, row.term, cell.term) for row in self.table("facet", "stage") for cell in row.counts]
        if not self.total:
            return "Inga initiativ att visa."
        count, facet, stage = max(cells, key=lambda c: c[0])
        empty = sum(1 for c in cells if not c[0])
        return (f"Den vanligaste kombinationen är {_plural(facet.label)} initiativ i steget {stage.label} "
                f"({count} st). {empty} av {len(cells)} kombinationer saknar initiativ.")

    def years_text(self) -> str:
        rows = self.years()
        if not rows:
            return "Inga initiativ har ett startdatum."
        busiest = max(rows, key=lambda r: r.total)
        text = (f"Initiativen startade mellan {rows[0].term.label} och {rows[-1].term.label}. "
                f"Flest startade {busiest.term.label} ({_initiatives(busiest.total)}).")
        if self.undated:
            text += f" {_initiatives(self.undated).capitalize()} saknar startdatum."
        return text

    def status_text(self) -> str:
        if not self.total:
            return "Inga initiativ att visa."
        parts = [f"{c.count} {_agreeing(c)}" for c in _by_size(self.counts("status")) if c.count]
        return f"Av {_initiatives(self.total)} är {_join(parts)}."

    def organisations_text(self) -> str:
        rows = self.table("organisation", "facet")
        if not rows:
            return "Inga initiativ att visa."
        largest = max(rows, key=lambda r: r.total)
        return (f"{len(rows)} {'organisation driver' if len(rows) == 1 else 'organisationer driver'} initiativ. "
                f"{largest.term.label} har flest ({largest.total}).")


def _by_size(counts: list[Count]) -> list[Count]:
    return sorted(counts, key=lambda c: -c.count)  # stable: taxonomy order breaks ties


def _plural(label: str) -> str:
    """The Swedish plural of an adjective label: 'Förbättringsinriktad' →
    'förbättringsinriktade', 'Avslutat' → 'avslutade', 'Avbrutet' → 'avbrutna'."""
    word = label.lower()
    if word.endswith("d"):
        return word + "e"
    if word.endswith("at"):
        return word[:-1] + "de"
    if word.endswith("et"):
        return word[:-2] + "na"
    return word


def _agreeing(count: Count) -> str:
    """The label as it agrees with 'initiativ' (neuter): '1 förbättringsinriktat',
    '2 förbättringsinriktade'."""
    word = count.term.label.lower()
    if count.count != 1:
        return _plural(word)
    return word[:-1] + "t" if word.endswith("d") else word


def _initiatives(count: int) -> str:
    return f"{count} initiativ"


def _share(count: int, total: int) -> str:
    return f"{count} av {total}"


def _join(parts: list[str], word: str = "och") -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"

