"""Bad and hostile inputs as data: each folder in tests/cases/ is one case, walked by one test.

A case folder holds the files to add to a fixture project (e.g. ``content/x.yaml``) and
``expected.txt``: each non-blank line must appear in the output of ``check`` (or of ``build``
when the case has a file named ``build``). ``check`` must exit non-zero unless the case has a
file named ``passes`` (cases that only warn).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())
CONTROL = {"expected.txt", "passes", "build", "README"}


def _overlay(case: Path, project: Path) -> None:
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_dir() or rel.name in CONTROL and len(rel.parts) == 1:
            continue
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _overlay(case, project)
    command = "build" if (case / "build").exists() else "check"
    args = [sys.executable, "-m", "generator", command, "--root", str(project)]
    if command == "build":
        args.append("--no-handouts")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if (case / "passes").exists():
        assert result.returncode == 0, output
    else:
        assert result.returncode != 0, output
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert line.strip() in output, f"expected {line.strip()!r} in:\n{output}"
