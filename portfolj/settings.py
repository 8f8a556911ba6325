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


class Dataset(BaseModel):
    """How the open data is described for Sveriges dataportal (DCAT-AP-SE)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title_sv: str = Field("Innovationsportföljen", title="Datamängdens titel på svenska")
    title_en: str = Field("Innovation portfolio", title="Datamängdens titel på engelska")
    description_sv: str = Field(
        "Kommunens innovationsinitiativ med innovationsfacett, steg, status, ansvarig organisation, "
        "finansiering och globala mål.", title="Beskrivning på svenska")
    description_en: str = Field(
        "The municipality's innovation initiatives with innovation facet, stage, status, responsible unit, "
        "funding and sustainable development goals.", title="Beskrivning på engelska")
    licence: str = Field("http://creativecommons.org/publicdomain/zero/1.0/", title="Licens (URI)")
    licence_name: str = Field("CC0 1.0 (fri användning)", title="Licensens namn")
    contact_email: str = Field("kommun@asby.se", title="E-post för frågor om datan")
    # EU data themes: government and public sector, society.
    themes: tuple[str, ...] = ("GOVE", "SOCI")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str = Field("Innovationsportföljen", title="Webbplatsens namn")
    site_url: str = Field("", title="Webbplatsens adress", description="Till exempel https://innovation.kommun.se/.")
    taxonomy: str = Field("taxonomy.yml", title="Taxonomifil", description="Sökväg från mkdocs.yml.")
    organisation: str = Field("Åsby kommun", title="Kommun eller organisation som publicerar portföljen")
    dataset: Dataset = Field(default_factory=Dataset, title="Öppna data")
    editor: Editor = Field(default_factory=Editor, title="Webbredigeraren")
