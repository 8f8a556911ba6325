"""`mkdocs build` on two cores.

MkDocs converts and renders one page after the other on one core. The
build forks once the files are known (see portfolj.forked.Twin), and both
processes go on with the same build: each converts and renders about half
the pages the menu does not list. The pages the menu lists are converted by both
(the menu shows them on every page) and rendered by the original, which
also writes everything that is not a page. A page that is the other half's
is not converted and is rendered by an empty template, which MkDocs does not
write.

What one half computed that the other needs crosses twice: when the halves
meet before the pages are rendered (the anchors of the pages each
converted, for MkDocs' link check; the portfolio's own, see
PortfolioBuild.finish_files), and when the copy ends. What the copy logs
is handed to the original, which logs it as its own: counted for
``strict``, and the engine's warnings reported in Swedish.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path
from typing import NoReturn

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portfolj.forked import Twin, TwinFailed
from portfolj.build import PortfolioBuild
from portfolj_mkdocs.checks import EngineWarnings, abort

# Renders nothing: MkDocs writes no file for an empty page.
ELSEWHERE = "portfolio/elsewhere.html"
# The original's part of the pages the menu does not list, in twentieths: it
# also renders the menu's pages and writes the files (see README, Bygge).
ORIGINALS = 9


def split(files: Files) -> tuple[list[str], list[str]]:
    """The pages the menu does not list that the original converts and
    renders, and those the copy does, spread evenly over every kind of page,
    in the order MkDocs converts them. Pagefind is given the pages in this
    order, also in a build in one process (see PortfolioBuild.index_in_order)."""
    pages = [file.src_uri for file in files.documentation_pages() if file.inclusion.is_not_in_nav()]
    halves: tuple[list[str], list[str]] = ([], [])
    for number, src_uri in enumerate(pages):
        halves[number * ORIGINALS % 20 >= ORIGINALS].append(src_uri)
    return halves


class Halves:
    """One half of a build in two processes."""

    def __init__(self, twin: Twin, halves: tuple[list[str], list[str]], files: Files, config,
                 warnings: EngineWarnings, log: logging.Logger) -> None:
        """``halves``: the original's pages and the copy's (see split)."""
        self._twin, self._log = twin, log
        originals, copys = map(set, halves)
        self._mine, self._theirs = (copys, originals) if twin.is_copy else (originals, copys)
        everything = {file.src_uri for file in files.documentation_pages()}
        self._elsewhere = everything - self._mine if twin.is_copy else self._theirs
        logging.getLogger(f"{warnings.engine.name}.commands.build").addFilter(self._quiet)
        self._records = _Records()
        if twin.is_copy:
            self._as_copy(files, config, warnings)
        else:
            log.debug("Sidorna byggs i två processer.")

    def _as_copy(self, files: Files, config, warnings: EngineWarnings) -> None:
        """The original writes the theme's files and pages and the
        portfolio's files; what the copy logs goes to the original."""
        for file in files:
            if not file.is_documentation_page():
                file.abs_dest_path = os.devnull
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        warnings.stop()
        for handler in list(warnings.engine.handlers):
            warnings.engine.removeHandler(handler)
        warnings.engine.addHandler(self._records)

    def converts(self, page: Page) -> bool:
        return page.file.src_uri not in self._theirs

    def leave_to_the_other(self, page: Page) -> None:
        """A page the other half converts is not converted here: its
        `render` is replaced."""
        if not self.converts(page):
            page.render = partial(_not_here, page)

    def renders(self, page: Page) -> bool:
        return page.file.src_uri not in self._elsewhere

    def finish_files(self, build: PortfolioBuild, site_dir: Path, files: Files) -> None:
        """The build's `finish_files`, where the halves meet: each hands the
        other the anchors of the pages only it converted, and what it logged;
        the pages this half does not render are rendered empty."""
        mine = {src_uri: files.src_uris[src_uri].page.present_anchor_ids for src_uri in self._mine}
        try:
            anchors, records = build.finish_files(site_dir, (mine, self._records.taken()))
        except TwinFailed as error:
            self._abort(error)
        for src_uri, ids in anchors.items():
            files.src_uris[src_uri].page.present_anchor_ids = ids
        for src_uri in self._elsewhere:
            files.src_uris[src_uri].page.meta["template"] = ELSEWHERE
        _log(records)

    def finish(self) -> None:
        """After the pages: the copy ends; the original waits until the
        copy's pages are written, and logs what the copy logged."""
        if self._twin.is_copy:
            self._twin.end(self._records.taken())
        try:
            _log(self._twin.wait())
        except TwinFailed as error:
            self._abort(error)

    def stop(self) -> None:
        """The build failed. The copy ends, and the original logs why and
        stops; the original stops the copy at once."""
        if self._twin.is_copy:
            self._twin.fail(self._records.taken())
        self._twin.stop()

    def _abort(self, error: TwinFailed) -> NoReturn:
        """The other half failed (what it logged says why) or died."""
        if error.args[0] is None:
            self._log.error("Den andra halvan av bygget avslutades oväntat. Den senast byggda webbplatsen är orörd.")
        else:
            _log(error.args[0])
            self._log.error("Den andra halvan av bygget misslyckades (se ovan). Den senast byggda webbplatsen är orörd.")
        abort()

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says at INFO that it skipped each page rendered empty: those are the other half's."""
        message = record.getMessage()
        return not (message.startswith("Page skipped: ") and message.split("'")[1] in self._elsewhere)


class _Records(logging.Handler):
    """What the copy logs, to be logged again by the original."""

    def __init__(self) -> None:
        super().__init__()
        self._records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self._records.append(record)

    def taken(self) -> list[logging.LogRecord]:
        records, self._records = self._records, []
        return records


def _not_here(page: Page, config, files: Files) -> None:
    """Page.render for a page the other half converts."""
    page.content = ""


def _log(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)
