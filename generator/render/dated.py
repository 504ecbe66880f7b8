"""What the pages, the calendar and the feed show of dates: the panels' schedules and "What's new".

Worked out from public records only (restricted ones are taken out before rendering starts) and
from site.yaml's build_date (generator.content.dates.reference_day), never from today's clock when
a build_date is declared. The deadline rule itself is in generator.content.dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.content.dates import WEEKDAYS, record_date, record_dates, reference_day, referral_deadline, start_of
from generator.content.kinds import page_path

# ------------------------------------------------------------------ what's new


@dataclass(frozen=True)
class NewsItem:
    """One line of "What's new": a record added, or a change to it."""

    date: str
    """When (as written in the record: YYYY-MM-DD, or a month or year)."""
    what: str
    """'added' or 'updated'."""
    kind: str
    """The record's kind."""
    record_id: str
    """The record's id (its page, and the feed entry's id, come from it)."""
    title: str
    """The record's title."""
    note: str | None
    """The change note, or the record's summary when it was added."""

    @property
    def key(self) -> str:
        """Stable across builds: the record, what happened and when (the feed's entry id is made from it)."""
        return f"{self.record_id}/{self.what}/{self.date}"


def news(entries: list[Any]) -> list[NewsItem]:
    """Additions and updates of the records given (public ones only: restricted records are taken out
    before this is called), newest first."""
    items: list[NewsItem] = []
    for entry in entries:
        record = entry.record
        added = getattr(record, "published", None) or record_date(record)
        if added:
            items.append(NewsItem(str(added), "added", entry.kind, entry.id, record.title,
                                  getattr(record, "summary", None)))
        noted = set()
        for change in getattr(record, "changes", ()):
            noted.add(change.date)
            items.append(NewsItem(change.date, "updated", entry.kind, entry.id, record.title, change.note))
        updated = getattr(record, "updated", None)
        if updated and str(updated) not in noted and str(updated) != str(added):
            items.append(NewsItem(str(updated), "updated", entry.kind, entry.id, record.title, None))
    return sorted(items, key=lambda i: (start_of(i.date), len(i.date), i.what == "updated", i.title, i.key), reverse=True)


# ------------------------------------------------------------------ the panel's schedule


@dataclass(frozen=True)
class Meeting:
    """A meeting in a panel's schedule, with what a referrer needs to know about it."""

    date: str
    """YYYY-MM-DD."""
    weekday: str
    """The day of the week, e.g. 'Friday'."""
    locality: str
    venue: str | None
    start: str | None
    end: str | None
    note: str | None
    deadline: str | None
    """The referral deadline, YYYY-MM-DD (None when the panel gives no lead_days)."""
    deadline_weekday: str | None
    moved: bool
    """True when the deadline was moved from a weekend to the Friday before."""
    status: str
    """'open' (the deadline has not passed), 'closed' (it has, the meeting has not happened yet) or 'past'."""
    themes_page: str | None
    """The page of the themes arising from it, once a panel-meeting record of that date is published."""


@dataclass(frozen=True)
class Schedule:
    """A panel's schedule as of the build date: what its page and calendar show."""

    panel_id: str
    lead_days: int | None
    upcoming: tuple[Meeting, ...]
    """Meetings on or after the build date, soonest first."""
    past: tuple[Meeting, ...]
    """Meetings of the schedule before the build date, newest first."""
    next_deadline: Meeting | None
    """The soonest meeting whose deadline has not passed (the one to aim for)."""
    calendar: str | None
    """The calendar file's docs path, when the schedule has meetings."""


def schedule_of(panel: Any, meetings: list[Any], today: date) -> Schedule:
    """The panel's schedule relative to ``today``; ``meetings`` are the published panel-meeting entries."""
    themes = {str(e.record.date): page_path(e.kind, e.id) for e in meetings}
    upcoming, past = [], []
    for item in sorted(panel.schedule, key=lambda m: m.date):
        day = date.fromisoformat(item.date)
        deadline = referral_deadline(day, panel.lead_days) if panel.lead_days else None
        moved = bool(deadline and deadline != day - timedelta(days=panel.lead_days))
        status = "past" if day < today else "closed" if deadline and deadline < today else "open"
        meeting = Meeting(
            item.date, WEEKDAYS[day.weekday()], item.locality, item.venue, item.start, item.end, item.note,
            deadline.isoformat() if deadline else None, WEEKDAYS[deadline.weekday()] if deadline else None, moved,
            status, themes.get(item.date) if status == "past" else None,
        )
        (past if status == "past" else upcoming).append(meeting)
    following = next((m for m in upcoming if m.status == "open" and m.deadline), None)
    calendar = calendar_path(panel.id) if panel.schedule else None
    return Schedule(panel.id, panel.lead_days, tuple(upcoming), tuple(reversed(past)), following, calendar)


def calendar_path(panel_id: str) -> str:
    """Where a panel's calendar file is published (docs-relative)."""
    return f"calendar/{panel_id}.ics"


# ------------------------------------------------------------------ contacts and the referral route


@dataclass(frozen=True)
class Referral:
    """The board's contacts and the referral route (site.yaml `contact:`), with what is still missing."""

    email: str | None
    phone: str | None
    website: str | None
    form: str | None
    """The referral form: an address (https://…) or the docs path of a file shipped with the site."""
    form_is_file: bool
    ask_instead: str
    """Whom to ask while something is missing."""
    missing: tuple[str, ...]
    """What is not configured yet, in words: 'an office email or phone', 'the referral form', 'the board's website'."""


def referral_of(config: Any) -> Referral:
    """The referral route as the pages show it."""
    contact = config.contact
    form = (contact.referral_form or "").strip() or None
    is_file = bool(form) and "://" not in form and not form.lower().startswith("mailto:")
    missing = tuple(label for label, present in (
        ("an office email or phone", contact.email or contact.phone),
        ("the referral form", form),
        ("the board's website", contact.website),
    ) if not present)
    return Referral(contact.email, contact.phone, contact.website, form.lstrip("/") if is_file else form,
                    is_file, contact.ask_instead, missing)


def dated_context(records: list[Any], config: Any) -> dict[Any, dict[str, Any]]:
    """What each record's page shows of dates, by the record's file: its own dates for every record,
    and for a panel its schedule and the referral route. Every value compares by equality (page keys)."""
    panels = [e for e in records if e.kind == "panel"]
    only = panels[0].id if len(panels) == 1 else None
    referral, today = referral_of(config), reference_day(config)
    held: dict[str | None, list[Any]] = {}  # each panel's meetings (a meeting naming none is the only panel's)
    for entry in records:
        if entry.kind == "panel-meeting":
            held.setdefault(entry.record.panel or only, []).append(entry)
    out: dict[Any, dict[str, Any]] = {}
    for entry in records:
        context: dict[str, Any] = {"dates": record_dates(entry.record)}
        if entry.kind == "panel":
            context["schedule"] = schedule_of(entry.record, held.get(entry.id, []), today)
            context["referral"] = referral
        out[entry.source.path] = context
    return out

