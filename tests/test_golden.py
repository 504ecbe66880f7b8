"""Golden Markdown: the pages generated from the small fixture project, kept in tests/golden/mini/.

A diff of the golden files shows reviewers what a change does to the site. After an intended
change, refresh them with one command: `make golden` (pytest tests/test_golden.py --update-golden).
"""

from __future__ import annotations

import shutil
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


def test_golden_output_is_stable():
    """Rendering twice gives the same text (no dates of today, no set ordering)."""
    assert generated() == generated()
