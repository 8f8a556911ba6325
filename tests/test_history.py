"""The journey through the stages, read from a real temporary Git repository
(commits that change the stage, a shallow clone) and from front matter."""

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from portfolj.history import journey, read_git_history, reference_date
from portfolj.loading import load_portfolio
from support import MINIMAL, ROOT, front_matter


def git(repo: Path, *args: str, day: str | None = None) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@asby.se",
                   "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@asby.se"}
    if day:
        environment |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00+01:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+01:00"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=environment).stdout


def commit(repo: Path, slug: str, day: str, body: str = "## Behov\n\nText.\n", **fields) -> None:
    path = repo / "content" / "initiatives" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter(MINIMAL | fields, body), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"{slug} {day}", day=day)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "taxonomy.yml").write_text((ROOT / "taxonomy.yml").read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, "a", "2024-01-10", stage="needs")
    commit(repo, "b", "2024-02-01", stage="foundation", status="active")
    commit(repo, "a", "2024-05-20", stage="explore")  # a stage change
    commit(repo, "a", "2024-06-01", stage="explore", body="## Behov\n\nNy text.\n")  # no change of stage
    commit(repo, "a", "2025-03-03", stage="Förverkliga", status="paused")  # a label, and a status
    return repo


def events(portfolio, slug):
    entry = next(e for e in portfolio if e.slug == slug)
    return [(e.date.isoformat(), e.stage, e.status, e.from_git) for e in entry.history]


def test_each_commit_that_changed_stage_or_status_is_an_event(repo):
    portfolio, problems = load_portfolio(repo / "content", repo / "taxonomy.yml", history=True)
    assert problems == []
    assert events(portfolio, "a") == [
        ("2024-01-10", "needs", "active", True),
        ("2024-05-20", "explore", "active", True),
        ("2025-03-03", "realise", "paused", True),
    ]
    assert events(portfolio, "b") == [("2024-02-01", "foundation", "active", True)]
    assert portfolio.as_of == date(2025, 3, 3)  # the commit built, not the clock
    assert portfolio.history_notice is None


def test_front_matter_wins_on_the_same_date_and_adds_what_came_before(repo):
    commit(repo, "a", "2025-04-01", stage="realise", status="paused", history=[
        {"date": "2020-09-01", "stage": "foundation", "status": "active", "note": "Före portföljen."},
        {"date": "2024-05-20", "stage": "needs", "note": "Enligt front matter."},
    ])
    portfolio, _ = load_portfolio(repo / "content", repo / "taxonomy.yml", history=True)
    assert events(portfolio, "a") == [
        ("2020-09-01", "foundation", "active", False),
        ("2024-01-10", "needs", "active", True),
        ("2024-05-20", "needs", "active", False),  # front matter's word, with its note
        ("2025-03-03", "realise", "paused", True),
    ]
    entry = next(e for e in portfolio if e.slug == "a")
    assert entry.history[2].note == "Enligt front matter."


def test_a_shallow_clone_keeps_what_it_has_and_says_so(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    portfolio, _ = load_portfolio(clone / "content", clone / "taxonomy.yml", history=True)
    # The oldest fetched commit (2024-06-01) only tells where the later ones start from.
    assert events(portfolio, "a") == [("2025-03-03", "realise", "paused", True)]
    assert events(portfolio, "b") == []
    assert "fetch-depth: 0" in portfolio.history_notice and "GIT_DEPTH: 0" in portfolio.history_notice

    single = tmp_path / "single"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(single)], check=True)
    portfolio, _ = load_portfolio(single / "content", single / "taxonomy.yml", history=True)
    assert all(entry.history == [] for entry in portfolio)  # not "everything began today"
    assert portfolio.as_of == date(2025, 3, 3)


def test_without_a_repository_only_front_matter_counts(tmp_path):
    content = tmp_path / "content"
    (content / "initiatives").mkdir(parents=True)
    (content / "initiatives" / "a.md").write_text(front_matter(MINIMAL | {"history": [
        {"date": "2023-01-01", "stage": "needs"}, {"date": "2023-06-01", "status": "paused"}]}), encoding="utf-8")
    portfolio, problems = load_portfolio(content, ROOT / "taxonomy.yml", history=True)
    assert problems == []
    assert events(portfolio, "a") == [("2023-01-01", "needs", None, False), ("2023-06-01", "needs", "paused", False)]


def test_git_missing_or_unreadable_gives_no_history(tmp_path, taxonomies, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    history = read_git_history(tmp_path, "initiatives", taxonomies)
    assert history.versions == {} and not history.available and history.notice is None


def test_the_reference_date_follows_source_date_epoch(repo, taxonomies, monkeypatch):
    history = read_git_history(repo / "content", "initiatives", taxonomies)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert reference_date(history) == date(2025, 3, 3)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert reference_date(history) == date(2026, 1, 1)


def test_repeated_states_are_no_events(taxonomies, model):
    data = model.model_validate(MINIMAL | {"history": [
        {"date": "2022-01-01", "stage": "needs", "status": "active"},
        {"date": "2022-02-01", "stage": "needs"},
        {"date": "2022-03-01", "stage": "needs", "note": "En anteckning räknas."}]})
    assert [(e.date.month, e.note) for e in journey(data.history, [])] == [(1, None), (3, "En anteckning räknas.")]
