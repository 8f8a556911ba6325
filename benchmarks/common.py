"""What the benchmarks share: a temporary copy of the project with synthetic
content, a build, and a loopback web server."""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.synthetic import write_initiatives

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def make_project(root: Path, n: int) -> Path:
    """The real configuration, hooks and templates with ``n`` synthetic initiatives."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, root / name)
    for name in ("hooks", "overrides", "portfolj"):
        (root / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "content" / "index.md", root / "content" / "index.md")
    write_initiatives(root / "content" / "initiatives", n)
    return root


def engine_env(**extra: str) -> dict[str, str]:
    """The environment a build runs in, as on a deployed site: Python keeps
    the portfolio's compiled modules (a sandbox's PYTHONDONTWRITEBYTECODE
    would compile them again on every build, the engine's never), and MkDocs
    1.6 does not print its notice about MkDocs 2."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return env | {"NO_MKDOCS_2_WARNING": "1"} | extra


# The engines the site builds with: MkDocs 1.6 and ProperDocs, its maintained continuation.
ENGINES = ("mkdocs", "properdocs")


def engine_command(*args: str, engine: str | None = None) -> list[str]:
    """The command that runs the engine: ``engine``, else $PORTFOLJ_ENGINE, else MkDocs.

    ProperDocs answers the hooks' and Material's ``mkdocs`` imports with its
    own modules only when started as its command (``-m properdocs`` runs it so)."""
    engine = engine or os.environ.get("PORTFOLJ_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return [sys.executable, "-m", engine, *args]


def build(root: Path, *args: str, engine: str | None = None) -> None:
    subprocess.run(engine_command("build", "-q", *args, engine=engine), cwd=root, env=engine_env(), check=True)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def serve(site: Path) -> tuple[str, ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
