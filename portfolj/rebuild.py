"""What a rebuild of the preview renders again: the pages a change of the
content touches, known from what each page shows.

- An initiative's body shows on its own page only (and its lessons on the
  lessons pages).
- Its facts (title, terms, dates …) show on its page; on the pages that
  list or count initiatives: those of the portfolio's pages (of the term
  pages only those of the terms it had and has) that show something else
  than before (see `_shows_the_same`: of a list's pages, the one that lists
  it, those whose cards move, and those that count), and the site's other
  pages (the home page); and on the pages of the neighbours that list it
  among their related initiatives, or whose related initiatives change (see
  `Portfolio.neighbours`). The same holds when it comes or goes.
- Anything else (the settings, the taxonomy file, a challenge, an editorial
  page's title or description, the Git history) may show anywhere:
  everything is rendered again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

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
    # A card shows no body; but a changed body may have changed the lessons its card on the lessons pages shows.
    shown_anew = changed | {after[path].slug for path in bodies}
    return Rebuild(frozenset(initiatives | bodies | _pages_listing(shown, build, facts, shown_anew)
                             | set(build.challenges)), facts=frozenset(changed))


def _pages_listing(shown: PortfolioBuild, build: PortfolioBuild, facts: set[str], changed: set[str]) -> set[str]:
    """The generated pages that list or count the initiatives at ``facts``:
    of the term pages only those of the terms they had and have, and of
    those and the others only the ones that show something else than
    before (the initiatives with slugs in ``changed`` are shown anew)."""
    terms = {(name, term_id) for old in (shown, build) for path in facts if path in old.entries
             for name in old.portfolio.taxonomies for term_id in old.portfolio.term_ids(old.entries[path], name)}
    return {path for path, page in build.pages.items() if (_term_of(page) is None or _term_of(page) in terms)
            and not _shows_the_same(shown.pages.get(path), page, changed)}


def _shows_the_same(before: GeneratedPage | None, after: GeneratedPage, changed: set[str]) -> bool:
    """Whether a generated page shows what it showed: a template draws only
    its page's context (and the entries' own facts)."""
    return before is not None and _same(before, after, changed)


def _same(before: object, after: object, changed: set[str]) -> bool:
    """Whether two values of a page's context show the same: initiatives by
    slug, unless their facts changed; what holds the whole portfolio (its
    figures) never."""
    if before is after:
        return True
    if type(before) is not type(after) or isinstance(before, Portfolio):
        return False
    if isinstance(before, Entry):
        return before.slug == after.slug and before.slug not in changed
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_same(one, other, changed) for one, other in zip(before, after))
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(_same(before[key], after[key], changed) for key in before)
    if dataclasses.is_dataclass(before):
        return all(_same(getattr(before, name), getattr(after, name), changed)
                   for name in (field.name for field in dataclasses.fields(before) if field.compare))
    if isinstance(before, (str, int, float, bool, date, BaseModel)):
        return before == after
    return False


def _term_of(page: GeneratedPage) -> tuple[str, TermId] | None:
    """The taxonomy field and term a term's page (or one of its pages) lists."""
    term, taxonomy = page.context.get("term"), page.context.get("taxonomy")
    return None if term is None or taxonomy is None else (taxonomy.field, term.id)


def _related(portfolio: Portfolio, entry: Entry) -> list[str]:
    return [other.slug for other in portfolio.related(entry)]


def _same_frame(shown: PortfolioBuild, build: PortfolioBuild) -> bool:
    """Whether everything but the initiatives is as it was. (An editorial
    page's title may show in every page's menu; its text only on itself,
    which the engine renders again when its file changed.)"""
    old, new = shown.portfolio, build.portfolio
    return (shown.settings == build.settings and old.model is new.model and old.as_of == new.as_of
            and old.drafts_left_out == new.drafts_left_out
            and [(page.path, page.data) for page in old.pages] == [(page.path, page.data) for page in new.pages]
            and [(c.path, c.data, c.body) for c in old.challenges] == [(c.path, c.data, c.body) for c in new.challenges])


def _same_facts(before: Entry, after: Entry) -> bool:
    return (before.data is after.data or before.data == after.data) and before.history == after.history
