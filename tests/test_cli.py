"""The `portfolj` command: new, check and schema, with the build's own rules."""

import json
import subprocess
import sys

import pytest

from portfolj import cli
from portfolj_mkdocs import cli as site_cli
from support import MINIMAL, ROOT, front_matter


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    (tmp_path / "content" / "initiatives").mkdir(parents=True)
    (tmp_path / "taxonomy.yml").write_text((ROOT / "taxonomy.yml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(workdir, name, text):
    path = workdir / "content" / "initiatives" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_new_unattended_creates_a_file_that_passes_check(workdir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code = cli.main(["new", "Äldre & digitala möten: en pilot", "--facet", "Missionsorienterad",
                     "--stage", "explore", "--status", "active", "--organisation", "Vård- och omsorgsförvaltningen"])
    assert code == 0
    created = workdir / "content" / "initiatives" / "aldre-digitala-moten-en-pilot.md"
    text = created.read_text(encoding="utf-8")
    assert 'title: "Äldre & digitala möten: en pilot"' in text and "facet: mission" in text
    assert "## Behov" in text and "## Lärdomar" in text and "# funding:" in text
    assert cli.main(["check", str(created)]) == 0
    assert "Inga fel i 1 fil." in capsys.readouterr().out


def test_new_never_overwrites(workdir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    existing = write(workdir, "ett-initiativ.md", "orört")
    args = ["new", "Ett initiativ", "--facet", "mission", "--stage", "needs", "--status", "active", "--organisation", "X"]
    assert cli.main(args) == 1
    assert existing.read_text() == "orört" and "skrivs inte över" in capsys.readouterr().err
    existing.unlink()
    in_subfolder = write(workdir, "2024/ett-initiativ.md", "orört")
    assert cli.main(args) == 1
    assert "2024/ett-initiativ.md finns redan" in capsys.readouterr().err
    assert [p.name for p in (workdir / "content" / "initiatives").rglob("*.md")] == [in_subfolder.name]


def test_new_without_terminal_needs_the_flags(workdir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert cli.main(["new", "Något", "--facet", "mission"]) == 1
    assert "--stage, --status, --organisation" in capsys.readouterr().err
    assert list((workdir / "content" / "initiatives").iterdir()) == []


def test_new_asks_in_a_terminal(workdir, monkeypatch, capsys):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["9", "2", "utforska", "Avbrutet", "Socialförvaltningen"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert cli.main(["new", "Fråga Åsa"]) == 0
    text = (workdir / "content" / "initiatives" / "fraga-asa.md").read_text(encoding="utf-8")
    assert "facet: mission" in text and "stage: explore" in text and "status: stopped" in text
    assert 'organisation: "Socialförvaltningen"' in text
    out = capsys.readouterr().out
    assert "1) Förbättringsinriktad (enhancement)" in out and "känns inte igen" in out


def test_check_reports_like_the_build(workdir, capsys):
    write(workdir, "bra.md", front_matter(MINIMAL))
    bad = write(workdir, "fel.md", front_matter(MINIMAL | {"stage": "explroe"}))
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/initiatives/fel.md:5: fältet 'stage': Okänt värde 'explroe'. Menade du 'explore'" in out
    assert out.strip().endswith("1 fel i 1 fil.")
    assert cli.main(["check", str(bad), "--format", "json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem == {"path": "content/initiatives/fel.md", "line": 5, "field": "stage",
                       "message": problem["message"]} and "Tillåtna värden" in problem["message"]


def test_check_github_annotations(workdir, capsys):
    bad = write(workdir, "fel.md", front_matter(MINIMAL | {"sdgs": [18], "organsation": "x"}))
    assert cli.main(["check", "--format", "github", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=content/initiatives/fel.md,line=")
    assert any(",title=Fältet sdgs%2C värde 1::Okänt värde '18'." in line for line in lines)
    assert all(line.startswith("::error ") for line in lines)


def test_check_finds_twins_of_a_named_file(workdir, capsys):
    one = write(workdir, "samma.md", front_matter(MINIMAL))
    (workdir / "content" / "initiatives" / "2024").mkdir()
    write(workdir, "2024/samma.md", front_matter(MINIMAL))
    assert cli.main(["check", str(one)]) == 1
    assert "samma namn 'samma.md'" in capsys.readouterr().out


def test_schema_lists_ids_with_swedish_labels(workdir, capsys):
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    facet = schema["properties"]["facet"]
    assert facet["enum"] == ["enhancement", "mission", "adaptive", "anticipatory"]
    assert facet["enumDescriptions"][0] == "Förbättringsinriktad"
    assert schema["properties"]["areas"]["items"]["enumDescriptions"][1] == "Äldreomsorg"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["schema"]])
def test_help_is_swedish_everywhere(command):
    result = subprocess.run([sys.executable, "-m", "portfolj_mkdocs.cli", *command, "--help"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.startswith("användning: portfolj") and "visa den här hjälpen och avsluta" in result.stdout


def test_check_uses_the_folders_the_site_is_built_from(workdir, capsys):
    (workdir / "mkdocs.yml").write_text(
        "site_name: X\ndocs_dir: innehall\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  portfolio:\n    taxonomy: vokabular/taxonomi.yml\n", encoding="utf-8")
    (workdir / "vokabular").mkdir()
    (workdir / "taxonomy.yml").rename(workdir / "vokabular" / "taxonomi.yml")
    (workdir / "innehall" / "initiatives").mkdir(parents=True)
    (workdir / "innehall" / "initiatives" / "fel.md").write_text(front_matter(MINIMAL | {"stage": "explroe"}), encoding="utf-8")
    assert site_cli.main(["check"]) == 1
    assert "innehall/initiatives/fel.md:5: fältet 'stage'" in capsys.readouterr().out


def test_pre_commit_checks_changed_initiatives_only():
    import re

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["entry"] == "portfolj check" and hook["language"] == "system"
    files = re.compile(hook["files"])
    assert files.search("content/initiatives/idesluss.md") and files.search("content/initiatives/2024/a.md")
    assert not files.search("content/index.md") and not files.search("README.md")


def test_check_from_a_subfolder_finds_the_project(workdir, capsys, monkeypatch):
    (workdir / "mkdocs.yml").write_text("site_name: X\ndocs_dir: content\n", encoding="utf-8")
    write(workdir, "fel.md", front_matter(MINIMAL | {"stage": "explroe"}))
    monkeypatch.chdir(workdir / "content" / "initiatives")
    assert site_cli.main(["check"]) == 1
    assert "content/initiatives/fel.md:5: fältet 'stage': Okänt värde 'explroe'" in capsys.readouterr().out
    assert site_cli.main(["check", "fel.md"]) == 1
    assert "fel.md:5: fältet 'stage'" in capsys.readouterr().out


def test_check_outside_any_project_says_where_to_run_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Här finns ingen portfölj: varken mkdocs.yml eller mappen content/ finns i den här mappen eller någon "
        "mapp ovanför. Gå till portföljens mapp (den med mkdocs.yml) och kör kommandot där.")


@pytest.mark.parametrize("name", ["content/index.md", "README.md", "content/initiatives/anteckning.txt"])
def test_check_on_a_file_that_is_not_an_initiative(workdir, capsys, name):
    (workdir / name).parent.mkdir(parents=True, exist_ok=True)
    (workdir / name).write_text("# Om portföljen\n", encoding="utf-8")
    assert cli.main(["check", name]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{name}: Filen är inget initiativ: initiativ är .md-filer i content/initiatives/. Kontrollera sökvägen, "
        "eller kör portfolj check utan filnamn för att kontrollera alla initiativ.")
