"""What a rebuild of the preview renders again: the pages a change of the
content touches, known from what each page shows.

- An initiative's body shows on its own page only (and its lessons on the
  lessons pages).
- Its facts (title, terms, dates …) show on its page; on the pages that
  list or count initiatives: the portfolio's pages (of the term pages only
  those of the terms it had and has) and the site's other pages (the home
  page); and on the pages of the neighbours that list it among their related
  initiatives, or whose related initiatives change (see
  `Portfolio.neighbours`). The same holds when it comes or goes.
- Anything else (the settings, the taxonomy file, a challenge, the Git
  history) may show anywhere: everything is rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolj.build import PortfolioBuild
from portfolj.generated import LESSONS_TEMPLATE, GeneratedPage
from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import TermId


@dataclass(frozen=True)
class Rebuild:
    """The pages to render again: ``pages`` (source paths of the portfolio's
    pages), and the site's other pages when ``site_pages``; everything when
    ``pages`` is None."""

    pages: frozenset[str] | None
    site_pages: bool = True
    facts: frozenset[str] = frozenset()  # the slugs of the initiatives whose facts changed (or that came or went)


EVERYTHING = Rebuild(None)


def pages_to_render(shown: PortfolioBuild | None, build: PortfolioBuild) -> Rebuild:
    """What ``build`` renders again when the output holds ``shown``."""
    if shown is None or not _same_frame(shown, build):
        return EVERYTHING
    before, after = shown.entries, build.entries
    facts = {path for path in before.keys() | after.keys()
             if path not in before or path not in after or not _same_facts(before[path], after[path])}
    # By what each build read: an unchanged portfolio takes new bodies (see Portfolio.take_new_bodies).
    bodies = {path for path in before.keys() & after.keys() - facts if shown.bodies[path] != build.bodies[path]}
    if not facts:
        lessons = shown.lessons_changed({path: build.bodies[path] for path in bodies})
        lesson_pages = {path for path, page in build.pages.items() if page.template == LESSONS_TEMPLATE}
        return Rebuild(frozenset(bodies | (lesson_pages if lessons else set())), site_pages=False)
    near = set()
    for portfolio, entries in ((shown.portfolio, before), (build.portfolio, after)):
        near.update(*(portfolio.neighbours(entries[path]) for path in facts if path in entries))
    changed = {(before.get(path) or after[path]).slug for path in facts}
    old = {entry.slug: entry for entry in shown.portfolio}
    # Of those near a change, the ones whose related initiatives differ, or show a changed one.
    initiatives = {entry.path for entry in build.portfolio if entry.slug in near and (
        entry.slug in changed or _related(build.portfolio, entry) != _related(shown.portfolio, old[entry.slug])
        or changed & set(_related(build.portfolio, entry)))}
    return Rebuild(frozenset(initiatives | bodies | _pages_listing(shown, build, facts) | set(build.challenges)),
                   facts=frozenset(changed))


def _pages_listing(shown: PortfolioBuild, build: PortfolioBuild, facts: set[str]) -> set[str]:
    """The generated pages that list or count the initiatives at ``facts``:
    every one but the term pages, and of those the pages of the terms they had and have."""
    terms = {(name, term_id) for old in (shown, build) for path in facts if path in old.entries
             for name in old.portfolio.taxonomies for term_id in old.portfolio.term_ids(old.entries[path], name)}
    return {path for path, page in build.pages.items() if _term_of(page) is None or _term_of(page) in terms}


def _term_of(page: GeneratedPage) -> tuple[str, TermId] | None:
    """The taxonomy field and term a term's page (or one of its pages) lists."""
    term, taxonomy = page.context.get("term"), page.context.get("taxonomy")
    return None if term is None or taxonomy is None else (taxonomy.field, term.id)


def _related(portfolio: Portfolio, entry: Entry) -> list[str]:
    return [other.slug for other in portfolio.related(entry)]


def _same_frame(shown: PortfolioBuild, build: PortfolioBuild) -> bool:
    """Whether everything but the initiatives is as it was."""
    old, new = shown.portfolio, build.portfolio
    return (shown.settings == build.settings and old.model is new.model and old.as_of == new.as_of
            and old.drafts_left_out == new.drafts_left_out
            and [(c.path, c.data, c.body) for c in old.challenges] == [(c.path, c.data, c.body) for c in new.challenges])


def _same_facts(before: Entry, after: Entry) -> bool:
    return (before.data is after.data or before.data == after.data) and before.history == after.history
