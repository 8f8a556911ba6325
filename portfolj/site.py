"""What the portfolio publishes besides the initiative pages, described
without any engine: generated pages (with their template and context) and
generated files (exports).

A taxonomy with ``pages: true`` yields an overview page and one page per
term, as Hugo does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portfolj.cms import ADMIN, SCRIPT, admin_page, cms_config_yaml
from portfolj.exports import initiatives_json
from portfolj.filtering import dimensions, filter_data
from portfolj.guide import HEADINGS, field_reference, new_initiative
from portfolj.overview import Overview
from portfolj.schema import SCHEMA_PATH, front_matter_schema_json
from portfolj.portfolio import ALL_INITIATIVES, Portfolio
from portfolj.settings import Settings
from portfolj.taxonomy import Taxonomies

OVERVIEW = "overblick.md"
GUIDE = "skriva-initiativ.md"
# The table the filter on the list of all initiatives downloads.
FILTER_DATA = "assets/filter.json"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    description: str = ""  # Markdown body: what search indexes
    context: dict = field(default_factory=dict)
    in_menu: bool = False  # overview pages go in the menu; term pages are reached from them
    in_footer: bool = False  # pages about the site itself are linked from every page's footer


@dataclass(frozen=True)
class GeneratedFile:
    path: str
    content: str | bytes


def generated_pages(portfolio: Portfolio, settings: Settings) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(
            ALL_INITIATIVES,
            "Alla initiativ",
            "portfolio/all.html",
            context={"entries": portfolio.entries, "dimensions": dimensions(portfolio), "filter_data": FILTER_DATA},
            in_menu=True,
        )
    ]
    pages.append(
        GeneratedPage(
            OVERVIEW,
            "Överblick",
            "portfolio/overview.html",
            "Så fördelar sig portföljens initiativ mellan facetter, steg, år, status och organisationer. "
            "Klicka på en stapel, en ruta eller en siffra för att se initiativen bakom den.",
            {"overview": Overview.of(portfolio)},
            in_menu=True,
        )
    )
    taxonomies = Taxonomies(portfolio.taxonomies)
    example_terms = {name: taxonomies[name].terms[0].id for name in ("facet", "stage", "status")}
    pages.append(
        GeneratedPage(
            GUIDE,
            "Så skriver du ett initiativ",
            "portfolio/guide.html",
            "Varje initiativ är en textfil i mappen `content/initiatives/`. Överst i filen står fakta om "
            "initiativet (front matter), därefter texten. Här beskrivs alla fält och vilka värden som är "
            "tillåtna. Reglerna är desamma som när webbplatsen byggs.",
            {"fields": field_reference(taxonomies), "headings": HEADINGS, "schema_path": SCHEMA_PATH,
             "example": new_initiative("Idésluss för medarbetarnas idéer", "", example_terms,
                                       "Kommunledningsförvaltningen", taxonomies)},
            in_footer=True,
        )
    )
    for taxonomy in portfolio.taxonomies.values():
        if not taxonomy.pages:
            continue
        pages.append(
            GeneratedPage(
                portfolio.taxonomy_page(taxonomy.field),
                taxonomy.plural,
                "portfolio/taxonomy.html",
                taxonomy.description,
                {"taxonomy": taxonomy, "groups": portfolio.groups(taxonomy.field)},
                in_menu=True,
            )
        )
        pages += [
            GeneratedPage(
                portfolio.term_page(taxonomy.field, group.term.id),
                group.term.label,
                "portfolio/term.html",
                group.term.description,
                {"taxonomy": taxonomy, "term": group.term, "entries": group.entries,
                 "overview": Overview.of(portfolio, group.term.id) if taxonomy.field == "organisation" else None},
            )
            for group in portfolio.groups(taxonomy.field)
        ]
    return pages


def generated_files(portfolio: Portfolio, settings: Settings) -> list[GeneratedFile]:
    return [
        GeneratedFile("initiatives.json", initiatives_json(portfolio)),
        GeneratedFile(FILTER_DATA, filter_data(portfolio)),
        GeneratedFile(SCHEMA_PATH, front_matter_schema_json(Taxonomies(portfolio.taxonomies))),
        GeneratedFile(f"{ADMIN}config.yml",
                      cms_config_yaml(Taxonomies(portfolio.taxonomies), settings.editor, settings.site_url)),
        GeneratedFile(f"{ADMIN}index.html", admin_page(f"../{SCRIPT}", settings.editor.backend)),
    ]
