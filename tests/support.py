"""Helpers shared by the unit, integration and browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

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


def new_project(root: Path, *, examples: bool = False) -> Project:
    """The real mkdocs.yml, taxonomy, hooks and templates in ``root``, with
    the shipped examples or with no initiatives at all."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, root / name)
    for name in ("hooks", "overrides", "portfolj"):
        (root / name).symlink_to(ROOT / name)
    ignore = None if examples else shutil.ignore_patterns("initiatives", "utmaningar")
    shutil.copytree(ROOT / "content", root / "content", ignore=ignore)
    (root / "content" / "initiatives").mkdir(exist_ok=True)
    return Project(root)
