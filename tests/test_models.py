"""The models: every field documented, shorthand forms accepted, dates checked."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from generator.content.kinds import KINDS
from generator.content.models.common import Block, Item
from generator.content.models.panel import PanelMeeting
from generator.content.validate import _inner_model


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = list(KINDS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for field in model.model_fields.values():
            inner = _inner_model(field.annotation)
            if inner is not None:
                todo.append(inner)
    return seen


def test_every_field_of_every_model_has_a_one_line_description():
    missing = [
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, field in model.model_fields.items()
        if not field.description or "\n" in field.description
    ]
    assert len(all_models()) >= 25
    assert missing == []


def test_every_model_has_a_docstring():
    assert [m.__name__ for m in all_models() if not (m.__doc__ or "").strip()] == []


def test_item_accepts_plain_text_or_text_with_themes():
    assert Item.model_validate("Keep membership small").text == "Keep membership small"
    tagged = Item.model_validate({"text": "Shared chronology", "themes": ["chronologies"]})
    assert tagged.themes == ["chronologies"]


def test_block_needs_exactly_one_kind_of_content():
    assert Block.model_validate("A paragraph.").paragraph == "A paragraph."
    with pytest.raises(ValidationError, match="exactly one of"):
        Block.model_validate({"paragraph": "x", "heading": "y"})
    with pytest.raises(ValidationError, match="exactly one of"):
        Block.model_validate({"themes": ["neglect"]})


MEETING = {
    "kind": "panel-meeting", "id": "stroud-2014-01-10", "title": "Stroud", "locality": "Stroud",
    "date": "2014-01-10", "themes_arising": [{"heading": "DA", "themes": ["domestic-abuse"], "points": ["p"]}],
}


@pytest.mark.parametrize(
    ("value", "message"),
    [("2014-02-29", "not a real date"), ("2014-13-01", "not a real date"), ("10/01/14", "YYYY-MM-DD"), ("2014-01", "needs a day")],
)
def test_meeting_dates_are_checked(value, message):
    with pytest.raises(ValidationError, match=message):
        PanelMeeting.model_validate({**MEETING, "date": value})


def test_leap_day_is_a_real_date_and_restricted_defaults_to_false():
    meeting = PanelMeeting.model_validate({**MEETING, "date": "2016-02-29"})
    assert meeting.date == "2016-02-29"
    assert meeting.restricted is False
