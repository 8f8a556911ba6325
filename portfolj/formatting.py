"""How values read in Swedish on the site."""

from __future__ import annotations

from datetime import date

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli",
          "augusti", "september", "oktober", "november", "december")


def swedish_date(value: date | None) -> str:
    """2024-03-01 → '1 mars 2024'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def number(value: int) -> str:
    """400000 → '400 000' (with narrow no-break spaces between thousands)."""
    return f"{value:,}".replace(",", "\u202f")


def kronor(amount: int | None) -> str:
    """400000 → '400 000 kr'."""
    return f"{number(amount)} kr" if amount is not None else ""


def period(started: date | None, ended: date | None) -> str:
    if started and ended:
        return f"{swedish_date(started)} – {swedish_date(ended)}"
    if started:
        return f"Sedan {swedish_date(started)}"
    return f"Till {swedish_date(ended)}" if ended else ""


def number(value: float | int | None) -> str:
    """12500 → '12 500', 12.5 → '12,5' (Swedish decimal comma, narrow no-break spaces)."""
    if value is None:
        return ""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.{_decimals(value)}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _decimals(value: float) -> int:
    return len(repr(value).partition(".")[2].rstrip("0")) if "e" not in repr(value) else 2
