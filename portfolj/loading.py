"""Reading a project: the taxonomy file and the initiative files, with
strict YAML front matter, validated by the model.

Every problem in every file is collected, so one run reports them all.
"""

from __future__ import annotations

import bisect
import html
import os
import posixpath
import re
import struct
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import imagesize
import yaml
from pydantic import BaseModel, ValidationError

from portfolj.forked import Forked, can_fork
from portfolj.formatting import number
from portfolj.guide import DESCRIPTION_PROMPT, PROMPTS
from portfolj.messages import Problem, problems_from_error
from portfolj.messages import shown_path
from portfolj.history import journey, read_git_history, reference_date
from portfolj.model import EditorialPage, Source, challenge_model_for, model_for, run_time_classes
from portfolj.portfolio import CHALLENGES, INITIATIVES, Portfolio
from portfolj.published import PAGES, publication_problems
from portfolj.taxonomy import Taxonomies, load_taxonomies, slugify
from portfolj.urls import Site, Use, directory_url
from portfolj.yamlfile import StrictLoader, descend, explain_syntax_error, line_finder, uses_anchors

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# ----------------------------------------------------------------------------
# The project
# ----------------------------------------------------------------------------


class ReadCache:
    """What reading found, kept between the preview's rebuilds: a file is
    read and validated again only when its size or modification time
    changed, or when what it is validated against did (the taxonomy file,
    the challenges that exist).

    When the system tells of every change in the content (see `hear`), a
    rebuild looks only at the files it was told of: no listing of the
    folders and no look at each file's time. A file that came, went or
    moved is added to or removed from the folders' listings (they are
    listed again only when a folder did so), and the check of what may be
    published (`publication_problems`) is made again only then or when a
    file other than a page changed."""

    def __init__(self) -> None:
        self._vocabularies: tuple[bytes, tuple] | None = None
        self._challenge_model: type[BaseModel] | None = None
        self._against: object = None
        self._results: dict[Path, tuple[tuple[int, int], tuple[Source | None, list[Problem]]]] = {}
        self._lock = threading.Lock()  # the system tells from another thread
        self._heard: set[str] | None = None  # the paths changed since the last build began; None: not told
        self._came_or_went: set[str] = set()  # of those, the ones made, removed or moved
        self._everything_heard = True  # look at every file: a folder came, went or moved, or nothing was told yet
        self._this_build: set[str] | None = None  # what this build was told changed; None: look at everything
        self.came_or_went: set[str] | None = None  # of those, the ones made, removed or moved; None: not told
        self._listings: dict[Path, list[Path]] = {}  # see listing
        self._checked: list[Problem] | None = None  # publication_problems

    def hear(self) -> None:
        """From now on the system tells (`heard`) of every change in the
        content. The next build looks at everything once more: what changed
        before the telling began."""
        with self._lock:
            self._heard, self._everything_heard = set(), True

    def heard(self, path: str, came_or_went: bool = False, folder: bool = False) -> None:
        """The file at ``path`` changed (``came_or_went``: was made, removed
        or moved; ``folder``: it is a folder)."""
        with self._lock:
            if self._heard is not None:
                path = os.path.normpath(path)
                self._heard.add(path)
                if came_or_went:
                    self._came_or_went.add(path)
                self._everything_heard |= folder

    def begin(self) -> None:
        """A build begins: what it needs to look at is what was told since the last one."""
        with self._lock:
            heard, came_or_went, everything = self._heard, self._came_or_went, self._everything_heard
            if heard is not None:
                self._heard, self._came_or_went, self._everything_heard = set(), set(), False
        self._this_build = None if heard is None or everything else heard
        self.came_or_went = None if self._this_build is None else came_or_went
        if self._this_build is None:
            self._listings, self._checked = {}, None
        elif came_or_went:
            self._checked = None
            for path in came_or_went:
                self._came_or_went_from_listings(Path(path))

    def _came_or_went_from_listings(self, file: Path) -> None:
        for folder, files in self._listings.items():
            if _listed(file.name) and file.is_relative_to(folder):
                there, index = os.path.lexists(file), bisect.bisect_left(files, file)
                listed = index < len(files) and files[index] == file
                if there and not listed:
                    files.insert(index, file)
                elif listed and not there:
                    del files[index]

    def listing(self, folder: Path) -> list[Path]:
        """`markdown_files` of ``folder``: listed once, then kept up to date by what the system tells."""
        if folder not in self._listings:
            self._listings[folder] = markdown_files(folder)
        return self._listings[folder]

    def checked(self, check: Callable[[], list[Problem]]) -> list[Problem]:
        """``check()`` (publication_problems), kept while only pages changed."""
        if self._checked is None or any(not path.endswith(".md") for path in self._this_build):
            self._checked = check()
        return list(self._checked)  # the caller adds to it

    def vocabularies(self, taxonomy_file: Path, shown_root: Path) -> tuple:
        """``load_vocabularies``, the same objects while the file is the same."""
        try:
            text = taxonomy_file.read_bytes()
        except OSError:
            return load_vocabularies(taxonomy_file, shown_root)
        if self._vocabularies is None or self._vocabularies[0] != text:
            self._vocabularies = text, load_vocabularies(taxonomy_file, shown_root)
            self._challenge_model = None
        return self._vocabularies[1]

    def challenge_model(self, taxonomies: Taxonomies) -> type[BaseModel]:
        """``challenge_model_for``, the same class while the taxonomy file is the same."""
        if self._challenge_model is None:
            self._challenge_model = challenge_model_for(taxonomies)
        return self._challenge_model

    def against(self, *what: object) -> None:
        """Forget every result when what files are validated against changed."""
        if what != self._against:
            self._against, self._results = what, {}

    def read(self, file: Path, read: Callable[[], tuple[Source | None, list[Problem]]]
             ) -> tuple[Source | None, list[Problem]]:
        kept = self._results.get(file)
        told = self._this_build is not None and str(file) in self._this_build
        # An image is another file, which may have gone since.
        again = told or kept is None or getattr(getattr(kept[1][0], "data", None), "image", None)
        if not again and self._this_build is not None:
            return kept[1]  # not told of a change
        try:
            stat = file.stat()
        except OSError:
            return read()
        stamp = (stat.st_mtime_ns, stat.st_size)
        if again or kept[0] != stamp:
            kept = self._results[file] = stamp, read()
        return kept[1]


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None, drafts: bool = False,
    site: Site = Site(), history: bool = False, cache: ReadCache | None = None, previous: Portfolio | None = None,
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio (initiatives, challenges and editorial
    pages), or None and every problem found. Drafts are included only when
    ``drafts`` is true (the preview); addresses are judged as read on
    ``site``. With ``history`` each initiative's journey is read from Git as
    well. With ``cache`` only changed files are read again; the preview's
    ``previous`` portfolio is taken again when only bodies changed (see
    `Portfolio.take_new_bodies`)."""
    shown_root = shown_root or content_dir.parent
    if cache is not None:
        cache.begin()
    taxonomies, model, problems = (cache.vocabularies(taxonomy_file, shown_root) if cache is not None
                                   else load_vocabularies(taxonomy_file, shown_root))
    if problems:
        return None, problems
    problems = (cache.checked(lambda: publication_problems(content_dir, shown_root)) if cache is not None
                else publication_problems(content_dir, shown_root))
    context = challenge_context(content_dir)
    if cache is not None:
        cache.against(model, sorted(context["challenges"]), site)
    challenge_model = cache.challenge_model(taxonomies) if cache is not None else challenge_model_for(taxonomies)
    challenges, found = read_initiatives(content_dir, challenge_model, CHALLENGES, shown_root, site, cache=cache)
    problems += found
    sources, found = read_initiatives(content_dir, model, INITIATIVES, shown_root=shown_root, site=site,
                                      context=context, cache=cache)
    problems += found
    pages = []
    for relative in PAGES:
        file = content_dir / relative
        if file.is_file() and not file.is_symlink():
            page, found = read_initiative(file, content_dir, EditorialPage, shown_path(file, shown_root), site)
            problems += found
            pages += [page] if page else []
    if problems:
        return None, sorted(problems, key=lambda p: (p.path, p.line or 0))
    if previous is not None and drafts and previous.take_new_bodies(sources, challenges, pages):
        return previous, []
    portfolio = Portfolio.from_sources(sources, taxonomies, model, drafts, challenges, challenge_model, pages)
    if history:
        git = read_git_history(content_dir, INITIATIVES, taxonomies)
        for entry in portfolio:
            entry.history = journey(entry.data.history, git.versions.get(entry.slug, []))
        portfolio.as_of, portfolio.history_notice = reference_date(git), git.notice
    return portfolio, []


def challenge_context(content_dir: Path) -> dict:
    """What initiatives are validated against: the challenges that exist
    (their files, valid or not, so a broken challenge is reported once)."""
    return {"challenges": {file.stem for file in (content_dir / CHALLENGES).rglob("*.md")} - {"index"}}


def load_vocabularies(
    taxonomy_file: Path, shown_root: Path
) -> tuple[Taxonomies | None, type[BaseModel] | None, list[Problem]]:
    """The taxonomies and the model bound to them, or the problems of the file."""
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        return taxonomies, model_for(taxonomies), []
    except ValidationError as error:
        return None, None, problems_from_error(error, Taxonomies, shown,
                                               line_finder(taxonomy_file.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]


# ----------------------------------------------------------------------------
# One file
# ----------------------------------------------------------------------------


class _FrontMatter:
    """Parsed front matter that knows the file line of every value."""

    def __init__(self, node: yaml.MappingNode, first_line: int):
        self.node = node
        self.first_line = first_line

    def line_of(self, loc: tuple) -> int:
        return descend(self.node, loc, partial=True).start_mark.line + self.first_line


# A page of text is a few kilobytes; a megabyte is a pasted picture or a mistake.
MAX_FILE_BYTES = 1_000_000

_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^---[ \t]*\r?$", re.M)


def read_initiative(
    file: Path, content_dir: Path, model: type[BaseModel], shown: str, site: Site = Site(),
    context: dict | None = None,
) -> tuple[Source | None, list[Problem]]:
    """Validate one file (an initiative, a challenge or an editorial page,
    by ``model``). ``shown`` is the path used in messages; its addresses are
    judged as read on ``site``; ``context`` reaches the model's validators
    (the slugs of the challenges that exist)."""

    def problem(message: str, line: int | None = None, field: str | None = None) -> list[Problem]:
        return [Problem(shown, line, field, message)]

    text, unreadable = _read_text(file, shown)
    if unreadable:
        return None, unreadable

    opening = _OPENING.match(text)
    if not opening:
        return None, problem(
            "Filen saknar front matter. Den ska börja med en rad med bara tre bindestreck (---), "
            "sedan fälten (till exempel title: ...) och sist en ny rad med ---.", 1)
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return None, problem(
            "Front matter avslutas aldrig. Lägg till en rad med bara tre bindestreck (---) "
            "efter det sista fältet.", 1)
    # Begins with an empty line standing for the opening '---': YAML's line numbers are the file's less one.
    fm_text = "\n" + text[opening.end():closing.start()]
    body = text[closing.end() + 1:]
    first_body_line = text.count("\n", 0, closing.end()) + 2

    loader = StrictLoader(fm_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        line, message = explain_syntax_error(error, fm_text)
        return None, problem(message, None if line is None else line + 1)
    finally:
        loader.dispose()

    if not isinstance(node, yaml.MappingNode):
        return None, problem(
            "Front matter ska bestå av fält på formen namn: värde, ett per rad "
            "(till exempel title: Idésluss), inte en lista eller en ensam text.", 2)
    if uses_anchors(fm_text):
        return None, problem(
            "Front matter använder YAML-ankare eller hänvisningar (&namn eller *namn). De behövs aldrig "
            "i ett initiativ och kan få en liten fil att bli enorm: skriv ut värdet i stället, eller sätt "
            'texten inom citattecken om tecknet & eller * hör till texten ("Vård & omsorg").')

    front = _FrontMatter(node, first_line=1)
    problems = _duplicate_keys(node, front.first_line, shown)

    try:
        data = model.model_validate(data, context=context)
    except ValidationError as error:
        problems += problems_from_error(error, model, shown, front.line_of)
        data = None

    slug = file.stem
    if not SLUG.fullmatch(slug):
        problems += problem(
            f"Filnamnet '{file.name}' får bara innehålla små bokstäver a–z, siffror och "
            f"bindestreck. Byt namn på filen till '{slugify(slug)}.md'.")
    relative = file.relative_to(content_dir).as_posix()
    problems += _body_problems(body, shown, first_body_line, site, relative)
    if data is not None and model is not EditorialPage and not getattr(data, "draft", False):
        problems += _placeholder_problems(data, body, shown, first_body_line, front.line_of(("description",)))
    image_size = None
    if data is not None:
        problems += _link_problems(data, site, relative, shown, front.line_of)
        if getattr(data, "image", None) is not None:
            image_size, found = _read_image(data.image.src, site, relative, content_dir, shown,
                                            front.line_of(("image", "src")))
            problems += found

    if problems or data is None:
        return None, problems
    lines = {key.value: key.start_mark.line + front.first_line for key, _ in node.value}
    return Source(slug=slug, path=relative, data=data, body=body, lines=lines, image_size=image_size), []


def _read_text(file: Path, shown: str) -> tuple[str, list[Problem]]:
    """The file's text in NFC, or why it cannot be read."""
    raw, unreadable = _read_bytes(file)
    if unreadable:
        return "", [Problem(shown, None, None, unreadable)]
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8-sig")), []
    except UnicodeDecodeError as error:
        return "", [Problem(shown, raw[: error.start].count(b"\n") + 1, None,
                            "Filen är inte sparad som UTF-8. Öppna den i en textredigerare och spara "
                            "den med teckenkodningen UTF-8.")]


def _read_bytes(file: Path) -> tuple[bytes, str | None]:
    """The file's bytes, or why they cannot be read, in Swedish."""
    if file.is_symlink() and not file.exists():
        return b"", ("Filen är en länk till en fil som inte finns. Ta bort länken, eller lägg en riktig fil "
                     "med det här namnet i stället.")
    if file.is_dir():
        return b"", (f"'{file.name}' är en mapp, inte en fil. Namn som slutar på .md är till för initiativens "
                     "filer: byt namn på mappen.")
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            return b"", (f"Filen är för stor: {number(file.stat().st_size)} byte, högst {number(MAX_FILE_BYTES)} "
                         "är tillåtna. Kortare text räcker; bilder ska ligga som egna filer i content/ och inte "
                         "klistras in i texten.")
        return file.read_bytes(), None
    except PermissionError:
        return b"", "Filen går inte att läsa: du saknar behörighet. Ändra filens behörigheter så att den kan läsas."
    except OSError:
        return b"", "Filen går inte att läsa. Kontrollera att det är en vanlig textfil som går att öppna."


def _duplicate_keys(node: yaml.Node, first_line: int, shown: str, within: str = "") -> list[Problem]:
    """Keys given twice, at every depth (YAML would silently keep the last)."""
    problems = []
    if isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value, start=1):
            problems += _duplicate_keys(item, first_line, shown, f"{within}, värde {number}" if within else "")
    elif isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            line = key.start_mark.line + first_line
            name = f"{within}, {key.value}" if within else str(key.value)
            if key.value in seen:
                problems.append(Problem(shown, line, name,
                    f"Fältet förekommer flera gånger (första gången på rad {seen[key.value]}). "
                    "Ta bort det ena."))
            seen.setdefault(key.value, line)
            problems += _duplicate_keys(value, first_line, shown, name)
    return problems


_LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s")
_CODE_SPAN = re.compile(r"(`+).*?\1")
# The addresses a body gives, with how the page uses them: Markdown links and
# images (relative to the file), and the HTML attributes the sanitiser keeps
# (relative to the page). What these miss, the sanitiser still removes.
_MARKDOWN_ADDRESS = re.compile(
    r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))+)|^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_HTML_ADDRESS = re.compile(
    r"""<(a|img|iframe)\b[^>]*?\s(href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.I)
_HTML_USES = {("a", "href"): Use.LINK, ("img", "src"): Use.IMAGE, ("iframe", "src"): Use.FRAME}


def _body_problems(body: str, shown: str, first_body_line: int, site: Site, relative: str) -> list[Problem]:
    file_base = site.address_of(posixpath.dirname(relative) + "/")
    page_base = site.address_of(directory_url(relative))
    problems, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=first_body_line):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        if _LEVEL_ONE_HEADING.match(line):
            problems.append(Problem(shown, number, None,
                "Brödtexten har en rubrik på nivå 1 (# ...). Sidans titel är redan huvudrubrik: "
                "använd ## för rubriker, till exempel ## Behov."))
        if "[" not in line and "<" not in line:  # no address: most lines (the expressions cost more than this test)
            continue
        text = _CODE_SPAN.sub("", line)
        addresses = [(Use.IMAGE if match[1] else Use.LINK, (match[2] or match[3]).strip("<>"), file_base)
                     for match in _MARKDOWN_ADDRESS.finditer(text)]
        addresses += [(_HTML_USES[match[1].lower(), match[2].lower()], html.unescape(match[3].strip("\"'")), page_base)
                      for match in _HTML_ADDRESS.finditer(text)]
        for use, address, base in addresses:
            refusal = site.refusal(address, use, base)
            if refusal is not None:
                problems.append(Problem(shown, number, None, refusal))
    return problems


def _link_problems(data: BaseModel, site: Site, relative: str, shown: str, line_of) -> list[Problem]:
    """The front matter's links, judged as the page will use them."""
    base = site.address_of(posixpath.dirname(relative) + "/")
    problems = []
    for number, link in enumerate(getattr(data, "links", ())):
        refusal = site.refusal(str(link.url), Use.LINK, base)
        if refusal is not None:
            loc = ("links", number, "url")
            problems.append(Problem(shown, line_of(loc), "links, url", refusal))
    return problems


def _read_image(src: str, site: Site, relative: str, content_dir: Path, shown: str, line: int
                ) -> tuple[tuple[int, int] | None, list[Problem]]:
    """The front matter's picture, judged as the page will use it, and its
    width and height in pixels: the page gives them, so the text around the
    picture keeps its place while the picture loads."""
    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, "image, src", message)]

    written, base = src, site.address_of(posixpath.dirname(relative) + "/")
    if src.startswith("/") and src[1:2] not in ("/", "\\"):
        src, base = src[1:], site.address_of("")  # from the content folder (see Entry.image_path)
    refusal = site.refusal(src, Use.IMAGE, base)
    if refusal is not None:
        return problem(refusal)
    root = content_dir.resolve()
    target = (root / site.path_of(src, base)).resolve()
    if not target.is_relative_to(root):
        return problem(f"Bildfilen '{written}' ligger utanför mappen content/. Bara filer i content/ publiceras: "
                       "lägg bilden där, till exempel i content/bilder/.")
    if not target.is_file():
        return problem(f"Bildfilen '{written}' finns inte. Lägg bilden i mappen content/ och ange sökvägen "
                       "från initiativets fil, till exempel ../bilder/foto.jpg.")
    try:
        width, height = imagesize.get(target)  # the header only: a few bytes of any size of file
    except (OSError, ValueError, struct.error):
        width = height = -1
    if width <= 0 or height <= 0:
        return problem(f"Bildfilen '{written}' går inte att läsa som bild: dess bredd och höjd går inte att utläsa, "
                       "så filen är trasig eller av ett annat slag än ändelsen säger. Spara bilden på nytt som "
                       "JPEG, PNG eller WebP, till exempel från ett bildprogram.")
    return (width, height), []


def _placeholder_problems(data: BaseModel, body: str, shown: str, first_body_line: int,
                          description_line: int) -> list[Problem]:
    """Help text of the template of `portfolj new` left in a file that is
    to be published."""
    advice = "Skriv egen text i stället, eller skriv draft: true så länge texten inte är klar."
    problems = [Problem(shown, description_line, "description",
                        f"Beskrivningen är fortfarande mallens hjälptext. {advice}")] \
        if data.description == DESCRIPTION_PROMPT else []
    return problems + [
        Problem(shown, number, None, f"Texten innehåller fortfarande mallens hjälptext '{line.strip()}'. {advice}")
        for number, line in enumerate(body.splitlines(), start=first_body_line) if line.strip() in PROMPTS]


# ----------------------------------------------------------------------------
# All files
# ----------------------------------------------------------------------------


# From this many files on, a forked copy of this process reads half of
# them: below it, sending the result back costs more than reading it here.
IN_TWO_PROCESSES_FROM = 200


def read_initiatives(
    content_dir: Path, model: type[BaseModel], folder: str = "initiatives", shown_root: Path | None = None,
    site: Site = Site(), context: dict | None = None, cache: ReadCache | None = None,
) -> tuple[list[Source], list[Problem]]:
    """Validate every Markdown file under ``content_dir/folder`` (only the
    changed ones, with ``cache``)."""
    shown_root = shown_root or content_dir.parent
    files = cache.listing(content_dir / folder) if cache is not None else markdown_files(content_dir / folder)
    if cache is not None:
        results = [cache.read(file, lambda file=file: read_initiative(
            file, content_dir, model, shown_path(file, shown_root), site, context)) for file in files]
    elif len(files) >= IN_TWO_PROCESSES_FROM and can_fork():
        results = _read_in_two_processes(files, content_dir, model, shown_root, site, context)
    else:
        results = _read_each(files, content_dir, model, shown_root, site, context)
    sources, problems, by_slug = [], [], {}
    for file, (source, found) in zip(files, results):
        problems += found
        if file.stem in by_slug:
            problems.append(Problem(shown_path(file, shown_root), None, None,
                f"Två filer har samma namn '{file.name}' (den andra är {shown_path(by_slug[file.stem], shown_root)}). "
                "Varje initiativ behöver ett eget filnamn: byt namn på den ena."))
        by_slug.setdefault(file.stem, file)
        if source is not None:
            sources.append(source)
    problems += [Problem(shown_path(content_dir / source.path, shown_root), source.lines.get("organisation"),
                         "organisation", message) for source, message in _near_duplicate_organisations(sources)]
    return sources, sorted(problems, key=lambda p: (p.path, p.line or 0))


def markdown_files(folder: Path) -> list[Path]:
    """The Markdown files under ``folder``, sorted, but its lists (see `_listed`); and what only
    has such a name (a folder), which read_initiative refuses."""
    return sorted(Path(root, name) for root, folders, names in os.walk(folder) for name in [*folders, *names]
                  if _listed(name))


def _listed(name: str) -> bool:
    """An index.md is the folder's generated list, refused by publication_problems."""
    return name.endswith(".md") and name != "index.md"


def _organisation_key(name: str) -> str:
    return "".join(char for char in name.casefold() if char.isalnum())


def _near_duplicate_organisations(sources: list[Source]) -> list[tuple[Source, str]]:
    """Sources whose organisation differs from a more used one only in case,
    spacing, punctuation or one or two letters at the end
    ("Samhällsbyggnadsförvaltning" beside "Samhällsbyggnadsförvaltningen"):
    one unit would appear twice."""
    uses = Counter(source.data.organisation for source in sources)
    # The most used spelling first; of equally used, the longer (the definite form).
    ranked = sorted(uses, key=lambda name: (-uses[name], -len(name), name))
    keys = {name: _organisation_key(name) for name in ranked}
    preferred: dict[str, str] = {}
    for number, name in enumerate(ranked):
        for better in ranked[:number]:
            short, long = sorted((keys[name], keys[better]), key=len)
            if long.startswith(short) and len(long) - len(short) <= 2 and long[len(short):].isalpha() or short == long:
                preferred[name] = better
                break
    return [(source, f"Organisationen '{source.data.organisation}' liknar '{preferred[source.data.organisation]}', "
             f"som används i {uses[preferred[source.data.organisation]]} initiativ. Menade du "
             f"'{preferred[source.data.organisation]}'? Skriv namnet exakt likadant, annars visas enheten två gånger.")
            for source in sources if source.data.organisation in preferred]


def _read_in_two_processes(
    files: list[Path], content_dir: Path, model: type[BaseModel], shown_root: Path, site: Site,
    context: dict | None,
) -> list[tuple[Source | None, list[Problem]]]:
    """The second half of the files is read beside this process while it
    reads the first."""
    half = len(files) // 2
    second = Forked(lambda: _read_each(files[half:], content_dir, model, shown_root, site, context),
                    made_at_run_time=run_time_classes(model))
    first = _read_each(files[:half], content_dir, model, shown_root, site, context)
    rest = second.result()
    return first + rest


def _read_each(
    files: list[Path], content_dir: Path, model: type[BaseModel], shown_root: Path, site: Site,
    context: dict | None = None,
) -> list[tuple[Source | None, list[Problem]]]:
    return [read_initiative(file, content_dir, model, shown_path(file, shown_root), site, context)
            for file in files]
