"""The geometry of the overview's charts: every shape's place and size,
computed from the overview's counts, so that the templates only draw them.

Coordinates are in each chart's SVG viewBox; a shape's ``series`` is its
colour and pattern (see overview.css and patterns.html).

Each chart also has a phone layout of the same figures (``Line``, ``Group``):
rows of text, each with its number and a bar, that reflow at any width, so
a phone or 400 % zoom gets text at its own size and whole rows as targets.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from portfolj.overview import Count, Overview, Row
from portfolj.taxonomy import Term

# OPSI's diamond: where each corner's circle stands.
_CORNERS = {"top": (240, 100), "left": (100, 240), "right": (380, 240), "bottom": (240, 380)}


@dataclass(frozen=True)
class Box:
    """A filled rectangle in series colour ``series``."""

    series: int
    x: float
    y: float
    w: float
    h: float

    @property
    def middle(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Bar:
    """One count drawn as a bar, with its label and number."""

    item: Count
    box: Box
    label_y: float
    count_x: float


@dataclass(frozen=True)
class Circle:
    """One corner of the diamond."""

    item: Count
    series: int
    cx: int
    cy: int
    radius: str  # as drawn, with one decimal
    label_y: float
    count_y: int


@dataclass(frozen=True)
class Cell:
    """One cell of the facet × stage chart: a bar, or a square of the heat map."""

    item: Count
    box: Box
    level: int  # the heat map's shade, 0 (none) to 4
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Column:
    """One year of the chart of started initiatives: its stacked boxes."""

    row: Row
    parts: list[tuple[Count, Box]]
    middle: float  # where its texts stand
    total_y: float
    labelled: bool  # every other year is labelled when there are many


@dataclass(frozen=True)
class Line:
    """One row of a chart's phone layout: a label, its figure as shown, its
    bar in a strip 100 wide and 10 high (several boxes when stacked), and the
    criteria of the list its link opens (``Overview.link``; None: no link)."""

    label: str
    figure: str
    boxes: list[Box]
    link: dict | None = None
    parts: str = ""  # a stacked bar's parts in words, for those who do not see the colours


@dataclass(frozen=True)
class Group:
    """Lines under one heading ("" when a chart's phone layout is one group)."""

    heading: str
    lines: list[Line] = field(default_factory=list)


def bar_line(label: str, count: int, top: float, series: int, link: dict | None, figure: str = "") -> Line:
    return Line(label, figure or str(count), [Box(series, 0, 0, round(100 * count / top, 1), 10)], link)


def stacked_lines(rows: list[Row], series: Callable[[Count], int], link: Callable[[Row], dict | None]) -> list[Line]:
    """One line per row, its bar stacked from the row's counts, scaled to the largest total."""
    top = max([1, *(row.total for row in rows)])
    lines = []
    for row in rows:
        boxes, x = [], 0.0
        for item in row.counts:
            if item.count:
                w = 100 * item.count / top
                boxes.append(Box(series(item), round(x, 1), 0, round(w, 1), 10))
                x += w
        parts = ", ".join(f"{item.term.label} {item.count}" for item in row.counts if item.count)
        lines.append(Line(row.term.label, str(row.total), boxes, link(row), parts))
    return lines


@dataclass(frozen=True)
class Charts:
    """Every chart of one overview (the whole portfolio, or one organisation's)."""

    overview: Overview

    def _series(self, field: str, term_id) -> int:
        return self.overview.portfolio.taxonomies[field].ids.index(term_id)

    def bars(self, counts: list[Count]) -> tuple[int, list[Bar]]:
        """Horizontal bars, one per count: the viewBox's height and the bars."""
        top = max([1, *(item.count for item in counts)])
        bars = []
        for n, item in enumerate(counts):
            x, y, w = 170, 10 + 34 * n, max(1, 260 * item.count / top)
            bars.append(Bar(item, Box(n, x, y, w, 24), y + 17, x + w + 6))
        return 20 + 34 * len(counts), bars

    def diamond(self) -> list[Circle] | None:
        """OPSI's diamond, one circle per corner, or None when the facets are not OPSI's four."""
        corners = self.overview.diamond()
        if corners is None:
            return None
        biggest = max([1, *(item.count for item in self.overview.counts("facet"))])
        circles = []
        for corner, (cx, cy) in _CORNERS.items():
            item = corners[corner]
            radius = 14 + (34 * ((item.count / biggest) ** 0.5))
            label_y = cy - radius - 8 if corner != "bottom" else cy + radius + 20
            circles.append(Circle(item, self._series("facet", item.term.id), cx, cy, f"{radius:.1f}",
                                  label_y, cy + 6))
        return circles

    def facet_stage(self, heat: bool) -> tuple[int, list[tuple[float, Term]], list[tuple[Row, float, list[Cell]]]]:
        """Facet × stage, as bars per cell or as a heat map: the viewBox's
        height, each stage's heading with its x, and each row's label y and cells."""
        rows = self.overview.table("facet", "stage")
        stages = self.overview.portfolio.taxonomies["stage"].terms
        top = self.overview.largest(rows)
        column = 460 / len(stages)
        row_height = 44 if heat else 40
        headings = [(170 + column * n + column / 2, stage) for n, stage in enumerate(stages)]
        drawn = []
        for r, row in enumerate(rows):
            row_y = 30 + row_height * r
            cells = []
            for c, item in enumerate(row.counts):
                x = 170 + column * c
                if heat:
                    level = 0 if not item.count else int(math.ceil(4 * item.count / top))
                    cells.append(Cell(item, Box(r, x + 2, row_y + 2, column - 4, 40), level,
                                      x + column / 2, row_y + 28))
                else:
                    y, w = row_y + 8, max(0.5, (column - 26) * item.count / top)
                    cells.append(Cell(item, Box(r, x, y, w, 22), 0, x + w + 3, y + 16))
            drawn.append((row, row_y + row_height / 2 + 5, cells))
        return 50 + row_height * len(rows), headings, drawn

    def years(self) -> tuple[int, list[Column]]:
        """Initiatives started per year, stacked by facet: the top of the axis and the columns."""
        rows = self.overview.years()
        top = max([1, *(row.total for row in rows)])
        step = min(48, 420 / len(rows)) if rows else 0
        columns = []
        for n, row in enumerate(rows):
            x, w = 46 + step * n, step - 6
            base, parts = 220, []
            for item in row.counts:
                if item.count:
                    h = 190 * item.count / top
                    parts.append((item, Box(self._series("facet", item.term.id), x, base - h, w, h)))
                    base = base - h
            columns.append(Column(row, parts, x + w / 2, base - 4, len(rows) <= 12 or n % 2 == 0))
        return top, columns

    def status(self) -> list[tuple[Count, Box]]:
        """The status shares as parts of one bar (statuses with initiatives only)."""
        x, parts = 10, []
        for item in self.overview.counts("status"):
            if item.count:
                w = 460 * item.count / self.overview.total
                parts.append((item, Box(self._series("status", item.term.id) + 2, x, 10, w, 40)))
                x = x + w
        return parts

    # Phone layouts ------------------------------------------------------------

    def phone_counts(self, field_name: str, first_series: int = 0, share: bool = False) -> list[Group]:
        """One line per term of ``field_name`` (the balance, the status: ``share`` adds its per cent)."""
        counts = self.overview.counts(field_name)
        top = max([1, *(item.count for item in counts)])
        return [Group("", [bar_line(item.term.label, item.count, top,
                                    first_series + self._series(field_name, item.term.id), {field_name: item.term.id},
                                    f"{item.count} ({self.overview.percent(item.count)} %)" if share else "")
                           for item in counts])]

    def phone_facet_stage(self, by_stage: bool) -> list[Group]:
        """Facet × stage: a group per facet with a line per stage, or
        ``by_stage`` a group per stage with a line per facet (the heat map's columns)."""
        rows = self.overview.table("facet", "stage")
        top = self.overview.largest(rows)
        stages = self.overview.portfolio.taxonomies["stage"].terms

        def line(r: int, row: Row, s: int, item: Count, label: str) -> Line:
            return bar_line(label, item.count, top, r, {"facet": row.term.id, "stage": item.term.id})

        if by_stage:
            return [Group(f"{s + 1}. {stage.label}", [line(r, row, s, row.counts[s], row.term.label)
                                                      for r, row in enumerate(rows)])
                    for s, stage in enumerate(stages)]
        return [Group(row.term.label, [line(r, row, s, item, f"{s + 1}. {item.term.label}")
                                       for s, item in enumerate(row.counts)])
                for r, row in enumerate(rows)]

    def phone_years(self) -> list[Group]:
        """A line per year, stacked by facet."""
        return [Group("", stacked_lines(self.overview.years(), lambda item: self._series("facet", item.term.id),
                                        lambda row: {"year": row.term.id}))]

    def legend(self, field: str, first_series: int = 0) -> list[tuple[Term, Box]]:
        """A swatch for each term of ``field``, the first in series ``first_series``."""
        return [(term, Box(first_series + n, 0, 0, 16, 16))
                for n, term in enumerate(self.overview.portfolio.taxonomies[field].terms)]
