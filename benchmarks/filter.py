"""Benchmark of the filter on the list of all initiatives, in headless Chromium.

For each N it builds a project with N synthetic initiatives, serves it on
loopback and measures: the filter data's size (gzip), when the page is first
painted and when the filter is ready, and how long applying a filter and
typing a character take until the next frame (median and 95th percentile).

    python -m benchmarks.filter            # N = 1,000 and 10,000
    python -m benchmarks.filter --sizes 200 --repeat 5   # a quick run
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, build, gzip_size, make_project, serve

# Runs in the page: time from the action to the next painted frame.
MEASURE = """async ([kind, repeat]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const boxes = [...document.querySelectorAll('form.portfolio-filter input[type=checkbox]')];
  const search = document.getElementById('filter-q');
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    if (kind === 'filter') {
      boxes[i % boxes.length].click();
    } else {
      search.value = 'kommun'.slice(0, 1 + (i % 6));
      search.dispatchEvent(new Event('input', {bubbles: true}));
    }
    await frame();
    times.push(performance.now() - t0);
  }
  return times;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(n: int, repeat: int, workdir: Path) -> dict:
    root = make_project(workdir / f"filter-{n}", n)
    build(root)
    site = root / "site"
    base, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "alla-initiativ/")
            page.locator("form.portfolio-filter[data-state=ready]").wait_for(state="attached", timeout=120_000)
            paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
            ready = page.evaluate("performance.now()")
            filters = page.evaluate(MEASURE, ["filter", repeat])
            page.evaluate("() => { document.querySelector('form.portfolio-filter').reset(); }")
            typing = page.evaluate(MEASURE, ["type", repeat])
            browser.close()
    finally:
        server.shutdown()
    data = gzip_size(site / "assets" / "filter.json")
    return {
        "n": n,
        "data_kb": data / 1024,
        "data_per_initiative": data / n,
        "page_kb": gzip_size(site / "alla-initiativ" / "index.html") / 1024,
        "first_paint_ms": paint,
        "ready_ms": ready,
        "filter_median": statistics.median(filters),
        "filter_p95": percentile(filters, 0.95),
        "typing_median": statistics.median(typing),
        "typing_p95": percentile(typing, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print("| N | filter data (gzip) | per initiative | list page HTML (gzip) | first paint | filter ready |"
          " filter change median / p95 | typing median / p95 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as workdir:
        for n in args.sizes:
            r = measure(n, args.repeat, Path(workdir))
            print(f"| {r['n']:,} | {r['data_kb']:.1f} KB | {r['data_per_initiative']:.1f} B | {r['page_kb']:.0f} KB"
                  f" | {r['first_paint_ms']:.0f} ms | {r['ready_ms']:.0f} ms"
                  f" | {r['filter_median']:.1f} / {r['filter_p95']:.1f} ms"
                  f" | {r['typing_median']:.1f} / {r['typing_p95']:.1f} ms |", flush=True)


if __name__ == "__main__":
    main()
