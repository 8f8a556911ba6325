"""The core (portfolj) knows no engine: every module imports, and works,
where neither MkDocs, ProperDocs nor Material can be imported."""

import subprocess
import sys

from support import ROOT

WITHOUT_ENGINES = """
import importlib, pkgutil, sys
from pathlib import Path

class NoEngine:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material", "properdocs", "jinja2"):
            raise ImportError(f"the core imported {name}")

sys.meta_path.insert(0, NoEngine())
import portfolj
modules = [info.name for info in pkgutil.walk_packages(portfolj.__path__, "portfolj.")]
for name in modules:
    importlib.import_module(name)
from portfolj.build import PortfolioBuild
build, problems = PortfolioBuild.load(Path("content"), Path("."), {"site_name": "X", "site_url": "https://x.se/"}, "x")
assert problems == [], problems
print(len(modules), len(build.entries), sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "material")))
"""


def test_the_core_imports_no_engine_and_builds_without_one():
    done = subprocess.run([sys.executable, "-c", WITHOUT_ENGINES], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules, entries, engines = done.stdout.split(maxsplit=2)
    assert int(modules) >= 20 and int(entries) >= 12 and engines.strip() == "[]"
