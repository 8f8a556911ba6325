"""The date a build counts as today."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def reproducible_date() -> date | None:
    """The date of ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), set so
    that a build repeated on another day gives the same result."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch.isdigit() else None


def build_date() -> date:
    """``SOURCE_DATE_EPOCH``'s date when it is set, otherwise today (UTC)."""
    return reproducible_date() or datetime.now(timezone.utc).date()
