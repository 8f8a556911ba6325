"""The web editor at /admin/ (Sveltia CMS, configured like Decap CMS),
configured from the model's JSON Schema and the taxonomy file: every field,
every allowed value with its Swedish label, required flags, lengths and
formats, so that what the editor saves is what the build accepts."""

from __future__ import annotations

from html import escape

from collections.abc import Mapping

from portfolj.guide import CHALLENGE_HEADINGS, HEADINGS
from portfolj.model import Challenge, Initiative, vocabulary_of
from portfolj.portfolio import CHALLENGES, INITIATIVES
from portfolj.settings import Editor
from portfolj.taxonomy import Taxonomy
from portfolj.yamlfile import dump

ADMIN = "admin/"
VENDOR = "assets/vendor/sveltia-cms/"
SCRIPT = f"{VENDOR}sveltia-cms.js"
# Loaded before the bundle: serves the vendored translation and keeps the editor's own calls home.
LOADER = "assets/javascripts/admin.js"
COLLECTION = "initiatives"
FOLDER = "content/initiatives"
CHOICES_IN_VIEW = 20
# A text longer than this gets a text area instead of a one-line input.
ONE_LINE = 200
# The e-mail rule of the model (email-validator) needs a dot in the domain, the browser's does not.
EMAIL_PATTERN = ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "Skriv en e-postadress som namn@kommun.se."]
URL_PATTERN = ["^https?://", "Adressen ska börja med https://."]
NO_SEPARATOR = ["^[^|]*$", "Tecknet | kan inte stå i ett värde i en lista. Skriv 'och' eller ett kommatecken i stället."]


def cms_config(model: type[Initiative], challenge_model: type[Challenge], editor: Editor, site_url: str = "",
               site_name: str = "", in_use: Mapping[str, Taxonomy] | None = None) -> dict:
    """``in_use``: the portfolio's vocabularies, open ones with the values the initiatives use."""
    config = {
        "backend": _backend(editor),
        "app_title": f"Redigera initiativ – {site_name}" if site_name else "Redigera initiativ",
        "media_folder": "content/bilder",
        "public_folder": "/bilder",  # resolved from the content folder by the loader and the page
        # The same file names as `portfolj new`: å, ä, ö become a, a, o (slugify). Sveltia
        # transliterates in the content's language, German-style (ä → ae) unless told it is Swedish:
        # one language, left out of the file names.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": ["sv"], "default_locale": "sv",
                 "omit_default_locale_from_file_path": True},
        # An empty optional field is left out of the file instead of written as ''.
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            _collection(model, INITIATIVES, "Initiativ", "Initiativ", HEADINGS, in_use,
                        "Ett initiativ per fil. Ändringar publiceras när webbplatsen byggs."),
            _collection(challenge_model, CHALLENGES, "Utmaningar", "Utmaning", CHALLENGE_HEADINGS, in_use,
                        "Ett behov där kommunen vill ha initiativ, en fil per utmaning."),
        ],
    }
    if editor.review:
        config["publish_mode"] = "editorial_workflow"
    return config | ({"site_url": site_url} if site_url else {})


def _collection(model: type, folder: str, label: str, singular: str, headings: tuple[str, ...],
                in_use: Mapping[str, Taxonomy] | None, description: str) -> dict:
    schema = model.model_json_schema()
    taxonomies = {name: vocabulary_of(info) for name, info in model.model_fields.items() if vocabulary_of(info)}
    taxonomies |= {name: taxonomy for name, taxonomy in (in_use or {}).items() if taxonomy.open and name in taxonomies}
    closed = [taxonomy for taxonomy in taxonomies.values() if not taxonomy.open and not taxonomy.multiple]
    dated = [name for name in ("started", "updated", "opened") if name in model.model_fields]
    return {
        "name": "initiatives" if folder == INITIATIVES else "challenges",
        "label": label,
        "label_singular": singular,
        "description": description,
        "folder": f"content/{folder}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "i18n": True,
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "preview_path": f"{folder}/{{{{slug}}}}/",
        "sortable_fields": ["title", "organisation", *dated],
        "view_filters": [
            {"label": f"{taxonomy.label}: {term.label}", "field": taxonomy.field, "pattern": f"^{term.id}$"}
            for taxonomy in closed for term in taxonomy.terms
        ],
        "view_groups": [{"label": taxonomy.label, "field": taxonomy.field} for taxonomy in closed],
        "fields": [*_fields(schema, schema.get("$defs", {}), taxonomies), {
            "name": "body", "label": "Text", "widget": "markdown", "required": False,
            "default": "".join(f"## {heading}\n\n\n\n" for heading in headings).rstrip() + "\n",
            "hint": f"Skriv under rubrikerna {', '.join(headings)} (rubriknivå 2).",
        }],
    }


def cms_config_yaml(model: type[Initiative], challenge_model: type[Challenge], editor: Editor, site_url: str = "",
                    site_name: str = "", in_use: Mapping[str, Taxonomy] | None = None) -> str:
    return dump(cms_config(model, challenge_model, editor, site_url, site_name, in_use))


def _backend(editor: Editor) -> dict:
    if editor.backend == "test-repo":
        return {"name": "test-repo"}
    backend = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
    for option in ("api_root", "base_url", "app_id"):
        if getattr(editor, option):
            backend[option] = getattr(editor, option)
    if editor.app_id and editor.backend == "gitlab":
        backend["auth_type"] = "pkce"
    return backend


def _fields(schema: dict, defs: dict, taxonomies: Mapping[str, Taxonomy]) -> list[dict]:
    required = set(schema.get("required", ()))
    return [_field(name, prop, name in required, defs, taxonomies) for name, prop in schema["properties"].items()]


def _present(prop: dict, defs: dict) -> dict:
    """The schema of a value that is there: ``X | None`` → X, references resolved."""
    alternatives = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    value = alternatives[0] if len(alternatives) == 1 else prop
    return defs[value["$ref"].rsplit("/", 1)[1]] if "$ref" in value else value


def _field(name: str, prop: dict, required: bool, defs: dict, taxonomies: Mapping[str, Taxonomy]) -> dict:
    value = _present(prop, defs)
    many = value.get("type") == "array"
    item = _present(value["items"], defs) if many else value
    spec = {"name": name, "label": prop.get("title", name), "required": required}
    hint = prop.get("description") or item.get("description")
    if name == "challenges":
        # Picked from the challenges collection: its files' names are what front matter holds.
        spec |= {"widget": "relation", "collection": "challenges", "value_field": "{{slug}}",
                 "search_fields": ["title"], "display_fields": ["title"], "multiple": True}
    elif name in taxonomies and not taxonomies[name].open:
        # Radio buttons and checkboxes (every choice in view, by keyboard) up to a long list.
        spec |= {"widget": "select", "multiple": many, "options": _options(taxonomies[name]),
                 "dropdown_threshold": CHOICES_IN_VIEW}
    elif item.get("type") == "object":
        spec |= {"widget": "list" if many else "object", "fields": _fields(item, defs, {})}  # a record's parts have no vocabularies
        if many:
            spec["summary"] = "{{" + next(iter(item["properties"])) + "}}"
        if name == "image":
            source = spec["fields"][0]
            spec["fields"][0] = {key: source[key] for key in ("name", "label", "required", "hint") if key in source} | {"widget": "image"}
    elif item.get("format") == "date":
        spec |= {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "time_format": False}
    elif item.get("type") == "boolean":
        spec |= {"widget": "boolean", "default": item.get("default", False)}
    elif item.get("type") == "integer":
        spec |= {"widget": "number", "value_type": "int"} | ({"min": item["minimum"]} if "minimum" in item else {})
    elif item.get("type") == "number" or "number" in {p.get("type") for p in item.get("anyOf", ())}:
        spec |= {"widget": "number", "value_type": "float"}
    elif many:
        spec |= {"widget": "list", "field": {"name": name, "label": spec["label"], **_text(item), "pattern": NO_SEPARATOR}}
    else:
        spec |= _text(item)
    if name in taxonomies and taxonomies[name].open and taxonomies[name].terms:
        # Sveltia has no free text with suggestions: the names in use are listed, so one is written alike.
        used = ", ".join(term.label for term in taxonomies[name].terms)
        hint = f"{hint} Namn som redan används: {used}." if hint else f"Namn som redan används: {used}."
    return spec | ({"hint": hint} if hint else {})


def _text(schema: dict) -> dict:
    spec = {"widget": "text" if schema.get("maxLength", 0) > ONE_LINE else "string"}
    if schema.get("format") == "email":
        spec |= {"type": "email", "pattern": EMAIL_PATTERN}
    elif schema.get("format") == "uri":
        spec["pattern"] = URL_PATTERN
    else:
        spec |= {"minlength": schema["minLength"]} if "minLength" in schema else {}
        spec |= {"maxlength": schema["maxLength"]} if "maxLength" in schema else {}
    return spec


def _options(taxonomy: Taxonomy) -> list[dict]:
    """Numbered terms (the global goals) keep their number in the label: "11 Hållbara städer"."""
    return [{"label": f"{term.id} {term.label}" if isinstance(term.id, int) else term.label, "value": term.id}
            for term in taxonomy.terms]


def admin_page(prefix: str, editor: Editor) -> str:
    """/admin/: loads the vendored editor from this site (``prefix`` leads
    from /admin/ to the site's root). The policy keeps the editor from
    reaching any host but this site and the Git service."""
    hosts = " ".join(editor.hosts)
    policy = (f"default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
              f"img-src 'self' data: blob: {hosts}; font-src 'self'; connect-src 'self' blob: data: {hosts}; "
              f"frame-src 'self' blob: {hosts}; worker-src 'self' blob:; base-uri 'self'; form-action 'self'")
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
  <meta name="robots" content="noindex">
  <title>Redigera initiativ</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
  <script src="{prefix}{LOADER}" data-vendor="{prefix}{VENDOR}" data-hosts="{hosts}"></script>
  <script src="{prefix}{SCRIPT}"></script>
</body>
</html>
"""

