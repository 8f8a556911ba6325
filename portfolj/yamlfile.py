"""The portfolio's YAML files (front matter, taxonomy), read without the
YAML 1.1 surprises, and written, both with LibYAML when PyYAML has it
(about ten times faster than PyYAML's own Python code)."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# More digits than any amount in kronor: longer numbers are refused where
# they are written (Python would refuse them past 4,300 digits, with a traceback).
MAX_DIGITS = 15


class StrictLoader(_SafeLoader):
    """Safe YAML where only true/false and plain decimals are typed.

    YAML 1.1 turns ``no`` into False, ``0114`` into 76 and ``12:30`` into 750;
    leaving those as text lets the model say clearly what is wrong.
    """

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value.lstrip("+-")) > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(None, None, "number_too_large", node.start_mark)
        return super().construct_yaml_int(node)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.endswith(("null", "str", "merge"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-+0123456789")
)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


def line_finder(text: str, within: tuple = (), exact: bool = False) -> Callable[[tuple], int | None]:
    """``line_of(loc)``: the line of the value at a validation error's
    ``loc`` in the part of the YAML document at ``within``: as far down as
    the document has it, or with ``exact`` None unless it has it all; None
    where that part is missing. Only the document's structure is read, so
    tags only the engine knows (``!!python/name:`` in mkdocs.yml) do not
    matter."""
    try:
        top = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        top = None
    start = descend(top, within) if top is not None else None

    def line_of(loc: tuple) -> int | None:
        node = None if start is None else descend(start, loc, partial=not exact)
        return None if node is None else node.start_mark.line + 1
    return line_of


def descend(node: yaml.Node, loc: tuple, partial: bool = False) -> yaml.Node | None:
    """The node at ``loc`` below ``node``; with ``partial`` the deepest one on the way."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        else:
            child = None
        if child is None:
            return node if partial else None
        node = child
    return node


def dump(data: object) -> str:
    """YAML as people read it: Swedish letters as they are, keys in the given order."""
    return yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False)


# ----------------------------------------------------------------------------
# What went wrong, in Swedish
# ----------------------------------------------------------------------------


def uses_anchors(text: str) -> bool:
    """Whether the YAML names a value (&namn) or repeats one (*namn). Only
    parsed for that when the text has such a character at all."""
    if "&" not in text and "*" not in text:
        return False
    return any(isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
               for event in yaml.parse(text, Loader=StrictLoader))


def explain_syntax_error(error: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line (counted in ``text``, from 0) and a Swedish explanation with
    the fix for the common mistakes, without the parser's English."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position)
        return line, (f"Raden innehåller ett otillåtet osynligt tecken (U+{error.character:04X}). Ta bort det, "
                      "till exempel genom att skriva om texten runt det.")
    if not isinstance(error, yaml.MarkedYAMLError):
        return None, "Front matter går inte att läsa. Kontrollera att varje rad har formen namn: värde."
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else None
    lines = text.split("\n")
    here = lines[line] if line is not None and line < len(lines) else ""
    if problem == "number_too_large":
        return line, (f"Talet är för långt: högst {MAX_DIGITS} siffror. Belopp skrivs i hela kronor utan "
                      "mellanslag, till exempel 400000.")
    if "quoted scalar" in context and error.context_mark:
        return error.context_mark.line, (
            "Citattecknet på den här raden avslutas aldrig. Sätt ett citattecken också i slutet av "
            'texten, till exempel title: "Projekt: nytt".')
    if context.startswith("while parsing a flow") and error.context_mark:
        closing = "]" if "sequence" in context else "}"
        return error.context_mark.line, (
            f"Listan på den här raden avslutas aldrig. Skriv {closing} efter det sista värdet, "
            "till exempel sdgs: [3, 5].")
    if "tab" in problem or "'\\t'" in problem:
        return line, "Raden innehåller ett tabbtecken. Använd mellanslag i stället för tabb för indrag."
    previous = next((earlier for earlier in reversed(lines[:line])
                     if earlier.strip() and not earlier.lstrip().startswith("#")), "") if line else ""
    if here[:1].isspace() and not previous.rstrip().endswith(":"):
        return line, (f"Raden börjar med mellanslag: '{here}'. Ta bort mellanslagen först på raden "
                      "(de blir kvar när man tar bort # framför en rad i mallen).")
    key, colon, value = here.partition(":")
    if "mapping values are not allowed" in problem and colon and ": " in value:
        shown_value = value.strip().replace('"', "'")
        return line, (f'Texten innehåller ett kolon. Sätt texten inom citattecken: {key.strip()}: "{shown_value}"')
    return line, ("Raden går inte att läsa som front matter. Kontrollera att den har formen namn: värde, "
                  'att indraget stämmer och att text med tecken som : # [ ] { } står inom citattecken ("…").')
