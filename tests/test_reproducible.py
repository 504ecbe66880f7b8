"""Reproducible builds: the same content gives the same files, whichever folder it is built in.

The shipped site (built once per session) is rebuilt in another folder and compared byte for
byte, handouts included (the search index's filter lists and metadata decoded: see SEARCH_INDEX). The one date a build
writes is MkDocs' build day (the sitemap's lastmod and the sitemap.xml.gz header); with build_date declared in site.yaml
it is that day.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
from pathlib import Path

import pagefind_data
from conftest import copy_project, write_files

from generator.pipeline.build import build

SEARCH_INDEX = "pagefind/"
"""Pagefind's index. Its page fragments (each page's text, title and filters) and word lists are the
same from build to build and are compared like every other file. Its filter lists come out with their
values in an order of Pagefind's own that changes from run to run, and so do their content-hash names
and the .pf_meta and pagefind-entry.json that name them: those are compared decoded instead (each
filter's values and their pages; the metadata and the entry file with the filters named by filter),
in every part of the index (tests/pagefind_data.py)."""


def _unordered(name: str) -> bool:
    return name.startswith(SEARCH_INDEX) and ("/filter/" in name or name.endswith((".pf_meta", "pagefind-entry.json")))


def files(site: Path) -> dict[str, bytes]:
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    for name in [n for n in found if _unordered(n)]:
        del found[name]
    for entry in sorted(site.rglob("pagefind-entry.json")):
        bundle = entry.parent
        decoded = {"filters": pagefind_data.filters(bundle), "metadata": pagefind_data.metadata(bundle),
                   "entry": pagefind_data.entry(bundle)}
        found[bundle.relative_to(site).as_posix() + "/ (decoded)"] = json.dumps(decoded, sort_keys=True).encode()
    return found


def without_build_day(name: str, data: bytes) -> bytes:
    """The file with MkDocs' build day left out: the gzip header (its time), the sitemap's lastmod."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    if name.startswith("sitemap.xml"):
        data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)
    return data


def test_two_builds_in_different_folders_give_identical_files(request, tmp_path: Path) -> None:
    again = copy_project(tmp_path / "elsewhere" / "project")
    build(again, progress=lambda message: None)
    built_site = request.getfixturevalue("built_site")  # asked for after building: with -n 2 both builds run at once
    first, second = files(built_site / "site"), files(again / "site")
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".pdf") for name in first)
    different = [n for n in first if without_build_day(n, first[n]) != without_build_day(n, second[n])]
    assert different == []


def test_the_declared_build_date_is_the_only_date_and_the_same_every_time(make_project, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_project()
    shipped = re.sub(r"(?m)^build_date: .*\n", "", (root / "site.yaml").read_text())  # replaced by the test's own
    settings = shipped + "\nsite_url: https://learning.example.org.uk/\nbuild_date: 2001-02-03\n"
    write_files(root, {"site.yaml": settings})
    build(root, handouts=False, progress=lambda message: None)
    first = files(root / "site")
    build(root, out=root / "again", handouts=False, progress=lambda message: None)
    assert files(root / "again") == first
    sitemap = first["sitemap.xml"].decode()
    assert sitemap.count("<lastmod>2001-02-03</lastmod>") == sitemap.count("<loc>") > 10
    epoch = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")
    assert datetime.datetime.fromtimestamp(epoch, datetime.UTC).date() == datetime.date(2001, 2, 3)
