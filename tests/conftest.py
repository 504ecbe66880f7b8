"""Shared fixtures: small fixture projects written from a dict, and the shipped site built once."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.inputs import INPUTS

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder."""

PROJECT_PARTS = tuple(i.path for i in INPUTS)
"""What a project consists of (its inputs, generator.core.inputs; copied for tests so that the repository's own
build/ and site/ are untouched)."""


def search_docs(site: Path) -> list[dict]:
    """The pages in a built site's search index (Pagefind's fragments: each page's url, text, title, filters)."""
    import gzip
    import json

    return [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
            for p in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))]


def pdf_text(path: Path) -> str:
    """A PDF's text as a reader's viewer shows it (poppler's pdftotext: a fiftieth of pypdf's time here)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """Copy the project's own files (not build output) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text}`` into ``root`` (text is dedented)."""
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path):
    """A fixture project: the shipped themes, settings and theme overrides, plus the files given."""

    def make(files: dict[str, str | bytes] | None = None, *, with_content: bool = False) -> Path:
        root = tmp_path / "project"
        copy_project(root)
        if not with_content:
            shutil.rmtree(root / "content", ignore_errors=True)
            (root / "content").mkdir()
        return write_files(root, files or {})

    return make


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(folder)`` run once per test session, whichever test (or pytest-xdist worker) asks first.

    The folder is shared by the session's workers (their base folders' parent, ``pytest-N/``, when
    running with ``-n``); a lock file makes the others wait for the first, and a marker written
    after ``make`` returns tells them it is done. A ``make`` that fails leaves no marker, so the next
    worker tries again and reports the same failure. Tests must not change what is in the folder:
    one that needs to change it copies it first (``shutil.copytree``).
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / name
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (base / f"{name}.done").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                make(folder)
                (base / f"{name}.done").touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder


def _build_shipped(folder: Path) -> None:
    from generator.pipeline.build import build

    build(copy_project(folder / "project"), progress=lambda message: None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content built once per test session (handouts included); returns the project root.

    The site is at ``root / "site"`` and the generated Markdown at ``root / "build" / "docs"``.
    Read only: every test that reads the shipped site shares this one build.
    """
    return shared_build(tmp_path_factory, "shipped", _build_shipped) / "project"


def pytest_addoption(parser):
    """`make golden` runs the golden tests with --update-golden to rewrite the expected output."""
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="rewrite tests/golden/ from the current output instead of comparing against it",
    )


# ------------------------------------------------------------------ running on several cores (make test: -n 2)

EVERY_PAGE = {"test_axe.py", "test_requests.py", "test_reflow.py"}
"""Browser tests that read one of the two visits to every page (desktop_pass, narrow_pass)."""

NARROW_TESTS = ("test_no_axe_violations_at_phone_width", "[narrow_pass]", "test_every_page_fits_320_px")
DESKTOP_TESTS = ("test_every_page_loads", "test_no_axe_violations_at_desktop_width", "[desktop_pass]",
                 "test_no_page_fetches_a_file_that_lists_the_whole_site")
"""The tests of those files that read the visits at 320 px, and at 1280 px: each visit is a group of its own, so
the two run on different workers at the same time and each is made once (they are session fixtures)."""

LONGEST_FIRST = ["browser:desktop-pass", "browser:test_cms.py", "browser:test_keyboard.py", "test_publish.py",
                 "browser:narrow-pass", "test_handouts.py", "test_bench.py", "test_reproducible.py", "test_session.py",
                 "test_cases.py", "browser:test_search.py"]
"""The groups that take longest (pytest --durations, summed by group in session 8: 150 s with the shared build,
66, 98, 80, 48, 33, 28, 26, 24, 24 and 22 s), started first so that no worker is left with one at the end. The
first builds the shared site; the second starts the web form's preview of its own meanwhile instead of waiting
for it."""


def _group(nodeid: str) -> str:
    """The group a test runs in: its file, or the visit to every page that it reads."""
    file, _, test = nodeid.partition("::")
    path = file.split("/")
    if path[-2:-1] == ["browser"]:
        if path[-1] in EVERY_PAGE:
            if any(name in test for name in NARROW_TESTS):
                return "browser:narrow-pass"
            if any(name in test for name in DESKTOP_TESTS):
                return "browser:desktop-pass"
        return f"browser:{path[-1]}"
    return path[-1]


PASS_GROUPS = {"desktop_pass": "browser:desktop-pass", "narrow_pass": "browser:narrow-pass"}
"""Each visit to every page, and the group whose worker makes it (a session fixture is made once per worker)."""


def misgrouped(items) -> list[str]:
    """Tests that read a visit to every page but are not in its group: each would have its worker make
    the visit again (215 s at 1280 px, found so: a test added without its name in DESKTOP_TESTS)."""
    return [f"{item.nodeid} reads {name} but runs in group {_group(item.nodeid)!r}: add its name to "
            f"{'DESKTOP_TESTS' if name == 'desktop_pass' else 'NARROW_TESTS'} in tests/conftest.py"
            for item in items for name, group in PASS_GROUPS.items()
            if name in getattr(item, "fixturenames", ()) and _group(item.nodeid) != group]


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (``-n``): the longest groups first. Without it, the order is left as it is.
    Either way, a test reading a visit to every page outside that visit's group stops the run."""
    wrong = misgrouped(items)
    if wrong:
        raise pytest.UsageError("\n".join(wrong))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
        items.sort(key=lambda item: rank.get(_group(item.nodeid), len(rank)))  # stable: files keep their order


@pytest.hookimpl(optionalhook=True)  # pytest -p no:xdist runs without it
def pytest_xdist_make_scheduler(config, log):
    """Each group runs whole on one worker (so a module's fixtures, and the browser's visits to every page,
    are made once), in the order collected: longest first. xdist's own --dist loadgroup cannot be used here:
    it renames tests, which pytest 9 no longer allows."""
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    config.option.loadscopereorder = False  # keep the order above, not "most tests first"
    return ByGroup(config, log)
