"""Build benchmark: the portfolio against the plain engine, side by side.

For each N it writes N synthetic initiatives and measures, interleaved run by
run so that both see the same machine:
  A  the full portfolio build (`mkdocs build` with hooks, pages, exports, search);
  B  plain Material building the same Markdown files with the same Markdown
     extensions: default plugins (its search), initiatives kept out of the
     navigation as in A;
the median wall time, A/B, A/B of each pair of runs (median, least and
most: how much the machine varied), the median CPU time (user and system time of
every process of the build: work moved to the other core counts), time per
initiative and peak memory, and the
time of A's first build, before any template is compiled (as on a fresh
clone: later builds reuse the compiled templates); then
`portfolj check` on the same files, and what a visitor downloads (gzip): a
first visit to the home page, an initiative page and the list of all
initiatives with its filter data, and a search.

    python -m benchmarks.build                      # N = 100, 1,000, 10,000
    python -m benchmarks.build --workdir /dev/shm   # in memory: no disk noise in the figures
    python -m benchmarks.build --sizes 50 --runs 1  # a quick run
    python -m benchmarks.build --sizes 300 1000 --instructions --no-browser

Wall time on a shared machine drifts by a tenth or more between runs.
``--instructions`` also counts the instructions of one build of A and of B
under valgrind (callgrind): the same count on every run, whatever else the
machine does, so small changes can be compared. The builds run on one core
there, where the portfolio does all its work in the build's own process
(nothing is forked: see portfolj.forked), so A's count is all its work;
only Pagefind works beside it. Valgrind makes a build about fifty times
slower: use it for N up to a few thousand.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ENGINES, engine_command, engine_env, make_project, serve

PLAIN = {
    "site_name": "Plain Material",
    "theme": {"name": "material", "language": "sv", "font": False},
    "not_in_nav": "initiatives/\n",
}


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user and system time, in all the processes of the command
    memory: int  # the largest process's peak, MB


def timed(command: list[str], cwd: Path) -> Run:
    """One run of a command. Its CPU time counts the processes it started
    and waited for (the forked copy, Pagefind): what it moved to the other
    core is not hidden by the wall time."""
    env = engine_env()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def instructions(command: list[str], cwd: Path) -> int:
    """Instructions the command executes, all its work in one process.

    On one core the portfolio does everything in the build's own process
    (see portfolj.forked), so the count is its whole work, comparable with B's."""
    # A fixed hash seed: the same set and dict order, so the same count on every run.
    env = engine_env(PYTHONHASHSEED="0")
    one_core = {min(os.sched_getaffinity(0))}
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.sched_setaffinity(0, one_core))
    collected = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or collected is None:
        raise RuntimeError(f"{' '.join(command)} under valgrind failed: {result.stderr[-2000:]}")
    return int(collected.group(1))


def plain_project(portfolio: Path) -> Path:
    root = portfolio.parent / f"{portfolio.name}-plain"
    (root / "docs").mkdir(parents=True, exist_ok=True)
    # The same Markdown dialect as the portfolio's: the engine parses the same text the same way.
    extensions = yaml.safe_load((portfolio / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(PLAIN | {"markdown_extensions": extensions}), encoding="utf-8")
    target = root / "docs" / "initiatives"
    if not target.exists():
        target.symlink_to(portfolio / "content" / "initiatives")
    (root / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    return root


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_visit(site: Path, paths: list[str], query: str) -> dict[str, float]:
    """KB (gzip) each page loads before interaction, and what one search loads."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    sizes = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for path in paths:
                page = browser.new_page()
                seen: list[str] = []
                page.on("request", lambda request: seen.append(request.url))
                page.goto(base + path, wait_until="networkidle")
                if path.startswith("alla-initiativ"):
                    page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached", timeout=120_000)
                sizes[path or "/"] = _kb(site, seen)
                if not path:
                    before = len(seen)
                    page.get_by_label("Sök bland initiativen", exact=True).fill(query)
                    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    sizes["sökning"] = _kb(site, seen[before:])
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return sizes


def _kb(site: Path, urls: list[str]) -> float:
    total = 0
    for url in dict.fromkeys(urls):
        path = urlparse(url).path.lstrip("/")
        file = site / path / "index.html" if not path or path.endswith("/") else site / path
        if file.is_file():
            total += gz(file)
    return total / 1024


def measure(n: int, runs: int, workdir: Path, browser: bool, count: bool, engine: str | None) -> dict:
    portfolio = make_project(workdir / f"portfolio-{n}", n)
    plain = plain_project(portfolio)
    build = engine_command("build", "-q", engine=engine)
    # A fresh clone's first build compiles every template; later builds reuse them.
    first = timed(build, portfolio).wall
    a_runs, b_runs = [], []
    for _ in range(runs):
        a_runs.append(timed(build, portfolio))
        b_runs.append(timed(build, plain))
    check = timed([sys.executable, "-m", "portfolj_mkdocs.cli", "check"], portfolio).wall
    a, b = statistics.median(r.wall for r in a_runs), statistics.median(r.wall for r in b_runs)
    # Each A beside the B built right after it: a machine that slows for a while slows both.
    pairs = [a_run.wall / b_run.wall for a_run, b_run in zip(a_runs, b_runs)]
    a_cpu, b_cpu = statistics.median(r.cpu for r in a_runs), statistics.median(r.cpu for r in b_runs)
    site = portfolio / "site"
    result = {"n": n, "first": first, "a": a, "b": b, "ratio": a / b, "pairs": pairs, "a_cpu": a_cpu, "b_cpu": b_cpu,
              "cpu_ratio": a_cpu / b_cpu, "per": a / n * 1000, "memory": max(r.memory for r in a_runs),
              "plain_memory": max(r.memory for r in b_runs), "check": check,
              "filter_per_initiative": gz(site / "assets" / "filter.json") / n,
              "largest_html": max((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html"))}
    if count:
        result["instructions"] = instructions(build, portfolio), instructions(build, plain)
    if browser:
        result["visits"] = first_visit(site, ["", "initiatives/initiativ-00000/", "alla-initiativ/"], "kommun")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="builds of A and of B per size (default 3)")
    parser.add_argument("--no-browser", action="store_true", help="skip the page-weight measurements")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions of one build of A and of B under valgrind (slow)")
    parser.add_argument("--workdir", type=Path, help="where the projects are built (default: the system's temporary folder)")
    parser.add_argument("--engine", choices=ENGINES, help="the engine A and B build with (default: $PORTFOLJ_ENGINE, else mkdocs)")
    args = parser.parse_args()
    print(f"Load average before: {' '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} cores\n")
    print("| N | A: portfolio | B: plain Material | A/B | A/B of each pair: median (least–most) | CPU A | CPU B |"
          " CPU A/B | A per initiative | A, first build | peak memory A (B) | portfolj check |"
          " filter data per initiative |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    visits, counts, results = [], [], []
    with tempfile.TemporaryDirectory(dir=args.workdir) as workdir:
        for n in args.sizes:
            r = measure(n, args.runs, Path(workdir), not args.no_browser, args.instructions, args.engine)
            results.append(r)
            print(f"| {n:,} | {r['a']:.1f} s | {r['b']:.1f} s | {r['ratio']:.2f}"
                  f" | {statistics.median(r['pairs']):.2f} ({min(r['pairs']):.2f}–{max(r['pairs']):.2f})"
                  f" | {r['a_cpu']:.1f} s | {r['b_cpu']:.1f} s"
                  f" | {r['cpu_ratio']:.2f} | {r['per']:.2f} ms | {r['first']:.1f} s"
                  f" | {r['memory']} MB ({r['plain_memory']} MB) | {r['check']:.1f} s"
                  f" | {r['filter_per_initiative']:.1f} B |", flush=True)
            if "visits" in r:
                visits.append((n, r["visits"]))
            if "instructions" in r:
                counts.append((n, *r["instructions"]))
    print(f"\nLoad average after: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    if counts:
        print("\nInstructions of one build on one core, all its work in its own process (callgrind):\n")
        print("| N | A: portfolio | B: plain Material | A/B |")
        print("|---:|---:|---:|---:|")
        for n, a, b in counts:
            print(f"| {n:,} | {a / 1e9:.2f} G | {b / 1e9:.2f} G | {a / b:.2f} |")
    print("\nLargest HTML file (uncompressed; a list holds at most 100 cards a page):\n")
    print("| N | largest HTML file | which |")
    print("|---:|---:|---|")
    for r in results:
        size, path = r["largest_html"]
        print(f"| {r['n']:,} | {size / 1024:.0f} KB | {path} |")
    if visits:
        print("\nFirst visit, everything loaded before interaction (gzip, KB):\n")
        print("| N | home page | initiative page | all initiatives + filter data | one search |")
        print("|---:|---:|---:|---:|---:|")
        for n, v in visits:
            print(f"| {n:,} | {v['/']:.0f} | {v['initiatives/initiativ-00000/']:.0f} | {v['alla-initiativ/']:.0f}"
                  f" | {v['sökning']:.0f} |")


if __name__ == "__main__":
    main()
