"""The content contract: what the model accepts, rejects and publishes as schema."""

import pytest
from pydantic import ValidationError

from support import MINIMAL


def errors(model, **fields):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(MINIMAL | fields)
    return {(e["loc"], e["type"]): e for e in caught.value.errors()}


def test_minimal_initiative_is_valid(model):
    initiative = model.model_validate(MINIMAL)
    assert (initiative.facet, initiative.stage, initiative.status) == ("enhancement", "explore", "active")
    assert initiative.sdgs == [] and initiative.featured is False


@pytest.mark.parametrize(
    ("field", "written", "expected"),
    [
        ("facet", "Missionsorienterad", "mission"),
        ("facet", "FRAMTIDSINRIKTAD", "anticipatory"),
        ("stage", "utforska möjligheter", "explore"),
        ("stage", "  Förverkliga ", "realise"),
        ("status", "Avbrutet", "stopped"),
        ("status", "COMPLETED", "completed"),
    ],
)
def test_swedish_labels_and_ids_are_accepted_case_insensitively(model, field, written, expected):
    assert getattr(model.model_validate(MINIMAL | {field: written}), field) == expected


def test_vocabulary_lists_accept_labels_and_numbers_as_text(model):
    initiative = model.model_validate(MINIMAL | {"areas": ["Äldreomsorg", "skola"], "sdgs": ["3", 11]})
    assert initiative.areas == ["elderly-care", "education"]
    assert initiative.sdgs == [3, 11]


def test_unknown_value_suggests_the_nearest_term(model):
    found = errors(model, stage="explroe")
    message = found[("stage",), "unknown_term"]["msg"]
    assert "Okänt värde 'explroe'" in message
    assert "Menade du 'explore' (Utforska möjligheter)?" in message
    assert "foundation (Lägga grunden)" in message


@pytest.mark.parametrize("goal", [0, 18, -1])
def test_goal_out_of_range_is_rejected_without_misleading_suggestion(model, goal):
    message = errors(model, sdgs=[goal])[("sdgs", 0), "unknown_term"]["msg"]
    assert "Menade du" not in message and "17 (Genomförande och globalt partnerskap)" in message


def test_negative_amount_is_out_of_range(model):
    assert (("funding", 0, "amount_sek"), "greater_than_equal") in errors(
        model, funding=[{"funder": "Vinnova", "amount_sek": -5}]
    )


def test_dates(model):
    assert (("updated",), "date_from_datetime_parsing") in errors(model, updated="2024-13-01")
    assert (("started",), "iso_date") in errors(model, started="1 mars 2024")
    found = errors(model, started="2024-05-01", ended="2023-01-01")
    assert "Slutdatum 2023-01-01 ligger före startdatum 2024-05-01" in found[("ended",), "ended_before_started"]["msg"]
    same_day = model.model_validate(MINIMAL | {"started": "2024-05-01", "ended": "2024-05-01"})
    assert same_day.started == same_day.ended


def test_image_requires_alt_text(model):
    # Where the image may come from is judged when the file is read (see test_loading).
    assert (("image", "alt"), "missing") in errors(model, image={"src": "bild.jpg"})
    assert (("image", "alt"), "string_too_short") in errors(model, image={"src": "bild.jpg", "alt": " "})


def test_links_must_be_web_addresses(model):
    assert (("links", 0, "url"), "url_scheme") in errors(model, links=[{"title": "x", "url": "javascript:alert(1)"}])


def test_contact_email_is_checked(model):
    found = errors(model, contact={"name": "Anna", "email": "anna.asby.se"})
    assert "ingen giltig e-postadress" in found[("contact", "email"), "email"]["msg"]


def test_list_values_cannot_hold_the_csv_separator(model):
    assert (("tags", 0), "list_separator") in errors(model, tags=["a | b"])
    assert "Tecknet |" in errors(model, partners=["x|y"])[("partners", 0), "list_separator"]["msg"]


def test_unknown_keys_are_errors(model):
    assert (("tittle",), "extra_forbidden") in errors(model, tittle="x")
    assert (("contact", "phone"), "extra_forbidden") in errors(model, contact={"name": "A", "phone": "1"})


def test_limits_of_plain_text(model):
    assert (("title",), "string_too_long") in errors(model, title="x" * 121)
    assert (("description",), "string_too_long") in errors(model, description="x" * 301)
    assert model.model_validate(MINIMAL | {"title": "x" * 120}).title == "x" * 120
    assert model.model_validate(MINIMAL | {"title": "  Två\n rader  "}).title == "Två rader"


def test_json_schema_lists_every_allowed_value(model, taxonomies):
    schema = model.model_json_schema()
    assert set(schema["required"]) == {"title", "description", "facet", "stage", "status", "organisation"}
    assert schema["additionalProperties"] is False
    assert schema["properties"]["stage"]["enum"] == list(taxonomies["stage"].ids)
    assert schema["properties"]["sdgs"]["items"]["enum"] == list(range(1, 18))


def test_too_long_list_item_is_explained_in_swedish(model):
    from portfolj.messages import problems_from_error
    from pydantic import ValidationError
    try:
        model.model_validate(MINIMAL | {"tags": ["x" * 41]})
    except ValidationError as error:
        [problem] = problems_from_error(error, model, "a.md", lambda loc: None)
    assert problem.message == "Texten är för lång: 41 tecken, högst 40 är tillåtna."
