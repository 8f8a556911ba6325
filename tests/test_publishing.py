"""The public site is replaced whole or not at all: a failed, broken or
killed build leaves the previous site/ byte for byte as it was."""

import hashlib
import os
import signal
import subprocess
import time

import pytest

from portfolj import publishing
from portfolj.publishing import Staging
from support import ROOT, engine_command, engine_env


def hashes(folder):
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def staging_folders(project):
    return sorted(path.name for path in project.root.glob(".site.staging-*"))


@pytest.fixture
def published(project):
    project.add("bra", title="Bra initiativ")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert project.site.is_dir() and not project.site.is_symlink() and staging_folders(project) == []
    return project, hashes(project.site)


# ----------------------------------------------------------------------------
# The swap itself
# ----------------------------------------------------------------------------


def test_first_publication_renames_the_staged_folder(tmp_path):
    staging = Staging.begin(tmp_path / "site")
    (staging.folder / "index.html").write_text("ny")
    staging.publish()
    assert (tmp_path / "site" / "index.html").read_text() == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_publication_replaces_the_whole_site(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    site = tmp_path / "site"
    (site / "gammal").mkdir(parents=True)
    (site / "gammal" / "sida.html").write_text("gammal")
    staging = Staging.begin(site)
    (staging.folder / "index.html").write_text("ny")
    staging.publish()
    assert hashes(site) == {"index.html": hashlib.sha256(b"ny").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "fil").write_text("a")
    (tmp_path / "b").mkdir()
    assert publishing._exchange(tmp_path / "a", tmp_path / "b")  # Linux, glibc 2.28 or later
    assert (tmp_path / "b" / "fil").read_text() == "a" and list((tmp_path / "a").iterdir()) == []


def test_staging_folders_of_dead_builds_are_removed(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    abandoned = tmp_path / f".site.staging-{dead.pid}"
    running = tmp_path / f".site.staging-{os.getppid()}"
    for folder in (abandoned, running):
        folder.mkdir()
    staging = Staging.begin(tmp_path / "site")
    assert not abandoned.exists() and running.exists() and staging.folder.is_dir()


# ----------------------------------------------------------------------------
# Real builds
# ----------------------------------------------------------------------------


def test_a_broken_link_fails_in_swedish_and_keeps_the_site(published):
    project, before = published
    project.add("trasig", body="## Behov\n\nSe [sidan](finns-inte.md).\n")
    result = project.build()
    assert result.returncode == 1
    assert ("content/initiatives/trasig.md:12: Länken till 'finns-inte.md' leder ingenstans: det finns ingen "
            "sådan sida. Kontrollera filnamnet.") in result.stderr
    assert "Innehållet har 1 fel. Rätta felen ovan. Den senast byggda webbplatsen är orörd." in result.stderr
    assert hashes(project.site) == before and staging_folders(project) == []


def test_an_exception_half_way_keeps_the_site(published):
    project, before = published
    (project.root / "overrides").unlink()
    import shutil
    shutil.copytree(ROOT / "overrides", project.root / "overrides")
    template = project.root / "overrides" / "portfolio" / "initiative.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ finns_inte() }}", 1), encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert hashes(project.site) == before and staging_folders(project) == []


def test_a_build_killed_half_way_keeps_the_site(published):
    project, before = published
    for n in range(30):
        project.add(f"ny-{n}", title=f"Nytt initiativ {n}")
    process = subprocess.Popen(engine_command("build"), cwd=project.root, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=engine_env())
    try:
        while not any(project.root.glob(".site.staging-*/assets/*")):  # writing has begun
            assert process.poll() is None, "the build ended before it could be killed"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert staging_folders(project) == [f".site.staging-{process.pid}"]  # killed before it was published
    assert hashes(project.site) == before

    result = project.build()
    assert result.returncode == 0, result.stderr
    assert staging_folders(project) == [] and "Nytt initiativ 29" in project.html("initiatives/ny-29")


# Run as sitecustomize in a build: every clock of the process says it is a
# year and a month later.
LATER = '''
import datetime as _datetime, time as _time
_SHIFT = _datetime.timedelta(days=400)
_real_time = _time.time
_time.time = lambda: _real_time() + _SHIFT.total_seconds()
class _Date(_datetime.date):
    @classmethod
    def today(cls):
        return _real_date.today() + _SHIFT
class _DateTime(_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return _real_datetime.now(tz) + _SHIFT
    @classmethod
    def utcnow(cls):
        return _real_datetime.utcnow() + _SHIFT
    @classmethod
    def today(cls):
        return _real_datetime.today() + _SHIFT
_real_date, _real_datetime = _datetime.date, _datetime.datetime
_datetime.date, _datetime.datetime = _Date, _DateTime
'''


def test_two_builds_on_different_days_are_identical(project, tmp_path, monkeypatch):
    project.add("daterad", title="Daterad", updated="2024-05-02")
    project.add("odaterad", title="Odaterad")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert project.build().returncode == 0
    today = hashes(project.site)
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "sitecustomize.py").write_text(LATER)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "later"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert hashes(project.site) == today
    sitemap = (project.site / "sitemap-sidor.xml").read_text(encoding="utf-8")
    assert ("<loc>https://innovation.asby.se/initiatives/daterad/</loc>\n    <lastmod>2024-05-02</lastmod>"
            in sitemap)
    assert sitemap.count("<lastmod>") == 1  # no page without a date of its own gets the build's


def test_source_date_epoch_dates_the_pages_without_a_date(project, monkeypatch):
    project.add("odaterad", title="Odaterad")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    assert project.build().returncode == 0
    sitemap = (project.site / "sitemap-sidor.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>2026-06-01</lastmod>") == sitemap.count("<url>") > 5
