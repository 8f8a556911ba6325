"""Builds are reproducible and internal links are checked."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from support import run_engine


def digest(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_give_identical_files(project, tmp_path, monkeypatch):
    # Without SOURCE_DATE_EPOCH: the sitemap's dates come from the content alone.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project.add("ett", title="Ett", started="2024-01-01")
    project.add("tva", title="Två", facet="mission", updated="2026-02-02")
    assert project.build("--strict").returncode == 0
    first = digest(project.site)
    shutil.move(project.site, tmp_path / "first")
    assert project.build("--strict").returncode == 0
    assert digest(project.site) == first


def test_broken_internal_link_fails_the_build(project):
    project.add("ett", body="## Behov\n\nSe [det andra initiativet](finns-inte.md).\n")
    result = project.build()
    assert result.returncode == 1
    assert "finns-inte.md" in result.stderr


def test_broken_anchor_fails_the_build(project):
    project.add("ett", body="## Behov\n\nSe [avsnittet](#finns-inte).\n")
    result = project.build()
    assert result.returncode == 1 and "#finns-inte" in result.stderr


def _isolated_network() -> list[str]:
    """A command prefix that runs without any network: a new network namespace
    where the machine allows it (root), else Python with its sockets refused."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


def test_build_needs_no_network(project):
    project.add("ett")
    prefix = _isolated_network()
    env = {} if prefix else {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent / "offline"), os.environ.get("PYTHONPATH")]))}
    result = run_engine(project.root, "build", "--strict", prefix=tuple(prefix), env=env)
    assert result.returncode == 0, result.stderr
    assert (project.site / "initiatives" / "ett" / "index.html").is_file()


def test_offline_guard_refuses_the_network():
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parent / "offline")}
    probe = "import socket; socket.create_connection(('127.0.0.1', 9))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "network access during an offline build" in result.stderr
