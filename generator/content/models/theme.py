"""The controlled vocabulary of themes, and standalone reference items tagged by theme."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.models.common import Item, Link, Question, Slug, Strict, Text, ThemeId


class Theme(Strict):
    """One theme of the controlled vocabulary (themes_data/themes/*.yaml)."""

    kind: Literal["theme"] = Field(description="Always 'theme'.")
    id: Slug = Field(description="The theme's tag, used in records' 'themes' lists, e.g. 'domestic-abuse'.")
    title: Text = Field(description="The theme's name as shown to readers, e.g. 'Domestic abuse'.")
    description: Text = Field(description="One or two sentences saying what the theme covers.")
    aliases: list[Text] = Field(default_factory=list, description="Other words people use for it, e.g. 'DA', 'domestic violence'.")
    related: list[ThemeId] = Field(default_factory=list, description="Tags of closely related themes.")


class Tool(Strict):
    """A tool, guidance document, leaflet or learning opportunity."""

    title: Text = Field(description="The tool's name, as published.")
    type: Literal["guidance", "learning-opportunity", "leaflet", "policy", "protocol", "template", "video", "service", "resource"] = Field(
        description="What sort of resource it is: guidance, learning-opportunity, leaflet, policy, protocol, template, video, service or resource."
    )
    link: str | None = Field(default=None, description="Its web address; leave out when not yet known (shown as 'link to follow').")
    note: str | None = Field(default=None, description="A remark, e.g. 'currently being produced'.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes the tool helps with.")


class ToolRecord(Tool):
    """A standalone entry in the tools and guidance directory (themes_data/tools/*.yaml)."""

    kind: Literal["tool"] = Field(description="Always 'tool'.")
    id: Slug = Field(description="A short unique name for the tool.")
    publisher: str | None = Field(default=None, description="Who publishes the tool.")
    restricted: bool = Field(default=False, description="true keeps it off the site.")


class Tip(Strict):
    """A standalone top tip (themes_data/tips/*.yaml)."""

    kind: Literal["tip"] = Field(description="Always 'tip'.")
    id: Slug = Field(description="A short unique name for the tip.")
    text: Text = Field(description="The tip, in the source's words.")
    publisher: str | None = Field(default=None, description="Who published the tip.")
    source: str | None = Field(default=None, description="Where the tip comes from.")
    themes: list[ThemeId] = Field(min_length=1, description="Themes the tip is about (at least one).")
    restricted: bool = Field(default=False, description="true keeps it off the site.")


class QuestionBank(Strict):
    """A standalone bank of questions for reflection (themes_data/question-banks/*.yaml)."""

    kind: Literal["question-bank"] = Field(description="Always 'question-bank'.")
    id: Slug = Field(description="A short unique name for the bank.")
    title: Text = Field(description="The bank's title.")
    publisher: str | None = Field(default=None, description="Who published the questions.")
    introduction: str | None = Field(default=None, description="What the questions are for.")
    questions: list[Question] = Field(min_length=1, description="The questions, in order.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes the bank as a whole is about.")
    links: list[Link] = Field(default_factory=list, description="Related links.")
    restricted: bool = Field(default=False, description="true keeps it off the site.")


__all__ = ["Theme", "Tool", "ToolRecord", "Tip", "QuestionBank", "Item"]
