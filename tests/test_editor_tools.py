"""The editor check of the README: the front-matter schema in the draft the
tools know, accepting what the build accepts, and the shipped remark
configuration (VS Code's remark extension runs the same) on a copy of the
project, as a writer's editor would run it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from portfolj.model import vocabulary_of
from portfolj.schema import front_matter_schema
from portfolj.yamlfile import StrictLoader
from support import MINIMAL, ROOT, front_matter

REMARK = ROOT / "node_modules" / ".bin" / "remark"


@pytest.fixture(scope="module")
def validator(model):
    schema = front_matter_schema(model)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def fields_of(path: Path) -> dict:
    # Dates stay text, as the editor tools' YAML (1.2) reads them.
    return yaml.load(path.read_text(encoding="utf-8").split("---")[1], Loader=StrictLoader)


def test_every_example_passes_the_schema(validator):
    for path in (ROOT / "content" / "initiatives").rglob("*.md"):
        assert list(validator.iter_errors(fields_of(path))) == [], path.name


def test_every_spelling_the_build_accepts_passes_the_schema(validator, model):
    for name, info in model.model_fields.items():
        taxonomy = vocabulary_of(info)
        if taxonomy is None or taxonomy.open:
            continue
        for term in taxonomy.terms:
            for spelling in (term.id, str(term.id), term.label, term.label.upper(), f" {term.label.lower()} ",
                             *term.aliases):
                value = [spelling] if taxonomy.multiple else spelling
                assert list(validator.iter_errors(MINIMAL | {name: value})) == [], (name, spelling)
                assert model.model_validate(MINIMAL | {name: value})


@pytest.mark.parametrize("wrong", [{"stage": "explroe"}, {"sdgs": [18]}, {"areas": ["skolan"]},
                                   {"organsation": "X"}, {"title": "x" * 121}, {"started": "1 mars 2024"}])
def test_what_the_build_refuses_the_schema_refuses(validator, wrong):
    assert list(validator.iter_errors(MINIMAL | wrong)) != []


@pytest.fixture
def clone(tmp_path) -> Path:
    """A new clone after the README's setup: .venv and node_modules made."""
    if not REMARK.exists():
        pytest.fail("remark is missing: run scripts/test (npm ci installs it)")
    for name in (".remarkrc.mjs", "taxonomy.yml", "scripts/portfolj"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "content" / "initiatives").mkdir(parents=True)
    return tmp_path


def remark(clone: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([REMARK, "--no-color", "--frail", *files], cwd=clone, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(clone)})


def test_remark_marks_the_wrong_value_and_lists_the_ids(clone):
    good = front_matter(MINIMAL | {"facet": "FÖRBÄTTRINGSINRIKTAD", "sdgs": [11, "Hållbara städer och samhällen"]})
    (clone / "content" / "initiatives" / "bra.md").write_text(good, encoding="utf-8")
    (clone / "content" / "initiatives" / "fel.md").write_text(
        front_matter(MINIMAL | {"stage": "explroe"}), encoding="utf-8")
    checked = remark(clone, "content/initiatives/bra.md")
    assert checked.returncode == 0 and "warning" not in checked.stderr, checked.stderr
    refused = remark(clone, "content/initiatives/fel.md")
    assert refused.returncode == 1 and "malformed" not in refused.stderr
    [line] = [line for line in refused.stderr.splitlines() if "enum" in line]
    assert line.split()[0].startswith("5:8")  # line 5, where the value is
    assert "`foundation`, `needs`, `explore`, `realise`, `spread`" in line and "#/properties/stage/" in line


def test_the_shipped_vs_code_configuration_recommends_remark():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["unifiedjs.vscode-remark"]
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["remark.requireConfig"] is True
