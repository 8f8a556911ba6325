"""`portfolj` for a site built with MkDocs: the core's command, with the
content folder and taxonomy file that mkdocs.yml gives the build."""

from __future__ import annotations

import sys
from pathlib import Path

from portfolj import cli
from portfolj_mkdocs.config import site_paths


def main(argv: list[str] | None = None) -> int:
    root = project_root(Path.cwd())
    content, taxonomy, site = site_paths((root or Path.cwd()) / "mkdocs.yml")
    return cli.main(argv, content=content, taxonomy=taxonomy, root=root, site=site)


def project_root(start: Path) -> Path | None:
    """The nearest folder with mkdocs.yml, from ``start`` upwards: the
    command works from any subfolder of the site."""
    return next((folder for folder in (start, *start.parents) if (folder / "mkdocs.yml").is_file()), None)


if __name__ == "__main__":
    sys.exit(main())
