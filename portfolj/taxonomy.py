"""Vocabularies as data: facets, stages, statuses, areas and goals.

The taxonomy file (``taxonomy.yml``) maps a front-matter field to its terms.
A municipality adapts the portfolio by editing that file, never the code.
"""

from __future__ import annotations

import difflib
import functools
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, model_validator
from pydantic_core import PydanticCustomError

from portfolj.yamlfile import StrictLoader

# A term's id is a segment of its page's address: never '/', '..' or anything else.
SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _safe_segment(value: int | str) -> int | str:
    if isinstance(value, int) and value < 0 or isinstance(value, str) and not SEGMENT.fullmatch(value):
        raise PydanticCustomError(
            "term_id",
            "Id:t '{value}' blir en del av sidans adress och får bara innehålla små bokstäver a–z, siffror "
            "och enkla bindestreck (till exempel {suggestion}).",
            {"value": value, "suggestion": slugify(str(value))})
    return value


TermId = Annotated[int | str, Field(union_mode="left_to_right"), AfterValidator(_safe_segment)]
# A taxonomy's key is a front-matter field name.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Term(BaseModel):
    """One allowed value of a vocabulary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: TermId
    label: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    description: str = ""


class Taxonomy(BaseModel):
    """A vocabulary bound to one front-matter field, and how the site uses it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = ""  # filled from the key in the taxonomy file
    label: str
    plural: str
    path: str = Field(pattern=r"^[a-z0-9-]+$")
    pages: bool = True
    # An open taxonomy takes its terms from the values used in content (like
    # Hugo's tags); a closed one only allows the terms listed here.
    open: bool = False
    description: str = ""
    hint: str = ""  # what the field means, for writers: guide, editor form, schema
    multiple: bool = False  # a list of terms, or one term
    required: bool = False
    filter: bool = True  # offered by the filter on the list of all initiatives
    search: bool = True  # its labels make an initiative findable
    related: int = Field(0, ge=0)  # its weight when choosing related initiatives; 0: not used
    card: bool = False  # shown on each initiative's card
    ordered: bool = False  # its terms are steps in order: listed numbered, in the file's order
    terms: tuple[Term, ...] = ()

    @model_validator(mode="after")
    def _unique_spellings(self) -> Taxonomy:
        if not self.open and not self.terms:
            raise ValueError("en stängd taxonomi behöver minst en term under terms")
        seen: dict[str, TermId] = {}
        for term in self.terms:
            for spelling in self._spellings(term):
                other = seen.setdefault(spelling, term.id)
                if other != term.id:
                    raise ValueError(
                        f"'{spelling}' betyder både '{other}' och '{term.id}'"
                    )
        return self

    @staticmethod
    def _spellings(term: Term) -> set[str]:
        return {_fold(term.id), _fold(term.label), *map(_fold, term.aliases)}

    @property
    def ids(self) -> tuple[TermId, ...]:
        return tuple(term.id for term in self.terms)

    def term(self, term_id: TermId) -> Term:
        return self._by_id[term_id]

    @cached_property
    def _by_id(self) -> dict[TermId, Term]:
        return {term.id: term for term in self.terms}

    @cached_property
    def _by_spelling(self) -> dict[str, Term]:
        return {spelling: term for term in self.terms for spelling in self._spellings(term)}

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every accepted spelling (ids, labels, aliases), folded as ``lookup`` compares them."""
        return tuple(self._by_spelling)

    def lookup(self, value: object) -> Term | None:
        """The term whose id, label or alias matches, ignoring case."""
        return self._by_spelling.get(_fold(value))

    def suggest(self, value: object) -> Term | None:
        """The nearest term for a misspelled value (did-you-mean)."""
        close = difflib.get_close_matches(_fold(value), self._by_spelling, n=1, cutoff=0.6)
        return self._by_spelling[close[0]] if close else None

    def describe_allowed(self) -> str:
        return ", ".join(f"{term.id} ({term.label})" for term in self.terms)


class Taxonomies(RootModel[dict[str, Taxonomy]]):
    """All vocabularies, keyed by the front-matter field they govern."""

    @model_validator(mode="after")
    def _bind_fields(self) -> Taxonomies:
        for name in self.root:
            if not FIELD_NAME.fullmatch(name):
                raise ValueError(
                    f"'{name}' kan inte vara namnet på ett fält: använd små bokstäver a–z, siffror och "
                    "understreck, och börja med en bokstav (till exempel goals)")
        self.root = {
            name: taxonomy.model_copy(update={"field": name})
            for name, taxonomy in self.root.items()
        }
        return self

    def __getitem__(self, field: str) -> Taxonomy:
        return self.root[field]

    def __iter__(self):
        return iter(self.root.values())

    def __contains__(self, field: object) -> bool:
        return field in self.root


def load_taxonomies(path: Path) -> Taxonomies:
    """Read and validate a taxonomy file."""
    with path.open(encoding="utf-8") as stream:
        return Taxonomies.model_validate(yaml.load(stream, Loader=StrictLoader))


def _fold(value: object) -> str:
    return " ".join(str(value).split()).casefold()


@functools.lru_cache(maxsize=1 << 14)  # the same few labels (organisations) on thousands of initiatives
def slugify(text: str) -> str:
    """A URL-safe id: 'Vård- och omsorgsförvaltningen' → 'vard-och-omsorgsforvaltningen'."""
    folded = text.casefold().translate(str.maketrans("åäöæøéèàü", "aaoaoeeau"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "x"
