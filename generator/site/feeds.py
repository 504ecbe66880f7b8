"""Stage: write. The panels' calendars (RFC 5545, with icalendar) and the "What's new" Atom feed (RFC 4287,
with feedgen), written into the generated docs so that MkDocs publishes them beside the pages.

- ``calendar/<panel id>.ics``: each upcoming meeting of the panel's schedule and its referral deadline.
  A UID is made from the panel, the kind of event and the meeting's date, so a subscribed calendar
  updates its events rather than adding them again (a meeting moved to another date is a new event:
  the old one disappears at the next refresh).
- ``feed.xml``: the items of the "What's new" page, each with an id made from the record, what
  happened and when.

Both are made from public records only (restricted ones are taken out before the build renders
anything) and dated from the records and site.yaml's build_date, so two builds of the same content
write the same bytes.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.content.dates import fmt_date, reference_day, start_of
from generator.content.kinds import KIND, page_path
from generator.render.dated import NewsItem, Schedule, dated_context, news, referral_of

FEED = "feed.xml"
"""The Atom feed's docs path."""
CALENDARS = "calendar"
"""The folder of the calendar files (one per panel with a schedule); this module owns it."""
TIMEZONE = "Europe/London"
"""The time zone of the start and end times typed in a schedule (the calendar holds them in UTC)."""
_NAMESPACE = uuid.UUID("6f1c5d3e-0b8a-5d2c-9a41-7e0d4a1b2c3d")
"""Fixed, so that ids made from the same record and date are the same in every build."""


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def page_url(docs_path: str, site_url: str | None) -> str:
    """The published address of a page (MkDocs' directory URLs), absolute when site.yaml gives site_url."""
    path = docs_path.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


# ------------------------------------------------------------------ calendar


def calendar_ics(panel: Any, schedule: Schedule, config: Any) -> bytes:
    """The panel's upcoming meetings and their referral deadlines as an iCalendar file."""
    from icalendar import Calendar, Event

    stamp = _midnight(reference_day(config))
    page = page_url(page_path("panel", panel.id), config.site_url)
    # without site_url there is no address to give: the page is named instead
    how = (f"How to put a case forward: {page}#put-a-case-forward" if config.site_url else
           f"How to put a case forward: see the {panel.title} page of the {config.site_name} site.")
    cal = Calendar.new(
        prodid=f"-//{config.partnership}//safeguarding-learning//EN",
        name=f"{panel.title}: meetings and referral deadlines",
        description=f"Upcoming meetings of the {panel.title} and the last day to put a case forward for each.",
        refresh_interval=timedelta(days=1),
        uid=_uid("calendar", panel.id),
    )
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-published-ttl", "P1D")
    zone = ZoneInfo(TIMEZONE)
    for meeting in schedule.upcoming:
        day = date.fromisoformat(meeting.date)
        if meeting.start:
            # written in UTC (converted from UK time): every calendar reads UTC the same way, while
            # parsers disagree on the long VTIMEZONE that Europe/London would need
            start: date | datetime = datetime.combine(day, time.fromisoformat(meeting.start), tzinfo=zone).astimezone(UTC)
            end: date | datetime | None = (datetime.combine(day, time.fromisoformat(meeting.end), tzinfo=zone)
                                           .astimezone(UTC) if meeting.end else None)
        else:
            start, end = day, day + timedelta(days=1)
        where = meeting.locality + (f", {meeting.venue}" if meeting.venue else "")
        lines = [meeting.note] if meeting.note else []
        if meeting.deadline:
            lines.append(f"Referral deadline: {meeting.deadline_weekday} {fmt_date(meeting.deadline)} "
                         f"({panel.lead_time or f'{schedule.lead_days} days before the meeting'}).")
        lines.append(how)
        event = Event.new(
            uid=_uid(panel.id, "meeting", meeting.date), stamp=stamp, start=start, end=end,
            summary=f"{panel.title}: meeting in {meeting.locality}", location=where,
            description="\n".join(lines), url=page if config.site_url else None,
        )
        cal.add_component(event)
        if meeting.deadline:
            deadline = date.fromisoformat(meeting.deadline)
            cal.add_component(Event.new(
                uid=_uid(panel.id, "deadline", meeting.date), stamp=stamp,
                start=deadline, end=deadline + timedelta(days=1), transparency="TRANSPARENT",
                summary=f"Referral deadline: {panel.title}, {meeting.locality} {fmt_date(meeting.date)}",
                description="\n".join([*([meeting.note] if meeting.note else []),
                                       f"The last day to send a case for the meeting in {meeting.locality} on "
                                       f"{meeting.weekday} {fmt_date(meeting.date)}.",
                                       how]),
                url=page if config.site_url else None,
            ))
    return cal.to_ical()


# ------------------------------------------------------------------ feed


def _title(item: NewsItem) -> str:
    return f"{'Added' if item.what == 'added' else 'Updated'}: {item.title}"


def atom_feed(items: list[NewsItem], config: Any) -> bytes:
    """The "What's new" items as an Atom feed, newest first."""
    from feedgen.feed import FeedGenerator

    site = config.site_url
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{_uid('feed', config.partnership)}")
    feed.title(f"{config.site_name}: what's new")
    feed.subtitle(f"Records added to the {config.site_name} site and changes to them, newest first.")
    feed.author({"name": config.partnership})
    feed.link(href=page_url("whats-new.md", site) or "./", rel="alternate", type="text/html")
    feed.link(href=(site.rstrip("/") + "/" + FEED) if site else FEED, rel="self", type="application/atom+xml")
    feed.language(config.language)
    feed.generator("safeguarding-learning")
    newest = max((start_of(i.date) for i in items), default=reference_day(config))
    feed.updated(_midnight(newest))
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{_uid(item.key)}")
        entry.title(_title(item))
        entry.updated(_midnight(start_of(item.date)))
        if item.what == "added":
            entry.published(_midnight(start_of(item.date)))
        entry.link(href=page_url(page_path(item.kind, item.record_id), site), rel="alternate", type="text/html")
        entry.summary(item.note or f"{KIND[item.kind].label[0]}, {fmt_date(item.date)}.")
    return feed.atom_str(pretty=True)


# ------------------------------------------------------------------ write


def feed_files(project: Any) -> dict[str, bytes]:
    """{docs path: bytes} of the feed, of each panel's calendar and of the referral form when it is a file."""
    records = [e for e in project.entries if KIND[e.kind].template]
    files = {FEED: atom_feed(news(records), project.config)}
    form = referral_of(project.config)
    if form.form_is_file and form.form and (project.root / form.form).is_file():  # checked by checks.dates
        files[form.form] = (project.root / form.form).read_bytes()  # published at the same path
    context = dated_context(records, project.config)
    for entry in records:
        schedule = context[entry.source.path].get("schedule")
        if schedule is not None and schedule.calendar:
            files[schedule.calendar] = calendar_ics(entry.record, schedule, project.config)
    return files


def write_feeds(project: Any, docs_dir: Path) -> list[str]:
    """Write the feed and the calendars into ``docs_dir`` (only what changed); remove calendars of panels
    that no longer have a schedule. Returns the docs paths written."""
    written = []
    files = feed_files(project)
    for rel, data in sorted(files.items()):
        path = docs_dir / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)
        written.append(rel)
    folder = docs_dir / CALENDARS
    if folder.is_dir():
        for path in sorted(folder.glob("*.ics")):
            if f"{CALENDARS}/{path.name}" not in files:
                path.unlink()
    return written
