"""Reproducible builds: the same content gives the same files, whichever folder it is built in.

The shipped site (built once per session) is rebuilt in another folder and compared byte for
byte, handouts included (the search index's filter lists by count: see SEARCH_INDEX). The one date a build writes is MkDocs' build day (the sitemap's
lastmod and the sitemap.xml.gz header); with build_date declared in site.yaml it is that day.
"""

from __future__ import annotations

import datetime
import gzip
import re
from pathlib import Path

from conftest import copy_project, write_files

from generator.pipeline.build import build

SEARCH_INDEX = "pagefind/"
"""Pagefind's index. Its page fragments (each page's text, title and filters) and word lists are the
same from build to build and are compared like every other file; its filter lists come out in an order
of Pagefind's own that changes from run to run (with their content-hash names, and so the .pf_meta and
pagefind-entry.json that name them), so only how many there are of those is compared."""


def files(site: Path) -> dict[str, bytes]:
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    unordered = [n for n in found if n.startswith(SEARCH_INDEX + "filter/")
                 or (n.startswith(SEARCH_INDEX) and n.endswith((".pf_meta", "pagefind-entry.json")))]
    counts: dict[str, int] = {}
    for name in unordered:
        del found[name]
        kind = name.rsplit("/", 1)[0] + "/*" + ("." + name.rsplit(".", 1)[-1])
        counts[kind] = counts.get(kind, 0) + 1
    found.update({kind: str(n).encode() for kind, n in counts.items()})
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
