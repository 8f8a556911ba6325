"""Deterministic synthetic initiatives for benchmarks: valid front matter,
a realistic mix of fields and a body of realistic length."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

FACETS = ("enhancement", "mission", "adaptive", "anticipatory")
STAGES = ("foundation", "needs", "explore", "realise", "spread")
STATUSES = ("active", "active", "active", "paused", "completed", "completed", "stopped")
AREAS = ("education", "elderly-care", "disability", "social-services", "health", "culture-leisure",
         "urban-development", "environment", "business-work", "transport", "water-waste", "safety",
         "democracy", "administration")
UNITS = ("Kommunledningsförvaltningen", "Vård- och omsorgsförvaltningen", "Barn- och utbildningsförvaltningen",
         "Socialförvaltningen", "Samhällsbyggnadsförvaltningen", "Kultur- och fritidsförvaltningen",
         "Serviceförvaltningen", "Vatten och Energi AB")
FUNDERS = ("Vinnova", "Energimyndigheten", "Naturvårdsverket", "Europeiska socialfonden", "Region")
WORDS = ("kommun invånare medarbetare skola förskola omsorg äldre digital tjänst behov lösning resultat lärdom "
         "test pilot samverkan energi klimat vatten trafik bibliotek ungdomar arbete näringsliv trygghet "
         "dialog data plattform sensor planering kvalitet effekt uppföljning förbättring ny idé metod "
         "verksamhet utveckling invånardialog hållbarhet").split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _initiative(rng: random.Random, n: int) -> tuple[dict, str]:
    year = rng.randint(2015, 2026)
    fields: dict = {
        "title": f"{_sentence(rng, rng.randint(3, 7))[:-1]} {n}",
        "description": " ".join(_sentence(rng, rng.randint(8, 14)) for _ in range(2))[:300],
        "facet": rng.choice(FACETS),
        "stage": rng.choice(STAGES),
        "status": rng.choice(STATUSES),
        "organisation": f"{rng.choice(UNITS)} {rng.randint(1, 29)}",  # a national portfolio has many units
        "started": f"{year}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
        "sdgs": sorted(rng.sample(range(1, 18), rng.randint(0, 3))),
        "areas": rng.sample(AREAS, rng.randint(1, 2)),
        "tags": rng.sample(WORDS, rng.randint(1, 4)),
    }
    if fields["status"] in ("completed", "stopped"):
        fields["ended"] = f"{min(year + rng.randint(0, 2), 2026)}-12-31"
    if rng.random() < 0.4:
        fields["funding"] = [{"funder": rng.choice(FUNDERS), "amount_sek": rng.randrange(100_000, 5_000_000, 10_000)}]
    if rng.random() < 0.5:
        fields["contact"] = {"name": f"Person {n}", "role": "Projektledare", "email": f"person{n}@kommun.se"}
    if rng.random() < 0.02:
        fields["featured"] = True
    body = "\n\n".join(
        f"## {heading}\n\n" + " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))
        for heading in ("Behov", "Lösning", "Resultat", "Lärdomar")
    )
    return fields, body


def write_initiatives(directory: Path, n: int, seed: int = 2026) -> None:
    """Write ``n`` valid initiative files into ``directory``."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(n):
        fields, body = _initiative(rng, number)
        text = f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n\n{body}\n"
        (directory / f"initiativ-{number:05}.md").write_text(text, encoding="utf-8")
