"""axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on every page of the built site: zero violations.

Every page is checked at desktop width; at 320 px, where Material shows its phone layout (a
different header, the menu in a drawer), the largest page of each type is checked. All violations are collected and reported together,
each with its page and the selector of the element at fault, after a count by rule.
"""

from __future__ import annotations

from collections import Counter

import pytest

from .harness import AXE_JS, WCAG_TAGS, PagePass, axe_lines

pytestmark = pytest.mark.browser


def _report(result: PagePass) -> str:
    by_rule = Counter(rule for rule, _ in result.axe)
    counts = ", ".join(f"{rule}: {n}" for rule, n in by_rule.most_common())
    lines = [line for _, line in result.axe]
    more = f"\n… and {len(lines) - 300} more" if len(lines) > 300 else ""
    return (
        f"axe found {len(lines)} violations on {len(result.axe_pages)} pages at {result.viewport['width']} px "
        f"({counts}):\n" + "\n".join(lines[:300]) + more
    )


def test_every_page_loads(desktop_pass: PagePass, site_pages: list[str]) -> None:
    assert not desktop_pass.failed_loads
    assert desktop_pass.pages == site_pages


def test_no_axe_violations_at_desktop_width(desktop_pass: PagePass) -> None:
    assert desktop_pass.axe_pages == desktop_pass.pages
    if desktop_pass.axe:
        pytest.fail(_report(desktop_pass), pytrace=False)


def test_no_axe_violations_at_phone_width(narrow_pass: PagePass) -> None:
    assert not narrow_pass.failed_loads
    assert "" in narrow_pass.axe_pages and len(narrow_pass.axe_pages) >= 5
    if narrow_pass.axe:
        pytest.fail(_report(narrow_pass), pytrace=False)


def test_axe_reports_known_faults(open_context) -> None:
    """Guard against a silent no-op: on a page with known faults, the same call must report them."""
    context = open_context()
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto("", wait_until="load")
    page.set_content(
        '<html><body><main><img src="data:,"><p style="color:#bbb;background:#fff">faint</p>'
        '<a href="#x"></a></main></body></html>'
    )
    page.add_script_tag(path=str(AXE_JS))
    found = {rule for rule, _ in axe_lines(page, "test")}
    assert {"image-alt", "color-contrast", "link-name", "html-has-lang"} <= found
    assert WCAG_TAGS[-1] == "wcag22aa"
