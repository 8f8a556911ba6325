"""What a leader steers the portfolio by, beside its balance: where
initiatives are missing, how the portfolio moved through the stages, and
which initiatives have stood still. Every figure, chart geometry and
sentence of those parts of the overview is made here; templates draw them.
"""

from __future__ import annotations

import statistics
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from portfolj.charts import Group, bar_line, stacked_lines
from portfolj.overview import Count, Row, _initiatives, _join
from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import Term, TermId

# An initiative with one of these statuses has ended its journey: it can not stand still.
ENDED_STATUSES = ("completed", "stopped")
# Average days in a month, for a stay shown in months.
DAYS_PER_MONTH = 365.25 / 12
# Rows of the standstill table, longest still first (the sentence counts every
# one): at 10,000 initiatives a table of all of them made Överblick 2 MB.
STILL_SHOWN = 100


@dataclass(frozen=True)
class Bar:
    """A rectangle of a chart, in the chart's own units, with what it stands for."""

    x: float
    y: float
    w: float
    h: float
    series: int  # colour and pattern
    label: str  # read by screen readers


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    text: str  # the generated sentence that says what it shows
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    axis: str = ""  # an SVG path


@dataclass(frozen=True)
class StageTime:
    term: Term
    median_days: float | None
    stays: int

    @property
    def months(self) -> float | None:
        return None if self.median_days is None else round(self.median_days / DAYS_PER_MONTH, 1)


@dataclass(frozen=True)
class Standstill:
    entry: Entry
    since: date  # the last time it moved
    months: int


@dataclass
class Steering:
    portfolio: Portfolio
    as_of: date  # the day "not moved for N months" counts back from
    stale_after_months: int = 12

    # Gaps --------------------------------------------------------------------

    def unmet(self) -> list[Entry]:
        return self.portfolio.unmet()

    def empty_terms(self, name: str) -> list[Term]:
        """The terms of a vocabulary (facets, stages) with no initiative."""
        return [group.term for group in self.portfolio.groups(name) if not group.entries]

    def gaps_text(self) -> str:
        unmet = self.unmet()
        parts = [f"{len(unmet)} {'öppen utmaning saknar' if len(unmet) == 1 else 'öppna utmaningar saknar'} initiativ"
                 if unmet else "Alla öppna utmaningar har minst ett initiativ"]
        for name, word in (("facet", "facetten"), ("stage", "steget")):
            empty = self.empty_terms(name)
            if empty:
                parts.append(f"inga initiativ är i {word} {_join([term.label for term in empty], 'eller')}")
        return _join(parts) + "."

    # Movement ------------------------------------------------------------------

    def entered(self) -> list[Row]:
        """How many initiatives entered each stage, per year, from the first
        year with a move to the last (years without any are kept)."""
        tally: Counter[tuple[int, TermId]] = Counter()
        for entry in self.portfolio:
            for day, stage in _stage_changes(entry):
                tally[day.year, stage] += 1
        if not tally:
            return []
        years = [year for year, _ in tally]
        stages = self.portfolio.taxonomies["stage"].terms
        return [Row(Term(id=year, label=str(year)), [Count(stage, tally[year, stage.id]) for stage in stages])
                for year in range(min(years), max(years) + 1)]

    def stage_times(self) -> list[StageTime]:
        """The median time initiatives spent in each stage they have left
        (to the next stage, or to the end of their journey)."""
        stays: dict[TermId, list[int]] = {}
        for entry in self.portfolio:
            changes = _stage_changes(entry)
            ended = next((e.date for e in entry.history if e.status in ENDED_STATUSES), None)
            for (start, stage), (end, _) in zip(changes, [*changes[1:], (ended, None)]):
                if end is not None and end >= start:
                    stays.setdefault(stage, []).append((end - start).days)
        return [StageTime(term, statistics.median(stays[term.id]) if term.id in stays else None,
                          len(stays.get(term.id, [])))
                for term in self.portfolio.taxonomies["stage"].terms]

    def standing_still(self) -> list[Standstill]:
        """Initiatives under way that have not changed stage or status for
        ``stale_after_months``: longest still first."""
        limit = _months_before(self.as_of, self.stale_after_months)
        found = []
        for entry in self.portfolio:
            if entry.data.status in ENDED_STATUSES:
                continue
            since = entry.history[-1].date if entry.history else entry.data.started
            if since is not None and since <= limit:
                found.append(Standstill(entry, since, _months_between(since, self.as_of)))
        return sorted(found, key=lambda still: still.since)

    def longest_still(self) -> tuple[list[Standstill], int]:
        """The standstill table's rows (at most STILL_SHOWN) and how many stand still in all."""
        still = self.standing_still()
        return still[:STILL_SHOWN], len(still)

    # Sentences -------------------------------------------------------------------

    def entered_text(self) -> str:
        rows = self.entered()
        if not rows:
            return "Inga initiativ har någon historik över stegen ännu."
        latest = rows[-1]
        moved = [f"{cell.count} till {cell.term.label}" for cell in latest.counts if cell.count]
        text = f"Stegbyten från {rows[0].term.label} till {latest.term.label}. "
        if moved:
            return text + f"År {latest.term.label} gick {_initiatives(latest.total)} in i ett steg: {_join(moved)}."
        return text + f"År {latest.term.label} bytte inget initiativ steg."

    def stage_times_text(self) -> str:
        known = [time for time in self.stage_times() if time.median_days is not None]
        if not known:
            return "Inget initiativ har lämnat ett steg ännu, så det finns ingen tid att räkna på."
        longest = max(known, key=lambda time: time.median_days)
        return (f"Initiativen stannar längst i steget {longest.term.label}, i median {_months(longest.months)} "
                f"({_initiatives(longest.stays)} har lämnat steget).")

    def standing_still_text(self) -> str:
        still = self.standing_still()
        months = self.stale_after_months
        if not still:
            return f"Alla pågående initiativ har bytt steg eller status de senaste {months} månaderna."
        return (f"{_initiatives(len(still)).capitalize()} har inte bytt steg eller status på mer än {months} "
                f"månader (räknat till {self.as_of.isoformat()}).")

    # Charts --------------------------------------------------------------------

    def entered_chart(self, prefix: str = "") -> Chart:
        """Stacked bars: one per year, one part per stage."""
        rows = self.entered()
        chart = Chart(f"{prefix}stegbyten", "Initiativ som gick in i ett steg, per år", self.entered_text(),
                      480, 260, axis="M40 220 H470")
        if not rows:
            return chart
        top = max(1, *(row.total for row in rows))
        step = min(48.0, 420 / len(rows))
        chart.labels.extend([Label(34, 34, str(top), "end"), Label(34, 224, "0", "end")])
        for n, row in enumerate(rows):
            x, w, base = 46 + step * n, step - 6, 220.0
            for series, cell in enumerate(row.counts):
                if not cell.count:
                    continue
                h = 190 * cell.count / top
                base -= h
                chart.bars.append(Bar(round(x, 1), round(base, 1), round(w, 1), round(h, 1), series,
                                      f"{row.term.label}, {cell.term.label}: {_initiatives(cell.count)}"))
            chart.labels.append(Label(round(x + w / 2, 1), round(base - 4, 1), str(row.total), "middle"))
            if len(rows) <= 12 or n % 2 == 0:
                chart.labels.append(Label(round(x + w / 2, 1), 238, row.term.label, "middle"))
        return chart

    def entered_lines(self) -> list[Group]:
        """The phone layout of ``entered_chart``: a line per year, stacked by stage."""
        stages = self.portfolio.taxonomies["stage"].ids
        return [Group("", stacked_lines(self.entered(), lambda item: stages.index(item.term.id), lambda row: None))]

    def stage_times_lines(self) -> list[Group]:
        """The phone layout of ``stage_times_chart``: a line per stage."""
        times = self.stage_times()
        longest = max([1.0, *(time.median_days for time in times if time.median_days is not None)])
        return [Group("", [bar_line(time.term.label, time.median_days or 0, longest, n, None,
                                    "ingen har lämnat steget" if time.months is None else _months(time.months))
                           for n, time in enumerate(times)])]

    def stage_times_chart(self, prefix: str = "") -> Chart:
        """Horizontal bars: the median months in each stage."""
        times = self.stage_times()
        chart = Chart(f"{prefix}tid-i-steg", "Mediantid i varje steg", self.stage_times_text(),
                      480, 20 + 34 * len(times))
        longest = max([1.0, *(time.median_days for time in times if time.median_days is not None)])
        for n, time in enumerate(times):
            y = 10 + 34 * n
            chart.labels.append(Label(160, y + 17, time.term.label, "end"))
            if time.median_days is None:
                chart.labels.append(Label(172, y + 17, "ingen har lämnat steget"))
                continue
            w = max(1.0, 240 * time.median_days / longest)
            chart.bars.append(Bar(170, y, round(w, 1), 24, n, f"{time.term.label}: {_months(time.months)}"))
            chart.labels.append(Label(round(176 + w, 1), y + 17, _months(time.months)))
        return chart


def _stage_changes(entry: Entry) -> list[tuple[date, TermId]]:
    """Each date the initiative entered a stage, oldest first."""
    changes, current = [], None
    for event in entry.history:
        if event.stage is not None and event.stage != current:
            changes.append((event.date, event.stage))
            current = event.stage
    return changes


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _months(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} {'månad' if text == '1' else 'månader'}"
