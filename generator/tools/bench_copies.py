"""A larger built site from a smaller one, to measure the search index and the final checks at sizes the
benchmark does not build (`python -m generator.tools.bench_copies SITE DEST PAGES`).

DEST is SITE (without its search index) and as many whole copies of it under ``c1/``, ``c2/``, … as
make PAGES HTML pages (the last copy in part). Each copy's files are the site's (so that its relative
links and its assets resolve), and each copy's pages are changed so that words, filter values and
addresses grow as with more records: every year from 1950 to 2049 is moved on by the copy's number,
and a word of the copy's own is put at the start of each heading, paragraph, list item and table
cell ("Neglect" becomes "Neglect1q Neglect"). Moved years also move some links to dated pages that
the copy does not have, which the final checks report as broken.

Then index it (``generator.site.search.build_search_index``) and measure the search
(``bench_search.search_bytes``), the final checks (``generator.site.finalcheck``), or Pagefind's memory
(``/usr/bin/time -v``). The README's Performance section has the figures.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from generator.site.search import BUNDLE

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_FIRST_WORD = re.compile(r"(<(?:h1|h2|h3|p|li|td)\b[^>]*>)([A-Za-z]+)")


def copy_of(page: str, number: int) -> str:
    """A page's text as copy ``number`` has it."""
    page = _YEAR.sub(lambda m: str(int(m.group(1)) + number), page)
    return _FIRST_WORD.sub(lambda m: f"{m.group(1)}{m.group(2)}{number:x}q {m.group(2)}", page)


def expand(site: Path, dest: Path, pages: int) -> int:
    """Write ``dest`` from ``site`` with at least ``pages`` HTML pages (fewer copies when ``site`` has
    more); return how many it has. ``dest`` is replaced."""
    site, dest = Path(site), Path(dest)
    ours = [p.relative_to(site) for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).parts[0] != BUNDLE]
    html = [rel for rel in ours if rel.suffix == ".html"]
    others = [rel for rel in ours if rel.suffix != ".html"]
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest, ignore=lambda folder, names: [BUNDLE] if Path(folder) == site else [])
    count, number = len(html), 0
    while count < pages and html:
        number += 1
        base = dest / f"c{number}"
        for rel in others:
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(site / rel, base / rel)
        for rel in html[:pages - count]:
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            (base / rel).write_text(copy_of((site / rel).read_text(encoding="utf-8"), number), encoding="utf-8")
        count += min(len(html), pages - count)
    return count


if __name__ == "__main__":
    source, target, wanted = sys.argv[1:4]
    print(f"{target}: {expand(Path(source), Path(target), int(wanted))} pages")
