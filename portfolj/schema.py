"""The JSON Schema of the front matter (of an initiative or a challenge), for editors: derived
from the model, with the Swedish label of every allowed value. Draft 7, the draft that editor
tools (Ajv in remark-lint-frontmatter-schema, VS Code) know."""

from __future__ import annotations

import json
import re

from portfolj.model import Initiative, vocabulary_of
from portfolj.taxonomy import Taxonomy

SCHEMA_PATH = "schema/initiativ.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"
# The same for challenges, from their model (portfolj.model.challenge_model_for).
CHALLENGE_SCHEMA_PATH = "schema/utmaning.schema.json"


def front_matter_schema(model: type[Initiative]) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = DRAFT
    for name, info in model.model_fields.items():
        taxonomy = vocabulary_of(info)
        if taxonomy is None or taxonomy.open:
            continue
        prop = schema["properties"][name]
        prop = next((option for option in prop.get("anyOf", []) if option.get("type") != "null"), prop)
        target = prop.get("items", prop)
        ids = {"enum": target.pop("enum"),
               # Editors (VS Code's YAML support among them) show these beside each value.
               "enumDescriptions": [term.label for term in taxonomy.terms],
               "markdownEnumDescriptions": [
                   f"**{term.label}**" + (f": {term.description}" if term.description else "")
                   for term in taxonomy.terms]}
        target.pop("type", None)
        # The build also accepts a term's label or alias, in any case and spacing; anything
        # else must be an id, so an error lists the ids (not the pattern).
        target |= {"if": {"type": "string", "pattern": spelling_pattern(taxonomy)}, "then": True, "else": ids}
    return schema


def spelling_pattern(taxonomy: Taxonomy) -> str:
    """A regular expression (ECMA-262, as JSON Schema has it) that matches
    every spelling the build accepts for a term, ignoring case."""
    def letters(spelling: str) -> str:
        return "".join(r"\s+" if char == " " else f"[{char}{char.upper()}]" if char.upper() != char
                       else re.sub(r"[\\^$.*+?()[\]{}|/]", r"\\\g<0>", char) for char in spelling)

    return r"^\s*(?:" + "|".join(sorted(map(letters, taxonomy.spellings))) + r")\s*$"


def front_matter_schema_json(model: type[Initiative]) -> str:
    return json.dumps(front_matter_schema(model), ensure_ascii=False, indent=2) + "\n"
