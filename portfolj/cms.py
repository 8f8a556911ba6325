"""The web editor at /admin/ (Sveltia CMS, configured like Decap CMS),
configured from the model and the taxonomy file: every field, every allowed
value with its Swedish label, required flags and hints."""

from __future__ import annotations

from datetime import date
from typing import get_args, get_origin

from pydantic import BaseModel, HttpUrl

from portfolj.guide import HEADINGS, base_types, nested_model
from portfolj.model import Initiative, vocabulary_of
from portfolj.settings import Editor
from portfolj.yamlfile import dump

ADMIN = "admin/"
SCRIPT = "assets/vendor/sveltia-cms/sveltia-cms.js"


def cms_config(model: type[Initiative], editor: Editor, site_url: str = "") -> dict:
    backend = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
    if editor.base_url:
        backend["base_url"] = editor.base_url
    if editor.app_id:
        backend |= {"app_id": editor.app_id, "auth_type": "pkce"}
    config = {
        "backend": backend,
        "media_folder": "content/bilder",
        "public_folder": "/bilder",  # resolved from the content folder by the loader and the page
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": "initiatives",
            "label": "Initiativ",
            "label_singular": "Initiativ",
            "folder": "content/initiatives",
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "slug": "{{slug}}",
            "summary": "{{title}}",
            "fields": [*_fields(model), {
                "name": "body", "label": "Text", "widget": "markdown", "required": False,
                "hint": f"Använd rubrikerna {', '.join(HEADINGS)} på nivå 2.",
            }],
        }],
    }
    return config | ({"site_url": site_url} if site_url else {})


def cms_config_yaml(model: type[Initiative], editor: Editor, site_url: str = "") -> str:
    return dump(cms_config(model, editor, site_url))


def _fields(model: type[BaseModel]) -> list[dict]:
    return [_field(name, info) for name, info in model.model_fields.items()]


def _field(name: str, info) -> dict:
    spec = {"name": name, "label": info.title or name, "required": info.is_required()}
    if info.description:
        spec["hint"] = info.description
    many = get_origin(info.annotation) is list
    nested = nested_model(info.annotation)
    types = base_types(get_args(info.annotation)[0] if many else info.annotation)
    taxonomy = vocabulary_of(info)
    if taxonomy is not None and not taxonomy.open:
        spec |= {"widget": "select", "multiple": many,
                 "options": [{"label": term.label, "value": term.id} for term in taxonomy.terms]}
    elif nested:
        spec |= {"widget": "list" if many else "object", "fields": _fields(nested)}
        if name == "image":
            spec["fields"][0] |= {"widget": "image"}
    elif date in types:
        spec |= {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "time_format": False}
    elif bool in types:
        spec |= {"widget": "boolean", "default": False}
    elif int in types:
        spec |= {"widget": "number", "value_type": "int", "min": 0}
    elif many:
        spec |= {"widget": "list"}
    else:
        spec |= {"widget": "text" if name == "description" else "string"}
        if HttpUrl in types:
            spec["pattern"] = ["^https?://", "Adressen ska börja med https://"]
    if not spec["required"] and "default" not in spec and spec["widget"] in ("list", "select") and many:
        spec["default"] = []
    return spec


def admin_page(script_url: str, backend: str) -> str:
    """/admin/: loads the vendored editor from this site. The policy keeps the
    editor from fetching anything but this site and the Git service's API
    (its bundle would otherwise load web fonts from a CDN). One exception:
    Sveltia fetches its Swedish translation (JSON) from unpkg.com and stalls
    when that request is refused, so that host is allowed for data."""
    api = {"github": "https://api.github.com https://github.com", "gitlab": "https://gitlab.com"}[backend]
    policy = (f"default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
              f"img-src 'self' data: blob: {api}; font-src 'self' data:; connect-src 'self' data: https://unpkg.com {api}; "
              f"frame-src 'self' {api}; worker-src 'self' blob:")
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <meta name="robots" content="noindex">
  <title>Redigera initiativ</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
  <script src="{script_url}"></script>
</body>
</html>
"""
