"""scan_project (personal data and links in fixture projects), publishable and check_output on small sites."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_files

from generator.checks.safety import publishable, scan_project
from generator.content.project import load_project, wanted_files
from generator.core.problems import Problems
from generator.site.finalcheck import check_output

MEETING = """
    kind: panel-meeting
    id: test-meeting-2014-01-10
    title: Themes arising - Stroud 10/01/14
    publisher: Gloucestershire Safeguarding Children Board
    locality: Stroud
    date: 2014-01-10
    {extra}
    themes_arising:
      - heading: Understanding Domestic Abuse
        themes: [domestic-abuse]
        points:
          - Core groups need a shared understanding of the impact of domestic abuse.
          - >-
            The review found that the family had moved several times, and that
            post was sent to GL50 1AB long after they had left; the school held
            the only current address.
"""
RECORD = "content/panel-meetings/test.yaml"


def meeting(extra: str = "") -> str:
    return MEETING.replace("    {extra}\n", "".join(f"    {line}\n" for line in extra.splitlines()))


def scan(root: Path, only: list[Path] | None = None) -> Problems:
    """The safety problems of the fixture's own records and allowlist (not of the shipped model and themes)."""
    project, problems = load_project(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    found = scan_project(project)
    wanted = wanted_files(root, only) if only else None
    return Problems([p for p in found.items if not p.path.startswith("themes_data/reflective-model")
                     and (wanted is None or p.path in wanted)])


def test_finding_points_at_the_line_inside_a_folded_paragraph(make_project) -> None:
    root = make_project({RECORD: meeting()})
    (problem,) = [p for p in scan(root).errors]
    text = (root / RECORD).read_text().splitlines()
    assert (problem.path, problem.field) == (RECORD, "themes_arising[0].points[1].text")
    assert text[problem.line - 1][problem.column - 1:].startswith("GL50 1AB")
    assert str(problem).startswith(f"{RECORD}:{problem.line}:{problem.column}: themes_arising[0].points[1].text: ")
    assert 'looks like a postcode ("GL50 1AB")' in problem.message
    assert "privacy-allowlist.yaml" in problem.message


def test_second_occurrence_is_located_on_its_own_line(make_project) -> None:
    body = meeting().replace("the only current address.", "the only current address,\n            not GL50 1AB.")
    root = make_project({RECORD: body})
    lines = sorted(p.line for p in scan(root).errors)
    assert len(lines) == 2 and lines[0] < lines[1]
    text = (root / RECORD).read_text().splitlines()
    assert all("GL50" in text[n - 1] for n in lines)


ALLOWLIST = """
    allowed:
      - text: GL50 1AB
        file: {file}
        reason: The postcode of the board's own office, a public building, not a family's home.
"""


def test_an_acknowledged_finding_passes_only_in_the_file_named(make_project) -> None:
    root = make_project({
        RECORD: meeting(),
        "content/panel-meetings/other.yaml": meeting().replace("test-meeting-2014-01-10", "other-meeting-2014-01-11"),
        "privacy-allowlist.yaml": ALLOWLIST.format(file=RECORD),
    })
    problems = scan(root)
    assert [p.path for p in problems.errors] == ["content/panel-meetings/other.yaml"]


def test_an_entry_without_a_file_is_accepted_everywhere_and_stale_entries_warn(make_project) -> None:
    allowlist = ALLOWLIST.replace("        file: {file}\n", "") + (
        "      - text: Nobody Here\n        reason: A name that was in a record which has since been rewritten.\n"
    )
    root = make_project({RECORD: meeting(), "privacy-allowlist.yaml": allowlist})
    problems = scan(root)
    assert problems.errors == []
    assert any("'Nobody Here' no longer appears" in p.message for p in problems.warnings)


def test_the_boards_contact_details_from_site_yaml_are_allowed(make_project) -> None:
    root = make_project({
        RECORD: meeting(),
        "site.yaml": """
            contact:
              email: gscb@example.gov.uk
              phone: 01452 583629
              address: Shire Hall, Westgate Street, Gloucester GL50 1AB
        """,
    })
    body = meeting().replace("Core groups need", "Ask gscb@example.gov.uk or ring 01452 583629, as core groups need")
    write_files(root, {RECORD: body})
    assert scan(root).errors == []


def test_only_reports_the_files_asked_for(make_project) -> None:
    root = make_project({RECORD: meeting(), "content/panel-meetings/other.yaml": meeting().replace("test-meeting", "other-meeting")})
    problems = scan(root, only=[root / "content/panel-meetings/other.yaml"])
    assert {p.path for p in problems.errors} == {"content/panel-meetings/other.yaml"}


def test_an_age_next_to_a_declared_place_passes_and_next_to_a_small_place_is_reported(make_project) -> None:
    clean = meeting().replace("post was sent to GL50 1AB", "post was sent on")
    body = clean.replace("Core groups need", "A 14-year-old girl from Stroud and a 9-year-old from Lydney show core groups need")
    root = make_project({RECORD: body})
    (problem,) = scan(root).errors  # Stroud is the meeting's locality; Lydney is not declared
    assert 'could identify a child when combined: age and small place ("9-year-old from Lydney")' in problem.message
    write_files(root, {"site.yaml": "safe_places: [Lydney]\n"})
    assert scan(root).errors == []


def test_a_link_to_a_restricted_record_is_reported_on_the_public_record(make_project) -> None:
    clean = meeting().replace("post was sent to GL50 1AB", "post was sent on")
    hidden = clean.replace("test-meeting-2014-01-10", "hidden-meeting-2014-01-11").replace("    themes_arising:", "    restricted: true\n    themes_arising:")
    public = clean.replace("Core groups need", "As [the last meeting](../panel-meetings/hidden-meeting-2014-01-11.md) said, core groups need")
    root = make_project({RECORD: public, "content/panel-meetings/hidden.yaml": hidden})
    (problem,) = scan(root).errors
    assert (problem.path, problem.field) == (RECORD, "themes_arising[0].points[0].text")
    assert problem.message.startswith("links to a record marked restricted ('hidden-meeting-2014-01-11', content/panel-meetings/hidden.yaml)")


def test_links_in_fields_and_text(make_project) -> None:
    body = meeting("summary: See [the guide](javascript:alert(1)) and [the leaflet](#).")
    root = make_project({
        RECORD: body.replace("post was sent to GL50 1AB", "post was sent on"),
        "themes_data/tools/t.yaml": "kind: tool\nid: t\ntitle: Toolkit\ntype: guidance\nlink: '#'\nthemes: [neglect]\n",
    })
    problems = scan(root)
    assert [(p.path, p.field) for p in problems.errors] == [(RECORD, "summary")]
    assert "javascript: links are refused" in problems.errors[0].message
    follow = sorted((p.path, p.field) for p in problems.warnings if "link to follow" in p.message)
    assert follow == [(RECORD, "summary"), ("themes_data/tools/t.yaml", "link")]


def test_publishable_withholds_restricted_records_of_every_kind(make_project) -> None:
    root = make_project({
        RECORD: meeting("restricted: true").replace("post was sent to GL50 1AB", "post was sent on"),
        "themes_data/tools/t.yaml": "kind: tool\nid: t\ntitle: Toolkit\ntype: guidance\nlink: https://example.org/\nthemes: [neglect]\nrestricted: true\n",
        "themes_data/tips/tip.yaml": "kind: tip\nid: tip\ntext: Ask who lives in the house.\nthemes: [neglect]\nrestricted: true\n",
        "themes_data/tips/open.yaml": "kind: tip\nid: open\ntext: Ask who visits the house.\nthemes: [neglect]\n",
    })
    project, _ = load_project(root)
    public, withheld = publishable(project)
    assert type(public) is type(project)
    assert sorted(e.id for e in withheld) == ["t", "test-meeting-2014-01-10", "tip"]
    assert "open" in {e.id for e in public.entries} and len(public.entries) == len(project.entries) - 3


# ------------------------------------------------------------------------------ check_output


def site_problems(make_project, pages: dict[str, str], withheld_record: str | None = None) -> list[str]:
    files = {RECORD: meeting("restricted: true")} if withheld_record else {}
    root = make_project(files)
    project, _ = load_project(root)
    public, withheld = publishable(project)
    site = write_files(root / "out", pages)
    problems = Problems()
    check_output(public, site, problems, withheld)
    return [str(p) for p in problems.errors]


PAGE = "<html><head>{head}</head><body><nav><a href='nowhere/'>x</a></nav><article>{body}</article></body></html>"


@pytest.mark.parametrize("head", [
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
    '<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
    '<script src="//cdn.example.net/x.js"></script>',
    '<style>@import "https://example.net/x.css";</style>',
    '<style>body { background: url(https://example.net/bg.png) }</style>',
    '<img src="https://tracker.example/pixel.gif" srcset="a.png 1x">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    # tags in capitals (a page without them is read with faster, case-sensitive patterns)
    '<SCRIPT SRC="https://cdn.example.net/x.js"></SCRIPT>',
    '<sCrIpT src="https://cdn.example.net/x.js"></script>',
    # a style attribute after a line break, and one inside another attribute's value
    '<div\nstyle="background: url(https://example.net/bg.png)"></div>',
    '<i data-style="x" style="background: url(https://example.net/bg.png)"></i>',
])
def test_third_party_requests_fail_the_output_check(make_project, head: str) -> None:
    problems = site_problems(make_project, {"index.html": PAGE.format(head=head, body="")})
    assert len(problems) == 1 and "from outside the site" in problems[0], problems


def test_what_a_page_may_refer_to(make_project) -> None:
    head = (
        '<link rel="canonical" href="https://learning.example.org/"><link rel="stylesheet" href="assets/site.css">'
        '<script src="assets/app.js"></script><img src="data:image/png;base64,AAAA">'
    )
    body = '<a href="https://www.example.org/">elsewhere</a> <a href="sub/">sub</a> <a href="sub/#top">top</a> <a href="#x">x</a>'
    problems = site_problems(make_project, {
        "index.html": PAGE.format(head=head, body=body),
        "sub/index.html": PAGE.format(head="", body='<a href="../">home</a> <a href="/index.html">root</a>'),
        "assets/site.css": "a { background: url(data:image/svg+xml;utf8,<svg/>) } b { background: url('img.png') }",
        "assets/app.js": "",
    })
    assert problems == []


def test_broken_links_and_script_links_in_content_fail(make_project) -> None:
    body = '<a href="../missing/">gone</a>\n<a href="javascript:alert(1)">x</a>\n<a href="tools/#t">t</a>'
    problems = site_problems(make_project, {"index.html": PAGE.format(head="", body=body)})
    assert len(problems) == 3, problems
    assert "'../missing/', which is not a page or file of the site" in problems[0]
    assert "'javascript:' link" in problems[1]
    assert problems[2].startswith("site/index.html:3: a href: links to 'tools/#t'")


def test_restricted_text_in_any_output_file_fails(make_project) -> None:
    leak = "the family had moved several times, and that post was sent"
    problems = site_problems(make_project, {
        "index.html": PAGE.format(head="", body=""),
        "search/search_index.json": '{"docs": [{"text": "The review found that <em>the family</em> had moved several times"}]}',
        "sitemap.xml": "<urlset><url><loc>https://x.org/panel-meetings/test-meeting-2014-01-10/</loc></url></urlset>",
        "notes.txt": leak,
    }, withheld_record=RECORD)
    assert any("site/search/search_index.json" in p and "restricted record" in p for p in problems), problems
    assert any(p.startswith("site/sitemap.xml:1:") and "'test-meeting-2014-01-10'" in p for p in problems), problems
    assert any(p.startswith("site/notes.txt") for p in problems), problems
    assert not any(p.startswith("site/index.html") for p in problems)


def test_the_published_settings_are_checked_too_but_not_the_boards_contact(make_project) -> None:
    root = make_project({
        "site.yaml": """
            partnership: Safeguarding Children Partnership
            contact:
              email: board@example.gov.uk
              phone: 01452 583629
            accessibility:
              known_issues:
                - Some PDFs are not tagged; ask Mr Hargreaves on 07700 900123 for a copy.
        """,
    })
    problems = scan(root)
    assert [(p.path, p.line, p.field) for p in problems.errors] == [
        ("site.yaml", 7, "accessibility.known_issues[0]"),
        ("site.yaml", 7, "accessibility.known_issues[0]"),
    ]
    assert ['"Mr Hargreaves"' in problems.errors[0].message, '"07700 900123"' in problems.errors[1].message] == [True, True]


def test_an_address_of_a_restricted_record_is_found_only_where_it_is_the_whole_part(make_project) -> None:
    # the withheld ids are looked up part by part of each address (one pass, whatever their number)
    problems = site_problems(make_project, {
        "index.html": PAGE.format(head="", body='<a href="panel-meetings/test-meeting-2014-01-10-later/">a</a>'),
        "list.html": PAGE.format(head="", body='\n<a href="test-meeting-2014-01-10.html">b</a>'),
        "handouts/test-meeting-2014-01-10.pdf": "",
    }, withheld_record=RECORD)
    assert any(p.startswith("site/list.html:2:") and "links to the restricted record 'test-meeting-2014-01-10'" in p
               for p in problems), problems
    assert any(p.startswith("site/handouts/test-meeting-2014-01-10.pdf") and "is named after" in p for p in problems), problems
    assert not any(p.startswith("site/index.html") and "restricted" in p for p in problems), problems
