"""The Multi-Agency Case Review Panel and the themes arising from its meetings."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from generator.content.models.action import Action
from generator.content.models.common import FullDate, Item, PartialDate, Record, Slug, Strict, Text, ThemeId


class Benefit(Strict):
    """One benefit of putting a case forward."""

    lead: Text = Field(description="The word the source puts in bold, e.g. 'Meet'.")
    text: Text = Field(description="The rest of the sentence.")


TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class ScheduledMeeting(Strict):
    """One meeting in the panel's schedule. Its referral deadline is worked out from the panel's lead_days."""

    date: FullDate = Field(description="The day of the meeting, YYYY-MM-DD.")
    locality: Text = Field(description="The district or locality where it meets, e.g. 'Stroud'.")
    venue: Text | None = Field(default=None, description="Where it meets, if known (a building, never a home address).")
    start: str | None = Field(default=None, pattern=TIME_PATTERN, description="When it starts, as HH:MM (24-hour clock), e.g. '09:30'.")
    end: str | None = Field(default=None, pattern=TIME_PATTERN, description="When it ends, as HH:MM; only with 'start'.")
    note: Text | None = Field(default=None, description="Anything a referrer should know, e.g. 'Sample date' or 'Moved from 3 March'.")

    @model_validator(mode="before")
    @classmethod
    def _no_typed_deadline(cls, value: Any) -> Any:
        if isinstance(value, dict):
            typed = [key for key in ("deadline", "referral_deadline") if key in value]
            if typed:
                raise ValueError(
                    f"'{typed[0]}' is worked out from the panel's lead_days, so it is never typed: "
                    f"remove the line '{typed[0]}: …' from this meeting"
                )
        return value

    @model_validator(mode="after")
    def _end_after_start(self) -> ScheduledMeeting:
        if self.end and not self.start:
            raise ValueError("has an 'end' time but no 'start' time: add 'start: HH:MM' or remove 'end'")
        if self.start and self.end and self.end <= self.start:
            raise ValueError(f"ends at {self.end}, which is not after its start at {self.start}")
        return self


class Panel(Record):
    """About a case review panel: what it is, and how to put a case forward (content/panel/*.yaml)."""

    kind: Literal["panel"] = Field(description="Always 'panel'.")
    what_it_is: list[Text] = Field(min_length=1, description="Paragraphs saying what the panel is and does.")
    formed: PartialDate | None = Field(default=None, description="When the panel was formed.")
    meets: Text | None = Field(default=None, description="How often the panel meets, in the source's words.")
    where: Text | None = Field(default=None, description="Where it meets, in the source's words.")
    focus: list[Text] = Field(default_factory=list, description="Paragraphs on what the panel has focused on so far.")
    professionals_met: int | None = Field(default=None, ge=0, description="How many professionals the panel has met, as stated.")
    children_discussed: int | None = Field(default=None, ge=0, description="How many children's cases it has discussed, as stated.")
    who_can_refer: Text = Field(description="Who can put a case forward.")
    how_to_refer: list[Item] = Field(min_length=1, description="The steps for putting a case forward, in order.")
    lead_time: Text | None = Field(default=None, description="How far ahead a case must be sent, e.g. 'at least 3 weeks before the Panel meeting'.")
    lead_days: int | None = Field(
        default=None, ge=1,
        description="The lead time as a number of days, e.g. 21 for 'at least 3 weeks'; each meeting's referral "
                    "deadline is worked out from it (a deadline on a Saturday or Sunday moves to the Friday before).",
    )
    schedule: list[ScheduledMeeting] = Field(
        default_factory=list,
        description="Upcoming meetings, each with its date and locality; a past one links to its themes once published.",
    )
    benefits: list[Benefit] = Field(default_factory=list, description="The benefits of putting a case forward.")
    reporting: Text | None = Field(default=None, description="How the themes from meetings are reported, and to whom.")
    contact: str | None = Field(default=None, description="The board's published contact for referrals (an office address, never a person's own).")


class ThemeArising(Strict):
    """A theme arising from a panel meeting: a heading and its points."""

    heading: Text = Field(description="The theme's heading, in the source's words.")
    points: list[Item] = Field(default_factory=list, description="The points made under the heading.")
    top_tips: list[Item] = Field(default_factory=list, description="Points the source marks as top tips.")
    tips_first: bool = Field(default=False, description="true when the source prints the top tips before the points (pages keep that order).")
    themes: list[ThemeId] = Field(min_length=1, description="Themes from the vocabulary this heading is about (at least one).")


class PanelMeeting(Record):
    """A meeting of the case review panel and the themes arising from it (content/panel-meetings/*.yaml)."""

    kind: Literal["panel-meeting"] = Field(description="Always 'panel-meeting'.")
    panel: Slug | None = Field(default=None, description="The id of the panel record this meeting belongs to.")
    locality: Text = Field(description="The district or locality where the meeting was held, e.g. 'Cheltenham'.")
    date: FullDate = Field(description="The date of the meeting, YYYY-MM-DD.")
    themes_arising: list[ThemeArising] = Field(min_length=1, description="The themes arising from the cases discussed.")
    top_tips: list[Item] = Field(default_factory=list, description="Top tips from the meeting not tied to one theme heading.")
    actions: list[Action] = Field(default_factory=list, description="Resulting actions, each with its status, owner, dates and progress.")
    actions_unattributed: bool = Field(
        default=False,
        description="true when the source prints the resulting actions without naming the meeting they come from; "
                    "every page that shows them then says so.",
    )
