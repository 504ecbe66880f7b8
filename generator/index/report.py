"""The board's themes report for a period: everything in it counted from the public records.

A meeting or event is in the period when its date (a panel meeting's day, a forum's events, else the
record's date) falls in it; a partial date ('2013-03') counts from its first day. A theme "arose" in a
record when the record or any part of it is tagged with it; how often is the number of meetings and
events it arose in. Undated records are in no period (the report says how many).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.checks.actions import due_end
from generator.content.dates import fmt_date, start_of
from generator.content.kinds import KIND
from generator.index.actions import Tracked, track
from generator.index.anchors import anchor_for
from generator.index.themeindex import origin_of

EVENT_KINDS = ("panel-meeting", "forum-report", "learning-circle", "thematic-review")
"""The kinds of record a report counts as meetings and events."""


@dataclass(frozen=True)
class Event:
    kind: str
    id: str
    label: str
    name: str
    date: str
    url: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ThemeCount:
    id: str
    title: str
    count: int
    where: tuple[str, ...]
    previous: int


@dataclass(frozen=True)
class Tip:
    text: str
    where: str
    url: str


@dataclass(frozen=True)
class Report:
    start: str
    end: str
    events: tuple[Event, ...]
    themes: tuple[ThemeCount, ...]
    tips: tuple[Tip, ...]
    completed: tuple[Tracked, ...]
    planned: tuple[Tracked, ...]
    other: tuple[Tracked, ...]
    """Actions raised in the period whose status is dropped or not recorded."""
    overdue: tuple[Tracked, ...]
    previous_start: str
    previous_end: str
    previous_events: int
    new_themes: tuple[str, ...]
    gone_themes: tuple[str, ...]
    undated: int

    @property
    def label(self) -> str:
        return f"{fmt_date(self.start)} to {fmt_date(self.end)}"

    @property
    def slug(self) -> str:
        return f"{self.start}-to-{self.end}"


def event_date(kind: str, record: Any) -> str | None:
    """When a meeting or event took place (YYYY-MM-DD, YYYY-MM or YYYY), or None when undated."""
    from generator.content.dates import record_date

    if kind == "forum-report":
        return str(record.events.when)
    return record_date(record)


def _tags(record: Any) -> tuple[str, ...]:
    from generator.content.validate import walk

    tags: list[str] = []
    for loc, value in walk(record):
        if loc and loc[-1] == "themes" and isinstance(value, list):
            tags += [v for v in value if v not in tags]
    return tuple(tags)


def _event(entry: Any) -> Event | None:
    """One record's meeting or event, or None when it is undated."""
    when = event_date(entry.kind, entry.record)
    if not when:
        return None
    origin = origin_of(entry.kind, entry.record)
    return Event(entry.kind, entry.id, KIND[entry.kind].label[0], origin.name, when, origin.path, _tags(entry.record))


def _tips(entry: Any) -> tuple[Tip, ...]:
    """A panel meeting's top tips, each with where it is on the meeting's page."""
    origin = origin_of(entry.kind, entry.record)
    tips = []
    for i, heading in enumerate(entry.record.themes_arising):
        for j, tip in enumerate(heading.top_tips):
            tips.append(Tip(tip.text, f"{origin.name} › {heading.heading}",
                            f"{origin.path}#{anchor_for(entry.record, ('themes_arising', i, 'top_tips', j))}"))
    for j, tip in enumerate(entry.record.top_tips):
        tips.append(Tip(tip.text, f"{origin.name} › Top tips", f"{origin.path}#{anchor_for(entry.record, ('top_tips', j))}"))
    return tuple(tips)


@dataclass(frozen=True)
class Collection:
    """What every report of one project is counted from, worked out once (not once per report)."""
    events: tuple[Event, ...]
    """Every dated meeting and event, oldest first."""
    starts: tuple[date, ...]
    """The first day of each event's date, in the same order."""
    undated: int
    tips: dict[str, tuple[Tip, ...]]
    """Each panel meeting's top tips, by the meeting's page, in record order."""
    actions: tuple[Tracked, ...]
    titles: dict[str, str]


def collection(public: Any, memo: Any = None, actions: list[Tracked] | None = None) -> Collection:
    """The project's meetings, events, tips and actions. ``memo`` (a generator.core.memo.RecordMemo, kept
    by the preview) keeps each unchanged record's event and tips from one run to the next; ``actions``,
    when the caller has them already, are ``track(public)``'s."""
    def worked_out(entry: Any) -> tuple[Event | None, tuple[Tip, ...]]:
        return _event(entry), _tips(entry) if entry.kind == "panel-meeting" else ()

    found, undated, tips = [], 0, {}
    for entry in public.entries:
        if entry.kind not in EVENT_KINDS:
            continue
        event, its_tips = memo.get(entry, lambda e=entry: worked_out(e)) if memo is not None else worked_out(entry)
        if event is None:
            undated += 1
            continue
        found.append(event)
        if its_tips:
            tips.setdefault(event.url, []).extend(its_tips)
    found.sort(key=lambda e: (start_of(e.date), e.name))
    return Collection(
        events=tuple(found), starts=tuple(start_of(e.date) for e in found), undated=undated,
        tips={url: tuple(t) for url, t in tips.items()}, actions=tuple(track(public) if actions is None else actions),
        titles={e.id: e.record.title for e in public.entries if e.kind == "theme"})


def _within(value: str, start: date, end: date) -> bool:
    return start <= start_of(value) <= end


def build_report(public: Any, start: date, end: date, collected: Collection | None = None) -> Report:
    """The report for ``start``–``end`` (both days included), from the public project (or what was
    already ``collected`` from it)."""
    collected = collected or collection(public)
    found, undated, titles, actions = collected.events, collected.undated, collected.titles, collected.actions
    length = (end - start).days + 1
    before_end = start - timedelta(days=1)
    before_start = before_end - timedelta(days=length - 1)
    starts = collected.starts
    now = list(found[bisect_left(starts, start):bisect_right(starts, end)])
    then = list(found[bisect_left(starts, before_start):bisect_right(starts, before_end)])

    def counts(items: list[Event]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for event in items:
            for tag in event.themes:
                out.setdefault(tag, []).append(event.name)
        return out

    here, earlier = counts(now), counts(then)
    themes = tuple(sorted(
        (ThemeCount(t, titles.get(t, t), len(w), tuple(w), len(earlier.get(t, ()))) for t, w in here.items()),
        key=lambda c: (-c.count, c.title.lower())))
    ids = {e.url for e in now}
    tips = [tip for url, its in collected.tips.items() if url in ids for tip in its]  # in record order
    raised_here = {e.id for e in now}

    def raised(a: Tracked) -> bool:
        return a.raised_id in raised_here

    def dated(value: str | None) -> bool:
        return bool(value) and value != "not recorded" and _within(value, start, end)

    completed = [a for a in actions if a.status == "completed"
                 and (dated(a.completed_on) or (a.completed_on == "not recorded" and raised(a)))]
    planned = [a for a in actions if a.is_open and (raised(a) or dated(a.due))]
    other = [a for a in actions if a.status in ("dropped", "not recorded") and raised(a)]
    overdue = [a for a in actions if a.is_open and a.due and due_end(a.due) < end
               and start_of(a.raised_date or a.due) <= end]
    return Report(
        start=start.isoformat(), end=end.isoformat(), events=tuple(now), themes=themes, tips=tuple(tips),
        completed=tuple(completed), planned=tuple(planned), other=tuple(other), overdue=tuple(overdue),
        previous_start=before_start.isoformat(), previous_end=before_end.isoformat(), previous_events=len(then),
        new_themes=tuple(sorted(titles.get(t, t) for t in here if t not in earlier)) if then else (),
        gone_themes=tuple(sorted(titles.get(t, t) for t in earlier if t not in here)),
        undated=undated,
    )


def quarters(public: Any, collected: Collection | None = None) -> list[tuple[date, date]]:
    """The calendar quarters (January–March, April–June …) holding at least one dated meeting or event, oldest first."""
    found = (collected or collection(public)).events
    starts = sorted({(start_of(e.date).year, (start_of(e.date).month - 1) // 3) for e in found})
    out = []
    for year, q in starts:
        begin = date(year, q * 3 + 1, 1)
        finish = date(year + (q == 3), (q * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
        out.append((begin, finish))
    return out
