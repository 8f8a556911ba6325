"""The web editor's configuration is generated from the model and the
taxonomy file, and the editor is served from the site itself."""

import html
import re

import pytest
import yaml
from pydantic import ValidationError

from portfolj.cms import admin_page, cms_config
from portfolj.model import challenge_model_for
from portfolj.settings import Editor


def by_name(fields):
    return {field["name"]: field for field in fields}


def test_every_field_and_every_allowed_value(model, taxonomies):
    config = cms_config(model, challenge_model_for(taxonomies), Editor())
    collection, challenges = config["collections"]
    assert challenges["folder"] == "content/utmaningar" and challenges["name"] == "challenges"
    assert collection["folder"] == "content/initiatives" and collection["format"] == "yaml-frontmatter"
    fields = by_name(collection["fields"])
    assert list(fields) == [*model.model_fields, "body"]
    for name, info in model.model_fields.items():
        assert fields[name]["required"] == info.is_required(), name
        assert fields[name]["label"] == info.title
    for name in ("facet", "stage", "status", "areas"):
        assert fields[name]["widget"] == "select"
        assert fields[name]["options"] == [{"label": t.label, "value": t.id} for t in taxonomies[name].terms]
    assert fields["sdgs"]["options"][10] == {"label": "11 Hållbara städer och samhällen", "value": 11}
    assert fields["areas"]["multiple"] and not fields["facet"]["multiple"]
    assert {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}.items() <= fields["started"].items()
    assert fields["featured"]["widget"] == "boolean"
    assert by_name(fields["funding"]["fields"])["amount_sek"]["value_type"] == "int"
    assert by_name(fields["image"]["fields"])["alt"]["required"] is True
    assert by_name(fields["image"]["fields"])["src"]["widget"] == "image"
    assert fields["body"]["widget"] == "markdown"
    assert fields["description"]["hint"].startswith("En eller två meningar")


def test_the_form_enforces_what_the_model_enforces(model, taxonomies):
    config = cms_config(model, challenge_model_for(taxonomies), Editor())
    assert config["output"] == {"omit_empty_optional_fields": True}  # no started: '' in a saved file
    fields = by_name(config["collections"][0]["fields"])
    assert (fields["title"]["minlength"], fields["title"]["maxlength"]) == (1, 120)
    assert fields["description"]["widget"] == "text" and fields["description"]["maxlength"] == 300
    assert fields["tags"]["field"]["maxlength"] == 40 and fields["tags"]["field"]["pattern"][0] == "^[^|]*$"
    contact = by_name(fields["contact"]["fields"])
    assert contact["email"]["type"] == "email" and re.fullmatch(contact["email"]["pattern"][0], "a@kommun.se")
    assert not re.fullmatch(contact["email"]["pattern"][0], "a@kommun")
    url = by_name(fields["links"]["fields"])["url"]
    assert re.match(url["pattern"][0], "https://x.se") and not re.match(url["pattern"][0], "www.x.se")
    assert by_name(fields["funding"]["fields"])["amount_sek"]["min"] == 0
    assert fields["body"]["default"].startswith("## Behov\n") and "## Lärdomar" in fields["body"]["default"]


def test_list_view_filters_and_groups_by_the_single_valued_vocabularies(model, taxonomies):
    collection, _ = cms_config(model, challenge_model_for(taxonomies), Editor())["collections"]
    assert [group["field"] for group in collection["view_groups"]] == ["facet", "stage", "status"]
    assert {"label": "Steg: Utforska möjligheter", "field": "stage", "pattern": "^explore$"} in collection["view_filters"]
    assert len(collection["view_filters"]) == sum(len(taxonomies[n].terms) for n in ("facet", "stage", "status"))


def test_organisation_names_in_use_are_suggested(project):
    project.add("ett", organisation="Kultur- och fritidsförvaltningen")
    assert project.build().returncode == 0
    config = yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    organisation = by_name(config["collections"][0]["fields"])["organisation"]
    assert "Namn som redan används: Kultur- och fritidsförvaltningen." in organisation["hint"]


def test_backend_comes_from_settings(model, taxonomies):
    config = cms_config(model, challenge_model_for(taxonomies), Editor(backend="gitlab", repo="asby/portfolj", app_id="abc123"))
    assert config["backend"] == {"name": "gitlab", "repo": "asby/portfolj", "branch": "main",
                                 "app_id": "abc123", "auth_type": "pkce"}
    assert "publish_mode" not in config
    forgejo = Editor(backend="gitea", repo="asby/portfolj", api_root="https://git.asby.se/api/v1",
                     base_url="https://git.asby.se", app_id="x")
    assert cms_config(model, challenge_model_for(taxonomies), forgejo)["backend"]["api_root"] == "https://git.asby.se/api/v1"
    assert forgejo.hosts == ("https://git.asby.se",)
    assert Editor().hosts == ("https://api.github.com", "https://avatars.githubusercontent.com")
    assert Editor(backend="test-repo").hosts == ()


def test_review_before_publishing_makes_pull_requests(model, taxonomies):
    assert cms_config(model, challenge_model_for(taxonomies), Editor(review=True))["publish_mode"] == "editorial_workflow"
    with pytest.raises(ValidationError, match="bara för GitHub och GitLab"):
        Editor(backend="gitea", review=True)


def test_the_admin_page_allows_only_the_site_and_the_git_service():
    page = admin_page("../", Editor(backend="gitlab", api_root="https://gitlab.asby.se/api/v4"))
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1])
    hosts = {word.rstrip(";") for word in policy.split() if word.startswith("http")}
    assert hosts == {"https://gitlab.asby.se"} and "font-src 'self';" in policy
    assert "maximum-scale" not in page


def test_admin_is_built_with_local_scripts_only(project):
    assert project.build("--strict").returncode == 0
    index = (project.site / "admin" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert scripts == ["../assets/javascripts/admin.js", "../assets/vendor/sveltia-cms/sveltia-cms.js"]
    vendor = project.site / "assets" / "vendor" / "sveltia-cms"
    assert (vendor / "sveltia-cms.js").stat().st_size > 1_000_000
    assert (vendor / "locales" / "sv.json").is_file()
    bundle = (vendor / "sveltia-cms.js").read_text(encoding="utf-8")
    fonts = re.findall(r"url\(\.\./(assets/vendor/sveltia-cms/fonts/[^)]+\.woff2)\)", bundle)
    assert len(fonts) == 3 and all((project.site / font).is_file() for font in fonts)
    assert "cdn.jsdelivr.net/fontsource" not in bundle and "maximum-scale=1" not in bundle
    config = yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "kommun/innovationsportfoljen"
