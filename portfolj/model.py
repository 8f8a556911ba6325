"""The content contract: one pydantic declaration gives validation, Swedish
messages (through ``messages``), the JSON Schema and the field reference.

The fields every portfolio has are declared here. The vocabulary fields
(facet, stage, status, organisation, areas, sdgs, and any a municipality adds)
are data: ``model_for`` makes one field of each taxonomy in the taxonomy file.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from datetime import date
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    Field,
    HttpUrl,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from portfolj.clock import build_date
from portfolj.taxonomy import Taxonomies, Taxonomy, Term

# Fields about the writing, not the initiative: never exported.
EDITORIAL_FIELDS = ("draft",)

# ----------------------------------------------------------------------------
# Value types
# ----------------------------------------------------------------------------


def _single_line(text: str) -> str:
    # NFC: "ö" typed as one character or as o + two dots is one name.
    return unicodedata.normalize("NFC", " ".join(text.split()))


# Characters that hide or reorder text, break the Atom feed's XML or make
# look-alike names: control and format characters (bidirectional overrides,
# zero-width spaces and joiners, soft hyphens), surrogates and non-characters.
_HIDDEN_CATEGORIES = {"Cc": "ett styrtecken", "Cf": "ett osynligt formateringstecken (till exempel ett "
                      "tecken med noll bredd eller ett som vänder skrivriktningen)", "Cs": "ett trasigt tecken"}


def _visible(text: str) -> str:
    if text.isprintable():  # every character refused below is unprintable: most texts are done here
        return text
    for position, char in enumerate(text, start=1):
        kind = _HIDDEN_CATEGORIES.get(unicodedata.category(char))
        if kind is None and (0xFDD0 <= ord(char) <= 0xFDEF or (ord(char) & 0xFFFE) == 0xFFFE):
            kind = "ett tecken som inte får förekomma i text"
        if kind is not None:
            before = text[max(0, position - 11):position - 1]
            where = f" efter '{before}'" if before else " först i texten"
            raise PydanticCustomError(
                "hidden_character",
                "Texten innehåller {kind} (U+{code}) på plats {position}{where}. Ta bort det: radera och "
                "skriv om tecknen runt det, eller skriv texten i stället för att klistra in den.",
                {"kind": kind, "code": f"{ord(char):04X}", "position": position, "where": where})
    return text


EARLIEST_YEAR = 1950
YEARS_AHEAD = 10


def _plausible_year(value: date) -> date:
    latest = build_date().year + YEARS_AHEAD
    if not EARLIEST_YEAR <= value.year <= latest:
        raise PydanticCustomError(
            "implausible_year",
            "Året {year} är inte rimligt: skriv ett datum mellan {earliest} och {latest}. Kontrollera att "
            "året har fyra siffror och står först (ÅÅÅÅ-MM-DD).",
            {"year": value.year, "earliest": EARLIEST_YEAR, "latest": latest})
    return value


def _iso_date_text(value: object) -> object:
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())
    ):
        return value
    raise PydanticCustomError(
        "iso_date",
        "'{value}' är inget datum på formen ÅÅÅÅ-MM-DD (till exempel 2024-03-01).",
        {"value": value},
    )


def _email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise PydanticCustomError(
            "email",
            "'{value}' är ingen giltig e-postadress (till exempel namn@kommun.se).",
            {"value": value},
        ) from None


def _no_list_separator(text: str) -> str:
    if "|" in text:
        raise PydanticCustomError(
            "list_separator",
            "Tecknet | kan inte stå i ett värde i en lista: det skiljer värdena åt i CSV-filen med "
            "öppna data. Skriv till exempel 'och' eller ett kommatecken i stället.")
    return text


def _plain_number(value: float) -> float | int:
    # 60 stays 60 (not 60.0) in the exports.
    return int(value) if value.is_integer() else value


def _not_bool(value: object) -> object:
    if isinstance(value, bool):  # YAML's true would otherwise count as 1
        raise PydanticCustomError("float_type", "Ska vara ett tal, till exempel 60 eller 12.5.")
    return value


PlainText = Annotated[str, AfterValidator(_single_line), AfterValidator(_visible)]
Number = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_not_bool),
                   PlainSerializer(_plain_number, return_type=int | float)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# One value of a list of plain texts (tags, partners).
ListItem = Annotated[PlainText, AfterValidator(_no_list_separator)]
IsoDate = Annotated[date, BeforeValidator(_iso_date_text), AfterValidator(_plausible_year)]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]

# ----------------------------------------------------------------------------
# Nested records
# ----------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# A thousand billion kronor: anything larger is a typing mistake.
MAX_AMOUNT_SEK = 10**12


class Funding(_Record):
    """Finansiering från en extern eller intern källa."""

    funder: PlainText = Field(min_length=1, max_length=120, title="Finansiär",
                              description="Vem som finansierar, till exempel Vinnova.")
    amount_sek: int | None = Field(None, ge=0, le=MAX_AMOUNT_SEK, strict=True, title="Belopp i kronor",
                                   description="Beviljat belopp i hela kronor, utan mellanslag.")
    programme: PlainText | None = Field(None, max_length=160, title="Program",
                                        description="Utlysning eller program som gav pengarna.")


class Contact(_Record):
    """Kontaktperson för initiativet."""

    name: PlainText = Field(min_length=1, max_length=80, title="Namn")
    role: PlainText | None = Field(None, max_length=80, title="Roll")
    email: Email | None = Field(None, title="E-post")


class Image(_Record):
    """En bild som visas på initiativets sida."""

    src: str = Field(
        min_length=1, title="Bildfil",
        description="Sökväg till bilden i webbplatsen, från initiativets fil (../bilder/foto.jpg) eller från mappen content/ (/bilder/foto.jpg).")
    alt: PlainText = Field(min_length=1, max_length=250, title="Alternativtext",
                           description="Vad bilden visar, för den som inte ser den.")
    credit: PlainText | None = Field(None, min_length=1, max_length=160, title="Upphov och licens",
                                     description="Vem som har gjort bilden och med vilken licens, till exempel "
                                                 "Illustration: Åsby kommun, CC BY 4.0.")


class Link(_Record):
    """En länk till mer information."""

    title: PlainText = Field(min_length=1, max_length=120, title="Länktext")
    url: HttpUrl = Field(title="Adress", description="Webbadress som börjar med https://.")


class HistoryEvent(_Record):
    """Något som hände i initiativets resa: ett nytt steg, en ny status eller båda."""

    date: IsoDate = Field(title="Datum", description="När det hände (ÅÅÅÅ-MM-DD).")
    stage: str | None = Field(None, title="Steg", description="Steget initiativet gick in i, om det bytte steg.")
    status: str | None = Field(None, title="Status", description="Den nya statusen, om den ändrades.")
    note: PlainText | None = Field(None, max_length=300, title="Anteckning",
                                   description="Vad som hände, i en mening.")

    @model_validator(mode="after")
    def _says_something(self) -> HistoryEvent:
        if self.stage is None and self.status is None:
            raise PydanticCustomError(
                "history_empty",
                "Varje händelse i history behöver stage, status eller båda (till exempel "
                "{date: 2024-03-01, stage: explore}).")
        return self


class Result(_Record):
    """Ett resultat i siffror: en indikator och dess värde vid ett datum."""

    indicator: PlainText = Field(min_length=1, max_length=120, title="Indikator",
                                 description="Vad som mäts, till exempel Idéer som prövats.")
    value: Number = Field(title="Värde", description="Uppmätt värde, ett tal (decimaler med punkt: 12.5).")
    unit: PlainText = Field(min_length=1, max_length=30, title="Enhet", description="Till exempel st, %, kr eller timmar.")
    date: IsoDate = Field(title="Datum", description="När värdet mättes (ÅÅÅÅ-MM-DD).")
    baseline: Number | None = Field(None, title="Utgångsvärde", description="Värdet innan initiativet började, om det är känt.")
    target: Number | None = Field(None, title="Mål", description="Värdet initiativet vill nå, om ett mål är satt.")


# ----------------------------------------------------------------------------
# The initiative
# ----------------------------------------------------------------------------


@dataclass
class Source:
    """A validated initiative file: its data and its Markdown body."""

    slug: str
    path: str  # relative to the content folder, with forward slashes
    data: BaseModel
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # the line of each top-level field
    image_size: tuple[int, int] | None = None  # the picture's width and height in pixels, read from its file



class Initiative(_Record):
    """Ett innovationsinitiativ i portföljen."""

    model_config = ConfigDict(title="Initiativ")

    @field_validator("challenges", check_fields=False)
    @classmethod
    def _known_challenges(cls, slugs: list[str], info: ValidationInfo) -> list[str]:
        # The slugs of the challenges that exist, when the loader knows them.
        known = (info.context or {}).get("challenges")
        if known is None:
            return slugs
        for slug in slugs:
            if slug not in known:
                close = difflib.get_close_matches(slug, sorted(known), n=1, cutoff=0.6)
                raise PydanticCustomError(
                    "unknown_challenge",
                    "Utmaningen '{slug}' finns inte i content/utmaningar/.{hint} Befintliga utmaningar: {allowed}.",
                    {"slug": slug, "hint": f" Menade du '{close[0]}'?" if close else "",
                     "allowed": ", ".join(sorted(known)) or "inga ännu"})
        return list(dict.fromkeys(slugs))

    @field_validator("ended", check_fields=False)
    @classmethod
    def _not_before_start(cls, ended: date | None, info: ValidationInfo) -> date | None:
        started = info.data.get("started")
        if ended and started and ended < started:
            raise PydanticCustomError(
                "ended_before_started",
                "Slutdatum {ended} ligger före startdatum {started}.",
                {"ended": ended.isoformat(), "started": started.isoformat()},
            )
        return ended

    @field_validator("updated", check_fields=False)
    @classmethod
    def _not_in_the_future(cls, updated: date | None) -> date | None:
        today = build_date()
        if updated and updated > today:
            raise PydanticCustomError(
                "updated_in_the_future",
                "Datumet {updated} har inte kommit än (i dag är det {today}). Ange när uppgifterna senast "
                "sågs över.",
                {"updated": updated.isoformat(), "today": today.isoformat()})
        return updated


class _CommonFields(Initiative):
    """The fields of every initiative besides its vocabularies."""

    title: PlainText = Field(min_length=1, max_length=120, title="Titel",
                             description="Initiativets namn, högst 120 tecken.",
                             examples=["Idésluss för medarbetarnas idéer"])
    description: PlainText = Field(min_length=1, max_length=300, title="Beskrivning",
                                   description="En eller två meningar som sammanfattar initiativet, högst 300 tecken. Visas på kort och i sökmotorer.")
    started: IsoDate | None = Field(None, title="Startdatum", description="När initiativet startade (ÅÅÅÅ-MM-DD).")
    ended: IsoDate | None = Field(None, title="Slutdatum", description="När initiativet avslutades (ÅÅÅÅ-MM-DD), inte före startdatum.")
    updated: IsoDate | None = Field(None, title="Senast granskad", description="När uppgifterna senast sågs över (ÅÅÅÅ-MM-DD).")
    status_reason: PlainText | None = Field(
        None, min_length=1, max_length=300, title="Varför pausat eller avbrutet",
        description="En eller två meningar om varför, för ett pausat eller avbrutet initiativ. Visas överst på sidan.")
    tags: list[Annotated[ListItem, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list, title="Taggar", description="Fria nyckelord, till exempel välfärdsteknik.")
    featured: bool = Field(False, strict=True, title="Utvalt exempel",
                           description="true om initiativet ska lyftas fram på startsidan.")
    funding: list[Funding] = Field(default_factory=list, title="Finansiering")
    partners: list[Annotated[ListItem, Field(min_length=1, max_length=120)]] = Field(
        default_factory=list, title="Partner", description="Organisationer som deltar.")
    contact: Contact | None = Field(None, title="Kontakt")
    image: Image | None = Field(None, title="Bild")
    links: list[Link] = Field(default_factory=list, title="Länkar")
    challenges: list[Slug] = Field(
        default_factory=list, title="Utmaningar",
        description="Vilka utmaningar (behov) initiativet möter: filnamnen i content/utmaningar/ utan .md.")
    results: list[Result] = Field(default_factory=list, title="Resultat i siffror")
    history: list[HistoryEvent] = Field(
        default_factory=list, title="Historik",
        description="Steg och status före portföljen, eller när Git-historiken saknas. Git-historiken läggs till "
                    "av sig själv; en händelse här vinner över Git samma datum.")
    draft: bool = Field(False, strict=True, title="Utkast",
                        description="true medan texten skrivs: initiativet syns då bara i förhandsvisningen "
                                    "(mkdocs serve), märkt Utkast, och publiceras inte. Ta bort raden när det är klart.")


# The vocabulary fields come after these, in the taxonomy file's order.
_FIRST = ("title", "description")
# The taxonomies the portfolio is drawn from (home page, overview): closed,
# one term each; and organisation, one value.
STRUCTURE = ("facet", "stage", "status")
# What an export adds to each record: a field of that name would be overwritten.
EXPORTED = ("slug", "url", "lessons")


@dataclass(frozen=True)
class Vocabulary:
    """Marks a field whose values are terms of ``taxonomy`` (see ``vocabulary_of``)."""

    taxonomy: Taxonomy


def vocabulary_of(info) -> Taxonomy | None:
    """The taxonomy of a field of a model made by ``model_for``, or None."""
    return next((item.taxonomy for item in info.metadata if isinstance(item, Vocabulary)), None)


class EditorialPage(_Record):
    """En redaktionell sida utanför initiativen, till exempel startsidan."""

    model_config = ConfigDict(title="Sida")

    title: PlainText = Field(min_length=1, max_length=120, title="Titel")
    description: PlainText | None = Field(None, min_length=1, max_length=300, title="Beskrivning",
                                          description="En eller två meningar om sidan; visas i sökmotorer.")
    # The site decides each page's template (portfolj.published.PAGES); content may only repeat it.
    template: Literal["portfolio/home.html"] | None = Field(None, title="Sidmall")


def model_for(taxonomies: Taxonomies) -> type[Initiative]:
    """The Initiative model with a field for each taxonomy."""
    wrong = [name for name in STRUCTURE
             if name not in taxonomies or taxonomies[name].open or taxonomies[name].multiple]
    if wrong:
        raise ValueError(f"Taxonomifilen saknar en stängd taxonomi med ett värde (multiple: false) för "
                         f"{', '.join(wrong)}")
    if "organisation" not in taxonomies or taxonomies["organisation"].multiple:
        raise ValueError("Taxonomifilen saknar en taxonomi med ett värde (multiple: false) för organisation")
    common = _CommonFields.model_fields
    taken = [t.field for t in taxonomies if t.field in common or t.field in EXPORTED]
    if taken:
        raise ValueError(f"Taxonomifilen har taxonomier med samma namn som ett annat fält: {', '.join(taken)}. "
                         "Ge dem andra namn.")
    fields = {name: (info.annotation, info) for name, info in common.items()}
    ordered = {name: fields[name] for name in _FIRST}
    ordered |= {taxonomy.field: _vocabulary_field(taxonomy) for taxonomy in taxonomies}
    ordered |= {name: field for name, field in fields.items() if name not in _FIRST}
    event = create_model("HistoryEvent", __base__=HistoryEvent, __doc__=HistoryEvent.__doc__, **{
        name: (Annotated[_term_type(taxonomies[name]) | None, Vocabulary(taxonomies[name])], HistoryEvent.model_fields[name])
        for name in HISTORY_VOCABULARY_FIELDS})
    ordered["history"] = (list[event], common["history"])
    return create_model("Initiative", __base__=Initiative, __doc__=Initiative.__doc__, **ordered)


def run_time_classes(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The classes made at run time (as by model_for) that values of
    ``model`` hold, ``model`` too, by name: pickle cannot name them (see forked)."""
    found: dict[str, type[BaseModel]] = {}
    seen: set[type] = set()

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
            seen.add(annotation)
            if getattr(sys.modules.get(annotation.__module__), annotation.__qualname__, None) is not annotation:
                found[annotation.__qualname__] = annotation
            for info in annotation.model_fields.values():
                visit(info.annotation)
        for argument in get_args(annotation):
            visit(argument)

    visit(model)
    return found


# The fields of a history event that are terms of the initiative's taxonomies.
HISTORY_VOCABULARY_FIELDS = ("stage", "status")


# ----------------------------------------------------------------------------
# The challenge: a need where the municipality wants initiatives
# ----------------------------------------------------------------------------

# A challenge is open until initiatives meet it; fixed, so not in the taxonomy file.
CHALLENGE_STATUS = Taxonomy(
    field="status", label="Status", plural="Status", path="utmaningar", pages=False,
    terms=(Term(id="open", label="Öppen", aliases=("oppen",)),
           Term(id="addressed", label="Mött", aliases=("mott", "met"))),
)
# The initiatives' taxonomies a challenge shares, when the taxonomy file has them.
CHALLENGE_VOCABULARY_FIELDS = ("areas", "sdgs")


class Challenge(_Record):
    """En utmaning: ett behov där kommunen vill ha initiativ."""

    model_config = ConfigDict(title="Utmaning")

    title: PlainText = Field(min_length=1, max_length=120, title="Titel",
                             description="Utmaningen i några ord, högst 120 tecken.",
                             examples=["Fler äldre vill bo kvar hemma längre"])
    description: PlainText = Field(min_length=1, max_length=300, title="Beskrivning",
                                   description="En eller två meningar om behovet och vem som har det, högst 300 tecken.")
    organisation: PlainText = Field(min_length=1, max_length=120, title="Organisation",
                                    description="Förvaltningen, avdelningen eller bolaget som äger behovet.")
    opened: IsoDate = Field(title="Öppnad", description="När utmaningen lades in i portföljen (ÅÅÅÅ-MM-DD).")
    status: str = Field(title="Status", description="open (Öppen) så länge behovet saknar svar, addressed (Mött) när initiativ möter det.")
    contact: Contact | None = Field(None, title="Kontakt", description="Vem som svarar på frågor om behovet.")


def challenge_model_for(taxonomies: Taxonomies) -> type[Challenge]:
    """The Challenge model: its status bound to CHALLENGE_STATUS, and the
    areas and goals of the taxonomy file where it has them (closed, several values)."""
    shared = [name for name in CHALLENGE_VOCABULARY_FIELDS
              if name in taxonomies and not taxonomies[name].open and taxonomies[name].multiple]
    fields = {"status": (Annotated[_term_type(CHALLENGE_STATUS), Vocabulary(CHALLENGE_STATUS)],
                         Challenge.model_fields["status"])}
    for name in shared:
        taxonomy = taxonomies[name]
        fields[name] = (Annotated[list[_term_type(taxonomy)], AfterValidator(_once), Vocabulary(taxonomy)],
                        Field(default_factory=list, title=taxonomy.plural, description=taxonomy.hint or None))
    return create_model("Challenge", __base__=Challenge, __doc__=Challenge.__doc__, **fields)


def _vocabulary_field(taxonomy: Taxonomy) -> tuple:
    title = taxonomy.plural if taxonomy.multiple else taxonomy.label
    if taxonomy.open:
        value = Annotated[ListItem if taxonomy.multiple else PlainText, Field(min_length=1, max_length=120)]
    else:
        value = _term_type(taxonomy)
    if taxonomy.multiple:
        # A term given twice (by id and by label, say) counts once.
        annotation = Annotated[list[value], AfterValidator(_once), Vocabulary(taxonomy)]
        default = {"min_length": 1} if taxonomy.required else {"default_factory": list}
    else:
        annotation = Annotated[value if taxonomy.required else value | None, Vocabulary(taxonomy)]
        default = {} if taxonomy.required else {"default": None}
    return annotation, Field(title=title, description=taxonomy.hint or None, **default)


def _once(values: list) -> list:
    return list(dict.fromkeys(values))


def _term_type(taxonomy: Taxonomy):
    def resolve(value: object) -> object:
        if isinstance(value, bool):  # True == 1: would be the first of the global goals
            raise PydanticCustomError(
                "unknown_term",
                "Värdet {value} (sant eller falskt) är inget av de tillåtna värdena. Tillåtna värden: {allowed}.",
                {"value": str(value).lower(), "allowed": taxonomy.describe_allowed()})
        term = taxonomy.lookup(value)
        if term is not None:
            return term.id
        # A did-you-mean for 18 → 8 would mislead: numbers are out of range, not misspelled.
        guess = None if isinstance(value, int) else taxonomy.suggest(value)
        hint = f" Menade du '{guess.id}' ({guess.label})?" if guess else ""
        raise PydanticCustomError(
            "unknown_term",
            "Okänt värde '{value}'.{hint} Tillåtna värden: {allowed}.",
            {"value": value, "hint": hint, "allowed": taxonomy.describe_allowed()},
        )

    return Annotated[Literal[taxonomy.ids], BeforeValidator(resolve)]
