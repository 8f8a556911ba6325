"""What the portfolio reads from MkDocs' configuration (mkdocs.yml)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from pydantic import ValidationError

from portfolj.messages import Problem
from portfolj.settings import Settings
from portfolj.urls import Site
from portfolj.yamlfile import line_finder


# The portfolio's settings are MkDocs' site_name and site_url and everything in extra.portfolio.
FROM_THE_TOP = ("site_name", "site_url")
SETTINGS_KEY = ("extra", "portfolio")


def portfolio_settings(config) -> dict | object:
    """The portfolio's settings; anything but a mapping in ``extra.portfolio``
    as it is, for validation to explain."""
    extra = config.extra.get("portfolio", {})
    if not isinstance(extra, dict):
        return extra
    return _settings(config, extra)


def _settings(top, portfolio: dict) -> dict:
    return {name: top.get(name) or "" for name in FROM_THE_TOP} | portfolio


def settings_lines(config_file: Path) -> Callable[[tuple], int | None]:
    """Where in mkdocs.yml each of portfolio_settings' settings is written."""
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    top, portfolio = line_finder(text, exact=True), line_finder(text, SETTINGS_KEY)
    return lambda loc: top(loc) if loc and loc[0] in FROM_THE_TOP else portfolio(loc)


def name_the_settings(problems: list[Problem], config_file: str) -> list[Problem]:
    """A problem in mkdocs.yml without a field is about extra.portfolio itself (not a mapping)."""
    return [replace(problem, field=problem.field or ".".join(SETTINGS_KEY)) if problem.path == config_file
            else problem for problem in problems]


def add_to_menu(config, pages: list) -> None:
    """Append the overview pages to an explicit `nav`, unless it lists them already."""
    if config.nav is None:
        return
    listed = {str(item) for item in _flatten(config.nav)}
    # Material prints menu titles unescaped; these come from the taxonomy file.
    config.nav += [{Markup(escape(page.title)): page.src_uri} for page in pages if page.src_uri not in listed]


def _flatten(nav: object):
    if isinstance(nav, list):
        for item in nav:
            yield from _flatten(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _flatten(value)
    else:
        yield nav


def site_paths(config_file: Path) -> tuple[Path, Path, Site]:
    """The content folder, the taxonomy file and the site's address that a
    build with ``config_file`` uses, so that `portfolj check` and `new` judge
    the same files the same way. Read without the engine, which would load
    the theme and every plugin first."""
    config = {}
    if config_file.is_file():
        # mkdocs.yml may hold tags such as !!python/name: that only the engine resolves.
        loader = type("ConfigLoader", (yaml.SafeLoader,), {})
        loader.add_multi_constructor("", lambda loader, suffix, node: None)
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=loader) or {}
    config = config if isinstance(config, dict) else {}
    root = config_file.parent
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    portfolio = extra.get("portfolio") if isinstance(extra.get("portfolio"), dict) else {}
    try:
        site = Settings.model_validate(_settings(config, portfolio)).site
    except (ValidationError, TypeError):
        site = Site()  # the build explains what is wrong with the settings
    return (root / config.get("docs_dir", "docs" if config else "content"),
            root / portfolio.get("taxonomy", "taxonomy.yml"), site)
