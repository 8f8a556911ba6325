"""What the portfolio reads from MkDocs' configuration (mkdocs.yml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from pydantic import ValidationError

from portfolj.settings import Settings
from portfolj.urls import Site
from portfolj.yamlfile import line_finder


def portfolio_settings(config) -> dict | object:
    """The portfolio's settings: ``extra.portfolio`` plus the site's name and
    address; anything else as it is, for validation to explain."""
    extra = config.extra.get("portfolio", {})
    if not isinstance(extra, dict):
        return extra
    return {"site_name": config.site_name, "site_url": config.site_url or "", **extra}


def settings_lines(config_file: Path) -> Callable[[tuple], int | None]:
    """Where in mkdocs.yml each of portfolio_settings' settings is written."""
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    top, portfolio = line_finder(text, exact=True), line_finder(text, ("extra", "portfolio"))
    return lambda loc: top(loc) if loc[:1] in (("site_name",), ("site_url",)) else portfolio(loc)


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
        site = Settings.model_validate({"site_url": config.get("site_url") or "", **portfolio}).site
    except (ValidationError, TypeError):
        site = Site()  # the build explains what is wrong with the settings
    return (root / config.get("docs_dir", "docs" if config else "content"),
            root / portfolio.get("taxonomy", "taxonomy.yml"), site)
