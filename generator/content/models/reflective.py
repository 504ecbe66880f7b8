"""The model for multi-agency professional reflective discussions (the supervision cycle)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.models.common import Block, PartialDate, Question, Record, Slug, Strict, Text, ThemeId


class Provenance(Strict):
    """Who wrote the model, when, and what it adapts."""

    author_role: Text = Field(description="The author's role, e.g. 'Service Manager'.")
    author_name: str | None = Field(default=None, description="The author's name as signed, if published.")
    finalised: PartialDate | None = Field(default=None, description="When the version was finalised.")
    adapted_from: str | None = Field(default=None, description="The source the model adapts (full citation).")


class Stage(Strict):
    """One stage of the cycle, with its question bank."""

    id: Slug = Field(description="A short name for the stage, e.g. 'experience'.")
    name: Text = Field(description="The stage's name, e.g. 'Experience'.")
    heading: Text | None = Field(default=None, description="The stage's question, e.g. 'What is the child's story?'.")
    aim: Text = Field(description="What the stage's questions aim to do.")
    questions: list[Question] = Field(min_length=1, description="The question bank, in order.")
    numbered: bool = Field(default=True, description="Whether the source numbers the questions.")
    facilitator_summary: str | None = Field(default=None, description="What the facilitator summarises at the end of the stage.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes the stage's questions are about.")


class Cycle(Strict):
    """A cycle diagram: what the text states about it (the figure itself may have been lost)."""

    title: Text = Field(description="The heading the source gives the diagram.")
    caption: str | None = Field(default=None, description="The diagram's caption, with its citation.")
    description: list[Text] = Field(default_factory=list, description="What the text says the diagram shows.")
    steps: list[Text] = Field(default_factory=list, description="The labels in the diagram, in order, when known; empty when the figure was lost.")
    missing: str | None = Field(default=None, description="What was lost from the source, shown to readers as a data slot "
                                "when the figure cannot be drawn (no steps).")
    drawn_from: str | None = Field(default=None, description="When the site draws the figure from the text: one short line "
                                   "saying what it is drawn from, shown under the figure instead of the data slot.")


class ReflectiveModel(Record):
    """The model for professional reflective discussions (themes_data/reflective-model.yaml)."""

    kind: Literal["reflective-model"] = Field(description="Always 'reflective-model'.")
    circulation: Text | None = Field(default=None, description="Who the document is sent to and when.")
    chair: Text = Field(description="Who chairs the meeting.")
    purpose: list[Block] = Field(min_length=1, description="Why the meetings are held and what they aim to do.")
    preparation: Text | None = Field(default=None, description="What professionals should bring and prepare.")
    recording: Text = Field(description="How the meeting is recorded, and by whom.")
    provenance: Provenance = Field(description="Who wrote the model and what it adapts.")
    cycle: Cycle = Field(description="The supervision cycle: the way that offers opportunities for reflective practice.")
    stages: list[Stage] = Field(min_length=1, description="The cycle's stages in order, each with its question bank.")
    red_cycle: Cycle | None = Field(default=None, description="The 'red cycle': the way that acts as a barrier to reflective practice.")
    questions_heading: str | None = Field(default=None, description="The heading over the question banks.")
    facilitator_guidance: Text = Field(description="Guidance for the facilitator on using the questions.")
