"""Full-text search for the built site, with Pagefind.

Pagefind stems Swedish words on both sides (a search for "skolor" finds
"skola") and splits its index into small chunks, so a visitor downloads only
what a query needs, also with ten thousand initiatives. Only initiatives
and challenges are indexed, so every hit leads to one of them; a
challenge's title says that it is one.

Search indexes what the content model says about an initiative (see
``search_document``), not the rendered page: the index is fed as soon as each
body is converted, so Pagefind indexes and writes on another core while the
pages are rendered, instead of reading every page again after the build.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import threading
import zlib
from pathlib import Path

from markupsafe import escape
# The binary's own package: ``pagefind.service`` finds it too, but imports
# asyncio for its client, which SearchIndex replaces, on every build.
from pagefind_bin import get_executable

from portfolj.portfolio import Entry, Portfolio

def search_document(portfolio: Portfolio, entry: Entry, body_html: str) -> str:
    """The HTML Pagefind indexes for an initiative: its title (the result's
    title), description, the labels it is filed under (in the taxonomies
    with ``search``), the names of its partners, funders and contact, and its
    sanitised body."""
    data = entry.data
    words = [portfolio.term(name, term_id).label for name in portfolio.fields_where("search")
             for term_id in portfolio.term_ids(entry, name)]
    words += [*data.tags, *data.partners, *(grant.funder for grant in data.funding)]
    if data.contact:
        words.append(data.contact.name)
    return (f"<html><body><h1>{escape(data.title)}</h1><p>{escape(data.description)}</p>"
            f"<p>{escape(', '.join(words))}</p>{body_html}</body></html>")


def challenge_search_document(portfolio: Portfolio, challenge: Entry, body_html: str) -> str:
    """A challenge is found like an initiative, and its title says it is a challenge."""
    data = challenge.data
    words = [portfolio.term(name, term_id).label for name in ("areas", "sdgs") for term_id in getattr(data, name)]
    words += [data.organisation, *([data.contact.name] if data.contact else [])]
    return (f"<html><body><h1>{CHALLENGE_MARK}{escape(data.title)}</h1><p>{escape(data.description)}</p>"
            f"<p>{escape(', '.join(words))}</p>{body_html}</body></html>")


# What a challenge's title begins with in the search results.
CHALLENGE_MARK = "Utmaning: "


class SearchIndexError(RuntimeError):
    pass


# Beside the index: for each initiative, in the order the list of all
# initiatives shows them, the id Pagefind gives its results (the name of its
# fragment). The list's filter searches with Pagefind and finds its cards so.
SEARCH_FOLDER = "pagefind"  # from the site root
POSITIONS = "positions.json"
_FRAGMENT_URL = re.compile(rb'^pagefind_dcd\{"url":"((?:[^"\\]|\\.)*)"')


def write_positions(folder: Path, urls: list[str]) -> None:
    """Write POSITIONS into the index ``folder``: ``urls`` are the initiatives'
    addresses as indexed, in list order."""
    fragment_of: dict[str, str] = {}
    for fragment in (folder / "fragment").glob("*.pf_fragment"):
        # The address comes first: unpack only the beginning of each fragment.
        start = zlib.decompressobj(wbits=31).decompress(fragment.read_bytes(), 2048)
        found = _FRAGMENT_URL.match(start)
        if found:
            fragment_of[json.loads(b'"' + found[1] + b'"')] = fragment.stem
    positions = [fragment_of.get(url) for url in urls]
    (folder / POSITIONS).write_text(json.dumps(positions, separators=(",", ":")), encoding="utf-8")


def pagefind_executable() -> Path:
    try:
        return get_executable()
    except FileNotFoundError:
        raise SearchIndexError("Sökindexet kunde inte byggas: Pagefind saknas. Installera projektet igen.") from None


class SearchIndex:
    """A Pagefind index in the making, backed by Pagefind's own service.

    The service speaks base64-encoded JSON messages separated by commas.
    The ``pagefind`` package's asyncio client reads one reply per tenth of
    a second, which would take twenty minutes for ten thousand pages, so this
    client writes requests without waiting and collects replies on a thread.
    """

    def __init__(self, language: str = "sv") -> None:
        self._process = subprocess.Popen([str(pagefind_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._replies: dict[int, dict] = {}
        self._replied = threading.Condition()
        self._sent = 0
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()
        created = self._wait(self._send({"type": "NewIndex", "config": {"force_language": language}}))
        self._index_id = created["index_id"]
        self.pages = 0
        self._writer: threading.Thread | None = None
        self._failure: str | None = None

    def add(self, url: str, html: str) -> None:
        """Index one page, published at ``url`` (from the site root, e.g. ``/initiatives/x/``)."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_path": None,
                    "file_contents": html}, flush=False)
        self.pages += 1

    def start_writing(self, folder: Path, positions: list[str]) -> None:
        """Write the index into ``folder`` once every page is indexed, and
        POSITIONS for the initiatives at ``positions`` (see write_positions),
        in the background: the rest of the site can be rendered meanwhile,
        also while every fragment Pagefind wrote is read back."""
        if self._writer is not None:
            return
        self._process.stdin.flush()
        self._writer = threading.Thread(target=self._write, args=(folder, positions), daemon=True)
        self._writer.start()

    def finish(self) -> None:
        """Wait until the index is written, then stop the service."""
        try:
            if self._writer is not None:
                self._writer.join()
            if self._failure:
                raise SearchIndexError(f"Sökindexet kunde inte byggas: {self._failure}")
        finally:
            self.close()

    def close(self, abandon: bool = False) -> None:
        """Stop the service, at once with ``abandon`` (what it writes is not wanted)."""
        if self._process.poll() is None:
            if abandon:
                self._process.kill()
            else:
                self._process.stdin.close()
            self._process.wait()

    # Protocol ---------------------------------------------------------------

    def _write(self, folder: Path, positions: list[str]) -> None:
        indexed = self._sent  # the last page sent; replies come in order
        errors = [reply["message"] for reply in self._replies_up_to(indexed) if reply["type"] == "Error"]
        if errors:
            self._failure = "; ".join(errors[:3])
            return
        written = self._wait(self._send({"type": "WriteFiles", "index_id": self._index_id,
                                         "output_path": str(folder)}))
        if written["type"] == "Error":
            self._failure = written["message"]
        else:
            try:
                write_positions(folder, positions)
            except OSError as error:
                self._failure = str(error)

    def _send(self, payload: dict, flush: bool = True) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        self._process.stdin.write(base64.b64encode(message) + b",")
        if flush:
            self._process.stdin.flush()
        return self._sent

    def _wait(self, message_id: int) -> dict:
        with self._replied:
            self._replied.wait_for(lambda: message_id in self._replies or not self._reader.is_alive())
        if message_id not in self._replies:
            raise SearchIndexError("Sökindexet kunde inte byggas: Pagefind avslutades oväntat.")
        return self._replies[message_id]

    def _replies_up_to(self, message_id: int) -> list[dict]:
        self._wait(message_id)
        return [reply for number, reply in self._replies.items() if number <= message_id]

    def _read_replies(self) -> None:
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            replies = [json.loads(base64.b64decode(message)) for message in messages]
            with self._replied:
                for reply in replies:
                    self._replies[_message_id(reply)] = reply["payload"]
                self._replied.notify_all()
        with self._replied:
            self._replied.notify_all()


def _message_id(reply: dict) -> int | None:
    """A request the service could not read is answered without its id, but
    with the request itself."""
    if "message_id" in reply and reply["message_id"] is not None:
        return reply["message_id"]
    original = reply["payload"].get("original_message")
    return json.loads(original).get("message_id") if original else None
