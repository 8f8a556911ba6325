"""What MkDocs is told about the portfolio's pages: which files it builds
and from what, their titles, tables of contents and sitemap dates."""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from portfolj import preview
from portfolj.build import PortfolioBuild
from portfolj.sanitize import content_id

# A page's update_date when neither its content nor SOURCE_DATE_EPOCH gives one:
# no date in the sitemap, and "no time" in sitemap.xml.gz.
NO_DATE = "1970-01-01"


def hand_over(files: Files, config, build: PortfolioBuild) -> None:
    """The content's files without drafts, their bodies read already (the
    front matter is validated: MkDocs does not parse it again), and the
    generated pages; none but the menu's in the menu."""
    by_path = files.src_uris  # the core's paths are as MkDocs writes them
    for path in build.portfolio.drafts_left_out:
        files.remove(by_path[path])
    for path, entry in [*build.entries.items(), *build.challenges.items()]:
        file = by_path[path]
        file.inclusion = InclusionLevel.NOT_IN_NAV
        file.content_string = entry.body
    for path, source in build.editorial.items():
        by_path[path].content_string = source.body
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_menu else InclusionLevel.NOT_IN_NAV
        # Title and template are set in describe; the body is the page's lead.
        files.append(File.generated(config, page.src_uri, content=f"{page.description}\n", inclusion=inclusion))
    build.resolve_urls(lambda src_uri: files.src_uris[src_uri].url)


def problems_only(config) -> Files:
    """The preview of content with problems from the start: a page of its own (see portfolj.preview)."""
    return Files([File.generated(config, path, abs_src_path=str(source))
                  for path, source in preview.asset_files().items()])


def describe(page: Page, build: PortfolioBuild) -> None:
    """A page's template, title and description; the generated and
    editorial pages are wide, with no table of contents (Material's way)."""
    src_uri = page.file.src_uri
    meta = build.page_meta(src_uri)
    if meta is not None:  # Material prints the title and description unescaped: escape them once here
        page.meta = {key: value if key == "template" else Markup(escape(value)) for key, value in meta.items()}
    if (generated := build.pages.get(src_uri)) is not None:
        page.meta["hide"] = ["toc"] if generated.wide else []
    elif src_uri in build.editorial:
        page.meta["hide"] = ["toc"]


def namespace_toc(items) -> None:
    """The table of contents links to the headings by the ids the sanitiser gives them."""
    for item in items:
        item.id = content_id(item.id)
        namespace_toc(item.children)


def date_pages(files: Files, build: PortfolioBuild) -> None:
    """Every page's sitemap date, also of those a dirty build does not
    render again; the link pages at old addresses are not indexed."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = build.page_date(file.src_uri) or NO_DATE
            if (generated := build.pages.get(file.src_uri)) is not None:
                file.page.meta["noindex"] = not generated.indexed
