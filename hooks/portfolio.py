"""MkDocs glue for Innovationsportföljen.

Thin on purpose: validation, aggregation, pages and exports live in the
engine-neutral package ``portfolj``; this file only hands them to MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, pass_context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portfolj import formatting
from portfolj.portfolio import Entry, Portfolio
from portfolj.project import load_portfolio
from portfolj.sanitize import sanitize
from portfolj.search import SearchIndexError, index_site
from portfolj.settings import Settings
from portfolj.site import GeneratedPage, generated_files, generated_pages

log = get_plugin_logger("portfolj")

# Our templates live here and are autoescaped; Material's own are not touched.
TEMPLATE_FOLDER = "portfolio/"


class _Build:
    """What one build knows; `mkdocs serve` keeps the module between builds."""

    serving = False
    invalid = False  # the content did not validate: nothing of this build was written
    portfolio: Portfolio | None = None
    settings: Settings | None = None
    entries: dict[str, Entry] = {}
    generated: dict[str, GeneratedPage] = {}


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    _Build.serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Validate before MkDocs cleans the output, so a failure keeps the last good site."""
    _Build.portfolio, _Build.entries, _Build.generated, _Build.invalid = None, {}, {}, False
    root = Path(config.config_file_path).parent
    settings = Settings.model_validate(
        {"site_name": config.site_name, "site_url": config.site_url or "", **config.extra.get("portfolio", {})}
    )
    portfolio, problems = load_portfolio(Path(config.docs_dir), root / settings.taxonomy, shown_root=root)
    if problems:
        _Build.invalid = True
        for problem in problems:
            log.error(str(problem))
        kept = ("Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade; "
                "spara filen igen så byggs den om." if _Build.serving else
                "Den senast byggda webbplatsen är orörd.")
        raise PluginError(f"Innehållet har {len(problems)} fel. Rätta felen ovan. {kept}")
    _Build.portfolio, _Build.settings = portfolio, settings
    _Build.entries = {entry.path: entry for entry in portfolio}
    _Build.generated = {page.src_uri: page for page in generated_pages(portfolio, settings)}
    _add_to_menu(config, [page for page in _Build.generated.values() if page.in_menu])


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Keep serving the last good preview while the content has errors.

    MkDocs' server stops answering after a failed rebuild. A failed validation
    has written nothing, so the previous output is still whole: count it as
    the result of this rebuild.
    """
    def build_or_keep_last_good() -> None:
        try:
            builder()
        except SystemExit:
            if not _Build.invalid:
                raise

    server.builder = build_or_keep_last_good
    return server


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _Build.portfolio is None:
        return files
    for path in _Build.entries:
        files.get_file_from_path(path).inclusion = InclusionLevel.NOT_IN_NAV
    for page in _Build.generated.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_menu else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=_markdown(page), inclusion=inclusion))
    # URLs first: the exports link to the pages.
    _Build.portfolio.resolve_urls(lambda src_uri: files.get_file_from_path(src_uri).url)
    for output in generated_files(_Build.portfolio, _Build.settings):
        files.append(File.generated(config, output.path, content=output.content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    entry = _Build.entries.get(page.file.src_uri)
    generated = _Build.generated.get(page.file.src_uri)
    # Material prints meta title and description unescaped: escape them once here.
    if entry is not None:
        page.meta = {
            "template": f"{TEMPLATE_FOLDER}initiative.html",
            "title": Markup(escape(entry.data.title)),
            "description": Markup(escape(entry.data.description)),
        }
    elif generated is not None:
        page.meta = {"template": generated.template, "title": Markup(escape(generated.title))}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Initiative bodies are written by many: keep only allow-listed HTML."""
    if page.file.src_uri not in _Build.entries:
        return None
    return sanitize(html, _Build.settings.embed_hosts)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.autoescape = lambda name: bool(name) and name.startswith(TEMPLATE_FOLDER)
    env.globals["portfolio_card"] = _card_renderer(env)
    env.globals["portfolio"] = _Build.portfolio
    env.globals["portfolio_settings"] = _Build.settings
    env.globals["portfolio_footer"] = [page for page in _Build.generated.values() if page.in_footer]
    env.filters.update(
        swedish_date=formatting.swedish_date, kronor=formatting.kronor, period=formatting.period
    )
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    entry = _Build.entries.get(page.file.src_uri)
    if entry is not None:
        context["entry"] = entry
    generated = _Build.generated.get(page.file.src_uri)
    if generated is not None:
        context.update(generated.context)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Index the written pages for search: Pagefind reads the finished HTML."""
    if _Build.portfolio is None:
        return
    try:
        # Only initiative pages hold indexed content (data-pagefind-body).
        index_site(Path(config.site_dir), "initiatives/**/*.html")
    except SearchIndexError as error:
        raise PluginError(str(error)) from error


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _card_renderer(env: Environment) -> Callable:
    """Each initiative appears on many listing pages: render its card once for
    each heading level and page depth (the only things that change it)."""
    template = env.get_template(f"{TEMPLATE_FOLDER}partials/card.html")
    rendered: dict[tuple[str, int, str], Markup] = {}

    @pass_context
    def card(context, entry: Entry, level: int = 2) -> Markup:
        base = context["base_url"]
        key = (entry.slug, level, base)
        if key not in rendered:
            href = f"{base}/{entry.url}" if base else entry.url
            rendered[key] = Markup(template.render(entry=entry, level=level, href=href, portfolio=_Build.portfolio))
        return rendered[key]

    return card


def _markdown(page: GeneratedPage) -> str:
    # Title and template are set in on_page_markdown; the body is what search indexes.
    return f"{page.description}\n"


def _add_to_menu(config: MkDocsConfig, pages: list[GeneratedPage]) -> None:
    """Append the overview pages to an explicit `nav`, unless it lists them already."""
    if config.nav is None:
        return
    listed = {str(item) for item in _flatten(config.nav)}
    config.nav += [{page.title: page.src_uri} for page in pages if page.src_uri not in listed]


def _flatten(nav: object):
    if isinstance(nav, list):
        for item in nav:
            yield from _flatten(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _flatten(value)
    else:
        yield nav
