"""Actions, the tracker ("You said, we did"), the board's themes report and the team record forms.

Every expected figure is counted here from the YAML files themselves (yaml.safe_load), never by the
code under test.
"""

from __future__ import annotations

import html
import posixpath
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, copy_project, write_files

from generator.cli.commands import main
from generator.handouts import build_one
from generator.pipeline.check import run_check
from generator.render.pagecache import render_pages

FOREST = "forest-of-dean-2013-05-31"
FORUM = "falkirk-practitioner-forum-2013-03"
RESTRICTED_MEETING = """
kind: panel-meeting
id: quarry-meeting-2014-01-10
title: Themes arising - Stroud 10/01/14
panel: gscb-case-review-panel
locality: Stroud
date: 2014-01-10
restricted: true
themes_arising:
  - heading: Withheld heading
    themes: [domestic-abuse]
    points: [A point kept off the site.]
actions:
  - heading: Zebra withheld action
    status: planned
    due: 2014-02
    points: [Something only staff may see.]
"""
LOG = f"""
kind: action-log
id: responses-2013
title: Responses and progress recorded later
actions:
  - heading: Quokka follow-up on core groups
    status: in progress
    owner: GSCB Quality Assurance sub group
    raised_by: {{record: {FOREST}, item: theme 5}}
    progress:
      - {{date: 2013-10-01, note: Raised with the core group chairs.}}
  - heading: Narwhal action about a restricted meeting
    status: planned
    raised_by: {{record: quarry-meeting-2014-01-10}}
  - heading: Children's plans reviewed with the children
    status: completed
    completed_on: 2013-08-15
    raised_by: {{record: second-subsequent-cp-plans, item: next step children}}
    points: [Plans were reviewed with the older children.]
responses:
  - record: {FORUM}
    message: 2
    text: Pangolin multi-agency training on risk assessment was commissioned.
    by: the CPC
    date: 2013-09
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("actions") / "project")
    return write_files(root, {"content/panel-meetings/stroud.yaml": RESTRICTED_MEETING,
                              "content/actions/responses.yaml": LOG})


@pytest.fixture(scope="module")
def pages(project: Path) -> dict[str, str]:
    checked = run_check(project)
    assert not checked.problems.errors, checked.problems.errors
    return render_pages(checked.public, {})


def _yaml_records(root: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "content").rglob("*.yaml"))]


def _item_themes(item) -> list[str]:
    return list(item.get("themes", [])) if isinstance(item, dict) else []


def _expected_actions(root: Path) -> dict[str, dict]:
    """Every action a reader should find on the tracker, heading → its status, themes and the kind of
    record that raised it, counted from the YAML."""
    records = _yaml_records(root)
    public = {r["id"]: r["kind"] for r in records if not r.get("restricted")}
    out: dict[str, dict] = {}
    covered = set()
    for r in records:
        if r.get("restricted"):
            continue
        for a in r.get("actions", []):
            raised = a.get("raised_by", {}).get("record", r["id"])
            if raised not in public:
                continue
            themes = set(a.get("themes", [])) | {t for p in a.get("points", []) for t in _item_themes(p)}
            out[a["heading"]] = {"status": a.get("status", "not recorded"), "themes": themes,
                                 "source": public[raised]}
            if "item" in a.get("raised_by", {}):
                covered.add((raised, a["raised_by"]["item"]))
    for r in records:
        if r["kind"] == "learning-circle" and not r.get("restricted"):
            for g in r["outcomes"]["next_steps"]:
                if (r["id"], f"next step {g['group']}") not in covered:
                    themes = set(g.get("themes", [])) | {t for p in g.get("points", []) for t in _item_themes(p)}
                    out[f"What needs to happen next: {g['label']}"] = {
                        "status": "not recorded", "themes": themes, "source": "learning-circle"}
    return out


def _status_label(status: str) -> str:
    return "Status not recorded" if status == "not recorded" else status.capitalize()


FULL = re.compile(r"^## (.+?) \{ #([^}]+) \}\n\n<p class=\"sl-meta\"><span class=\"sl-status[^\"]*\">([^<]+)</span>", re.M)
LINE = re.compile(r'^<li><a href="([^"#]+)#([^"]+)">(.+?)</a>: ([A-Za-z ]+?)(?:, due [^<]+)? <span', re.M)
"""A line of a list page (finished HTML): the address as MkDocs writes it, from the page's own address."""
STATUS_PAGE = re.compile(r"actions/(planned|in-progress|completed|dropped|not-recorded)/")


def _full_entries(pages: dict[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """(heading, anchor, status) of each action listed in full, by page: only the status pages list any."""
    out = {}
    for path, text in pages.items():
        found = [(h.replace("\\", ""), a, s) for h, a, s in FULL.findall(text)]
        if found:
            out[path] = found
    return out


def _lines(pages: dict[str, str], prefix: str) -> dict[str, list[tuple[str, str, str]]]:
    """(heading, the page it links to with its anchor, status) of each one-line action on the list pages under ``prefix``."""
    # a page 'actions/themes/neglect.md' is at the address 'actions/themes/neglect/'
    return {path: [(html.unescape(h), posixpath.normpath(posixpath.join(path.removesuffix(".md"), target)) + "#" + a, s)
                   for target, a, h, s in LINE.findall(text)]
            for path, text in pages.items() if path.startswith(prefix)}


def test_tracker_lists_every_action_once_in_full_with_status_and_source(project: Path, pages: dict[str, str]) -> None:
    expected = _expected_actions(project)
    full = _full_entries(pages)
    assert all(STATUS_PAGE.match(path) for path in full), sorted(full)
    headings = [h for entries in full.values() for h, _, _ in entries]
    assert sorted(headings) == sorted(expected), (headings, expected)
    assert len(headings) == len(set(headings))  # each action in full on exactly one page
    for path, entries in full.items():
        for heading, _, status in entries:
            want = expected[heading]["status"]
            assert status == _status_label(want)
            assert path.startswith(f"actions/{want.replace(' ', '-')}/"), (path, heading)
    assert 'Raised by <a href="../../../panel-meetings/forest-of-dean-2013-05-31/#' in "\n".join(pages[p] for p in full)
    assert ">Forest of Dean panel, 31 May 2013 › Core groups</a>" in "\n".join(pages[p] for p in full)
    front = pages["actions.md"]
    assert not FULL.search(front)  # the front page counts and links; it lists nothing in full
    assert "| [In progress](#status-in-progress) | 1 |" in front
    assert f"| **All actions** | **{len(expected)}** |" in front
    for status in {v["status"] for v in expected.values()}:
        n = sum(1 for v in expected.values() if v["status"] == status)
        assert f"| [{_status_label(status)}](#status-{status.replace(' ', '-')}) | {n} |" in front
    # the circle group with an action in the log is listed once, as that action
    assert "What needs to happen next: Children" not in "".join(pages.values())
    assert "What needs to happen next: Family" in "".join(pages[p] for p in full)


def test_each_split_lists_each_action_once_linking_to_its_full_entry(project: Path, pages: dict[str, str]) -> None:
    expected = _expected_actions(project)
    full = {h: f"{path.removesuffix('.md')}#{a}" for path, entries in _full_entries(pages).items()
            for h, a, _ in entries}
    # by theme: once on the page of each of its themes (or the page of actions with no theme), nowhere else
    by_theme = _lines(pages, "actions/themes/") | _lines(pages, "actions/no-theme")
    for heading, want in expected.items():
        pages_with = sorted(path for path, lines in by_theme.items() for h, _, _ in lines if h == heading)
        themes = want["themes"] or {"no-theme"}
        assert pages_with == sorted("actions/no-theme.md" if t == "no-theme" else f"actions/themes/{t}.md"
                                    for t in themes), heading
    # by source, and the overdue ones: each action on exactly one page of the split
    for prefix, wanted in (("actions/sources/", expected), ("actions/overdue", None)):
        lines = [line for these in _lines(pages, prefix).values() for line in these]
        headings = [h for h, _, _ in lines]
        assert len(headings) == len(set(headings))
        if wanted is not None:
            assert sorted(headings) == sorted(wanted)
            for path, these in _lines(pages, prefix).items():
                assert all(path == f"actions/sources/{expected[h]['source']}.md" for h, _, _ in these)
        else:
            assert headings  # the Road Shows action, due November 2013, and the log's
    for lines in (*by_theme.values(), *_lines(pages, "actions/sources/").values(), *_lines(pages, "actions/overdue").values()):
        for heading, target, status in lines:
            assert target == full[heading], (heading, target)
            assert status == _status_label(expected[heading]["status"])


def test_restricted_records_and_their_actions_never_appear(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        for secret in ("Zebra withheld action", "Narwhal action", "Withheld heading", "quarry-meeting-2014-01-10"):
            assert secret not in text, (path, secret)


def test_forum_key_messages_show_their_response_or_say_none(pages: dict[str, str]) -> None:
    forum = pages[f"forum-reports/{FORUM}.md"]
    assert forum.count("**Response:** Pangolin multi-agency training") == 1
    assert forum.count("*No response recorded yet.*") == 4
    said = [text for path, text in pages.items() if path.startswith("actions/you-said-we-did/")]
    tracker = "".join(said)
    assert "**We did:** Pangolin multi-agency training" in tracker
    assert tracker.count("*No response recorded yet.*") == 4
    assert f"](../actions/you-said-we-did/2013.md#{FORUM})" in forum


def test_theme_pages_show_the_status_of_their_actions(pages: dict[str, str]) -> None:
    page = pages["themes/professional-challenge.md"]
    assert '<span class="sl-status sl-status-planned">Planned</span>' in page
    assert "Resolution of Professional Concern" in page


def _period_events(root: Path, start: date, end: date) -> list[dict]:
    out = []
    for r in _yaml_records(root):
        if r.get("restricted") or r["kind"] not in ("panel-meeting", "forum-report", "learning-circle",
                                                     "thematic-review"):
            continue
        when = str(r["events"]["when"] if r["kind"] == "forum-report" else r.get("date") or r.get("published") or "")
        if when and start <= date.fromisoformat((when + "-01-01")[:10]) <= end:
            out.append(r)
    return out


def _tags(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "themes":
                found |= set(inner)
            else:
                found |= _tags(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _tags(inner)
    return found


def test_report_figures_match_the_records(project: Path, pages: dict[str, str]) -> None:
    start, end = date(2013, 4, 1), date(2013, 6, 30)
    events = _period_events(project, start, end)
    assert {e["id"] for e in events} == {FOREST, "cotswold-2013-06-24"}
    counts: dict[str, int] = {}
    for event in events:
        for tag in _tags(event):
            counts[tag] = counts.get(tag, 0) + 1
    titles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["title"]
              for p in (project / "themes_data" / "themes").glob("*.yaml")}
    page = pages["reports/2013-04-01-to-2013-06-30.md"]
    shown = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="sl-num">(\d+)</td>', page))
    assert {t.replace("&#39;", "'").replace("&amp;", "&"): int(n) for t, n in shown.items()} == \
        {titles[t]: n for t, n in counts.items()}
    assert "2 meetings and events in the period" in page
    assert "No meetings or events are recorded in the previous period" not in page  # the forum, March 2013


def test_a_report_of_many_meetings_numbers_them_and_says_where_each_theme_arose_by_number(project: Path, monkeypatch) -> None:
    """Above NAMED_UP_TO meetings and events, the list is numbered and the table of themes gives their numbers:
    naming each meeting under each theme grows as meetings × themes (287 KB of one page at 5,000 records)."""
    from generator.render.reports import chart, numbered, quarter_reports

    checked = run_check(project)
    report = next(r for r in quarter_reports(checked.public) if r.slug == "2013-04-01-to-2013-06-30")
    assert '<th scope="col">Where</th>' in chart(report) and not numbered(report)
    monkeypatch.setattr("generator.render.reports.NAMED_UP_TO", 1)
    page = render_pages(checked.public, {})["reports/2013-04-01-to-2013-06-30.md"]
    events = [(n, Path(url).stem) for n, url in re.findall(r"^(\d+)\. \[[^\]]+\]\(([^)#]+)", page, re.M)]
    assert [n for n, _ in events] == ["1", "2"]
    assert "<th scope=\"col\">Where (by number in the list of meetings and events)</th>" in page
    by_number = {n: _tags(next(e for e in _period_events(project, date(2013, 4, 1), date(2013, 6, 30))
                             if e["id"] == record)) for n, record in events}
    titles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["title"]
              for p in (project / "themes_data" / "themes").glob("*.yaml")}
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="sl-num">\d+</td><td>([^<]*)</td>', page)
    assert rows and {t.replace("&#39;", "'").replace("&amp;", "&"): w for t, w in rows} == \
        {titles[t]: ", ".join(n for n in ("1", "2") if t in by_number[n]) for t in by_number["1"] | by_number["2"]}


def test_report_pdf_holds_every_theme_and_action_of_its_period(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", "--from", "2013-04-01", "--to", "2013-09-30", "--root",
                                       str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out / "report-2013-04-01-to-2013-09-30.pdf"
    assert (out / "report-2013-04-01-to-2013-09-30.html").exists()
    text = " ".join(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages).split())
    events = _period_events(project, date(2013, 4, 1), date(2013, 9, 30))
    titles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["title"]
              for p in (project / "themes_data" / "themes").glob("*.yaml")}
    for tag in set().union(*(_tags(e) for e in events)):
        assert titles[tag] in text, titles[tag]
    headings = [a["heading"] for e in events for a in e.get("actions", [])]
    headings += ["Quokka follow-up on core groups"]  # raised by the Forest of Dean meeting, in a log
    assert len(headings) == 4
    for heading in headings:
        assert " ".join(heading.split()) in text, heading
    assert "Zebra" not in text and "Narwhal" not in text


def test_report_for_a_period_without_records_says_so(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--from", "2020-01-01", "--to", "2020-03-31", "--root",
                                       str(project), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report-2020-01-01-to-2020-03-31.html").read_text(encoding="utf-8")
    assert "No meetings or events are recorded between 1 January 2020 and 31 March 2020" in html


def test_report_refuses_a_period_ending_before_it_starts(project: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--from", "2013-09-30", "--to", "2013-04-01", "--root", str(project)])
    assert result.exit_code == 1
    assert "is before --from" in result.output and "Traceback" not in result.output


def test_team_record_forms_have_their_fields(tmp_path: Path) -> None:
    checked = run_check(ROOT)
    paths = build_one(checked.project, checked.public, "theme:domestic-abuse", tmp_path)
    names = sorted(p.name for p in paths)
    assert names == ["domestic-abuse-team-record-print.pdf", "domestic-abuse-team-record.pdf", "domestic-abuse.pdf"]
    form = pypdf.PdfReader(tmp_path / "domestic-abuse-team-record.pdf")
    assert len(form.pages) == 1
    fields = set(form.get_fields() or {})
    wanted = {"team", "date", "question_1", "question_2", "question_3", "action_1", "action_1_owner",
              "action_1_due"} | {f"attended_{i}" for i in range(1, 7)}
    assert wanted <= fields, wanted - fields
    text = " ".join((form.pages[0].extract_text() or "").split())
    assert "numbers by role, not names" in text.lower()
    assert "case-review-panel@example.org" in text  # where to send it (site.yaml's contact)
    printable = pypdf.PdfReader(tmp_path / "domestic-abuse-team-record-print.pdf")
    assert len(printable.pages) == 1 and not printable.get_fields()


def _many_actions(n: int) -> str:
    actions = "".join(f"""
  - heading: Bulk action {k:03d}
    status: planned
    due: 2014-0{1 + k % 9}
    raised_by: {{record: {FOREST}}}
    points: [Something to be done.]
""" for k in range(n))
    return f"kind: action-log\nid: bulk-log\ntitle: Many actions\nactions:{actions}"


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> dict[int, dict[str, str]]:
    """The tracker's pages with 60 and with 130 more planned, overdue actions raised by one meeting."""
    out = {}
    for n in (60, 130):
        root = copy_project(tmp_path_factory.mktemp(f"grown{n}") / "project")
        write_files(root, {"content/actions/bulk.yaml": _many_actions(n)})
        checked = run_check(root)
        assert not checked.problems.errors, checked.problems.errors
        out[n] = {p: t for p, t in render_pages(checked.public, {}).items() if p.startswith("actions")}
    return out


def test_no_tracker_page_grows_with_the_actions(grown: dict[int, dict[str, str]]) -> None:
    from generator.render.tracker import FULL_PER_PAGE, OVERDUE_SHOWN

    small, large = grown[60], grown[130]
    # the front page says more and lists the same few overdue actions: only its figures change
    assert abs(len(large["actions.md"]) - len(small["actions.md"])) < 20
    assert large["actions.md"].count(", due ") == OVERDUE_SHOWN
    assert "[All 131 overdue actions](actions/overdue.md)" in large["actions.md"]
    # 131 planned actions raised in 2013, in full on parts of at most FULL_PER_PAGE, each once
    parts = ["actions/planned/2013.md", "actions/planned/2013/2.md", "actions/planned/2013/3.md"]
    assert sorted(p for p in large if p.startswith("actions/planned/")) == sorted(parts)
    counts = [len(FULL.findall(large[p])) for p in parts]
    assert counts == [FULL_PER_PAGE, FULL_PER_PAGE, 131 - 2 * FULL_PER_PAGE]
    headings = [h for p in parts for h, _, _ in FULL.findall(large[p])]
    assert len(set(headings)) == 131 and sum(h.startswith("Bulk action") for h in headings) == 130
    assert "**Parts:** 1 · [2](2013/2.md) · [3](2013/3.md)" in large["actions/planned/2013.md"]
    assert "**Parts:** [1](../2013.md) · 2 · [3](3.md)" in large["actions/planned/2013/2.md"]
    # the full pages with more actions are more pages, not longer ones
    assert max(len(large[p]) for p in parts) < 1.1 * max(len(small[p]) for p in small if p.startswith("actions/planned/"))
