"""Bad and hostile inputs as data: each folder in tests/cases/ is one case, walked by one test.

A case folder holds the files to add to a fixture project (e.g. ``content/x.yaml``) and
``expected.txt``: each non-blank line must appear in the output of ``check`` (or of ``build``
when the case has a file named ``build``). ``check`` must exit non-zero unless the case has a
file named ``passes`` (cases that only warn).

Every case runs the command in-process (click's CliRunner: the same code a person runs, without a
new Python each time); a few also run as a person types it, ``python -m generator`` in a new
process, for the exit status and the absence of a traceback as the shell sees them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, copy_project

from generator.cli.commands import main

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())
CONTROL = {"expected.txt", "passes", "build", "README"}
AS_COMMANDS = ["bad-yaml-syntax", "hostile-billion-laughs", "warn-not-yaml-file"]
"""Cases also run in a new process: an error, a hostile file, a warning that passes (test_palette runs a build so)."""


def _overlay(case: Path, project: Path) -> None:
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_dir() or rel.name in CONTROL and len(rel.parts) == 1:
            continue
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())


def _arguments(case: Path, project: Path) -> list[str]:
    command = "build" if (case / "build").exists() else "check"
    args = [command, "--root", str(project)]
    if command == "build":
        args.append("--no-handouts")
    return args


def _assert_outcome(case: Path, returncode: int, output: str) -> None:
    assert "Traceback" not in output, output
    if (case / "passes").exists():
        assert returncode == 0, output
    else:
        assert returncode != 0, output
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert line.strip() in output, f"expected {line.strip()!r} in:\n{output}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path, monkeypatch) -> None:
    project = copy_project(tmp_path / "project")
    _overlay(case, project)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, _arguments(case, project))
    output = result.output  # what a terminal shows: standard output and standard error as they came
    # An exception that escaped the command would have been a traceback on the terminal.
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, "".join(traceback.format_exception(escaped)) + output
    _assert_outcome(case, result.exit_code, output)


@pytest.mark.parametrize("name", AS_COMMANDS)
def test_case_as_a_command_in_a_new_process(name: str, tmp_path: Path) -> None:
    case = Path(__file__).parent / "cases" / name
    project = copy_project(tmp_path / "project")
    _overlay(case, project)
    args = [sys.executable, "-m", "generator", *_arguments(case, project)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    _assert_outcome(case, result.returncode, result.stdout + result.stderr)
