"""Open data built from the validated portfolio: JSON (with its schema), CSV
and an Atom feed. Each export holds the same records with the same values.

JSON: ``{"version": 1, "count": N, "initiatives": [...]}``; optional fields
only when present. CSV: UTF-8 with a byte-order mark, one row per
initiative, the same fields; lists of plain values are joined with
``LIST_SEPARATOR``; lists of records (funding, links) are JSON arrays.
"""

from __future__ import annotations

import copy
import csv
import heapq
import io
import json
from datetime import date
from xml.etree import ElementTree as ET

from pydantic import BaseModel

from portfolj.guide import nested_model
from portfolj.lessons import lessons_markdown
from portfolj.model import EDITORIAL_FIELDS, Challenge, Initiative
from portfolj.portfolio import Entry, Portfolio

FORMAT_VERSION = 1
LIST_SEPARATOR = " | "
_RECORD_LISTS = ("funding", "links", "results", "history")
_NESTED = ("contact", "image")
# Not front matter: read from the body.
LESSONS = "lessons"


def leading(model: type[BaseModel]) -> list[str]:
    """What every record has, first: the slug, the required fields, the page's address."""
    return ["slug", *(name for name, info in model.model_fields.items() if info.is_required()), "url"]


def record(entry: Entry, first: list[str]) -> dict[str, object]:
    """One initiative or challenge: the ``first`` fields (see ``leading``), then the optional ones present."""
    data = entry.data.model_dump(mode="json", exclude_defaults=True, exclude=set(EDITORIAL_FIELDS))
    data |= {"slug": entry.slug, "url": entry.url}
    return {key: data[key] for key in first} | {k: v for k, v in data.items() if k not in first}


def records(portfolio: Portfolio) -> list[dict[str, object]]:
    first = leading(portfolio.model)
    return [_with_journey(record(entry, first), entry) for entry in portfolio]


def _with_journey(item: dict[str, object], entry: Entry) -> dict[str, object]:
    """``history`` as the whole journey (Git and front matter), and
    ``lessons``, the body's Lärdomar section as Markdown."""
    item.pop("history", None)
    if entry.history:
        item["history"] = [event.as_dict() for event in entry.history]
    if lessons := lessons_markdown(entry.body):
        item[LESSONS] = lessons
    return item


CHALLENGE_INITIATIVES = "initiatives"


def challenge_records(portfolio: Portfolio) -> list[dict[str, object]]:
    """Each challenge with the slugs of the initiatives that address it."""
    first = leading(portfolio.challenge_model)
    return [record(challenge, first) | {CHALLENGE_INITIATIVES: [entry.slug for entry in portfolio.addressing(challenge)]}
            for challenge in portfolio.challenges]


def challenges_json(items: list[dict[str, object]]) -> str:
    return _document_json("challenges", items)


def challenges_schema(model: type[Challenge]) -> dict:
    """JSON Schema of utmaningar.json, derived from the challenge model."""
    item, definitions = _record_schema(model, {
        CHALLENGE_INITIATIVES: {"type": "array", "items": {"type": "string"},
                                "title": "Initiativ som möter utmaningen (deras slug i initiatives.json)"}})
    item["required"] = [*leading(model), CHALLENGE_INITIATIVES]
    return _document_schema("Innovationsportföljens utmaningar", "challenges", "Challenge", item, definitions)


def challenge_csv_columns(model: type[Challenge]) -> list[str]:
    return _columns(model) + [CHALLENGE_INITIATIVES]


def challenges_csv(items: list[dict[str, object]], model: type[Challenge]) -> str:
    return _csv(items, challenge_csv_columns(model))


def initiatives_json(items: list[dict[str, object]]) -> str:
    return _document_json("initiatives", items)


def _record_schema(model: type[BaseModel], added: dict, left_out: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """The JSON Schema of one exported record of ``model`` (its id, its
    fields but ``left_out``, its address, then ``added``) and the
    definitions it refers to."""
    item = copy.deepcopy(model.model_json_schema(mode="serialization"))
    definitions = item.pop("$defs", {})
    item["properties"] = {
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "title": "Id (filnamnet)"},
        **{name: value for name, value in item["properties"].items() if name not in left_out},
        "url": {"type": "string", "title": "Sidans adress från webbplatsens rot"},
        **added,
    }
    return item, definitions


def _document_json(key: str, items: list[dict[str, object]]) -> str:
    document = {"version": FORMAT_VERSION, "count": len(items), key: items}
    # Compact: json's fast (C) encoder does not indent.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def initiatives_schema(model: type[Initiative]) -> dict:
    """JSON Schema of initiatives.json, derived from the content model."""
    item, definitions = _record_schema(model, {
        LESSONS: {"type": "string", "title": "Lärdomar",
                  "description": "Avsnittet Lärdomar i initiativets text, som Markdown."}}, EDITORIAL_FIELDS)
    # The journey as published: every event has the stage and status from that date on.
    event = next(name for name in definitions if name.startswith("HistoryEvent"))
    definitions[event]["required"] = ["date", "stage", "status"]
    item["required"] = leading(model)
    return _document_schema("Innovationsportföljens initiativ", "initiatives", "Initiative", item, definitions)


def _document_schema(title: str, key: str, name: str, item: dict, definitions: dict) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "count", key],
        "properties": {
            "version": {"const": FORMAT_VERSION},
            "count": {"type": "integer", "minimum": 0},
            key: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}},
        },
        "$defs": definitions | {name: item},
    }


def csv_columns(model: type[Initiative]) -> list[str]:
    return _columns(model) + [LESSONS]


def _columns(model: type[BaseModel]) -> list[str]:
    columns = leading(model)
    for name, info in model.model_fields.items():
        if name in columns or name in EDITORIAL_FIELDS:
            continue
        if name in _NESTED:
            columns += [f"{name}_{part}" for part in _nested_fields(info.annotation)]
        else:
            columns.append(name)
    return columns


def initiatives_csv(items: list[dict[str, object]], model: type[Initiative]) -> str:
    return _csv(items, csv_columns(model))


def _csv(items: list[dict[str, object]], columns: list[str]) -> str:
    output = io.StringIO()
    output.write("\ufeff")  # so that Excel and LibreOffice read the file as UTF-8
    writer = csv.DictWriter(output, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        writer.writerow(_csv_row(item))
    return output.getvalue()


# A cell that begins with one of these is run as a formula by spreadsheets:
# such cells get a leading apostrophe, as OWASP recommends for CSV files.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_row(data: dict) -> dict[str, str]:
    return {key: "'" + text if text.startswith(FORMULA_START) else text for key, text in _csv_texts(data).items()}


def _csv_texts(data: dict) -> dict[str, str]:
    row = {}
    for key, value in data.items():
        if key in _NESTED:
            row |= {f"{key}_{part}": text for part, text in value.items()}
        elif key in _RECORD_LISTS:
            row[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, list):
            row[key] = LIST_SEPARATOR.join(map(str, value))
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        else:
            row[key] = str(value)
    return row


def _nested_fields(annotation) -> list[str]:
    return list(nested_model(annotation).model_fields)


# ----------------------------------------------------------------------------
# Atom
# ----------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"


def feed_date(entry: Entry) -> date | None:
    """When an initiative was last news: reviewed, else started; a challenge: when it was opened."""
    if isinstance(entry.data, Challenge):
        return entry.data.opened
    return entry.data.updated or entry.data.started


# A challenge's category in the feed; an initiative's is its facet.
CHALLENGE_CATEGORY = "utmaning"


def atom_feed(portfolio: Portfolio, site_url: str, title: str, feed_path: str, limit: int = 50) -> str:
    """New and updated initiatives and new challenges, newest first."""
    ET.register_namespace("", ATOM)
    dated = heapq.nlargest(limit, (e for e in [*portfolio, *portfolio.challenges] if feed_date(e)),
                           key=lambda e: (feed_date(e), e.slug))
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = "Nya och uppdaterade initiativ och nya utmaningar"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url + feed_path
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": site_url + feed_path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url})
    newest = feed_date(dated[0]) if dated else date(2000, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for entry in dated:
        challenge = isinstance(entry.data, Challenge)
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = f"Utmaning: {entry.data.title}" if challenge else entry.data.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = site_url + entry.url
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url + entry.url})
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(feed_date(entry))
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.data.description
        ET.SubElement(item, f"{{{ATOM}}}category", {"term": CHALLENGE_CATEGORY if challenge else entry.data.facet})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
