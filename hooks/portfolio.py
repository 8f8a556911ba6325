"""MkDocs events for Innovationsportföljen: the adapter between the engine
and the portfolio.

Thin on purpose. The engine-neutral core (``portfolj``) reads and validates
the content and makes the generated pages, files, exports, search documents
and figures; one `PortfolioBuild` per build holds them (see portfolj.build
for the order of its steps). These events hand them to MkDocs and Material;
what they use is in the package ``portfolj_mkdocs`` beside this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portfolj import preview
from portfolj.build import PortfolioBuild
from portfolj.messages import Problem, summary
from portfolj.publishing import Staging
from portfolj.search import SearchIndexError, pagefind_executable
from portfolj_mkdocs import pages
from portfolj_mkdocs.checks import EngineWarnings, abort, report
from portfolj_mkdocs.converter import Converter
from portfolj_mkdocs.halves import Halves, split
from portfolj_mkdocs.config import add_to_menu, name_the_settings, portfolio_settings, settings_lines
from portfolj_mkdocs.templates import prepare

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

    from portfolj_mkdocs.preview import Preview

log = get_plugin_logger("portfolj")


@dataclass
class _Session:
    """What the events share. `mkdocs serve` keeps this module between its
    builds: each build gets a new `PortfolioBuild`."""

    serving: bool = False
    dirty: bool = False
    preview: Preview | None = None  # while serving: what its rebuilds share
    build: PortfolioBuild | None = None
    invalid: bool = False  # the content did not validate: nothing of this build was written
    shown: bool = False  # the preview has built the site once: a failed rebuild keeps showing it
    problems: list[Problem] = field(default_factory=list)  # why the preview has nothing else to show yet
    staging: Staging | None = None  # where `mkdocs build` writes until everything succeeded
    warnings: EngineWarnings | None = None  # the engine's own warnings during this build
    halves: Halves | None = None  # `mkdocs build` in two processes: this one's pages
    converter: Converter | None = None  # converts this build's pages

    def summary(self, problems: list[Problem]) -> str:
        return summary(problems, preview=self.serving, shown=self.shown)

    def fail(self, config: MkDocsConfig, problems: list[Problem]) -> None:
        """Report every problem, and the summary on every failed build (MkDocs
        prints a repeated error only once), then stop the build."""
        self.invalid, said = True, self.summary(problems)
        report(log, problems, said)
        if self.serving:
            preview.write_problems(Path(config.site_dir), problems, said)
        abort()


session = _Session()


def on_startup(*, command: str, dirty: bool) -> None:
    session.serving = command == "serve"
    session.dirty = dirty
    session.preview = None
    if session.serving:  # the preview's modules (its server, its file watching) are imported only for it
        from portfolj_mkdocs.preview import Preview

        session.preview = Preview(log, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build into a staging folder (see portfolj.publishing); the preview has
    its own temporary folder and shows its problems in a panel instead."""
    if session.warnings is not None:
        session.warnings.stop()
    session.warnings = EngineWarnings(log)
    if session.serving:
        session.preview.configure(config)
    elif not session.dirty:  # a dirty build updates the folder in place
        session.staging = Staging.begin(Path(config.site_dir))
        config.site_dir = str(session.staging.folder)
    return config


def on_build_error(*, error: Exception) -> None:
    if session.halves is not None:
        session.halves.stop()
    if session.serving and not session.invalid:  # pages may have been written
        session.preview.forget()
    if session.staging is not None:
        session.staging.abandon()
        session.staging = None
    if session.warnings is not None:
        session.warnings.stop()


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Validate before MkDocs cleans the output, so a failure keeps the last good site."""
    shown = session.preview and session.preview.shown
    if session.build is not None and session.build is not shown:
        session.build.close()  # it failed half-way
    config_file = Path(config.config_file_path)
    session.build, problems = PortfolioBuild.load(
        Path(config.docs_dir), config_file.parent, portfolio_settings(config), config_file.name,
        drafts=session.serving, settings_lines=settings_lines(config_file),
        cache=session.preview and session.preview.cache, shown=shown)
    session.invalid, session.problems = bool(problems), name_the_settings(problems, config_file.name)
    if session.serving:
        session.preview.read(config, loaded=not problems)
    if session.serving and problems and not session.shown:  # nothing to keep showing: the problems are the preview
        report(log, session.problems, session.summary(session.problems))
        config.nav, config.strict = None, False  # nothing but the problems page is built
        config.theme.static_templates.clear()
        return
    if problems:
        session.fail(config, session.problems)
    if shown is not None:
        shown.stop_later()  # this build writes its exports and search index anew
    if session.build.portfolio.history_notice:
        log.info(session.build.portfolio.history_notice)
    add_to_menu(config, [page for page in session.build.pages.values() if page.in_menu])
    _or_abort(pagefind_executable)  # started in on_files; missing, it fails the build before anything is cleaned


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    from portfolj_mkdocs.preview import keep_serving

    return keep_serving(server, builder, lambda: session.invalid, config.docs_dir, session.preview.cache)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    session.converter = Converter(config)
    if session.build is None:  # the preview of content with problems from the start
        return pages.problems_only(config)
    if session.serving:
        files = session.preview.hand_over(files, config, session.build)
    else:
        pages.hand_over(files, config, session.build)
    # This process has no other thread yet (see portfolj.forked).
    _or_abort(lambda: session.build.start(config.theme["language"], preview=session.serving,
                                          halves=not session.dirty))
    halves = split(files)
    session.build.index_in_order([src_uri for half in halves for src_uri in half])
    twin = session.build.twin
    session.halves = Halves(twin, halves, files, config, session.warnings, log) if twin is not None else None
    return files


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> None:
    session.converter.take(page)
    if session.halves is not None:
        session.halves.leave_to_the_other(page)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    pages.describe(page, session.build)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Every page's Markdown comes from content or from the taxonomy file,
    written by many: keep only allow-listed HTML; an initiative's or a
    challenge's is indexed for search at once, so Pagefind works while pages
    are rendered."""
    if session.halves is not None and not session.halves.converts(page):
        return html
    pages.namespace_toc(page.toc)
    entry = session.build.entries.get(page.file.src_uri) or session.build.challenges.get(page.file.src_uri)
    if entry is None:
        return session.build.sanitizer(html, page.url)
    return session.build.publish_body(entry, f"/{page.url}", html, Path(config.site_dir))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if session.build is None:
        return env
    pages.date_pages(files, session.build)
    session.build.keep_unchanged(session.preview and session.preview.shown)
    if session.halves is not None:  # the output folder is clean and nothing is rendered yet
        session.halves.finish_files(session.build, Path(config.site_dir), files)
    else:
        session.build.finish_files(Path(config.site_dir))
    if session.serving:
        session.preview.prepare(env, config, session.build)
    else:
        prepare(env, config, session.build)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return context | session.build.page_context(page.file.src_uri)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if session.halves is not None and not session.halves.renders(page):
        return ""
    return session.build.with_policy(output, page.content, session.serving)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html") or session.build is None:  # the sitemaps; the problems page
        return output_content
    return session.build.with_policy(output_content, "", session.serving)


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    if session.build is None:
        session.warnings.stop()
        session.warnings.uncount()
        preview.write_problems(site_dir, session.problems, session.summary(session.problems))
        preview.write_problems_page(site_dir, session.problems, urlsplit(config.site_url).path)
        return
    if session.halves is not None:
        session.halves.finish()
    _or_abort(lambda: session.build.finish_search(site_dir))
    problems = session.warnings.stop(config)
    if session.serving:
        session.preview.shown_now(session.build, site_dir, problems, session.summary(problems))
    if problems and config.strict:
        session.fail(config, problems)
    for problem in problems:  # not strict: the engine's warnings, in Swedish
        log.warning(str(problem))
    if session.staging is not None:
        session.staging.publish()
        config.site_dir, session.staging = str(session.staging.site), None
    session.shown = True


def _or_abort(step: Callable[[], object]) -> None:
    """A step of the search index, which fails with the reason in Swedish."""
    try:
        step()
    except SearchIndexError as error:
        log.error(str(error))
        abort()
