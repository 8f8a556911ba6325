"""The preview's problem panel: while the site is previewed, every page gets
a small script that shows the current problems (file, line, message) on top
of the last good page. Never part of the published site.

The script and its style are files (the Content Security Policy allows no
inline script or style); the problems are a JSON file beside them, written
after every build, failed or not, so the panel does not depend on how a
rebuild happens.

When the content has problems from the start there is no last good page:
the preview is then a page of its own that lists them, until a build
succeeds."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape

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


def write_problems_page(site_dir: Path, problems: list[Problem], root: str) -> None:
    """The preview before any build succeeded: the start page, and the page
    for any other address, list the problems (``root``: the site's path on
    the server, for the panel's style)."""
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(problems_page(problems, root), encoding="utf-8")


def problems_page(problems: list[Problem], root: str) -> str:
    items = "\n".join(
        f"<li><strong>{escape(problem.path)}{f', rad {problem.line}' if problem.line else ''}</strong>"
        f"{f' fältet {escape(problem.field)}:' if problem.field else ''} {escape(problem.message)}</li>"
        for problem in problems)
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Förhandsvisningen väntar på rättade filer</title>
<link rel="stylesheet" href="{escape(root.rstrip('/'))}/{STYLE}">
</head>
<body>
<main>
<section class="portfolj-preview-panel" role="alert" aria-labelledby="portfolj-preview-heading">
<h1 class="portfolj-preview-panel__heading" id="portfolj-preview-heading">Innehållet har {len(problems)} fel</h1>
<p>Webbplatsen visas här när felen nedan är rättade. Sidan laddas om av sig själv när du sparar filen.</p>
<ul>
{items}
</ul>
</section>
</main>
</body>
</html>
"""
