"""The site builds with MkDocs and with ProperDocs, its maintained
continuation, and both give the same files, byte for byte, apart from the
generator tag that names the engine."""

import re

from support import ENGINES, new_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site):
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01: the sitemap's date, after every example's updated
    project = new_project(tmp_path / "project", examples=True)
    built = {}
    for engine in ENGINES:
        result = project.build("--strict", "--site-dir", str(tmp_path / engine), engine=engine)
        assert result.returncode == 0, result.stderr
        built[engine] = files(tmp_path / engine)

    mkdocs, properdocs = built["mkdocs"], built["properdocs"]
    assert GENERATOR.search(mkdocs["index.html"]).group().startswith(b'<meta name="generator" content="mkdocs-1.')
    assert b"ProperDocs" in GENERATOR.search(properdocs["index.html"]).group()
    assert len(mkdocs) > 100 and any(path.startswith("pagefind/") for path in mkdocs)
    assert mkdocs.keys() == properdocs.keys()
    differing = [path for path in mkdocs if GENERATOR.sub(b"", mkdocs[path]) != GENERATOR.sub(b"", properdocs[path])]
    assert differing == []
