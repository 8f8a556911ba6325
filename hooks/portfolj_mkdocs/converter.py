"""One Markdown converter for every page of a build.

MkDocs makes a new Python-Markdown converter for each page (`Page.render`),
loading every extension again, which costs more than converting a
portfolio page's short text (see README, Bygge). Python-Markdown is made to
be reused: `Markdown.reset` clears what one text left behind, also in the
extensions. `Converter.render` does what `Page.render` does with the
engine's own processors for links, anchors and the title, registered again
for each page on the one converter. It keeps each page's links to anchors
for the link check also with ``--verbose``, as ProperDocs does (MkDocs 1.6
drops them at its debug level).
"""

from __future__ import annotations

from functools import partial

import markdown
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor, _RawHTMLPreprocessor,
    _RelativePathTreeprocessor, get_toc,
)


class Converter:
    """The converter of one build, with the site's Markdown extensions."""

    def __init__(self, config) -> None:
        self._markdown = markdown.Markdown(extensions=config.markdown_extensions,
                                           extension_configs=config.mdx_configs or {})

    def take(self, page: Page) -> None:
        """Convert ``page`` with this converter when MkDocs renders it."""
        page.render = partial(self.render, page)

    def render(self, page: Page, config, files: Files) -> None:
        """`Page.render` of ``page``."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._markdown.reset()
        raw_html, anchors = _RawHTMLPreprocessor(), _ExtractAnchorsTreeprocessor(page.file, files, config)
        links, title = _RelativePathTreeprocessor(page.file, files, config), _ExtractTitleTreeprocessor()
        for processor in (raw_html, anchors, links, title):
            processor._register(md)  # replaces the last page's, by name
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        page.links_to_anchors = links.links_to_anchors
