"""Actions, the tracker ("You said, we did"), the board's themes report and the team record forms.

Every expected figure is counted here from the YAML files themselves (yaml.safe_load), never by the
code under test.
"""

from __future__ import annotations

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


def _expected_actions(root: Path) -> dict[str, str]:
    """Every action a reader should find on the tracker, heading → status, counted from the YAML."""
    records = _yaml_records(root)
    public = {r["id"] for r in records if not r.get("restricted")}
    out: dict[str, str] = {}
    covered = set()
    for r in records:
        if r.get("restricted"):
            continue
        for a in r.get("actions", []):
            raised = a.get("raised_by", {}).get("record", r["id"])
            if raised not in public:
                continue
            out[a["heading"]] = a.get("status", "not recorded")
            if "item" in a.get("raised_by", {}):
                covered.add((raised, a["raised_by"]["item"]))
    for r in records:
        if r["kind"] == "learning-circle" and not r.get("restricted"):
            for g in r["outcomes"]["next_steps"]:
                if (r["id"], f"next step {g['group']}") not in covered:
                    out[f"What needs to happen next: {g['label']}"] = "not recorded"
    return out


def _tracker_entries(text: str) -> list[tuple[str, str]]:
    """(heading, status) of each full entry on the tracker page (its '####' headings)."""
    entries = re.findall(r"^#### (.+?) \{ #[^}]+ \}\n\n<span class=\"sl-status[^\"]*\">([^<]+)</span>", text, re.M)
    return [(h.replace("\\", ""), s) for h, s in entries]


def test_tracker_lists_every_action_once_with_status_and_source(project: Path, pages: dict[str, str]) -> None:
    expected = _expected_actions(project)
    entries = _tracker_entries(pages["actions.md"])
    headings = [h for h, _ in entries]
    assert sorted(headings) == sorted(expected), (headings, expected)
    assert len(headings) == len(set(headings))
    for heading, status in entries:
        want = expected[heading]
        assert status == ("Status not recorded" if want == "not recorded" else want.capitalize())
    text = pages["actions.md"]
    assert "Raised by [Forest of Dean panel, 31 May 2013 › Core groups](panel-meetings/" in text
    assert "| [In progress](#status-in-progress) | 1 |" in text
    assert f"| **All actions** | **{len(expected)}** |" in text
    # the circle group with an action in the log is listed once, as that action
    assert "What needs to happen next: Children" not in text
    assert "What needs to happen next: Family" in text


def test_restricted_records_and_their_actions_never_appear(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        for secret in ("Zebra withheld action", "Narwhal action", "Withheld heading", "quarry-meeting-2014-01-10"):
            assert secret not in text, (path, secret)


def test_forum_key_messages_show_their_response_or_say_none(pages: dict[str, str]) -> None:
    forum = pages[f"forum-reports/{FORUM}.md"]
    assert forum.count("**Response:** Pangolin multi-agency training") == 1
    assert forum.count("*No response recorded yet.*") == 4
    tracker = pages["actions.md"]
    assert "**We did:** Pangolin multi-agency training" in tracker
    assert tracker.count("*No response recorded yet.*") == 4


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
