"""Site-wide settings: who publishes the portfolio and where.

Read from the engine's configuration (``extra.portfolio`` in mkdocs.yml plus
the site name and address) and validated like the content.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str = Field("Innovationsportföljen", title="Webbplatsens namn")
    site_url: str = Field("", title="Webbplatsens adress", description="Till exempel https://innovation.kommun.se/.")
    taxonomy: str = Field("taxonomy.yml", title="Taxonomifil", description="Sökväg från mkdocs.yml.")
    organisation: str = Field("", title="Kommun eller organisation som publicerar portföljen")
