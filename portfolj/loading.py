"""Reading a project: the taxonomy file and the initiative files, with
strict YAML front matter, validated by the model.

Every problem in every file is collected, so one run reports them all.
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import yaml
from pydantic import BaseModel, ValidationError

from portfolj.forked import Forked, can_fork
from portfolj.messages import Problem, problems_from_error
from portfolj.model import Source, model_for
from portfolj.portfolio import Portfolio
from portfolj.taxonomy import Taxonomies, load_taxonomies, slugify
from portfolj.yamlfile import StrictLoader

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# ----------------------------------------------------------------------------
# The project
# ----------------------------------------------------------------------------


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio, or None and every problem found."""
    shown_root = shown_root or content_dir.parent
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        model = model_for(taxonomies)
    except ValidationError as error:
        return None, problems_from_error(error, Taxonomies, shown, lambda loc: None)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]
    sources, problems = read_initiatives(content_dir, model, shown_root=shown_root)
    if problems:
        return None, problems
    return Portfolio.from_sources(sources, taxonomies, model), []


# ----------------------------------------------------------------------------
# One file
# ----------------------------------------------------------------------------


class _FrontMatter:
    """Parsed front matter that knows the file line of every value."""

    def __init__(self, node: yaml.MappingNode, first_line: int):
        self.node = node
        self.first_line = first_line

    def line_of(self, loc: tuple) -> int:
        node: yaml.Node = self.node
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + self.first_line


def _child(node: yaml.Node, part: object) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def read_initiative(
    file: Path, content_dir: Path, model: type[BaseModel], shown: str
) -> tuple[Source | None, list[Problem]]:
    """Validate one file. ``shown`` is the path used in messages."""

    def problem(message: str, line: int | None = None, field: str | None = None) -> list[Problem]:
        return [Problem(shown, line, field, message)]

    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, problem(
            "Filen är inte sparad som UTF-8. Öppna den i en textredigerare och spara "
            "den med teckenkodningen UTF-8.", line)

    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return None, problem(
            "Filen saknar front matter. Den ska börja med en rad med bara tre bindestreck (---), "
            "sedan fälten (till exempel title: ...) och sist en ny rad med ---.", 1)
    try:
        fm_text, body = handler.split(text)
    except ValueError:
        return None, problem(
            "Front matter avslutas aldrig. Lägg till en rad med bara tre bindestreck (---) "
            "efter det sista fältet.", 1)

    loader = StrictLoader(fm_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, problem(
            "Front matter går inte att läsa som YAML "
            f"({error.problem or error.context}). Vanliga orsaker: ett kolon följt av mellanslag "
            "i ett värde utan citattecken, fel indrag eller tabbtecken. Sätt värdet inom "
            "citattecken eller rätta indraget.", mark.line + 1 if mark else None)
    except yaml.YAMLError as error:
        return None, problem(f"Front matter går inte att läsa som YAML ({error}).", 1)
    finally:
        loader.dispose()

    if not isinstance(node, yaml.MappingNode):
        return None, problem(
            "Front matter ska bestå av fält på formen namn: värde, ett per rad "
            "(till exempel title: Idésluss), inte en lista eller en ensam text.", 2)

    # fm_text begins with the newline that ends the opening '---' line.
    front = _FrontMatter(node, first_line=1)
    problems = _duplicate_keys(node, front.first_line, shown)

    try:
        data = model.model_validate(data)
    except ValidationError as error:
        problems += problems_from_error(error, model, shown, front.line_of)
        data = None

    slug = file.stem
    if not SLUG.fullmatch(slug):
        problems += problem(
            f"Filnamnet '{file.name}' får bara innehålla små bokstäver a–z, siffror och "
            f"bindestreck. Byt namn på filen till '{slugify(slug)}.md'.")
    problems += _body_problems(body, shown, front.first_line + fm_text.count("\n") + 1)
    if data is not None and data.image is not None:
        problems += _image_problems(data.image.src, file, content_dir, shown, front.line_of(("image", "src")))

    if problems or data is None:
        return None, problems
    relative = file.relative_to(content_dir).as_posix()
    return Source(slug=slug, path=relative, data=data, body=body), []


def _duplicate_keys(node: yaml.MappingNode, first_line: int, shown: str) -> list[Problem]:
    problems, seen = [], {}
    for key, _ in node.value:
        line = key.start_mark.line + first_line
        if key.value in seen:
            problems.append(Problem(shown, line, str(key.value),
                f"Fältet förekommer flera gånger (första gången på rad {seen[key.value]}). "
                "Ta bort det ena."))
        seen.setdefault(key.value, line)
    return problems


_LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s")
# An image in the body (Markdown or HTML) whose address names another site.
_REMOTE_IMAGE = re.compile(r"""!\[[^\]]*\]\(\s*<?(?:[a-z][a-z0-9+.-]*:|//)|<img\b[^>]*\bsrc\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)


def _body_problems(body: str, shown: str, first_body_line: int) -> list[Problem]:
    problems, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=first_body_line):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and _LEVEL_ONE_HEADING.match(line):
            problems.append(Problem(shown, number, None,
                "Brödtexten har en rubrik på nivå 1 (# ...). Sidans titel är redan huvudrubrik: "
                "använd ## för rubriker, till exempel ## Behov."))
        elif not fenced and _REMOTE_IMAGE.search(line):
            problems.append(Problem(shown, number, None,
                "Brödtexten visar en bild från en annan webbplats. Sådana bilder visar den webbplatsen "
                "vem som läser sidan och tas bort. Lägg bilden i mappen content/ och skriv sökvägen dit, "
                "till exempel ![Beskrivning](../bilder/foto.jpg)."))
    return problems


def _image_problems(src: str, file: Path, content_dir: Path, shown: str, line: int) -> list[Problem]:
    target = (content_dir / src.lstrip("/")) if src.startswith("/") else (file.parent / src)
    if target.resolve().is_file():
        return []
    return [Problem(shown, line, "image.src",
        f"Bildfilen '{src}' finns inte. Lägg bilden i mappen content/ och ange sökvägen "
        "från initiativets fil, till exempel ../bilder/foto.jpg.")]


# ----------------------------------------------------------------------------
# All files
# ----------------------------------------------------------------------------


# From this many files on, a forked copy of this process reads half of
# them: below it, sending the result back costs more than reading it here.
IN_TWO_PROCESSES_FROM = 200


def read_initiatives(
    content_dir: Path, model: type[BaseModel], folder: str = "initiatives", shown_root: Path | None = None
) -> tuple[list[Source], list[Problem]]:
    """Validate every Markdown file under ``content_dir/folder``."""
    shown_root = shown_root or content_dir.parent
    files = sorted((content_dir / folder).rglob("*.md"))
    if len(files) >= IN_TWO_PROCESSES_FROM and can_fork():
        results = _read_in_two_processes(files, content_dir, model, shown_root)
    else:
        results = _read_each(files, content_dir, model, shown_root)
    sources, problems, by_slug = [], [], {}
    for file, (source, found) in zip(files, results):
        problems += found
        if file.stem in by_slug:
            problems.append(Problem(_shown(file, shown_root), None, None,
                f"Två filer har samma namn '{file.name}' (den andra är {_shown(by_slug[file.stem], shown_root)}). "
                "Varje initiativ behöver ett eget filnamn: byt namn på den ena."))
        by_slug.setdefault(file.stem, file)
        if source is not None:
            sources.append(source)
    return sources, sorted(problems, key=lambda p: (p.path, p.line or 0))


def _read_in_two_processes(
    files: list[Path], content_dir: Path, model: type[BaseModel], shown_root: Path
) -> list[tuple[Source | None, list[Problem]]]:
    """The second half of the files is read beside this process while it
    reads the first. The model is made at run time and cannot be sent back:
    the copy sends plain data, validated again here (a seventh of the cost
    of reading)."""
    half = len(files) // 2
    second = Forked(lambda: [
        (None, found) if source is None else
        ((source.slug, source.path, source.data.model_dump(exclude_defaults=True), source.body), found)
        for source, found in _read_each(files[half:], content_dir, model, shown_root)
    ])
    first = _read_each(files[:half], content_dir, model, shown_root)
    rest = [(None if plain is None else Source(plain[0], plain[1], model.model_validate(plain[2]), plain[3]), found)
            for plain, found in second.result()]
    return first + rest


def _read_each(
    files: list[Path], content_dir: Path, model: type[BaseModel], shown_root: Path
) -> list[tuple[Source | None, list[Problem]]]:
    return [read_initiative(file, content_dir, model, _shown(file, shown_root)) for file in files]


def _shown(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
