"""On a 375 px phone, every theme page with learning shows its first finding on the first screen.

A practitioner arriving from "I'm worried about domestic abuse" should see learning, not a title,
a description and a list of links. The first finding is the first item of the page's key learning
(the statements drawn from the records at the top), which must begin inside the first 667 px.
"""

from __future__ import annotations

import pytest

from generator.content.project import load_project
from generator.index.themeindex import build_index

from .harness import SCREENSHOTS, page_url

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 375, "height": 667}

FIRST_FINDING = """() => {
  const first = document.querySelector('article .sl-key-learning li');
  if (!first) return null;
  const r = first.getBoundingClientRect();
  return {top: Math.round(r.top + scrollY), text: first.textContent.trim().slice(0, 80),
          page: document.scrollingElement.scrollHeight};
}"""


def _themes_with_learning() -> list[str]:
    from conftest import ROOT

    project, problems = load_project(ROOT)
    assert not problems.errors
    index = build_index(project)
    return [tid for tid, f in index.items() if f.key_messages or f.top_tips]


def test_first_finding_of_every_theme_page_is_on_the_first_screen(open_context) -> None:
    themes = _themes_with_learning()
    assert len(themes) >= 30, "the shipped records should give most themes some learning"
    context = open_context(SMALL_PHONE)
    page = context.new_page()
    late = []
    for tid in themes:
        page.goto(page_url("theme", tid), wait_until="load")
        found = page.evaluate(FIRST_FINDING)
        if found is None:
            late.append(f"{tid}: no key learning at the top of the page")
        elif found["top"] >= SMALL_PHONE["height"]:
            late.append(f"{tid}: the first finding starts {found['top']} px down ({found['text']!r})")
        if tid == "domestic-abuse":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "theme-domestic-abuse-first-screen-375.png"))
    assert not late, "\n".join(late)
