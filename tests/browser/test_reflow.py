"""WCAG 1.4.10 reflow: every page fits 320 CSS px without scrolling sideways.

Wide tables may scroll inside their own box (Material wraps them); the page itself may not.
When a page overflows, the message names the elements that stick out.
"""

from __future__ import annotations

import pytest

from .harness import NARROWEST, OVERFLOW, PagePass

pytestmark = pytest.mark.browser


def test_every_page_fits_320_px_without_sideways_scrolling(narrow_pass: PagePass) -> None:
    assert narrow_pass.viewport == NARROWEST and narrow_pass.pages
    if narrow_pass.overflow:
        pytest.fail(
            f"{len(narrow_pass.overflow)} of {len(narrow_pass.pages)} pages scroll sideways at 320 px:\n"
            + "\n".join(narrow_pass.overflow),
            pytrace=False,
        )


def test_the_overflow_check_can_fail(open_context) -> None:
    page = open_context(NARROWEST).new_page()
    page.set_content('<html><body><p style="width:600px">too wide</p></body></html>')
    result = page.evaluate(OVERFLOW)
    assert result and result["scrollWidth"] >= 600 and result["culprits"][0].startswith("p ")
