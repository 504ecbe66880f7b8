"""The keyboard path, on one page of each type, at desktop and phone widths.

- A skip link is the first Tab stop, can be seen when focused, and moves focus to the main content.
- Every link and control that can be seen is reached by pressing Tab, and Tab never lands on
  something that cannot be seen (a closed menu, an empty search panel).
- Every Tab stop shows a focus indicator that differs from its unfocused look: an outline at
  least 2 px wide with 3:1 contrast against what is behind it (WCAG 2.4.7, 1.4.11).

Where a Tab starts a transition (a link's colour, a permalink fading in, a tooltip sliding), the
focus is judged as a person sees it once the screen is still: the transitions are brought to their
last frame at once (Web Animations' finish()) rather than waited for, which took 60 % of the walk, and a
scroll is waited for only while it moves (a moving scroll fires a scroll event every frame), not for
three still frames after every Tab: the walk of a theme page went from 7.0 to 4.2 s (session 9).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.checks.palette import contrast

from .harness import DESKTOP, PHONE, page_url

pytestmark = pytest.mark.browser

SAMPLES = {
    "home": "",
    "theme": page_url("theme", "domestic-abuse"),
    "model": page_url("reflective-model", "reflective-discussions-model"),
    "panel meeting": page_url("panel-meeting", "cheltenham-2013-09-27"),
    "accessibility statement": "accessibility/",
}
"""One page of each type: the pages practitioners reach most, and the statement itself."""

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

MARK_TABBABLE = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
  const marked = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) continue;
    if (el.matches('input[type=hidden]')) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    el.dataset.kb = String(marked.length);
    marked.push(describe(el));
  }
  return marked;
  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/)[0] : ''} "${text}"`;
  }
}"""

FOCUS_STATE = """async (settle) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (settle) {  // see the end of the transitions started by the focus (a search box opening, a link sliding in)
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (const a of document.getAnimations()) {  // their last frame now rather than after their duration
      try { a.finish(); } catch (endless) { /* an animation that never ends has no last frame */ }
    }
    // and any smooth scrolling stop: a scroll that is still moving fires a scroll event every frame
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    let scrolling = false;
    const moved = () => { scrolling = true; };
    addEventListener('scroll', moved, {capture: true, passive: true});
    try {
      await frame();
      for (let still = 0, last = scrollY, n = 0; scrolling && still < 3 && n < 90; n++) {
        await frame();
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
      }
    } finally {
      removeEventListener('scroll', moved, {capture: true});
    }
  }
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const behind = (node, inset) => {  // an outline drawn inside the element lies on its own background
    for (let p = inset ? node : node.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      const m = c.match(/rgba?\\(([^)]+)\\)/);
      if (m) { const parts = m[1].split(',').map(Number); if (parts.length < 4 || parts[3] > 0.5) return c; }
    }
    return 'rgb(255, 255, 255)';
  };
  return {
    kb: el.dataset.kb ?? null,
    what: `${el.tagName.toLowerCase()}.${(typeof el.className === 'string' ? el.className : '').trim().split(/\\s+/)[0]} "${(el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}"`,
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
    boxShadow: s.boxShadow, behind: behind(el, parseFloat(s.outlineOffset) < 0),
    seen: el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 && r.height > 0,
    moving: document.getAnimations().some((a) => a.playState === 'running'),
    covered: (() => {  // what is drawn over the focused element (the middle of its first line), if anything
      const line = [...el.getClientRects()].find((b) => b.width > 0 && b.bottom > 0 && b.top < innerHeight);
      if (!line) return null;
      const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit === el || el.contains(hit) || (el.labels && [...el.labels].some((l) => l.contains(hit)))) return null;
      return `${hit.tagName.toLowerCase()}.${(typeof hit.className === 'string' ? hit.className : '').trim().split(/\\s+/)[0]}`;
    })(),
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0 && r.height > 0,
    where: `top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)}, left ${Math.round(r.left)}, width ${Math.round(r.width)} in a ${innerWidth}x${innerHeight} window scrolled to ${Math.round(scrollY)}`,
  };
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(x) for x in re.findall(r"[\d.]+", css)[:3])
    return (r / 255, g / 255, b / 255)


def _focus_problems(state: dict) -> list[str]:
    """What is wrong with the focused element's visibility and focus indicator (nothing when all is well)."""
    if state["kb"] is None and not state["seen"]:
        return [f"Tab landed on {state['what']}, which cannot be seen"]
    found = []
    if not state["inView"]:
        found.append(f"{state['what']} has focus but is outside the window ({state['where']})")
    elif state["covered"]:
        found.append(f"{state['what']} has focus but is hidden under {state['covered']} ({state['where']})")
    if state["outlineStyle"] == "none" or state["outlineWidth"] < 2:
        found.append(f"{state['what']} shows no focus outline ({state['outlineStyle']} {state['outlineWidth']}px)")
    else:
        ratio = contrast(_rgb(state["outlineColor"]), _rgb(state["behind"]))
        if ratio < 3:
            found.append(f"{state['what']}'s focus outline {state['outlineColor']} is too faint on {state['behind']} ({ratio:.2f}:1)")
    return found


def _open(open_context, width: str, path: str):
    page = open_context(WIDTHS[width]).new_page()
    response = page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"/{path} did not load"
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", SAMPLES)
def test_skip_link_is_first_and_moves_focus_to_the_main_content(open_context, kind: str, width: str) -> None:
    page = _open(open_context, width, SAMPLES[kind])
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, text: e.textContent.trim(), href: e.getAttribute('href') || ''}; }"
    )
    assert first["tag"] == "A" and re.search(r"skip", first["text"], re.I), f"first Tab stop on /{SAMPLES[kind]} is {first}"
    try:  # the link slides in when focused: wait for it to settle inside the window
        page.wait_for_function(
            """() => { const e = document.activeElement; const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
              return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 0 && s.opacity === '1' && s.visibility === 'visible'; }""",
            timeout=3000,
        )
    except PlaywrightTimeout:
        pytest.fail("the skip link cannot be seen when it has focus")
    fragment = first["href"].split("#", 1)[-1]
    assert fragment, "the skip link does not point into the page"
    page.keyboard.press("Enter")
    after = page.evaluate(
        """(id) => { const target = document.getElementById(decodeURIComponent(id));
          if (!target) return {missing: true};
          const main = target.closest('main, [role=main]');
          return {hash: location.hash, inMain: !!main && !target.closest('.md-sidebar, nav')}; }""",
        fragment,
    )
    assert not after.get("missing"), f"the skip link's target #{fragment} is not on the page"
    assert after["hash"] == f"#{fragment}" and after["inMain"], f"the skip link does not lead into the main content: {after}"
    page.keyboard.press("Tab")
    follows = page.evaluate(
        """(id) => { const target = document.getElementById(decodeURIComponent(id)); const a = document.activeElement;
          if (a === document.body) return 'body';
          const pos = target.compareDocumentPosition(a);
          return (a === target || pos & Node.DOCUMENT_POSITION_FOLLOWING || pos & Node.DOCUMENT_POSITION_CONTAINED_BY) ? 'ok' : a.outerHTML.slice(0, 120); }""",
        fragment,
    )
    assert follows in ("ok", "body"), f"after the skip link, Tab went back before the main content: {follows}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", SAMPLES)
def test_tab_reaches_everything_and_always_shows_where_focus_is(open_context, kind: str, width: str) -> None:
    page = _open(open_context, width, SAMPLES[kind])
    tabbable = page.evaluate(MARK_TABBABLE)
    assert tabbable, "no links or controls found"
    reached: set[str] = set()
    problems: list[str] = []
    for _ in range(len(tabbable) * 2 + 10):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE, False)
        if state is None:  # focus left the page: the cycle is complete
            break
        if state["kb"] is not None and state["kb"] in reached:
            break
        found = _focus_problems(state)
        if found or state["moving"]:  # look again once the screen stops moving, as a person would
            state = page.evaluate(FOCUS_STATE, True) or state
            found = _focus_problems(state)
        problems.extend(found)
        if state["kb"] is not None:
            reached.add(state["kb"])
    missed = [tabbable[int(i)] for i in range(len(tabbable)) if str(i) not in reached]
    if missed:
        problems.append(f"{len(missed)} of {len(tabbable)} links and controls were never reached with Tab: " + "; ".join(missed[:10]))
    assert not problems, f"/{SAMPLES[kind]} at {width} width:\n" + "\n".join(problems)


def test_focus_outline_differs_from_the_unfocused_look(open_context) -> None:
    page = _open(open_context, "desktop", SAMPLES["home"])
    link = page.locator("article a[href]").first
    before = link.evaluate("(e) => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    after = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert before != after, f"a focused link looks the same as an unfocused one ({before})"


def test_phone_menu_opens_and_closes_from_the_keyboard(open_context) -> None:
    page = _open(open_context, "phone", SAMPLES["theme"])
    button = page.locator('.md-header [for="__drawer"]')
    drawer = page.locator(".md-sidebar--primary")
    assert button.get_attribute("role") == "button" and button.get_attribute("aria-label"), "the menu button has no role or name"
    assert button.get_attribute("aria-expanded") == "false"
    assert not drawer.evaluate("(e) => e.checkVisibility({visibilityProperty: true})"), "the closed menu can be tabbed into"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('for') === '__drawer'"):
            break
    else:
        pytest.fail("Tab never reaches the menu button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null", timeout=3000)
    assert button.get_attribute("aria-expanded") == "true"
    assert drawer.evaluate("(e) => e.checkVisibility({visibilityProperty: true})")
    links = drawer.evaluate("(e) => [...e.querySelectorAll('a[href]')].filter((a) => a.checkVisibility({visibilityProperty: true})).length")
    assert links >= 3, "the open menu shows fewer than three links"
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.getAttribute('for') === '__drawer'", timeout=3000)
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press(" ")
    page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=3000)


@pytest.mark.parametrize(("kind", "width"), [("theme", "desktop"), ("model", "phone")])
def test_shift_tab_back_up_the_page_keeps_focus_in_sight(open_context, kind: str, width: str) -> None:
    """Going backwards, each link scrolls in at the top edge: it must not end up under the sticky header."""
    page = _open(open_context, width, SAMPLES[kind])
    page.evaluate(MARK_TABBABLE)
    page.locator("footer a[href]").last.focus()
    problems: list[str] = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(FOCUS_STATE, False)
        if state is None:
            break
        found = _focus_problems(state)
        if found or state["moving"]:
            state = page.evaluate(FOCUS_STATE, True) or state
            found = _focus_problems(state)
        problems.extend(found)
    assert not problems, f"/{SAMPLES[kind]} at {width} width, going backwards:\n" + "\n".join(problems)


def test_the_focus_check_looks_again_once_a_smooth_scroll_has_stopped(open_context) -> None:
    """The second look (settle) waits for a scroll still moving: read at once, the link is still below the window."""
    filler = "<p>Filler line.</p>" * 400
    page = open_context(DESKTOP).new_page()
    page.set_content(f"<html lang='en' style='scroll-behavior: smooth'><title>t</title><a href='#a'>first</a>{filler}"
                     "<a href='#b' style='outline: 3px solid #000'>far down</a>" + filler[:2000] + "</html>")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    at_once = page.evaluate(FOCUS_STATE, False)
    settled = page.evaluate(FOCUS_STATE, True)
    assert at_once["what"] == settled["what"] == 'a. "far down"'
    assert not at_once["inView"] and any("outside the window" in p for p in _focus_problems(at_once))
    assert settled["inView"] and _focus_problems(settled) == []
