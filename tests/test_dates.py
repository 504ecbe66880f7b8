"""Dates people act on (issue 14): deadlines, a record's dates, What's new, the calendar and the Atom feed.

The bad schedules (impossible date, duplicate meeting, a typed deadline, a past meeting, no future
meeting) are data in tests/cases/*schedule*; the shipped site's pages are checked in test_site_dates below.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import feedparser
import icalendar
import pytest
import vobject
from conftest import ROOT

from generator.checks.safety import publishable, scan_project
from generator.content.dates import add_months, record_dates, referral_deadline
from generator.content.project import load_project
from generator.pipeline.check import run_check
from generator.render.dated import news
from generator.render.pagecache import render_pages
from generator.site.feeds import feed_files, write_feeds

MINI = ROOT / "tests" / "fixtures" / "mini"
ATOM = "{http://www.w3.org/2005/Atom}"


# ------------------------------------------------------------------ the deadline rule


@pytest.mark.parametrize(("meeting", "lead_days", "deadline"), [
    (date(2024, 3, 11), 21, date(2024, 2, 19)),   # Monday → Monday three weeks before
    (date(2024, 3, 11), 20, date(2024, 2, 20)),   # a weekday: kept
    (date(2024, 2, 16), 20, date(2024, 1, 26)),   # Saturday 27 January → Friday 26 January
    (date(2024, 2, 19), 22, date(2024, 1, 26)),   # Sunday 28 January → Friday 26 January
    (date(2024, 3, 1), 1, date(2024, 2, 29)),     # leap day
    (date(2027, 1, 4), 3, date(2027, 1, 1)),      # Friday: kept (bank holidays are not known to the tool)
])
def test_the_deadline_is_lead_days_before_and_a_weekend_moves_to_the_friday_before(meeting, lead_days, deadline) -> None:
    found = referral_deadline(meeting, lead_days)
    assert found == deadline
    assert found.weekday() < 5 and (meeting - found).days >= lead_days


def test_next_review_counts_from_the_latest_change() -> None:
    project, problems = load_project(MINI)
    review = project.get("example-review").record
    dates = record_dates(review)
    assert (dates.published, dates.updated, dates.next_review) == ("2016-05-10", "2017-04-03", "2018-04-03")
    assert dates.history == (("2017-04-03", "Added the second key theme's tools."),)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    due = [str(p) for p in run_check(MINI).problems.warnings if "due for review" in p.message]
    assert due == ["content/thematic-reviews/review.yaml:7:1: review_every_months: warning: due for review: its next "
                   "review was 3 April 2018. Review it, then add a change note saying what changed (or that nothing "
                   "did); the next review date moves on from the note's date."]


# ------------------------------------------------------------------ pages


def _mini_pages() -> dict[str, str]:
    project, problems = load_project(MINI)
    assert not problems.errors
    public, _ = publishable(project)
    return render_pages(public, {})


def test_the_panel_page_says_when_the_next_deadline_is_and_links_past_meetings_to_their_themes() -> None:
    page = _mini_pages()["panel/review-panel.md"]
    assert ("**The next referral deadline is Tuesday 20 February 2024**, for the meeting in North on Monday "
            "11 March 2024.") in page
    assert "referral deadline **Friday 26 January 2024** (moved from the weekend). Referrals for this meeting have closed." in page
    assert "- **Friday 27 September 2013**, North – [the themes arising from it](../panel-meetings/north-2013-09-27.md)" in page
    # the restricted record of 1 July 2013 is not linked: its meeting reads as not published
    assert "- **Monday 1 July 2013**, East – its themes are not published yet" in page
    assert "secret" not in page
    assert "](../calendar/review-panel.ics)" in page
    # a missing contact is never a gap: the page says whom to ask
    assert "The site does not list the referral form or the board's website yet: ask your agency's safeguarding lead." in page


def test_what_is_new_lists_additions_and_change_notes_newest_first_without_restricted_records() -> None:
    pages = _mini_pages()
    new = pages["whats-new.md"]
    lines = [line for line in new.splitlines() if line.startswith("- **")]
    assert lines[0].startswith("- **3 April 2017** · Updated: [An Example Thematic Review]")
    assert lines[1].startswith("- **10 May 2016** · Added: [An Example Thematic Review]")
    assert lines[2].startswith("- **3 March 2016** · Updated: [Example Learning Circle]")
    assert "Withheld change note" not in new and "A restricted meeting" not in new
    assert "## What's new { #whats-new }" in pages["index.md"]
    assert pages["index.md"].count("· Added:") + pages["index.md"].count("· Updated:") == 5
    circle = pages["learning-circles/example-circle.md"]
    assert '<span class="sl-dates"><strong>Published:</strong> 2015 · <strong>Last updated:</strong> 3 March 2016</span>' in circle
    assert "## Change history { #change-history }\n\n- **3 March 2016:** Added the outcomes of the second session." in circle
    review = pages["thematic-reviews/example-review.md"]
    assert "<strong>Published:</strong> 10 May 2016 · <strong>Last updated:</strong> 3 April 2017 · <strong>Next review:</strong> 3 April 2018" in review


# ------------------------------------------------------------------ calendar and feed


def _mini_files() -> tuple[dict[str, bytes], list]:
    project, _ = load_project(MINI)
    public, _ = publishable(project)
    records = [e for e in public.entries if e.kind != "theme"]
    return feed_files(public), news(records)


def test_the_calendar_parses_back_in_two_parsers_with_every_upcoming_meeting_and_deadline() -> None:
    files, _ = _mini_files()
    data = files["calendar/review-panel.ics"]
    cal = icalendar.Calendar.from_ical(data)
    events = [(str(e["SUMMARY"]), str(e.decoded("DTSTART"))) for e in cal.walk("VEVENT")]
    assert events == [
        ("Example Case Review Panel: meeting in South", "2024-02-16"),
        ("Referral deadline: Example Case Review Panel, South 16 February 2024", "2024-01-26"),
        ("Example Case Review Panel: meeting in North", "2024-03-11 09:30:00+00:00"),
        ("Referral deadline: Example Case Review Panel, North 11 March 2024", "2024-02-20"),
        ("Example Case Review Panel: meeting in West", "2024-05-24"),
        ("Referral deadline: Example Case Review Panel, West 24 May 2024", "2024-05-03"),
    ]
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == 6
    # a second, independent parser reads the same events
    other = vobject.readOne(data.decode("utf-8"))
    assert sorted(str(v.uid.value) for v in other.vevent_list) == sorted(uids)
    starts = {str(v.summary.value): v.dtstart.value for v in other.vevent_list}
    assert starts["Example Case Review Panel: meeting in North"].isoformat() == "2024-03-11T09:30:00+00:00"
    summer = next(v for v in other.vevent_list if "meeting in West" in str(v.summary.value))
    assert str(summer.dtstart.value) == "2024-05-24"  # all day
    assert b"secret" not in data.lower() and b"East" not in data  # past and restricted meetings are not in it


def test_the_calendar_ids_are_stable_so_a_subscription_updates_rather_than_duplicates() -> None:
    first, _ = _mini_files()
    second, _ = _mini_files()
    assert first == second  # byte for byte
    cal = icalendar.Calendar.from_ical(first["calendar/review-panel.ics"])
    assert str(cal.walk("VEVENT")[0]["DTSTAMP"].dt) == "2024-01-31 00:00:00+00:00"  # build_date, not today


def test_the_feed_is_valid_atom_with_every_item_and_no_restricted_record() -> None:
    files, items = _mini_files()
    data = files["feed.xml"]
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert [e.id for e in parsed.entries] == [e.id for e in parsed.entries if e.id.startswith("urn:uuid:")]
    assert [e.title for e in parsed.entries] == [f"{'Added' if i.what == 'added' else 'Updated'}: {i.title}" for i in items]
    assert len({e.id for e in parsed.entries}) == len(items) > 5
    # RFC 4287's musts: the feed's id, title, updated and author; each entry's id, title, updated and
    # an alternate link (entries have no content)
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link").get("rel", "alternate") == "alternate"
    assert b"secret" not in data.lower() and b"Withheld" not in data


def test_the_feed_and_calendar_are_written_only_when_changed_and_old_calendars_removed(tmp_path: Path) -> None:
    project, _ = load_project(MINI)
    public, _ = publishable(project)
    docs = tmp_path / "docs"
    (docs / "calendar").mkdir(parents=True)
    (docs / "calendar" / "old-panel.ics").write_text("old", encoding="utf-8")
    assert write_feeds(public, docs) == ["calendar/review-panel.ics", "feed.xml"]
    assert write_feeds(public, docs) == []
    assert not (docs / "calendar" / "old-panel.ics").exists()


# ------------------------------------------------------------------ contacts and the personal-data check


def test_declared_contacts_are_never_flagged_but_other_personal_data_still_is(make_project) -> None:
    root = make_project(with_content=True)
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    settings = settings.replace("  email: case-review-panel@example.org\n",
                                "  email: case-review-panel@example.org\n  phone: 01632 960000\n")
    (root / "site.yaml").write_text(settings, encoding="utf-8")
    panel = root / "content/panel/gscb-case-review-panel.yaml"
    text = panel.read_text(encoding="utf-8").replace(
        "reporting: >-\n", "contact: Email case-review-panel@example.org or phone 01632 960000.\nreporting: >-\n")
    panel.write_text(text, encoding="utf-8")
    project, problems = load_project(root)
    found = scan_project(project)
    assert not found.errors, [str(p) for p in found.errors]
    panel.write_text(text.replace("phone 01632 960000", "phone 01632 960111 or jo.bloggs@example.org"), encoding="utf-8")
    project, _ = load_project(root)
    messages = [str(p) for p in scan_project(project).errors]
    assert len(messages) == 2 and all("gscb-case-review-panel.yaml" in m for m in messages)
    # whom to ask instead is free text, checked like any other
    (root / "site.yaml").write_text(settings.replace("contact:\n", "contact:\n  ask_instead: Jo on 01632 960123\n"),
                                    encoding="utf-8")
    project, _ = load_project(root)
    assert [p.field for p in scan_project(project).errors if p.path == "site.yaml"] == ["contact.ask_instead"]


def test_missing_contacts_warn_and_a_referral_form_file_must_exist(make_project) -> None:
    root = make_project()
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    settings = settings.replace("  referral_form: https://www.example.org/case-review-panel/referral-form\n",
                                "  referral_form: files/referral-form.docx\n")
    settings = settings.replace("  website: https://www.example.org/\n", "")
    (root / "site.yaml").write_text(settings, encoding="utf-8")
    found = run_check(root).problems
    assert [p.message for p in found.errors] == [
        "'files/referral-form.docx' is not a file in the project folder: put the form there (e.g. "
        "files/referral-form.docx) or give its address (https://…)."]
    assert any("The board's website is not set, so the pages say 'ask your agency's safeguarding lead' instead"
               in p.message for p in found.warnings)
    (root / "files").mkdir()
    (root / "files" / "referral-form.docx").write_bytes(b"form")
    assert not run_check(root).problems.errors


# ------------------------------------------------------------------ the shipped site, built


def _feed_links(page: str) -> list[str]:
    """The feeds a reader finds in a page's head: <link> with 'alternate' among its rel words and an Atom type."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "link" and "alternate" in (a.get("rel") or "").lower().split() and a.get("type") == "application/atom+xml":
                found.append(a.get("href") or "")

    Links().feed(page.split("</head>")[0])
    return found


def test_site_dates(built_site: Path) -> None:
    """`make site` on the shipped content: the next deadline, the contacts, the calendar and the feed."""
    site = built_site / "site"
    panel = (site / "panel" / "gscb-case-review-panel" / "index.html").read_text(encoding="utf-8")
    assert "The next referral deadline is Friday 8 January 2027" in panel
    assert "Sample date for this demonstration site, not a real meeting." in panel
    assert 'href="mailto:case-review-panel@example.org"' in panel
    assert 'href="../../calendar/gscb-case-review-panel.ics"' in panel
    cal = icalendar.Calendar.from_ical((site / "calendar" / "gscb-case-review-panel.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == 6
    assert feedparser.parse((site / "feed.xml").read_bytes()).bozo == 0
    assert (site / "whats-new" / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "case-review-panel@example.org" in home  # the footer
    assert _feed_links(home) == ["feed.xml"]  # the head's link for feed readers, which split rel into words
    statement = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "case-review-panel@example.org" in statement and "have not yet been added" not in statement


def test_the_staff_guide_explains_meetings_change_notes_and_the_weekend_rule() -> None:
    project, _ = load_project(ROOT)
    public, _ = publishable(project)
    guide = render_pages(public, {})["contributing/dates.md"]
    for words in ("schedule:", "lead_days:", "changes:", "review_every_months:", "the Friday before",
                  "calendar/", "feed.xml", "build_date"):
        assert words in guide, words


def test_a_meeting_time_is_uk_time_written_in_utc() -> None:
    from generator.content.config import SiteConfig
    from generator.content.models.panel import Panel
    from generator.render.dated import schedule_of
    from generator.site.feeds import calendar_ics

    panel = Panel.model_validate({
        "kind": "panel", "id": "p", "title": "Panel", "what_it_is": ["x"], "who_can_refer": "y", "how_to_refer": ["z"],
        "lead_days": 21, "schedule": [{"date": "2027-06-11", "locality": "Stroud", "start": "10:00", "end": "12:30"},
                                      {"date": "2027-12-10", "locality": "Stroud", "start": "10:00"}]})
    config = SiteConfig(build_date="2027-01-01")
    data = calendar_ics(panel, schedule_of(panel, [], date(2027, 1, 1)), config)
    assert b"DTSTART:20270611T090000Z" in data and b"DTEND:20270611T113000Z" in data  # summer: BST, UTC+1
    assert b"DTSTART:20271210T100000Z" in data  # winter: GMT
    assert b"see the Panel page" in data.replace(b"\r\n ", b"")  # no site_url: no address to give
    published = SiteConfig(build_date="2027-01-01", site_url="https://learning.example.org/")
    data = calendar_ics(panel, schedule_of(panel, [], date(2027, 1, 1)), published).replace(b"\r\n ", b"")
    assert b"https://learning.example.org/panel/p/#put-a-case-forward" in data
