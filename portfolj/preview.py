"""The preview's problem panel: while the site is previewed, every page gets
a small script that shows the current problems (file, line, message) on top
of the last good page. Never part of the published site.

The script and its style are files (the Content Security Policy allows no
inline script or style); the problems are a JSON file beside them, written
after every build, failed or not, so the panel does not depend on how a
rebuild happens."""

from __future__ import annotations

import json
from pathlib import Path

from portfolj.messages import Problem

ASSETS = Path(__file__).parent / "assets"
FOLDER = "assets/portfolj-preview"
SCRIPT = f"{FOLDER}/preview-panel.js"
STYLE = f"{FOLDER}/preview-panel.css"
PROBLEMS = f"{FOLDER}/problems.json"
# Logged when the exports and the search index have followed a build of the preview.
DONE_LATER = "Exporterna och sökindexet är uppdaterade."


def asset_files() -> dict[str, Path]:
    """The panel's script and style: site path → file."""
    return {SCRIPT: ASSETS / "preview-panel.js", STYLE: ASSETS / "preview-panel.css"}


def write_problems(site_dir: Path, problems: list[Problem], summary: str) -> None:
    target = site_dir / PROBLEMS
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {"summary": summary, "problems": [problem.as_dict() for problem in problems]}
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
