"""Open data built from the validated portfolio."""

from __future__ import annotations

import json

from portfolj.portfolio import Entry, Portfolio

FORMAT_VERSION = 1
_LEADING = ("slug", "title", "description", "facet", "stage", "status", "organisation", "url")


def record(entry: Entry) -> dict[str, object]:
    """One initiative: the required fields first, optional ones when present."""
    data = entry.data.model_dump(mode="json", exclude_defaults=True)
    data |= {"slug": entry.slug, "url": entry.url}
    return {key: data[key] for key in _LEADING} | {k: v for k, v in data.items() if k not in _LEADING}


def initiatives_json(portfolio: Portfolio) -> str:
    document = {
        "version": FORMAT_VERSION,
        "count": len(portfolio),
        "initiatives": [record(entry) for entry in portfolio],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
