"""`new KIND` writes a commented skeleton that passes `check` as written, and never overwrites."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, copy_project

from generator.cli.commands import main
from generator.content.kinds import ALIASES, EXAMPLE, KIND, KINDS
from generator.content.load import load_file
from generator.content.project import load_project
from generator.core.problems import GeneratorError, Problems
from generator.pipeline.check import run_check
from generator.tools.scaffold import new_record, resolve_kind
from generator.tools.schemas import schema_line

TODAY = datetime.date.today().isoformat()


def _check(root: Path, paths: list[Path]) -> Problems:
    """What `check PATHS` reports (load, validate and the publication safety checks)."""
    return run_check(root, only=paths).problems


def _texts(data, loc=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """A copy of the shipped project with one new skeleton of every kind (written once per module)."""
    root = copy_project(tmp_path_factory.mktemp("skeletons") / "project")
    return root, {kind: new_record(root, kind) for kind in KINDS}


def _problems_in(root: Path, paths: list[Path]) -> list[str]:
    """The new files' problems, apart from the one reminder each that its examples are still there."""
    mine = {str(p.relative_to(root)) for p in paths}
    problems = [p for p in _check(root, paths).items if p.path in mine]
    reminders = [p for p in problems if "example values written by 'new'" in p.message]
    assert sorted(p.path for p in reminders) == sorted(mine)  # one per file, and only warnings
    assert all(p.severity.value == "warning" for p in reminders)
    return [str(p) for p in problems if p not in reminders and "not used by any record" not in p.message]


def test_new_writes_a_file_that_passes_check_for_every_kind(skeletons) -> None:
    root, paths = skeletons
    assert _problems_in(root, list(paths.values())) == []
    project, _ = load_project(root)
    written = {e.source.path.resolve(): e for e in project.entries}
    for kind, path in paths.items():
        assert path.parent == root / KIND[kind].folder
        assert written[path.resolve()].kind == kind


def test_new_passes_check_in_a_project_with_only_themes(make_project) -> None:
    root = make_project()  # no panel to link a meeting to, no other records
    paths = [new_record(root, kind) for kind in KINDS]
    assert _problems_in(root, paths) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_skeleton_has_every_field_a_comment_and_obvious_examples(skeletons, kind: str) -> None:
    root, paths = skeletons
    path = paths[kind]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == schema_line(kind, path.relative_to(root), ROOT)
    assert lines[0].startswith("# yaml-language-server: $schema=../")
    data = load_file(path, "x", Problems()).data
    assert list(data)[0] == "kind" and set(data) == set(KINDS[kind].model_fields)
    for i, line in enumerate(lines):
        if re.match(r"^\s*(- )?[a-z_]+:", line):
            above = lines[i - 1].strip()
            assert above.startswith("#"), f"line {i + 1} has no comment above it: {line}"
    allowed = {"kind", "id", "publisher", "panel", "link", "url", "type", "status", "group"}
    for loc, value in _texts(data):
        name = next(str(part) for part in reversed(loc) if isinstance(part, str))
        if name in ("themes", "related") or name in allowed or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        assert value.startswith(EXAMPLE), (loc, value)


def test_top_level_comments_say_required_or_optional_and_describe_the_field(skeletons) -> None:
    root, paths = skeletons
    text = paths["panel-meeting"].read_text(encoding="utf-8")
    assert "# Required – date (YYYY-MM-DD). The date of the meeting, YYYY-MM-DD.\ndate: " + TODAY in text
    assert "# Optional – true or false. true keeps the record off the site" in text
    assert "\nrestricted: false\n" in text
    panel = re.search(r"^panel: (.+)$", text, flags=re.M).group(1)
    assert (root / "content" / "panel" / f"{panel}.yaml").exists()  # an existing panel, so the link is valid


def test_id_with_a_date_names_the_file_date_first_and_fills_date_and_locality(make_project) -> None:
    root = make_project(with_content=True)
    path = new_record(root, "meeting", "stroud-2014-01-10")
    assert path == root / "content/panel-meetings/2014-01-10-stroud.yaml"
    data = load_file(path, "x", Problems()).data
    assert (data["id"], data["date"], data["locality"]) == ("stroud-2014-01-10", "2014-01-10", "Stroud")


def test_default_names(make_project) -> None:
    root = make_project()
    assert new_record(root, "panel-meeting") == root / f"content/panel-meetings/{TODAY}-example.yaml"
    assert new_record(root, "theme") == root / "themes_data/themes/example-theme.yaml"
    assert new_record(root, "model") == root / "themes_data/example-reflective-model.yaml"
    # Without a panel record to point at, the link is left as a comment rather than made invalid.
    text = (root / f"content/panel-meetings/{TODAY}-example.yaml").read_text(encoding="utf-8")
    assert "\n# panel: " in text and "\npanel:" not in text


def test_refuses_to_overwrite_a_file(make_project) -> None:
    root = make_project()
    path = new_record(root, "tip")
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(GeneratorError, match=r"themes_data/tips/example-tip.yaml already exists, so nothing was written"):
        new_record(root, "tip")
    assert path.read_text(encoding="utf-8") == before


def test_refuses_an_id_already_used_or_not_a_short_name(make_project) -> None:
    root = make_project(with_content=True)
    with pytest.raises(GeneratorError, match=r"'gscb-case-review-panel' is already used by content/panel/"):
        new_record(root, "panel-meeting", "gscb-case-review-panel")  # the panel's id: records share one namespace
    with pytest.raises(GeneratorError, match="cannot be an id: use only lower-case letters"):
        new_record(root, "tip", "My Tip")
    assert not list((root / "themes_data").rglob("*my*"))


@pytest.mark.parametrize(("typed", "kind"), [
    *ALIASES.items(), ("Panel Meeting", "panel-meeting"), ("panel_meeting", "panel-meeting"),
    ("tips", "tip"), ("themes", "theme"), ("thematic-review", "thematic-review"),
])
def test_friendly_names_for_kinds(typed: str, kind: str) -> None:
    assert resolve_kind(typed) == kind


def test_unknown_kind_lists_the_kinds_and_suggests_one() -> None:
    with pytest.raises(GeneratorError) as caught:
        resolve_kind("pannel-meting")
    message = str(caught.value)
    assert "'pannel-meting' is not a kind of record. Did you mean 'panel-meeting'?" in message
    assert "Kinds: " + ", ".join(KINDS) + "." in message
    with pytest.raises(GeneratorError, match="Did you mean 'forum-report'"):
        resolve_kind("forum-evnt")


GUIDE = ROOT / "generator" / "templates" / "markdown" / "pages" / "contributing"
STROUD = "content/panel-meetings/2014-01-10-stroud.yaml"


def guide_block(page: str, name: str) -> str:
    """The text of a code block the guide marks with {# guide-NAME:start/end #} (real output, pasted)."""
    text = (GUIDE / page).read_text(encoding="utf-8")
    body = text.split(f"{{# guide-{name}:start #}}", 1)[1].split(f"{{# guide-{name}:end #}}", 1)[0]
    return body.strip().removeprefix("```").removesuffix("```").strip("\n")


def _run(*args: str):
    """A command typed in the project folder, as the guide shows it (run in-process: same code, faster)."""
    result = CliRunner().invoke(main, list(args))
    result.returncode = result.exit_code
    return result


def test_following_the_guide_gives_what_the_guide_shows(make_project, monkeypatch) -> None:
    """A new board officer's walk-through: new, fill in, a mistake, personal data, fixed."""
    root = make_project(with_content=True)
    monkeypatch.chdir(root)
    page = "add-a-panel-meeting.md.j2"
    made = _run("new", "panel-meeting", "--id", "stroud-2014-01-10")
    assert made.returncode == 0 and made.stdout.strip() == guide_block(page, "new")
    path = root / STROUD
    assert path.read_text(encoding="utf-8").startswith(guide_block(page, "skeleton") + "\n")
    reminded = _run("check", STROUD)
    assert reminded.returncode == 0 and guide_block(page, "reminder") + "\n" in reminded.stderr

    example = guide_block(page, "example") + "\n"
    path.write_text(example, encoding="utf-8")
    passed = _run("check", STROUD)
    assert passed.returncode == 0 and passed.stdout.startswith("Check passed:"), passed.stderr
    assert passed.stderr == ""  # no reminder left: every example was replaced

    broken = example.replace("date: 2014-01-10", "date: 2014-02-30")
    broken = broken.replace("themes: [assessment, domestic-abuse]", "themes: [assessment, domestic-violence]")
    path.write_text(broken, encoding="utf-8")
    failed = _run("check", STROUD)
    assert failed.returncode == 1
    assert failed.stderr.strip() == guide_block(page, "errors")

    summary = "summary: Tyler's mum Kelly (born 03/04/1990, phone 01632 960123) attended with her son."
    privacy = "restricted-and-personal-data.md.j2"
    assert summary in (GUIDE / privacy).read_text(encoding="utf-8")
    path.write_text(example.replace("locality: Stroud\n", f"locality: Stroud\n{summary}\n"), encoding="utf-8")
    found = _run("check", STROUD)
    assert found.returncode == 1
    assert found.stderr.strip().startswith(guide_block(privacy, "privacy") + "\n")

    fixed = "summary: The mother attended with her son."
    assert fixed in (GUIDE / privacy).read_text(encoding="utf-8")
    path.write_text(example.replace("locality: Stroud\n", f"locality: Stroud\n{fixed}\n"), encoding="utf-8")
    assert _run("check", STROUD).returncode == 0


def test_guide_overview_names_every_folder_and_kind() -> None:
    text = (GUIDE / "index.md.j2").read_text(encoding="utf-8")
    for kind, folder in ((k, v.folder) for k, v in KIND.items()):
        assert f"`{folder}/" in text, folder
        assert f"`{kind}`" in text or f"new {kind}" in text, kind
    for command in ("make check", "make serve", "make site", ".venv/bin/python -m generator new panel-meeting"):
        assert command in text
