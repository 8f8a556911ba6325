"""The site engine's warnings (MkDocs' English link checks) as the
portfolio's own problems: in Swedish, naming the file, the line where the
link is written and what to do. Works on the warnings' text only."""

from __future__ import annotations

import re
from collections.abc import Callable

from portfolj.messages import Problem

_CHECK = "Kontrollera filnamnet."
_PATTERNS: tuple[tuple[re.Pattern, Callable[[re.Match], str]], ...] = (
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']*)', but the target(?: '[^']*')? is not "
                r"found among documentation files\.(?: Did you mean '(?P<guess>[^']*)'\?)?"),
     lambda m: f"Länken till '{m['link']}' leder ingenstans: det finns ingen sådan sida. "
               + (f"Menade du '{m['guess']}'?" if m["guess"] else _CHECK)),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']*)', but there is no such anchor on "
                r"this page\."),
     lambda m: f"Länken '{m['link']}' pekar på en rubrik som inte finns på sidan. Kontrollera rubrikens namn."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']*)', but the doc '(?P<doc>[^']+)' does "
                r"not contain an anchor '#[^']*'\."),
     lambda m: f"Länken '{m['link']}' pekar på en rubrik som inte finns i {m['doc']}. Kontrollera rubrikens namn."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']*)', it was left as is\."),
     lambda m: f"Länken '{m['link']}' börjar med /. Skriv den relativt till filen, till exempel ../sida.md, "
               "så fungerar den var webbplatsen än publiceras."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']*)', it was "
                r"left as is\.(?: Did you mean '(?P<guess>[^']*)'\?)?"),
     lambda m: f"Länken '{m['link']}' känns inte igen som en sida: länka till sidans fil, till exempel "
               + (f"'{m['guess']}'." if m["guess"] else "'annan-sida.md'.")),
)


def engine_problem(message: str, shown: Callable[[str], str], read: Callable[[str], str | None]) -> Problem:
    """A warning as a problem. ``shown`` gives the path shown for a page's
    source path; ``read`` its text (None when it is not a file on disk)."""
    for pattern, swedish in _PATTERNS:
        match = pattern.match(message)
        if match:
            return Problem(shown(match["file"]), _line_of(read(match["file"]), match["link"]), None, swedish(match))
    return Problem("mkdocs.yml", None, None, f"Webbplatsmotorn varnar (på engelska): {message}")


def _line_of(text: str | None, link: str) -> int | None:
    """The first line where the link is written (as a link target or an
    address in HTML)."""
    if not text or not link:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if f"({link}" in line or f"<{link}>" in line or f'"{link}"' in line or f"'{link}'" in line or f"]: {link}" in line:
            return number
    return None
