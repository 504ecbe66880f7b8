"""A record's date, and how dates are written for readers: one definition for the pages and the handouts."""

from __future__ import annotations

from datetime import date
from typing import Any

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
