"""The JSON Schema of the front matter, for editors: derived from the model,
with the Swedish label of every allowed value."""

from __future__ import annotations

import json

from portfolj.model import Initiative, vocabulary_of

SCHEMA_PATH = "schema/initiativ.schema.json"


def front_matter_schema(model: type[Initiative]) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for name, info in model.model_fields.items():
        taxonomy = vocabulary_of(info)
        if taxonomy is None or taxonomy.open:
            continue
        prop = schema["properties"][name]
        prop = next((option for option in prop.get("anyOf", []) if option.get("type") != "null"), prop)
        target = prop.get("items", prop)
        # Editors (VS Code's YAML support among them) show these beside each value.
        target["enumDescriptions"] = [term.label for term in taxonomy.terms]
        target["markdownEnumDescriptions"] = [
            f"**{term.label}**" + (f": {term.description}" if term.description else "") for term in taxonomy.terms
        ]
    return schema


def front_matter_schema_json(model: type[Initiative]) -> str:
    return json.dumps(front_matter_schema(model), ensure_ascii=False, indent=2) + "\n"
