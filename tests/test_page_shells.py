"""Material's page around the content, rendered once and filled per page
(`_PageShells` in the hooks), on a small stand-in for Material's base.html."""

import importlib.util
import sys
from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from support import ROOT

spec = importlib.util.spec_from_file_location("portfolio_hooks", ROOT / "hooks" / "portfolio.py")
hooks = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = hooks  # as MkDocs loads a hook
spec.loader.exec_module(hooks)

BLOCKS = "".join(f"{{% block {name} %}}<{name}>{{{{ page.title }}}}</{name}>{{% endblock %}}|"
                 for name in hooks.PAGE_BLOCKS)


def environment(base_top_level: str) -> tuple[Environment, list[str]]:
    """base.html with every page block and ``base_top_level`` outside them."""
    env = Environment(loader=DictLoader({
        "base.html": "{% set greeting = 'hej' %}" + base_top_level + "{{ counted() }}" + BLOCKS,
        "frame.html": "{{ portfolio_page() }}",
        "page.html": '{% extends "frame.html" %}{% block container %}{{ greeting }} {{ super() }}{% endblock %}',
        "whole.html": '{% extends "base.html" %}{% block container %}{{ greeting }} {{ super() }}{% endblock %}',
    }))
    base_renders: list[str] = []
    env.globals["counted"] = lambda: base_renders.append("base") or ""
    env.globals["portfolio_page"] = hooks._PageShells(env).render
    return env, base_renders


def page(n: int, first_heading: str = "#behov") -> SimpleNamespace:
    return SimpleNamespace(title=f"Sida {n}", secret=f"hemlighet {n}",
                           toc=[SimpleNamespace(url=first_heading)] if first_heading else [])


def render(env: Environment, name: str, page: SimpleNamespace, listed=()) -> str:
    return env.get_template(name).render(page=page, nav=SimpleNamespace(pages=list(listed)), base_url="..")


def test_the_shell_is_rendered_for_the_first_two_pages_and_then_only_filled():
    env, base_renders = environment("<skip>{{ page.toc[0].url if page.toc }}</skip>")
    pages = [page(n) for n in range(5)]
    for p in pages:
        assert render(env, "page.html", p) == render(env, "whole.html", p)
    # The first page twice (whole, then the shell), the second once (to check the shell), then never.
    assert base_renders.count("base") == 3 + len(pages)  # + each whole.html render


def test_each_skip_link_target_has_its_own_shell():
    env, _ = environment("<skip>{{ page.toc[0].url if page.toc }}</skip>")
    pages = [page(0), page(1), page(2, "#bakgrund"), page(3, None), page(4, "#bakgrund")]
    for p in pages:
        assert render(env, "page.html", p) == render(env, "whole.html", p)


def test_a_page_that_the_shell_does_not_reproduce_turns_the_shell_off():
    env, base_renders = environment("<p>{{ page.secret }}</p>")  # differs outside the page blocks
    pages = [page(n) for n in range(5)]
    for p in pages:
        assert render(env, "page.html", p) == render(env, "whole.html", p)
    assert base_renders.count("base") == 1 + 2 * len(pages)  # the shell once; then every page whole


def test_pages_in_the_menu_are_always_rendered_whole():
    env, base_renders = environment("")
    listed = [page(n) for n in range(3)]
    for p in listed:
        assert render(env, "page.html", p, listed) == render(env, "whole.html", p)
    assert base_renders.count("base") == 2 * len(listed)
