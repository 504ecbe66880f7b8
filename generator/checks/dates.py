"""Checks of the dates people act on, run by `check` and every build (from generator.pipeline.check).

- A panel's schedule: a duplicate meeting or a schedule without ``lead_days`` is an error; no meeting
  after the build date, and a past meeting still listed whose themes are not published, are warnings.
- Change notes: one dated before the record was published is an error.
- Records due for review (their next review date has passed): a warning for staff, never shown on the site.
- The board's contacts and the referral form (site.yaml ``contact:``): a missing one is a warning (the
  pages say whom to ask instead); a referral form kept as a file must exist; a link must be allowed.

"Today" is site.yaml's build_date (generator.content.dates.reference_day).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.checks.links import LinkKind, classify
from generator.content.dates import fmt_date, record_dates, reference_day, referral_deadline, start_of
from generator.core.problems import Problems, format_path_loc

_WEEKS = re.compile(r"(\d+)\s+weeks?", re.I)


def check_dates(project: Any) -> Problems:
    """Every finding about schedules, change notes, reviews and contacts."""
    problems = Problems()
    today = reference_day(project.config)
    meetings = {(getattr(e.record, "panel", None), str(e.record.date)) for e in project.entries
                if e.kind == "panel-meeting" and not e.record.restricted}
    panels = [e for e in project.entries if e.kind == "panel"]
    for entry in project.entries:
        if entry.kind == "theme":
            continue
        if entry.kind == "panel":
            only = len(panels) == 1
            held = {day for panel, day in meetings if panel == entry.id or (only and panel is None)}
            _schedule(entry, held, today, problems)
        _changes(entry, problems)
        _review(entry, today, problems)
    _contacts(project, problems)
    return problems


def _at(entry: Any, problems: Problems, severity: str, loc: tuple, message: str) -> None:
    line, column = entry.source.position(loc, prefer_key=isinstance(loc[-1], str) and loc[-1] != "date")
    getattr(problems, severity)(entry.source.display, line, column, format_path_loc(loc), message)


def _schedule(entry: Any, held: set[str], today: date, problems: Problems) -> None:
    panel = entry.record
    if panel.schedule and not panel.lead_days:
        _at(entry, problems, "error", ("schedule",),
            "the meetings' referral deadlines cannot be worked out without the lead time in days: add "
            "'lead_days:' (for example 'lead_days: 21' for 'at least 3 weeks').")
    if panel.lead_days and panel.lead_time:
        said = _WEEKS.search(panel.lead_time)
        if said and int(said.group(1)) * 7 != panel.lead_days:
            _at(entry, problems, "warning", ("lead_days",),
                f"is {panel.lead_days} days, but lead_time says '{panel.lead_time}' "
                f"({int(said.group(1)) * 7} days): make the two agree.")
    first: dict[str, int] = {}
    for i, meeting in enumerate(panel.schedule):
        loc = ("schedule", i, "date")
        if meeting.date in first:
            line = entry.source.position(("schedule", first[meeting.date], "date"))[0]
            _at(entry, problems, "error", loc,
                f"the meeting on {fmt_date(meeting.date)} is listed twice (the first is at line {line}): "
                "remove one, or correct its date.")
            continue
        first[meeting.date] = i
        day = date.fromisoformat(meeting.date)
        if day < today and meeting.date not in held:
            _at(entry, problems, "warning", loc,
                f"{fmt_date(meeting.date)} is before the build date ({fmt_date(today.isoformat())}), so this meeting "
                "is shown as a past meeting, not an upcoming one: publish its themes as a panel-meeting record "
                "(its page is then linked from here), or remove it from the schedule.")
        elif panel.lead_days and referral_deadline(day, panel.lead_days) < today <= day:
            deadline = referral_deadline(day, panel.lead_days)
            _at(entry, problems, "warning", loc,
                f"the referral deadline for this meeting ({fmt_date(deadline.isoformat())}) has passed; "
                "the page says referrals for it have closed.")
    if not any(date.fromisoformat(m.date) >= today for m in panel.schedule):
        _at(entry, problems, "warning", ("schedule",) if panel.schedule else ("id",),
            f"the schedule has no meeting on or after the build date ({fmt_date(today.isoformat())}), so the page "
            "cannot say when the next referral deadline is: add the next meetings under 'schedule:' "
            "(see the staff guide, 'Dates: meetings, change notes, reviews').")


def _changes(entry: Any, problems: Problems) -> None:
    record = entry.record
    published = getattr(record, "published", None)
    for i, change in enumerate(getattr(record, "changes", ())):
        day = date.fromisoformat(change.date)
        if published and day < start_of(published):
            _at(entry, problems, "error", ("changes", i, "date"),
                f"this change is dated {fmt_date(change.date)}, before the record was published "
                f"({published}): correct the date of the change or of 'published'.")


def _review(entry: Any, today: date, problems: Problems) -> None:
    if not getattr(entry.record, "review_every_months", None):
        return
    dates = record_dates(entry.record)
    # Without a publication or update date there is nothing to count from: the page says so, quietly.
    if dates.next_review is not None and date.fromisoformat(dates.next_review) < today:
        _at(entry, problems, "warning", ("review_every_months",),
            f"due for review: its next review was {fmt_date(dates.next_review)}. Review it, then add a change "
            "note saying what changed (or that nothing did); the next review date moves on from the note's date.")


CONTACT_FIELDS = (
    ("email", "the board's office email"),
    ("phone", "the board's office phone"),
    ("referral_form", "the referral form's address"),
    ("website", "the board's website"),
)


def _contacts(project: Any, problems: Problems) -> None:
    source = project.settings  # site.yaml as loaded once by the check

    def at(loc: tuple) -> tuple[int, int]:
        return source.position(loc) if source is not None and source.data is not None else (0, 0)

    contact = project.config.contact
    missing = ([] if contact.email or contact.phone else ["the board's office email or phone"])
    missing += [label for name, label in CONTACT_FIELDS[2:] if not getattr(contact, name)]
    if missing:
        line, column = at(("contact",))
        problems.warning(
            "site.yaml", line, column, "contact",
            f"{_words(missing)} {'is' if len(missing) == 1 else 'are'} not set, so the pages say "
            f"'ask {contact.ask_instead}' instead: add {'it' if len(missing) == 1 else 'them'} under 'contact:'.")
    for name in ("website", "referral_form"):
        value = (getattr(contact, name) or "").strip()
        if not value:
            continue
        line, column = at(("contact", name))
        field = f"contact.{name}"
        if name == "referral_form" and "://" not in value and not value.lower().startswith("mailto:"):
            shipped = project.root / value.lstrip("/")
            if ".." in value.split("/") or not shipped.is_file():
                problems.error("site.yaml", line, column, field,
                               f"'{value}' is not a file in the project folder: put the form there "
                               "(e.g. files/referral-form.docx) or give its address (https://…).")
            continue
        verdict = classify(value)
        if verdict.kind is not LinkKind.EXTERNAL or not value.lower().startswith(("https://", "http://")):
            problems.error("site.yaml", line, column, field,
                           f"'{value}' should be a web address starting https:// (or http://).")


def _words(items: list[str]) -> str:
    text = ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
    return text[0].upper() + text[1:]
