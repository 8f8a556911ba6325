"""What the portfolio publishes besides the initiative pages, described
without any engine: generated pages (with their template and context) and
generated files (exports).

A taxonomy with ``pages: true`` yields an overview page and one page per
term, as Hugo does.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portfolj.cms import ADMIN, admin_page, cms_config_yaml
from portfolj.dcat import Distribution, dcat_jsonld

from portfolj.exports import (
    LIST_SEPARATOR, atom_feed, challenge_csv_columns, challenge_records, challenges_csv, challenges_json,
    challenges_schema, csv_columns, initiatives_csv, initiatives_json, initiatives_schema, records,
)
from portfolj.filtering import dimensions, filter_data
from portfolj.guide import (
    CHALLENGE_HEADINGS, DRAFT, HEADINGS, choices, common_errors, example_values, field_reference, new_challenge,
    new_initiative, text_limits,
)
from portfolj.lessons import lesson_filters, with_lessons
from portfolj.charts import Charts
from portfolj.messages import Problem, shown_path
from portfolj.yamlfile import line_finder
from portfolj.overview import Overview
from portfolj.schema import CHALLENGE_SCHEMA_PATH, SCHEMA_PATH, front_matter_schema_json
from portfolj.search import POSITIONS, SEARCH_FOLDER
from portfolj.portfolio import ALL_CHALLENGES, ALL_INITIATIVES, Entry, ListPage, Pagination, Portfolio, list_pages
from portfolj.steering import Steering
from portfolj.settings import Settings
from portfolj.published import KINDS

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
CHALLENGE_DOWNLOADS = (
    Distribution("utmaningar.json", "Alla utmaningar som JSON", "JSON", "application/json"),
    Distribution("utmaningar.csv", "Alla utmaningar som CSV", "CSV", "text/csv"),
)
EXPORT_SCHEMA = "initiatives.schema.json"
CHALLENGE_EXPORT_SCHEMA = "utmaningar.schema.json"
LESSONS = "lardomar.md"
LESSONS_TEMPLATE = "portfolio/lessons.html"
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
    wide: bool = False  # a list: no table of contents beside it, the room goes to the cards
    indexed: bool = True  # False: a link page (an old address), kept out of the sitemap and search engines


def _numbered(title: str, list_page: ListPage) -> str:
    return title if list_page.number == 1 else f"{title}, sida {list_page.number}"


def _paginated(title: str, first_src_uri: str, entries: list[Entry], template: str, context: dict,
               first: dict, description: str = "", in_menu: bool = False) -> list[GeneratedPage]:
    """A list's pages: at most LIST_PAGE_SIZE cards each, the first with
    ``first`` in its context too (the filter, an organisation's charts)."""
    listed = list_pages(first_src_uri, entries)
    src_uris = tuple(list_page.src_uri for list_page in listed)
    pages = []
    for list_page in listed:
        opening = list_page.number == 1
        pages.append(GeneratedPage(
            list_page.src_uri, _numbered(title, list_page), template, description if opening else "",
            {**context, **(first if opening else {}), "entries": list_page.entries, "total": len(entries),
             "pagination": Pagination(list_page.number, src_uris)},
            in_menu=in_menu and opening,
            wide=True,
        ))
    return pages


def _top(path: str) -> str:
    return path.split("/")[0].removesuffix(".md")


# The first segments of published addresses that the site itself uses, with
# what uses each: neither content nor the taxonomy file may take them.
RESERVED = {
    "index": "startsidan",
    _top(ALL_INITIATIVES): "sidan Alla initiativ",
    _top(OVERVIEW): "sidan Överblick",
    _top(OPEN_DATA): "sidan Öppna data",
    _top(ACCESSIBILITY): "tillgänglighetsredogörelsen",
    _top(GUIDE): "sidan Så skriver du ett initiativ",
    _top(LESSONS): "sidan Lärdomar",
    _top(ADMIN): "webbredigeraren",
    _top(FILTER_DATA): "webbplatsens stilar, skript och filterdata",
    _top(SCHEMA_PATH): "schemat för front matter",
    "pagefind": "sökindexet",
    "search": "temats sökning",
    "404": "sidan som visas när en adress saknas",
    **{kind.folder: f"mappen content/{kind.folder}/ med alla {kind.label}" for kind in KINDS},
}


def path_problems(portfolio: Portfolio, content_dir: Path, taxonomy_file: Path, shown_root: Path) -> list[Problem]:
    """Clashes between the addresses the taxonomies' pages take and those
    the site, the content folder and the other taxonomies take."""
    taxonomy_shown = shown_path(taxonomy_file, shown_root)
    line_of = line_finder(taxonomy_file.read_text(encoding="utf-8"))
    taken = dict(RESERVED)
    problems = []
    for path in sorted(content_dir.iterdir()) if content_dir.is_dir() else ():
        name = path.name.removesuffix(".md")
        if name in RESERVED and name not in (kind.folder for kind in KINDS) and path.name != "index.md":
            problems.append(Problem(shown_path(path, shown_root), None, None,
                f"Namnet '{path.name}' används redan av webbplatsen för {RESERVED[name]}. Byt namn på det."))
        taken.setdefault(name, f"{'mappen' if path.is_dir() else 'filen'} {shown_path(path, shown_root)}")
    for taxonomy in portfolio.taxonomies.values():
        if not taxonomy.pages:
            continue
        where = f"{taxonomy.field}, path"
        if taxonomy.path in taken:
            problems.append(Problem(taxonomy_shown, line_of((taxonomy.field, "path")), where,
                f"Sökvägen '{taxonomy.path}' används redan av {taken[taxonomy.path]}. "
                f"Välj en annan path för taxonomin {taxonomy.field}."))
        taken.setdefault(taxonomy.path, f"taxonomin {taxonomy.field} i {taxonomy_shown}")
        if "index" in taxonomy.ids:
            problems.append(Problem(taxonomy_shown, line_of((taxonomy.field,)), taxonomy.field,
                f"Termen 'index' skulle få samma adress som sidan {taxonomy.plural} ({taxonomy.path}/). "
                "Ge termen ett annat id (för en öppen taxonomi: skriv värdet annorlunda i initiativet)."))
    return problems


def generated_pages(portfolio: Portfolio, settings: Settings) -> list[GeneratedPage]:
    pages = _paginated(
        "Alla initiativ", ALL_INITIATIVES, portfolio.entries, "portfolio/all.html", {},
        first={"dimensions": dimensions(portfolio), "filter_data": FILTER_DATA,
               "search_positions": f"{SEARCH_FOLDER}/{POSITIONS}"},
        in_menu=True,
    )
    pages.append(
        GeneratedPage(
            OVERVIEW,
            "Överblick",
            "portfolio/overview.html",
            "Så fördelar sig portföljens initiativ mellan facetter, steg, år, status och organisationer. "
            "Klicka på en stapel, en ruta eller en siffra för att se initiativen bakom den.",
            _overview(Overview.of(portfolio)) | {
                "steering": Steering(portfolio, portfolio.as_of or date.today(), settings.stale_after_months)},
            in_menu=True,
        )
    )
    pages.append(
        GeneratedPage(
            ALL_CHALLENGES,
            "Utmaningar",
            "portfolio/challenges.html",
            "Behov där kommunen vill ha initiativ. Öppna utmaningar utan initiativ står först: där behövs idéer. "
            "Har du en idé? Kontakta den som står som kontakt för utmaningen.",
            {"challenges": portfolio.challenges},
            in_menu=True,
        )
    )
    pages += lessons_pages(portfolio)
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
             "drafts": DRAFT in portfolio.model.model_fields,
             "challenge_fields": field_reference(portfolio.challenge_model),
             "challenge_headings": CHALLENGE_HEADINGS, "challenge_schema_path": CHALLENGE_SCHEMA_PATH,
             "challenge_example": new_challenge("Fler äldre vill bo kvar hemma längre", "",
                                                "Vård- och omsorgsförvaltningen", date(2026, 3, 1),
                                                portfolio.challenge_model)},
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
             "challenge_downloads": CHALLENGE_DOWNLOADS, "challenge_export_schema": CHALLENGE_EXPORT_SCHEMA,
             "challenge_csv_columns": challenge_csv_columns(portfolio.challenge_model),
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
        for group in portfolio.groups(taxonomy.field):
            organisation = taxonomy.field == "organisation"
            pages += _paginated(
                group.term.label, portfolio.term_page(taxonomy.field, group.term.id), group.entries,
                "portfolio/term.html", {"taxonomy": taxonomy, "term": group.term, **_overview(None)},
                first=_overview(Overview.of(portfolio, group.term.id) if organisation else None),
                description=group.term.description,
            )
    # The addresses term pages had before they were named in Swedish lead on.
    pages += [GeneratedPage(old, "Sidan har flyttats", "portfolio/moved.html", context={"target": new}, indexed=False)
              for old, new in portfolio.moved_term_pages().items()]
    return pages


def lessons_pages(portfolio: Portfolio) -> list[GeneratedPage]:
    """The pages of every initiative's lessons (their own function: the
    preview makes them again alone when only a body's lessons changed)."""
    lessons = with_lessons(portfolio)
    return _paginated(
        "Lärdomar", LESSONS, lessons, LESSONS_TEMPLATE, {},
        first={"lesson_filters": lesson_filters(portfolio, lessons)},
        description="Vad kommunen har lärt sig i sina initiativ, samlat från varje initiativs avsnitt Lärdomar. "
                    "Avbrutna och pausade initiativ står först: där finns ofta mest att lära.",
        in_menu=True,
    )


def _overview(overview: Overview | None) -> dict:
    """What the overview's templates draw: its figures and its charts' geometry."""
    return {"overview": overview, "charts": Charts(overview) if overview is not None else None}


# The files published beside the pages (exports, schemas, the web editor),
# by path from the site's root; generated_files makes what each holds.
FILES = ("initiatives.json", EXPORT_SCHEMA, "initiatives.csv", FEED, CATALOG, FILTER_DATA, SCHEMA_PATH,
         "utmaningar.json", CHALLENGE_EXPORT_SCHEMA, "utmaningar.csv", CHALLENGE_SCHEMA_PATH,
         f"{ADMIN}config.yml", f"{ADMIN}index.html")


def generated_files(portfolio: Portfolio, settings: Settings) -> dict[str, Callable[[], str]]:
    """How to make each of FILES, by path (each a function: the preview makes
    them one by one, after the pages)."""
    exported = functools.cache(lambda: records(portfolio))
    challenges = functools.cache(lambda: challenge_records(portfolio))
    model, challenge_model = portfolio.model, portfolio.challenge_model
    return dict(zip(FILES, (
        lambda: initiatives_json(exported()),
        lambda: json.dumps(initiatives_schema(model), ensure_ascii=False, indent=1),
        lambda: initiatives_csv(exported(), model),
        lambda: atom_feed(portfolio, settings.site_url, settings.site_name, FEED),
        lambda: dcat_jsonld(settings, list(DOWNLOADS), CATALOG, list(CHALLENGE_DOWNLOADS)),
        lambda: filter_data(portfolio),
        lambda: front_matter_schema_json(model),
        lambda: challenges_json(challenges()),
        lambda: json.dumps(challenges_schema(challenge_model), ensure_ascii=False, indent=1),
        lambda: challenges_csv(challenges(), challenge_model),
        lambda: front_matter_schema_json(challenge_model),
        lambda: cms_config_yaml(model, challenge_model, settings.editor, settings.site_url, settings.site_name,
                                portfolio.taxonomies),
        lambda: admin_page("../", settings.editor),
    ), strict=True))
