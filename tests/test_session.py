"""The live preview's session: after every kind of edit, its pages are exactly a cold build's.

Each step edits a copy of the shipped project, regenerates through one kept Session, and
compares build/docs with a cold run of the same pipeline (``generate`` with a fresh session: no cache)
on a fresh copy of the same files, byte for byte;
the files the session rewrote must be exactly those whose content changed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import copy_project

from generator.cli.report import report
from generator.core.problems import GeneratorError
from generator.pipeline.build import GENERATED_DOCS, generate
from generator.pipeline.check import BUILD_STOPPED, run_check
from generator.pipeline.session import Session

MEETING = "content/panel-meetings/2013-06-24-cotswold.yaml"
THEME = "themes_data/themes/assessment.yaml"
PANEL = "content/panel/gscb-case-review-panel.yaml"
LOG = "content/actions/log-2013.yaml"
NOT_PAGES = ("feed.xml", "calendar/")
"""The feed and the calendars: written beside the pages (generator.site.feeds), not counted as pages."""


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / GENERATED_DOCS
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    docs = root / GENERATED_DOCS
    return {p.relative_to(docs).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in docs.rglob("*") if p.is_file()}


def _cold(root: Path, tmp: Path) -> dict[str, bytes]:
    """The pages of a cold run of the pipeline (a fresh session), which shares no cache with the kept one."""
    cold = copy_project(tmp, source=root).resolve()
    generate(cold)
    return _docs(cold)


def _edit(root: Path, rel: str, change) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit of {rel} changed nothing"
    path.write_text(changed, encoding="utf-8")


def _add_meeting(root: Path) -> None:
    text = (root / MEETING).read_text(encoding="utf-8")
    text = text.replace("id: cotswold-2013-06-24", "id: cotswold-2014-01-20").replace("date: 2013-06-24", "date: 2014-01-20")
    (root / "content/panel-meetings/2014-01-20-cotswold.yaml").write_text(text, encoding="utf-8")


def _add_log(root: Path) -> None:
    (root / LOG).parent.mkdir(parents=True, exist_ok=True)
    (root / LOG).write_text("kind: action-log\nid: log-2013\ntitle: Progress recorded later\nresponses:\n"
                            "  - {record: falkirk-practitioner-forum-2013-03, message: 1, text: Training was planned.}\n",
                            encoding="utf-8")


EDITS = [
    ("text", lambda root: _edit(root, MEETING, lambda t: t.replace("'where you can't see it'", "'where you can't see it'. Edited here."))),
    ("a record's themes", lambda root: _edit(root, MEETING, lambda t: t.replace(
        "themes: [domestic-abuse, emotional-abuse]", "themes: [domestic-abuse, neglect]"))),
    ("the title", lambda root: _edit(root, MEETING, lambda t: re.sub(r"(?m)^title: .*$", "title: Cotswold panel, June 2013", t))),
    ("a record added", _add_meeting),
    ("a record deleted", lambda root: (root / "content/panel-meetings/2013-05-31-forest-of-dean.yaml").unlink()),
    ("restricted", lambda root: _edit(root, MEETING, lambda t: t.replace("locality: Cotswold\n", "locality: Cotswold\nrestricted: true\n"))),
    ("not restricted again", lambda root: _edit(root, MEETING, lambda t: t.replace("restricted: true\n", ""))),
    ("a change note", lambda root: _edit(root, MEETING, lambda t: t.replace(
        "locality: Cotswold\n", "locality: Cotswold\nchanges:\n  - date: 2014-03-03\n    note: Added the actions.\n"))),
    ("a top tip without a theme", lambda root: _edit(root, MEETING, lambda t: t.rstrip("\n") +
                                                     "\ntop_tips:\n  - text: A tip no theme reaches.\n")),
    ("a meeting moved in the schedule", lambda root: _edit(root, PANEL, lambda t: t.replace("2027-03-26", "2027-04-02"))),
    ("an action log added", lambda root: _add_log(root)),
    ("a response edited", lambda root: _edit(root, LOG, lambda t: t.replace("Training was planned.",
                                                                           "Training was held."))),
    ("a theme's title", lambda root: _edit(root, THEME, lambda t: t.replace("title: Assessment and analysis of risk",
                                                                            "title: Assessing risk"))),
    ("site.yaml", lambda root: _edit(root, "site.yaml", lambda t: t.replace("site_name: Learning from practice",
                                                                             "site_name: Learning from cases"))),
]


@pytest.mark.parametrize("recent", [10, 1], ids=["every finding in full", "theme pages split into recent and earlier"])
def test_after_each_edit_the_session_writes_what_a_cold_build_writes(tmp_path: Path, monkeypatch, recent) -> None:
    # With one record in full per group, the shipped panel meetings' dates, titles and restrictions
    # decide which findings a theme page shows in full and which it lists as earlier records.
    monkeypatch.setattr("generator.render.pages.RECENT_RECORDS", recent)
    # and, with the split theme pages, What's new lists its newest three items and the rest by year
    monkeypatch.setattr("generator.render.lists.NEWS_SHOWN", 3 if recent == 1 else 100)
    # and a theme's tools on pages of three (the Hampshire review lists dozens under some themes)
    if recent == 1:
        monkeypatch.setattr("generator.render.lists.PART_ITEMS", 3)
        # and the newest publication of a theme, and its first two questions, tips and tools
        monkeypatch.setattr("generator.render.pages.PUBLICATIONS_SHOWN", 1)
        monkeypatch.setattr("generator.render.pages.REFERENCE_SHOWN", 2)
        # and no untagged top tip on the directory itself: each is on its year's page
        monkeypatch.setattr("generator.render.lists.UNTAGGED_SHOWN", 0)
    root = copy_project(tmp_path / "live")
    session = Session(root)
    generate(root, session=session)
    assert _docs(root) == _cold(root, tmp_path / "cold-0")
    for step, (name, edit) in enumerate(EDITS, start=1):
        before, stamps = _docs(root), _stamps(root)
        edit(root)
        summary = generate(root, session=session)
        after = _docs(root)
        assert after == _cold(root, tmp_path / f"cold-{step}"), name
        changed = {rel for rel in after if before.get(rel) != after[rel]}
        now = _stamps(root)
        rewritten = {rel for rel in now if stamps.get(rel) != now[rel]}
        assert rewritten == changed, name
        assert changed, f"{name}: no page changed"
        assert summary.pages_written == len({rel for rel in changed if not rel.startswith(NOT_PAGES)} - {"handouts"}), name
        assert summary.pages_removed == len(set(before) - set(after)), name


def test_a_restricted_record_leaves_every_page(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "live")
    session = Session(root)
    generate(root, session=session)
    words = "impact of Domestic Abuse and resulting Emotional Abuse"
    assert any(words in text.decode() for text in _docs(root).values())
    _edit(root, MEETING, lambda t: t.replace("locality: Cotswold\n", "locality: Cotswold\nrestricted: true\n"))
    generate(root, session=session)
    shown = [rel for rel, text in _docs(root).items() if words in text.decode() or "cotswold-2013-06-24" in text.decode()]
    assert shown == []


def test_a_broken_file_is_reported_as_a_cold_check_does_and_the_pages_stay(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "live")
    session = Session(root)
    generate(root, session=session)
    good = _docs(root)
    _edit(root, MEETING, lambda t: t.replace("locality: Cotswold\n", "").replace("themes: [child-protection-plans, core-groups]",
                                                                              "themes: [child-protection-plan, core-groups]"))
    with pytest.raises(GeneratorError) as warm:
        generate(root, session=session)
    with pytest.raises(GeneratorError) as cold:
        run_check(copy_project(tmp_path / "cold", source=root).resolve()).stop_on_errors(BUILD_STOPPED)
    assert [str(p) for p in warm.value.problems.items] and \
        sorted(map(str, warm.value.problems.items)) == sorted(map(str, cold.value.problems.items))
    assert _docs(root) == good
    _edit(root, MEETING, lambda t: t.replace("child-protection-plan,", "child-protection-plans,").replace(
        "date: 2013-06-24", "locality: Cotswold\ndate: 2013-06-24"))
    generate(root, session=session)
    assert _docs(root) == good


def test_an_edit_reads_only_the_file_that_changed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "live")
    session = Session(root)
    generate(root, session=session)
    files = session.loads
    assert files > 40  # every record and theme
    generate(root, session=session)
    assert session.loads == files
    _edit(root, MEETING, lambda t: t.replace("'where you can't see it'", "'where you can't see it'. Edited."))
    os.utime(root / THEME)  # touched, not changed: read again (its time changed), pages the same
    summary = generate(root, session=session)
    assert session.loads == files + 2
    assert 0 < summary.pages_written < summary.pages


def test_deleting_the_generated_pages_writes_them_again(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "live")
    session = Session(root)
    generate(root, session=session)
    good = _docs(root)
    shutil.rmtree(root / GENERATED_DOCS / "themes")
    generate(root, session=session)
    assert _docs(root) == good


def test_the_preview_prints_the_same_warnings_once_then_only_new_ones(tmp_path: Path, capsys) -> None:
    """In make serve every save regenerates: warnings already shown are counted, not printed again."""
    from generator.preview.serve import Reporter, regenerate

    root = copy_project(tmp_path / "project")
    session, reporter = Session(root), Reporter()
    said: list[str] = []
    assert regenerate(root, said.append, session=session, reporter=reporter)
    first = capsys.readouterr().err
    assert "41 tools have no link yet" in first and "repeats question 10" in first
    assert "this planned action was due by November 2013" in first  # the shipped overdue action
    assert "0 errors, 3 warnings.\n" in first

    _edit(root, MEETING, lambda t: t.replace("'where you can't see it'", "'where you can't see it'. Edited."))
    assert regenerate(root, said.append, session=session, reporter=reporter)
    second = capsys.readouterr().err
    assert "41 tools have no link yet" not in second and "repeats question 10" not in second, second
    assert "0 errors, 3 warnings (the same warnings as last time, not shown again)." in second

    (root / "content" / "notes.txt").write_text("a note\n", encoding="utf-8")  # a new warning: all are shown again
    assert regenerate(root, said.append, session=session, reporter=reporter)
    third = capsys.readouterr().err
    assert "notes.txt: warning: is not a YAML file" in third and "41 tools have no link yet" in third
    assert "0 errors, 4 warnings.\n" in third


def test_outside_the_preview_warnings_are_printed_every_time(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    session = Session(root)
    for _ in range(2):
        generate(root, session=session, report=report)
        assert "41 tools have no link yet" in capsys.readouterr().err


def test_a_build_s_one_run_session_writes_what_a_kept_one_does_and_keeps_no_page_text(tmp_path: Path) -> None:
    """`build` writes each page as it is rendered and forgets it (generator.pipeline.build.prepare): the pages
    on disk are the same bytes as a kept session's, and its cache holds no page's text."""
    kept_root = copy_project(tmp_path / "kept")
    generate(kept_root, session=Session(kept_root))
    once_root = copy_project(tmp_path / "once")
    once = Session(once_root, one_run=True)
    generate(once_root, session=once)
    assert _docs(once_root) == _docs(kept_root)
    assert len(once.written) > 100 and set(once.written.values()) == {None}
    assert all(text is None for _, text in once.pages._pages.values())
    # run again through the same one-run session: it starts afresh and still writes the same pages
    _edit(once_root, MEETING, lambda text: text.replace("Panel - Cotswold", "Panel (edited) - Cotswold", 1))
    _edit(kept_root, MEETING, lambda text: text.replace("Panel - Cotswold", "Panel (edited) - Cotswold", 1))
    generate(once_root, session=once)
    generate(kept_root, session=Session(kept_root))
    assert _docs(once_root) == _docs(kept_root)
