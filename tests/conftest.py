"""Shared fixtures: small fixture projects written from a dict, and the shipped site built once."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder."""

PROJECT_PARTS = ("content", "themes_data", "overrides", "mkdocs.yml", "site.yaml", "privacy-allowlist.yaml")
"""What a project consists of (copied for tests so that the repository's own build/ and site/ are untouched)."""


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content built once per test session (handouts included); returns the project root.

    The site is at ``root / "site"`` and the generated Markdown at ``root / "build" / "docs"``.
    """
    from generator.pipeline.build import build

    root = copy_project(tmp_path_factory.mktemp("shipped") / "project")
    build(root, progress=lambda message: None)
    return root


def pytest_addoption(parser):
    """`make golden` runs the golden tests with --update-golden to rewrite the expected output."""
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="rewrite tests/golden/ from the current output instead of comparing against it",
    )
