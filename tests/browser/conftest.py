"""Browser tests: the built example site served on localhost, driven in
headless Chromium from Debian's `chromium` package through Playwright.

No browser is downloaded: Playwright gets `executable_path`. Every request
the page makes is recorded, so tests can prove that nothing leaves the site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from browser_support import serve
from support import Project, new_project

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Without the background-networking flags Chromium calls home, which this
# sandbox (and a privacy test) must not see.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Project:
    """The shipped project, examples included, built once per session."""
    project = new_project(tmp_path_factory.mktemp("examples") / "project", examples=True)
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def base_url(example_site: Project) -> str:
    return serve(example_site.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RecordingPage:
    """A browser tab that remembers every request, every dialog, every
    script error and every violation of a page's Content Security Policy
    (as "directive blocked-address page-address")."""

    def __init__(self, page: Page):
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.violations: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.expose_function("__recordViolation", lambda violation: self.violations.append(violation))
        page.add_init_script("document.addEventListener('securitypolicyviolation', event => "
                             "__recordViolation(`${event.effectiveDirective} ${event.blockedURI} ${event.documentURI}`))")

        def dismiss(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)

    def __getattr__(self, name: str):
        return getattr(self.page, name)


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[RecordingPage]:
    context = browser.new_context(locale="sv-SE", java_script_enabled=True)
    recording = RecordingPage(context.new_page())
    yield recording
    context.close()
    # Every browser test also proves the public pages keep to their policy
    # (/admin/ has its own, see portfolj.cms).
    if request.node.get_closest_marker("breaks_the_policy") is None:
        assert [v for v in recording.violations if "/admin/" not in v] == [], "Content Security Policy"


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[RecordingPage]:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    yield RecordingPage(context.new_page())
    context.close()
