"""DCAT-AP-SE metadata for the portfolio's open data, as JSON-LD.

Covers the properties DCAT-AP-SE (version 3) makes mandatory, and the
recommended ones Sveriges dataportal shows:
- Catalog: dcterms:title, dcterms:description, dcterms:publisher,
  dcat:dataset, and dcterms:license, which DCAT-AP-SE requires to be CC0
  (the metadata itself is free, whatever the data's licence);
  recommended foaf:homepage, dcterms:language.
- Dataset: dcterms:title and dcterms:description (sv and en),
  dcterms:publisher, dcat:contactPoint (vcard with e-mail),
  dcat:distribution; recommended dcat:theme (EU data themes),
  dcat:keyword, dcat:landingPage, dcterms:language.
- Distribution: dcat:accessURL; recommended dcat:downloadURL,
  dcterms:title, dcterms:format (EU file types), dcat:mediaType,
  dcterms:license.
- Publisher: foaf:Agent with foaf:name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from portfolj.settings import Settings

EU = "http://publications.europa.eu/resource/authority"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class Distribution:
    path: str
    title: str
    file_type: str  # EU file-type code
    media_type: str


@dataclass(frozen=True)
class DatasetText:
    """A second dataset's own title and description; the rest is the portfolio's."""

    key: str  # the dataset's fragment id in the catalog
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str


CHALLENGES_DATASET = DatasetText(
    "utmaningar", "Utmaningar i innovationsportföljen", "Challenges in the innovation portfolio",
    "Behov där kommunen vill ha innovationsinitiativ, med status (öppen eller mött) och de initiativ som möter dem.",
    "Needs for which the municipality wants innovation initiatives, with their status (open or addressed) and "
    "the initiatives that address them.")


def dcat_jsonld(settings: Settings, distributions: list[Distribution], catalog_path: str,
                challenge_distributions: list[Distribution] = ()) -> str:
    site = settings.site_url
    dataset = settings.dataset
    publisher = {"@id": f"{site}#utgivare", "@type": "foaf:Agent", "foaf:name": settings.organisation}
    document = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": site + catalog_path,
        "@type": "dcat:Catalog",
        "dcterms:title": [{"@value": f"{settings.organisation}s öppna data om innovation", "@language": "sv"}],
        "dcterms:description": [{"@value": dataset.description_sv, "@language": "sv"}],
        "dcterms:publisher": publisher,
        "dcterms:license": {"@id": CC0},
        "dcterms:language": _SWEDISH,
        "foaf:homepage": {"@id": site},
        "dcat:dataset": [_dataset(settings, "datamangd", dataset, distributions)] + (
            [_dataset(settings, CHALLENGES_DATASET.key, CHALLENGES_DATASET, challenge_distributions)]
            if challenge_distributions else []),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_SWEDISH = {"@id": f"{EU}/language/SWE"}


def _dataset(settings: Settings, key: str, text: DatasetText | object, distributions: list[Distribution]) -> dict:
    site, dataset = settings.site_url, settings.dataset
    licence = {"@id": dataset.licence}
    return {
        "@id": f"{site}#{key}",
        "@type": "dcat:Dataset",
        "dcterms:title": [{"@value": text.title_sv, "@language": "sv"},
                          {"@value": text.title_en, "@language": "en"}],
        "dcterms:description": [{"@value": text.description_sv, "@language": "sv"},
                                {"@value": text.description_en, "@language": "en"}],
        "dcterms:publisher": {"@id": f"{site}#utgivare"},
        "dcat:contactPoint": {
            "@id": f"{site}#kontakt",
            "@type": "vcard:Organization",
            "vcard:fn": settings.organisation,
            "vcard:hasEmail": {"@id": f"mailto:{dataset.contact_email}"},
        },
        "dcat:theme": [{"@id": f"{EU}/data-theme/{theme}"} for theme in dataset.themes],
        "dcat:keyword": [{"@value": word, "@language": "sv"} for word in ("innovation", "kommun", "innovationsportfölj")],
        "dcat:landingPage": {"@id": site},
        "dcterms:language": _SWEDISH,
        "dcat:distribution": [
            {
                "@id": site + item.path,
                "@type": "dcat:Distribution",
                "dcterms:title": [{"@value": item.title, "@language": "sv"}],
                "dcat:accessURL": {"@id": site + item.path},
                "dcat:downloadURL": {"@id": site + item.path},
                "dcterms:format": {"@id": f"{EU}/file-type/{item.file_type}"},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{item.media_type}"},
                "dcterms:license": licence,
            }
            for item in distributions
        ],
    }
