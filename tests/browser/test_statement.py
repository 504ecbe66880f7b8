"""The published accessibility statement says what the test suite really does."""

from __future__ import annotations

import re

import pytest

from .harness import NARROWEST, WCAG_TAGS, axe_version
from .test_keyboard import SAMPLES

pytestmark = pytest.mark.browser


def test_statement_is_published_and_matches_the_tests(open_context, site_dir, site_pages) -> None:
    page = open_context().new_page()
    response = page.goto(SAMPLES["accessibility statement"], wait_until="load")
    assert response is not None and response.ok, "the accessibility statement page is missing"
    text = page.locator("article").inner_text()
    major_minor = ".".join(axe_version().split(".")[:2])
    assert f"axe-core {major_minor}" in text, f"the statement does not name the axe-core version the tests run ({major_minor})"
    assert {"wcag2a", "wcag21aa", "wcag22aa"} <= set(WCAG_TAGS) and "WCAG 2.0, 2.1 and 2.2 at levels A and AA" in text
    assert f"{NARROWEST['width']} pixels wide" in text
    assert "Skip to content" in text and "loads nothing from any other website" in text
    # Every other page links to it (from the navigation).
    statement = SAMPLES["accessibility statement"]
    unlinked = []
    for path in site_pages:
        html = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
        if path != statement and not re.search(r'href="[^"]*accessibility/"', html.read_text(encoding="utf-8")):
            unlinked.append(path)
    assert not unlinked, f"{len(unlinked)} pages do not link to the accessibility statement: {unlinked[:5]}"
