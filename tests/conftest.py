"""Fixtures: the shipped taxonomy and model, and temporary projects that run
a real `mkdocs build` with the real hooks, templates and config."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolj.loading import Source
from portfolj.model import model_for
from portfolj.portfolio import Portfolio
from portfolj.taxonomy import load_taxonomies
from support import MINIMAL, ROOT, Project, directory_url, new_project


@pytest.fixture(scope="session")
def taxonomies():
    return load_taxonomies(ROOT / "taxonomy.yml")


@pytest.fixture(scope="session")
def model(taxonomies):
    return model_for(taxonomies)


@pytest.fixture
def make(model, taxonomies):
    """A portfolio of initiatives given as front-matter fields over MINIMAL,
    its links resolved as MkDocs does (unless ``urls=False``)."""
    def build(*specs: dict, urls: bool = True) -> Portfolio:
        sources = [
            Source(slug=f"i{n}", path=f"initiatives/i{n}.md", data=model.model_validate(MINIMAL | spec), body="")
            for n, spec in enumerate(specs)
        ]
        portfolio = Portfolio.from_sources(sources, taxonomies, model)
        if urls:
            portfolio.resolve_urls(directory_url)
        return portfolio

    return build


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with empty content."""
    return new_project(tmp_path / "project")
