"""What MkDocs' own checks find, as the portfolio's problems (see
portfolj.engine_warnings)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

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

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(self.ours):  # the portfolio's own problems are counted already
            self.messages.append(record.getMessage())

    def stop(self, config: MkDocsConfig | None = None) -> list[Problem]:
        self.engine.removeHandler(self)
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

        return [engine_problem(message, shown, read) for message in dict.fromkeys(self.messages)]


def hide_dirty_warning(ours: logging.Logger) -> None:
    """MkDocs warns that a dirty build may leave links and the menu out of
    date, which the portfolio's preview does not (see portfolj.rebuild): keep
    the warning from failing the preview of a site with ``strict``."""
    engine = ours.name.split(".")[0]
    logging.getLogger(f"{engine}.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))

