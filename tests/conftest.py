"""Shared fixtures: the shipped taxonomy and model, and temporary projects
that run a real `mkdocs build` with the real hooks, templates and config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from portfolj.model import model_for
from portfolj.taxonomy import load_taxonomies

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

MINIMAL = {
    "title": "Ett initiativ",
    "description": "En kort beskrivning.",
    "facet": "enhancement",
    "stage": "explore",
    "status": "active",
    "organisation": "Kommunledningsförvaltningen",
}


def front_matter(fields: dict, body: str = "## Behov\n\nText.\n") -> str:
    return f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n\n{body}"


@pytest.fixture(scope="session")
def taxonomies():
    return load_taxonomies(ROOT / "taxonomy.yml")


@pytest.fixture(scope="session")
def model(taxonomies):
    return model_for(taxonomies)


@dataclass
class Project:
    """A temporary copy of the site project with its own content."""

    root: Path

    @property
    def initiatives(self) -> Path:
        return self.root / "content" / "initiatives"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def add(self, slug: str, body: str = "## Behov\n\nText.\n", **fields) -> Path:
        path = self.initiatives / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(MINIMAL | fields, body), encoding="utf-8")
        return path

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def build(self, *args: str) -> subprocess.CompletedProcess:
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(
            [*MKDOCS, "build", *args], cwd=self.root, env=env, capture_output=True, text=True
        )

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The real mkdocs.yml, taxonomy, hooks and templates, with empty content."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, root / name)
    for name in ("hooks", "overrides", "portfolj"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("initiatives"))
    (root / "content" / "initiatives").mkdir()
    return Project(root)
