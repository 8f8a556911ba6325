"""Site-wide settings: who publishes the portfolio and where.

Read from the engine's configuration (``extra.portfolio`` in mkdocs.yml plus
the site name and address) and validated like the content.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Editor(BaseModel):
    """Where the web editor at /admin/ saves: the site's Git repository."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["github", "gitlab"] = Field("github", title="Git-tjänst")
    repo: str = Field("kommun/innovationsportfoljen", title="Repository (ägare/namn)")
    branch: str = Field("main", title="Gren")
    base_url: str | None = Field(None, title="OAuth-tjänst för GitHub (base_url)")
    app_id: str | None = Field(None, title="Applikations-id för GitLab (PKCE)")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str = Field("Innovationsportföljen", title="Webbplatsens namn")
    site_url: str = Field("", title="Webbplatsens adress", description="Till exempel https://innovation.kommun.se/.")
    taxonomy: str = Field("taxonomy.yml", title="Taxonomifil", description="Sökväg från mkdocs.yml.")
    organisation: str = Field("", title="Kommun eller organisation som publicerar portföljen")
    editor: Editor = Field(default_factory=Editor, title="Webbredigeraren")
