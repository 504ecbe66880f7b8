"""The search index: Pagefind runs over the built site, indexes only what the templates mark, and its
parts are searched for restricted text like every other file. (The browser tests search through it.)"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import write_files

from generator.checks.withheld import searchable
from generator.core.problems import GeneratorError
from generator.site.search import BUNDLE, UNUSED, build_search_index

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
