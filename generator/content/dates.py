"""Dates people act on, worked out from the records: a record's date, referral deadlines, what is new.

One definition for the pages and the handouts: the date a record is listed and printed under
(``record_date``) and how a date is written for readers (``fmt_date``).

Nothing here reads today's clock except ``reference_day`` when site.yaml declares no ``build_date``:
every other date comes from a record, so two builds of the same content agree to the byte.

The deadline rule: a meeting's referral deadline is ``lead_days`` before the meeting; a deadline
that falls on a Saturday or a Sunday moves to the Friday before (earlier, so a referral sent by
the deadline is still at least ``lead_days`` ahead). Bank holidays are not known to the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

DATE_FIELDS = ("date", "report_date", "published")
"""The fields a record is dated by, first found wins: a meeting's date, a report's date, its publication."""


def record_date(record: Any) -> str | None:
    """The date a record is listed and printed under (YYYY, YYYY-MM or YYYY-MM-DD); None when undated.

    The meeting date, report date or publication date, else the date a model was finalised. When it
    was last revised (``updated``) is not its date: a page and its handout show the same date.
    """
    for name in DATE_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)
    provenance = getattr(record, "provenance", None)
    found = getattr(provenance, "finalised", None) if provenance else None
    return str(found) if found else None


def fmt_date(value: str | None) -> str:
    """'2013-09-27' → '27 September 2013', '2013-03' → 'March 2013', '2013' → '2013'."""
    if not value:
        return ""
    parts = str(value).split("-")
    if len(parts) == 3:
        d = date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def reference_day(config: Any) -> date:
    """The day the build is "today" for: site.yaml's build_date, or today's date when none is declared."""
    return date.fromisoformat(config.build_date) if config.build_date else date.today()


def referral_deadline(meeting: date, lead_days: int) -> date:
    """The last day to send a case for ``meeting``: ``lead_days`` before it, moved to the Friday before a weekend."""
    deadline = meeting - timedelta(days=lead_days)
    if deadline.weekday() >= 5:  # Saturday 5, Sunday 6
        deadline -= timedelta(days=deadline.weekday() - 4)
    return deadline


def start_of(value: str) -> date:
    """The first day a partial date ('2013', '2013-04', '2013-04-02') can mean."""
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------ a record's own dates


@dataclass(frozen=True)
class RecordDates:
    """What a record's page says of its dates: 'Published … · Last updated … · Next review …'."""

    published: str | None
    """When it was published (as the record gives it, maybe only a month or year)."""
    updated: str | None
    """When it was last changed: the latest of 'updated' and its change notes' dates."""
    next_review: str | None
    """When it is next due for review (YYYY-MM-DD), from review_every_months; None without a cycle or a date."""
    review_every_months: int | None
    """The review cycle the source gives, in months."""
    history: tuple[tuple[str, str], ...]
    """(date, note) of each change note, newest first."""


def last_updated(record: Any) -> str | None:
    """The latest of the record's 'updated' and its change notes' dates (None when it was never changed)."""
    found = [str(record.updated)] if getattr(record, "updated", None) else []
    found += [note.date for note in getattr(record, "changes", ())]
    return max(found, key=lambda d: (start_of(d), len(d))) if found else None


def record_dates(record: Any) -> RecordDates:
    """A record's publication, update and review dates, and its change history."""
    published = getattr(record, "published", None)
    updated = last_updated(record)
    every = getattr(record, "review_every_months", None)
    base = updated or published
    next_review = add_months(start_of(base), every).isoformat() if every and base else None
    history = tuple(sorted(((n.date, n.note) for n in getattr(record, "changes", ())), reverse=True))
    return RecordDates(published, updated, next_review, every, history)
