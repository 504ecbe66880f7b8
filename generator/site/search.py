"""Stage: site. The search index: Pagefind, run over the HTML site once MkDocs has written it.

Pagefind (pagefind.app, installed from PyPI with its prebuilt binary) reads the built pages and
writes ``pagefind/`` inside the site: the index in small parts, the search page's script and its
stylesheet. A reader's browser fetches only the parts a query needs, never the whole index.

What is indexed is decided in the page template (overrides/main.html): only a page's main content
(``data-pagefind-body``), never the staff guide, a theme page by its name, description and the other
words people use for it (its findings are published, and found, on their own pages); filters for
record type, theme, year and locality. Like MkDocs, Pagefind runs as a separate program, so its
memory is its own and is handed back when it ends.

Pagefind holds every word of every page it indexes until it writes the index (about 190 bytes of
memory per word indexed: 2.3 GB for 10,000 pages of the benchmark's records), and no option of its
own bounds that. So a large site is indexed in parts: the marked pages are shared out so that each
part holds about ``PART_BUDGET`` bytes of page at most (see ``plan_parts``), and each part is indexed
by a Pagefind run of its own, one after the other, into a bundle of its own (the first in
``pagefind/``, the others in ``pagefind/part-2/``, …, listed in ``pagefind/parts.json``). The
search page merges them in the browser (Pagefind's ``mergeIndex``): one search, one list of results.
A query fetches about the same bytes of word lists whatever the number of parts (a word's pages
are shared out between them), plus a few small files and the edges of the word lists per part.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.problems import GeneratorError, Problems

BUNDLE = "pagefind"
"""The folder inside the site that Pagefind writes (the search page loads its script from there)."""

PARTS_FILE = "parts.json"
"""In the bundle: the folders of the other parts' bundles, relative to it (``[]`` for a site in one part)."""

FILTERS_FILE = "filters.json"
"""In the bundle: each filter's values and how many pages have each, for the search page's lists. Pagefind
would give the same from its filter files, but only by fetching all of them (every part's) before the
first search (this saved 9 KB of the worst query at 1,000 records, 53 KB at 5,000); this is 2 KB. A
search with a filter chosen fetches that filter's files only."""

PART_BUDGET = 40_000_000
"""About the most bytes of marked page (from the ``data-pagefind-body`` mark to the end of the file) that
one Pagefind run indexes: Pagefind takes about 19 bytes of memory for each, so about 750 MB at most
(see README, Performance). The shipped site and 1,000 benchmark records (24 MB) are one part."""

TOGETHER = "themes/"
"""Pages indexed in one part whatever the site's size: the theme pages, which a search for a theme's name
or other names must list in the order one index would (they are small: their names and descriptions)."""

MARK = b"data-pagefind-body"
"""What the page template writes on the part of a page that search indexes (overrides/main.html)."""

EXCLUDED = ".headerlink, .sl-crumbs, .md-source-file, .md-content__button"
"""Parts of a page that are not its text: the ¶ links beside headings, the "you are here" trail, the
page's dates line and its buttons."""

UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the site does not use (its search page has its own,
assets/javascripts/search.js): removed, so that the site ships only what it loads."""

SHARED = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind")
"""The search's program, which the first part's bundle holds for all: removed from the other parts."""

_PAGES = re.compile(r"Indexed (\d+) pages?")
_FILTER = re.compile(rb'data-pagefind-filter="([^"]+)"[^>]*>([^<]*)<')


@dataclass
class Part:
    """Pages indexed together by one Pagefind run."""

    pages: list[str] = field(default_factory=list)
    """The pages' files, relative to the site, in address order."""
    size: int = 0
    """Bytes of marked page in the part."""


def filter_counts(marked: bytes, counts: dict[str, dict[str, int]]) -> None:
    """Add a page's filter values (from its marked part) to ``counts``: filter → value → pages."""
    seen = set()
    for name, value in _FILTER.findall(marked):
        key = (name.decode("utf-8"), " ".join(html.unescape(value.decode("utf-8")).split()))
        if key[1] and key not in seen:
            seen.add(key)
            values = counts.setdefault(key[0], {})
            values[key[1]] = values.get(key[1], 0) + 1


def plan_parts(site_dir: Path, budget: int = PART_BUDGET, counts: dict | None = None) -> list[Part]:
    """The marked pages of ``site_dir`` shared out into as few parts as hold at most about ``budget``
    bytes of marked page each. Pages without the mark are left out: Pagefind would not index them either.

    The pages are dealt out in address order, each to the part that holds the fewest bytes so far, so that
    every part is a sample of the whole site (each kind of page, old and new) rather than a run of one
    folder: Pagefind ranks each part's results by that part's own statistics (how many of its pages
    have a word, how long they are), and alike parts give scores that compare, so the merged results
    come out in about the order one index would give. The theme pages (``TOGETHER``) all go in the first
    part, so that they rank among themselves exactly as in one index ("DA" lists Domestic abuse before
    Assessment, whose other names include "DASH"). With ``counts``, the pages' filter values are counted
    into it (filter → value → pages)."""
    pages: list[tuple[str, int]] = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == BUNDLE:
            continue
        data = path.read_bytes()
        start = data.find(MARK)
        if start >= 0:
            pages.append((rel.as_posix(), len(data) - start))
            if counts is not None:
                filter_counts(data[start:], counts)
    if not pages:
        return []
    parts = [Part() for _ in range(max(1, -(-sum(size for _, size in pages) // budget)))]
    for rel, size in sorted(pages, key=lambda page: not page[0].startswith(TOGETHER)):  # stable: in address order
        part = parts[0] if rel.startswith(TOGETHER) else min(parts, key=lambda p: p.size)  # the first of the least full
        part.pages.append(rel)
        part.size += size
    return [part for part in parts if part.pages]


def pagefind_command(site_dir: Path, output: str = BUNDLE, into_site: bool = True) -> list[str]:
    """The command that indexes ``site_dir`` into ``output`` (inside the site when ``into_site``,
    otherwise a path of its own); quiet: only warnings and errors are printed."""
    where = ["--output-subdir", output] if into_site else ["--output-path", output]
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *where,
            "--force-language", "en", "--exclude-selectors", EXCLUDED]


def part_folder(number: int) -> str:
    """The folder of part ``number``'s bundle inside the first part's (part 1 is the bundle itself)."""
    return f"part-{number}"


def build_search_index(site_dir: Path, budget: int = PART_BUDGET) -> int:
    """Index the built site in ``site_dir``; return the number of pages indexed.

    A site of more than ``budget`` bytes of marked page is indexed in parts (see the module's
    description). Raises GeneratorError (nothing is published) when Pagefind fails or indexes no page
    at all, which would leave the site with a search that finds nothing.
    """
    site_dir = Path(site_dir).resolve()
    counts: dict[str, dict[str, int]] = {}
    parts = plan_parts(site_dir, budget, counts)
    if len(parts) <= 1:  # the whole site in one run: nothing to copy
        pages = _run(pagefind_command(site_dir), site_dir, site_dir / BUNDLE)
    else:
        pages = 0
        for number, part in enumerate(parts, start=1):
            output = site_dir / BUNDLE if number == 1 else site_dir / BUNDLE / part_folder(number)
            with _only(site_dir, part.pages) as pages_of_part:
                pages += _run(pagefind_command(pages_of_part, str(output), into_site=False), site_dir, output)
            if number > 1:
                for name in SHARED:
                    (output / name).unlink(missing_ok=True)
    bundle = site_dir / BUNDLE
    for name in UNUSED:
        for found in [bundle / name, *(bundle / part_folder(n) / name for n in range(2, len(parts) + 1))]:
            found.unlink(missing_ok=True)
    (bundle / FILTERS_FILE).write_text(json.dumps({name: dict(sorted(values.items())) for name, values in sorted(counts.items())},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    (bundle / PARTS_FILE).write_text(json.dumps([part_folder(n) + "/" for n in range(2, len(parts) + 1)]) + "\n",
                                     encoding="utf-8")
    return pages


class _only:
    """A folder beside the site holding only ``pages`` (hard links, copies where links are refused), at
    their places in the site, so that Pagefind gives each its own address; removed afterwards."""

    def __init__(self, site_dir: Path, pages: list[str]):
        self.site_dir, self.pages = site_dir, pages
        self.folder: Path | None = None

    def __enter__(self) -> Path:
        self.folder = Path(tempfile.mkdtemp(prefix=".search-part-", dir=self.site_dir.parent))
        for rel in self.pages:
            target = self.folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.site_dir / rel, target)
            except OSError:
                shutil.copyfile(self.site_dir / rel, target)
        return self.folder

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list[str], site_dir: Path, output: Path) -> int:
    """Run one Pagefind command; the number of pages it indexed (GeneratorError when none, or it failed)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                cwd=site_dir)
    except OSError as error:
        raise GeneratorError(f"the search index could not be made: Pagefind did not start ({error}). Nothing was published.") from error
    log = (result.stdout + "\n" + result.stderr).strip()
    found = _PAGES.search(result.stdout)
    pages = int(found.group(1)) if found else 0
    if result.returncode != 0 or not pages or not (output / "pagefind.js").is_file():
        problems = Problems()
        tail = [line.strip() for line in log.splitlines() if line.strip()][-10:]
        shown = output.relative_to(site_dir).as_posix() if output.is_relative_to(site_dir) else BUNDLE
        problems.error(f"site/{shown}", 0, 0, "", " / ".join(tail) or f"Pagefind exited with status {result.returncode}")
        raise GeneratorError(
            "the search index could not be made (Pagefind reported the problem above, or found no page to index). "
            "Nothing was published.", problems)
    return pages
