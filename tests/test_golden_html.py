"""Golden HTML: what a reader gets of each page of the fixture site, built through MkDocs and Material.

The golden Markdown (test_golden.py) shows what the generator writes; this shows what MkDocs makes of
it, so a change in how a page reaches MkDocs (Markdown inside ``md_in_html`` blocks, or finished HTML)
can be shown to leave the page as it was. For each page it keeps the main content, Material's
``<article class="md-content__inner md-typeset">``, and the page's table of contents (the "On this
page" navigation, ``md-nav--secondary``), which MkDocs builds from the page's headings and anchors.
Nothing is stripped, as nothing in either part varies from build to build (the fixture's build date is
fixed in its site.yaml; no path of the machine, time or random id is in them). Only whitespace is
normalised: each run of it that holds a line break is written as one line break, which a browser shows
the same way (outside ``<pre>``, which no page has: the test checks), so that the diff after a change
in how a page reaches MkDocs shows what a reader would see change, and not Material's blank lines.
Refresh with `pytest tests/test_golden_html.py --update-golden`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_site import mini_project

from generator.pipeline.build import build

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "html"
OTHERS = ("accessibility/", "contributing/")
"""Pages owned and tested by others (as in test_golden.py)."""

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*</article>', re.S)
TOC_START = '<nav class="md-nav md-nav--secondary"'
NAV_TAG = re.compile(r"<nav\b|</nav>")
WHITESPACE = re.compile(r"[ \t]*\n\s*")


def _toc(html: str) -> str:
    """The first secondary navigation (Material writes the same one in the sidebar again), nested ones included."""
    start = html.find(TOC_START)
    if start < 0:
        return "<!-- no table of contents -->"
    depth = 0
    for tag in NAV_TAG.finditer(html, start):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return html[start:tag.end()]
    raise AssertionError("the table of contents does not end")


def main_content(html: str) -> str:
    """The page's table of contents and its article, each run of whitespace that holds a line break
    written as one line break (what a browser shows is the same: no page of the fixture has ``<pre>``)."""
    article = ARTICLE.search(html)
    assert article, "no <article> in the page"
    text = f"{_toc(html)}\n{article.group(0)}"
    assert "<pre" not in text and "<textarea" not in text, "whitespace matters inside <pre>: compare it as it is"
    return WHITESPACE.sub("\n", text).strip() + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = mini_project(tmp_path_factory.mktemp("golden-html") / "project")
    build(root, handouts=False, progress=lambda message: None)
    return root / "site"


def pages_of(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(OTHERS):
            continue
        out[rel] = main_content(path.read_text(encoding="utf-8"))
    return out


def test_golden_html(site: Path, request) -> None:
    pages = pages_of(site)
    assert len(pages) > 50 and "actions/index.html" in pages and "themes/neglect/index.html" in pages
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip(f"golden HTML rewritten: {len(pages)} pages in {GOLDEN.relative_to(HERE.parent)}")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.html"))}
    assert sorted(pages) == sorted(expected), "pages added or removed: refresh with --update-golden if intended"
    for rel in pages:
        assert pages[rel] == expected[rel], f"{rel} differs from tests/golden/html/{rel}"


def test_main_content_keeps_the_table_of_contents_and_fails_without_an_article() -> None:
    page = ('<nav class="md-nav md-nav--secondary" aria-label="Table of contents">\n  <ul><li><a href="#a">A</a>\n'
            '<nav class="md-nav"><a href="#b">B</a></nav></li></ul>\n\n  </nav><nav>other</nav>'
            '<article class="md-content__inner md-typeset"><h1 id="a">A <em>x</em></h1>\n\n\n<p>b</p></article>')
    assert main_content(page).splitlines() == [
        '<nav class="md-nav md-nav--secondary" aria-label="Table of contents">',
        '<ul><li><a href="#a">A</a>', '<nav class="md-nav"><a href="#b">B</a></nav></li></ul>', '</nav>',
        '<article class="md-content__inner md-typeset"><h1 id="a">A <em>x</em></h1>', '<p>b</p></article>']
    with pytest.raises(AssertionError):
        main_content("<main>no article</main>")
