"""The Content Security Policy of every public page, as a ``<meta>`` element
(static hosts cannot send headers): defence in depth behind the sanitiser.
Scripts, styles, images, fonts and connections come only from the site
itself; inline event handlers never run; frames only from ``embed_hosts``.

The theme's few inline scripts are allowed by their SHA-256 hashes, taken
from each page as built, but never from the page's body: a script that got
through the sanitiser there is exactly what the policy must stop.
Pagefind's search runs WebAssembly, hence ``'wasm-unsafe-eval'`` (which
allows compiling WebAssembly, not JavaScript's eval). Material's icons are
``data:`` images in its stylesheet.

The preview (`mkdocs serve`) adds its reload script to every page it
serves, different on each request: there inline scripts are allowed, on
the writer's own machine; the published site never allows them.

The web editor at /admin/ keeps its own policy (``portfolj.cms.admin_page``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
# Scripts of these types are data the browser never runs: the policy does not cover them.
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def public_policy(page: str, body: str, embed_hosts: tuple[str, ...] = (), preview: bool = False) -> str:
    """The policy for ``page`` (its whole HTML), whose content ``body`` came from writers."""
    theme_part = page.replace(body, "") if body else page
    hashes = ["'unsafe-inline'"] if preview else sorted({
        _hash(script) for attributes, script in _INLINE_SCRIPT.findall(theme_part)
        if "src=" not in attributes and not _DATA_TYPE.search(attributes)})
    frames = " ".join(f"https://{host}" for host in embed_hosts) or "'none'"
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        f"frame-src {frames}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(page: str, policy: str) -> str:
    """``page`` with its policy as the first thing after the character set,
    before any script or style it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    charset = _CHARSET.search(page)
    if charset is not None:
        return f"{page[:charset.end()]}\n    {meta}{page[charset.end():]}"
    return page.replace("<head>", f"<head>\n    {meta}", 1)


@cache
def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
