"""The `portfolj` command: new, check and schema, with the build's own rules."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

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


def terminal(monkeypatch, *answers):
    """A terminal where the writer gives these answers, in order."""
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    given = iter(answers)

    def answer(prompt=""):
        value = next(given)
        if isinstance(value, type) and issubclass(value, BaseException):
            raise value
        return value

    monkeypatch.setattr("builtins.input", answer)


def test_new_asks_in_a_terminal_and_asks_again(workdir, monkeypatch, capsys):
    terminal(monkeypatch, "9", "2", "utforsak", "utforska", "", "Avbrutet", "", "Socialförvaltningen",
             "Invånarna frågar Åsa.")
    assert cli.main(["new", "Fråga Åsa"]) == 0
    text = (workdir / "content" / "initiatives" / "fraga-asa.md").read_text(encoding="utf-8")
    assert "facet: mission" in text and "stage: explore" in text and "status: stopped" in text
    assert 'organisation: "Socialförvaltningen"' in text and 'description: "Invånarna frågar Åsa."' in text
    out = capsys.readouterr().out
    assert "1) Förbättringsinriktad (enhancement)" in out
    assert "Att göra det vi redan gör bättre" in out  # each term's description, to choose by
    assert "'9' känns inte igen." in out
    assert "'utforsak' känns inte igen. Menade du 'explore' (Utforska möjligheter)? Försök igen." in out
    assert out.count("Ett svar behövs här.") == 2


def test_new_asks_for_a_missing_title(workdir, monkeypatch):
    terminal(monkeypatch, "", "Idésluss", "1", "1", "1", "Kommunledningen", "Idéer prövas.")
    assert cli.main(["new"]) == 0
    assert (workdir / "content" / "initiatives" / "idesluss.md").is_file()


def test_new_uses_the_description_given(workdir, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    args = ["new", "Ett initiativ", "--description", "Medarbetare prövar idéer.", "--facet", "mission",
            "--stage", "needs", "--status", "active", "--organisation", "X"]
    assert cli.main(args) == 0
    text = (workdir / "content" / "initiatives" / "ett-initiativ.md").read_text(encoding="utf-8")
    assert 'description: "Medarbetare prövar idéer."' in text


@pytest.mark.parametrize(("title", "message"), [
    ("Å" * 121, "Texten är för lång: 121 tecken, högst 120 är tillåtna."),
    ("?!?", "Titeln behöver minst en bokstav"),
    ("Tr\udce4dg\udce5rd", "Titeln innehåller tecken som inte är text"),  # a Latin-1 terminal's å, ä
])
def test_new_refuses_a_title_the_build_would_refuse_and_writes_nothing(workdir, monkeypatch, capsys, title, message):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    args = ["new", title, "--facet", "mission", "--stage", "needs", "--status", "active", "--organisation", "X"]
    assert cli.main(args) == 1
    assert message in capsys.readouterr().err
    assert list((workdir / "content" / "initiatives").iterdir()) == []


@pytest.mark.parametrize("key", [KeyboardInterrupt, EOFError])  # Ctrl-C, Ctrl-D
def test_new_stopped_at_a_question_leaves_nothing(workdir, monkeypatch, capsys, key):
    terminal(monkeypatch, "1", key)
    assert cli.main(["new", "Något nytt"]) == 130
    assert "Avbrutet. Ingen fil skapades." in capsys.readouterr().err
    assert list((workdir / "content" / "initiatives").iterdir()) == []


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
    facet = schema["properties"]["facet"]["else"]
    assert facet["enum"] == ["enhancement", "mission", "adaptive", "anticipatory"]
    assert facet["enumDescriptions"][0] == "Förbättringsinriktad"
    assert schema["properties"]["areas"]["items"]["else"]["enumDescriptions"][1] == "Äldreomsorg"
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


def test_check_judges_addresses_and_names_like_the_build(workdir, capsys):
    """A video from the site's embed_hosts passes, one from elsewhere does not,
    and a taxonomy path that takes a name of the site is a clash, as in the build."""
    (workdir / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: https://innovation.example.se/\ndocs_dir: content\n"
        "extra:\n  portfolio:\n    embed_hosts: [video.example.se]\n", encoding="utf-8")
    frame = '<iframe src="https://{}/v/1" title="Film"></iframe>'
    write(workdir, "bra.md", front_matter(MINIMAL, f"## Behov\n\n{frame.format('video.example.se')}\n"))
    assert site_cli.main(["check"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    write(workdir, "bra.md", front_matter(MINIMAL, f"## Behov\n\n{frame.format('www.youtube-nocookie.com')}\n"))
    assert site_cli.main(["check", "content/initiatives/bra.md"]) == 1
    assert ("content/initiatives/bra.md:12: Videon 'https://www.youtube-nocookie.com/v/1' får inte bäddas in"
            in capsys.readouterr().out)
    write(workdir, "bra.md", front_matter(MINIMAL))
    taxonomy = workdir / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("path: omraden", "path: admin", 1),
                        encoding="utf-8")
    assert site_cli.main(["check"]) == 1
    assert "Sökvägen 'admin' används redan av webbredigeraren." in capsys.readouterr().out


def test_pre_commit_hook_on_a_fresh_clone_finds_the_projects_portfolj(tmp_path):
    """The README's steps in a new clone: the environment made in .venv (here
    the one running the tests), pre-commit installed, no environment active."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    for name in (".pre-commit-config.yaml", "taxonomy.yml", "scripts/portfolj"):
        shutil.copy2(ROOT / name, clone / name)
    (clone / ".venv").symlink_to(Path(sys.prefix))
    (clone / "content" / "initiatives").mkdir(parents=True)
    (clone / "content" / "initiatives" / "bra.md").write_text(front_matter(MINIMAL), encoding="utf-8")
    (clone / "content" / "index.md").write_text("# Start\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@asby.se",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@asby.se"}

    def run(*command):
        return subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True)

    assert run("git", "init", "-q").returncode == 0
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    assert run("git", "add", ".").returncode == 0
    committed = run("git", "commit", "-q", "-m", "Första initiativet")
    assert committed.returncode == 0, committed.stdout + committed.stderr

    (clone / "content" / "initiatives" / "fel.md").write_text(
        front_matter(MINIMAL | {"stage": "explroe"}), encoding="utf-8")
    run("git", "add", ".")
    refused = run("git", "commit", "-q", "-m", "Ett fel")
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1
    assert "content/initiatives/fel.md:5: fältet 'stage': Okänt värde 'explroe'" in output
    assert "Menade du 'explore'" in output and "bra.md" not in output  # changed files only
    assert run("git", "log", "--oneline").stdout.count("\n") == 1


def test_pre_commit_hook_without_the_environment_says_how_to_make_it(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "portfolj", tmp_path / "scripts" / "portfolj")
    result = subprocess.run([tmp_path / "scripts" / "portfolj", "check"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "portfolj är inte installerat" in result.stderr and "pip install -c requirements.lock -e ." in result.stderr


def test_new_in_a_real_terminal_ended_with_ctrl_d_prints_no_traceback(workdir):
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "portfolj.cli", "new", "Något nytt"], cwd=workdir,
                               stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.close(follower)
    os.write(leader, b"\x04")  # Ctrl-D at the first question
    out, err = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 130 and "Traceback" not in err
    assert "Avbrutet. Ingen fil skapades." in err and "Innovationsfacett" in out
    assert list((workdir / "content" / "initiatives").iterdir()) == []


def test_ctrl_c_while_checking_stops_without_a_traceback(workdir, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "checked_portfolio", interrupted)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == "\nAvbrutet.\n"


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


def test_new_challenge_creates_a_file_that_passes_check(workdir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code = cli.main(["new", "--utmaning", "Ensamhet bland äldre", "--organisation", "Vård- och omsorgsförvaltningen"])
    assert code == 0, capsys.readouterr().err
    created = workdir / "content" / "utmaningar" / "ensamhet-bland-aldre.md"
    text = created.read_text(encoding="utf-8")
    assert 'title: "Ensamhet bland äldre"' in text and "status: open" in text and "## Behovet" in text
    assert cli.main(["check", str(created)]) == 0
    assert cli.main(["check"]) == 0
    assert "Inga fel i 1 fil." in capsys.readouterr().out
    assert cli.main(["new", "--utmaning", "Ensamhet bland äldre", "--organisation", "X"]) == 1
    assert "skrivs inte över" in capsys.readouterr().err


def test_check_knows_the_challenges(workdir, capsys):
    cli.main(["new", "--utmaning", "Äldre bor hemma", "--organisation", "Omsorgen"])
    path = write(workdir, "a.md", front_matter(MINIMAL | {"challenges": ["aldre-bor-hema"]}))
    assert cli.main(["check", str(path)]) == 1
    assert "Menade du 'aldre-bor-hemma'?" in capsys.readouterr().out
    path.write_text(front_matter(MINIMAL | {"challenges": ["aldre-bor-hemma"]}), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0


def test_schema_for_challenges(workdir, capsys):
    assert cli.main(["schema", "--utmaning"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Utmaning" and "opened" in schema["required"]
