"""The case review panel, its three meetings and the Falkirk forum report carry everything their sources state.

Sources: tests/sources/002_8e8b3fedfe0de964.txt (Gloucestershire Multi Agency Case Review Panel: about,
three meetings, resulting actions) and tests/sources/003_113fd20329ca1427.txt (Falkirk Practitioner
Forum report). The records are read with the project's strict loader and validated by the models.

Two kinds of check:
- counts, as set in the transcription brief;
- text: every "- " bullet, numbered step, HTML list item, paragraph and heading of the source is looked
  for in the right record (and, for the forum's lists, the right field), after normalising case,
  whitespace, quote marks and dashes. Dropping, truncating or misplacing an item fails a test, and a
  test proves the checker notices a dropped item.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.kinds import KINDS
from generator.content.load import load_file
from generator.core.problems import Problems

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "sources"
PANEL_SOURCE = (SOURCES / "002_8e8b3fedfe0de964.txt").read_text(encoding="utf-8")
FORUM_SOURCE = (SOURCES / "003_113fd20329ca1427.txt").read_text(encoding="utf-8")
THEME_IDS = {p.stem for p in (ROOT / "themes_data" / "themes").glob("*.yaml")}

PANEL_FILE = "content/panel/gscb-case-review-panel.yaml"
MEETING_FILES = {
    "Cheltenham": "content/panel-meetings/2013-09-27-cheltenham.yaml",
    "Cotswold": "content/panel-meetings/2013-06-24-cotswold.yaml",
    "Forest of Dean": "content/panel-meetings/2013-05-31-forest-of-dean.yaml",
}
FORUM_FILE = "content/forum-reports/falkirk-practitioner-forum-2013-03.yaml"

# The only wording corrected on transcription, as (source, record) after normalising. Missing
# apostrophes ("parents explanations") and stray quote marks need no entry: quote marks are ignored.
CORRECTIONS = (("e mail", "email"), ("the dr sharon vincent", "dr sharon vincent"))

# Source lines that are page furniture or section numbering, not content the records hold as text.
PAGE_HEADER = {"Gloucestershire", "Safeguarding Children", "Board"}
FORUM_STRUCTURE = {
    "1. Introduction", "2. Attendance", "3. Learning and practice change", "4. Evaluations", "5. Conclusion",
}


def load(relative: str):
    problems = Problems()
    source = load_file(ROOT / relative, relative, problems)
    assert not problems, [str(p) for p in problems.items]
    return KINDS[source.data["kind"]].model_validate(source.data)


PANEL = load(PANEL_FILE)
MEETINGS = {locality: load(path) for locality, path in MEETING_FILES.items()}
FORUM = load(FORUM_FILE)


# ------------------------------------------------------------------ normalising and finding text

def norm(text: str, *, source: bool = False) -> str:
    """Lower-case; drop HTML tags, bold markers and quote marks; one dash style; collapse whitespace;
    a link the YAML adds to a phrase of the source ('[Table 1](…#table-1)') counts as its words."""
    text = re.sub(r"\[([^\[\]]+)\]\([^()\s]+\)", r"\1", text)
    text = re.sub(r"</?(?:i|b|em|strong)>", "", text)  # inline markup: no word break
    text = re.sub(r"<[^>]+>", " ", text).replace("**", "").lower()
    text = re.sub(r"[‘’‚‛“”„‟'\"`]", "", text)
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    text = " ".join(text.split()).strip(" ,;")
    if source:
        for wrong, right in CORRECTIONS:
            text = text.replace(wrong, right)
    return text


def units(value) -> list[str]:
    """Every text of a record (or part of one), normalised, each kept whole; a benefit is 'lead text'."""
    out: list[str] = []

    def walk(v):
        if hasattr(v, "model_dump"):
            v = v.model_dump(exclude_none=True)
        if isinstance(v, str):
            out.append(norm(v))
        elif isinstance(v, dict):
            if set(v) == {"lead", "text"}:
                out.append(norm(f"{v['lead']} {v['text']}"))
            for key, item in v.items():
                if key not in ("themes", "kind", "id", "status"):
                    walk(item)
        elif isinstance(v, list):
            for item in v:
                walk(item)

    walk(value)
    return out


def pieces(item: str) -> list[str]:
    """What must be found for one source item: the item, or each quoted phrase of a bullet made only of quotes."""
    item = re.sub(r"^(\d+\.|-)\s+", "", item.strip())
    item = re.sub(r"^top tip:\s*", "", item, flags=re.IGNORECASE)
    phrases = re.findall(r"“([^“”]*)”", item)
    if len(phrases) > 1 and re.fullmatch(r"[\s,;“]*", re.sub(r"“[^“”]*”", "", item)):
        return [norm(p, source=True) for p in phrases]
    return [norm(item, source=True)]


def missing(items: list[str], texts: list[str]) -> list[str]:
    """The source items (or quoted phrases) not contained in any single text of the record."""
    return [p for item in items for p in pieces(item) if not any(p in t for t in texts)]


# ------------------------------------------------------------------ reading the sources

HEADER = re.compile(r"^Themes arising from cases discussed during the Multi Agency Case Review Panel - (.+?)\s*-?\s*(\d\d/\d\d/\d\d)$")


def panel_sections() -> tuple[list[str], dict[str, list[str]]]:
    """The 'about' lines, and each locality's lines (headings and bullets), page furniture left out."""
    about: list[str] = []
    meetings: dict[str, list[str]] = {}
    current: list[str] = about
    for line in PANEL_SOURCE.splitlines():
        line = line.strip()
        if not line or line in PAGE_HEADER:
            continue
        match = HEADER.match(line)
        if match:
            current = meetings.setdefault(match.group(1), [])
            continue
        current.append(line)
    return about, meetings


ABOUT, MEETING_LINES = panel_sections()


def forum_lists() -> dict[str, list[str]]:
    """The HTML tables of 003: each <p> label with the items of the list that follows it."""
    lists: dict[str, list[str]] = {}
    for line in FORUM_SOURCE.splitlines():
        for match in re.finditer(r"<p>(.*?)</p>\s*<ul[^>]*>(.*?)(?=<p>|$)", line):
            body = match.group(2)
            items = re.findall(r"<li[^>]*>(.*?)</li>", body) or re.split(r"\s+-\s+", " " + body)
            lists[match.group(1)] = [i.strip() for i in items if i.strip()]
    return lists


FORUM_LISTS = forum_lists()


# ------------------------------------------------------------------ panel (002, about)

def test_panel_facts():
    assert PANEL.id == "gscb-case-review-panel" and PANEL.publisher == "Gloucestershire Safeguarding Children Board"
    assert PANEL.formed == "2012-04" and "formed in April 2012" in PANEL.what_it_is[0]
    assert (PANEL.professionals_met, PANEL.children_discussed) == (54, 42)
    assert PANEL.who_can_refer == "Any member of a Child Protection Core Group."
    assert PANEL.lead_time == "at least 3 weeks before the Panel meeting"
    assert PANEL.contact is None  # the source names no address


def test_panel_counts():
    assert len(PANEL.how_to_refer) == 4
    assert [b.lead for b in PANEL.benefits] == ["Meet", "Discuss", "Hear", "Inspire"]


def test_panel_about_text_is_complete():
    content = [line for line in ABOUT if not line.endswith("?")]  # the lines ending '?' are headings
    assert len(content) == 12  # 3 paragraphs, who can refer, 4 steps, 4 benefits
    assert missing(content, units(PANEL)) == []


# ------------------------------------------------------------------ panel meetings (002)

def test_three_meetings():
    assert sorted(MEETING_LINES) == sorted(MEETINGS) == ["Cheltenham", "Cotswold", "Forest of Dean"]
    expected = {
        "Cheltenham": ("cheltenham-2013-09-27", "2013-09-27"),
        "Cotswold": ("cotswold-2013-06-24", "2013-06-24"),
        "Forest of Dean": ("forest-of-dean-2013-05-31", "2013-05-31"),
    }
    for locality, meeting in MEETINGS.items():
        assert (meeting.id, meeting.date) == expected[locality]
        assert meeting.locality == locality and meeting.panel == PANEL.id
        assert meeting.publisher == PANEL.publisher
        day, month, year = re.search(r"(\d\d)/(\d\d)/(\d\d)$", meeting.title).groups()
        assert f"20{year}-{month}-{day}" == meeting.date


def test_meeting_theme_counts():
    assert {k: len(m.themes_arising) for k, m in MEETINGS.items()} == {"Cheltenham": 7, "Cotswold": 4, "Forest of Dean": 5}
    for meeting in MEETINGS.values():
        assert all(t.themes for t in meeting.themes_arising)
        assert all(t.points or t.top_tips for t in meeting.themes_arising)


def test_cotswold_top_tip():
    core = next(t for t in MEETINGS["Cotswold"].themes_arising if t.heading == "The Nature of Effective Core Groups")
    assert len(core.top_tips) == 1 and len(core.points) == 5
    assert not core.top_tips[0].text.lower().startswith("top tip")


def test_actions_follow_forest_of_dean():
    actions = MEETINGS["Forest of Dean"].actions
    assert [a.status for a in actions] == ["completed", "completed", "planned"]
    assert all(a.themes for a in actions)
    assert "Cotswold" in MEETINGS["Forest of Dean"].source.note
    assert not MEETINGS["Cheltenham"].actions and not MEETINGS["Cotswold"].actions


@pytest.mark.parametrize("locality", list(MEETING_FILES))
def test_meeting_text_is_complete(locality):
    meeting = MEETINGS[locality]
    lines = MEETING_LINES[locality]
    bullets = [line for line in lines if line.startswith("- ")]
    headings = [line for line in lines if not line.startswith("- ")]
    assert missing(bullets, units(meeting)) == []
    labels = {"Resulting Actions Completed": "completed", "Planned": "planned"}
    record_headings = [t.heading for t in meeting.themes_arising] + [a.heading for a in meeting.actions]
    assert [h for h in headings if h not in labels] == record_headings
    # every bullet is one item: nothing merged, nothing invented
    items = sum(len(t.points) + len(t.top_tips) for t in meeting.themes_arising) + sum(len(a.points) for a in meeting.actions)
    assert items == len(bullets)


def test_actions_text_and_status():
    lines = MEETING_LINES["Forest of Dean"]
    status = None
    by_status: dict[str, list[str]] = {"completed": [], "planned": []}
    for line in lines:
        if line == "Resulting Actions Completed":
            status = "completed"
        elif line == "Planned":
            status = "planned"
        elif status and line.startswith("- "):
            by_status[status].append(line)
    assert (len(by_status["completed"]), len(by_status["planned"])) == (4, 1)  # bullets: 3 + 1 completed, 1 planned
    actions = MEETINGS["Forest of Dean"].actions
    for wanted, items in by_status.items():
        texts = [u for a in actions if a.status == wanted for u in units(a)]
        assert missing(items, texts) == []


# ------------------------------------------------------------------ forum report (003)

def test_forum_header():
    assert FORUM.id == "falkirk-practitioner-forum-2013-03"
    assert FORUM.publisher == "Falkirk Child Protection Committee"
    assert FORUM.committee == "Falkirk Child Protection Committee (CPC)"
    assert FORUM.reporting_officer == "Janice Brown" and "Janice Brown" in FORUM_SOURCE
    assert FORUM.subject == "Practitioner Forum events March 2013" and "Subject:\tPractitioner Forum events March 2013" in FORUM_SOURCE
    assert FORUM.report_date == "2013-06-12" and "12th June 2013" in FORUM_SOURCE
    assert FORUM.item_for == "Discussion" and re.search(r"Item for\s+Discussion", FORUM_SOURCE)
    assert re.search(r"Restricted Access\s+No", FORUM_SOURCE) and FORUM.restricted is False
    assert "restricted: false" in (ROOT / FORUM_FILE).read_text(encoding="utf-8")  # written out, not defaulted


def test_forum_counts():
    assert (FORUM.events.count, FORUM.events.when, FORUM.attendance.total) == (4, "2013-03", 102)
    assert FORUM.attendance.by_agency == []  # the chart's numbers were lost: never invented
    assert FORUM.attendance.missing and FORUM.attendance.chart_title == "Chart 1: attendance by agency"
    assert [len(FORUM.keep_doing), len(FORUM.stop_doing), len(FORUM.start_doing), len(FORUM.good_practice)] == [6, 5, 7, 4]
    assert len(FORUM.key_messages) == 5
    assert len(FORUM.evaluation.quotes) == 5  # the first bullet holds three quoted phrases
    assert FORUM.appendix_title == "Appendix 1"
    assert [len(s.points) for s in FORUM.appendix] == [5, 5]
    assert next(p for p in FORUM.learning if p.points).points and len(next(p for p in FORUM.learning if p.points).points) == 4


FIELD_OF_LIST = {
    "KEEP DOING": "keep_doing",
    "STOP DOING": "stop_doing",
    "START DOING": "start_doing",
    "GOOD PRACTICE": "good_practice",
}


def test_forum_lists_are_complete_and_in_the_right_field():
    assert set(FIELD_OF_LIST) < set(FORUM_LISTS) and len(FORUM_LISTS) == 5
    for label, items in FORUM_LISTS.items():
        field = FIELD_OF_LIST.get(label, "key_messages")
        if field == "key_messages":
            assert missing([label], [norm(FORUM.key_messages_question)]) == []
        record_items = getattr(FORUM, field)
        assert len(record_items) == len(items), field
        assert missing(items, units(record_items)) == [], field


def test_forum_quotes_are_one_phrase_each():
    for quote in FORUM.evaluation.quotes:
        assert quote.text.startswith("“") and quote.text.count("“") == 1 and quote.text.count("”") == 1
    assert "(this comment came from a practitioner" in FORUM.evaluation.quotes[-1].text


def test_forum_text_is_complete():
    header = re.compile(r"^(Reporting Officer:|Subject:|Date of CPC:|\* )")
    lines = [ln.strip() for ln in FORUM_SOURCE.splitlines() if ln.strip()]
    content = [ln for ln in lines if "<ul" not in ln and not header.match(ln) and ln not in FORUM_STRUCTURE]
    assert len(content) >= 30
    assert missing(content, units(FORUM)) == []


# ------------------------------------------------------------------ themes, and the checker itself

@pytest.mark.parametrize("record", [PANEL, *MEETINGS.values(), FORUM], ids=lambda r: r.id)
def test_every_theme_is_in_the_vocabulary(record):
    def tags(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "themes":
                    yield from item
                else:
                    yield from tags(item)
        elif isinstance(value, list):
            for item in value:
                yield from tags(item)

    used = list(tags(record.model_dump()))
    assert used and set(used) <= THEME_IDS, set(used) - THEME_IDS


def test_checker_notices_a_dropped_or_cut_item():
    meeting = MEETINGS["Cotswold"].model_copy(deep=True)
    bullets = [line for line in MEETING_LINES["Cotswold"] if line.startswith("- ")]
    dropped = meeting.themes_arising[3].points.pop(2)
    assert missing(bullets, units(meeting)) == [norm(dropped.text)]
    meeting.themes_arising[0].points[0].text = meeting.themes_arising[0].points[0].text[:-20]
    assert len(missing(bullets, units(meeting))) == 2
    forum = FORUM.model_copy(deep=True)
    forum.evaluation.quotes.pop(1)
    quote_lines = [ln for ln in FORUM_SOURCE.splitlines() if ln.startswith("- “")]
    assert missing(quote_lines, units(forum)) == ["need time to complete chronologies"]
