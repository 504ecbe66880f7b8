"""Search works: typing the words of a reflective question, a top tip or a theme finds its page.

The words come from the shipped records themselves, so the test follows the content as it changes.
The search is Pagefind's index (site/pagefind/, made after MkDocs) read by the search page's script in
the browser: nothing is sent anywhere, which the request guard checks too. The filters (type, theme,
year, locality) narrow the results, and no search_index.json (Material's whole-site index) is shipped.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading

import pytest
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.content.project import load_project
from generator.site.search import build_search_index, plan_parts

from .harness import DESKTOP, PHONE, guarded_context, page_url

pytestmark = pytest.mark.browser

COMMON = set("about after also and are been being but can could does for from had has have how into its more not "
             "other over should than that the their them then there these they this those through was were what when "
             "where which while who why will with would you your".split())


def key_words(text: str, n: int = 5) -> str:
    """The first ``n`` distinctive words of a sentence, as someone half-remembering it would type them."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if len(w) > 3 and w.lower() not in COMMON]
    return " ".join(words[:n])


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(ROOT)
    assert not problems.errors, [str(p) for p in problems.errors]
    return project


RESULT_LINKS = ".sl-search-result__link"


def open_search(page) -> None:
    """Go to the search page from the header's search link (as a reader would), and wait until it is ready."""
    page.locator("a.sl-search-link").first.click()
    page.wait_for_function("() => document.documentElement.dataset.slSearch === 'ready'", timeout=15_000)


def search(page, words: str, wanted: tuple[str, ...]) -> list[str]:
    """Type ``words`` into the search page's box; wait until a result links to one of ``wanted``; return the result paths."""
    box = page.get_by_label("Words to search for")
    box.fill("")
    page.wait_for_function(f"() => !document.querySelector('{RESULT_LINKS}')", timeout=5_000)
    box.fill(words[:-1])  # as if pasted, then the last letter typed (a key press, as a person's last one)
    box.press(words[-1])
    try:
        page.wait_for_function(
            """([selector, wanted]) => [...document.querySelectorAll(selector)]
                 .some((a) => wanted.some((w) => new URL(a.href).pathname.startsWith(w)))""",
            arg=[RESULT_LINKS, list(wanted)],
            timeout=15_000,
        )
    except PlaywrightTimeout:
        pass
    page.wait_for_function("() => !/Searching/.test(document.querySelector('[data-sl-search-status]').textContent)")
    return page.eval_on_selector_all(RESULT_LINKS, "(links) => links.map((a) => new URL(a.href).pathname)")


def _cases(project) -> list[tuple[str, str, tuple[str, ...]]]:
    """(what, words typed, pages of which at least one must be listed)."""
    [model] = project.of_kind("reflective-model")
    question = model.record.stages[0].questions[0].text
    tips = [
        (entry, tip.text)
        for entry in project.of_kind("panel-meeting")
        for tip in [*entry.record.top_tips, *(t for theme in entry.record.themes_arising for t in theme.top_tips)]
    ]
    assert tips, "no panel meeting has a top tip to search for"
    meeting, tip = tips[0]
    theme = next(e for e in project.of_kind("theme") if e.id == "domestic-abuse")
    return [
        # The question as a practitioner would type it (its words, without the little ones).
        ("a reflective question", key_words(str(question), 8), (page_url("reflective-model", model.id),)),
        # A tip as remembered in full; the Top tips page publishes every tip too, and links to its meeting.
        ("a top tip", str(tip), (page_url("panel-meeting", meeting.id), "tips/")),
        ("a theme", str(theme.record.title), (page_url("theme", theme.id),)),
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_finds_a_question_a_tip_and_a_theme(open_context, project, viewport) -> None:
    context = open_context(viewport)
    failures = []
    page = context.new_page()
    page.goto("", wait_until="networkidle")
    open_search(page)
    for what, words, wanted in _cases(project):
        targets = tuple("/" + w for w in wanted)
        found = search(page, words, targets)
        if not any(path.startswith(targets) for path in found):
            failures.append(f"searching for {what} ({words!r}) listed none of {targets}; results: {sorted(set(found))[:12]}")
    assert not context.outside.requests, context.outside.requests
    assert not failures, "\n".join(failures)


def test_key_words_skips_the_little_words() -> None:
    assert key_words("What was your understanding of the aim of the child going on to a cp plan?") == (
        "understanding child going plan"
    )
    assert key_words("The cat and the child, the child's story", 5) == "child child's story"


PRACTITIONER_QUERIES = {
    # what a practitioner types: the page that must come first (None: any practitioner page)
    "DA": "themes/domestic-abuse/",
    "domestic violence": "themes/domestic-abuse/",
    "core group": None,
    "chronology": None,
    "neglect": None,
}


def test_practitioner_searches_list_practitioner_pages_first(open_context) -> None:
    """The staff guide is kept out of search: ordinary queries show practitioners' pages first; a theme's
    other names ("DA", "domestic violence") find the theme first."""
    context = open_context(PHONE)
    page = context.new_page()
    page.goto("", wait_until="networkidle")
    open_search(page)
    failures = []
    for words, wanted in PRACTITIONER_QUERIES.items():
        found = search(page, words, ("/" + wanted,) if wanted else ("/themes/",))
        if not found:
            failures.append(f"{words!r}: no results")
            continue
        staff = [path for path in found if path.startswith("/contributing/")]
        if staff:
            failures.append(f"{words!r}: staff pages in the results: {staff}")
        if wanted and found[0] != "/" + wanted:
            failures.append(f"{words!r}: the first result is {found[0]}, not /{wanted}")
    assert not failures, "\n".join(failures)


def test_filters_narrow_the_results_and_are_kept_in_the_address(open_context, project) -> None:
    """Choosing a type (then a year) leaves only results of that type; the choice is in the address, so
    reloading (or sharing the link) shows the same results. Every result is a link to a page of the site."""
    context = open_context(DESKTOP)
    page = context.new_page()
    page.goto("search/?q=child", wait_until="networkidle")
    page.wait_for_function("() => document.documentElement.dataset.slSearch === 'ready'", timeout=15_000)
    everything = page.eval_on_selector_all(RESULT_LINKS, "(links) => links.map((a) => new URL(a.href).pathname)")
    assert len(everything) > 1, everything
    meetings = [page_url("panel-meeting", e.id) for e in project.of_kind("panel-meeting")]
    kinds = page.get_by_label("Type")
    assert "Panel meeting" in kinds.inner_text(), kinds.inner_text()
    kinds.select_option("Panel meeting")
    page.wait_for_function("() => /only Panel meeting/.test(document.querySelector('[data-sl-search-status]').textContent)")
    only = page.eval_on_selector_all(RESULT_LINKS, "(links) => links.map((a) => new URL(a.href).pathname)")
    assert only and len(only) < len(everything), (only, everything)
    assert all(path.lstrip("/") in meetings for path in only), only
    assert "type=Panel+meeting" in page.url and "q=child" in page.url
    page.reload(wait_until="networkidle")
    page.wait_for_function(f"() => document.querySelectorAll('{RESULT_LINKS}').length > 0", timeout=15_000)
    assert page.get_by_label("Type").input_value() == "Panel meeting"
    again = page.eval_on_selector_all(RESULT_LINKS, "(links) => links.map((a) => new URL(a.href).pathname)")
    assert again == only
    year = page.get_by_label("Year")
    years = [v for v in year.evaluate("(s) => [...s.options].map((o) => o.value)") if v]
    assert years == sorted(years, reverse=True) and all(re.fullmatch(r"\d{4}", y) for y in years), years
    assert not context.outside.requests, context.outside.requests


def test_no_whole_site_index_is_shipped(built_site) -> None:
    """Material's search_index.json (the whole site in one file) is gone; Pagefind's index is in parts."""
    site = built_site / "site"
    assert not list(site.rglob("search_index.json"))
    assert (site / "pagefind" / "pagefind.js").is_file()
    fragments = list((site / "pagefind" / "fragment").iterdir())
    assert len(fragments) > 20


def test_a_site_indexed_in_parts_is_searched_as_one(browser, site_dir, project, tmp_path) -> None:
    """A large site's index comes in parts (generator/site/search.py), which the search page merges: the
    question, the tip and the theme are found whichever part holds them, "DA" still lists its theme
    first, and the Type filter counts the pages of every part."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pagefind"))
    marked = sum(part.size for part in plan_parts(copy, budget=10**12))
    build_search_index(copy, budget=marked // 3)
    assert len(json.loads((copy / "pagefind" / "parts.json").read_text())) >= 2
    typed = sum('data-pagefind-filter="type"' in p.read_text(encoding="utf-8") for p in copy.rglob("*.html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(copy)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = guarded_context(browser, f"http://127.0.0.1:{server.server_address[1]}/", DESKTOP)
    try:
        page = context.new_page()
        page.goto("search/", wait_until="networkidle")
        page.wait_for_function("() => document.documentElement.dataset.slSearch === 'ready'", timeout=15_000)
        failures = []
        for what, words, wanted in _cases(project):
            targets = tuple("/" + w for w in wanted)
            if not any(path.startswith(targets) for path in search(page, words, targets)):
                failures.append(f"searching for {what} ({words!r}) listed none of {targets}")
        found = search(page, "DA", ("/themes/domestic-abuse/",))
        if not found or found[0] != "/themes/domestic-abuse/":
            failures.append(f"'DA': the first result is not /themes/domestic-abuse/: {found[:5]}")
        options = page.get_by_label("Type").evaluate("(s) => [...s.options].map((o) => o.textContent)")
        counted = sum(int(n) for n in re.findall(r"\((\d+)\)", " ".join(options)))
        assert counted == typed, (options, typed)
        assert not failures, "\n".join(failures)
        assert not context.outside.requests, context.outside.requests
    finally:
        context.close()
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
