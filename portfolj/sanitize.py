"""Communicators' Markdown may contain HTML; the page keeps only an
allow-list of it (Ammonia, through nh3): the tags and attributes writers
legitimately use, web and mail links only, and video frames only from the
configured hosts, images only from the site itself. Scripts, event
handlers, styles and forms are dropped."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import nh3

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
SCHEMES = {"http", "https", "mailto"}
# Removed together with what they contain, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "object", "embed", "form", "textarea", "select"}


def sanitize(html: str, embed_hosts: tuple[str, ...] = ()) -> str:
    return _cleaner(embed_hosts).clean(html)


@cache
def _cleaner(embed_hosts: tuple[str, ...]) -> nh3.Cleaner:
    """Built once: handing the allow-list to Ammonia costs twice the cleaning itself."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and parts.hostname in embed_hosts else None
        if tag == "img" and attribute == "src":
            # Images come from the site itself: another host would learn who reads the page.
            parts = urlsplit(value)
            return value if not parts.scheme and not parts.netloc else None
        return value

    return nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
