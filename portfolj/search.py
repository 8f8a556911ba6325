"""Full-text search for the built site, with Pagefind.

Pagefind stems Swedish words on both sides (a search for "skolor" finds
"skola") and splits its index into small chunks, so a visitor downloads only
what a query needs, also with ten thousand initiatives. It indexes the
elements marked ``data-pagefind-body``: the initiative pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path, pages_glob: str = "**/*.html", language: str = "sv") -> None:
    """Write the search index into ``site_dir/pagefind``. ``pages_glob``
    limits the files Pagefind reads to those that can hold indexed content."""
    if next(site_dir.glob(pages_glob), None) is None:
        return  # nothing to index yet (an empty portfolio): Pagefind would fail
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", pages_glob,
               "--force-language", language, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Sökindexet kunde inte byggas: {result.stderr or result.stdout}")
