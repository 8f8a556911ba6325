"""What MkDocs' own checks find, as the portfolio's problems (see
portfolj.engine_warnings), and how problems reach MkDocs' log and stop a build."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NoReturn

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from portfolj.engine_warnings import engine_problem
from portfolj.messages import Problem


class EngineWarnings(logging.Handler):
    """Collects what MkDocs warns about during one build (a broken link, a
    missing image), to report it as problems in Swedish and to fail the
    build before the staged site is published: MkDocs itself counts its
    warnings only after the last event, when nothing can be held back."""

    def __init__(self, ours: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.ours = ours.name
        self.engine = logging.getLogger(self.ours.split(".")[0])  # "mkdocs", or "properdocs" under ProperDocs
        self.engine.addHandler(self)
        # The link checks' warnings are reported in Swedish only, not also in English first.
        self.pages = logging.getLogger(f"{self.engine.name}.structure.pages")
        self.pages.addFilter(self._hold_back)

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(self.ours):  # the portfolio's own problems are counted already
            self.messages.append(record.getMessage())

    def _hold_back(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        self.messages.append(record.getMessage())
        return False

    def stop(self, config: MkDocsConfig | None = None) -> list[Problem]:
        self.engine.removeHandler(self)
        self.pages.removeFilter(self._hold_back)
        if config is None:
            return []
        docs, root = Path(config.docs_dir), Path(config.config_file_path).parent

        def shown(src_uri: str) -> str:
            return (docs / src_uri).relative_to(root).as_posix() if docs.is_relative_to(root) else src_uri

        def read(src_uri: str) -> str | None:
            try:
                return (docs / src_uri).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None

        # By file and line: the order the pages were checked in depends on how many processes built them.
        problems = [engine_problem(message, shown, read) for message in dict.fromkeys(self.messages)]
        return sorted(problems, key=lambda problem: (problem.path, problem.line or 0))

    def uncount(self) -> None:
        """Strict mode aborts a build after any error that was logged, the
        portfolio's own included. The preview of content with problems from
        the start reports them and succeeds (its page lists them), or the
        server would stop before it starts."""
        for handler in self.engine.handlers:
            if isinstance(handler, CountHandler):
                handler.counts.clear()

def hide_dirty_warning(ours: logging.Logger) -> None:
    """MkDocs warns that a dirty build may leave links and the menu out of
    date, which the portfolio's preview does not (see portfolj.rebuild): keep
    the warning from failing the preview of a site with ``strict``."""
    engine = ours.name.split(".")[0]
    logging.getLogger(f"{engine}.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


def report(log: logging.Logger, problems: list[Problem], summary: str) -> None:
    for problem in problems:
        log.error(str(problem))
    log.error(summary)


def abort() -> NoReturn:
    """Stop the build, its reasons logged already. (MkDocs adds its English
    "Aborted with a BuildError!" to an error raised as a PluginError.)"""
    raise Abort("Bygget avbröts.")
