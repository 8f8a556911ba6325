"""Communicators' Markdown may contain HTML; the page keeps only an
allow-list of it (Ammonia, through nh3): the tags and attributes writers
legitimately use. Scripts, event handlers, styles and forms are dropped;
every address is judged as a browser reads it (see ``urls``).

Content cannot impersonate the page: every ``id`` from content is
namespaced with ID_PREFIX (and so is every fragment of a link within the
site, so links to headings keep working), ``name`` is never kept, and the
class names the theme and our scripts look for are dropped. Then no body
can shadow ``__config`` (Material's configuration), ``__search`` or
``resultat``, nor clobber a global through a named element.
"""

from __future__ import annotations

import nh3

from portfolj.urls import Site, Use

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small",
    "mark", "code", "pre", "kbd", "q", "cite", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "figure", "figcaption", "details", "summary", "abbr", "span", "div", "iframe",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
}
SCHEMES = {"http", "https", "mailto"}  # also judged in full by urls.Site
# Removed together with what they contain, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "object", "embed", "form", "textarea", "select"}
# Prefix of every id that comes from content: readable in a shared address (#avsnitt-behov).
ID_PREFIX = "avsnitt-"
# Class names the theme's and the portfolio's styles and scripts select by.
THEME_CLASSES = ("md-", "portfolio-")
USES = {("a", "href"): Use.LINK, ("img", "src"): Use.IMAGE, ("iframe", "src"): Use.FRAME}


def content_id(value: str) -> str:
    """The id a page uses for an id written in content (as nh3's id_prefix
    would: a value that has the prefix already keeps it)."""
    return value if value.startswith(ID_PREFIX) else ID_PREFIX + value


class Sanitizer:
    """The allow-list, built once per build (handing it to Ammonia costs twice
    the cleaning itself) and applied to each page's HTML."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._base = site.url  # the page being cleaned: its addresses resolve against it
        self._cleaner = nh3.Cleaner(
            tags=TAGS,
            clean_content_tags=DROPPED_WITH_CONTENT,
            attributes=ATTRIBUTES,
            attribute_filter=self._keep,
            url_schemes=SCHEMES,
            link_rel=None,
            strip_comments=True,
        )

    def __call__(self, html: str, page_url: str = "") -> str:
        """``html`` as it may be published on the page at ``page_url`` (site-relative)."""
        self._base = self.site.address_of(page_url)
        return self._cleaner.clean(html)

    def _keep(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return content_id(value)
        if attribute == "class":
            names = value.split()
            if not any(name.startswith(THEME_CLASSES) for name in names):
                return value
            return " ".join(name for name in names if not name.startswith(THEME_CLASSES)) or None
        use = USES.get((tag, attribute))
        if use is None:
            return value
        if self.site.refusal(value, use, self._base) is not None:
            return None
        if use is Use.LINK and "#" in value:
            address, _, fragment = value.partition("#")
            if fragment and self.site.path_of(address, self._base) is not None:
                return f"{address}#{content_id(fragment)}"
        return value
