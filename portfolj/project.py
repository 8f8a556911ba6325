"""Loading a whole project: taxonomy file plus initiative files."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from portfolj.loading import read_initiatives
from portfolj.messages import Problem, problems_from_error
from portfolj.model import model_for
from portfolj.portfolio import Portfolio
from portfolj.taxonomy import Taxonomies, load_taxonomies


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio, or None and every problem found."""
    shown_root = shown_root or content_dir.parent
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        model = model_for(taxonomies)
    except ValidationError as error:
        return None, problems_from_error(error, Taxonomies, shown, lambda loc: None)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]
    sources, problems = read_initiatives(content_dir, model, shown_root=shown_root)
    if problems:
        return None, problems
    return Portfolio.from_sources(sources, taxonomies, model), []
