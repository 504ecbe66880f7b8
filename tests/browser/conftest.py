"""The browser harness: the built site served on 127.0.0.1 and driven by Debian's Chromium.

One browser for the whole session. Every page of the site is visited twice in all, once at
desktop width and once at 320 px (Material's phone layout, and WCAG's reflow width); each visit
measures the page's width and guards its requests, and runs axe (on every page at desktop
width, on the largest page of each type at 320 px); the tests assert on what the visits found. Tests of single pages (keyboard, search, screenshots) open their own context.
The browser refuses every request that would leave the machine, and every context lists the requests
addressed anywhere but the local server.

Chromium is the Debian package (``make test`` installs it with tools/system-deps.sh); Playwright
never downloads a browser. If Chromium is missing the tests fail with the command to run.

To test a site already built elsewhere (quicker while fixing a stylesheet), set
``BROWSER_TEST_SITE=/path/to/site``; otherwise the shipped content is built once per session.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import (
    DESKTOP,
    NARROWEST,
    PagePass,
    chromium_args,
    chromium_path,
    guarded_context,
    one_page_per_type,
    visit_every_page,
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A page the browser left before it finished loading (a cancelled request) is not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The built site to test."""
    override = os.environ.get("BROWSER_TEST_SITE")
    if override:
        path = Path(override).resolve()
        assert (path / "index.html").is_file(), f"BROWSER_TEST_SITE={override} has no index.html"
        return path
    return request.getfixturevalue("built_site") / "site"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The site served by a threaded http.server on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=chromium_args())
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a path from the site's top ('' is the home page)."""
    pages = [p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in sorted(site_dir.rglob("*.html"))]
    assert "" in pages, f"{site_dir} has no home page"
    return pages


@pytest.fixture(scope="session")
def desktop_pass(browser, base_url, site_pages) -> PagePass:
    """Every page visited at 1280 px: axe, width, requests (waiting for late ones)."""
    return visit_every_page(browser, base_url, site_pages, DESKTOP, settle=True)


@pytest.fixture(scope="session")
def narrow_pass(browser, base_url, site_dir, site_pages) -> PagePass:
    """Every page visited at 320 px (width, requests), and axe on the largest page of each type.

    axe's contrast rule costs about a second a page on two cores: running it on every page at
    both widths would double the suite's time for no new finding, since pages of one type share
    a template and so a layout.
    """
    return visit_every_page(browser, base_url, site_pages, NARROWEST, axe_on=one_page_per_type(site_dir, site_pages))


@pytest.fixture
def open_context(browser, base_url):
    """Make a guarded browser context at a viewport size (closed after the test)."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP, **options):
        context = guarded_context(browser, base_url, viewport, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
