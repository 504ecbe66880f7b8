"""What a new officer tripped over, fixed (the messages themselves are also cases in tests/cases/)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from generator.cli.commands import main
from generator.content.models.common import _day_first

CASES = ROOT / "tests" / "cases"


def _check(root: Path, *paths: str):
    return CliRunner().invoke(main, ["check", "--root", str(root), *[str(root / p) for p in paths]])


def test_a_misspelt_field_is_one_error_not_two(make_project) -> None:
    body = (CASES / "bad-unknown-field-typo" / "content" / "panel-meetings" / "test.yaml").read_text(encoding="utf-8")
    root = make_project({"content/panel-meetings/test.yaml": body}, with_content=True)
    result = _check(root, "content/panel-meetings/test.yaml")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("content/") and "warning:" not in line]
    assert errors == ["content/panel-meetings/test.yaml:7:1: localty: is not a field of a meeting of the case review "
                      "panel and the themes arising from it. Did you mean 'locality'?"]
    assert "required but missing" not in result.output


def test_a_missing_field_with_no_misspelling_beside_it_is_still_reported(make_project) -> None:
    body = (CASES / "bad-unknown-field-typo" / "content" / "panel-meetings" / "test.yaml").read_text(encoding="utf-8")
    root = make_project({"content/panel-meetings/test.yaml": body.replace("localty: Stroud\n", "")}, with_content=True)
    result = _check(root, "content/panel-meetings/test.yaml")
    assert "locality: is required but missing" in result.output


def test_checking_only_the_new_file_finds_that_its_id_is_taken(make_project) -> None:
    body = (CASES / "bad-duplicate-id" / "content" / "panel-meetings" / "test.yaml").read_text(encoding="utf-8")
    # named so that it sorts before the shipped file that has the id: the new file is met first
    root = make_project({"content/panel-meetings/2000-01-01-new.yaml": body}, with_content=True)
    result = _check(root, "content/panel-meetings/2000-01-01-new.yaml")
    assert result.exit_code == 1, result.output
    assert ("content/panel-meetings/2000-01-01-new.yaml:3:5: id: 'cheltenham-2013-09-27' is also used by "
            "content/panel-meetings/2013-09-27-cheltenham.yaml. Each record needs its own id.") in result.output
    other = _check(root, "content/panel-meetings/2013-09-27-cheltenham.yaml")
    assert "is already used by content/panel-meetings/2000-01-01-new.yaml" in other.output


@pytest.mark.parametrize(("typed", "meant"), [
    ("14/02/14", "2014-02-14"), ("14/02/2014", "2014-02-14"), ("1.3.99", "1999-03-01"), ("14-02-14", "2014-02-14"),
    ("31/02/14", None), ("02/14/2014", None), ("14th Feb 2014", None),
])
def test_a_day_first_date_gets_the_date_it_means(typed: str, meant: str | None) -> None:
    assert _day_first(typed) == meant


def test_a_skeleton_with_its_examples_is_a_reminder_at_check_and_an_error_at_build(make_project) -> None:
    body = (CASES / "bad-example-left-at-build" / "content" / "panel-meetings" / "test.yaml").read_text(encoding="utf-8")
    root = make_project({"content/panel-meetings/test.yaml": body}, with_content=True)
    checked = _check(root, "content/panel-meetings/test.yaml")
    assert checked.exit_code == 0 and "title: warning: still holds 2 example values" in checked.output
    built = CliRunner().invoke(main, ["build", "--root", str(root), "--no-handouts"])
    assert built.exit_code == 1
    assert "A record still holding them is not published." in built.output
    assert not (root / "site").exists()


@pytest.mark.parametrize("target", ["serve", "edit"])
def test_make_serve_and_edit_take_a_port(target: str) -> None:
    planned = subprocess.run(["make", "-n", target, "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert f"-m generator {target} --port 8123" in planned.stdout


def test_times_and_yes_or_no_written_by_the_form_read_back_as_text(tmp_path: Path) -> None:
    """The form (YAML 1.2) writes `start: 10:00` and `note: No` without quotes; PyYAML (YAML 1.1) would read 600
    and false."""
    from generator.content.load import load_file
    from generator.core.problems import Problems

    path = tmp_path / "x.yaml"
    path.write_text("start: 10:00\nend: 12:30:15\nnote: No\nother: off\nrestricted: false\ncount: 12\nratio: 1.5\n")
    loaded = load_file(path, "x.yaml", Problems())
    assert loaded.data == {"start": "10:00", "end": "12:30:15", "note": "No", "other": "off", "restricted": False,
                           "count": 12, "ratio": 1.5}


def test_the_pull_request_check_writes_each_problem_as_an_annotation_on_its_line(make_project) -> None:
    body = (CASES / "bad-date-day-first" / "content" / "panel-meetings" / "test.yaml").read_text(encoding="utf-8")
    root = make_project({"content/panel-meetings/test.yaml": body}, with_content=True)
    result = CliRunner().invoke(main, ["check", "--github", "--root", str(root)])
    assert result.exit_code == 1
    assert ("::error file=content/panel-meetings/test.yaml,line=8,col=7,title=Record check::date: '14/02/14' is not "
            "a date written as YYYY-MM-DD") in result.output
    assert "did you mean 2014-02-14?" in result.output
