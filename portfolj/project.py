"""Loading a whole project: taxonomy file plus initiative files."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from portfolj.loading import read_initiatives
from portfolj.messages import Problem, problems_from_error
from portfolj.model import model_for
from portfolj.portfolio import Portfolio
from portfolj.taxonomy import Taxonomies, load_taxonomies


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None, drafts: bool = False
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio, or None and every problem found. Drafts are
    included only when ``drafts`` is true (the preview)."""
    shown_root = shown_root or content_dir.parent
    taxonomies, model, problems = load_vocabularies(taxonomy_file, shown_root)
    if problems:
        return None, problems
    sources, problems = read_initiatives(content_dir, model, shown_root=shown_root)
    if problems:
        return None, problems
    return Portfolio.from_sources(sources, taxonomies, model, drafts), []


def load_vocabularies(
    taxonomy_file: Path, shown_root: Path
) -> tuple[Taxonomies | None, type[BaseModel] | None, list[Problem]]:
    """The taxonomies and the model bound to them, or the problems of the file."""
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        return taxonomies, model_for(taxonomies), []
    except ValidationError as error:
        return None, None, problems_from_error(error, Taxonomies, shown, lambda loc: None)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]
