"""Every kind of record, declared once: its model, its folder, its page, its label, its handouts, its aliases.

Everything else that differs by kind reads it from here: validation and the JSON Schemas (the model),
``new`` (folder, aliases), the page plan (page folder, template), listings (label, listing order),
the handouts (what each kind gets) and the theme index (generator.index.collect has one collector per
kind, checked against this list by tests/test_kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from generator.content.models import (
    ActionLog,
    ForumReport,
    LearningCircle,
    Panel,
    PanelMeeting,
    QuestionBank,
    ReflectiveModel,
    ThematicReview,
    Theme,
    Tip,
    ToolRecord,
)


@dataclass(frozen=True)
class HandoutKind:
    """One handout a record of a kind gets."""

    name: str
    """What readers call it ('Themes sheet')."""
    template: str
    """Its template in generator/templates/handouts/."""
    suffix: str = ""
    """Added to the record id in the file name ('-agenda'), when a kind has more than one handout."""


@dataclass(frozen=True)
class Kind:
    """One kind of record: the value of ``kind:`` at the top of a file, and everything that follows from it."""

    name: str
    """The value of ``kind:`` ('panel-meeting')."""
    model: type[BaseModel]
    """The typed model that validates it (generator.content.models)."""
    folder: str
    """Where its files live by convention, relative to the project folder (``new`` writes there)."""
    page_folder: str | None = None
    """The site folder of its pages (a page's address is FOLDER/ID/); None when it has no page of its own."""
    template: str | None = None
    """The page template of a record of this kind (generator/templates/markdown/); themes have theme.md.j2."""
    directory: str | None = None
    """The directory page (grouped by theme) that lists its records, for reference data shown there."""
    label: tuple[str, str] | None = None
    """Its name for readers: (one, several); None when it is not listed by type."""
    listed: int | None = None
    """Its place in the listings by type and by year (lowest first); None when it is not listed."""
    handouts: tuple[HandoutKind, ...] = ()
    """The PDF handouts each record of this kind gets."""
    aliases: tuple[str, ...] = ()
    """Other names people type for it (``new meeting``)."""


DECLARED: tuple[Kind, ...] = (
    Kind("theme", Theme, "themes_data/themes", page_folder="themes"),
    Kind("panel", Panel, "content/panel", page_folder="panel", template="panel.md.j2",
         label=("Case review panel", "Case review panel"), listed=7),
    Kind("panel-meeting", PanelMeeting, "content/panel-meetings", page_folder="panel-meetings",
         template="panel-meeting.md.j2", label=("Panel meeting", "Panel meetings"), listed=1,
         handouts=(HandoutKind("Themes sheet", "panel-meeting.html"),),
         aliases=("meeting", "panel-meetings")),
    Kind("forum-report", ForumReport, "content/forum-reports", page_folder="forum-reports",
         template="forum-report.md.j2", label=("Practitioner forum report", "Practitioner forum reports"), listed=2,
         handouts=(HandoutKind("Event report", "forum-report.html"),),
         aliases=("forum", "forum-event", "forum-events")),
    Kind("thematic-review", ThematicReview, "content/thematic-reviews", page_folder="thematic-reviews",
         template="thematic-review.md.j2", label=("Thematic review", "Thematic reviews"), listed=3,
         handouts=(HandoutKind("Review handout", "thematic-review.html"),),
         aliases=("review",)),
    Kind("learning-circle", LearningCircle, "content/learning-circles", page_folder="learning-circles",
         template="learning-circle.md.j2", label=("Learning circle", "Learning circles"), listed=4,
         handouts=(HandoutKind("Agenda", "learning-circle-agenda.html", "-agenda"),
                   HandoutKind("Outcomes summary", "learning-circle-outcomes.html", "-outcomes")),
         aliases=("circle",)),
    Kind("reflective-model", ReflectiveModel, "themes_data", page_folder="reflective-model",
         template="reflective-model.md.j2", label=("Reflective discussion model", "Reflective discussion model"),
         listed=5, handouts=(HandoutKind("Invitation pack", "reflective-model.html"),),
         aliases=("model", "reflective-discussions")),
    Kind("tool", ToolRecord, "themes_data/tools", directory="tools.md"),
    Kind("tip", Tip, "themes_data/tips", directory="tips.md"),
    Kind("question-bank", QuestionBank, "themes_data/question-banks", page_folder="question-banks",
         template="question-bank.md.j2", directory="questions.md", label=("Question bank", "Question banks"),
         listed=6, aliases=("questions",)),
    Kind("action-log", ActionLog, "content/actions", directory="actions.md", aliases=("actions", "action", "response", "responses")),
)
"""Every kind, in the order the staff guide and the schemas list them."""

KIND: dict[str, Kind] = {kind.name: kind for kind in DECLARED}
"""Each kind by its name."""

KINDS: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in DECLARED}
"""Each kind's name and its model (what validation looks up)."""

LISTED: tuple[str, ...] = tuple(k.name for k in sorted((k for k in DECLARED if k.listed), key=lambda k: k.listed or 0))
"""Kinds listed by type and by year, in the order the types are shown."""

ALIASES: dict[str, str] = {alias: kind.name for kind in DECLARED for alias in kind.aliases}
"""Friendly names people type for a kind, and the kind each stands for."""


def page_path(kind: str, record_id: str) -> str:
    """The docs-relative Markdown path of a record's or theme's page, e.g. 'themes/domestic-abuse.md'.

    Standalone tools and tips have no page of their own: they live on their directory page. These
    addresses are the site's URL scheme: keep them stable.
    """
    declared = KIND[kind]
    if declared.page_folder is None:
        return declared.directory or ""
    return f"{declared.page_folder}/{record_id}.md"


def directory_path(kind: str, theme_id: str) -> str:
    """One theme's part of a directory page: ('tool', 'neglect') → 'tools/neglect.md'.

    The tools and questions directories list what every theme has, so they would grow with the
    collection: each theme's part is a page of its own, and the directory page lists the themes."""
    return f"{(KIND[kind].directory or '').removesuffix('.md')}/{theme_id}.md"


EXAMPLE = "EXAMPLE –"
"""Every example text ``new`` writes starts with this, so a forgotten example is easy to spot (and is reported)."""
