"""A thematic review of serious case reviews and multi-agency reviews."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.models.action import Action
from generator.content.models.common import Block, Link, Record, Strict, Text, ThemeId
from generator.content.models.theme import Tool


class SubTheme(Strict):
    """A sub-theme under a key theme, possibly with its own sub-themes."""

    text: Text = Field(description="The sub-theme, in the source's words.")
    themes: list[ThemeId] = Field(default_factory=list, description="Themes from the vocabulary this sub-theme is about.")
    sub_themes: list[SubTheme] = Field(default_factory=list, description="Sub-themes nested under this one.")


class ToolGroup(Strict):
    """A group of tools under a heading such as 'Link to HSCB guidance:'."""

    heading: str | None = Field(default=None, description="The group's heading, if the source gives one.")
    tools: list[Tool] = Field(min_length=1, description="The tools in the group.")


class KeyTheme(Strict):
    """One key theme of the review with its analysis and the tools that support it."""

    id: Text = Field(description="A short name for the key theme used in web addresses, e.g. 'voice-of-the-child'.")
    title: Text = Field(description="The key theme's title, e.g. 'Voice of the Child'.")
    themes: list[ThemeId] = Field(min_length=1, description="Themes from the vocabulary this key theme is about.")
    analysis: list[Block] = Field(min_length=1, description="The analysis text: paragraphs, sub-headings and lists.")
    sub_themes: list[SubTheme] = Field(default_factory=list, description="The sub-themes from the appendix table.")
    tool_groups: list[ToolGroup] = Field(default_factory=list, description="Useful tools and learning opportunities.")


class ThematicReview(Record):
    """A thematic review of case reviews (content/thematic-reviews/*.yaml)."""

    kind: Literal["thematic-review"] = Field(description="Always 'thematic-review'.")
    scope: Text = Field(description="What was reviewed, by whom, over what period.")
    introduction: list[Block] = Field(min_length=1, description="The introduction.")
    key_themes: list[KeyTheme] = Field(min_length=1, description="The key themes, in order.")
    conclusion: list[Block] = Field(default_factory=list, description="The conclusion.")
    actions: list[Action] = Field(default_factory=list, description="Recommendations and actions, each with its status.")
    appendix_title: str | None = Field(default=None, description="The title of the appendix table.")
    links: list[Link] = Field(default_factory=list, description="Further links, e.g. where published reviews can be read.")
    closing_note: str | None = Field(default=None, description="A closing line, e.g. where published reviews can be read.")
