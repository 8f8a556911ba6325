"""What the portfolio publishes besides the initiative pages, described
without any engine: generated pages (with their template and context) and
generated files (exports).

A taxonomy with ``pages: true`` yields an overview page and one page per
term, as Hugo does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from portfolj.cms import ADMIN, admin_page, cms_config_yaml
from portfolj.dcat import Distribution, dcat_jsonld
from portfolj.exports import (
    LIST_SEPARATOR, atom_feed, csv_columns, initiatives_csv, initiatives_json, initiatives_schema, records,
)
from portfolj.filtering import dimensions, filter_data
from portfolj.guide import (
    DRAFT, HEADINGS, choices, common_errors, example_values, field_reference, new_initiative, text_limits,
)
from portfolj.charts import Charts
from portfolj.overview import Overview
from portfolj.schema import SCHEMA_PATH, front_matter_schema_json
from portfolj.portfolio import ALL_INITIATIVES, Portfolio
from portfolj.settings import Settings

OVERVIEW = "overblick.md"
OPEN_DATA = "oppna-data.md"
ACCESSIBILITY = "tillganglighet.md"
FEED = "flode.xml"
CATALOG = "dcat.jsonld"
DOWNLOADS = (
    Distribution("initiatives.json", "Alla initiativ som JSON", "JSON", "application/json"),
    Distribution("initiatives.csv", "Alla initiativ som CSV", "CSV", "text/csv"),
    Distribution(FEED, "Nya och uppdaterade initiativ (Atom)", "ATOM", "application/atom+xml"),
)
EXPORT_SCHEMA = "initiatives.schema.json"
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
            _overview(Overview.of(portfolio)),
            in_menu=True,
        )
    )
    pages.append(
        GeneratedPage(
            GUIDE,
            "Så skriver du ett initiativ",
            "portfolio/guide.html",
            "Varje initiativ är en textfil i mappen `content/initiatives/`. Överst i filen står fakta om "
            "initiativet (front matter), därefter texten. Här beskrivs alla fält och vilka värden som är "
            "tillåtna. Reglerna är desamma som när webbplatsen byggs.",
            {"fields": field_reference(portfolio.model), "headings": HEADINGS, "schema_path": SCHEMA_PATH,
             "example": new_initiative("Idésluss för medarbetarnas idéer", "", example_values(portfolio.model),
                                       portfolio.model),
             "choices": choices(portfolio), "common_errors": common_errors(portfolio.model),
             "limits": text_limits(portfolio.model), "review": settings.editor.review,
             "drafts": DRAFT in portfolio.model.model_fields},
            in_footer=True,
        )
    )
    pages.append(
        GeneratedPage(
            OPEN_DATA,
            "Öppna data",
            "portfolio/open-data.html",
            f"Portföljen finns som öppna data som vem som helst får använda, med licensen "
            f"{settings.dataset.licence_name}. Filerna byggs från samma innehåll som webbplatsen och "
            "uppdateras varje gång den publiceras.",
            {"downloads": DOWNLOADS, "catalog": CATALOG, "export_schema": EXPORT_SCHEMA,
             "fields": field_reference(portfolio.model), "csv_columns": csv_columns(portfolio.model),
             "separator": LIST_SEPARATOR, "dataset": settings.dataset},
            in_menu=True,
            in_footer=True,
        )
    )
    pages.append(
        GeneratedPage(
            ACCESSIBILITY,
            "Tillgänglighetsredogörelse",
            "portfolio/accessibility.html",
            context={"statement": settings.accessibility, "organisation": settings.organisation},
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
                 **_overview(Overview.of(portfolio, group.term.id) if taxonomy.field == "organisation" else None)},
            )
            for group in portfolio.groups(taxonomy.field)
        ]
    return pages


def _overview(overview: Overview | None) -> dict:
    """What the overview's templates draw: its figures and its charts' geometry."""
    return {"overview": overview, "charts": Charts(overview) if overview is not None else None}


# The files published beside the pages (exports, schemas, the web editor),
# by path from the site's root; generated_files makes what each holds.
FILES = ("initiatives.json", EXPORT_SCHEMA, "initiatives.csv", FEED, CATALOG, FILTER_DATA, SCHEMA_PATH,
         f"{ADMIN}config.yml", f"{ADMIN}index.html")


def generated_files(portfolio: Portfolio, settings: Settings) -> dict[str, str]:
    """The content of each of FILES, by path."""
    exported = records(portfolio)
    model = portfolio.model
    return dict(zip(FILES, (
        initiatives_json(exported),
        json.dumps(initiatives_schema(model), ensure_ascii=False, indent=1),
        initiatives_csv(exported, model),
        atom_feed(portfolio, settings.site_url, settings.site_name, FEED),
        dcat_jsonld(settings, list(DOWNLOADS), CATALOG),
        filter_data(portfolio),
        front_matter_schema_json(model),
        cms_config_yaml(model, settings.editor, settings.site_url, settings.site_name, portfolio.taxonomies),
        admin_page("../", settings.editor),
    ), strict=True))
