"""Site-wide settings: who publishes the portfolio and where.

Read from the engine's configuration (``extra.portfolio`` in mkdocs.yml plus
the site name and address) and validated like the content.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from portfolj.urls import UNKNOWN_SITE, Site


class Editor(BaseModel):
    """Where the web editor at /admin/ saves: the site's Git repository."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # test-repo keeps the files in the browser only: for trying the editor (and for its test).
    backend: Literal["github", "gitlab", "gitea", "test-repo"] = Field("github", title="Git-tjänst")
    repo: str = Field("kommun/innovationsportfoljen", title="Repository (ägare/namn)")
    branch: str = Field("main", title="Gren")
    api_root: str | None = Field(
        None, title="Git-tjänstens API",
        description="För en egen installation: GitLab (https://gitlab.kommun.se/api/v4), "
                    "Gitea eller Forgejo (https://git.kommun.se/api/v1), GitHub Enterprise.")
    base_url: str | None = Field(None, title="Inloggningstjänst (base_url)",
                                 description="OAuth-tjänsten, för GitHub till exempel Sveltia CMS Authenticator.")
    app_id: str | None = Field(None, title="Applikations-id (GitLab med PKCE, Gitea/Forgejo)")
    review: bool = Field(
        False, title="Granskning före publicering",
        description="true: varje ändring blir en pull/merge request som granskas innan den når grenen "
                    "(Sveltias redaktionella arbetsflöde, för GitHub och GitLab).")

    @model_validator(mode="after")
    def _review_needs_pull_requests(self) -> Editor:
        if self.review and self.backend not in ("github", "gitlab"):
            raise PydanticCustomError(
                "editor_review",
                "Granskning före publicering (review: true) finns bara för GitHub och GitLab. "
                "Ta bort review eller byt backend.")
        return self

    @property
    def hosts(self) -> tuple[str, ...]:
        """The other hosts the editor talks to: the Git service's API, its
        sign-in and (GitHub) the avatars of the people signed in."""
        api = self.api_root or {"github": "https://api.github.com", "gitlab": "https://gitlab.com",
                                "gitea": "https://gitea.com", "test-repo": None}[self.backend]
        extra = ("https://avatars.githubusercontent.com",) if self.backend == "github" else ()
        return tuple(dict.fromkeys(_origin(url) for url in (api, self.base_url, *extra) if url))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


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


class Shortcoming(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    what: str = Field(title="Vad som inte är tillgängligt")
    why: str = Field(title="Varför, och vad som görs")


class Accessibility(BaseModel):
    """The facts of the accessibility statement (tillgänglighetsredogörelse)
    that the law (2018:1937) and DIGG's instructions require."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service: str = Field("Innovationsportföljen", title="Webbplatsens namn")
    compliance: Literal["full", "partial", "none"] = Field("partial", title="Överensstämmelse med kraven")
    shortcomings: tuple[Shortcoming, ...] = (
        Shortcoming(what="Webbredigeraren för kommunens medarbetare (/admin/) är inte granskad.",
                    why="Den är ett verktyg från en extern leverantör och används bara internt. Den granskas under 2027."),
        Shortcoming(what="Diagrammen på sidan Överblick kan inte användas med tangentbord.",
                    why="Samma siffror och länkar finns i tabeller bredvid varje diagram."),
        Shortcoming(what="På en bred skärm är staplar för ett eller inga initiativ i diagrammen smalare "
                         "än 24 pixlar.",
                    why="Samma länkar finns i tabellen under varje diagram, där varje siffra är minst 24 × 24 "
                        "pixlar. På en mobil och vid stor förstoring visas diagrammen som rader med text, "
                        "där varje rad är en hel länk."),
        Shortcoming(what="Breda tabeller, till exempel matrisen på startsidan och tabellerna på Överblick, "
                         "rullas i sidled på en mobil.",
                    why="Inget ord bryts och ingen kolumn döljs; en skugga visar att det finns mer åt sidan."),
        Shortcoming(what="Utan JavaScript går menyn inte att öppna på smala skärmar, och listan över alla "
                         "initiativ kan inte filtreras.",
                    why="Alla sidor nås ändå från startsidan, sidfoten och de numrerade sidorna i listorna."),
        Shortcoming(what="Filtret i listan och sökningen hämtar sina träffar efter att sidan visats; en "
                         "skärmläsare får antalet träffar uppläst först när de har kommit.",
                    why="Antalet meddelas med en statusrad. Vi följer upp hur det fungerar med skärmläsare."),
    )
    method: str = Field(
        "Självskattning: automatiska tester med axe-core på varje sidtyp, i ljust och mörkt läge, vid varje "
        "publicering, samt manuell kontroll med tangentbord och skärmläsare.", title="Hur webbplatsen granskats")
    assessed_on: date = Field(date(2026, 11, 1), title="När webbplatsen senast granskades")
    updated_on: date = Field(date(2026, 11, 22), title="När redogörelsen senast uppdaterades")
    feedback_email: str = Field("kommun@asby.se", title="E-post för synpunkter")
    feedback_phone: str = Field("0123-456 00", title="Telefon för synpunkter")


def _absolute_url(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise PydanticCustomError(
            "site_url",
            "Ange webbplatsens fullständiga adress som site_url i mkdocs.yml, till exempel "
            "https://innovation.kommun.se/. Öppna data, flödet och delade länkar behöver den.")
    return url


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str = Field("Innovationsportföljen", title="Webbplatsens namn")
    site_url: Annotated[str, AfterValidator(_absolute_url)] = Field(
        "", title="Webbplatsens adress", description="Till exempel https://innovation.kommun.se/.")
    taxonomy: str = Field("taxonomy.yml", title="Taxonomifil", description="Sökväg från mkdocs.yml.")
    organisation: str = Field("Åsby kommun", title="Kommun eller organisation som publicerar portföljen")
    website: str | None = Field(None, pattern=r"^https?://", title="Kommunens webbplats",
                                description="Länkas i sidhuvudet och sidfoten, till exempel https://www.asby.se/.")
    logo: str | None = Field(None, title="Kommunens logotyp",
                             description="En bild (PNG, JPEG eller WebP) i mappen content/, till exempel bilder/logo.png. "
                                         "Visas i sidhuvudet i stället för webbplatsens ikon.")
    dataset: Dataset = Field(default_factory=Dataset, title="Öppna data")
    editor: Editor = Field(default_factory=Editor, title="Webbredigeraren")
    accessibility: Accessibility = Field(default_factory=Accessibility, title="Tillgänglighetsredogörelse")
    stale_after_months: int = Field(
        12, ge=1, le=120, title="Månader utan rörelse",
        description="Efter hur många månader utan nytt steg eller ny status ett pågående initiativ visas som "
                    "stillastående på sidan Överblick.")
    embed_hosts: tuple[str, ...] = Field(
        ("www.youtube-nocookie.com", "player.vimeo.com"),
        title="Webbplatser vars videor får bäddas in i initiativens text")

    @property
    def site(self) -> Site:
        """Where the site is published: what addresses in content are judged against."""
        return Site(self.site_url or UNKNOWN_SITE, self.embed_hosts)
