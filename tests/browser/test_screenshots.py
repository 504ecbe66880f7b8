"""Screenshots for people to look at: four pages practitioners use most, on a phone and a desktop.

Written to build/screenshots/ (not committed) as PAGE-WIDTH.png, the whole page top to bottom.
The test also checks what a practitioner sees first on a phone: the page's title inside the first
screen, body text at least 16 px, and nothing wider than the screen.
"""

from __future__ import annotations

import pytest

from .harness import DESKTOP, PHONE, SCREENSHOTS, page_url

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "theme-domestic-abuse": page_url("theme", "domestic-abuse"),
    "model": page_url("reflective-model", "reflective-discussions-model"),
    "panel-meeting": page_url("panel-meeting", "cheltenham-2013-09-27"),
}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

FIRST_SCREEN = """() => {
  const h1 = document.querySelector('article h1, .md-content h1');
  const r = h1 ? h1.getBoundingClientRect() : null;
  const sizes = new Map();  // the body text's size: the size most of the words are in
  for (const el of document.querySelectorAll('article p, article li')) {
    const px = parseFloat(getComputedStyle(el).fontSize);
    sizes.set(px, (sizes.get(px) || 0) + el.textContent.length);
  }
  const body = [...sizes].sort((a, b) => b[1] - a[1])[0];
  return {
    title: h1 ? h1.textContent.trim() : null,
    titleInFirstScreen: !!r && r.top >= 0 && r.bottom <= innerHeight,
    bodyPx: body ? body[0] : null,
    fits: document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_pages_practitioners_use_most(open_context, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = open_context(SIZES[size])
    page = context.new_page()
    problems = []
    for name, path in PAGES.items():
        response = page.goto(path, wait_until="networkidle")
        assert response is not None and response.ok, f"/{path} did not load"
        seen = page.evaluate(FIRST_SCREEN)
        if not seen["titleInFirstScreen"]:
            problems.append(f"/{path}: the page title is not on the first screen at {size} width")
        if seen["bodyPx"] is not None and seen["bodyPx"] < 16:
            problems.append(f"/{path}: body text is {seen['bodyPx']} px at {size} width (at least 16 px wanted)")
        if not seen["fits"]:
            problems.append(f"/{path}: the page is wider than the screen at {size} width")
        shot = SCREENSHOTS / f"{name}-{size}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000, f"{shot} is suspiciously small"
    assert not context.outside.requests, context.outside.requests
    assert not problems, "\n".join(problems)
