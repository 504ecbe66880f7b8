"""The field reference for staff lists every field of every model, in plain words."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from generator.content.kinds import KINDS
from generator.content.models.common import Block, Item
from generator.content.models.forum import Attendance
from generator.content.models.panel import Action, Panel, PanelMeeting
from generator.content.models.review import SubTheme
from generator.render.fieldref import anchor, field_docs, markdown, ordered_fields, reference


def _models_inside(annotation: typing.Any, found: list[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.append(annotation)
            for info in annotation.model_fields.values():
                _models_inside(info.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _models_inside(arg, found)


def every_model() -> list[type[BaseModel]]:
    """Every model reachable from a kind, found independently of fieldref's own walk."""
    found: list[type[BaseModel]] = []
    for model in KINDS.values():
        _models_inside(model, found)
    return found


def _sections(text: str) -> dict[str, str]:
    """Heading id → the text under that heading (up to the next heading)."""
    parts = re.split(r"^#+ .*\{#([a-z0-9-]+)\}$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_field_of_every_model_is_listed_in_its_own_section() -> None:
    sections = _sections(markdown())
    kinds = {model: kind for kind, model in KINDS.items()}
    for model in every_model():
        key = f"kind-{kinds[model]}" if model in kinds else anchor(model)
        assert key in sections, f"no section for {model.__name__}"
        rows = re.findall(r"^\| `([a-z_]+)` \|", sections[key], flags=re.M)
        assert rows == ordered_fields(model), model.__name__
        assert sorted(rows) == sorted(model.model_fields), model.__name__


def test_each_model_is_documented_once() -> None:
    kinds, parts = reference()
    models = [doc.model for doc in kinds + parts]
    assert len(models) == len(set(models))
    assert set(models) == set(every_model())


def _row(model: type[BaseModel], name: str):
    (doc,) = [d for d in field_docs(model) if d.name == name]
    return doc


@pytest.mark.parametrize(
    ("model", "name", "required", "words"),
    [
        (PanelMeeting, "kind", True, "always panel-meeting"),
        (PanelMeeting, "id", True, "short name (a-z, 0-9 and hyphens)"),
        (PanelMeeting, "locality", True, "text"),
        (PanelMeeting, "date", True, "date (YYYY-MM-DD)"),
        (PanelMeeting, "published", False, "date (YYYY-MM-DD, or YYYY-MM, or YYYY)"),
        (PanelMeeting, "restricted", False, "true or false"),
        (PanelMeeting, "themes", False, "list of theme tags"),
        (PanelMeeting, "themes_arising", True, "list of Theme arising entries"),
        (PanelMeeting, "top_tips", False, "list of Item entries"),
        (PanelMeeting, "source", False, "fields of Source, indented below"),
        (Action, "status", False, "one of: planned, in progress, completed, dropped"),
        (Panel, "what_it_is", True, "list of text"),
        (Panel, "professionals_met", False, "whole number"),
        (Attendance, "by_agency", False, "list of Agency attendance entries"),
        (SubTheme, "sub_themes", False, "list of Sub theme entries"),
    ],
)
def test_types_are_said_in_plain_words(model, name, required, words) -> None:
    doc = _row(model, name)
    assert (doc.required, doc.type) == (required, words)
    assert doc.description == model.model_fields[name].description


def test_notes_say_minimums_and_what_happens_when_left_out() -> None:
    assert _row(PanelMeeting, "themes_arising").note == "at least 1"
    assert _row(PanelMeeting, "restricted").note == "false when left out"
    assert _row(Panel, "professionals_met").note == "0 or more"


def test_the_markdown_links_parts_and_says_where_plain_text_is_allowed() -> None:
    text = markdown()
    sections = _sections(text)
    assert "| `themes_arising` | **required**: list of [theme arising](#part-theme-arising) entries (at least 1) |" in text
    assert "Write it as `- text: …`. Older files write plain text instead, which becomes the `text`" in sections[anchor(Item)]
    assert "which becomes the `paragraph`" in sections[anchor(Block)]
    for target in set(re.findall(r"\]\(#([a-z0-9-]+)\)", text)):
        assert target in sections, target
    assert "`content/panel-meetings/`" in sections["kind-panel-meeting"]
    assert "generator new panel-meeting" in sections["kind-panel-meeting"]


def test_the_staff_guide_is_built_into_the_site_with_the_field_reference(built_site) -> None:
    site = built_site / "site" / "contributing"
    pages = ["add-a-panel-meeting", "fields", "themes", "restricted-and-personal-data", "formatting",
             "previewing", "publishing"]
    for name in pages:
        assert (site / name / "index.html").is_file(), name
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Contributing: a guide for board staff" in home
    for name in pages:
        assert f'href="{name}/"' in home, name  # each page linked from the overview
    fields = (site / "fields" / "index.html").read_text(encoding="utf-8")
    kinds = {model: kind for kind, model in KINDS.items()}
    for model in every_model():
        key = f"kind-{kinds[model]}" if model in kinds else anchor(model)
        assert f'id="{key}"' in fields, key
        for name in model.model_fields:
            assert f"<code>{name}</code>" in fields, (model.__name__, name)
    themes = (site / "themes" / "index.html").read_text(encoding="utf-8")
    for path in sorted((built_site / "themes_data" / "themes").glob("*.yaml")):
        assert f"<code>{path.stem}</code>" in themes, path.stem
