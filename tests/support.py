"""Helpers shared by the unit, integration and browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import time
import zlib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
import yaml

from benchmarks.common import ENGINES, engine_command, engine_env

ROOT = Path(__file__).resolve().parent.parent

# A test of work done on the other core (see portfolj.forked): on one core there is none.
needs_two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs a second core to fork onto")

MINIMAL = {
    "title": "Ett initiativ",
    "description": "En kort beskrivning.",
    "facet": "enhancement",
    "stage": "explore",
    "status": "active",
    "organisation": "Kommunledningsförvaltningen",
}


def directory_url(src_uri: str) -> str:
    """Where MkDocs publishes a source path (its directory URLs): a/b.md → a/b/, a/index.md → a/."""
    stem = PurePosixPath(src_uri).with_suffix("")
    return "" if str(stem) == "index" else (f"{stem.parent}/" if stem.name == "index" else f"{stem}/")


def front_matter(fields: dict, body: str = "## Behov\n\nText.\n") -> str:
    return f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n\n{body}"


def png(width: int, height: int) -> bytes:
    """A real PNG picture of one colour, ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\x2a\x6f\x97" * width) * height  # each row: no filter, then its pixels
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@dataclass
class Project:
    """A temporary copy of the site project with its own content."""

    root: Path

    @property
    def initiatives(self) -> Path:
        return self.root / "content" / "initiatives"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def add(self, slug: str, body: str = "## Behov\n\nText.\n", **fields) -> Path:
        path = self.initiatives / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(MINIMAL | fields, body), encoding="utf-8")
        return path

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def build(self, *args: str, engine: str | None = None) -> subprocess.CompletedProcess:
        return run_engine(self.root, "build", *args, engine=engine)

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


# Runs a command on one core: a build there does all its work in one process (see portfolj.forked).
ONE_CORE = ("taskset", "-c", "0")


def run_engine(root: Path, *args: str, engine: str | None = None, prefix: tuple[str, ...] = (),
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the site's engine (MkDocs, or ProperDocs with engine="properdocs"
    or PORTFOLJ_ENGINE=properdocs) in ``root``, after the command ``prefix``."""
    return subprocess.run([*prefix, *engine_command(*args, engine=engine)], cwd=root,
                          env=engine_env(**(env or {})), capture_output=True, text=True)


def new_project(root: Path, *, examples: bool = False) -> Project:
    """The real mkdocs.yml, taxonomy, hooks and templates in ``root``, with
    the shipped examples or with no initiatives at all."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, root / name)
    for name in ("hooks", "overrides", "portfolj"):
        (root / name).symlink_to(ROOT / name)
    ignore = None if examples else shutil.ignore_patterns("initiatives", "utmaningar")
    shutil.copytree(ROOT / "content", root / "content", ignore=ignore)
    (root / "content" / "initiatives").mkdir(exist_ok=True)
    return Project(root)


# ----------------------------------------------------------------------------
# The preview (`mkdocs serve`)
# ----------------------------------------------------------------------------


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@dataclass
class Preview:
    base_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def preview(project: Project, log: Path, ready: str, *args: str, port: int | None = None,
            env: dict[str, str] | None = None) -> Iterator[Preview]:
    """The engine's preview server (with ``args``) on ``port`` or a free one,
    running until the block ends, once the page at ``ready`` (a site path) answers."""
    port = port or free_port()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(engine_command("serve", "--dev-addr", f"127.0.0.1:{port}", *args),
                                   cwd=project.root, stdout=output, stderr=subprocess.STDOUT,
                                   env=engine_env(**(env or {})))
        try:
            running = Preview(f"http://127.0.0.1:{port}/", log)
            wait_for(lambda: fetch(running.base_url + ready) is not None)
            yield running
        finally:
            process.terminate()
            process.wait(timeout=10)
