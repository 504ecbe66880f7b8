"""Every input of the project (generator.core.inputs) reaches a running preview.

One ``python -m generator serve`` runs on the small fixture project; each input is edited in turn
and the test waits until the page the preview serves shows the edit. Before the one list of inputs,
the watcher left out privacy-allowlist.yaml and MkDocs never saw an edit to the inherited mkdocs.yml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.core.inputs import INPUTS, RECORD_FOLDERS, SETTINGS, TEMPLATES, settings_snapshot, snapshot
from generator.core.processes import fetch_text, free_port, stop
from generator.pipeline.check import run_check
from generator.pipeline.session import Session

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
MEETING = "content/panel-meetings/2013-09-27-north.yaml"


def _project(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides" / "assets", dest / "overrides" / "assets")
    return dest


def _wait_for(url: str, wanted: str, server: subprocess.Popen, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview stopped"
        page = fetch_text(url)
        if wanted in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {wanted!r} within {seconds} s")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_inputs_are_listed_once() -> None:
    names = [i.path for i in INPUTS]
    assert names == ["content", "themes_data", "site.yaml", "privacy-allowlist.yaml", "mkdocs.yml", "overrides", "files"]
    assert RECORD_FOLDERS == ("content", "themes_data")
    assert set(SETTINGS) == set(names) - set(RECORD_FOLDERS)


@pytest.mark.parametrize("name", [i.path for i in INPUTS])
def test_the_watcher_sees_an_edit_to_every_input(tmp_path: Path, name: str) -> None:
    root = _project(tmp_path / "project")
    (root / "privacy-allowlist.yaml").write_text("allowed: []\n", encoding="utf-8")
    (root / "files").mkdir(exist_ok=True)
    (root / "files" / "referral-form.txt").write_text("A form.\n", encoding="utf-8")
    before = snapshot(root)
    target = root / name
    edited = next(p for p in sorted(target.rglob("*")) if p.is_file()) if target.is_dir() else target
    time.sleep(0.01)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert snapshot(root) != before


def test_a_setting_or_template_change_starts_the_session_afresh(tmp_path: Path, monkeypatch) -> None:
    root = _project(tmp_path / "project")
    session = Session(root)
    session.start_run()
    pages = session.pages
    (root / MEETING).write_text((root / MEETING).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    session.start_run()
    assert session.pages is pages  # a record: followed file by file, the caches kept
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    session.start_run()
    assert session.pages is not pages  # a setting: everything afresh
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    monkeypatch.setattr("generator.core.inputs.TEMPLATES", templates)
    before = settings_snapshot(root)
    (templates / "markdown" / "home.md.j2").write_text("changed\n", encoding="utf-8")
    assert settings_snapshot(root) != before  # a built-in template too


def test_an_edit_to_each_input_changes_what_the_running_preview_serves(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    meeting_url = base + "panel-meetings/north-2013-09-27/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port)],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_for(meeting_url, "Domestic abuse often recurs", server)

        # content/: a record's text
        _replace(root / MEETING, "Domestic abuse often recurs with a new partner.",
                 "Domestic abuse often recurs with a new partner (edited).")
        _wait_for(meeting_url, "new partner (edited)", server)

        # themes_data/: a theme's title, shown on the record's page
        _replace(root / "themes_data/themes/core-groups.yaml", "title: Core groups", "title: Core group meetings")
        _wait_for(meeting_url, "Core group meetings", server)

        # site.yaml: the site's name, in every page's header
        _replace(root / "site.yaml", "site_name: Mini learning site", "site_name: Mini learning library")
        _wait_for(meeting_url, "Mini learning library", server)

        # privacy-allowlist.yaml: a name the check stops, then acknowledged; only then does the page show it
        _replace(root / MEETING, "new partner (edited).", "new partner, said Mr John Smith.")
        found = [p for p in run_check(root).problems.errors if p.path == MEETING]
        assert len(found) == 1 and "person's name" in found[0].message, [str(p) for p in found]
        quoted = re.search(r'\("([^"]+)"\)', found[0].message).group(1)  # the text the check quotes
        time.sleep(3)
        page = fetch_text(meeting_url)
        assert "</html>" in page and "Mr John Smith" not in page  # the last good page, still served
        (root / "privacy-allowlist.yaml").write_text(
            f"allowed:\n  - text: {quoted}\n    file: {MEETING}\n    reason: A made-up name for this test.\n",
            encoding="utf-8")
        _wait_for(meeting_url, "said Mr John Smith", server)

        # mkdocs.yml: the engine's settings, which the generated configuration inherits
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
            f.write("\nsite_author: Preview Test Board\n")
        _wait_for(meeting_url, "Preview Test Board", server)

        # overrides/: the board's own template of a page
        own = root / "overrides" / "markdown" / "pages" / "about.md.j2"
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_text("---\ntitle: About\n---\n\n# About this site\n\nOur own words about the site.\n", encoding="utf-8")
        _wait_for(base + "about/", "Our own words about the site.", server)
    finally:
        stop(server)
        log.close()
