"""The search index: Pagefind runs over the built site, indexes only what the templates mark, and its
parts are searched for restricted text like every other file. (The browser tests search through it.)"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pagefind_data
import pytest
from conftest import write_files

from generator.checks.withheld import searchable
from generator.core.problems import GeneratorError
from generator.site.search import BUNDLE, FILTERS_FILE, PARTS_FILE, SHARED, UNUSED, build_search_index, plan_parts

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>navigation words</nav><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""


def test_pagefind_indexes_the_marked_pages_and_ships_only_what_the_site_loads(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {
        "index.html": PAGE.format(title="Home", text="Neglect and chronologies."),
        "a/index.html": PAGE.format(title="A page", text="Core groups meet often."),
        "guide/index.html": "<html><body><h1>Staff guide</h1><p>Not marked, so not indexed.</p></body></html>",
    })
    assert build_search_index(site) == 2
    bundle = site / BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not [name for name in UNUSED if (bundle / name).exists()]
    texts = [gzip.decompress(p.read_bytes()).decode() for p in (bundle / "fragment").iterdir()]
    assert any("Core groups meet often" in t for t in texts)
    assert not any("Staff guide" in t or "navigation words" in t for t in texts)


def test_a_site_with_nothing_to_index_stops_the_build(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"feed.xml": "<feed/>"})  # no page at all
    with pytest.raises(GeneratorError, match="search index could not be made") as failure:
        build_search_index(site)
    assert failure.value.problems.errors and failure.value.problems.errors[0].path == "site/pagefind"


def test_restricted_text_in_the_search_index_is_found(tmp_path: Path) -> None:
    fragment = {"url": "/x/", "content": "A sentence with quokkamarmalade planted in it.", "meta": {"title": "X"}}
    path = tmp_path / "en_1.pf_fragment"
    path.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(fragment).encode()))
    assert "quokkamarmalade" in searchable(path)


def _page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def _filters(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'data-pagefind-filter="([a-z]+)"[^>]*>([^<]*)<', html):
        found.setdefault(name, []).append(value)
    return found


def test_the_site_marks_what_search_indexes(built_site: Path) -> None:
    site = built_site / "site"
    assert not list(site.rglob("search_index.json"))
    theme = _page(site, "themes/domestic-abuse")
    # a theme page: indexed by its name, description and other names only (a hidden copy), not its findings
    [body] = re.findall(r"<div data-pagefind-body hidden>(.*?)</div>\n</div>|<div data-pagefind-body hidden>(.*?)$",
                        theme, re.S)[:1] or [("", "")]
    indexed = body[0] or body[1]
    assert "<h1>Domestic abuse</h1>" in indexed and 'data-pagefind-weight="10">DA' in indexed
    assert theme.count("data-pagefind-body") == 1
    assert _filters(theme) == {"type": ["Theme"], "theme": ["Domestic abuse"]}
    # a record page: its main content, with its type, year, locality and themes as filters
    meeting = _page(site, "panel-meetings/cheltenham-2013-09-27")
    filters = _filters(meeting)
    assert filters["type"] == ["Panel meeting"] and filters["year"] == ["2013"] and filters["locality"] == ["Cheltenham"]
    assert filters["theme"] and all(re.match(r"[A-Z]", t) for t in filters["theme"])
    # the staff guide and the search page itself are not indexed
    for address in ("contributing", "contributing/previewing", "search"):
        assert "data-pagefind-body" not in _page(site, address), address
    fragments = " ".join(gzip.decompress(p.read_bytes()).decode() for p in (site / BUNDLE / "fragment").iterdir())
    assert '"url":"/contributing/' not in fragments and '"url":"/themes/domestic-abuse/"' in fragments
    # a page that gathers what others publish in full (a board report, a listing, What's new): by its title
    # and description only, so that a search lists the records themselves, and the index stays small
    # (and the tracker's lists of actions, a theme's questions: each action and question is found where it is in full)
    for address in ("reports/2013-07-01-to-2013-09-30", "reports", "panel-meetings", "whats-new",
                    "actions/themes/core-groups", "actions/sources/panel-meeting", "actions/overdue", "questions/core-groups"):
        page = _page(site, address)
        [indexed] = re.findall(r"<div data-pagefind-body hidden>\s*<h1>[^<]*</h1>\s*(?:<p>[^<]*</p>\s*)?</div>", page) or [""]
        assert indexed and page.count("data-pagefind-body") == 1, address
    # a theme's tools page: each tool by its title, type and note, not the reviews that name it (found on their own)
    tools = _page(site, "tools/neglect")
    assert tools.count("data-pagefind-body") == 1 and "<div data-pagefind-body hidden>" not in tools
    named = re.findall(r'<span class="sl-meta"( data-pagefind-ignore)?>in <a href="[^"]*thematic-reviews/', tools)
    assert named and all(named), "where a tool is named is indexed"
    # the filters as Pagefind wrote them (decoded): every theme page, every panel meeting, once
    decoded = pagefind_data.filters(site / BUNDLE)
    pages = pagefind_data.metadata(site / BUNDLE)[1]
    themes = len(list((site / "themes").glob("*/index.html")))
    assert len(decoded["type"]["Theme"]) == themes and max(decoded["type"]["Theme"]) < len(pages)
    meetings = [p for p in (site / "panel-meetings").glob("*/index.html") if 'data-pagefind-filter="type"' in p.read_text()]
    assert len(decoded["type"]["Panel meeting"]) == len(meetings) > 0
    assert sorted(decoded) == ["locality", "theme", "type", "year"]
    # the counts the search page lists come from the build's filters.json: the same as Pagefind's own
    written = json.loads((site / BUNDLE / FILTERS_FILE).read_text(encoding="utf-8"))
    assert written == {name: {value: len(pages) for value, pages in values.items()} for name, values in decoded.items()}


def test_a_large_site_is_indexed_in_parts_that_the_search_page_merges(tmp_path: Path) -> None:
    pages = {f"{name}/index.html": PAGE.format(title=f"Page {name}", text=f"Findings about {word}.")
             for name, word in (("a", "chronologies"), ("b", "neglect"), ("c", "supervision"))}
    site = write_files(tmp_path / "site", {**pages, "guide/index.html": "<html><body><p>Not marked.</p></body></html>"})
    marked = [len(page) - page.index("data-pagefind-body") for page in pages.values()]  # ASCII: bytes
    assert marked[1] < marked[0]  # "neglect" is shorter than "chronologies"
    # two parts hold the three pages; each page goes to the part holding fewer bytes so far, so the parts are alike
    parts = plan_parts(site, budget=marked[0] + marked[1])
    assert [part.pages for part in parts] == [["a/index.html"], ["b/index.html", "c/index.html"]]
    assert [part.size for part in parts] == [marked[0], marked[1] + marked[2]]
    assert [p.pages for p in plan_parts(site, budget=sum(marked))] == [["a/index.html", "b/index.html", "c/index.html"]]
    assert build_search_index(site, budget=min(marked)) == 3  # a part per page
    bundle = site / BUNDLE
    assert json.loads((bundle / PARTS_FILE).read_text()) == ["part-2/", "part-3/"]
    for number, (address, word) in enumerate((("/a/", "chronologies"), ("/b/", "neglect"), ("/c/", "supervision")), 1):
        part = bundle if number == 1 else bundle / f"part-{number}"
        assert (part / "pagefind-entry.json").is_file() and list(part.glob("pagefind.*.pf_meta"))
        [text] = [gzip.decompress(p.read_bytes()).decode() for p in (part / "fragment").iterdir()]
        assert f'"url":"{address}"' in text and word in text  # the page's own address, not the part's folder
        if number > 1:  # the program is the first part's, loaded once for all
            assert not [name for name in (*SHARED, *UNUSED) if (part / name).exists()]
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the parts' folders are gone


def test_a_site_in_one_part_lists_no_other_part(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"index.html": PAGE.format(title="Home", text="Neglect.")})
    assert build_search_index(site) == 1
    assert json.loads((site / BUNDLE / PARTS_FILE).read_text()) == []
    assert not list((site / BUNDLE).glob("part-*"))


def test_the_theme_pages_are_indexed_together_in_the_first_part(tmp_path: Path) -> None:
    pages = {f"{folder}/{n}/index.html": PAGE.format(title=f"{folder} {n}", text="Words of the page " * 20)
             for folder in ("panel-meetings", "themes") for n in range(4)}
    site = write_files(tmp_path / "site", pages)
    parts = plan_parts(site, budget=sum(len(p) - p.index("data-pagefind-body") for p in pages.values()) // 4)
    assert len(parts) == 4
    assert parts[0].pages == [f"themes/{n}/index.html" for n in range(4)]  # together, then the rest dealt out
    assert [p.pages for p in parts[1:]] == [["panel-meetings/0/index.html", "panel-meetings/3/index.html"],
                                            ["panel-meetings/1/index.html"], ["panel-meetings/2/index.html"]]
