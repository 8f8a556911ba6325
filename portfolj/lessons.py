"""Lessons across the portfolio: the "Lärdomar" section of each initiative's
body, as Markdown text for the open data and as sanitised HTML for the page
that gathers them.
"""

from __future__ import annotations

import functools
import re

from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import Term

HEADING = "Lärdomar"
# Stopped and paused initiatives first: what did not go as planned teaches most.
FIRST_STATUSES = ("stopped", "paused")

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_SECTION = re.compile(
    rf"<h2\b[^>]*>\s*{HEADING}\s*</h2>(?P<section>.*?)(?=<h2\b|\Z)", re.S | re.I)
_HTML_HEADING_ID = re.compile(r"<h2\b[^>]*\bid=\"([^\"]+)\"[^>]*>\s*" + HEADING + r"\s*</h2>", re.I)
_ID = re.compile(r"\s+id=\"[^\"]*\"")


# The preview asks again on every rebuild, for bodies that are mostly the same.
@functools.lru_cache(maxsize=1 << 16)
def lessons_markdown(body: str) -> str:
    """The text under the body's level-2 heading Lärdomar, up to the next
    heading of that level or higher; empty when there is none."""
    lines, inside, fenced = [], False, False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else _MARKDOWN_HEADING.match(line)
        if heading and len(heading[1]) <= 2:
            inside = len(heading[1]) == 2 and heading[2].casefold() == HEADING.casefold()
            continue
        if inside:
            lines.append(line)
    return "\n".join(lines).strip()


def lessons_html(body_html: str) -> str:
    """The lessons section of an initiative's converted, sanitised body,
    without ids (the lessons page shows many bodies' sections together)."""
    found = _HTML_SECTION.search(body_html)
    return _ID.sub("", found["section"]).strip() if found else ""


def lessons_anchor(body_html: str) -> str | None:
    """The id of the body's Lärdomar heading, for a link to it near the top."""
    found = _HTML_HEADING_ID.search(body_html)
    return found[1] if found else None


def with_lessons(portfolio: Portfolio) -> list[Entry]:
    """Initiatives that have a lessons section: stopped and paused first, then by title."""
    ranked = {status: n for n, status in enumerate(FIRST_STATUSES)}
    found = [entry for entry in portfolio if lessons_markdown(entry.body)]
    return sorted(found, key=lambda e: ranked.get(e.data.status, len(ranked)))  # stable: title order stays


# What the lessons page can be filtered by.
FILTERS = ("facet", "status")


def lesson_filters(portfolio: Portfolio, entries: list[Entry]) -> list[tuple[str, str, list[Term]]]:
    """For each filter: its field, its label and the terms the lessons shown have."""
    found = []
    for name in FILTERS:
        used = {term_id for entry in entries for term_id in portfolio.term_ids(entry, name)}
        taxonomy = portfolio.taxonomies[name]
        found.append((name, taxonomy.label, [term for term in taxonomy.terms if term.id in used]))
    return found
