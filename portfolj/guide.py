"""Guidance for writers, derived from the model and the taxonomy file so that
it never drifts from the rules: the field reference of the guide page and the
template that `portfolj new` writes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl

from portfolj.model import Initiative
from portfolj.taxonomy import Taxonomies, Term

HEADINGS = ("Behov", "Lösning", "Resultat", "Lärdomar")
CHALLENGE_HEADINGS = ("Behovet", "Vem har behovet", "Vad vi söker")
_EXAMPLES = {
    "title": "Idésluss för medarbetarnas idéer", "description": "Medarbetare lämnar idéer som prövas med stöd av idécoacher.",
    "organisation": "Kommunledningsförvaltningen", "started": "2024-03-01", "ended": "2025-06-30",
    "updated": "2026-01-15", "tags": "[välfärdsteknik, medskapande]", "featured": "true",
    "partners": "[Region Skåne, RISE]", "funder": "Vinnova", "amount_sek": "400000",
    "programme": "Idéslussar i kommuner", "name": "Anna Lindqvist", "role": "Projektledare",
    "email": "anna.lindqvist@kommun.se", "src": "../bilder/foto.jpg", "alt": "Två medarbetare vid en whiteboard",
    "url": "https://www.vinnova.se/",
    "challenges": "[aldre-bor-hemma]", "indicator": "Idéer som prövats", "value": "60", "unit": "st",
    "date": "2026-06-30", "baseline": "0", "target": "80", "note": "Förstudien beviljades.",
    "opened": "2026-03-01",
}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    title: str
    description: str
    required: bool
    kind: str
    example: str
    values: list[Term] = field(default_factory=list)
    parts: list[FieldDoc] = field(default_factory=list)


def field_reference(taxonomies: Taxonomies, model: type[BaseModel] = Initiative) -> list[FieldDoc]:
    docs = []
    for name, info in model.model_fields.items():
        nested = nested_model(info.annotation)
        values = list(taxonomies[name].terms) if name in taxonomies and not taxonomies[name].open else []
        docs.append(FieldDoc(
            name=name,
            title=info.title or name,
            description=info.description or (nested.__doc__ or "").strip(),
            required=info.is_required(),
            kind=_kind(info.annotation, bool(values)),
            example=_example(name, values, info.annotation),
            values=values,
            parts=field_reference(taxonomies, nested) if nested else [],
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
    many = get_origin(annotation) is list
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


def _example(name: str, values: list[Term], annotation) -> str:
    if values:
        ids = [str(term.id) for term in values[:2]]
        return f"[{', '.join(ids)}]" if get_origin(annotation) is list else ids[0]
    return _EXAMPLES.get(name, "")


def new_initiative(title: str, description: str, terms: dict, organisation: str, taxonomies: Taxonomies) -> str:
    """The text of a new initiative file: required fields filled in, optional
    ones commented out, and the suggested headings."""
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar

    headings = "\n\n".join(f"## {heading}\n\n{prompt}" for heading, prompt in zip(HEADINGS, (
        "Vilket behov eller problem ska initiativet möta, och för vem?",
        "Vad gör ni, och hur?",
        "Vad har hänt hittills? Siffror och exempel gör texten konkret.",
        "Vad har ni lärt er, också av det som inte blev som ni tänkt?")))
    return f"""---
title: {quoted(title)}
description: {quoted(description or "Skriv en eller två meningar om initiativet.")}
facet: {terms["facet"]}
stage: {terms["stage"]}
status: {terms["status"]}
organisation: {quoted(organisation)}
# Valfria fält: ta bort # framför de rader du vill använda.
# started: {_EXAMPLES["started"]}
# ended: {_EXAMPLES["ended"]}
# updated: {_EXAMPLES["updated"]}
# sdgs: [3, 11]
# areas: [{taxonomies["areas"].terms[0].id}]
# tags: {_EXAMPLES["tags"]}
# featured: false
# funding:
#   - funder: {_EXAMPLES["funder"]}
#     amount_sek: {_EXAMPLES["amount_sek"]}
#     programme: {_EXAMPLES["programme"]}
# partners: {_EXAMPLES["partners"]}
# contact:
#   name: {_EXAMPLES["name"]}
#   role: {_EXAMPLES["role"]}
#   email: {_EXAMPLES["email"]}
# image:
#   src: {_EXAMPLES["src"]}
#   alt: {_EXAMPLES["alt"]}
# links:
#   - title: Läs mer
#     url: {_EXAMPLES["url"]}
# challenges: {_EXAMPLES["challenges"]}
# results:
#   - indicator: {_EXAMPLES["indicator"]}
#     value: {_EXAMPLES["value"]}
#     unit: {_EXAMPLES["unit"]}
#     date: {_EXAMPLES["date"]}
#     target: {_EXAMPLES["target"]}
# history:
#   - date: {_EXAMPLES["started"]}
#     stage: {taxonomies["stage"].terms[0].id}
#     note: {_EXAMPLES["note"]}
---

{headings}
"""


def new_challenge(title: str, description: str, organisation: str, opened: date, taxonomies: Taxonomies) -> str:
    """The text of a new challenge file: required fields filled in (status
    open), optional ones commented out, and the suggested headings."""
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    headings = "\n\n".join(f"## {heading}\n\n{prompt}" for heading, prompt in zip(CHALLENGE_HEADINGS, (
        "Vad är problemet eller behovet, och varför räcker inte det vi gör i dag?",
        "Vilka invånare, brukare, medarbetare eller företag har behovet?",
        "Vilka sorters idéer eller initiativ vill ni se? Hur lämnar man en idé?")))
    return f"""---
title: {quoted(title)}
description: {quoted(description or "Skriv en eller två meningar om behovet och vem som har det.")}
organisation: {quoted(organisation)}
opened: {opened.isoformat()}
status: open                 # open (Öppen) eller addressed (Mött)
# Valfria fält: ta bort # framför de rader du vill använda.
# areas: [{taxonomies["areas"].terms[0].id}]
# sdgs: [3, 11]
# contact:
#   name: {_EXAMPLES["name"]}
#   role: {_EXAMPLES["role"]}
#   email: {_EXAMPLES["email"]}
---

{headings}
"""
