"""The content contract: one pydantic declaration gives validation, Swedish
messages (through ``messages``), the JSON Schema and the field reference.

The vocabulary fields (facet, stage, status, areas, sdgs) are declared here;
their allowed values come from the taxonomy file, bound by ``model_for``.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Annotated, ClassVar, Literal, get_origin

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

from portfolj.taxonomy import Taxonomies, Taxonomy, Term

# Front-matter fields whose allowed values are terms of a taxonomy.
VOCABULARY_FIELDS = ("facet", "stage", "status", "areas", "sdgs")
# The same in a history event and in a challenge.
HISTORY_VOCABULARY_FIELDS = ("stage", "status")
CHALLENGE_VOCABULARY_FIELDS = ("areas", "sdgs")

# ----------------------------------------------------------------------------
# Value types
# ----------------------------------------------------------------------------


def _single_line(text: str) -> str:
    return " ".join(text.split())


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


def _image_source(value: str) -> str:
    # An image from another site would tell that site who reads the page.
    if re.match(r"^([a-z][a-z0-9+.-]*:|//)", value, re.I):
        raise PydanticCustomError(
            "image_source",
            "Bilden ska vara en fil i webbplatsen, till exempel ../bilder/foto.jpg. Bilder från "
            "andra webbplatser är inte tillåtna: de skulle visa den webbplatsen vem som läser sidan. "
            "Ladda ner bilden (om licensen tillåter det) och lägg den i mappen content/.",
        )
    return value


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


PlainText = Annotated[str, AfterValidator(_single_line)]
Number = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_not_bool),
                   PlainSerializer(_plain_number, return_type=int | float)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# One value of a list of plain texts (tags, partners).
ListItem = Annotated[PlainText, AfterValidator(_no_list_separator)]
IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]

# ----------------------------------------------------------------------------
# Nested records
# ----------------------------------------------------------------------------


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Funding(_Record):
    """Finansiering från en extern eller intern källa."""

    funder: PlainText = Field(min_length=1, max_length=120, title="Finansiär",
                              description="Vem som finansierar, till exempel Vinnova.")
    amount_sek: int | None = Field(None, ge=0, title="Belopp i kronor",
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

    src: Annotated[str, AfterValidator(_image_source)] = Field(
        min_length=1, title="Bildfil",
        description="Sökväg till bilden i webbplatsen, från initiativets fil (../bilder/foto.jpg) eller från mappen content/ (/bilder/foto.jpg).")
    alt: PlainText = Field(min_length=1, max_length=250, title="Alternativtext",
                           description="Vad bilden visar, för den som inte ser den.")


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


class Initiative(_Record):
    """Ett innovationsinitiativ i portföljen."""

    model_config = ConfigDict(title="Initiativ")
    # The vocabularies the model is bound to (see model_for): messages name
    # their allowed values, and a second loading process rebuilds the model.
    vocabularies: ClassVar[Taxonomies | None] = None

    title: PlainText = Field(min_length=1, max_length=120, title="Titel",
                             description="Initiativets namn, högst 120 tecken.",
                             examples=["Idésluss för medarbetarnas idéer"])
    description: PlainText = Field(min_length=1, max_length=300, title="Beskrivning",
                                   description="En eller två meningar som sammanfattar initiativet, högst 300 tecken. Visas på kort och i sökmotorer.")
    facet: str = Field(title="Innovationsfacett",
                       description="Vilken sorts innovation det är, enligt OECD OPSI:s modell.")
    stage: str = Field(title="Steg",
                       description="Hur långt initiativet har kommit, enligt KS innovationsguide.")
    status: str = Field(title="Status", description="Om initiativet pågår, är pausat, avslutat eller avbrutet.")
    organisation: PlainText = Field(min_length=1, max_length=120, title="Organisation",
                                    description="Ansvarig förvaltning, avdelning eller bolag.",
                                    examples=["Vård- och omsorgsförvaltningen"])
    started: IsoDate | None = Field(None, title="Startdatum", description="När initiativet startade (ÅÅÅÅ-MM-DD).")
    ended: IsoDate | None = Field(None, title="Slutdatum", description="När initiativet avslutades (ÅÅÅÅ-MM-DD), inte före startdatum.")
    updated: IsoDate | None = Field(None, title="Senast granskad", description="När uppgifterna senast sågs över (ÅÅÅÅ-MM-DD).")
    sdgs: list[str] = Field(default_factory=list, title="Globala mål",
                            description="Vilka av FN:s globala mål (1–17) initiativet bidrar till.")
    areas: list[str] = Field(default_factory=list, title="Verksamhetsområden",
                             description="Kommunala verksamhetsområden som berörs.")
    tags: list[Annotated[ListItem, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list, title="Taggar", description="Fria nyckelord, till exempel välfärdsteknik.")
    featured: bool = Field(False, title="Utvalt exempel", description="true om initiativet ska lyftas fram på startsidan.")
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

    @field_validator("challenges")
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

    @field_validator("ended")
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


# ----------------------------------------------------------------------------
# The challenge: a need where the municipality wants initiatives
# ----------------------------------------------------------------------------

# A challenge is open until initiatives meet it; fixed, so not in the taxonomy file.
CHALLENGE_STATUS = Taxonomy(
    field="status", label="Status", plural="Status", path="utmaningar", pages=False,
    terms=(Term(id="open", label="Öppen", aliases=("oppen",)),
           Term(id="addressed", label="Mött", aliases=("mott", "met"))),
)


class Challenge(_Record):
    """En utmaning: ett behov där kommunen vill ha initiativ."""

    model_config = ConfigDict(title="Utmaning")
    vocabularies: ClassVar[Taxonomies | None] = None

    title: PlainText = Field(min_length=1, max_length=120, title="Titel",
                             description="Utmaningen i några ord, högst 120 tecken.",
                             examples=["Fler äldre vill bo kvar hemma längre"])
    description: PlainText = Field(min_length=1, max_length=300, title="Beskrivning",
                                   description="En eller två meningar om behovet och vem som har det, högst 300 tecken.")
    organisation: PlainText = Field(min_length=1, max_length=120, title="Organisation",
                                    description="Förvaltningen, avdelningen eller bolaget som äger behovet.")
    opened: IsoDate = Field(title="Öppnad", description="När utmaningen lades in i portföljen (ÅÅÅÅ-MM-DD).")
    status: str = Field(title="Status", description="open (Öppen) så länge behovet saknar svar, addressed (Mött) när initiativ möter det.")
    areas: list[str] = Field(default_factory=list, title="Verksamhetsområden",
                             description="Kommunala verksamhetsområden som berörs.")
    sdgs: list[str] = Field(default_factory=list, title="Globala mål",
                            description="Vilka av FN:s globala mål (1–17) utmaningen gäller.")
    contact: Contact | None = Field(None, title="Kontakt", description="Vem som svarar på frågor om behovet.")


def challenge_model_for(taxonomies: Taxonomies) -> type[Challenge]:
    """The Challenge model with its vocabulary fields bound to their terms."""
    vocabularies = {name: taxonomies[name] for name in CHALLENGE_VOCABULARY_FIELDS} | {"status": CHALLENGE_STATUS}
    model = create_model("Challenge", __base__=Challenge, **_bound_fields(Challenge, vocabularies))
    model.vocabularies = Taxonomies(vocabularies)
    return model


def model_for(taxonomies: Taxonomies) -> type[Initiative]:
    """The Initiative model with each vocabulary field bound to its terms."""
    missing = [name for name in VOCABULARY_FIELDS if name not in taxonomies or taxonomies[name].open]
    if missing:
        raise ValueError(f"Taxonomifilen saknar en stängd taxonomi för {', '.join(missing)}")
    unknown = [t.field for t in taxonomies if t.field not in Initiative.model_fields]
    if unknown:
        raise ValueError(f"Taxonomifilen har taxonomier för fält som inte finns: {', '.join(unknown)}")
    fields = _bound_fields(Initiative, {name: taxonomies[name] for name in VOCABULARY_FIELDS})
    event = create_model("HistoryEvent", __base__=HistoryEvent, **_bound_fields(
        HistoryEvent, {name: taxonomies[name] for name in HISTORY_VOCABULARY_FIELDS}, optional=True))
    fields["history"] = (list[event], Initiative.model_fields["history"])
    model = create_model("Initiative", __base__=Initiative, **fields)
    model.vocabularies = taxonomies
    return model


def _bound_fields(model: type[BaseModel], vocabularies: dict[str, Taxonomy], optional: bool = False) -> dict:
    fields = {}
    for name, taxonomy in vocabularies.items():
        info = model.model_fields[name]
        term = _term_type(taxonomy)
        # A term given twice (by id and by label, say) counts once.
        annotation = Annotated[list[term], AfterValidator(_once)] if get_origin(info.annotation) is list else term
        fields[name] = (annotation | None if optional else annotation, info)
    return fields


def _once(values: list) -> list:
    return list(dict.fromkeys(values))


def _term_type(taxonomy: Taxonomy):
    def resolve(value: object) -> object:
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
