"""The preview, `mkdocs serve`: what it keeps between rebuilds, its problem
panel, and how a dirty rebuild (`mkdocs serve --dirty`) renders only the
pages a change touches (which pages those are is the core's knowledge, see
portfolj.rebuild)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from portfolj import preview
from portfolj.build import PortfolioBuild
from portfolj.loading import ReadCache
from portfolj.messages import Problem
from portfolj.publishing import remove_outputs
from portfolj.rebuild import EVERYTHING, Rebuild, pages_to_render
from portfolj_mkdocs.checks import hide_dirty_warning
from portfolj_mkdocs.render_cache import RenderCache
from portfolj_mkdocs.templates import prepare

class Preview:
    """One `mkdocs serve`: its builds share what was read, the build whose
    pages the output holds (``shown``) and the files it published."""

    def __init__(self, log: logging.Logger, dirty: bool) -> None:
        self.log = log
        self.cache = ReadCache()
        self.shown: PortfolioBuild | None = None
        self._outputs: set[str] = set()  # what the build shown published, by path in the site
        self._frame: tuple = ()  # see _stamp
        self._rebuild: Rebuild = EVERYTHING  # what this build renders again
        self._rendered: dict[tuple, str] = {}  # what the build shown rendered once for many pages (RenderCache)
        self._rendering: dict[tuple, str] = {}  # the same, of this build
        if dirty:  # only what a change touches is rendered again
            hide_dirty_warning(log)
        else:
            log.info("Tips: med mkdocs serve --dirty byggs bara det om som en ändring påverkar.")

    @staticmethod
    def add_panel(config) -> None:
        if preview.SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(preview.SCRIPT)
            config.extra_css.append(preview.STYLE)

    def add_files(self, files: Files, config, build: PortfolioBuild) -> None:
        """The panel's files; and, in a dirty build, which pages MkDocs
        renders: it renders those whose file says it is modified, so each of
        the portfolio's says whether the change touches it, and the site's
        other pages are rendered also when they were edited. What the last
        build published and this one does not is removed."""
        for path, source in preview.asset_files().items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        frame, self._frame = self._frame, _stamp(Path(config.config_file_path), config.theme.custom_dir)
        self._rebuild = rebuild = pages_to_render(self.shown if frame == self._frame else None, build)
        ours = build.entries.keys() | build.challenges.keys() | build.pages.keys()
        for file in files.documentation_pages():
            if rebuild.pages is not None and file.src_uri in ours:
                needed = file.src_uri in rebuild.pages
            elif rebuild.pages is None or rebuild.site_pages:
                needed = True
            else:
                continue  # rendered when edited: MkDocs compares the file's time with its page's
            file.is_modified = lambda needed=needed: needed
        outputs = {file.dest_uri for file in files}
        remove_outputs(Path(config.site_dir), self._outputs - outputs)
        self._outputs = outputs

    def prepare(self, env: Environment, config, build: PortfolioBuild) -> None:
        """The templates' environment (see templates.prepare), with what the
        last build rendered that still holds."""
        kept = None if self._rebuild.pages is None else RenderCache.still_holds(self._rendered, self._rebuild.facts)
        self._rendering = prepare(env, config, build, kept).rendered

    def shown_now(self, build: PortfolioBuild, site_dir: Path, problems: list[Problem], summary: str) -> None:
        """``build`` is written: show its problems, then write its exports and search index."""
        self._rendered = self._rendering
        preview.write_problems(site_dir, problems, summary)
        before, self.shown = self.shown, build
        build.finish_later(site_dir, self._finished_later, after=before if before is not build else None)

    def _finished_later(self, failure: str | None) -> None:
        if failure:
            self.log.error(failure)
        else:
            self.log.info(preview.DONE_LATER)

    def forget(self) -> None:
        """A build failed half-way: the next one renders every page."""
        self.shown = None


def _stamp(config_file: Path, templates: str | None) -> tuple:
    """What changes when the site's settings or its own templates do (then
    everything is rendered again)."""
    files = [config_file, *(Path(templates).rglob("*") if templates else [])]
    stats = [file.stat() for file in files if file.is_file()]
    return tuple(sorted((stat.st_ino, stat.st_mtime_ns, stat.st_size) for stat in stats))


def keep_serving(server: LiveReloadServer, builder: Callable, invalid: Callable[[], bool]) -> LiveReloadServer:
    """Keep serving the last good preview while the content has errors.

    MkDocs' server stops answering after a failed rebuild. A failed validation
    (``invalid()``) has written nothing, so the previous output is still
    whole: count it as the result of this rebuild.
    """
    def build_or_keep_last_good() -> None:
        try:
            builder()
        except SystemExit:
            if not invalid():
                raise

    server.builder = build_or_keep_last_good
    return server
