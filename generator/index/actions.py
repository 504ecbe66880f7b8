"""Every action across the records, and every response to a forum key message: what the tracker and the
board's report list ("You said, we did").

An action is written in the record that raised it (a panel meeting's resulting actions) or in an
action log with ``raised_by``. A learning circle's "what needs to happen next" groups are actions
too (status not recorded) until an action in a log points at one ('next step children'): that
action is then listed in its place. Only the public project is ever passed in, so nothing of a
restricted record (or an action a log raises about one) is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.checks.actions import HOLDERS, due_end, resolve_item
from generator.content.dates import fmt_date, reference_day
from generator.content.kinds import KIND
from generator.content.models.action import OPEN, STATUSES
from generator.index.anchors import anchor_for
from generator.index.themeindex import origin_of

NOT_RECORDED = "not recorded"
STATUS_ORDER = (*STATUSES, NOT_RECORDED)
"""The tracker's sections by status, in order."""


@dataclass(frozen=True)
class Tracked:
    """One action as the tracker and the report show it."""

    anchor: str
    """Its id on the tracker's page that lists it in full."""
    heading: str
    status: str
    """'planned', 'in progress', 'completed', 'dropped' or 'not recorded'."""
    reason: str | None
    owner: str | None
    due: str | None
    completed_on: str | None
    points: tuple[str, ...]
    progress: tuple[tuple[str, str], ...]
    themes: tuple[str, ...]
    source: str
    """The kind of record that raised it, for readers ('Panel meeting')."""
    source_kind: str
    raised_id: str
    """The id of the record that raised it."""
    raised_by: str
    """What raised it, in words ('Forest of Dean panel, 31 May 2013 › Resulting actions')."""
    raised_url: str
    """The docs-relative link to what raised it."""
    raised_date: str | None
    """The date of the record that raised it."""
    overdue: bool
    unattributed: bool = False

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class KeyMessage:
    """A forum key message with the responses recorded to it."""

    forum: str
    forum_title: str
    forum_date: str | None
    """The forum report's date (the tracker lists key messages by its year)."""
    number: int
    text: str
    url: str
    themes: tuple[str, ...]
    responses: tuple[tuple[str, str | None, str | None], ...]
    """(text, by, date) of each response."""


def _label(kind: str) -> str:
    return KIND[kind].label[0] if KIND[kind].label else kind


def _themes(action: Any) -> tuple[str, ...]:
    out: list[str] = []
    for tag in [*action.themes, *(t for p in action.points for t in p.themes)]:
        if tag not in out:
            out.append(tag)
    return tuple(out)


def track(public: Any) -> list[Tracked]:
    """Every action of the public project, each once, in record order."""
    today = reference_day(public.config)
    by_id = {e.id: e for e in public.entries if e.kind in HOLDERS[:-1]}
    covered: set[tuple[str, str]] = set()
    out: list[Tracked] = []
    for entry in public.entries:
        if entry.kind not in HOLDERS:
            continue
        for k, action in enumerate(entry.record.actions):
            raised = action.raised_by
            target = by_id.get(raised.record) if raised else entry
            if target is None:
                continue  # raised by a restricted record (or one that does not exist: check reports it)
            origin = origin_of(target.kind, target.record)
            url, where = origin.path, "Actions"
            if raised and raised.item:
                found = resolve_item(target.record, target.kind, raised.item)
                if found is None:
                    continue
                url, where = f"{origin.path}#{anchor_for(target.record, found[0])}", found[1]
                covered.add((target.id, raised.item))
            elif entry.kind != "action-log":
                url = f"{origin.path}#{anchor_for(entry.record, ('actions', k))}"
                where = "Resulting actions" if entry.kind == "panel-meeting" else "Actions"
            anchor = f"{entry.id}-action-{k + 1}"
            status = action.status or NOT_RECORDED
            out.append(Tracked(
                anchor=anchor, heading=action.heading, status=status, reason=action.reason, owner=action.owner,
                due=action.due, completed_on=action.completed_on, points=tuple(p.text for p in action.points),
                progress=tuple((n.date, n.note) for n in action.progress), themes=_themes(action),
                source=_label(target.kind), source_kind=target.kind, raised_id=target.id,
                raised_by=f"{origin.name} › {where}", raised_url=url, raised_date=origin.date,
                overdue=bool(status in OPEN and action.due and due_end(action.due) < today),
                unattributed=bool(getattr(entry.record, "actions_unattributed", False)),
            ))
    for entry in public.entries:
        if entry.kind != "learning-circle":
            continue
        origin = origin_of(entry.kind, entry.record)
        for g, group in enumerate(entry.record.outcomes.next_steps):
            if (entry.id, f"next step {group.group}") in covered:
                continue
            themes: list[str] = []
            for tag in [*group.themes, *(t for p in group.points for t in p.themes)]:
                if tag not in themes:
                    themes.append(tag)
            out.append(Tracked(
                anchor=f"{entry.id}-next-{group.group}", heading=f"What needs to happen next: {group.label}",
                status=NOT_RECORDED, reason=None, owner=None, due=None, completed_on=None,
                points=tuple(p.text for p in group.points), progress=(), themes=tuple(themes),
                source=_label(entry.kind), source_kind=entry.kind, raised_id=entry.id,
                raised_by=f"{origin.name} › What needs to happen next › {group.label}",
                raised_url=f"{origin.path}#{anchor_for(entry.record, ('outcomes', 'next_steps', g))}",
                raised_date=origin.date, overdue=False,
            ))
    return out


def key_messages(public: Any) -> list[KeyMessage]:
    """Every public forum report's key messages, each with its responses (from the report and the action logs)."""
    forums = [e for e in public.entries if e.kind == "forum-report"]
    answers: dict[tuple[str, int], list[tuple[str, str | None, str | None]]] = {}
    for forum in forums:
        for response in forum.record.responses:
            answers.setdefault((forum.id, response.message), []).append((response.text, response.by, response.date))
    for log in (e for e in public.entries if e.kind == "action-log"):
        for response in log.record.responses:
            answers.setdefault((response.record, response.message), []).append(
                (response.text, response.by, response.date))
    out = []
    for forum in forums:
        origin = origin_of(forum.kind, forum.record)
        for j, message in enumerate(forum.record.key_messages):
            out.append(KeyMessage(
                forum=forum.id, forum_title=origin.name, forum_date=origin.date, number=j + 1, text=message.text,
                url=f"{origin.path}#{anchor_for(forum.record, ('key_messages', j))}", themes=tuple(message.themes),
                responses=tuple(answers.get((forum.id, j + 1), ())),
            ))
    return out


def responses_of(public: Any) -> dict[str, dict[int, tuple]]:
    """Each forum report's responses by key message number (what its page shows under each message)."""
    out: dict[str, dict[int, tuple]] = {}
    for message in key_messages(public):
        out.setdefault(message.forum, {})[message.number] = message.responses
    return out


def status_label(status: str) -> str:
    """'in progress' → 'In progress'; 'not recorded' → 'Status not recorded'."""
    return "Status not recorded" if status == NOT_RECORDED else status[:1].upper() + status[1:]


def when_label(value: str | None) -> str:
    return "not recorded" if not value or value == NOT_RECORDED else fmt_date(value)


__all__ = ["Tracked", "KeyMessage", "track", "key_messages", "responses_of", "status_label", "when_label",
           "STATUS_ORDER"]
