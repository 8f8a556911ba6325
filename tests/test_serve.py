"""`mkdocs serve` keeps the last good preview when an edit breaks validation,
says why in Swedish, and shows the fix as soon as the file is saved again."""

import socket
import subprocess
import time
import urllib.request

import pytest

from support import MINIMAL, engine_command, engine_env, front_matter


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.fixture
def server(project, tmp_path):
    project.add("pilot", title="Första versionen")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        engine_command("serve", "--dev-addr", f"127.0.0.1:{port}"),
        cwd=project.root, stdout=log, stderr=subprocess.STDOUT, env=engine_env(),
    )
    url = f"http://127.0.0.1:{port}/initiatives/pilot/"
    try:
        wait_for(lambda: "Första versionen" in fetch(url))
        yield project, url, log
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def output(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


def test_error_while_serving_keeps_the_last_good_preview(server):
    project, url, log = server
    path = project.initiatives / "pilot.md"
    path.write_text(front_matter(MINIMAL | {"title": "Trasig", "stage": "explroe"}), encoding="utf-8")
    wait_for(lambda: "Förhandsvisningen visar den senaste fungerande versionen" in output(log))
    assert "content/initiatives/pilot.md:5: fältet 'stage': Okänt värde 'explroe'" in output(log)
    assert "Första versionen" in fetch(url)

    path.write_text(front_matter(MINIMAL | {"title": "Rättad version"}), encoding="utf-8")
    wait_for(lambda: "Rättad version" in fetch(url))
