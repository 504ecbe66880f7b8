"""Actions (resulting actions, recommendations, what needs to happen next) and responses to forum key messages.

One model for every record that has actions: a panel meeting's resulting actions, a forum report's,
a thematic review's or a learning circle's ``actions:``, and an action log (content/actions/*.yaml),
where progress and responses are recorded later without retyping what raised them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from generator.content.models.common import Item, PartialDate, Record, Slug, Strict, Text, ThemeId, _partial_date

STATUSES = ("planned", "in progress", "completed", "dropped")
"""Every status an action can have, in the order the tracker shows them."""

OPEN = ("planned", "in progress")
"""Statuses of an action still to be done (past its due date, it is overdue)."""

NOT_RECORDED = "not recorded"
"""What staff write for a date the source does not give (e.g. when a completed action was completed)."""


def _date_or_not_recorded(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() == NOT_RECORDED:
        return NOT_RECORDED
    return _partial_date(value)


DateOrNotRecorded = Annotated[
    str,
    BeforeValidator(_date_or_not_recorded),
    Field(description="A date as YYYY-MM-DD (or YYYY-MM, YYYY), or 'not recorded' when the source does not say."),
]

ITEM_FORMS = {
    "theme": ("panel-meeting", "themes_arising"),
    "key message": ("forum-report", "key_messages"),
    "key theme": ("thematic-review", "key_themes"),
    "next step": ("learning-circle", "next_steps"),
}
"""The items an action can be raised by, as staff write them ('key message 2'), and where they are."""

ITEM_PATTERN = re.compile(r"^(theme|key message|key theme|next step) +([a-z0-9-]+)$")


class RaisedBy(Strict):
    """What raised an action: a record, and optionally one item in it."""

    record: Slug = Field(description="The id of the record (a meeting, a forum report, a review, a learning circle).")
    item: str | None = Field(
        default=None,
        description="The item in it, in words: 'theme 2' (the second heading of a panel meeting's themes), "
                    "'key message 3' (a forum report's third key message), 'key theme voice-of-the-child' "
                    "(a review's key theme by its id) or 'next step children' (a learning circle's group).",
    )

    @model_validator(mode="after")
    def _item_form(self) -> RaisedBy:
        if self.item is not None:
            self.item = " ".join(self.item.lower().split())
            if not ITEM_PATTERN.match(self.item):
                raise ValueError(
                    f"item '{self.item}' is not one this tool knows: write 'theme 2', 'key message 3', "
                    "'key theme voice-of-the-child' or 'next step children'")
        return self


class ProgressNote(Strict):
    """One dated note of progress on an action."""

    date: PartialDate = Field(description="When, YYYY-MM-DD (or YYYY-MM).")
    note: Text = Field(description="What happened, in a sentence.")


class Action(Strict):
    """An action: what is to be done about something a record raised, and how far it has got."""

    heading: Text = Field(description="The issue the action addresses, or the action in a few words.")
    status: Literal["planned", "in progress", "completed", "dropped"] | None = Field(
        default=None,
        description="'planned', 'in progress', 'completed' or 'dropped'; leave out when the source does not say "
                    "(pages then say 'status not recorded').",
    )
    reason: Text | None = Field(default=None, description="Why it was dropped (needed when the status is 'dropped').")
    owner: Text | None = Field(
        default=None,
        description="The role or body that owns it, e.g. 'GSCB Training sub group' (never a person's name); "
                    "leave out when not known.",
    )
    due: PartialDate | None = Field(default=None, description="When it is due, where known (YYYY-MM-DD or YYYY-MM).")
    completed_on: DateOrNotRecorded | None = Field(
        default=None,
        description="When it was completed (needed when the status is 'completed'): a date, or 'not recorded' "
                    "when the source does not say.",
    )
    points: list[Item] = Field(default_factory=list, description="What was done or is planned, in the source's words.")
    progress: list[ProgressNote] = Field(default_factory=list, description="Dated notes of progress, added as it happens.")
    raised_by: RaisedBy | None = Field(
        default=None,
        description="What raised it (a record and an item in it); an action written in a record is raised by "
                    "that record unless this says otherwise. Needed in an action log.",
    )
    themes: list[ThemeId] = Field(default_factory=list, description="Themes the action is about.")

    @model_validator(mode="after")
    def _status_needs(self) -> Action:
        if self.status == "completed" and not self.completed_on:
            raise ValueError(
                "is completed but has no completed date: add 'completed_on: YYYY-MM-DD' "
                "(or 'completed_on: not recorded' when the source does not say when)")
        if self.status == "dropped" and not self.reason:
            raise ValueError("is dropped but gives no reason: add 'reason: …' saying why it was dropped")
        if self.completed_on and self.status != "completed":
            raise ValueError(
                f"has a completed date but its status is '{self.status or 'not recorded'}': "
                "set 'status: completed' or remove 'completed_on'")
        return self


class Response(Strict):
    """A response to one of a forum report's key messages ("you said, we did")."""

    message: int = Field(ge=1, description="Which key message it answers: 1 for the first, 2 for the second …")
    text: Text = Field(description="The response: what was done or decided.")
    by: Text | None = Field(default=None, description="The role or body that responded, e.g. 'the CPC' (never a person's name).")
    date: PartialDate | None = Field(default=None, description="When it was given, where known.")


class LoggedResponse(Response):
    """A response recorded in an action log: it names the forum report it answers."""

    record: Slug = Field(description="The id of the forum report whose key message it answers.")


class ActionLog(Record):
    """Actions and responses recorded after the event (content/actions/*.yaml), pointing at what raised them."""

    kind: Literal["action-log"] = Field(description="Always 'action-log'.")
    actions: list[Action] = Field(default_factory=list, description="Actions, each with 'raised_by'.")
    responses: list[LoggedResponse] = Field(default_factory=list, description="Responses to forum key messages.")
