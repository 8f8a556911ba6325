"""Loading a whole project: taxonomy file plus initiative files."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from portfolj.loading import read_initiative, read_initiatives, shown_path
from portfolj.messages import Problem, problems_from_error
from portfolj.model import EditorialPage, model_for
from portfolj.portfolio import Portfolio
from portfolj.published import PAGES, publication_problems
from portfolj.site import path_problems
from portfolj.taxonomy import Taxonomies, load_taxonomies
from portfolj.urls import Site


def load_portfolio(
    content_dir: Path, taxonomy_file: Path, shown_root: Path | None = None, site: Site = Site()
) -> tuple[Portfolio | None, list[Problem]]:
    """The validated portfolio, or None and every problem found; addresses
    are judged as read on ``site``."""
    shown_root = shown_root or content_dir.parent
    shown = taxonomy_file.relative_to(shown_root).as_posix() if taxonomy_file.is_relative_to(shown_root) else str(taxonomy_file)
    try:
        taxonomies = load_taxonomies(taxonomy_file)
        model = model_for(taxonomies)
    except ValidationError as error:
        return None, problems_from_error(error, Taxonomies, shown, lambda loc: None)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return None, [Problem(shown, None, None, f"Taxonomifilen går inte att använda: {error}")]
    problems = publication_problems(content_dir, shown_root)
    sources, found = read_initiatives(content_dir, model, shown_root=shown_root, site=site)
    pages = []
    for relative in PAGES:
        file = content_dir / relative
        if file.is_file() and not file.is_symlink():
            page, found_here = read_initiative(file, content_dir, EditorialPage, shown_path(file, shown_root), site)
            found += found_here
            pages += [page] if page else []
    problems += found
    if problems:
        return None, sorted(problems, key=lambda p: (p.path, p.line or 0))
    portfolio = Portfolio.from_sources(sources, taxonomies, model, pages)
    problems = path_problems(portfolio, content_dir, shown, shown_root)
    return (None, problems) if problems else (portfolio, [])
