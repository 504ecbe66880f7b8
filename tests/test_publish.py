"""Atomic publishing, and restricted records kept out of every byte of the site and the handouts.

The staging folder is tested directly (fast); then real builds: one whose final check, handouts or
MkDocs step fails must leave the previous site/ byte for byte as it was, and a restricted record's
planted phrase must be found nowhere in the output, PDFs included, while the same phrase in a
published record is found everywhere it should be (so the search itself is shown to work).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import re
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import pdf_text, write_files
from pypdf import PdfReader

from generator.core.problems import GeneratorError
from generator.pipeline.build import build
from generator.site import publish


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by path relative to ``folder``."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(publish.PREFIX))


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    return write_files(tmp_path / "site", {"index.html": "<p>old</p>", "themes/neglect/index.html": "old theme", "x.pdf": b"%PDF old"})


# ------------------------------------------------------------------------------ the staging folder


def test_commit_replaces_the_site_with_the_new_one(old_site: Path) -> None:
    with publish.staging(old_site) as stage:
        assert stage.site.parent == old_site.parent and stage.site != old_site
        write_files(stage.site, {"index.html": "<p>new</p>"})
        stage.commit()
    assert snapshot(old_site) == {"index.html": b"<p>new</p>"}
    assert leftovers(old_site.parent) == []


def test_an_error_inside_leaves_the_old_site_byte_for_byte(old_site: Path) -> None:
    before = snapshot(old_site)
    with pytest.raises(RuntimeError, match="handouts failed"):
        with publish.staging(old_site) as stage:
            write_files(stage.site, {"index.html": "<p>half</p>"})
            raise RuntimeError("handouts failed")
    assert snapshot(old_site) == before
    assert leftovers(old_site.parent) == []


def test_a_failed_swap_puts_the_old_site_back(old_site: Path, monkeypatch) -> None:
    before = snapshot(old_site)
    real_rename = os.rename

    def rename(src, dst):  # the new site cannot be moved into place; moving the old one back works
        if Path(src).name.startswith(publish.PREFIX) and "-old-" not in Path(src).name and Path(dst) == old_site:
            raise OSError("disk full")
        real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", rename)
    with pytest.raises(OSError, match="disk full"):
        with publish.staging(old_site) as stage:
            write_files(stage.site, {"index.html": "<p>new</p>"})
            stage.commit()
    assert snapshot(old_site) == before
    assert leftovers(old_site.parent) == []


def test_the_published_folder_is_readable_by_a_web_server(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with publish.staging(tmp_path / "site") as stage:
            stage.commit()
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755


@pytest.mark.parametrize("files", [{"content/x.yaml": "kind: tip"}, {"notes.txt": "my notes"}])
def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path, files) -> None:
    target = write_files(tmp_path / "project", files)
    before = snapshot(target)
    with pytest.raises(GeneratorError, match="will not be replaced"):
        with publish.staging(target):
            pass
    assert snapshot(target) == before
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------------------------ failed builds

MEETING = """
    kind: panel-meeting
    id: {id}
    title: {title}
    publisher: Gloucestershire Safeguarding Children Board
    locality: Stroud
    date: 2014-01-10
    {extra}
    themes_arising:
      - heading: Understanding Domestic Abuse
        themes: [domestic-abuse, neglect]
        points:
          - {point}
"""


def meeting(id: str, title: str, point: str, extra: str = "") -> str:
    return MEETING.format(id=id, title=title, point=point, extra=extra)


def quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def built_first(tmp_path_factory) -> Path:
    """A one-meeting project built once for this module (no handouts). Tests change a copy of it."""
    from conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    shutil.rmtree(root / "content")
    write_files(root, {"content/panel-meetings/a.yaml": meeting("a-2014-01-10", "Themes arising - Stroud", "Core groups need a plan.")})
    build(root, handouts=False, progress=quiet)
    return root


@pytest.fixture
def built_once(built_first: Path, tmp_path: Path) -> Path:
    """This test's own copy of the built project: its records, build/ and the site/ it published."""
    return shutil.copytree(built_first, tmp_path / "project", symlinks=True)


def test_a_build_failing_its_final_check_leaves_the_site_as_it_was(built_once: Path) -> None:
    root = built_once
    before = snapshot(root / "site")
    assert "index.html" in before
    config = (root / "mkdocs.yml").read_text()
    write_files(root, {"mkdocs.yml": config + "\nextra_javascript:\n  - https://cdn.example.net/analytics.js\n"})
    with pytest.raises(GeneratorError, match="failed its final checks") as failure:
        build(root, handouts=False, progress=quiet)
    assert any("https://cdn.example.net/analytics.js" in str(p) for p in failure.value.problems.errors)
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


@pytest.mark.parametrize("stage", ["generator.pipeline.build.build_all", "generator.pipeline.build.build_html"])
def test_a_crash_in_any_stage_leaves_the_site_as_it_was(built_once: Path, monkeypatch, stage: str) -> None:
    root = built_once
    before = snapshot(root / "site")
    module, name = stage.rsplit(".", 1)

    def crash(*args, **kwargs):
        for arg in args:  # write something first, as a real half-finished step would
            if isinstance(arg, Path) and arg.name.startswith(publish.PREFIX):
                write_files(arg, {"index.html": "<p>half-built</p>"})
        raise RuntimeError(f"{name} crashed")

    monkeypatch.setattr(f"{module}.{name}", crash)
    write_files(root, {"content/panel-meetings/b.yaml": meeting("b-2014-02-10", "Themes arising - Gloucester", "A new point.")})
    with pytest.raises(RuntimeError, match="crashed"):
        build(root, handouts=True, progress=quiet)
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


# ------------------------------------------------------------------------------ restricted records

SECRET = "quokkamarmalade"
"""Planted in every field of the restricted records; appears nowhere else."""
OPEN = "wombatchutney"
"""Planted in a published record: the positive control for the search."""


@functools.cache  # each file's text is searched for several words; a string's hash is kept, so a lookup is cheap
def squeezed(text: str) -> str:
    """Lower-case letters only, so a word broken by a line end, a hyphen or markup is still found."""
    return re.sub(r"[^a-z]", "", text.lower())


_TEXT_OF: dict[tuple[str, str], str] = {}
"""Searchable text by (suffix, SHA-256 of the bytes): the two builds share most files (the second
rewrites only what changed), and the same bytes always give the same text, so each is read once."""


def output_texts(site: Path) -> dict[str, str]:
    """Every output file as searchable text: raw bytes, decompressed streams, and PDF text."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        key = (path.suffix, hashlib.sha256(raw).hexdigest())
        if key in _TEXT_OF:
            texts[path.relative_to(site).as_posix()] = _TEXT_OF[key]
            continue
        parts = [raw.decode("latin-1")]
        if path.suffix == ".gz":
            parts.append(gzip.decompress(raw).decode("utf-8"))
        if path.suffix.startswith(".pf_"):  # Pagefind's index parts: gzip, then a signature and JSON or CBOR
            parts.append(gzip.decompress(raw).decode("latin-1"))
        if path.suffix == ".pdf":
            parts.append(pdf_text(path))
            parts += [str(v) for v in (PdfReader(path).metadata or {}).values()]
            for stream in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.DOTALL):
                try:
                    parts.append(zlib.decompress(stream.group(1)).decode("latin-1"))
                except zlib.error:
                    pass
        texts[path.relative_to(site).as_posix()] = _TEXT_OF[key] = "\n".join(parts)
    return texts


def files_with(word: str, texts: dict[str, str]) -> list[str]:
    return sorted(name for name, text in texts.items() if word in squeezed(text) or word in name)


RESTRICTED_FILES = {
    "content/panel-meetings/secret.yaml": meeting(
        f"{SECRET}-2014-03-10", f"Themes arising - {SECRET.title()} review",
        f"The {SECRET} family's case is under review and must not be published.",
        extra=f"summary: The {SECRET} summary line for listings.\n    restricted: true",
    ),
    "themes_data/tools/secret-tool.yaml": (
        f"kind: tool\nid: {SECRET}-tool\ntitle: {SECRET.title()} toolkit\ntype: guidance\n"
        "link: https://example.org/x\nthemes: [neglect]\nrestricted: true\n"
    ),
    "themes_data/tips/secret-tip.yaml": f"kind: tip\nid: {SECRET}-tip\ntext: Ask the {SECRET} question.\nthemes: [neglect]\nrestricted: true\n",
    "themes_data/question-banks/secret-bank.yaml": (
        f"kind: question-bank\nid: {SECRET}-bank\ntitle: {SECRET.title()} questions\nrestricted: true\n"
        f"questions:\n  - What does the {SECRET} case tell us?\nthemes: [neglect]\n"
    ),
}
PUBLIC_FILE = {
    "content/panel-meetings/open.yaml": meeting(
        f"{OPEN}-2014-04-10", f"Themes arising - {OPEN.title()}",
        f'The {OPEN} point. <script>alert("hostile")</script> <b onmouseover="alert(1)">bold?</b>',
        extra=f"summary: The {OPEN} summary line for listings.",
    ),
}


@pytest.fixture(scope="module")
def restricted_builds(built_site: Path, tmp_path_factory) -> dict:
    """Build 1: the records public. Build 2: the same records restricted. Handouts in both.

    Both build on a copy of the shipped project as the session built it (its build/ folder included), as a
    board's next build does: each makes again only the handouts whose HTML the planted records change, and
    the second only those that change between the two."""
    root = shutil.copytree(built_site, tmp_path_factory.mktemp("restricted") / "project", symlinks=True)
    public_versions = {k: v.replace("restricted: true", "restricted: false") for k, v in RESTRICTED_FILES.items()}
    site_yaml = (root / "site.yaml").read_text() + "\nsite_url: https://learning.example.org.uk/sub/\n"  # for a full sitemap
    write_files(root, {**public_versions, **PUBLIC_FILE, "site.yaml": site_yaml})
    first = build(root, progress=quiet)
    texts_public = output_texts(root / "site")
    write_files(root, RESTRICTED_FILES)
    second = build(root, progress=quiet)
    return {"root": root, "first": first, "second": second, "public": texts_public, "restricted": output_texts(root / "site")}


def test_the_search_finds_a_planted_phrase_wherever_it_is_published(restricted_builds) -> None:
    texts = restricted_builds["public"]
    for word in (SECRET, OPEN):
        found = files_with(word, texts)
        assert any(name.startswith("pagefind/fragment/") for name in found) and "sitemap.xml" in found, found
        assert any(name.endswith(".pdf") for name in found), found
        assert any(name.startswith("themes/neglect/") for name in found), found


def test_a_restricted_record_reaches_no_byte_of_the_site(restricted_builds) -> None:
    texts = restricted_builds["restricted"]
    assert files_with(SECRET, texts) == []
    assert files_with(OPEN, texts) != []  # the published record is still there
    assert any(name.endswith(".pdf") for name in files_with(OPEN, texts))


def test_the_build_says_how_many_records_it_withheld(restricted_builds) -> None:
    first, second = restricted_builds["first"], restricted_builds["second"]
    assert (first.withheld, second.withheld) == (0, 4)
    assert "4 restricted records withheld" in second.describe()
    assert second.records == first.records - 1 - 3  # the meeting and the three standalone items


def test_markup_written_in_a_record_is_shown_as_text(restricted_builds) -> None:
    texts = restricted_builds["restricted"]
    page = next(t for name, t in texts.items() if name.endswith(".html") and OPEN in name)
    assert '<script>alert("hostile")' not in page and "<b onmouseover" not in page
    assert '&lt;script&gt;alert("hostile")&lt;/script&gt;' in page and "&lt;b onmouseover" in page
    for name, text in texts.items():
        if name.endswith(".html"):
            assert "<script>alert(" not in text and "<b onmouseover" not in text, name


def test_while_mkdocs_runs_the_build_holds_no_record(built_once: Path, monkeypatch) -> None:
    """The final checks keep only the withheld phrases and ids: the records and pages are let go first."""
    import gc

    from generator.content.validate import Entry
    from generator.pipeline import build as pipeline

    real, held = pipeline.build_html, []

    def spy(*args, **kwargs):
        gc.collect()
        held.append([o for o in gc.get_objects() if isinstance(o, Entry) and built_once in o.source.path.parents])
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_html", spy)
    build(built_once, handouts=False, progress=quiet)
    assert held == [[]]
