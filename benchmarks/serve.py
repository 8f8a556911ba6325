"""Preview benchmark: how long a saved change takes to show in `mkdocs serve`.

For each N it writes N synthetic initiatives, starts the preview server on a
free loopback port and, several times each, makes one kind of change and
polls the served pages (with a cache-busting query) until the change is
visible, measured from the moment the file is written:

  body     one initiative's body edited: the new text is served;
  stage    one initiative's stage changed: its page, its card on the new
           stage's page and the filter data show it;
  error    a validation error introduced: the preview's problem panel has
           it (the terminal shows it at the same moment; the time to show
           the fix again is not counted);
  add      a new initiative: its page is served;
  delete   that initiative deleted: its page is gone.

The same is measured, where it applies, for plain Material's `mkdocs serve`
on the same Markdown (B; it has no validation, so no "error"; a stage
change shows nothing there, so it counts until the rebuild has finished).
B's watcher looks for changes twice a second (MkDocs' own): each of its
figures includes up to half a second of waiting for it to notice; A hears of
a change to the content from the system at once (see
hooks/portfolj_mkdocs/preview.py). Both wait a tenth of a second more for
further changes before they build.

    python -m benchmarks.serve                         # N = 20, 1,000, 10,000
    python -m benchmarks.serve --sizes 1000 --repeat 5 --workdir /dev/shm
    python -m benchmarks.serve --sizes 20 --repeat 1   # a quick run
    python -m benchmarks.serve --full-rebuilds         # A as `mkdocs serve` without --dirty
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.build import plain_project
from benchmarks.common import engine_command, engine_env, make_project
from benchmarks.synthetic import STAGES
from portfolj.portfolio import Portfolio
from portfolj.taxonomy import load_taxonomies
from portfolj.preview import DONE_LATER

KINDS = ("body", "stage", "error", "add", "delete")
# What is changed: an initiative in the middle of the title order, not the first file.
EDITED = "initiativ-{:05}.md"
ADDED = "tillagt-initiativ.md"
TIMEOUT = 600  # seconds; a change not shown by then is a failure


def get(url: str) -> str | None:
    """The page at ``url``, never from a cache, or None when it is not served."""
    try:
        with urllib.request.urlopen(f"{url}?t={time.monotonic_ns()}", timeout=60) as response:
            return response.read().decode("utf-8", errors="replace")
    # Not served (404), the server not listening yet, or busy rebuilding for longer than a
    # request waits (plain Material at 10,000): wait_until asks again until its TIMEOUT.
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(visible: Callable[[], bool], start: float) -> float:
    """Seconds from ``start`` until ``visible()`` holds."""
    while not visible():
        if time.perf_counter() - start > TIMEOUT:
            raise TimeoutError("the change was not shown in time")
        time.sleep(0.02)
    return time.perf_counter() - start


@dataclass
class Server:
    """A running preview server of one project."""

    root: Path
    process: subprocess.Popen
    base: str
    log: Path

    @classmethod
    def start(cls, root: Path, *options: str) -> Server:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log = root / "serve.log"
        with log.open("w", encoding="utf-8") as output:
            process = subprocess.Popen(engine_command("serve", "--dev-addr", f"127.0.0.1:{port}", *options),
                                       cwd=root, env=engine_env(), stdout=output, stderr=subprocess.STDOUT)
        server = cls(root, process, f"http://127.0.0.1:{port}/", log)
        start = time.perf_counter()
        server.first_build = wait_until(lambda: server.alive() and get(server.base) is not None, start)
        return server

    def alive(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"the server stopped: {self.log.read_text(encoding='utf-8')[-2000:]}")
        return True

    def rebuilds(self) -> int:
        """Builds finished so far, the first one not counted."""
        log = self.log.read_text(encoding="utf-8")
        return log.count("Reloading browsers") + log.count("An error happened during the rebuild")

    def finished_later(self) -> int:
        """How often the portfolio has written its exports and search index after a build."""
        return self.log.read_text(encoding="utf-8").count(DONE_LATER)

    def page(self, path: str) -> str:
        self.alive()
        return get(self.base + path) or ""

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def initiative_url(file: str) -> str:
    return f"initiatives/{file.removesuffix('.md')}/"


def replace_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M), encoding="utf-8")


def measure_kind(server: Server, kind: str, n: int, round: int, portfolio: bool) -> float:
    """Seconds until one change of ``kind`` shows."""
    initiatives = server.root / ("content" if portfolio else "docs") / "initiatives"
    edited = EDITED.format(n // 2)
    path, url = initiatives / edited, initiative_url(edited)
    built = server.rebuilds()
    if kind == "body":
        marker = f"Ändrad text {round} {time.monotonic_ns()}"
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        path.write_text(re.sub(r"(## Behov\n\n)(Ändrad text [0-9 ]+\. )?", rf"\g<1>{marker}. ", text, count=1),
                        encoding="utf-8")
        return wait_until(lambda: marker in server.page(url), start)
    if kind == "stage":
        stage = STAGES[round % len(STAGES)]
        stage = stage if f"stage: {stage}\n" not in path.read_text(encoding="utf-8") else STAGES[(round + 1) % len(STAGES)]
        before = in_stage(server, stage) if portfolio else 0
        start = time.perf_counter()
        replace_field(path, "stage", stage)
        if not portfolio:
            return wait_until(lambda: server.rebuilds() > built, start)
        term = stage_page(server.root, stage)
        return wait_until(lambda: listed_under(server, term, url)
                          and f'href="../../{term}"' in server.page(url)
                          and in_stage(server, stage) == before + 1, start)
    if kind == "error":
        original = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        replace_field(path, "stage", "explroe")
        seconds = wait_until(lambda: "explroe" in server.page("assets/portfolj-preview/problems.json"), start)
        path.write_text(original, encoding="utf-8")
        wait_until(lambda: '"problems":[]' in server.page("assets/portfolj-preview/problems.json").replace(" ", ""),
                   time.perf_counter())
        return seconds
    added = initiatives / ADDED
    if kind == "add":
        text = path.read_text(encoding="utf-8").replace("title: ", "title: Tillagt ", 1)
        start = time.perf_counter()
        added.write_text(text, encoding="utf-8")
        return wait_until(lambda: get(server.base + initiative_url(ADDED)) is not None, start)
    if kind == "delete":
        start = time.perf_counter()
        added.unlink()
        return wait_until(lambda: server.alive() and get(server.base + initiative_url(ADDED)) is None, start)
    raise ValueError(kind)


def stage_page(root: Path, stage: str) -> str:
    """The address of a stage's page (named from its label)."""
    portfolio = Portfolio(dict(load_taxonomies(root / "taxonomy.yml").root), [])
    return portfolio.term_page("stage", stage).removesuffix(".md") + "/"


def listed_under(server: Server, term: str, url: str) -> bool:
    """Whether a term's list (its page and the pages its pagination links to) links to the page at ``url``."""
    first = server.page(term)
    numbers = sorted({int(number) for number in re.findall(r'href="[^"]*sida-(\d+)/"', first)})
    return any(f'{url}"' in listing for listing in [first, *(server.page(f"{term}sida-{n}/") for n in numbers)])


def in_stage(server: Server, stage: str) -> int:
    """How many rows of the filter data are filed under ``stage``."""
    try:
        data = json.loads(server.page("assets/filter.json"))
    except ValueError:
        return -1
    column, wanted = data["dimensions"].index("stage"), data["options"]["stage"].index(stage)
    return sum(1 for row in data["items"] if row[column] == wanted)


def measure(server: Server, n: int, repeat: int, kinds: list[str], portfolio: bool) -> dict[str, float]:
    times: dict[str, list[float]] = {}
    for kind in kinds:
        if kind == "error" and not portfolio:
            continue
        for round in range(repeat):
            # As someone who saves, looks, and saves again: each change once the last one is all done.
            for each in [kind, "delete"] if kind == "add" else [kind]:  # deleted again, so each round adds anew
                finished = server.finished_later()
                times.setdefault(each, []).append(measure_kind(server, each, n, round, portfolio))
                if portfolio:
                    wait_until(lambda: server.finished_later() > finished, time.perf_counter())
    return {kind: statistics.median(values) for kind, values in times.items()}


def plain_copy(portfolio: Path) -> Path:
    """Plain Material's project with its own copy of the Markdown: the
    server's watcher does not look into a linked folder."""
    root = plain_project(portfolio)
    target = root / "docs" / "initiatives"
    target.unlink()
    shutil.copytree(portfolio / "content" / "initiatives", target)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=5, help="changes of each kind (default 5; the median is shown)")
    parser.add_argument("--workdir", type=Path, help="where the projects are made (default: the system's temporary folder)")
    parser.add_argument("--full-rebuilds", action="store_true",
                        help="A without --dirty: every change rebuilds the whole site (B always does)")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Material (B)")
    parser.add_argument("--plain-repeat", type=int,
                        help="changes of each kind for B (default: --repeat; B rebuilds everything each time)")
    args = parser.parse_args()
    kinds = ["body", "stage", "error", "add"]  # add measures delete too
    options = [] if args.full_rebuilds else ["--dirty"]
    print(f"Load average before: {' '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} cores\n")
    print(f"Seconds from saving the file until the change is served, median of {args.repeat}"
          f"{f' ({args.plain_repeat} for B)' if args.plain_repeat else ''};"
          f" A: the portfolio, `{' '.join(['mkdocs serve', *options])}`; B: plain Material, `mkdocs serve`\n")
    print("| N | first build A (B) | body A (B) | stage, term page, filter A (B) | error shown A |"
          " added A (B) | deleted A (B) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(dir=args.workdir) as workdir:
        for n in args.sizes:
            root = make_project(Path(workdir) / f"portfolio-{n}", n)
            results = []
            for project, flags, portfolio, repeat in [
                    (root, options, True, args.repeat),
                    *([] if args.no_plain else [(plain_copy(root), [], False, args.plain_repeat or args.repeat)])]:
                server = Server.start(project, *flags)
                try:
                    results.append({"first": server.first_build} | measure(server, n, repeat, kinds, portfolio))
                finally:
                    server.stop()
            a, b = results[0], results[1] if len(results) > 1 else {}

            def cell(kind: str) -> str:
                return f"{a[kind]:.2f} s" + (f" ({b[kind]:.2f} s)" if kind in b else "")

            print(f"| {n:,} | {cell('first')} | {cell('body')} | {cell('stage')} | {cell('error')} | {cell('add')}"
                  f" | {cell('delete')} |", flush=True)
    print(f"\nLoad average after: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
