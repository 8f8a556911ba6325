"""MkDocs events for Innovationsportföljen: the adapter between the engine
and the portfolio.

Thin on purpose. The engine-neutral core (``portfolj``) reads and validates
the content and makes the generated pages, files, exports, search documents
and figures; one `PortfolioBuild` per build holds them (see portfolj.build
for the order of its steps). These events hand them to MkDocs and Material;
what they use is in the package ``portfolj_mkdocs`` beside this file.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import NoReturn
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portfolj import preview
from portfolj.build import PortfolioBuild
from portfolj.messages import Problem
from portfolj.publishing import Staging
from portfolj.sanitize import content_id
from portfolj.search import SearchIndexError, pagefind_executable
from portfolj_mkdocs.checks import EngineWarnings
from portfolj_mkdocs.config import add_to_menu, portfolio_settings, settings_lines
from portfolj_mkdocs.preview import Preview, keep_serving
from portfolj_mkdocs.templates import prepare

log = get_plugin_logger("portfolj")

# A page's update_date when neither its content nor SOURCE_DATE_EPOCH gives one:
# no date in the sitemap, and "no time" in sitemap.xml.gz.
NO_DATE = "1970-01-01"


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


session = _Session()


def on_startup(*, command: str, dirty: bool) -> None:
    session.serving = command == "serve"
    session.dirty = dirty
    session.preview = Preview(log, dirty) if session.serving else None


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
    if session.serving and not session.invalid:  # pages may have been written
        session.preview.forget()
    if session.staging is not None:
        session.staging.abandon()
        session.staging = None
    if session.warnings is not None:
        session.warnings.stop()


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Validate before MkDocs cleans the output, so a failure keeps the last good site."""
    gc.unfreeze()  # what the last build kept (see _spare_the_collector) may go now
    shown = session.preview and session.preview.shown
    if session.build is not None and session.build is not shown:
        session.build.close()  # it failed half-way
    config_file = Path(config.config_file_path)
    root = config_file.parent
    session.build, problems = PortfolioBuild.load(
        Path(config.docs_dir), root, portfolio_settings(config), config_file.name, drafts=session.serving,
        settings_lines=settings_lines(config_file), cache=session.preview and session.preview.cache, shown=shown)
    session.invalid = bool(problems)
    if problems:
        # A problem with no field is extra.portfolio itself (not a mapping).
        problems = [replace(problem, field=problem.field or "extra.portfolio")
                    if problem.path == config_file.name else problem for problem in problems]
        if session.serving and not session.shown:  # nothing to keep showing: the problems are the preview
            _report(problems)
            session.problems = problems
            config.nav, config.strict = None, False  # nothing but the problems page is built
            config.theme.static_templates.clear()
            return
        _fail(config, problems)
    session.problems = []
    if shown is not None:
        shown.stop_later()  # this build writes its exports and search index anew
    if session.build.portfolio.history_notice:
        log.info(session.build.portfolio.history_notice)
    _spare_the_collector()
    add_to_menu(config, [page for page in session.build.pages.values() if page.in_menu])
    try:
        pagefind_executable()  # started in on_files; missing, it fails the build before anything is cleaned
    except SearchIndexError as error:
        log.error(str(error))
        _abort()


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    return keep_serving(server, builder, lambda: session.invalid, config.docs_dir, session.preview.cache)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = session.build
    if build is None:  # the preview of content with problems from the start: a page of its own
        return Files([File.generated(config, path, abs_src_path=str(source))
                      for path, source in preview.asset_files().items()])
    for path in build.portfolio.drafts_left_out:
        files.remove(files.get_file_from_path(path))
    for path, entry in [*build.entries.items(), *build.challenges.items()]:
        file = files.get_file_from_path(path)
        file.inclusion = InclusionLevel.NOT_IN_NAV
        file.content_string = entry.body  # the front matter is read and validated already
    for path, source in build.editorial.items():
        files.get_file_from_path(path).content_string = source.body
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_menu else InclusionLevel.NOT_IN_NAV
        # Title and template are set in on_page_markdown; the body is what search indexes.
        files.append(File.generated(config, page.src_uri, content=f"{page.description}\n", inclusion=inclusion))
    build.resolve_urls(lambda src_uri: files.src_uris[src_uri].url)
    if session.serving:
        session.preview.add_files(files, config, build)
    try:
        build.start(config.theme["language"], preview=session.serving)  # this process has no other thread yet
    except SearchIndexError as error:
        log.error(str(error))
        _abort()
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    src_uri = page.file.src_uri
    meta = session.build.page_meta(src_uri)
    if meta is not None:  # Material prints the title and description unescaped: escape them once here
        page.meta = {key: value if key == "template" else Markup(escape(value)) for key, value in meta.items()}
    if (generated := session.build.pages.get(src_uri)) is not None:  # wide: no table of contents (Material's way)
        page.meta["hide"] = ["toc"] if generated.wide else []
    elif src_uri in session.build.editorial:  # the editorial pages (the home page) are wide, like the generated ones
        page.meta["hide"] = ["toc"]


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Every page's Markdown comes from content or from the taxonomy file,
    written by many: keep only allow-listed HTML; an initiative's or a
    challenge's is indexed for search at once, so Pagefind works while pages
    are rendered."""
    _namespace_toc(page.toc)
    entry = session.build.entries.get(page.file.src_uri) or session.build.challenges.get(page.file.src_uri)
    if entry is None:
        return session.build.sanitizer(html, page.url)
    return session.build.publish_body(entry, f"/{page.url}", html, Path(config.site_dir))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if session.build is None:
        return env
    _spare_the_collector()  # the converted pages live until they are written
    for file in files.documentation_pages():  # also those a dirty build does not render again: in the sitemap
        if file.page is not None:
            file.page.update_date = session.build.page_date(file.src_uri) or NO_DATE
            if (generated := session.build.pages.get(file.src_uri)) is not None:
                file.page.meta["noindex"] = not generated.indexed  # the link pages at old addresses
    session.build.keep_unchanged(session.preview and session.preview.shown)
    session.build.finish_files(Path(config.site_dir))  # the output folder is clean and nothing is rendered yet
    if session.serving:
        session.preview.prepare(env, config, session.build)
    else:
        prepare(env, config, session.build)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return context | session.build.page_context(page.file.src_uri)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return session.build.with_policy(output, page.content, session.serving)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html") or session.build is None:  # the sitemaps; the problems page
        return output_content
    return session.build.with_policy(output_content, "", session.serving)


def on_post_build(*, config: MkDocsConfig) -> None:
    if session.build is None:
        session.warnings.stop()
        session.warnings.uncount()
        preview.write_problems(Path(config.site_dir), session.problems, _summary(session.problems))
        preview.write_problems_page(Path(config.site_dir), session.problems, urlsplit(config.site_url).path)
        return
    try:
        session.build.finish_search(Path(config.site_dir))
    except SearchIndexError as error:
        log.error(str(error))
        _abort()
    problems = session.warnings.stop(config)
    if session.serving:
        session.preview.shown_now(session.build, Path(config.site_dir), problems, _summary(problems))
    if problems and config.strict:
        _fail(config, problems)
    for problem in problems:  # not strict: the engine's warnings, in Swedish
        log.warning(str(problem))
    if session.staging is not None:
        session.staging.publish()
        config.site_dir, session.staging = str(session.staging.site), None
    session.shown = True


# -----------------------------------------------------------------------------
# Failures
# -----------------------------------------------------------------------------


def _fail(config: MkDocsConfig, problems: list[Problem]) -> None:
    """Report every problem, and the summary on every failed build (MkDocs
    prints a repeated error only once), then stop the build."""
    session.invalid = True
    _report(problems)
    if session.serving:
        preview.write_problems(Path(config.site_dir), problems, _summary(problems))
    _abort()


def _abort() -> NoReturn:
    """Stop the build, its reasons logged already. (MkDocs adds its English
    "Aborted with a BuildError!" to an error raised as a PluginError.)"""
    raise Abort("Bygget avbröts.")


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        log.error(str(problem))
    log.error(_summary(problems))


def _summary(problems: list[Problem]) -> str:
    if not problems:
        return ""
    if not session.serving:
        kept = "Den senast byggda webbplatsen är orörd."
    elif session.shown:
        kept = "Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade; spara filen igen så byggs den om."
    else:
        kept = "Förhandsvisningen visas när felen är rättade; spara filen igen så byggs den om."
    return f"Innehållet har {len(problems)} fel. Rätta felen ovan. {kept}"


def _namespace_toc(items) -> None:
    """The table of contents links to the headings by the ids the sanitiser gives them."""
    for item in items:
        item.id = content_id(item.id)
        _namespace_toc(item.children)


def _spare_the_collector() -> None:
    """The content and the pages live until the build ends: keep Python's
    cycle collector from going through them again and again (0.1 s of a build
    of 1,000 initiatives, and as much again when the process ends). Also
    spares the forked copy (see portfolj.forked) from copying them."""
    gc.freeze()
