"""The JSON Schema of the front matter, for editors: derived from the model,
with the Swedish label of every allowed value."""

from __future__ import annotations

import json

from portfolj.model import VOCABULARY_FIELDS, model_for
from portfolj.taxonomy import Taxonomies

SCHEMA_PATH = "schema/initiativ.schema.json"


def front_matter_schema(taxonomies: Taxonomies) -> dict:
    schema = model_for(taxonomies).model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for name in VOCABULARY_FIELDS:
        taxonomy = taxonomies[name]
        prop = schema["properties"][name]
        target = prop.get("items", prop)
        # Editors (VS Code's YAML support among them) show these beside each value.
        target["enumDescriptions"] = [term.label for term in taxonomy.terms]
        target["markdownEnumDescriptions"] = [
            f"**{term.label}**" + (f": {term.description}" if term.description else "") for term in taxonomy.terms
        ]
    return schema


def front_matter_schema_json(taxonomies: Taxonomies) -> str:
    return json.dumps(front_matter_schema(taxonomies), ensure_ascii=False, indent=2) + "\n"
