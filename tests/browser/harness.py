"""What the browser tests share: Chromium, viewports, the request guard, and the page checks' scripts.

Fixtures live in conftest.py; this module holds plain functions and constants so that test
files can import them.
"""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from conftest import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

_REFUSER = socket.socket()
_REFUSER.bind(("127.0.0.1", 0))  # bound and never listening: every connection to it is refused at once


def chromium_args() -> list[str]:
    """Chromium's switches for the tests: CHROMIUM_ARGS, and every request that would leave the machine sent to
    a proxy that refuses it (Chromium never sends 127.0.0.1 and localhost through a proxy, so the site is
    reached directly). Refusing in the browser, rather than in a route handler that Playwright calls for every
    request, keeps the browser's cache on and costs no round trip to Python: the visit to every page takes
    half the time (14 s against 25 s for the shipped site's 151 pages, measured in session 8)."""
    return [*CHROMIUM_ARGS, f"--proxy-server=http://127.0.0.1:{_REFUSER.getsockname()[1]}"]


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NARROWEST = {"width": 320, "height": 640}
"""WCAG 1.4.10 reflow: content must fit 320 CSS px without scrolling sideways (Material's phone layout)."""

SCREENSHOTS = ROOT / "build" / "screenshots"
"""Where the screenshots go for people to look at (build/ is git-ignored)."""

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
"""axe-core as shipped in the axe-playwright-python package (no download at test time)."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
"""The axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA."""


def axe_version() -> str:
    """'4.12.1', from the banner of axe.min.js."""
    return AXE_JS.read_text(encoding="utf-8")[:200].split("axe v", 1)[1].split()[0]


def chromium_path() -> str:
    """Debian's Chromium, or a failure telling the reader how to install it (never a skip)."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        pytest.fail(
            "Chromium is not installed, so the browser tests cannot run. Run `make test` (it installs "
            "Debian's chromium package with tools/system-deps.sh), or: sudo apt-get install chromium",
            pytrace=False,
        )
    return found


def page_url(kind: str, record_id: str) -> str:
    """The site path of a record's page, from the generator's own URL scheme."""
    from generator.index.themeindex import page_path

    return page_path(kind, record_id).removesuffix(".md") + "/"


@dataclass
class Outside:
    """Requests addressed anywhere but the local server, listed here (those that would leave the machine are
    refused by the browser, see chromium_args)."""

    requests: list[str] = field(default_factory=list)
    """'page → URL' for every such request."""


def guarded_context(browser, base_url: str, viewport: dict[str, int], **options):
    """A browser context on the local site in which every request elsewhere is refused and recorded.

    The browser (launched with ``chromium_args()``) refuses every request that would leave the machine;
    the context records every request its pages and their workers make (Playwright's request events, which
    include those answered from the browser's cache), so the count covers stylesheets, scripts, fonts,
    images, the search's index and anything a script adds, and lists each one addressed elsewhere.
    """
    context = browser.new_context(viewport=viewport, base_url=base_url, **options)
    local = urlsplit(base_url).netloc
    context.outside = Outside()
    context.request_count = 0
    context.fetched = set()

    def record(request) -> None:
        context.request_count += 1
        url = request.url
        context.fetched.add(urlsplit(url).path)
        if url.split(":", 1)[0] in ("data", "blob", "about") or urlsplit(url).netloc == local:
            return
        try:
            origin = request.frame.url
        except Exception:  # a worker's request has no frame
            origin = "(worker)"
        context.outside.requests.append(f"{origin} → {url}")

    context.on("request", record)
    return context


RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""
"""Runs axe-core (injected into every page of the context) with the WCAG A and AA rules."""


def axe_lines(page, path: str) -> list[tuple[str, str]]:
    """(rule, 'page rule (impact) selector summary') for every axe violation on the loaded page."""
    found = []
    for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())[:260]
            found.append((violation["id"], f"/{path}  {violation['id']} ({violation['impact']})  {node['target']}  {summary}"))
    return found


OVERFLOW = """() => {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 0.5 && !scrolls(el);
  });
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return {
    scrollWidth: root.scrollWidth, clientWidth: width,
    culprits: innermost.slice(0, 5).map((el) =>
      `${name(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)} px: "${(el.textContent || '').trim().slice(0, 50)}")`),
  };
}"""
"""None when the page fits its window; otherwise its width and the elements sticking out."""


@dataclass
class PagePass:
    """What one visit to every page of the site found at one window size."""

    viewport: dict[str, int]
    pages: list[str] = field(default_factory=list)
    """Every page visited, as a site path."""
    axe: list[tuple[str, str]] = field(default_factory=list)
    """(rule, description) for every axe violation."""
    axe_pages: list[str] = field(default_factory=list)
    """The pages axe was run on."""
    overflow: list[str] = field(default_factory=list)
    """Pages wider than the window, with the elements sticking out."""
    outside: list[str] = field(default_factory=list)
    """Requests that tried to leave the site."""
    requests: int = 0
    """How many requests the guard saw (all of them, local or not)."""
    fetched: set[str] = field(default_factory=set)
    """The path of every address requested."""
    failed_loads: list[str] = field(default_factory=list)
    """Pages that did not load with status 200."""


def one_page_per_type(site_dir: Path, pages: list[str]) -> list[str]:
    """The largest page of each type: 'themes/' (the A–Z), 'themes/*' (a theme), 'about/', and so on.

    Pages of one type come from one template, so the layout-dependent rules (contrast, target size,
    reflow) meet the same elements on each; the largest page has the most of them.
    """
    chosen: dict[str, tuple[int, str]] = {}
    for path in pages:
        parts = path.strip("/").split("/")
        kind = parts[0] + ("/*" if len(parts) > 1 else "")
        html = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
        size = html.stat().st_size
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    return sorted(path for _, path in chosen.values())


def visit_every_page(browser, base_url: str, pages: list[str], viewport: dict[str, int],
                     axe_on: list[str] | None = None, settle: bool = False) -> PagePass:
    """Load every page once in one context: run axe, measure the width, and guard the requests.

    ``axe_on`` limits axe to those pages (default: every page). With ``settle``, each page is
    also left until the network is idle, so late requests (web fonts, beacons) meet the guard too: the pages
    then take turns in two tabs, and a page is left to settle while the next one is checked in the other tab
    (its idle wait, half a second after its last request, then costs nothing), and waited for before its
    tab loads another page.
    """
    context = guarded_context(browser, base_url, viewport)
    context.add_init_script(path=str(AXE_JS))
    tabs = [context.new_page() for _ in range(2 if settle else 1)]
    settling = None
    """The page left to settle in the other tab (with ``settle``)."""
    result = PagePass(viewport=viewport)
    try:
        for n, path in enumerate(pages):
            page = tabs[n % len(tabs)]
            if settling is page:  # only after a page that did not load: its tab's page has not been waited for
                settling.wait_for_load_state("networkidle")
                settling = None
            response = page.goto(path, wait_until="load")
            if response is None or response.status != 200:
                result.failed_loads.append(f"/{path}: {response.status if response else 'no response'}")
                continue
            result.pages.append(path)
            if axe_on is None or path in axe_on:
                result.axe.extend(axe_lines(page, path))
                result.axe_pages.append(path)
            wide = page.evaluate(OVERFLOW)
            if wide:
                result.overflow.append(
                    f"/{path}: {wide['scrollWidth']} px wide in a {wide['clientWidth']} px window; " + "; ".join(wide["culprits"])
                )
            if settle:
                if settling is not None:
                    settling.wait_for_load_state("networkidle")
                settling = page
        if settling is not None:
            settling.wait_for_load_state("networkidle")
    finally:
        result.outside = list(context.outside.requests)
        result.requests = context.request_count
        result.fetched = set(context.fetched)
        context.close()
    return result
