"""The typed models of every kind of record (generator.content.kinds declares each kind with its model)."""

from __future__ import annotations

from generator.content.models.action import ActionLog
from generator.content.models.circle import LearningCircle
from generator.content.models.forum import ForumReport
from generator.content.models.panel import Panel, PanelMeeting
from generator.content.models.reflective import ReflectiveModel
from generator.content.models.review import ThematicReview
from generator.content.models.theme import QuestionBank, Theme, Tip, ToolRecord

__all__ = [
    "Theme", "ActionLog", "Panel", "PanelMeeting", "ForumReport",
    "ThematicReview", "LearningCircle", "ReflectiveModel", "ToolRecord", "Tip", "QuestionBank",
]
