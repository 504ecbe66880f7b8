"""The benchmark's search and memory figures (used by generator/tools/bench.py).

- ``ProcessTreeMemory``: the peak resident memory of the build and every process it starts, each
  measured on its own (a forked child's ``ru_maxrss`` starts from its parent's, so it cannot be read
  from getrusage): /proc/<pid>/status is polled every few milliseconds for the whole process tree,
  giving each process's own peak (VmHWM) and the peak of their sum (VmRSS added up at each poll).
- ``search_bytes``: what a reader's browser fetches for one search in headless Chromium (empty cache):
  the search page, then one query typed, until its first 5 results are shown. The search's own bytes
  (Pagefind's files and the search page's script) are told apart from the page's (the theme's
  stylesheet and script, which any page of the site loads); against the size of the whole index.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import statistics
import threading
import time
from pathlib import Path

QUERIES = ("neglect", "core group", "child protection plan", "chronology")
"""Searches a practitioner might make; the synthetic corpus uses these words."""

_FIELD = re.compile(rb"(VmHWM|VmRSS):\s+(\d+) kB")


def _status(pid: int) -> dict[str, int] | None:
    try:
        raw = Path(f"/proc/{pid}/status").read_bytes()
    except OSError:
        return None
    return {name.decode(): int(kb) for name, kb in _FIELD.findall(raw)}


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (the kernel's list per thread): no walk over all of /proc."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return found


def _name(pid: int) -> str:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(w.decode(errors="replace") for w in words if w)
    for label in ("mkdocs", "pagefind", "generator.tools.bench", "multiprocessing", "chromium"):
        if label in text:
            return label
    return Path(words[0].decode(errors="replace")).name if words and words[0] else "?"


class ProcessTreeMemory:
    """Poll the memory of this process and all its descendants until ``stop()``; MB figures."""

    def __init__(self, every: float = 0.05):
        self.every = every
        self.root = os.getpid()
        self.own_peak: dict[int, tuple[str, int]] = {}
        """pid → (what it runs, its own peak kB)."""
        self.together_kb = 0
        self._cpu = 0.0
        self.cpu_seconds = 0.0
        """CPU time the polling took (in this process: subtracted from the build's by the benchmark)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="memory-sampler", daemon=True)

    def start(self) -> ProcessTreeMemory:
        self._thread.start()
        return self

    def _poll(self) -> None:
        started = time.thread_time()
        while not self._stop.is_set():
            self._cpu = time.thread_time() - started
            pending, total = [self.root], 0
            while pending:
                pid = pending.pop()
                pending.extend(_children(pid))
                found = _status(pid)
                if not found:
                    continue
                total += found.get("VmRSS", 0)
                # Read what it runs at every poll: a process seen between its fork and its exec still shows
                # its parent's command line and memory; after the exec it is a new program with a new peak.
                name, peak = self.own_peak.get(pid) or ("", 0)
                now = _name(pid)
                if now != name:
                    name, peak = now, 0
                self.own_peak[pid] = (name, max(peak, found.get("VmHWM", 0)))
            self.together_kb = max(self.together_kb, total)
            self._stop.wait(self.every)

    def stop(self) -> dict:
        """Stop polling; the peak of all processes together and each kind of process's largest own peak."""
        self._stop.set()
        self._thread.join()
        self.cpu_seconds = self._cpu
        by_kind: dict[str, float] = {}
        for name, peak in self.own_peak.values():
            by_kind[name] = max(by_kind.get(name, 0.0), peak / 1024)
        return {"all_processes_mb": self.together_kb / 1024, "own_peak_mb": by_kind,
                "processes": len(self.own_peak), "cpu_seconds": self.cpu_seconds}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the benchmark prints its figures, not every request
        pass


def _serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def search_bytes(site: Path, queries: tuple[str, ...] = QUERIES) -> dict:
    """Bytes fetched by a fresh browser (empty cache) for the search page and one query, per query.

    Measured in a thread of its own: Playwright's sync API refuses to start in a thread where another
    Playwright (a test session's browser, say) already runs its event loop."""
    outcome: dict = {}

    def measure() -> None:
        try:
            outcome["result"] = _search_bytes(site, queries)
        except BaseException as exc:  # raised again in the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=measure, name="bench-search")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _search_bytes(site: Path, queries: tuple[str, ...]) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    server = _serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    per_query: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium if Path(chromium).exists() else None,
                                        args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda r, f=fetched: f.append((r.url, r.sizes()["responseBodySize"])))
                t = time.perf_counter()
                page.goto(base + "search/", wait_until="load")
                page.wait_for_function("() => document.documentElement.dataset.slSearch === 'ready'", timeout=60_000)
                loaded = sum(size for _, size in fetched)
                page.get_by_label("Words to search for").fill(query)
                page.wait_for_function("() => /result/.test(document.querySelector('[data-sl-search-status]').textContent)",
                                       timeout=60_000)
                page.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - t
                results = page.locator(".sl-search-result").count()
                total = sum(size for _, size in fetched)
                own = sum(size for url, size in fetched if "/pagefind/" in url or url.endswith("/search.js"))
                largest = sorted(fetched, key=lambda f: -f[1])[:5]
                per_query.append({"query": query, "search_bytes": own, "all_bytes": total, "page_load_bytes": loaded,
                                  "results_shown": results, "requests": len(fetched), "seconds": seconds,
                                  "largest": [(url.removeprefix(base), size) for url, size in largest]})
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"queries": per_query,
            # the search's own bytes: Pagefind's script, its WebAssembly, the index parts and result
            # fragments the query needs, and the search page's script
            "max_kb": max(q["search_bytes"] for q in per_query) / 1024,
            "median_kb": statistics.median(q["search_bytes"] for q in per_query) / 1024,
            # everything the visit fetched on an empty cache: the search page with the theme's
            # stylesheets and script (which every page loads) included
            "max_all_kb": max(q["all_bytes"] for q in per_query) / 1024,
            "index_mb": sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 1_048_576}
