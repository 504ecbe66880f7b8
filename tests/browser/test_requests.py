"""The built site loads nothing from outside itself: no font service, no remote script, no analytics.

Every page is loaded at two widths (at desktop width left until the network is idle), with every
request recorded and any addressed anywhere but 127.0.0.1 listed (the browser refuses those that would
leave the machine). Searching (the search page's script fetches Pagefind's index in parts) is covered too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .harness import DESKTOP, PHONE, PagePass, chromium_args, chromium_path, guarded_context

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("which", ["desktop_pass", "narrow_pass"])
def test_no_page_requests_anything_from_outside_the_site(which: str, request) -> None:
    result: PagePass = request.getfixturevalue(which)
    assert result.requests >= 3 * len(result.pages)  # each page, its stylesheet and its script at least
    if result.outside:
        pytest.fail("pages requested things from outside the site:\n" + "\n".join(sorted(set(result.outside))), pytrace=False)


def test_no_page_fetches_a_file_that_lists_the_whole_site(desktop_pass: PagePass) -> None:
    """sitemap.xml has a line per page (about 1 MB at 5,000 records): a phone must not fetch it to show a page.
    Material's script does, for each <link rel="alternate"> written exactly so (overrides/main.html)."""
    assert "/" in desktop_pass.fetched and "/feed.xml" not in desktop_pass.fetched
    assert "/sitemap.xml" not in desktop_pass.fetched and "/sitemap.xml.gz" not in desktop_pass.fetched


def test_search_requests_nothing_outside_either(open_context) -> None:
    context = open_context(PHONE)
    page = context.new_page()
    page.goto("", wait_until="networkidle")
    page.locator("a.sl-search-link").first.click()  # the header's search link: the search page
    page.wait_for_function("() => document.documentElement.dataset.slSearch === 'ready'", timeout=15_000)
    before = context.request_count
    page.get_by_label("Words to search for").type("child")
    page.wait_for_function("() => document.querySelectorAll('.sl-search-result__link').length > 0", timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert context.request_count > before  # the index's parts for "child", and its results' fragments
    assert not context.outside.requests, "\n".join(context.outside.requests)


def test_the_guard_refuses_and_lists_outside_requests(browser, base_url) -> None:
    """example.org is pointed at the test server here, so the image would load if the browser did not refuse it."""
    port = urlsplit(base_url).port
    pointed = browser.browser_type.launch(executable_path=chromium_path(), headless=True,
                                          args=[*chromium_args(), f"--host-resolver-rules=MAP example.org:80 127.0.0.1:{port}"])
    try:
        context = guarded_context(pointed, base_url, DESKTOP)
        page = context.new_page()
        page.goto("", wait_until="load")
        urls = ["http://example.org/assets/images/favicon.png", "http://192.0.2.1/assets/images/favicon.png"]
        loaded = page.evaluate("""(urls) => Promise.all(urls.map((url) => new Promise((done) => {
          const i = new Image(); i.onerror = () => done(false); i.onload = () => done(true); i.src = url;
        })))""", urls)
        assert page.evaluate("""() => new Promise((done) => {
          const i = new Image(); i.onerror = () => done(false); i.onload = () => done(true); i.src = '/assets/images/favicon.png?again';
        })""")  # the site's own image loads
        assert loaded == [False, False], "a request to outside the machine was not refused"
        assert sorted(r.split(" → ")[1] for r in context.outside.requests) == sorted(urls)
    finally:
        pointed.close()
