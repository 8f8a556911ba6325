"""`mkdocs build` on two cores (hooks/portfolj_mkdocs/halves.py): two
processes each convert and render half the pages, and the site is the one a
build on one core gives, byte for byte; what the other half finds or fails
at stops the build as if one process had."""

import shutil
from pathlib import Path

import pytest

from benchmarks.synthetic import write_initiatives
from support import ONE_CORE, ROOT, needs_two_cores, new_project, run_engine

SPLIT = "Sidorna byggs i två processer."


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def linking(project, count: int, link: str) -> None:
    """``count`` initiatives side by side, each linking to the next: some are
    converted by one half and linked to from the other."""
    for number in range(count):
        project.add(f"lank-{number:02}", title=f"Länkar {number}",
                    body=f"## Behov\n\nSe [nästa](lank-{(number + 1) % count:02}.md{link}).\n\n## Lärdomar\n\n"
                         f"Lärdom {number}.\n")


@needs_two_cores
def test_two_halves_build_the_site_one_process_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    project = new_project(tmp_path / "project", examples=True)
    write_initiatives(project.initiatives, 120)
    linking(project, 6, "#behov")
    two = project.build("--strict", "--verbose", "--site-dir", str(tmp_path / "two"))
    assert two.returncode == 0, two.stderr
    assert SPLIT in two.stderr
    one = run_engine(project.root, "build", "--strict", "--verbose", "--site-dir", str(tmp_path / "one"),
                     prefix=ONE_CORE)
    assert one.returncode == 0, one.stderr
    assert SPLIT not in one.stderr
    built_by_two, built_by_one = files(tmp_path / "two"), files(tmp_path / "one")
    assert len(built_by_one) > 300 and any(path.startswith("pagefind/") for path in built_by_one)
    assert built_by_two.keys() == built_by_one.keys()
    assert [path for path in built_by_one if built_by_two[path] != built_by_one[path]] == []
    # Lessons cut by either half show on the lessons page the original renders.
    lessons = (tmp_path / "two" / "lardomar" / "index.html").read_text(encoding="utf-8")
    assert all(f"Lärdom {number}." in lessons for number in range(6))
    assert "Page skipped" not in two.stderr


@needs_two_cores
def test_what_either_half_finds_is_reported_in_swedish(tmp_path):
    project = new_project(tmp_path / "project")
    linking(project, 4, "#finns-inte")
    result = project.build("--strict")
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if "Länken" in line]
    assert len(reported) == 4
    for number, line in enumerate(reported):  # by file, whichever half converted it
        assert (f"content/initiatives/lank-{number:02}.md:12: Länken 'lank-{(number + 1) % 4:02}.md#finns-inte' "
                f"pekar på en rubrik som inte finns i initiatives/lank-{(number + 1) % 4:02}.md.") in line
    assert not (project.site / "index.html").exists()


@needs_two_cores
@pytest.mark.parametrize("failing", ["sida-0", "sida-1"])  # a page of the original's half, and of the copy's
def test_when_one_half_fails_the_build_stops_and_the_last_site_stays(tmp_path, failing):
    project = new_project(tmp_path / "project")
    for number in range(4):
        project.add(f"sida-{number}", title=f"Sida {number}")
    assert project.build().returncode == 0
    before = files(project.site)
    # A template that fails on one page, in the project's own copy of the templates.
    (project.root / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project.root / "overrides")
    initiative = project.root / "overrides" / "portfolio" / "initiative.html"
    initiative.write_text(initiative.read_text(encoding="utf-8").replace(
        "{% block content %}",
        f"{{% block content %}}{{% if entry.slug == '{failing}' %}}{{{{ no_such_function() }}}}{{% endif %}}", 1),
        encoding="utf-8")
    project.add("sida-0", title="Ändrad")
    result = project.build()
    assert result.returncode == 1
    assert f"Error building page 'initiatives/{failing}.md': 'no_such_function' is undefined" in result.stderr
    if failing == "sida-1":
        assert "Den andra halvan av bygget misslyckades (se ovan). Den senast byggda webbplatsen är orörd." in result.stderr
    assert files(project.site) == before
    assert [path.name for path in project.root.iterdir() if path.name.startswith(".site.staging-")] == []
