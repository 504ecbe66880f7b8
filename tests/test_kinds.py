"""Every kind of record is declared once (generator.content.kinds) and has everything it needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.kinds import ALIASES, DECLARED, KIND, KINDS, LISTED, page_path
from generator.core.inputs import RECORD_FOLDERS, TEMPLATES
from generator.index.collect import COLLECTORS
from generator.tools.schemas import SCHEMA_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", DECLARED, ids=lambda k: k.name)
def test_each_kind_has_what_it_needs(kind) -> None:
    assert kind.model.__doc__, f"{kind.name}: its model has no description"
    assert kind.folder.split("/")[0] in RECORD_FOLDERS, f"{kind.name}: files outside the record folders"
    assert (ROOT / SCHEMA_DIR / f"{kind.name}.schema.json").is_file(), f"{kind.name}: no JSON Schema"
    if kind.name != "theme":
        assert kind.name in COLLECTORS, f"{kind.name}: the theme index has no collector for it"
    if kind.template:
        assert (TEMPLATES / "markdown" / kind.template).is_file(), f"{kind.name}: no template {kind.template}"
        assert kind.page_folder, f"{kind.name}: a template but no page folder"
    if kind.page_folder and kind.name != "theme":
        assert kind.template, f"{kind.name}: a page folder but no template"
    assert kind.page_folder or kind.directory, f"{kind.name}: shown nowhere"
    if kind.listed is not None:
        assert kind.label and kind.page_folder, f"{kind.name}: listed, so it needs a label and pages"
    for handout in kind.handouts:
        assert (TEMPLATES / "handouts" / handout.template).is_file(), f"{kind.name}: no handout template"


def test_the_collectors_are_exactly_the_kinds_that_are_indexed() -> None:
    assert set(COLLECTORS) == set(KINDS) - {"theme"}


def test_names_aliases_and_listing_order() -> None:
    assert [k.name for k in DECLARED] == list(KINDS) == list(KIND)
    assert not set(ALIASES) & set(KINDS), "an alias that is also a kind's name"
    assert all(ALIASES[a] in KINDS for a in ALIASES)
    assert LISTED == ("panel-meeting", "forum-report", "thematic-review", "learning-circle", "reflective-model",
                      "question-bank", "panel")
    assert sorted(k.listed for k in DECLARED if k.listed) == list(range(1, len(LISTED) + 1))


def test_page_addresses() -> None:
    assert page_path("panel-meeting", "x") == "panel-meetings/x.md"
    assert page_path("theme", "neglect") == "themes/neglect.md"
    assert page_path("tool", "any") == "tools.md" and page_path("tip", "any") == "tips.md"


def test_no_other_module_declares_a_table_by_kind() -> None:
    """The old per-module tables by kind are gone: a kind's name as a dict key outside kinds.py is a second table."""
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "kinds.py" or path.parent.name == "tools":
            continue
        text = path.read_text(encoding="utf-8")
        for name in ("reflective-model", "learning-circle", "forum-report"):
            if f'"{name}": (' in text or f'"{name}": "' in text:
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
