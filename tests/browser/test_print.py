"""Printing a web page from the browser: the print stylesheet hides the site chrome, shows link addresses, A4.

Moved here from test_handouts.py: it shares the session's one Chromium (a second sync Playwright
in the same process fails while the first is running).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import pdf_text

A4 = (595.28, 841.89)


def squash(text: str) -> str:
    """Text without any whitespace or hyphens, so line wrapping does not matter (pdftotext drops a hyphen
    that ends a line, taking it for a word broken there: where a title wraps depends on the fonts installed)."""
    return re.sub(r"[\s\-]+", "", text)


@pytest.mark.browser
def test_web_pages_print_as_content_only_with_link_addresses(browser, built_site: Path, tmp_path: Path) -> None:
    """Chromium's print view of two pages: no site chrome, external links followed by their address, A4."""
    site = built_site / "site"
    pages = {"thematic-reviews/hampshire-thematic-review/index.html": "http://www.hampshiresafeguardingchildrenboard.org.uk",
             "panel-meetings/cheltenham-2013-09-27/index.html": None}
    chrome = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
              ".md-skip", ".headerlink"]
    context = browser.new_context(offline=True)
    page = context.new_page()
    for rel, external in pages.items():
        page.goto((site / rel).as_uri())
        page.emulate_media(media="print")
        shown = page.evaluate(
            """selectors => selectors.flatMap(s => [...document.querySelectorAll(s)])
                .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)""", chrome)
        assert shown == [], f"{rel} prints its {shown}"
        assert page.evaluate("document.querySelectorAll('.md-header, .md-sidebar--primary').length") >= 2
        if external:
            after = page.evaluate(
                "url => getComputedStyle(document.querySelector(`.md-typeset a[href='${url}']`), '::after').content",
                external)
            assert external in after
        pdf = tmp_path / (rel.split("/")[1] + ".pdf")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
        reader = pypdf.PdfReader(pdf)
        assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4, abs=1)
                   for p in reader.pages)
        title = page.evaluate("document.querySelector('.md-typeset h1').innerText").strip()
        assert squash(pdf_text(pdf)).startswith(squash(title)), f"{rel}: something is printed before the title"
    context.close()
