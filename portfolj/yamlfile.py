"""The portfolio's YAML files (front matter, taxonomy), read without the
YAML 1.1 surprises, and written, both with LibYAML when PyYAML has it
(about ten times faster than PyYAML's own Python code)."""

from __future__ import annotations

import re

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class StrictLoader(_SafeLoader):
    """Safe YAML where only true/false and plain decimals are typed.

    YAML 1.1 turns ``no`` into False, ``0114`` into 76 and ``12:30`` into 750;
    leaving those as text lets the model say clearly what is wrong.
    """


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


def dump(data: object) -> str:
    """YAML as people read it: Swedish letters as they are, keys in the given order."""
    return yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False)
