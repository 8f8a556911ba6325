"""Aggregation: the whole portfolio, grouped by its vocabularies.

Every figure shown on the site is computed here once, in linear time, and
tested here; templates only draw them.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from pydantic import BaseModel

from portfolj.history import Event
from portfolj.model import CHALLENGE_STATUS, Source, challenge_model_for
from portfolj.taxonomy import Taxonomies, Taxonomy, Term, TermId, slugify
from portfolj.urls import directory_url

# What makes two initiatives related, and how much: shared tags weigh this
# much, shared terms of a taxonomy its ``related`` weight in the taxonomy file.
TAGS_RELATED_WEIGHT = 3
# How many neighbours in each shared group are considered: keeps the choice
# linear in the number of initiatives.
RELATED_WINDOW = 40
# How many related initiatives an initiative's page shows.
RELATED_LIMIT = 5

# The page that lists (and filters) every initiative.
ALL_INITIATIVES = "alla-initiativ.md"
# At most this many cards on one HTML page of a list (all initiatives, a
# term's page); the rest are on numbered pages after it.
LIST_PAGE_SIZE = 100
# The content folders of the two kinds of content, and the page listing the challenges.
INITIATIVES = "initiatives"
CHALLENGES = "utmaningar"
ALL_CHALLENGES = f"{CHALLENGES}/index.md"

# Swedish alphabetical order: å, ä, ö come last, in that order, after z.
# The characters after "z" in ASCII stand in for them.
_SWEDISH = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}",
                          "é": "e", "è": "e", "à": "a", "ü": "y"})


def swedish_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH)


@dataclass
class Entry:
    """An initiative as the site shows it."""

    slug: str
    path: str  # source path relative to the content folder
    data: BaseModel
    body: str
    url: str = ""  # site-root relative, given by the engine (see Portfolio.resolve_urls)
    history: list[Event] = field(default_factory=list)  # the journey through the stages, oldest first
    # The body's lessons section, sanitised, and its heading's id: known once the engine has converted the body.
    lessons_html: str = ""
    lessons_id: str | None = None
    image_size: tuple[int, int] | None = None  # the picture's width and height in pixels

    @classmethod
    def from_source(cls, source: Source) -> Entry:
        return cls(source.slug, source.path, source.data, source.body, image_size=source.image_size)

    @property
    def image_path(self) -> str | None:
        """The image as a path from the site root: ``src`` is written relative
        to the initiative's file, or from the content folder when it starts
        with a slash."""
        image = self.data.image
        if image is None:
            return None
        if image.src.startswith("/"):
            return image.src.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.path), image.src))


@dataclass(frozen=True)
class Group:
    """One term of a taxonomy and the initiatives filed under it."""

    taxonomy: Taxonomy
    term: Term
    entries: list[Entry]


@dataclass(frozen=True)
class Fact:
    """The terms an initiative is filed under in one taxonomy."""

    taxonomy: Taxonomy
    terms: list[Term]


@dataclass(frozen=True)
class ListPage:
    """One numbered page of a list of initiatives."""

    number: int  # from 1
    src_uri: str
    entries: list[Entry]


@dataclass(frozen=True)
class Pagination:
    """Where one page of a list is among all of them."""

    number: int
    src_uris: tuple[str, ...]  # every page of the list, in order

    @property
    def count(self) -> int:
        return len(self.src_uris)

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers to link: the first, the last and those near this
        one; None where numbers are left out."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def list_pages(first_src_uri: str, entries: list[Entry], size: int = LIST_PAGE_SIZE) -> list[ListPage]:
    """A list cut into pages of ``size``: the first at ``first_src_uri``
    (``steg/forverkliga.md``), the next beneath it (``steg/forverkliga/sida-2.md``)."""
    folder = first_src_uri.removesuffix(".md").removesuffix("/index")
    chunks = [entries[start:start + size] for start in range(0, len(entries), size)] or [[]]
    return [ListPage(n, first_src_uri if n == 1 else f"{folder}/sida-{n}.md", chunk)
            for n, chunk in enumerate(chunks, start=1)]


@dataclass(frozen=True)
class Matrix:
    """Counts of initiatives for every pair of two vocabularies."""

    rows: Taxonomy
    columns: Taxonomy
    counts: dict[tuple[TermId, TermId], int]

    def count(self, row: TermId, column: TermId) -> int:
        return self.counts.get((row, column), 0)

    def row_total(self, row: TermId) -> int:
        return sum(self.count(row, column) for column in self.columns.ids)

    def column_total(self, column: TermId) -> int:
        return sum(self.count(row, column) for row in self.rows.ids)


@dataclass
class Portfolio:
    """All validated initiatives and the vocabularies they are sorted by.

    ``taxonomies`` holds every vocabulary by field name, with the terms of
    open taxonomies (such as organisation) taken from the initiatives.
    """

    taxonomies: dict[str, Taxonomy]
    entries: list[Entry]
    model: type[BaseModel] | None = None  # the content model the entries were validated with
    drafts_left_out: list[str] = field(default_factory=list)  # their source paths: not to be published
    pages: list[Source] = field(default_factory=list)  # the editorial pages (portfolj.published.PAGES)
    challenges: list[Entry] = field(default_factory=list)
    challenge_model: type[BaseModel] | None = None  # the model the challenges were validated with
    as_of: date | None = None  # the day the build counts from (see history.reference_date)
    history_notice: str | None = None  # why the Git history is incomplete, for the build log
    _addressing: dict[str, list[Entry]] = field(init=False, repr=False)  # challenge slug → its initiatives
    _index: dict[str, dict[TermId, list[Entry]]] = field(init=False, repr=False)
    _position: dict[tuple[str, TermId], dict[str, int]] = field(init=False, repr=False)
    _ranks: dict[tuple[str, TermId], list[int]] = field(init=False, repr=False)  # members' places in title order
    _rank: dict[str, int] = field(init=False, repr=False)  # place in title order
    _related_weights: dict[str, int] = field(init=False, repr=False)  # field → weight (see TAGS_RELATED_WEIGHT)
    _terms: dict[str, dict[str, list[TermId]]] = field(init=False, repr=False)  # field → slug → term ids
    _term_names: dict[str, dict[TermId, str]] = field(init=False, repr=False)  # field → id → name in addresses
    _url_of: Callable[[str], str] | None = field(init=False, repr=False, default=None)  # see resolve_urls
    # The overview pages ask for the same filtered addresses thousands of times.
    _filter_urls: dict[tuple, str] = field(init=False, repr=False, default_factory=dict)
    _related: dict[str, list[Entry]] | None = field(init=False, repr=False, default=None)  # see know_related
    # Without that table: what `related` found so far (the preview asks again for the initiatives near a change).
    _related_found: dict[str, list[Entry]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.entries = sorted(self.entries, key=lambda entry: swedish_key(entry.data.title))
        self._rank = {entry.slug: n for n, entry in enumerate(self.entries)}
        self.taxonomies = {
            name: _with_used_terms(taxonomy, self.entries) if taxonomy.open else taxonomy
            for name, taxonomy in self.taxonomies.items()
        }
        self._index = {name: {term_id: [] for term_id in t.ids} for name, t in self.taxonomies.items()}
        self._index["tags"] = {}
        self._terms = {name: {e.slug: self._read_term_ids(e, name) for e in self.entries} for name in self._index}
        for entry in self.entries:
            for name, terms in self._index.items():
                for term_id in self.term_ids(entry, name):
                    terms.setdefault(term_id, []).append(entry)
        self._related_weights = {"tags": TAGS_RELATED_WEIGHT} | {
            name: taxonomy.related for name, taxonomy in self.taxonomies.items() if taxonomy.related}
        self._position = {
            (name, term_id): {entry.slug: n for n, entry in enumerate(members)}
            for name in self._related_weights
            for term_id, members in self._index[name].items()
        }
        self._ranks = {key: [self._rank[slug] for slug in members] for key, members in self._position.items()}
        self._term_names = {name: _address_names(taxonomy) for name, taxonomy in self.taxonomies.items()}
        if self.challenge_model is None:
            self.challenge_model = challenge_model_for(Taxonomies(self.taxonomies))
        # Open challenges without an initiative first: that is where initiatives are wanted.
        self._addressing = {challenge.slug: [] for challenge in self.challenges}
        for entry in self.entries:
            for slug in entry.data.challenges:
                self._addressing[slug].append(entry)
        self.challenges = sorted(self.challenges, key=lambda c: (
            c.data.status != "open", bool(self._addressing[c.slug]), swedish_key(c.data.title)))

    @classmethod
    def from_sources(cls, sources: list[Source], taxonomies: Taxonomies, model: type[BaseModel] | None = None,
                     drafts: bool = False, challenges: list[Source] = (),
                     challenge_model: type[BaseModel] | None = None, pages: list[Source] = ()) -> Portfolio:
        """``drafts``: whether initiatives marked ``draft: true`` are included
        (in the preview) or left out (from the published site)."""
        left_out = [source for source in sources if source.data.draft and not drafts]
        return cls(dict(taxonomies.root), [Entry.from_source(source) for source in sources if source not in left_out],
                   model, [source.path for source in left_out], list(pages),
                   [Entry.from_source(source) for source in challenges], challenge_model)

    def take_new_bodies(self, sources: list[Source], challenges: list[Source], pages: list[Source]) -> bool:
        """If ``sources`` (with ``challenges`` and editorial ``pages``) differ
        from what this portfolio was made of in initiatives' bodies only, take
        those bodies and say so: everything computed from the rest holds.
        Otherwise change nothing."""
        mine = {entry.path: entry for entry in self.entries}
        same = (not self.drafts_left_out and len(sources) == len(mine)
                and all(source.path in mine and _same(mine[source.path].data, source.data)
                        and mine[source.path].image_size == source.image_size for source in sources)
                and _as_read(self.challenges) == _as_read(challenges) and _as_read(self.pages) == _as_read(pages))
        if same:
            for source in sources:
                mine[source.path].body = source.body
        return same

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    # Links -------------------------------------------------------------------

    def resolve_urls(self, url_of: Callable[[str], str]) -> None:
        """Let the engine say, once, where a source path is published: every
        link of the portfolio asks ``url_of`` (site-root relative URLs)."""
        self._url_of, self._filter_urls = url_of, {}
        for entry in [*self.entries, *self.challenges]:
            entry.url = url_of(entry.path)

    def page_url(self, src_uri: str) -> str:
        if self._url_of is None:
            raise RuntimeError("the engine has not said where pages are published yet (see resolve_urls)")
        return self._url_of(src_uri)

    def term_page(self, field_name: str, term_id: TermId) -> str:
        """Source path of a term's page, named in Swedish from its label
        (``steg/forverkliga.md``); the id stays what content and data use."""
        return f"{self.taxonomies[field_name].path}/{self._term_names[field_name][term_id]}.md"

    def moved_term_pages(self) -> dict[str, str]:
        """Where term pages were published before they were named from their
        labels (``steg/realise.md``), and where each is now."""
        return {
            f"{taxonomy.path}/{term.id}.md": self.term_page(name, term.id)
            for name, taxonomy in self.taxonomies.items() if taxonomy.pages and not taxonomy.open
            for term in taxonomy.terms if self._term_names[name][term.id] != str(term.id)
        }

    def taxonomy_page(self, field_name: str) -> str:
        return f"{self.taxonomies[field_name].path}/index.md"

    def term_url(self, field_name: str, term_id: TermId) -> str:
        return self.page_url(self.term_page(field_name, term_id))

    def taxonomy_url(self, field_name: str) -> str:
        return self.page_url(self.taxonomy_page(field_name))

    def filter_url(self, **criteria: TermId | list[TermId]) -> str:
        """The list of all initiatives, filtered: the query uses the
        front-matter field names and term ids (plus ``year``, ``q`` and
        ``sort``), e.g. ``alla-initiativ/?facet=mission&stage=explore``."""
        key = tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in criteria.items())
        if key not in self._filter_urls:
            query = urlencode({k: v for k, v in criteria.items() if v not in (None, [])}, doseq=True)
            self._filter_urls[key] = self.page_url(ALL_INITIATIVES) + (f"?{query}" if query else "")
        return self._filter_urls[key]

    # Figures -----------------------------------------------------------------

    def term_ids(self, entry: Entry, field_name: str) -> list[TermId]:
        """The ids an initiative is filed under in one taxonomy (or its tags)."""
        return self._terms[field_name][entry.slug]

    def _read_term_ids(self, entry: Entry, field_name: str) -> list[TermId]:
        value = getattr(entry.data, field_name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        if field_name == "tags":
            return list(dict.fromkeys(" ".join(tag.split()).casefold() for tag in values))
        return [slugify(v) for v in values] if self.taxonomies[field_name].open else values

    def term(self, field_name: str, term_id: TermId) -> Term:
        return self.taxonomies[field_name].term(term_id)

    def facts(self, entry: Entry, on_card: bool = False) -> list[Fact]:
        """What an initiative is filed under, taxonomy by taxonomy in the file's
        order (with ``on_card``: only those its card shows)."""
        return [Fact(taxonomy, [taxonomy.term(term_id) for term_id in self.term_ids(entry, name)])
                for name, taxonomy in self.taxonomies.items()
                if (taxonomy.card or not on_card) and self.term_ids(entry, name)]

    def fields_where(self, flag: str) -> list[str]:
        """The taxonomies (front-matter fields) whose ``flag`` (filter, search) is set, in the file's order."""
        return [name for name, taxonomy in self.taxonomies.items() if getattr(taxonomy, flag)]

    def members(self, field_name: str, term_id: TermId) -> list[Entry]:
        return self._index[field_name][term_id]

    def groups(self, field_name: str) -> list[Group]:
        taxonomy = self.taxonomies[field_name]
        return [Group(taxonomy, term, self.members(field_name, term.id)) for term in taxonomy.terms]

    def matrix(self, rows: str = "facet", columns: str = "stage") -> Matrix:
        counts: dict[tuple[TermId, TermId], int] = {}
        for entry in self.entries:
            for row in self.term_ids(entry, rows):
                for column in self.term_ids(entry, columns):
                    counts[row, column] = counts.get((row, column), 0) + 1
        return Matrix(self.taxonomies[rows], self.taxonomies[columns], counts)

    def related(self, entry: Entry, limit: int = RELATED_LIMIT) -> list[Entry]:
        """Initiatives that share tags or terms with ``entry`` (weighed by
        each taxonomy's ``related``), most shared first, then in title order;
        never ``entry`` itself."""
        if limit == RELATED_LIMIT:
            known = self._related if self._related is not None else self._related_found
            if entry.slug in known:
                return known[entry.slug]
        scores: Counter[int] = Counter()  # title rank → weight of what is shared
        for name, weight in self._related_weights.items():
            for term_id in self.term_ids(entry, name):
                at = self._position[name, term_id][entry.slug]
                neighbours = self._ranks[name, term_id][max(0, at - RELATED_WINDOW): at + RELATED_WINDOW + 1]
                for _ in range(weight):
                    scores.update(neighbours)
        scores.pop(self._rank[entry.slug], None)
        # One integer per candidate orders by score, then by title, in a C-speed sort:
        # this runs for every initiative.
        stride = len(self.entries)
        best = sorted(score * stride - rank for rank, score in scores.items())[-limit:]
        found = [self.entries[-key % stride] for key in reversed(best)]
        if limit == RELATED_LIMIT:
            self._related_found[entry.slug] = found
        return found

    def neighbours(self, entry: Entry) -> set[str]:
        """The slugs of the initiatives whose related initiatives can change
        when ``entry`` changes, comes or goes: those near it in a shared group
        (see RELATED_WINDOW; one more on each side, as the others move up or
        down by one), ``entry`` included."""
        found = {entry.slug}
        for name in self._related_weights:
            for term_id in self.term_ids(entry, name):
                at = self._position[name, term_id][entry.slug]
                members = self._index[name][term_id]
                found.update(other.slug for other in members[max(0, at - RELATED_WINDOW - 1): at + RELATED_WINDOW + 2])
        return found

    def related_table(self) -> dict[str, list[str]]:
        """``related`` of every initiative, as slugs: plain data, which another
        process can compute while the pages are rendered (see know_related)."""
        return {entry.slug: [other.slug for other in self.related(entry)] for entry in self.entries}

    def know_related(self, table: dict[str, list[str]]) -> None:
        """Answer ``related`` from a ``related_table`` computed elsewhere."""
        by_slug = {entry.slug: entry for entry in self.entries}
        self._related = {slug: [by_slug[other] for other in others] for slug, others in table.items()}

    def related_reason(self, entry: Entry, other: Entry) -> str:
        """Why ``other`` is related to ``entry``, in Swedish, from what the
        choice weighs: "Samma innovationsfacett och verksamhetsområde:
        Äldreomsorg". A taxonomy of one term a page is named only as a kind
        (its label is on the card); shared terms of the others and tags by label."""
        kinds, labels = [], []
        for name in self._related_weights:
            shared = [term_id for term_id in self.term_ids(entry, name) if term_id in self.term_ids(other, name)]
            if not shared:
                continue
            if name == "tags":
                kinds.append("tagg" if len(shared) == 1 else "taggar")
                labels += shared
                continue
            taxonomy = self.taxonomies[name]
            kinds.append(taxonomy.label.lower())
            if taxonomy.multiple:
                labels += [taxonomy.term(term_id).label for term_id in shared]
        if not kinds:
            return ""
        named = ", ".join(kinds[:-1]) + " och " + kinds[-1] if len(kinds) > 1 else kinds[0]
        return f"Samma {named}" + (f": {', '.join(labels)}" if labels else "")
    # Challenges ----------------------------------------------------------------

    def addressing(self, challenge: Entry) -> list[Entry]:
        """The initiatives that say they meet a challenge, in title order."""
        return self._addressing[challenge.slug]

    @staticmethod
    def challenge_status(challenge: Entry) -> Term:
        return CHALLENGE_STATUS.term(challenge.data.status)

    def challenges_of(self, entry: Entry) -> list[Entry]:
        wanted = set(entry.data.challenges)
        return [challenge for challenge in self.challenges if challenge.slug in wanted]

    def unmet(self) -> list[Entry]:
        """Open challenges that no initiative addresses yet."""
        return [c for c in self.challenges if c.data.status == "open" and not self._addressing[c.slug]]

    def featured(self, limit: int | None = None) -> list[Entry]:
        return [entry for entry in self.entries if entry.data.featured][:limit]


def _same(data: BaseModel, other: BaseModel) -> bool:
    return data is other or data == other


def _as_read(items: list[Entry] | list[Source]) -> dict[str, tuple]:
    return {item.path: (item.data, item.body) for item in items}


def _with_used_terms(taxonomy: Taxonomy, entries: list[Entry]) -> Taxonomy:
    """An open taxonomy's terms: each distinct value, in Swedish order."""
    labels: dict[str, str] = {}
    for entry in entries:
        value = getattr(entry.data, taxonomy.field)
        for label in value if isinstance(value, list) else [] if value is None else [value]:
            labels.setdefault(slugify(label), label)
    terms = sorted((Term(id=slug, label=label) for slug, label in labels.items()), key=lambda t: swedish_key(t.label))
    return taxonomy.model_copy(update={"terms": tuple(terms)})


def _address_names(taxonomy: Taxonomy) -> dict[TermId, str]:
    """Each term's name in addresses: its label made safe for a URL, or its
    id where the id is a number (the global goals) or two labels would meet."""
    names: dict[TermId, str] = {}
    taken = {str(term.id) for term in taxonomy.terms}
    for term in taxonomy.terms:
        name = slugify(term.label)
        if isinstance(term.id, int) or name == str(term.id):
            names[term.id] = str(term.id)
        elif name in taken or name == "index" or name.startswith("sida-"):
            names[term.id] = str(term.id)
        else:
            names[term.id] = name
            taken.add(name)
    return names

