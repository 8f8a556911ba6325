"""`portfolj` for a site built with MkDocs: the core's command, with the
content folder and taxonomy file that mkdocs.yml gives the build."""

from __future__ import annotations

import sys
from pathlib import Path

from portfolj import cli
from portfolj_mkdocs.config import site_paths


def main(argv: list[str] | None = None) -> int:
    content, taxonomy = site_paths(Path("mkdocs.yml"))
    return cli.main(argv, content=content, taxonomy=taxonomy)


if __name__ == "__main__":
    sys.exit(main())
