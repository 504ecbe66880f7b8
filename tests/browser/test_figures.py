"""Figures: the SVG cycle and the attendance chart, as the browser draws them with the site's styles.

Each figure must have a title and a description (role="img", aria-labelledby), real text (not
pictures of words), text with 4.5:1 contrast (3:1 when large) and lines with 3:1 against what is
behind them, and a text equivalent (a list or a table) in the figure beside the drawing.

The shipped forum report lost its chart's numbers (the page shows a data slot instead), so the
chart is drawn here from sample numbers into that page, to be checked with the site's real CSS.
"""

from __future__ import annotations

import re

import pytest

from generator.checks.palette import contrast
from generator.content.models.forum import Attendance
from generator.render.svg import attendance_figure

from .harness import AXE_JS, DESKTOP, PHONE, axe_lines, page_url

pytestmark = pytest.mark.browser

FIGURE_FACTS = """(figure) => {
  const svg = figure.querySelector('svg');
  if (!svg) return {svg: false};
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const named = ids.map((id) => document.getElementById(id)).filter(Boolean);
  const paint = (c) => (c && c !== 'none' && !/rgba\\(.*,\\s*0\\)$/.test(c)) ? c : null;
  const behind = (el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    for (const under of document.elementsFromPoint(x, y)) {
      if (under === el || el.contains(under)) continue;
      if (under instanceof SVGGeometryElement && paint(getComputedStyle(under).fill)) return getComputedStyle(under).fill;
      if (!(under instanceof SVGElement)) {
        for (let p = under; p; p = p.parentElement) {
          const c = getComputedStyle(p).backgroundColor;
          const m = c.match(/rgba?\\(([^)]+)\\)/);
          if (m) { const v = m[1].split(',').map(Number); if (v.length < 4 || v[3] > 0.5) return c; }
        }
        return 'rgb(255, 255, 255)';
      }
    }
    return 'rgb(255, 255, 255)';
  };
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].map((t) => {
    const s = getComputedStyle(t);
    return {what: t.textContent.trim(), color: s.fill, behind: behind(t),
            px: parseFloat(s.fontSize) * scale, bold: parseInt(s.fontWeight, 10) >= 700};
  });
  const shapes = [...svg.querySelectorAll('rect, path, line, polyline, polygon, circle, ellipse')]
    .filter((el) => !el.closest('marker'));
  const lines = shapes
    .map((el) => ({what: el.tagName, fill: paint(getComputedStyle(el).fill), stroke: paint(getComputedStyle(el).stroke),
                   behind: behind(el)}))
    .filter((shape) => shape.fill || shape.stroke);
  const equivalent = [...figure.querySelectorAll('ol, ul, table')].filter((el) => !svg.contains(el));
  return {
    svg: true, role: svg.getAttribute('role'),
    names: named.map((el) => [el.tagName.toLowerCase(), el.textContent.trim()]),
    texts, lines,
    equivalent: equivalent.map((el) => el.tagName.toLowerCase()),
    equivalentText: equivalent.map((el) => el.textContent).join(' '),
  };
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", css)[:3])
    return (r / 255, g / 255, b / 255)


def figure_problems(facts: dict, name: str) -> list[str]:
    if not facts["svg"]:
        return [f"{name}: no SVG drawing"]
    problems = []
    if facts["role"] != "img":
        problems.append(f"{name}: the SVG has role={facts['role']!r}, not 'img'")
    tags = dict(facts["names"])
    if not tags.get("title"):
        problems.append(f"{name}: no <title> named by aria-labelledby")
    if not tags.get("desc"):
        problems.append(f"{name}: no <desc> named by aria-labelledby")
    words = [t for t in facts["texts"] if t["what"]]
    if not words:
        problems.append(f"{name}: no real text in the drawing")
    for t in words:
        ratio = contrast(_rgb(t["color"]), _rgb(t["behind"]))
        large = t["px"] >= 24 or (t["bold"] and t["px"] >= 18.66)
        if ratio < (3 if large else 4.5):
            problems.append(f"{name}: text {t['what']!r} is {t['color']} on {t['behind']}, {ratio:.2f}:1")
    for shape in facts["lines"]:  # a shape shows by its outline or by its fill: one must reach 3:1
        paints = [c for c in (shape["stroke"], shape["fill"]) if c]
        best = max(contrast(_rgb(c), _rgb(shape["behind"])) for c in paints)
        if best < 3:
            problems.append(
                f"{name}: a {shape['what']} is drawn {' and '.join(paints)} on {shape['behind']}, {best:.2f}:1 (3:1 needed)"
            )
    if not facts["equivalent"]:
        problems.append(f"{name}: no list or table beside the drawing")
    for t in words:
        if not t["what"].isdigit() and t["what"] not in facts["equivalentText"]:
            problems.append(f"{name}: {t['what']!r} is in the drawing but not in its text equivalent")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_cycle_figure(open_context, viewport) -> None:
    page = open_context(viewport).new_page()
    page.goto(page_url("reflective-model", "reflective-discussions-model"), wait_until="load")
    figures = page.locator("figure:has(svg)")
    assert figures.count() >= 1, "the model page has no drawn figure"
    problems = []
    for i in range(figures.count()):
        problems += figure_problems(figures.nth(i).evaluate(FIGURE_FACTS), f"cycle figure {i + 1}")
    assert not problems, "\n".join(problems)


SAMPLE = Attendance(
    total=102,
    by_agency=[
        {"agency": "Social work", "count": 38},
        {"agency": "Education", "count": 27},
        {"agency": "Health", "count": 21},
        {"agency": "Police", "count": 9},
        {"agency": "Voluntary sector", "count": 7},
    ],
    chart_title="Chart 1: attendance by agency",
)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_attendance_chart(open_context, viewport) -> None:
    context = open_context(viewport)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto(page_url("forum-report", "falkirk-practitioner-forum-2013-03"), wait_until="load")
    slot = page.locator("#attendance-chart")
    assert slot.count() == 1, "the forum report has no attendance figure to replace"
    slot.evaluate("(el, html) => { el.outerHTML = html; }", attendance_figure(SAMPLE))
    figure = page.locator("#attendance-chart")
    problems = figure_problems(figure.evaluate(FIGURE_FACTS), "attendance chart")
    facts = figure.evaluate(FIGURE_FACTS)
    for agency in SAMPLE.by_agency:
        if agency.agency not in facts["equivalentText"] or str(agency.count) not in facts["equivalentText"]:
            problems.append(f"attendance chart: the table lacks {agency.agency} {agency.count}")
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth")
    if overflow:
        problems.append("attendance chart: the page scrolls sideways with the chart in it")
    problems += [line for _, line in axe_lines(page, "forum report with a sample chart")]
    assert not problems, "\n".join(problems)


def test_figure_checks_catch_a_faint_unlabelled_drawing(open_context) -> None:
    page = open_context().new_page()
    page.set_content(
        '<figure><svg viewBox="0 0 100 50" width="200"><text x="5" y="30" fill="#cccccc">Faint</text>'
        '<rect x="1" y="1" width="98" height="48" fill="none" stroke="#eeeeee"/>'
        '<rect x="60" y="10" width="30" height="30" fill="#dddddd"/></svg></figure>'
    )
    problems = "\n".join(figure_problems(page.locator("figure").evaluate(FIGURE_FACTS), "test"))
    for expected in ("role=None", "no <title>", "no <desc>", "text 'Faint'", "a rect is drawn rgb(238, 238, 238)", "a rect is drawn rgb(221, 221, 221)", "no list or table"):
        assert expected in problems
