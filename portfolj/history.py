"""Each initiative's journey through the stages: from the Git history of its
file, when there is one, and from its front matter's ``history:`` list.

Git gives the date of every commit that changed ``stage`` or ``status``
(one ``git log`` and one ``git cat-file`` for the whole portfolio). Front
matter covers what happened before the portfolio existed; where both speak
of the same date, front matter wins. Dates come from the commits, never from
the clock, so one commit always gives the same journey.

In a shallow clone the oldest fetched commit holds every file as if it were
new: it only tells the state the later commits start from, not when that
state began. Without Git (or outside a repository) only front matter counts.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from portfolj.taxonomy import Taxonomies, TermId
from portfolj.yamlfile import StrictLoader

# The fields whose changes make the journey.
TRACKED = ("stage", "status")
# Asks git only for commits whose diff adds or removes such a line.
_PICKAXE = r"^(stage|status):"


@dataclass(frozen=True)
class Event:
    """A point of the journey: the stage and status from this date on."""

    date: date
    stage: TermId | None
    status: TermId | None
    note: str | None = None
    from_git: bool = False

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat(), "stage": self.stage, "status": self.status} | (
            {"note": self.note} if self.note else {})


@dataclass(frozen=True)
class _Version:
    """A file's stage and status as one commit left them."""

    date: date
    stage: TermId | None
    status: TermId | None
    baseline: bool  # the oldest commit of a shallow clone: a state, not a change


@dataclass
class GitHistory:
    """What the repository says, for every initiative file by slug."""

    versions: dict[str, list[_Version]]
    shallow: bool = False
    head_date: date | None = None  # the date of the commit being built
    available: bool = False

    @property
    def notice(self) -> str | None:
        """A Swedish sentence for the build log, when the history is incomplete."""
        if self.shallow:
            return ("Git-historiken är grund (en shallow clone): initiativens resa genom stegen bygger bara på "
                    "de hämtade commitarna och på history i front matter. Hämta hela historiken i CI "
                    "(GitHub Actions: fetch-depth: 0 i actions/checkout; GitLab CI: GIT_DEPTH: 0).")
        return None


def read_git_history(content_dir: Path, folder: str, taxonomies: Taxonomies) -> GitHistory:
    """The stage and status of every initiative file at each commit that changed them."""
    empty = GitHistory({})
    try:
        shallow = _git(content_dir, "rev-parse", "--is-shallow-repository").strip() == "true"
        head = _git(content_dir, "log", "-1", "--format=%cI").strip()
        log = _git(content_dir, "-c", "core.quotePath=false", "log", "-G", _PICKAXE, "--no-renames", "--raw",
                   "--no-abbrev", "--relative", "--format=%x00%P%x00%cI", "--", folder)
    except (OSError, subprocess.CalledProcessError):
        return empty  # no git, no repository, or one git may not read
    commits = _parse_log(log)
    blobs = _read_blobs(content_dir, sorted({blob for _, _, changed in commits for _, blob in changed}))
    versions: dict[str, list[_Version]] = {}
    for parents, day, changed in reversed(commits):  # oldest first
        for path, blob in changed:
            stage, status = _tracked(blobs.get(blob, b""), taxonomies)
            if stage is None and status is None:
                continue  # an old version that no longer reads: nothing to say
            versions.setdefault(Path(path).stem, []).append(
                _Version(day, stage, status, baseline=shallow and not parents))
    head_date = date.fromisoformat(head[:10]) if head else None
    return GitHistory(versions, shallow, head_date, available=True)


def journey(history: list, versions: list[_Version]) -> list[Event]:
    """The events of one initiative, oldest first: its front-matter
    ``history`` and its Git versions, front matter winning on the same date.
    Only changes count: a version that repeats the state before it is no event."""
    by_date: dict[date, tuple[_Version | None, object | None]] = {}
    for version in versions:  # the day's last commit tells that day's state
        by_date[version.date] = (version, None)
    for written in history:
        by_date[written.date] = (None, written)
    events: list[Event] = []
    stage = status = None
    for day in sorted(by_date):
        version, written = by_date[day]
        source = written or version
        new_stage = source.stage if source.stage is not None else stage
        new_status = source.status if source.status is not None else status
        note = written.note if written else None
        changed = (new_stage, new_status) != (stage, status)
        stage, status = new_stage, new_status
        if version is not None and version.baseline:
            continue
        if changed or note:
            events.append(Event(day, stage, status, note, from_git=written is None))
    return events


def reference_date(git: GitHistory) -> date:
    """The day the build counts from (for 'not moved for a year'): the time
    SOURCE_DATE_EPOCH names, else the date of the commit being built, else
    today. The first two make two builds of one commit identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return git.head_date or date.today()


# ----------------------------------------------------------------------------
# Git
# ----------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> str:
    return _run(folder, *args).decode("utf-8", "replace")


def _run(folder: Path, *args: str, input: bytes | None = None) -> bytes:
    environment = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # set by a hook that runs the build
        environment.pop(name, None)
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=True, env=environment,
                          input=input).stdout


def _parse_log(log: str) -> list[tuple[list[str], date, list[tuple[str, str]]]]:
    """``git log --raw`` output: per commit (newest first) its parents, its
    date and each changed file with the blob it left."""
    commits = []
    # Each commit starts with "\0<parents>\0<date>\n", then its raw lines.
    chunks = log.split("\x00")
    for n in range(1, len(chunks) - 1, 2):
        parents = chunks[n].split()
        head, _, raw = chunks[n + 1].partition("\n")
        changed = []
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if len(fields) >= 5 and fields[4] != "D" and not path.startswith('"'):
                changed.append((path, fields[3]))
        commits.append((parents, date.fromisoformat(head.strip()[:10]), changed))
    return commits


def _read_blobs(folder: Path, blobs: list[str]) -> dict[str, bytes]:
    if not blobs:
        return {}
    try:
        output = _run(folder, "cat-file", "--batch", input="".join(f"{blob}\n" for blob in blobs).encode())
    except (OSError, subprocess.CalledProcessError):
        return {}
    contents, at = {}, 0
    for blob in blobs:
        header_end = output.index(b"\n", at)
        header = output[at:header_end].split()
        if len(header) < 3:  # "<blob> missing"
            at = header_end + 1
            continue
        size = int(header[2])
        contents[blob] = output[header_end + 1: header_end + 1 + size]
        at = header_end + 1 + size + 1
    return contents


def _tracked(text: bytes, taxonomies: Taxonomies) -> tuple[TermId | None, TermId | None]:
    """The stage and status an old version of a file states, as term ids."""
    parts = text.decode("utf-8-sig", "replace").split("\n---", 1)
    if not parts[0].startswith("---") or len(parts) < 2:
        return None, None
    try:
        data = yaml.load(parts[0][3:], Loader=StrictLoader)
    except yaml.YAMLError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    found = []
    for name in TRACKED:
        term = taxonomies[name].lookup(data[name]) if isinstance(data.get(name), (str, int)) else None
        found.append(term.id if term else None)
    return found[0], found[1]
