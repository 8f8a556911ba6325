"""Parts of the page rendered once and reused, for MkDocs with Material.

Most pages of a portfolio are initiatives and term pages, thousands of them,
which the menu does not list. On those, much of Material's page is the same
for every page in one folder (``initiatives/``, ``facetter/``): the menu,
the header's buttons and tools, the style sheets, the back-to-top button,
the scripts and their settings, the footer; their links are relative,
and pages in one folder link alike. Each initiative's lessons, each link
to a term and the addresses of a list's pages are the same on every page at
one depth (their links start with the same ``../``); so is each
initiative's card, which differs between depths only in its two addresses.
This module renders each such part once per folder or depth (a card once)
and hands the same text to every page that needs it.

A page the menu lists is always rendered in full: the menu marks it as the
current page; so is a page the footer links to, which links to itself
there. Everything here lives for one build: each build (also each of
`mkdocs serve`'s rebuilds) makes a new `RenderCache`; a dirty rebuild of the
preview starts from what the last one rendered, but the changed
initiatives' cards and lessons.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from portfolj.portfolio import Entry, Portfolio
from portfolj.taxonomy import TermId

# Our templates live here and are autoescaped; Material's own are not touched.
TEMPLATE_FOLDER = "portfolio/"
# Where a card's link and picture go (see RenderCache._card_at): the content
# model refuses control characters such as NUL in the texts a card shows.
_LINK, _PICTURE = "\0link\0", "\0picture\0"


class RenderCache:
    """The template functions that reuse what they rendered, for one build."""

    def __init__(self, env: Environment, portfolio: Portfolio, kept: dict[tuple, str] | None = None,
                 in_footer: frozenset[str] = frozenset()) -> None:
        """``kept``: what the preview's last build rendered that still holds
        (see ``rendered``); ``in_footer``: the source paths of the pages the
        footer links to, rendered in full as the menu's are."""
        self._portfolio, self._in_footer = portfolio, in_footer
        self._card = env.get_template(f"{TEMPLATE_FOLDER}partials/card.html")
        self._term_link = env.get_template(f"{TEMPLATE_FOLDER}partials/term-link.html")
        self._lesson = env.get_template(f"{TEMPLATE_FOLDER}partials/lesson.html")
        self.rendered: dict[tuple, str] = dict(kept or {})
        self._menu: set[int] | None = None  # the pages the menu lists (see _linked_to_itself)

    @staticmethod
    def still_holds(rendered: dict[tuple, str], changed: frozenset[str]) -> dict[tuple, str]:
        """What a build rendered that a rebuild can use when only the
        initiatives ``changed`` (slugs) did: all but their cards."""
        return {key: text for key, text in rendered.items() if key[0] not in ("card", "lesson") or key[1] not in changed}

    def install(self, env: Environment) -> None:
        env.globals.update(portfolio_cards=self.cards, portfolio_term_link=self.term_link,
                           portfolio_lessons=self.lessons, portfolio_list_pages=self.list_pages,
                           portfolio_per_folder=self.per_folder)

    @pass_context
    def cards(self, context: Context, entries: list[Entry], level: int = 2) -> Markup:
        """The cards of ``entries``, with headings at ``level``."""
        base = context["base_url"]
        return Markup("".join(
            self._once(("card", entry.slug, level, base), lambda entry=entry: self._card_at(entry, level, base))
            for entry in entries))

    def _card_at(self, entry: Entry, level: int, base: str) -> str:
        """A card as a page at ``base`` shows it: rendered once, for every
        depth, and its addresses (its link, its picture if any) put in for each."""
        card = self._once(("card", entry.slug, level), lambda: self._card.render(
            entry=entry, level=level, href=_LINK, portfolio=self._portfolio, image=entry.image_path and _PICTURE))
        card = card.replace(_LINK, escape(href(base, entry.url)))
        return card.replace(_PICTURE, escape(href(base, entry.image_path))) if entry.image_path else card

    @pass_context
    def lessons(self, context: Context, entries: list[Entry]) -> Markup:
        """The lessons of ``entries`` (see lessons.html), by what they show:
        a body's new lessons are another text."""
        base = context["base_url"]
        return Markup("".join(
            self._once(("lesson", entry.slug, base, entry.lessons_id, entry.lessons_html),
                       lambda entry=entry: self._lesson.render(entry=entry, href=href(base, entry.url),
                                                               portfolio=self._portfolio))
            for entry in entries))

    @pass_context
    def list_pages(self, context: Context, src_uris: tuple[str, ...]) -> str:
        """The addresses of every page of a list, as each of them links to all (see pagination.html)."""
        base = context["base_url"]
        return self._once(("list pages", src_uris, base), lambda: " ".join(
            href(base, self._portfolio.page_url(src_uri)) for src_uri in src_uris))

    @pass_context
    def term_link(self, context: Context, field: str, term_id: TermId) -> Markup:
        base = context["base_url"]
        return Markup(self._once(("term", field, term_id, base), lambda: self._term_link.render(
            term=self._portfolio.term(field, term_id), href=href(base, self._portfolio.term_url(field, term_id)))))

    @pass_context
    def per_folder(self, context: Context, name: str, render: Callable[[], str]) -> str:
        """Material's part ``name`` (its menu, header, styles, footer), the
        same on every page in one folder that neither the menu nor the footer
        links to."""
        page = context["page"]
        if page is None or self._linked_to_itself(context):
            return render()
        return self._once((name, posixpath.dirname(page.url.rstrip("/"))), render)

    def _linked_to_itself(self, context: Context) -> bool:
        """Whether the menu marks the page as the current one, or the
        footer's link to the page is written as a link to itself."""
        # The menu's by identity, found once: comparing pages compares their files, several times a page.
        if self._menu is None:
            self._menu = {id(listed) for listed in context["nav"].pages}
        return id(context["page"]) in self._menu or context["page"].file.src_uri in self._in_footer

    def _once(self, key: tuple, render: Callable[[], str]) -> str:
        if key not in self.rendered:
            self.rendered[key] = render()
        return self.rendered[key]


def href(base_url: str, url: str) -> str:
    """A site URL as a page at ``base_url`` links to it (as MkDocs' `url` filter does)."""
    return f"{base_url}/{url}" if base_url else url
