"""The templates' environment: Material's, with the portfolio's templates,
data and render cache added for one build."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader

from portfolj import formatting
from portfolj.build import PortfolioBuild
from portfolj_mkdocs.render_cache import TEMPLATE_FOLDER, RenderCache

# Compiled templates, kept between builds, beside mkdocs.yml (as Material's plugins keep theirs).
TEMPLATE_CACHE = ".cache/templates"


def prepare(env: Environment, config, build: PortfolioBuild, kept: dict | None = None) -> RenderCache:
    """``kept``: see RenderCache."""
    env.autoescape = lambda name: bool(name) and name.startswith(TEMPLATE_FOLDER)
    # Each build has its own environment: no template changes during one, so
    # the thousands of includes need not check the files' dates each time.
    env.auto_reload = False
    env.bytecode_cache = _template_cache(Path(config.config_file_path).parent)
    # An override can wrap the theme's partial it replaces: "theme/partials/nav.html" is Material's own.
    theme = FileSystemLoader([path for path in config.theme.dirs if path != config.theme.custom_dir])
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"theme": theme})])
    footer = [page for page in build.pages.values() if page.in_footer]
    cache = RenderCache(env, build.portfolio, kept, frozenset(page.src_uri for page in footer))
    cache.install(env)
    env.globals["portfolio"] = build.portfolio
    env.globals["portfolio_settings"] = build.settings
    env.globals["portfolio_footer"] = footer
    env.filters.update(swedish_date=formatting.swedish_date, kronor=formatting.kronor, period=formatting.period,
                       number=formatting.number)
    return cache


def _template_cache(root: Path) -> BytecodeCache | None:
    """Compiling the theme's templates is a third of a small build's work, and
    the same each time until a template changes (Jinja compares each one's
    source with what it compiled): keep the result between builds and
    `mkdocs serve`'s rebuilds."""
    folder = root / TEMPLATE_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout still builds, compiling as it goes
    return FileSystemBytecodeCache(str(folder))
