"""The benchmark scripts keep working (tiny sizes; no timing is asserted)."""

import subprocess
import sys

import pytest

from support import ROOT


def run(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_build_benchmark_smoke():
    out = run("benchmarks.build", "--sizes", "20", "--runs", "1")
    assert "| 20 |" in out and "A/B" in out and "one search" in out


@pytest.mark.slow  # valgrind: a minute or more
def test_build_benchmark_counts_instructions():
    out = run("benchmarks.build", "--sizes", "5", "--runs", "1", "--no-browser", "--instructions")
    row = next(line for line in out.splitlines() if line.startswith("| 5 |") and line.endswith(" |") and "G |" in line)
    a, b, ratio = (cell.strip() for cell in row.strip("|").split("|")[1:])
    assert float(a.rstrip(" G")) > float(b.rstrip(" G")) > 0 and float(ratio) > 1


def test_filter_benchmark_smoke():
    out = run("benchmarks.filter", "--sizes", "30", "--repeat", "2")
    assert "| 30 |" in out and "typing median" in out


def test_synthetic_initiatives_are_valid(tmp_path):
    from benchmarks.synthetic import write_initiatives
    from portfolj.loading import load_portfolio

    write_initiatives(tmp_path / "content" / "initiatives", 200)
    portfolio, problems = load_portfolio(tmp_path / "content", ROOT / "taxonomy.yml")
    assert problems == [] and len(portfolio) == 200


def test_serve_benchmark_smoke():
    out = run("benchmarks.serve", "--sizes", "20", "--repeat", "1", "--no-plain")
    row = next(line for line in out.splitlines() if line.startswith("| 20 |"))
    assert row.count(" s") == 6, row
