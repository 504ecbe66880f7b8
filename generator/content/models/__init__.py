"""Every kind of record, declared once. The same declarations give validation, JSON Schema and the field reference."""

from __future__ import annotations

from pydantic import BaseModel

from generator.content.models.circle import LearningCircle
from generator.content.models.forum import ForumReport
from generator.content.models.panel import Panel, PanelMeeting
from generator.content.models.reflective import ReflectiveModel
from generator.content.models.review import ThematicReview
from generator.content.models.theme import QuestionBank, Theme, Tip, ToolRecord

KINDS: dict[str, type[BaseModel]] = {
    "theme": Theme,
    "panel": Panel,
    "panel-meeting": PanelMeeting,
    "forum-report": ForumReport,
    "thematic-review": ThematicReview,
    "learning-circle": LearningCircle,
    "reflective-model": ReflectiveModel,
    "tool": ToolRecord,
    "tip": Tip,
    "question-bank": QuestionBank,
}
"""Each kind's name (the value of `kind:` at the top of a file) and its model."""

PAGE_KINDS = ("panel", "panel-meeting", "forum-report", "thematic-review", "learning-circle", "reflective-model")
"""Kinds that are published as a page of their own."""

KIND_FOLDERS: dict[str, str] = {
    "theme": "themes_data/themes",
    "panel": "content/panel",
    "panel-meeting": "content/panel-meetings",
    "forum-report": "content/forum-reports",
    "thematic-review": "content/thematic-reviews",
    "learning-circle": "content/learning-circles",
    "reflective-model": "themes_data",
    "tool": "themes_data/tools",
    "tip": "themes_data/tips",
    "question-bank": "themes_data/question-banks",
}
"""Where files of each kind live by convention (`new` writes there)."""

__all__ = [
    "KINDS", "PAGE_KINDS", "KIND_FOLDERS", "Theme", "Panel", "PanelMeeting", "ForumReport",
    "ThematicReview", "LearningCircle", "ReflectiveModel", "ToolRecord", "Tip", "QuestionBank",
]
