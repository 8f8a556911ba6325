"""One build of the portfolio, whatever the engine.

An engine's adapter (``hooks/portfolio.py`` for MkDocs) makes one
`PortfolioBuild` per build and hands its results to the engine, in this order:

1. `PortfolioBuild.load`: the settings and every file read and validated, or
   every problem found; nothing is written.
2. `resolve_urls`: the engine says, once, where each source path is published.
3. `start`: the exports and the related initiatives are made on the other
   core (see ``forked``) while the engine converts the pages, and the search
   index is started. With ``halves``, the build itself goes on in two
   processes from here, each doing half the pages (see `Twin`).
4. `publish_body` for each converted initiative or challenge body: sanitised
   and indexed (and an initiative's lessons cut from it).
5. `finish_files`: before the pages are rendered, the related initiatives
   are known and the exports are written into the output folder; the two
   halves meet here, each handing the other the lessons it cut and the
   copy handing the original its search documents.
6. `finish_search`: the search index is written.

The preview (`preview=True` in `start`) keeps the last build it showed and
renders again only the pages a change touches (see ``rebuild``): the bodies
it did not convert again are taken from that build (`keep_unchanged`), the
filter data is written before the pages, and the other exports and the
search index a moment after them, in the background (`finish_later`).
"""

from __future__ import annotations

import gc
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from pydantic import ValidationError

from portfolj.forked import Forked, Twin, can_fork
from portfolj.clock import reproducible_date
from portfolj.csp import public_policy, with_policy
from portfolj.exports import feed_date
from portfolj.generated import (
    FILTER_DATA, LESSONS_TEMPLATE, GeneratedPage, generated_files, generated_pages, lessons_pages, path_problems,
)
from portfolj.loading import ReadCache, load_portfolio
from portfolj.messages import Problem, problems_from_error
from portfolj.model import Source
from portfolj.portfolio import Entry, Portfolio
from portfolj.published import PAGES
from portfolj.sanitize import Sanitizer
from portfolj.lessons import lessons_anchor, lessons_html, lessons_markdown
from portfolj.search import (
    SEARCH_FOLDER, SearchIndex, SearchIndexError, challenge_search_document, search_document,
)
from portfolj.settings import Settings
from portfolj.urls import Site


@dataclass
class PortfolioBuild:
    settings: Settings
    portfolio: Portfolio
    pages: dict[str, GeneratedPage]  # the generated pages by source path
    entries: dict[str, Entry]  # the initiatives by source path
    challenges: dict[str, Entry]  # the challenges by source path
    sanitizer: Sanitizer
    editorial: dict[str, Source] = field(default_factory=dict)  # the editorial pages (PAGES) by source path
    bodies: dict[str, str] = field(default_factory=dict)  # the initiatives' bodies as this build read them
    _beside: Forked | None = field(default=None, repr=False)  # the files and the related initiatives
    twin: Twin | None = field(default=None, repr=False)  # the other half of this build (see start)
    _search: SearchIndex | None = field(default=None, repr=False)
    _preview: bool = field(default=False, repr=False)  # see start
    _filter_data_holds: bool = field(default=False, repr=False)  # the preview's, as written before (see keep_unchanged)
    _language: str = field(default="sv", repr=False)
    # The search documents by source path, (URL, HTML), not yet indexed (the preview's: after the pages).
    _documents: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _order: list[str] = field(default_factory=list, repr=False)  # see index_in_order
    _indexed: int = field(default=0, repr=False)  # how many of them Pagefind has been given
    _later: threading.Thread | None = field(default=None, repr=False)  # see finish_later
    _stop_later: threading.Event = field(default_factory=threading.Event, repr=False)

    @classmethod
    def load(cls, content_dir: Path, root: Path, settings: dict, settings_file: str, drafts: bool = False,
             settings_lines: Callable[[tuple], int | None] = lambda loc: None,
             cache: ReadCache | None = None, shown: PortfolioBuild | None = None,
             ) -> tuple[PortfolioBuild | None, list[Problem]]:
        """The build of the content in ``content_dir`` with the site's
        ``settings`` (read from ``settings_file``, where ``settings_lines``
        finds a setting's line); paths in them and in messages are relative
        to ``root``. Drafts are built only with ``drafts`` (the preview); with
        ``cache`` only changed files are read, and what the build ``shown``
        computed is taken again where it holds."""
        if cache is None:  # the preview's builds let it go after they are shown (see finish_later)
            gc.unfreeze()  # what the last build kept (see _spare_the_collector) may go now
        try:
            checked = Settings.model_validate(settings)
        except ValidationError as error:
            return None, problems_from_error(error, Settings, settings_file, settings_lines)
        previous = shown.portfolio if shown is not None and shown.settings == checked else None
        portfolio, problems = checked_portfolio(content_dir, root / checked.taxonomy, root, checked.site, drafts,
                                                history=True, cache=cache, previous=previous)
        if problems:
            return None, problems
        bodies = {entry.path: entry.body for entry in portfolio}
        if portfolio is previous:  # only bodies changed: so did the lessons pages, at most
            pages = shown.pages
            if shown.lessons_changed(bodies):
                pages = _with_pages(pages, LESSONS_TEMPLATE, lessons_pages(portfolio))
        else:
            pages = {page.src_uri: page for page in generated_pages(portfolio, checked)}
        _spare_the_collector()
        return cls(checked, portfolio, pages, {entry.path: entry for entry in portfolio},
                   {challenge.path: challenge for challenge in portfolio.challenges}, Sanitizer(checked.site),
                   {page.path: page for page in portfolio.pages}, bodies), []

    def lessons_changed(self, bodies: dict[str, str]) -> bool:
        """Whether the lessons sections of ``bodies`` (by source path) differ from this build's."""
        return any(lessons_markdown(self.bodies.get(path, "")) != lessons_markdown(body)
                   for path, body in bodies.items() if self.bodies.get(path) is not body)

    def resolve_urls(self, url_of: Callable[[str], str]) -> None:
        """``url_of(source path)``: the engine's site-root relative URL of that page."""
        self.portfolio.resolve_urls(url_of)

    def start(self, language: str, preview: bool = False, halves: bool = False) -> None:
        """Start the work beside the engine's: call it while this process has
        no other thread (see ``forked``). The ``preview`` does that work
        after the pages instead, and only what a change needs. With
        ``halves`` (and a second core) this process forks a `twin` that goes
        on with the same build: the adapter gives each half its pages."""
        portfolio, settings = self.portfolio, self.settings
        self._preview, self._language = preview, language
        if preview:
            return
        self._beside = Forked(lambda: ({path: make() for path, make in generated_files(portfolio, settings).items()},
                                       portfolio.related_table()))
        if halves and can_fork():
            self.twin = Twin()
        self._order = [*self.entries, *self.challenges]  # see index_in_order
        if (self.entries or self.challenges) and not self.is_copy:  # Pagefind cannot write an empty index
            self._search = SearchIndex(language)

    def publish_body(self, entry: Entry, url: str, html: str, site_dir: Path) -> str:
        """An initiative's or a challenge's converted body, sanitised, and
        indexed for search as the page at ``url`` (from the site root, e.g.
        ``/initiatives/x/``)."""
        html = self.sanitizer(html, url.lstrip("/"))
        if entry.path in self.entries:
            # Cut from the sanitised body: as safe as the body itself.
            entry.lessons_html, entry.lessons_id = Markup(lessons_html(html)), lessons_anchor(html)
            document = search_document(self.portfolio, entry, html)
        else:
            document = challenge_search_document(self.portfolio, entry, html)
        self._documents[entry.path] = url, document
        self._index_in_order(site_dir)
        return html

    def index_in_order(self, paths: list[str]) -> None:
        """The order Pagefind is given the pages in (by source path; those
        left out follow in the portfolio's order). Pagefind numbers its files
        in that order, so a fixed order gives the same index however many
        processes convert the pages, and in whatever order they finish."""
        ours = [*self.entries, *self.challenges]
        known = set(ours)
        self._order = list(dict.fromkeys([*(path for path in paths if path in known), *ours]))

    def _index_in_order(self, site_dir: Path) -> None:
        """Hand Pagefind the documents that are next in order (see
        index_in_order), as they come; once every page is indexed, the index
        is written while the pages are rendered. The preview indexes its pages
        later (see finish_later)."""
        if self._search is None:
            return
        order = self._order
        while self._indexed < len(order) and order[self._indexed] in self._documents:
            self._search.add(*self._documents.pop(order[self._indexed]))
            self._indexed += 1
        if self._indexed == len(order):
            self._search.start_writing(site_dir / SEARCH_FOLDER, self._positions())

    @property
    def is_copy(self) -> bool:
        """Whether this process is the copy of a build in two halves (see start)."""
        return self.twin is not None and self.twin.is_copy

    def keep_unchanged(self, shown: PortfolioBuild | None) -> None:
        """The preview: what the bodies not converted again gave in the build
        ``shown`` last (their lessons and search documents), and its filter
        data when only bodies changed."""
        if shown is None:
            return
        self._filter_data_holds = shown.portfolio is self.portfolio
        for path, entry in [*self.entries.items(), *self.challenges.items()]:
            if path not in self._documents and path in shown._documents:
                self._documents[path] = shown._documents[path]
                before = shown.entries.get(path)
                if before is not None:
                    entry.lessons_html, entry.lessons_id = before.lessons_html, before.lessons_id

    def page_meta(self, src_uri: str) -> dict[str, str] | None:
        """What a page of the portfolio tells the engine, as plain text: its
        template, title and description (an editorial page's template is
        decided by the site, see PAGES). None for the site's other pages."""
        if (entry := self.entries.get(src_uri) or self.challenges.get(src_uri)) is not None:
            kind = "initiative" if src_uri in self.entries else "challenge"
            return {"template": f"portfolio/{kind}.html", "title": entry.data.title,
                    "description": entry.data.description}
        if (page := self.pages.get(src_uri)) is not None:
            return {"template": page.template, "title": page.title}
        if (source := self.editorial.get(src_uri)) is not None:
            meta = {"template": PAGES[source.path], "title": source.data.title}
            return meta | ({"description": source.data.description} if source.data.description else {})
        return None

    def page_context(self, src_uri: str) -> dict:
        """What a page's template gets besides the engine's context."""
        if src_uri in self.entries:
            return {"entry": self.entries[src_uri]}
        if src_uri in self.challenges:
            return {"challenge": self.challenges[src_uri]}
        page = self.pages.get(src_uri)
        return page.context if page is not None else {}

    def page_date(self, src_uri: str) -> str | None:
        """A page's date for the sitemap: from the content or SOURCE_DATE_EPOCH, never the day of the build."""
        entry = self.entries.get(src_uri)
        modified = (entry and feed_date(entry)) or reproducible_date()
        return modified.isoformat() if modified else None

    def with_policy(self, output: str, body: str, preview: bool = False) -> str:
        """A rendered page with its Content Security Policy (see ``csp``);
        ``body`` is the part that came from content."""
        return with_policy(output, public_policy(output, body, self.settings.embed_hosts, preview))

    def finish_files(self, site_dir: Path, mine: object = None) -> object:
        """The exports written, and the related initiatives known. A build in
        two halves meets its twin here: ``mine`` is what the adapter hands
        the other half, and what that hands here is returned."""
        _spare_the_collector()  # the converted pages live until they are written
        if self._preview:  # the filter data shows a change at once; the rest follows (finish_later)
            if not self._filter_data_holds:
                _write(site_dir, FILTER_DATA, generated_files(self.portfolio, self.settings)[FILTER_DATA]())
            return None
        if self.is_copy:  # the original writes the exports and indexes every page
            lessons, related, theirs = self.twin.meet((self._lessons(), self._documents, mine))
            self._take_lessons(lessons)
            self.portfolio.know_related(related)
            return theirs
        contents, related = self._beside.result()
        self.portfolio.know_related(related)
        theirs = None
        if self.twin is not None:
            lessons, documents, theirs = self.twin.meet((self._lessons(), related, mine))
            self._take_lessons(lessons)
            self._documents |= documents
            self._index_in_order(site_dir)
        for path, content in contents.items():
            _write(site_dir, path, content)
        return theirs

    def _lessons(self) -> dict[str, tuple[str, str | None]]:
        """The lessons this process cut from the bodies it converted (see publish_body)."""
        return {path: (entry.lessons_html, entry.lessons_id) for path, entry in self.entries.items()
                if entry.lessons_html or entry.lessons_id}

    def _take_lessons(self, lessons: dict[str, tuple[str, str | None]]) -> None:
        for path, (html, anchor) in lessons.items():
            self.entries[path].lessons_html, self.entries[path].lessons_id = html, anchor

    def finish_later(self, site_dir: Path, done: Callable[[str | None], None],
                     after: PortfolioBuild | None = None) -> None:
        """The preview: the exports and the search index, in the background,
        once what the build ``after`` did there has stopped (see stop_later);
        ``done(None)`` when they are written, ``done(message)`` if the index
        failed (neither if `close` came first)."""
        makers = {path: make for path, make in generated_files(self.portfolio, self.settings).items()
                  if path != FILTER_DATA}
        documents = sorted(self._documents.values())

        def work() -> None:
            if after is not None:
                after.close()
            for path, make in makers.items():
                content = make()
                if self._stop_later.is_set():
                    return
                _write(site_dir, path, content)
            shutil.rmtree(site_dir / SEARCH_FOLDER, ignore_errors=True)
            failure = None
            try:
                if documents and not self._stop_later.is_set():
                    self._search = SearchIndex(self._language)
                    for url, document in documents:
                        self._search.add(url, document)
                    if self._stop_later.is_set():  # stopped while it started
                        self._search.close(abandon=True)
                        return
                    self.finish_search(site_dir)
            except (OSError, SearchIndexError) as error:  # also when close stopped the service
                failure = str(error)
            if not self._stop_later.is_set():
                _collect_the_last_builds()
                done(failure)

        self._later = threading.Thread(target=work, daemon=True)
        self._later.start()

    def finish_search(self, site_dir: Path) -> None:
        """Wait until the search index is written; raises SearchIndexError."""
        if self._search is not None:
            search, self._search = self._search, None
            search.start_writing(site_dir / SEARCH_FOLDER, self._positions())
            search.finish()

    def _positions(self) -> list[str]:
        """The initiatives' addresses as indexed, in list order (see search.write_positions)."""
        return [f"/{entry.url}" for entry in self.portfolio]

    def stop_later(self) -> None:
        """Stop the preview's background work (see finish_later): the next
        build writes the exports and the index anew. What is being computed
        is not written."""
        self._stop_later.set()
        if self._later is not None and self._search is not None:
            self._search.close(abandon=True)

    def close(self) -> None:
        """Stop what a build that failed half-way, or the preview's
        background work, left running, and wait until it has."""
        self.stop_later()
        if self._later is not None:
            self._later.join()
        if self.twin is not None and not self.twin.is_copy:
            self.twin.stop()
        if self._search is not None:
            self._search.close()
            self._search = None


def _with_pages(pages: dict[str, GeneratedPage], template: str, new: list[GeneratedPage]) -> dict[str, GeneratedPage]:
    """``pages`` with those drawn by ``template`` replaced by ``new``, where they were (the order is the site's)."""
    replaced, placed = {}, False
    for src_uri, page in pages.items():
        if page.template != template:
            replaced[src_uri] = page
        elif not placed:
            replaced |= {other.src_uri: other for other in new}
            placed = True
    return replaced


def _spare_the_collector() -> None:
    """The content and the pages live until the build ends: keep Python's
    cycle collector from going through them again and again, also when the
    process ends. Also spares the forked copy (see portfolj.forked) from
    copying them."""
    gc.freeze()


def _collect_the_last_builds() -> None:
    """The preview: what the builds before the one shown kept goes while
    nothing waits; the next rebuild's collector then goes only through
    what that build makes (see _spare_the_collector)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _write(site_dir: Path, path: str, content: str) -> None:
    target = site_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8"))


def checked_portfolio(content_dir: Path, taxonomy_file: Path, root: Path, site: Site, drafts: bool = False,
                      history: bool = False, cache: ReadCache | None = None, previous: Portfolio | None = None
                      ) -> tuple[Portfolio | None, list[Problem]]:
    """The portfolio as the build reads it (see load_portfolio), or every
    problem: its addresses judged as published on ``site``, and its
    taxonomies' addresses clear of the site's own. ``portfolj check`` asks
    the same."""
    portfolio, problems = load_portfolio(content_dir, taxonomy_file, shown_root=root, site=site, drafts=drafts,
                                         history=history, cache=cache, previous=previous)
    if problems:
        return None, problems
    problems = path_problems(portfolio, content_dir, taxonomy_file, root)
    return (None, problems) if problems else (portfolio, [])
