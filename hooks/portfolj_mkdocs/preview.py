"""The preview, `mkdocs serve`: what it keeps between rebuilds, its problem
panel, and how a dirty rebuild (`mkdocs serve --dirty`) renders only the
pages a change touches (which pages those are is the core's knowledge, see
portfolj.rebuild)."""

from __future__ import annotations

import bisect
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template
from watchdog.events import (
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
    FileMovedEvent, FileSystemEvent, FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from portfolj import preview
from portfolj.build import PortfolioBuild
from portfolj.loading import ReadCache
from portfolj.messages import Problem
from portfolj.publishing import remove_outputs
from portfolj.rebuild import EVERYTHING, Rebuild, pages_to_render
from portfolj_mkdocs import pages
from portfolj_mkdocs.checks import hide_dirty_warning
from portfolj_mkdocs.render_cache import RenderCache
from portfolj_mkdocs.templates import prepare

class Preview:
    """One `mkdocs serve`: its builds share what was read, the build whose
    pages the output holds (``shown``) and the files it published."""

    def __init__(self, log: logging.Logger, dirty: bool) -> None:
        self.log = log
        self.dirty = dirty
        self.cache = ReadCache()
        self.shown: PortfolioBuild | None = None
        self._outputs: set[str] = set()  # what the build shown published, by path in the site
        self._frame: tuple = ()  # see _stamp
        self._rebuild: Rebuild = EVERYTHING  # what this build renders again
        self._rendered: dict[tuple, str] = {}  # what the build shown rendered once for many pages (RenderCache)
        self._rendering: dict[tuple, str] = {}  # the same, of this build
        self._files: Files | None = None  # this build's
        self._pages: dict[str, Page] = {}  # the pages the menu does not list, of the build shown, by source path
        self._listed = _ThemeListing()
        self._sitemap: tuple = ()  # what the sitemaps of the build shown list (see _sitemap)
        self._content = _KeptContent()
        if dirty:  # only what a change touches is rendered again
            hide_dirty_warning(log)
        else:
            log.info("Tips: med mkdocs serve --dirty byggs bara det om som en ändring påverkar.")

    def configure(self, config) -> None:
        """The panel's script and style, and the theme's files listed once (see _ThemeListing)."""
        if preview.SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(preview.SCRIPT)
            config.extra_css.append(preview.STYLE)
        self._listed.install(config)

    def read(self, config, loaded: bool) -> None:
        """The content is read (``loaded``: without problems), and MkDocs
        lists its files next (see _KeptContent)."""
        self._content.read(config, self.cache.came_or_went, loaded)

    def hand_over(self, files: Files, config, build: PortfolioBuild) -> Files:
        """The content's files (see pages.hand_over and add_files)."""
        files = self._content.files(files, config)
        pages.hand_over(files, config, build)
        self.add_files(files, config, build)
        self._files = _PagesListedOnce(files)
        return self._files

    def add_files(self, files: Files, config, build: PortfolioBuild) -> None:
        """The panel's files; and, in a dirty build, which pages MkDocs
        renders: it renders those whose file says it is modified, so each of
        the portfolio's says whether the change touches it, and the site's
        other pages are rendered also when they were edited. A page the menu
        does not list and the change does not touch keeps its `Page` of the
        last build (MkDocs would make one anew for each of thousands, only to
        list it in the sitemap). What the last build published and this one
        does not is removed."""
        for path, source in preview.asset_files().items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        frame, self._frame = self._frame, _stamp(Path(config.config_file_path), config.theme.custom_dir)
        self._rebuild = rebuild = pages_to_render(self.shown if frame == self._frame else None, build)
        self._listed.published(files, config)
        ours = build.entries.keys() | build.challenges.keys() | build.pages.keys()
        kept = self._pages if self.dirty and rebuild.pages is not None else {}
        self._files, self._pages = files, {}
        for file in files.documentation_pages():
            file.page = None  # of a file kept from the last build: its page is made anew, or kept below
            if rebuild.pages is not None and file.src_uri in ours:
                needed = file.src_uri in rebuild.pages
            elif rebuild.pages is None or rebuild.site_pages:
                needed = True
            else:  # rendered when edited: MkDocs compares the file's time with its page's
                vars(file).pop("is_modified", None)  # as told in the last build, of a kept file
                continue
            file.is_modified = lambda needed=needed: needed
            if not needed and file.inclusion.is_not_in_nav() and (page := kept.get(file.src_uri)) is not None:
                file.page, page.file = page, file
        outputs = {file.dest_uri for file in files}
        remove_outputs(Path(config.site_dir), self._outputs - outputs)
        self._outputs = outputs

    def prepare(self, env: Environment, config, build: PortfolioBuild) -> None:
        """The templates' environment (see templates.prepare), with what the
        last build rendered that still holds."""
        kept = None if self._rebuild.pages is None else RenderCache.still_holds(self._rendered, self._rebuild.facts)
        self._rendering = prepare(env, config, build, kept).rendered
        sitemap, self._sitemap = self._sitemap, _sitemap(self._files)
        if kept is not None and self.dirty and sitemap == self._sitemap:  # as written by the build shown
            config.theme.static_templates.difference_update(
                {name for name in config.theme.static_templates if not is_error_template(name)})

    def shown_now(self, build: PortfolioBuild, site_dir: Path, problems: list[Problem], summary: str) -> None:
        """``build`` is written: show its problems, then write its exports and search index."""
        self._rendered = self._rendering
        self._pages = {file.src_uri: file.page for file in self._files.documentation_pages()
                       if file.page is not None and file.inclusion.is_not_in_nav()}
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
        self._sitemap = ()
        self._content = _KeptContent()


class _KeptContent:
    """The content's files as MkDocs lists them (`get_files`), kept between
    rebuilds: the listing makes a `File` for each of thousands of files,
    each of which computes its address again. While the system tells of
    every change to the content (see ReadCache.hear), a rebuild gives MkDocs
    an empty folder to list instead, and the files of the last build, with
    those that came or went since added or removed, in MkDocs' own order.
    MkDocs lists the content itself again when the settings changed, or when
    an index or README page came or went (which one of them is published
    depends on the other)."""

    def __init__(self) -> None:
        self._sources: list[File] | None = None  # as get_files listed them last
        self._by_path: dict[str, File] = {}  # the same, by source path
        self._settings: tuple = ()  # _stamp of the settings they were listed with
        self._came_or_went: set[str] = set()  # the paths of files that came or went since
        self._content_dir: str | None = None  # the content's folder while MkDocs lists the empty one
        self._empty: tempfile.TemporaryDirectory | None = None

    def read(self, config, came_or_went: set[str] | None, loaded: bool) -> None:
        """Before MkDocs lists the content: ``came_or_went`` (None: not
        told) since the last build began; ``loaded``: the build goes on."""
        self._content_dir = None
        if came_or_went is None:
            self._sources = None
        self._came_or_went |= came_or_went or set()
        names = {Path(path).stem for path in self._came_or_went}
        if (loaded and self._sources is not None and not names & {"index", "README"}
                and self._settings == _stamp(Path(config.config_file_path), None)):
            self._empty = self._empty or tempfile.TemporaryDirectory(prefix="portfolj-")
            self._content_dir, config.docs_dir = config.docs_dir, self._empty.name

    def files(self, files: Files, config) -> Files:
        """``files`` as MkDocs listed them, or the theme's (the content's
        folder was empty) with the content's kept; kept for the next build."""
        if self._content_dir is not None:
            config.docs_dir, self._content_dir = self._content_dir, None
            self._sources = self._with_changes(config)
            files = Files([*self._sources, *(file for file in files if file.src_uri not in self._by_path)])
        else:
            self._sources = [file for file in files if file.src_dir == config.docs_dir]
            self._by_path = {file.src_uri: file for file in self._sources}
        self._came_or_went = set()
        self._settings = _stamp(Path(config.config_file_path), None)
        return files

    def _with_changes(self, config) -> list[File]:
        """The files kept, with those that came added and those that went removed."""
        if not self._came_or_went:
            return self._sources
        sources = list(self._sources)
        for path in self._came_or_went:
            src_uri = Path(os.path.relpath(path, config.docs_dir)).as_posix()
            there = os.path.lexists(path) and not os.path.isdir(path)
            if src_uri.startswith("../") or there == (src_uri in self._by_path):
                continue
            if there:
                file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
                set_exclusions([file], config)
                bisect.insort(sources, file, key=file_sort_key)
                self._by_path[src_uri] = file
            else:
                sources.remove(self._by_path.pop(src_uri))
        return sources


class _PagesListedOnce(Files):
    """A build's files, whose pages (`documentation_pages`) MkDocs and the
    preview ask for about ten times a build, each time looking at every
    file: listed once, until a file comes or goes. (Made when the files are
    complete: MkDocs decides a file's inclusion before it asks.)"""

    def __init__(self, files: Files) -> None:
        super().__init__(files)
        self._listed: dict[Callable, Sequence[File]] = {}  # by inclusion

    def append(self, file: File) -> None:
        self._listed = {}
        super().append(file)

    def remove(self, file: File) -> None:
        self._listed = {}
        super().remove(file)

    def documentation_pages(self, *, inclusion: Callable = InclusionLevel.is_included) -> Sequence[File]:
        if inclusion not in self._listed:
            self._listed[inclusion] = super().documentation_pages(inclusion=inclusion)
        return self._listed[inclusion]


def _sitemap(files: Files) -> tuple:
    """What the theme's static templates but the error page (the sitemaps)
    draw: every page's address, date and whether search engines may list it."""
    return tuple((file.src_uri, file.page.canonical_url, file.page.update_date, file.page.meta.get("noindex"))
                 for file in files.documentation_pages() if file.page is not None)


class _ThemeListing:
    """MkDocs lists every file of the theme on each build, to publish its
    assets: Material's 14,000 (most of them icons, which MkDocs' filter then
    leaves out one by one). The installed theme does not change while the
    server runs: after a build, only the files of it that the build published
    are listed, as long as mkdocs.yml (which the filter reads) is unchanged.
    The site's own templates (``custom_dir``) are listed on every build."""

    def __init__(self) -> None:
        self._kept: tuple[tuple, frozenset[str]] | None = None  # (the settings' file, the names published)

    def install(self, config) -> None:
        """Let the theme's environment (made after this, in each build) list so."""
        theme, kept = config.theme, self._kept
        if kept is None or kept[0] != _stamp(Path(config.config_file_path), None):
            return
        make_environment = theme.get_env

        def get_env() -> Environment:
            env = make_environment()
            env.loader = _ListedLoader(theme.dirs, theme.custom_dir, kept[1])
            return env

        theme.get_env = get_env

    def published(self, files: Files, config) -> None:
        """What this build published of the installed theme (or of the
        content under the same name: the theme's file may be wanted again)."""
        installed = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
        self._kept = _stamp(Path(config.config_file_path), None), frozenset(
            file.src_uri for file in files if not file.is_documentation_page()
            and any(os.path.isfile(os.path.join(folder, file.src_uri)) for folder in installed))


class _ListedLoader(FileSystemLoader):
    """Lists ``installed`` (names) and what ``custom_dir`` holds (see _ThemeListing)."""

    def __init__(self, searchpath: list[str], custom_dir: str | None, installed: frozenset[str]) -> None:
        super().__init__(searchpath)
        self._custom_dir, self._installed = custom_dir, installed

    def list_templates(self) -> list[str]:
        own = FileSystemLoader(self._custom_dir).list_templates() if self._custom_dir else []
        return sorted(self._installed.union(own))


def _stamp(config_file: Path, templates: str | None) -> tuple:
    """What changes when the site's settings or its own templates do (then
    everything is rendered again)."""
    files = [config_file, *(Path(templates).rglob("*") if templates else [])]
    stats = [file.stat() for file in files if file.is_file()]
    return tuple(sorted((stat.st_ino, stat.st_mtime_ns, stat.st_size) for stat in stats))


# Set (to anything) for a content folder where the system tells of no
# changes (one mounted from another machine or a virtual machine).
POLL_CONTENT = "PORTFOLJ_POLL_CONTENT"


def keep_serving(server: LiveReloadServer, builder: Callable, invalid: Callable[[], bool],
                 content_dir: str, cache: ReadCache) -> LiveReloadServer:
    """Keep serving the last good preview while the content has errors, and
    hear of changes to the content at once.

    MkDocs' server stops answering after a failed rebuild. A failed validation
    (``invalid()``) has written nothing, so the previous output is still
    whole: count it as the result of this rebuild.
    """
    if not os.environ.get(POLL_CONTENT):
        _watch_natively(server, content_dir, cache)

    def build_or_keep_last_good() -> None:
        try:
            builder()
        except SystemExit:
            if not invalid():
                raise

    server.builder = build_or_keep_last_good
    return server


def _watch_natively(server: LiveReloadServer, content_dir: str, cache: ReadCache) -> None:
    """Have the system tell of changes to ``content_dir`` (inotify and the
    like), and ``cache`` of what changed: MkDocs' watcher looks at every file
    twice a second, so a change waited up to half a second, and with
    thousands of files the looking took time from the builds. MkDocs' own
    watcher keeps the other paths (single files, which editors replace when
    they save, and the code)."""
    polling, native = server.observer, _Told(cache)
    server.unwatch(content_dir)
    server.observer = native
    server.watch(content_dir)  # with the server's own reaction to a change
    server.observer = polling  # the server starts and stops this one
    try:
        native.observer.start()
    except OSError:  # no native watcher here, or the system's limit of watches is reached
        server.observer = native
        server.unwatch(content_dir)
        server.observer = polling
        server.watch(content_dir)
        return
    cache.hear()


class _Told(FileSystemEventHandler):
    """Stands in for the server's watcher while it watches the content, and
    tells ``cache`` what changed. Only changes count: the system also tells
    when a file is opened or read (as every build does)."""

    CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    def __init__(self, cache: ReadCache) -> None:
        self.observer = Observer()
        self._cache = cache
        self._server_handler: FileSystemEventHandler | None = None

    def schedule(self, handler: FileSystemEventHandler, path: str, recursive: bool = False) -> ObservedWatch:
        self._server_handler = handler
        return self.observer.schedule(self, path, recursive=recursive, event_filter=self.CHANGES)

    def unschedule(self, watch: ObservedWatch) -> None:
        self.observer.unschedule(watch)

    def on_any_event(self, event: FileSystemEvent) -> None:
        came_or_went = not isinstance(event, FileModifiedEvent)
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self._cache.heard(os.fsdecode(path), came_or_went, folder=event.is_directory)
        self._server_handler.dispatch(event)
