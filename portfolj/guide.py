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

from portfolj.model import vocabulary_of
from portfolj.taxonomy import Term

HEADINGS = ("Behov", "Lösning", "Resultat", "Lärdomar")
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
    kinds = {date: "datum (ÅÅÅÅ-MM-DD)", bool: "true eller false", int: "heltal", HttpUrl: "webbadress"}
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
    def quoted(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    values = values | {"title": title, "description": description or DESCRIPTION_PROMPT}
    lines, optional = ["---"], []
    for doc in field_reference(model):
        if doc.name == "draft":
            continue  # written below: a new file is a draft
        if not doc.required:
            optional += _commented(doc)
            continue
        value = values[doc.name]
        # A term's id as it is; a text, and a list, as JSON (valid YAML).
        lines.append(f"{doc.name}: {value if doc.values and not isinstance(value, list) else quoted(value)}")
    lines += ["draft: true  # ta bort raden när texten är klar att publiceras",
              "# Valfria fält: ta bort # framför de rader du vill använda.", *optional, "---"]
    headings = "\n\n".join(f"## {heading}\n\n{prompt}" for heading, prompt in zip(HEADINGS, PROMPTS))
    return "\n".join(lines) + f"\n\n{headings}\n"


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
