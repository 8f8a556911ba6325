"""What may be published from the content folder, decided before the engine
sees it: the engine renders every Markdown file it finds, copies every other
file as it is, and follows symbolic links wherever they lead.

- Pages: each content kind's Markdown files (``KINDS``) and the editorial
  pages (``PAGES``), all validated and sanitised. Any other Markdown file the
  engine would render is refused.
- Other files: only passive ones (``STATIC_KINDS``), whose first bytes must
  match their kind. SVG can carry scripts and is refused: PNG or WebP show the
  same picture.
- No symbolic links: a link can lead outside ``content/`` (to ``/etc/passwd``
  or ``/proc/self/environ``, which would publish CI's secrets), and a linked
  folder would publish its pages a second time, unvalidated.

Names starting with a dot are the engine's to ignore (it never publishes them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from portfolj.messages import Problem, shown_path
from portfolj.portfolio import CHALLENGES, INITIATIVES

# The suffixes the engine renders as Markdown (as mkdocs.utils.markdown_extensions).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


@dataclass(frozen=True)
class ContentKind:
    """A folder of content/ whose Markdown files are pages of one kind."""

    folder: str  # under content/, e.g. "initiatives"
    label: str  # Swedish, in messages: "initiativ"


# Adding a kind of content is one entry here (its loader and model aside).
KINDS = (ContentKind(INITIATIVES, "initiativ"), ContentKind(CHALLENGES, "utmaningar"))
# Editorial pages outside the kinds' folders, by path in content/: the template each is shown with.
PAGES = {"index.md": "portfolio/home.html"}


@dataclass(frozen=True)
class StaticKind:
    name: str  # Swedish, in messages
    suffixes: tuple[str, ...]
    signatures: tuple[bytes, ...]  # what such a file begins with
    at: int = 0  # where the signature starts


STATIC_KINDS = (
    StaticKind("JPEG-bild", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    StaticKind("PNG-bild", (".png",), (b"\x89PNG\r\n\x1a\n",)),
    StaticKind("GIF-bild", (".gif",), (b"GIF87a", b"GIF89a")),
    StaticKind("WebP-bild", (".webp",), (b"WEBP",), at=8),
    StaticKind("AVIF-bild", (".avif",), (b"ftypavif", b"ftypavis"), at=4),
    StaticKind("PDF-dokument", (".pdf",), (b"%PDF-",)),
)
_BY_SUFFIX = {suffix: kind for kind in STATIC_KINDS for suffix in kind.suffixes}
_ALLOWED = "bilder (JPEG, PNG, GIF, WebP, AVIF) och PDF-dokument"


def publication_problems(content_dir: Path, shown_root: Path) -> list[Problem]:
    """Every file and link in ``content_dir`` that may not be published."""
    problems = []

    def walk(folder: str, prefix: str) -> None:
        # Paths as text and the folder's own listing (no call per file to ask
        # if it is a link): this runs for every file of every build and rebuild.
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:  # not there, or not readable: nothing in it is published
            return
        for entry in entries:
            if entry.name.startswith("."):  # never published; a linked folder is not entered
                continue
            if entry.is_symlink():
                problems.append(_symlink_problem(Path(entry.path), content_dir, shown_root))
            elif entry.is_dir():
                walk(entry.path, f"{prefix}{entry.name}/")
            elif (message := file_refusal(prefix + entry.name, Path(entry.path))) is not None:
                problems.append(Problem(shown_path(Path(entry.path), shown_root), None, None, message))

    walk(str(content_dir), "")
    return sorted(problems, key=lambda problem: problem.path)


def file_refusal(relative: str, path: Path) -> str | None:
    """Why the file at ``relative`` (in content/) may not be published, or None."""
    if relative.endswith(MARKDOWN_SUFFIXES):
        return _page_refusal(relative)
    suffix = Path(relative).suffix.lower()
    if suffix == ".svg":
        return ("SVG-bilder kan innehålla skript och publiceras inte. Spara bilden som PNG eller WebP "
                "och ändra sökvägen till den.")
    kind = _BY_SUFFIX.get(suffix)
    if kind is None:
        return (f"Filen publiceras inte: i mappen content/ får bara {_ALLOWED} ligga, utöver "
                "textfilerna (.md). Ta bort filen eller flytta den utanför content/.")
    with path.open("rb") as stream:
        start = stream.read(kind.at + max(map(len, kind.signatures)))
    if not any(start[kind.at:].startswith(signature) for signature in kind.signatures):
        return (f"Filen heter {suffix} men är ingen {kind.name}: innehållet är av ett annat slag. "
                f"Spara den på nytt som {kind.name} eller ta bort den.")
    return None


def _page_refusal(relative: str) -> str | None:
    if relative in PAGES:
        return None
    for kind in KINDS:
        if relative.startswith(f"{kind.folder}/"):
            if not relative.endswith(".md"):
                return (f"Filen har fel filändelse: filerna i content/{kind.folder}/ ({kind.label}) ska sluta "
                        "på .md. Byt namn på filen.")
            if relative.rpartition("/")[2] == "index.md":
                return ("Filnamnet index.md är reserverat för sidan som visar mappen. Ge filen ett eget namn, "
                        "till exempel sidans titel med bindestreck.")
            return None
    folders = " och ".join(f"content/{kind.folder}/ ({kind.label})" for kind in KINDS)
    pages = " och ".join(f"content/{page}" for page in PAGES)
    return (f"Textfilen publiceras inte: sidor får bara ligga i {folders} eller vara {pages}. "
            "Flytta filen dit eller ta bort den.")


def _symlink_problem(path: Path, content_dir: Path, shown_root: Path) -> Problem:
    inside = path.resolve().is_relative_to(content_dir.resolve())
    where = "till en plats i content/" if inside else "till en plats utanför content/"
    return Problem(shown_path(path, shown_root), None, None,
                   f"Det här är en symbolisk länk (genväg) {where}. Bara riktiga filer i content/ "
                   "publiceras: ersätt länken med en kopia av filen eller mappen, eller ta bort den.")
