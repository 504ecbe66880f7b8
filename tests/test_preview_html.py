"""The preview's HTML server (generator.preview.htmlserver): after an edit it rebuilds only the pages the
generator rewrote, and each page it serves is the page a full build makes of the same files.

The small fixture project is generated through one kept Session (as ``make serve`` does), built once
by a KeptSite, edited, generated again, and updated; a fresh full build of the same generated files is
the reference, compared page by page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline.build import GENERATED_DOCS, generate
from generator.pipeline.session import Session
from generator.site.preview_config import PREVIEW_CONFIG, SEARCH_NOTE, plugins_of, write_preview_config

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
MEETING = "content/panel-meetings/2013-09-27-north.yaml"
MEETING_PAGE = "panel-meetings/north-2013-09-27/index.html"


@pytest.fixture(autouse=True)
def _quiet_mkdocs(monkeypatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def _project(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for part in ("assets", "partials", "main.html", "404.html"):  # the board's theme, as in the project
        (shutil.copytree if (ROOT / "overrides" / part).is_dir() else shutil.copy2)(ROOT / "overrides" / part, dest / "overrides" / part)
    return dest


def _html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_the_preview_configuration_leaves_search_out_and_says_so(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    generate(root)
    # The site searches with Pagefind, so the shipped mkdocs.yml has no search plugin; a board that adds
    # MkDocs' own back (here with another plugin) still gets a preview without it, the other one kept.
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "plugins: []", "plugins:\n  - search:\n      lang: en\n  - tags"), encoding="utf-8")
    generate(root)
    config = root / GENERATED_DOCS.parent / "mkdocs.yml"
    assert [str(p) if not isinstance(p, dict) else next(iter(p)) for p in plugins_of(config)] == ["search", "tags"]
    preview = write_preview_config(config)
    assert preview.name == PREVIEW_CONFIG
    assert plugins_of(preview) == ["tags"]
    assert SEARCH_NOTE in preview.read_text(encoding="utf-8").replace("\n   ", "")


def test_a_kept_site_rebuilds_only_the_edited_pages_and_serves_what_a_full_build_makes(tmp_path: Path) -> None:
    from generator.preview.htmlserver import KeptSite

    root = _project(tmp_path / "project")
    session = Session(root)
    generate(root, session=session)
    preview = write_preview_config(root / GENERATED_DOCS.parent / "mkdocs.yml")
    kept = KeptSite(preview, tmp_path / "kept")
    served = _html(tmp_path / "kept")
    assert SEARCH_NOTE in served[MEETING_PAGE]
    assert kept.update() == [], "nothing changed, nothing is rebuilt"

    path = root / MEETING
    text = path.read_text(encoding="utf-8")
    assert "Domestic abuse often recurs with a new partner." in text
    path.write_text(text.replace("Domestic abuse often recurs with a new partner.",
                                 "Domestic abuse often recurs with a new partner (edited in the preview)."), encoding="utf-8")
    docs = root / GENERATED_DOCS
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    generate(root, session=session)
    rewritten = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if before.get(p) != p.stat().st_mtime_ns)
    rebuilt = kept.update()
    assert kept.full_builds == 1
    assert "panel-meetings/north-2013-09-27.md" in rebuilt
    assert sorted(rebuilt) == rewritten, "exactly the pages the generator rewrote are built again"
    after = _html(tmp_path / "kept")
    assert "new partner (edited in the preview)." in after[MEETING_PAGE]
    changed = {page for page in after if after[page] != served.get(page)}
    assert MEETING_PAGE in changed and len(changed) <= len(rewritten)

    KeptSite(preview, tmp_path / "full")  # a full build of the same generated files
    assert after == _html(tmp_path / "full")


def test_a_change_to_the_configuration_builds_every_page_again(tmp_path: Path) -> None:
    from generator.preview.htmlserver import KeptSite

    root = _project(tmp_path / "project")
    session = Session(root)
    generate(root, session=session)
    preview = write_preview_config(root / GENERATED_DOCS.parent / "mkdocs.yml")
    kept = KeptSite(preview, tmp_path / "kept", watched=(root / "mkdocs.yml",))
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nsite_author: Preview Test Board\n")
    later = (root / "mkdocs.yml").stat().st_mtime_ns + 1_000_000
    os.utime(root / "mkdocs.yml", ns=(later, later))
    rebuilt = kept.update()
    assert kept.full_builds == 2 and len(rebuilt) == len(_html(tmp_path / "kept")) - 1  # every page but 404.html
    assert "Preview Test Board" in _html(tmp_path / "kept")[MEETING_PAGE]
