"""Stage: site. The search index: Pagefind, run over the HTML site once MkDocs has written it.

Pagefind (pagefind.app, installed from PyPI with its prebuilt binary) reads the built pages and
writes ``pagefind/`` inside the site: the index in small parts, the search page's script and its
stylesheet. A reader's browser fetches only the parts a query needs, never the whole index.

What is indexed is decided in the page template (overrides/main.html): only a page's main content
(``data-pagefind-body``), never the staff guide, a theme page by its name, description and the other
words people use for it (its findings are published, and found, on their own pages); filters for
record type, theme, year and locality. Like MkDocs, Pagefind runs as a separate program, so its
memory is its own and is handed back when it ends.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.core.problems import GeneratorError, Problems

BUNDLE = "pagefind"
"""The folder inside the site that Pagefind writes (the search page loads its script from there)."""

EXCLUDED = ".headerlink, .sl-crumbs, .md-source-file, .md-content__button"
"""Parts of a page that are not its text: the ¶ links beside headings, the "you are here" trail, the
page's dates line and its buttons."""

UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the site does not use (its search page has its own,
assets/javascripts/search.js): removed, so that the site ships only what it loads."""

_PAGES = re.compile(r"Indexed (\d+) pages?")


def pagefind_command(site_dir: Path) -> list[str]:
    """The command that indexes ``site_dir`` (quiet: only warnings and errors are printed)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--force-language", "en", "--exclude-selectors", EXCLUDED]


def build_search_index(site_dir: Path) -> int:
    """Index the built site in ``site_dir``; return the number of pages indexed.

    Raises GeneratorError (nothing is published) when Pagefind fails or indexes no page at all,
    which would leave the site with a search that finds nothing.
    """
    site_dir = Path(site_dir).resolve()
    try:
        result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, encoding="utf-8",
                                errors="replace", cwd=site_dir)
    except OSError as error:
        raise GeneratorError(f"the search index could not be made: Pagefind did not start ({error}). Nothing was published.") from error
    log = (result.stdout + "\n" + result.stderr).strip()
    found = _PAGES.search(result.stdout)
    pages = int(found.group(1)) if found else 0
    if result.returncode != 0 or not pages or not (site_dir / BUNDLE / "pagefind.js").is_file():
        problems = Problems()
        tail = [line.strip() for line in log.splitlines() if line.strip()][-10:]
        problems.error(f"site/{BUNDLE}", 0, 0, "", " / ".join(tail) or f"Pagefind exited with status {result.returncode}")
        raise GeneratorError(
            "the search index could not be made (Pagefind reported the problem above, or found no page to index). "
            "Nothing was published.", problems)
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return pages
