"""The JSON Schemas of the front matter (initiatives and challenges), for
editors: derived from the models, with the Swedish label of every allowed value."""

from __future__ import annotations

import json

from pydantic import BaseModel

from portfolj.model import CHALLENGE_STATUS, CHALLENGE_VOCABULARY_FIELDS, VOCABULARY_FIELDS, challenge_model_for, model_for
from portfolj.taxonomy import Taxonomies, Taxonomy

SCHEMA_PATH = "schema/initiativ.schema.json"
CHALLENGE_SCHEMA_PATH = "schema/utmaning.schema.json"


def front_matter_schema(taxonomies: Taxonomies) -> dict:
    return _described(model_for(taxonomies), {name: taxonomies[name] for name in VOCABULARY_FIELDS})


def challenge_schema(taxonomies: Taxonomies) -> dict:
    vocabularies = {name: taxonomies[name] for name in CHALLENGE_VOCABULARY_FIELDS} | {"status": CHALLENGE_STATUS}
    return _described(challenge_model_for(taxonomies), vocabularies)


def _described(model: type[BaseModel], vocabularies: dict[str, Taxonomy]) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for name, taxonomy in vocabularies.items():
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


def challenge_schema_json(taxonomies: Taxonomies) -> str:
    return json.dumps(challenge_schema(taxonomies), ensure_ascii=False, indent=2) + "\n"
