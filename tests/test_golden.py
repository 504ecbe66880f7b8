"""Golden Markdown: the pages generated from the small fixture project, kept in tests/golden/mini/.

A diff of the golden files shows reviewers what a change does to the site. After an intended
change, refresh them with one command: `make golden` (pytest tests/test_golden.py --update-golden).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks.safety import publishable
from generator.content.project import load_project
from generator.render.pagecache import render_pages

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "mini"
GOLDEN = HERE / "golden" / "mini"
OTHERS = ("accessibility.md", "contributing/")
"""Static pages owned and tested by others (the accessibility statement, the staff guide): not golden here."""


def generated() -> dict[str, str]:
    project, problems = load_project(FIXTURE)
    assert not problems.errors, [str(p) for p in problems.errors]
    public, _ = publishable(project)
    return {path: text for path, text in render_pages(public, {}).items() if not path.startswith(OTHERS)}


def test_golden_markdown(request):
    pages = generated()
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip(f"golden files rewritten: {len(pages)} pages in {GOLDEN.relative_to(HERE.parent)}")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` if intended"
    changed = [path for path in pages if pages[path] != expected[path]]
    for path in changed:
        assert pages[path] == expected[path], f"{path} differs from tests/golden/mini/{path}: run `make golden` if intended"


CHILD = """
import json, sys, time
shift = float(sys.argv[1])
if shift:  # a later day: datetime.date.today() reads the clock through time.time
    _clock = time.time
    time.time = lambda: _clock() + shift
sys.path.insert(0, sys.argv[2])
namespace = {}
exec(sys.argv[3], namespace)
sys.stdout.write(json.dumps(namespace["result"]))
"""
"""Runs ``result = ...`` (argv[3]) in a new Python and prints the result as JSON."""

UNLIKE = [("1", "XST-14", 0), ("2", "YST+12", 400 * 86400)]
"""Two processes as unlike as a set's order and today's date can make them: (PYTHONHASHSEED, TZ, clock
shift in seconds). The time zones are 26 hours apart (POSIX rules, no tz database needed), so the
local date always differs; the second process's clock also runs 400 days ahead."""


def in_two_processes(code: str) -> list:
    """``code``'s ``result``, computed in two new processes that differ as UNLIKE says (run side by side)."""
    running = []
    for seed, zone, shift in UNLIKE:
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "PYTHONPATH": str(HERE.parent)}
        env.pop("SOURCE_DATE_EPOCH", None)
        running.append(subprocess.Popen([sys.executable, "-c", CHILD, str(shift), str(HERE), code], env=env,
                                        cwd=HERE.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    return results


def test_golden_output_is_stable():
    """Rendering in two processes with different hash seeds, time zones and days gives the same text
    (no dates of today, no set ordering), and the same text as this process renders."""
    first, second = in_two_processes("from test_golden import generated\nresult = generated()")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    assert first == generated()


def test_the_two_processes_differ_in_set_order_and_today():
    """The check above can fail: a set's order and every way of asking today's date differ between them."""
    first, second = in_two_processes(
        "import datetime, time\n"
        "result = [list({'panel', 'forum', 'review', 'circle', 'tip', 'tool', 'theme', 'model', 'bank', 'question'}),"
        " datetime.date.today().isoformat(), datetime.datetime.now().date().isoformat(), time.strftime('%Y-%m-%d'),"
        " datetime.datetime.fromtimestamp(time.time(), datetime.UTC).date().isoformat()]"
    )
    assert sorted(first[0]) == sorted(second[0]) and first[0] != second[0]
    for asked in range(1, 5):
        assert first[asked] != second[asked], (asked, first[asked])
