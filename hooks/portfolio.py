"""MkDocs glue for Innovationsportföljen.

Thin on purpose: validation, aggregation, pages and exports live in the
engine-neutral package ``portfolj``; this file only hands them to MkDocs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    BytecodeCache, ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader, pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from portfolj import formatting
from portfolj.beside import Beside
from portfolj.csp import public_policy, with_policy
from portfolj.loading import Source
from portfolj.messages import problems_from_error
from portfolj.portfolio import Entry, Portfolio
from portfolj.project import load_portfolio
from portfolj.published import PAGES
from portfolj.sanitize import Sanitizer, content_id
from portfolj.search import SearchIndex, SearchIndexError, pagefind_executable, search_document
from portfolj.settings import Settings
from portfolj.site import FILES, GeneratedPage, generated_files, generated_pages
from portfolj.taxonomy import TermId
from portfolj.urls import Site

log = get_plugin_logger("portfolj")

# Our templates live here and are autoescaped; Material's own are not touched.
TEMPLATE_FOLDER = "portfolio/"
# Compiled templates, kept between builds, beside mkdocs.yml (as Material's plugins keep theirs).
TEMPLATE_CACHE = ".cache/templates"
# The blocks of Material's base.html that differ from page to page (see _PageShells).
PAGE_BLOCKS = ("site_meta", "htmltitle", "styles", "extrahead", "header", "site_nav", "container")


class _Build:
    """What one build knows; `mkdocs serve` keeps the module between builds."""

    serving = False
    invalid = False  # the content did not validate: nothing of this build was written
    portfolio: Portfolio | None = None
    settings: Settings | None = None
    entries: dict[str, Entry] = {}
    pages: dict[str, Source] = {}  # the editorial pages, by source path
    generated: dict[str, GeneratedPage] = {}
    # The exports and the related initiatives, made on the other core while the pages are converted.
    beside: Beside[tuple[dict[str, str | bytes], dict[str, list[str]]]] | None = None
    search: SearchIndex | None = None  # fed each initiative as its body is converted
    sanitizer: Sanitizer | None = None


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    _Build.serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Validate before MkDocs cleans the output, so a failure keeps the last good site."""
    gc.unfreeze()  # what the last build kept (see _spare_the_collector) may go now
    _Build.portfolio, _Build.entries, _Build.pages, _Build.generated, _Build.invalid, _Build.beside = None, {}, {}, {}, False, None
    _Build.sanitizer = None
    if _Build.search is not None:
        _Build.search.close()  # left by a build that failed half-way
        _Build.search = None
    root = Path(config.config_file_path).parent
    try:
        settings = Settings.model_validate(
            {"site_name": config.site_name, "site_url": config.site_url or "", **config.extra.get("portfolio", {})}
        )
    except ValidationError as error:
        settings, problems = None, problems_from_error(error, Settings, Path(config.config_file_path).name, lambda loc: None)
    else:
        site = Site(settings.site_url, settings.embed_hosts)
        portfolio, problems = load_portfolio(Path(config.docs_dir), root / settings.taxonomy, shown_root=root, site=site)
    if problems:
        _Build.invalid = True
        for problem in problems:
            log.error(str(problem))
        kept = ("Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade; "
                "spara filen igen så byggs den om." if _Build.serving else
                "Den senast byggda webbplatsen är orörd.")
        raise PluginError(f"Innehållet har {len(problems)} fel. Rätta felen ovan. {kept}")
    _Build.portfolio, _Build.settings = portfolio, settings
    _Build.sanitizer = Sanitizer(site)
    _Build.entries = {entry.path: entry for entry in portfolio}
    _Build.pages = {page.path: page for page in portfolio.pages}
    _Build.generated = {page.src_uri: page for page in generated_pages(portfolio, settings)}
    _spare_the_collector()
    _add_to_menu(config, [page for page in _Build.generated.values() if page.in_menu])
    try:
        pagefind_executable()  # started in on_files; missing, it fails the build before anything is cleaned
    except SearchIndexError as error:
        raise PluginError(str(error)) from error


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
    for path, entry in _Build.entries.items():
        file = files.get_file_from_path(path)
        file.inclusion = InclusionLevel.NOT_IN_NAV
        file.content_string = entry.body  # the front matter is read and validated already
    for path, source in _Build.pages.items():
        files.get_file_from_path(path).content_string = source.body
    for page in _Build.generated.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_menu else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=_markdown(page), inclusion=inclusion))
    # URLs first: the exports link to the pages.
    portfolio, settings = _Build.portfolio, _Build.settings
    portfolio.resolve_urls(lambda src_uri: files.src_uris[src_uri].url)
    # Made beside this process, which has no other thread yet: the files get their content in on_env.
    _Build.beside = Beside(lambda: (generated_files(portfolio, settings), portfolio.related_table()))
    for path in FILES:
        files.append(File.generated(config, path, content=""))
    if _Build.entries:  # Pagefind cannot write an empty index
        try:
            _Build.search = SearchIndex(config.theme["language"])
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
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
    elif (source := _Build.pages.get(page.file.src_uri)) is not None:
        page.meta = {"template": PAGES[source.path], "title": Markup(escape(source.data.title))}
        if source.data.description:
            page.meta["description"] = Markup(escape(source.data.description))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Every page's Markdown comes from content or from the taxonomy file,
    written by many: keep only allow-listed HTML. An initiative's is indexed
    for search at once, so Pagefind works while pages are rendered."""
    if _Build.sanitizer is None:
        return None
    html = _Build.sanitizer(html, page.url)
    _namespace_toc(page.toc)
    entry = _Build.entries.get(page.file.src_uri)
    if entry is None:
        return html
    _Build.search.add(f"/{page.url}", search_document(_Build.portfolio, entry, html))
    if _Build.search.pages == len(_Build.entries):
        _Build.search.start_writing(_search_folder(config))
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    _spare_the_collector()  # the converted pages live until they are written
    if _Build.beside is not None:
        _receive_beside(files)  # before the files are written and the pages rendered
    env.autoescape = lambda name: bool(name) and name.startswith(TEMPLATE_FOLDER)
    # Each build has its own environment: no template changes during one, so
    # the thousands of includes need not check the files' dates each time.
    env.auto_reload = False
    env.bytecode_cache = _template_cache(config)
    # An override can wrap the theme's partial it replaces: "theme/partials/nav.html" is Material's own.
    theme = FileSystemLoader([path for path in config.theme.dirs if path != config.theme.custom_dir])
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"theme": theme})])
    env.globals["portfolio_cards"] = _cards_renderer(env)
    env.globals["portfolio_term_link"] = _term_link_renderer(env)
    env.globals["portfolio_per_depth"] = _per_depth_renderer()
    env.globals["portfolio_page"] = _PageShells(env).render
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


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output, public_policy(output, page.content, _embed_hosts(), _Build.serving))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # the sitemaps
        return output_content
    return with_policy(output_content, public_policy(output_content, "", _embed_hosts(), _Build.serving))


def on_post_build(*, config: MkDocsConfig) -> None:
    if _Build.search is None:
        return
    search, _Build.search = _Build.search, None
    search.start_writing(_search_folder(config))
    try:
        search.finish()
    except SearchIndexError as error:
        raise PluginError(str(error)) from error


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _embed_hosts() -> tuple[str, ...]:
    return _Build.settings.embed_hosts if _Build.settings else ()


def _namespace_toc(items) -> None:
    """The table of contents links to the headings by the ids the sanitiser gave them."""
    for item in items:
        item.id = content_id(item.id)
        _namespace_toc(item.children)


def _spare_the_collector() -> None:
    """The content and the pages live until the build ends: keep Python's
    cycle collector from going through them again and again (0.1 s of a build
    of 1,000 initiatives, and as much again when the process ends). Also
    spares the forked copy (see portfolj.beside) from copying them."""
    gc.freeze()


def _receive_beside(files: Files) -> None:
    contents, related = _Build.beside.result()
    for path, content in contents.items():
        if isinstance(content, bytes):
            files.src_uris[path].content_bytes = content
        else:
            files.src_uris[path].content_string = content
    _Build.portfolio.know_related(related)


def _cards_renderer(env: Environment) -> Callable:
    """Each initiative appears on many listing pages: render its card once for
    each heading level and page depth (the only things that change it)."""
    template = env.get_template(f"{TEMPLATE_FOLDER}partials/card.html")
    rendered: dict[tuple[str, int, str], str] = {}

    @pass_context
    def cards(context, entries: list[Entry], level: int = 2) -> Markup:
        base = context["base_url"]
        for entry in entries:
            key = (entry.slug, level, base)
            if key not in rendered:
                rendered[key] = template.render(entry=entry, level=level, href=_href(base, entry.url),
                                                portfolio=_Build.portfolio)
        return Markup("".join(rendered[entry.slug, level, base] for entry in entries))

    return cards


def _term_link_renderer(env: Environment) -> Callable:
    """A link to a term's page, rendered once per term and page depth."""
    template = env.get_template(f"{TEMPLATE_FOLDER}partials/term-link.html")
    rendered: dict[tuple[str, TermId, str], Markup] = {}

    @pass_context
    def term_link(context, field: str, term_id: TermId) -> Markup:
        key = (field, term_id, context["base_url"])
        if key not in rendered:
            href = _href(context["base_url"], _Build.portfolio.term_url(field, term_id))
            rendered[key] = Markup(template.render(term=_Build.portfolio.term(field, term_id), href=href))
        return rendered[key]

    return term_link


def _href(base_url: str, url: str) -> str:
    """A site URL as a page at ``base_url`` links to it (as MkDocs' `url` filter does)."""
    return f"{base_url}/{url}" if base_url else url


def _listed_in_menu(context: Context) -> bool:
    page = context["page"]
    # By identity: comparing pages compares their files, five times on every page.
    return page is not None and any(listed is page for listed in context["nav"].pages)


def _per_depth_renderer() -> Callable:
    """Much of Material's page (the menu, the footer, the scripts) is the same
    on every page the menu does not list (initiatives, term pages) at one
    depth: render such a part once per depth for those pages."""
    rendered: dict[tuple[str, str], str] = {}

    @pass_context
    def per_depth(context, name: str, render: Callable[[], str]) -> str:
        if _listed_in_menu(context):
            return render()  # the menu marks this page as the current one
        key = (name, context["base_url"])
        if key not in rendered:
            rendered[key] = render()
        return rendered[key]

    return per_depth


@dataclass
class _Shell:
    parts: list[str]  # base.html around the PAGE_BLOCKS, in their order
    root_vars: dict  # what base.html's own top level sets, for its blocks
    trusted: bool = False  # it has reproduced a second page exactly


class _PageShells:
    """Material's page (base.html) for the thousands of pages the menu does
    not list. Only its PAGE_BLOCKS differ from one such page to the next; the
    rest, its shell, is the same for every page of one template at one depth
    with the same skip-link target. The shell is rendered once for those and
    then filled with each page's blocks, but only after it has reproduced a
    whole page exactly: if it does not, those pages are rendered whole."""

    def __init__(self, env: Environment) -> None:
        self._base = env.get_template("base.html")
        self._shells: dict[tuple, _Shell | None] = {}  # None: those pages are rendered whole

    @pass_context
    def render(self, context: Context) -> Markup:
        # What `{% extends "base.html" %}` does: base.html's blocks behind the page's own.
        for name, block in self._base.blocks.items():
            context.blocks.setdefault(name, []).append(block)
        # A listed page is marked as the current one in the menu; a static template (404) has no page.
        page = context["page"]
        if page is None or _listed_in_menu(context):
            return Markup(self._whole(context))
        first_heading = next(iter(page.toc), None)
        key = (context.name, context["base_url"], first_heading and first_heading.url)  # the skip link's target
        if key not in self._shells:
            before = set(context.vars)
            whole = self._whole(context)
            root_vars = {name: value for name, value in context.vars.items() if name not in before}
            parts = self._shell_parts(context, whole)
            self._shells[key] = _Shell(parts, root_vars) if parts else None
            return Markup(whole)
        shell = self._shells[key]
        if shell is None:
            return Markup(self._whole(context))
        context.vars.update(shell.root_vars)
        if shell.trusted:
            return Markup(self._fill(shell.parts, context))
        # The second page: trusted only if it comes out exactly as rendered whole.
        try:
            filled = self._fill(shell.parts, context)
        except Exception:  # a block needs something the shell lacks; rendered whole, a real error still shows
            filled = None
        whole = self._whole(context)
        if filled == whole:
            shell.trusted = True
        else:
            self._shells[key] = None
        return Markup(whole)

    def _whole(self, context: Context) -> str:
        return "".join(self._base.root_render_func(context))

    def _fill(self, parts: list[str], context: Context) -> str:
        filled = [parts[0]]
        for name, after in zip(PAGE_BLOCKS, parts[1:]):
            filled += [*context.blocks[name][0](context), after]
        return "".join(filled)

    def _shell_parts(self, context: Context, whole: str) -> list[str] | None:
        """base.html rendered with a marker in place of each page block,
        split there; None if that does not give this page back."""
        marker = "\x00portfolio-page-block\x00"
        blocks = {name: context.blocks[name] for name in PAGE_BLOCKS}
        try:
            context.blocks.update({name: [lambda context: iter((marker,))] for name in PAGE_BLOCKS})
            parts = self._whole(context).split(marker)
        finally:
            context.blocks.update(blocks)
        if len(parts) != len(PAGE_BLOCKS) + 1 or self._fill(parts, context) != whole:
            return None
        return parts


def _template_cache(config: MkDocsConfig) -> BytecodeCache | None:
    """Compiling the theme's templates is a third of a small build's work, and
    the same each time until a template changes (Jinja compares each one's
    source with what it compiled): keep the result between builds and
    `mkdocs serve`'s rebuilds."""
    folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout still builds, compiling as it goes
    return FileSystemBytecodeCache(str(folder))


def _search_folder(config: MkDocsConfig) -> Path:
    return Path(config.site_dir) / "pagefind"


def _markdown(page: GeneratedPage) -> str:
    # Title and template are set in on_page_markdown; the body is what search indexes.
    return f"{page.description}\n"


def _add_to_menu(config: MkDocsConfig, pages: list[GeneratedPage]) -> None:
    """Append the overview pages to an explicit `nav`, unless it lists them already."""
    if config.nav is None:
        return
    listed = {str(item) for item in _flatten(config.nav)}
    # Material prints menu titles unescaped; these come from the taxonomy file.
    config.nav += [{Markup(escape(page.title)): page.src_uri} for page in pages if page.src_uri not in listed]


def _flatten(nav: object):
    if isinstance(nav, list):
        for item in nav:
            yield from _flatten(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _flatten(value)
    else:
        yield nav
