"""One build of the portfolio, whatever the engine.

An engine's adapter (``hooks/portfolio.py`` for MkDocs) makes one
`PortfolioBuild` per build and hands its results to the engine, in this order:

1. `PortfolioBuild.load`: the settings and every file read and validated, or
   every problem found; nothing is written.
2. `resolve_urls`: the engine says, once, where each source path is published.
3. `start`: the exports and the related initiatives are made on the other
   core (see ``forked``) while the engine converts the pages, and the search
   index is started.
4. `publish_body` for each converted initiative or challenge body: sanitised
   and indexed (and an initiative's lessons cut from it).
5. `finish_files`: before the pages are rendered, the related initiatives
   are known and the exports are written into the output folder.
6. `finish_search`: the search index is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from pydantic import ValidationError

from portfolj.forked import Forked
from portfolj.csp import public_policy, with_policy
from portfolj.generated import GeneratedPage, generated_files, generated_pages, path_problems
from portfolj.loading import load_portfolio
from portfolj.messages import Problem, problems_from_error
from portfolj.model import Source
from portfolj.portfolio import Entry, Portfolio
from portfolj.published import PAGES
from portfolj.sanitize import Sanitizer
from portfolj.lessons import lessons_anchor, lessons_html
from portfolj.search import SEARCH_FOLDER, SearchIndex, challenge_search_document, search_document, write_positions
from portfolj.settings import Settings
from portfolj.urls import Site

# Where the search index is written in the output folder.


@dataclass
class PortfolioBuild:
    settings: Settings
    portfolio: Portfolio
    pages: dict[str, GeneratedPage]  # the generated pages by source path
    entries: dict[str, Entry]  # the initiatives by source path
    challenges: dict[str, Entry]  # the challenges by source path
    sanitizer: Sanitizer
    editorial: dict[str, Source] = field(default_factory=dict)  # the editorial pages (PAGES) by source path
    _beside: Forked | None = field(default=None, repr=False)  # the files and the related initiatives
    _search: SearchIndex | None = field(default=None, repr=False)

    @classmethod
    def load(cls, content_dir: Path, root: Path, settings: dict, settings_file: str, drafts: bool = False,
             settings_lines: Callable[[tuple], int | None] = lambda loc: None,
             ) -> tuple[PortfolioBuild | None, list[Problem]]:
        """The build of the content in ``content_dir`` with the site's
        ``settings`` (read from ``settings_file``, where ``settings_lines``
        finds a setting's line); paths in them and in messages are relative
        to ``root``. Drafts are built only with ``drafts`` (the preview)."""
        try:
            checked = Settings.model_validate(settings)
        except ValidationError as error:
            return None, problems_from_error(error, Settings, settings_file, settings_lines)
        portfolio, problems = checked_portfolio(content_dir, root / checked.taxonomy, root, checked.site, drafts,
                                                history=True)
        if problems:
            return None, problems
        pages = {page.src_uri: page for page in generated_pages(portfolio, checked)}
        return cls(checked, portfolio, pages, {entry.path: entry for entry in portfolio},
                   {challenge.path: challenge for challenge in portfolio.challenges}, Sanitizer(checked.site),
                   {page.path: page for page in portfolio.pages}), []

    def resolve_urls(self, url_of: Callable[[str], str]) -> None:
        """``url_of(source path)``: the engine's site-root relative URL of that page."""
        self.portfolio.resolve_urls(url_of)

    def start(self, language: str) -> None:
        """Start the work beside the engine's: call it while this process has
        no other thread (see ``forked``)."""
        portfolio, settings = self.portfolio, self.settings
        self._beside = Forked(lambda: (generated_files(portfolio, settings), portfolio.related_table()))
        if self.entries or self.challenges:  # Pagefind cannot write an empty index
            self._search = SearchIndex(language)

    def publish_body(self, entry: Entry, url: str, html: str, site_dir: Path) -> str:
        """An initiative's or a challenge's converted body, sanitised, and
        indexed for search as the page at ``url`` (from the site root, e.g.
        ``/initiatives/x/``)."""
        html = self.sanitizer(html, url.lstrip("/"))
        if entry.path in self.entries:
            # Cut from the sanitised body: as safe as the body itself.
            entry.lessons_html, entry.lessons_id = Markup(lessons_html(html)), lessons_anchor(html)
            self._search.add(url, search_document(self.portfolio, entry, html))
        else:
            self._search.add(url, challenge_search_document(self.portfolio, entry, html))
        if self._search.pages == len(self.entries) + len(self.challenges):
            self._search.start_writing(site_dir / SEARCH_FOLDER)  # while the pages are rendered
        return html

    def editorial_meta(self, page: Source) -> dict[str, str]:
        """What an editorial page tells the engine: its template (decided by
        the site, see PAGES), title and description, as plain text."""
        meta = {"template": PAGES[page.path], "title": page.data.title}
        return meta | ({"description": page.data.description} if page.data.description else {})

    def with_policy(self, output: str, body: str, preview: bool = False) -> str:
        """A rendered page with its Content Security Policy (see ``csp``);
        ``body`` is the part that came from content."""
        return with_policy(output, public_policy(output, body, self.settings.embed_hosts, preview))

    def finish_files(self, site_dir: Path) -> None:
        contents, related = self._beside.result()
        self.portfolio.know_related(related)
        for path, content in contents.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8"))

    def finish_search(self, site_dir: Path) -> None:
        """Wait until the search index is written; raises SearchIndexError."""
        if self._search is not None:
            search, self._search = self._search, None
            search.start_writing(site_dir / SEARCH_FOLDER)
            search.finish()
            write_positions(site_dir / SEARCH_FOLDER, [f"/{entry.url}" for entry in self.portfolio])

    def close(self) -> None:
        """Stop what a build that failed half-way left running."""
        if self._search is not None:
            self._search.close()
            self._search = None


def checked_portfolio(content_dir: Path, taxonomy_file: Path, root: Path, site: Site, drafts: bool = False,
                      history: bool = False) -> tuple[Portfolio | None, list[Problem]]:
    """The portfolio as the build reads it (see load_portfolio), or every
    problem: its addresses judged as published on ``site``, and its
    taxonomies' addresses clear of the site's own. ``portfolj check`` asks
    the same."""
    portfolio, problems = load_portfolio(content_dir, taxonomy_file, shown_root=root, site=site, drafts=drafts,
                                         history=history)
    if problems:
        return None, problems
    problems = path_problems(portfolio, content_dir, taxonomy_file, root)
    return (None, problems) if problems else (portfolio, [])
