"""The web editor's configuration is generated from the model and the
taxonomy file, and the editor is served from the site itself."""

import re

import yaml

from portfolj.cms import cms_config
from portfolj.settings import Editor


def by_name(fields):
    return {field["name"]: field for field in fields}


def test_every_field_and_every_allowed_value(model, taxonomies):
    config = cms_config(model, Editor())
    [collection] = config["collections"]
    assert collection["folder"] == "content/initiatives" and collection["format"] == "yaml-frontmatter"
    fields = by_name(collection["fields"])
    assert list(fields) == [*model.model_fields, "body"]
    for name, info in model.model_fields.items():
        assert fields[name]["required"] == info.is_required(), name
        assert fields[name]["label"] == info.title
    for name in ("facet", "stage", "status", "areas", "sdgs"):
        assert fields[name]["widget"] == "select"
        assert fields[name]["options"] == [{"label": t.label, "value": t.id} for t in taxonomies[name].terms]
    assert fields["areas"]["multiple"] and not fields["facet"]["multiple"]
    assert {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}.items() <= fields["started"].items()
    assert fields["featured"]["widget"] == "boolean"
    assert by_name(fields["funding"]["fields"])["amount_sek"]["value_type"] == "int"
    assert by_name(fields["image"]["fields"])["alt"]["required"] is True
    assert by_name(fields["image"]["fields"])["src"]["widget"] == "image"
    assert fields["body"]["widget"] == "markdown"
    assert fields["description"]["hint"].startswith("En eller två meningar")


def test_backend_comes_from_settings(model):
    config = cms_config(model, Editor(backend="gitlab", repo="asby/portfolj", app_id="abc123"))
    assert config["backend"] == {"name": "gitlab", "repo": "asby/portfolj", "branch": "main",
                                 "app_id": "abc123", "auth_type": "pkce"}


def test_admin_is_built_with_local_scripts_only(project):
    assert project.build("--strict").returncode == 0
    index = (project.site / "admin" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert scripts == ["../assets/vendor/sveltia-cms/sveltia-cms.js"]
    assert (project.site / "assets" / "vendor" / "sveltia-cms" / "sveltia-cms.js").stat().st_size > 1_000_000
    assert "font-src 'self' data:" in index
    config = yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "kommun/innovationsportfoljen"
