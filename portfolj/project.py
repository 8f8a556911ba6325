"""Loading a whole project: taxonomy file, challenge files and initiative files."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from portfolj.history import journey, read_git_history, reference_date
from portfolj.loading import read_initiatives
from portfolj.messages import Problem, problems_from_error
from portfolj.model import Challenge, challenge_model_for, model_for
from portfolj.portfolio import CHALLENGES, INITIATIVES, Portfolio
from portfolj.taxonomy import Taxonomies, load_taxonomies


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None, history: bool = False
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio, or None and every problem found. With
    ``history`` each initiative's journey is read from Git as well."""
    shown_root = shown_root or content_dir.parent
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        model = model_for(taxonomies)
    except ValidationError as error:
        return None, problems_from_error(error, Taxonomies, shown, lambda loc: None)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]
    challenge_model = challenge_model_for(taxonomies)
    challenges, problems = read_challenges(content_dir, challenge_model, shown_root)
    sources, found = read_initiatives(content_dir, model, INITIATIVES, shown_root=shown_root,
                                      context=challenge_context(content_dir))
    problems = sorted(problems + found, key=lambda p: (p.path, p.line or 0))
    if problems:
        return None, problems
    portfolio = Portfolio.from_sources(sources, taxonomies, model, challenges, challenge_model)
    if history:
        git = read_git_history(content_dir, INITIATIVES, taxonomies)
        for entry in portfolio:
            entry.history = journey(entry.data.history, git.versions.get(entry.slug, []))
        portfolio.as_of, portfolio.history_notice = reference_date(git), git.notice
    return portfolio, []


def read_challenges(content_dir: Path, model: type[Challenge], shown_root: Path | None = None):
    """Every challenge file in ``content/utmaningar/``, validated."""
    shown_root = shown_root or content_dir.parent
    sources, problems = read_initiatives(content_dir, model, CHALLENGES, shown_root)
    reserved = [source for source in sources if source.slug == "index"]
    problems += [Problem(_shown(content_dir / source.path, shown_root), None, None, "Filnamnet index.md är reserverat för sidan med alla "
                         "utmaningar. Byt namn på filen efter utmaningen, till exempel aldre-bor-hemma.md.")
                 for source in reserved]
    return [source for source in sources if source.slug != "index"], problems


def challenge_context(content_dir: Path) -> dict:
    """What initiatives are validated against: the challenges that exist
    (their files, valid or not, so a broken challenge is reported once)."""
    return {"challenges": {file.stem for file in (content_dir / CHALLENGES).rglob("*.md")} - {"index"}}


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
