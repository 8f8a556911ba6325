"""Guidance for writers, derived from the model and the taxonomy file so that
it never drifts from the rules: the field reference of the guide page and the
template that `portfolj new` writes."""

from __future__ import annotations

import functools

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl

from portfolj.model import vocabulary_of
from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import Taxonomy, Term

HEADINGS = ("Behov", "Lösning", "Resultat", "Lärdomar")
# The field that keeps an initiative from being published (when the model has it).
DRAFT = "draft"
CHALLENGE_HEADINGS = ("Behovet", "Vem har behovet", "Vad vi söker")
# The help text under each heading and in the description of a new file:
# a file that still has any of it is a draft (see loading).
PROMPTS = ("Vilket behov eller problem ska initiativet möta, och för vem?",
           "Vad gör ni, och hur?",
           "Vad har hänt hittills? Siffror och exempel gör texten konkret.",
           "Vad har ni lärt er, också av det som inte blev som ni tänkt?")
DESCRIPTION_PROMPT = "Skriv en eller två meningar om initiativet."
_EXAMPLES = {
    "title": "Idésluss för medarbetarnas idéer", "description": "Medarbetare lämnar idéer som prövas med stöd av idécoacher.",
    "organisation": "Kommunledningsförvaltningen", "started": "2024-03-01", "ended": "2025-06-30",
    "updated": "2026-01-15", "tags": "[välfärdsteknik, medskapande]", "featured": "true",
    "partners": "[Region Skåne, RISE]", "funder": "Vinnova", "amount_sek": "400000",
    "programme": "Idéslussar i kommuner", "name": "Anna Lindqvist", "role": "Projektledare",
    "email": "anna.lindqvist@kommun.se", "src": "../bilder/foto.jpg", "alt": "Två medarbetare vid en whiteboard",
    "links.title": "Läs mer", "url": "https://www.vinnova.se/",
    "challenges": "[aldre-bor-kvar-hemma]", "indicator": "Idéer som prövats", "value": "60", "unit": "st",
    "results.date": "2026-06-30", "baseline": "0", "target": "80", "history.date": "2016-01-11",
    "note": "Förstudien startade.", "opened": "2026-03-01",
}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    title: str
    description: str
    required: bool
    kind: str
    example: str
    many: bool = False  # a list
    values: list[Term] = field(default_factory=list)
    parts: list[FieldDoc] = field(default_factory=list)


def field_reference(model: type[BaseModel], owner: str = "") -> list[FieldDoc]:
    """Every field of ``model`` (the content model, or a record in it, named ``owner``)."""
    docs = []
    for name, info in model.model_fields.items():
        nested = nested_model(info.annotation)
        taxonomy = vocabulary_of(info)
        values = list(taxonomy.terms) if taxonomy is not None and not taxonomy.open else []
        docs.append(FieldDoc(
            name=name,
            title=info.title or name,
            description=info.description or (nested.__doc__ or "").strip(),
            required=info.is_required(),
            kind=_kind(info.annotation, bool(values)),
            example=_example(f"{owner}.{name}" if owner else name, values, info.annotation),
            many=_is_list(info.annotation),
            values=values,
            parts=field_reference(nested, name) if nested else [],
        ))
    return docs


def nested_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found:
            return found
    return None


def _kind(annotation, vocabulary: bool) -> str:
    many = _is_list(annotation)
    inner = get_args(annotation)[0] if many else annotation
    if vocabulary:
        return "lista med värden" if many else "ett värde"
    if nested_model(annotation):
        return "lista med poster" if many else "grupp av fält"
    kinds = {date: "datum (ÅÅÅÅ-MM-DD)", bool: "true eller false", int: "heltal", float: "tal",
             HttpUrl: "webbadress"}
    for kind, text in kinds.items():
        if kind in base_types(inner):
            return text
    return "lista med texter" if many else "text"


def base_types(annotation) -> list:
    """``Annotated[date, …] | None`` → ``[date, NoneType]``."""
    if get_origin(annotation) is Annotated:
        return base_types(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        return [t for arg in get_args(annotation) for t in base_types(arg)]
    return [annotation]


def _is_list(annotation) -> bool:
    """``list[X]``, also inside ``Annotated``."""
    if get_origin(annotation) is Annotated:
        return _is_list(get_args(annotation)[0])
    return get_origin(annotation) is list


def _example(name: str, values: list[Term], annotation) -> str:
    if values:
        ids = [str(term.id) for term in values[:2]]
        return f"[{', '.join(ids)}]" if _is_list(annotation) else ids[0]
    return _EXAMPLES.get(name, _EXAMPLES.get(name.rpartition(".")[2], ""))


def example_values(model: type[BaseModel]) -> dict:
    """Values for the required fields of an example: a vocabulary's first term, else the example text."""
    return {doc.name: ([doc.values[0].id] if doc.many else doc.values[0].id) if doc.values else _EXAMPLES.get(doc.name, doc.title)
            for doc in field_reference(model) if doc.required}


def new_initiative(title: str, description: str, values: dict, model: type[BaseModel]) -> str:
    """The text of a new initiative file: the required fields filled in from
    ``values`` (by field name), the optional ones commented out with an
    example, and the suggested headings."""
    values = values | {"title": title, "description": description or DESCRIPTION_PROMPT}
    return _new_file(values, model, zip(HEADINGS, PROMPTS), draft=True)


def new_challenge(title: str, description: str, organisation: str, opened: date, model: type[BaseModel]) -> str:
    """The text of a new challenge file, status open, made like ``new_initiative``."""
    values = {"title": title, "description": description or "Skriv en eller två meningar om behovet och vem som har det.",
              "organisation": organisation, "opened": opened.isoformat(), "status": "open"}
    return _new_file(values, model, zip(CHALLENGE_HEADINGS, (
        "Vad är problemet eller behovet, och varför räcker inte det vi gör i dag?",
        "Vilka invånare, brukare, medarbetare eller företag har behovet?",
        "Vilka sorters idéer eller initiativ vill ni se? Hur lämnar man en idé?")))


def _new_file(values: dict, model: type[BaseModel], headings, draft: bool = False) -> str:
    def quoted(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines, optional = ["---"], []
    for doc in field_reference(model):
        if doc.name == DRAFT:
            continue  # written below: a new file is a draft
        if not doc.required:
            optional += _commented(doc)
            continue
        value = values[doc.name]
        # A term's id as it is; a text, and a list, as JSON (valid YAML).
        lines.append(f"{doc.name}: {value if doc.values and not isinstance(value, list) else quoted(value)}")
    if draft:
        lines.append(f"{DRAFT}: true  # ta bort raden när texten är klar att publiceras")
    lines += ["# Valfria fält: ta bort # framför de rader du vill använda.", *optional, "---"]
    text = "\n\n".join(f"## {heading}\n\n{prompt}" for heading, prompt in headings)
    return "\n".join(lines) + f"\n\n{text}\n"


def _commented(doc: FieldDoc) -> list[str]:
    """An optional field as commented-out YAML with its example: a record's
    parts on their own lines (a list of records with one item)."""
    if not doc.parts:
        return [f"# {doc.name}: {doc.example}".rstrip()]
    lines = [f"# {doc.name}:"]
    for n, part in enumerate(doc.parts):
        lead = ("- " if n == 0 else "  ") if doc.many else ""
        lines.append(f"#   {lead}{part.name}: {part.example}".rstrip())
    return lines


# ----------------------------------------------------------------------------
# The guide page: choosing terms, and the mistakes writers make
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A vocabulary every writer chooses from, each term with an initiative
    of the portfolio that uses it (None when none does yet)."""

    taxonomy: Taxonomy
    examples: list[tuple[Term, Entry | None]]


def choices(portfolio: Portfolio) -> list[Choice]:
    """The required one-value vocabularies whose terms are described (facet, stage)."""
    return [Choice(taxonomy, [(group.term, group.entries[0] if group.entries else None)
                              for group in portfolio.groups(name)])
            for name, taxonomy in portfolio.taxonomies.items()
            if taxonomy.required and not taxonomy.open and not taxonomy.multiple
            and all(term.description for term in taxonomy.terms)]


@dataclass(frozen=True)
class CommonError:
    """A mistake as a writer makes it, what the build says about it (from the
    validator itself, so the page cannot drift from it) and the fix."""

    what: str
    wrong: str
    right: str
    messages: list[str]


# (what, the lines as written, the lines as they should be). A line whose
# field the example file has replaces that line; nothing written removes the
# field of the right lines.
_MISTAKES = (
    ("Ett värde är felstavat", "stage: explroe", "stage: explore"),
    ("En text med kolon saknar citattecken", "title: Äldre och digitala möten: en pilot",
     'title: "Äldre och digitala möten: en pilot"'),
    ("Bara # togs bort, inte mellanslaget efter", " started: 2024-03-01", "started: 2024-03-01"),
    ("Indraget är gjort med tabb", "contact:\n\tname: Anna Lindqvist", "contact:\n  name: Anna Lindqvist"),
    ("En lista saknar hakparenteser", "sdgs: 3, 11", "sdgs: [3, 11]"),
    ("Datumet är skrivet på annat sätt", "started: 1 mars 2024", "started: 2024-03-01"),
    ("Ett fältnamn är felstavat", "organsation: Kommunledningsförvaltningen",
     "organisation: Kommunledningsförvaltningen"),
    ("Ett obligatoriskt fält saknas", "", "organisation: Kommunledningsförvaltningen"),
    ("Bilden ligger på en annan webbplats", "image:\n  src: https://example.com/foto.jpg\n  alt: Två medarbetare",
     "image:\n  src: ../bilder/foto.jpg\n  alt: Två medarbetare"),
)
EXAMPLE_FILE = "content/initiatives/mitt-initiativ.md"


@functools.lru_cache(maxsize=4)  # the same for every rebuild of the preview while the model is
def common_errors(model: type[BaseModel]) -> tuple[CommonError, ...]:
    """Each of the mistakes in an otherwise correct file, read by the build's loader."""
    from portfolj.loading import read_initiative  # here: loading imports this module's prompts

    example = new_initiative(_EXAMPLES["title"], _EXAMPLES["description"], example_values(model), model)
    errors = []
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        (content / "initiatives").mkdir()
        file = content / "initiatives" / PurePosixPath(EXAMPLE_FILE).name
        for what, wrong, right in _MISTAKES:
            file.write_text(_with(example, wrong or right.split(":")[0]), encoding="utf-8")
            problems = read_initiative(file, content, model, EXAMPLE_FILE)[1]
            errors.append(CommonError(what, wrong.replace("\t", "→   "), right, [str(p) for p in problems]))
    return tuple(errors)


def _with(text: str, wrong: str) -> str:
    """``text`` (an initiative) with ``wrong`` in place of the field it names, or added at its end."""
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    lines = front.split("\n")
    name = wrong.split(":", 1)[0].strip()
    replaced = [n for n, line in enumerate(lines) if line.startswith(f"{name}:")]
    if wrong == name:  # the field left out
        del lines[replaced[0]]
    elif replaced:
        lines[replaced[0]] = wrong
    else:
        lines.append(wrong)
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def text_limits(model: type[BaseModel]) -> dict[str, int]:
    """The longest text each field takes, by field name (a record's fields after the initiative's own)."""
    schema = model.model_json_schema()
    records = [prop for definition in schema.get("$defs", {}).values() for prop in definition["properties"].items()]
    return {name: prop["maxLength"] for name, prop in reversed([*schema["properties"].items(), *records])
            if "maxLength" in prop}
