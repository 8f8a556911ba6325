"""Addresses judged the way a browser reads them.

Python's URL functions disagree with browsers about backslashes, tabs and
newlines, user-info, percent-encoded separators and more; a check built on
them can be walked around. Every address from content is therefore parsed
by ada (the WHATWG URL standard, as browsers implement it), resolved against
the address it will really be read from, and allowed only when the result
is provably allowed:

- a link (``<a href>``) leads to a web page or a mail address;
- an image stays on the site, inside the site's own folder;
- a frame (``<iframe src>``) is https from one of the ``embed_hosts``.

No address may carry a user name or password: ``https://kommun.se@evil.example/``
looks like the municipality's site and leads elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath
from urllib.parse import unquote

from ada_url import URL

# What any address resolves against when the site's own address is not known
# (``portfolj check`` outside a project): a host no one can own.
UNKNOWN_SITE = "https://webbplatsen.invalid/"


class Use(Enum):
    """Where an address is used, which decides what it may point to."""

    LINK = "länken"
    IMAGE = "bilden"
    FRAME = "den inbäddade videon"


LINK_SCHEMES = {"http:", "https:", "mailto:"}


@dataclass(frozen=True)
class Site:
    """Where the site is published, and which hosts' videos it may embed."""

    url: str = UNKNOWN_SITE
    embed_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        root = URL(self.url if self.url.endswith("/") else f"{self.url}/")
        object.__setattr__(self, "_root", root)

    def address_of(self, path: str) -> str:
        """The published address of a site-relative path (``initiatives/a/``)."""
        return URL(path.lstrip("/"), self._root.href).href

    def path_of(self, address: str, base: str) -> str | None:
        """The site-relative path an address on this site names (decoded,
        without query or fragment), or None if it is not on this site."""
        try:
            url = URL(address, base)
        except ValueError:
            return None
        return unquote(url.pathname[len(self._root.pathname):]) if self._on_site(url) else None

    def _on_site(self, url: URL) -> bool:
        root = self._root
        return (url.origin == root.origin and not url.username and not url.password
                and url.pathname.startswith(root.pathname))

    def refusal(self, address: str, use: Use, base: str) -> str | None:
        """Why ``address``, read on the page at ``base``, is not allowed for
        ``use`` (a Swedish sentence), or None when it is."""
        try:
            url = URL(address, base)
        except ValueError:
            return f"Adressen '{_shown(address)}' går inte att läsa som en webbadress. Rätta den."
        if url.username or url.password:
            return (f"Adressen '{_shown(address)}' innehåller ett användarnamn (tecknet @ före webbplatsens namn): "
                    "den ser ut att leda till en webbplats men leder till en annan. Skriv adressen utan det.")
        if use is Use.LINK:
            if url.protocol in LINK_SCHEMES:
                return None
            return (f"Länken '{_shown(address)}' är inte tillåten: länkar får bara gå till webbsidor (https://…) "
                    "eller e-postadresser (mailto:…). Rätta eller ta bort länken.")
        if use is Use.IMAGE:
            if self._on_site(url):
                return None
            return (f"Bilden '{_shown(address)}' ligger inte på webbplatsen. Bilder från andra webbplatser är inte "
                    "tillåtna: de skulle visa den webbplatsen vem som läser sidan. Ladda ner bilden (om licensen "
                    "tillåter det), lägg den i mappen content/ och skriv sökvägen dit, till exempel ../bilder/foto.jpg.")
        if url.protocol == "https:" and not url.port and url.hostname in self.embed_hosts:
            return None
        allowed = ", ".join(self.embed_hosts) or "inga"
        return (f"Videon '{_shown(address)}' får inte bäddas in: bara https-adresser från webbplatserna i embed_hosts "
                f"i mkdocs.yml är tillåtna ({allowed}). Länka till videon i stället.")


def directory_url(path: str) -> str:
    """Where a source file is published with MkDocs' directory URLs, the
    default when no engine resolves links: ``initiatives/a.md`` → ``initiatives/a/``."""
    stem = PurePosixPath(path).with_suffix("")
    return "" if str(stem) == "index" else (f"{stem.parent}/" if stem.name == "index" else f"{stem}/")


def _shown(address: str) -> str:
    """The address as a message can show it: a tab or line break in it is
    exactly what makes it dangerous, so it is named, not printed."""
    return address if address.isprintable() else "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" for c in address)
