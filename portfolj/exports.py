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

from portfolj.guide import nested_model
from portfolj.model import EDITORIAL_FIELDS, Initiative
from portfolj.portfolio import Entry, Portfolio

FORMAT_VERSION = 1
LIST_SEPARATOR = " | "
_RECORD_LISTS = ("funding", "links")
_NESTED = ("contact", "image")


def leading(model: type[Initiative]) -> list[str]:
    """What every record has, first: the slug, the required fields, the page's address."""
    return ["slug", *(name for name, info in model.model_fields.items() if info.is_required()), "url"]


def record(entry: Entry, first: list[str]) -> dict[str, object]:
    """One initiative: the ``first`` fields (see ``leading``), then the optional ones present."""
    data = entry.data.model_dump(mode="json", exclude_defaults=True, exclude=set(EDITORIAL_FIELDS))
    data |= {"slug": entry.slug, "url": entry.url}
    return {key: data[key] for key in first} | {k: v for k, v in data.items() if k not in first}


def records(portfolio: Portfolio) -> list[dict[str, object]]:
    first = leading(portfolio.model)
    return [record(entry, first) for entry in portfolio]


def initiatives_json(items: list[dict[str, object]]) -> str:
    document = {"version": FORMAT_VERSION, "count": len(items), "initiatives": items}
    # Compact: json's fast (C) encoder does not indent.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def initiatives_schema(model: type[Initiative]) -> dict:
    """JSON Schema of initiatives.json, derived from the content model."""
    item = copy.deepcopy(model.model_json_schema(mode="serialization"))
    definitions = item.pop("$defs", {})
    item["properties"] = {
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "title": "Id (filnamnet)"},
        **{name: value for name, value in item["properties"].items() if name not in EDITORIAL_FIELDS},
        "url": {"type": "string", "title": "Sidans adress från webbplatsens rot"},
    }
    item["required"] = leading(model)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Innovationsportföljens initiativ",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "count", "initiatives"],
        "properties": {
            "version": {"const": FORMAT_VERSION},
            "count": {"type": "integer", "minimum": 0},
            "initiatives": {"type": "array", "items": {"$ref": "#/$defs/Initiative"}},
        },
        "$defs": definitions | {"Initiative": item},
    }


def csv_columns(model: type[Initiative]) -> list[str]:
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
    output = io.StringIO()
    output.write("\ufeff")  # so that Excel and LibreOffice read the file as UTF-8
    writer = csv.DictWriter(output, fieldnames=csv_columns(model), lineterminator="\r\n")
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
    """When an initiative was last news: reviewed, else started."""
    return entry.data.updated or entry.data.started


def atom_feed(portfolio: Portfolio, site_url: str, title: str, feed_path: str, limit: int = 50) -> str:
    """New and updated initiatives, newest first."""
    ET.register_namespace("", ATOM)
    dated = heapq.nlargest(limit, (e for e in portfolio if feed_date(e)), key=lambda e: (feed_date(e), e.slug))
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = "Nya och uppdaterade initiativ"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url + feed_path
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": site_url + feed_path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url})
    newest = feed_date(dated[0]) if dated else date(2000, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for entry in dated:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.data.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = site_url + entry.url
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url + entry.url})
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(feed_date(entry))
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.data.description
        ET.SubElement(item, f"{{{ATOM}}}category", {"term": entry.data.facet})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
