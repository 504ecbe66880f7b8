"""Checks of actions and responses across records, run by `check` and every build (generator.pipeline.check).

- What raised an action (``raised_by``) must exist: the record, and the item in it ('key message 3').
- An action in an action log must say what raised it; a response must answer a key message that exists.
- A planned or in-progress action past its due date is a warning (an overdue action).

"Today" is site.yaml's build_date (generator.content.dates.reference_day), so tests can set it.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from generator.content.dates import fmt_date, reference_day
from generator.content.models.action import ITEM_FORMS, ITEM_PATTERN, OPEN
from generator.core.problems import Problems, format_path_loc

HOLDERS = ("panel-meeting", "forum-report", "thematic-review", "learning-circle", "action-log")
"""The kinds of record that can hold actions."""


def due_end(due: str) -> date:
    """The last day a due date can mean: '2013-11' is due by 30 November 2013."""
    parts = due.split("-")
    if len(parts) == 3:
        return date.fromisoformat(due)
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(int(parts[0]), 12, 31)


def resolve_item(record: Any, kind: str, item: str) -> tuple[tuple, str] | None:
    """Where ``item`` ('key message 3') is in ``record``: (its loc, its text), or None when it does not exist."""
    match = ITEM_PATTERN.match(item)
    if not match:
        return None
    form, key = match.groups()
    wanted_kind, field = ITEM_FORMS[form]
    if kind != wanted_kind:
        return None
    if field == "themes_arising" or field == "key_messages":
        if not key.isdigit():
            return None
        items = getattr(record, field)
        n = int(key)
        if not 1 <= n <= len(items):
            return None
        found = items[n - 1]
        return (field, n - 1), getattr(found, "heading", None) or found.text
    if field == "key_themes":
        for i, theme in enumerate(record.key_themes):
            if theme.id == key:
                return ("key_themes", i), theme.title
        return None
    for g, group in enumerate(record.outcomes.next_steps):
        if group.group == key:
            return ("outcomes", "next_steps", g), group.label
    return None


def check_actions(project: Any) -> Problems:
    """Every finding about actions and responses."""
    problems = Problems()
    today = reference_day(project.config)
    by_id = {e.id: e for e in project.entries if e.kind != "theme"}
    for entry in project.entries:
        if entry.kind not in HOLDERS:
            continue
        for k, action in enumerate(entry.record.actions):
            loc = ("actions", k)
            if action.raised_by is None:
                if entry.kind == "action-log":
                    _at(entry, problems, "error", loc + ("heading",),
                        "an action in an action log must say what raised it: add 'raised_by:' with the "
                        "record's id (and the item, e.g. 'item: key message 2').")
            else:
                _raised_by(entry, loc + ("raised_by",), action.raised_by, by_id, problems)
            if action.status in OPEN and action.due and due_end(action.due) < today:
                _at(entry, problems, "warning", loc + ("due",),
                    f"this {action.status} action was due by {fmt_date(action.due)}, before the build date "
                    f"({fmt_date(today.isoformat())}): record its progress (a note under 'progress:'), or "
                    "change its status or its due date.")
        responses = getattr(entry.record, "responses", [])
        for r, response in enumerate(responses):
            loc = ("responses", r)
            target = entry if entry.kind == "forum-report" else by_id.get(getattr(response, "record", ""))
            if entry.kind == "action-log" and (target is None or target.kind != "forum-report"):
                _at(entry, problems, "error", loc + ("record",),
                    f"no forum report has the id '{response.record}': a response answers a forum report's key "
                    "message, so give that report's id.")
                continue
            count = len(target.record.key_messages)
            if response.message > count:
                _at(entry, problems, "error", loc + ("message",),
                    f"there is no key message {response.message}: {target.id} has {count} key "
                    f"message{'s' if count != 1 else ''} (1 is the first).")
    return problems


def _raised_by(entry: Any, loc: tuple, raised: Any, by_id: dict, problems: Problems) -> None:
    target = by_id.get(raised.record)
    if target is None or target.kind not in HOLDERS[:-1]:
        _at(entry, problems, "error", loc + ("record",),
            f"no meeting, forum report, review or learning circle has the id '{raised.record}': "
            "give the id of the record that raised this action (its 'id:' line).")
        return
    if raised.item and resolve_item(target.record, target.kind, raised.item) is None:
        _at(entry, problems, "error", loc + ("item",),
            f"'{raised.item}' is not an item of {raised.record} ({target.source.display}): check the number "
            "or the name (1 is the first; a key theme or a group by its id).")


def _at(entry: Any, problems: Problems, severity: str, loc: tuple, message: str) -> None:
    line, column = entry.source.position(loc)
    getattr(problems, severity)(entry.source.display, line, column, format_path_loc(loc), message)


__all__ = ["check_actions", "due_end", "resolve_item"]
