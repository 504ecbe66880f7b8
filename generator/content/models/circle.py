"""A multi-agency reflective learning circle: its agenda and its outcomes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.models.action import Action
from generator.content.models.common import Block, Item, Question, Record, Slug, Strict, Text, ThemeId


class AgendaSection(Strict):
    """A part of the learning circle's agenda, with the questions asked in it."""

    heading: Text = Field(description="The section's heading, e.g. 'What has happened?'.")
    prompt: str | None = Field(default=None, description="A prompt printed under the heading, e.g. '(child, family, community, you?)'.")
    questions: list[Question] = Field(default_factory=list, description="The questions asked in this part.")


class GroupOutcome(Strict):
    """What was said about one group of people (children, mother, father, extended family, core group)."""

    group: Slug = Field(description="Who: children, mother, father, extended-family, core-group, family or another short name.")
    label: Text = Field(description="The group's heading as in the source, e.g. 'Extended Family'.")
    text: list[Block] = Field(default_factory=list, description="What was said, as paragraphs and lists.")
    points: list[Item] = Field(default_factory=list, description="The points listed for this group.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes this group's outcome is about.")


class Outcomes(Strict):
    """What came out of the learning circle sessions."""

    sessions: int | None = Field(default=None, ge=1, description="How many sessions were held.")
    cases: int | None = Field(default=None, ge=0, description="How many cases were reflected on.")
    children: int | None = Field(default=None, ge=0, description="How many children were discussed.")
    summary: list[Block] = Field(default_factory=list, description="Opening paragraphs.")
    issues_raised: list[Item] = Field(default_factory=list, description="The issues raised.")
    themes_intro: list[Block] = Field(default_factory=list, description="Text introducing the themes.")
    themes_found: list[Item] = Field(default_factory=list, description="The themes that came out of the sessions.")
    who_is_affected: list[GroupOutcome] = Field(default_factory=list, description="Who is being affected, by group.")
    next_steps_intro: list[Block] = Field(default_factory=list, description="Text introducing what needs to happen next.")
    next_steps: list[GroupOutcome] = Field(default_factory=list, description="What needs to happen next, by group.")


class LearningCircle(Record):
    """A reflective learning circle's agenda and outcomes (content/learning-circles/*.yaml)."""

    kind: Literal["learning-circle"] = Field(description="Always 'learning-circle'.")
    topic: Text = Field(description="What the circle reflected on, e.g. children subject to a second or subsequent plan.")
    agenda: list[AgendaSection] = Field(min_length=1, description="The agenda, section by section, with its questions.")
    outcomes: Outcomes = Field(description="The outcomes of the sessions.")
    actions: list[Action] = Field(
        default_factory=list,
        description="Actions agreed, with their status; progress on a group's 'what needs to happen next' can also be "
                    "recorded in an action log ('raised_by: {record: …, item: next step children}').",
    )
