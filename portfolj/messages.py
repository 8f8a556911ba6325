"""Swedish messages for communicators: one ``Problem`` per mistake, naming the
file, the line, the field, what is wrong and what is allowed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from portfolj.model import vocabulary_of


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" fältet '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


def shown_path(file: Path, root: Path) -> str:
    """A file as messages name it: from ``root`` when it is inside."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


# ----------------------------------------------------------------------------
# Pydantic error types in Swedish
# ----------------------------------------------------------------------------

_TEMPLATES = {
    "missing": "Obligatoriskt fält saknas.",
    "string_type": "Ska vara text.",
    "string_too_short": "Får inte vara tomt.",
    "string_too_long": "Texten är för lång: {length} tecken, högst {max_length} är tillåtna.",
    "int_type": "Ska vara ett heltal, till exempel 400000.",
    "int_parsing": "Ska vara ett heltal utan mellanslag, till exempel 400000.",
    "int_from_float": "Ska vara ett heltal, utan decimaler.",
    "float_type": "Ska vara ett tal, till exempel 60 eller 12.5 (decimaler med punkt).",
    "float_parsing": "'{input}' är inget tal. Skriv till exempel 60 eller 12.5 (decimaler med punkt, inga mellanslag eller enheter).",
    "finite_number": "Ska vara ett vanligt tal, till exempel 60 eller 12.5.",
    "int_parsing_size": "Talet är för stort.",
    "greater_than_equal": "Talet får inte vara mindre än {ge}.",
    "less_than_equal": "Talet får inte vara större än {le}.",
    "bool_type": "Ska vara true eller false.",
    "bool_parsing": "Ska vara true eller false.",
    "list_type": "Ska vara en lista, till exempel [a, b] eller en rad per värde som börjar med '- '.",
    "model_type": "Ska vara en grupp av fält på egna rader med indrag (namn: värde).",
    "model_attributes_type": "Ska vara en grupp av fält på egna rader med indrag (namn: värde).",
    "dict_type": "Ska vara en grupp av fält på egna rader med indrag (namn: värde).",
    "date_type": "Ska vara ett datum på formen ÅÅÅÅ-MM-DD.",
    "date_parsing": "Ogiltigt datum '{input}': skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-03-01.",
    "date_from_datetime_parsing": "Ogiltigt datum '{input}': det finns inget sådant datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-03-01.",
    "date_from_datetime_inexact": "Ska vara ett datum utan klockslag, på formen ÅÅÅÅ-MM-DD.",
    "url_type": "Ska vara en webbadress som börjar med https://.",
    "url_parsing": "Ogiltig webbadress '{input}': den ska börja med https://.",
    "url_scheme": "Webbadressen '{input}' ska börja med https:// eller http://.",
    "url_too_long": "Webbadressen är för lång.",
    "string_pattern_mismatch": "Värdet '{input}' har fel form: bara små bokstäver a–z, siffror och bindestreck är tillåtna.",
    "too_short": "Listan måste ha minst {min_length} värde.",
    "too_long": "Texten är för lång: {actual_length} tecken, högst {max_length} är tillåtna.",
    "tuple_type": "Ska vara en lista, till exempel [a, b] eller en rad per värde som börjar med '- '.",
    "literal_error": "Otillåtet värde '{input}'. Tillåtna värden: {expected}.",
}


def problems_from_error(
    error: ValidationError,
    model: type[BaseModel],
    path: str,
    line_of: callable,
) -> list[Problem]:
    """Translate every error of one validation into Swedish problems."""
    return [
        Problem(path, line_of(detail["loc"]), field_name(detail["loc"]), _message(detail, model))
        for detail in error.errors(include_url=False)
    ]


def field_name(loc: tuple) -> str:
    """``('funding', 1, 'amount_sek')`` → ``funding, värde 2, amount_sek``:
    list values counted as a person counts them."""
    return ", ".join(f"värde {part + 1}" if isinstance(part, int) else str(part) for part in loc)


def _message(detail: ErrorDetails, model: type[BaseModel]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return _unknown_field(detail["loc"], model)
    template = _TEMPLATES.get(kind)
    if template is None:  # our own PydanticCustomErrors are already Swedish
        return detail["msg"]
    given = detail.get("input")
    if kind == "int_type" and isinstance(given, bool):
        return "Ska vara ett heltal, till exempel 400000, inte true eller false."
    if kind in ("int_type", "bool_type") and isinstance(given, str):
        wanted = "ett heltal, till exempel 400000" if kind == "int_type" else "true eller false"
        return f"Ska vara {wanted}, skrivet utan citattecken, inte '{given}'."
    if kind == "list_type" and isinstance(given, str) and "," in given:
        return (f"Ska vara en lista. Skriv värdena inom hakparenteser: {detail['loc'][-1]}: "
                f"[{', '.join(part.strip() for part in given.split(','))}]")
    context = {"input": given, **detail.get("ctx", {})}
    if kind == "string_too_long":
        context["length"] = len(str(detail.get("input", "")))
    message = template.format(**context)
    if kind == "missing":
        info = _field_info(model, detail["loc"])
        if info is not None and info.description:
            message += f" {info.title}: {info.description}"
        taxonomy = vocabulary_of(info) if info is not None else None
        if taxonomy is not None and not taxonomy.open:
            message += f" Tillåtna värden: {taxonomy.describe_allowed()}."
    return message


def _unknown_field(loc: tuple, model: type[BaseModel]) -> str:
    owner = _model_at(model, loc[:-1])
    allowed = list(owner.model_fields) if owner else []
    unknown = str(loc[-1])
    close = difflib.get_close_matches(unknown.casefold(), allowed, n=1, cutoff=0.6)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return f"Okänt fält '{unknown}'.{hint} Tillåtna fält: {', '.join(allowed)}."


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model that owns the field at ``loc``."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = current.model_fields if isinstance(current, type) else {}
        info = fields.get(part)
        if info is None and "root" in fields:  # a RootModel keyed by name
            info = fields["root"]
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_info(model: type[BaseModel], loc: tuple):
    owner = _model_at(model, loc[:-1])
    return owner.model_fields.get(loc[-1]) if owner else None


def _inner_model(annotation: object) -> object:
    """Unwrap ``list[X]`` and ``X | None`` down to a model class."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def summary(problems: list[Problem], *, preview: bool = False, shown: bool = False) -> str:
    """The last line of a failed build: how many problems, and what the
    visitor or writer sees meanwhile (``shown``: the preview has shown the site)."""
    if not problems:
        return ""
    if not preview:
        kept = "Den senast byggda webbplatsen är orörd."
    elif shown:
        kept = "Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade; spara filen igen så byggs den om."
    else:
        kept = "Förhandsvisningen visas när felen är rättade; spara filen igen så byggs den om."
    return f"Innehållet har {len(problems)} fel. Rätta felen ovan. {kept}"
