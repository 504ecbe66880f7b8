"""The web form (Decap CMS at /admin/ in `make edit`), driven as an officer would in Debian's Chromium.

One `python -m generator edit` runs for the module on a copy of the shipped project, with Decap's local
backend (decap-server from node_modules/) writing into that copy, and one page on the form, as one officer's
browser tab, that the tests take turns with. The browser refuses requests that would leave the machine, the
page's context lists any addressed elsewhere, and each test asserts there were none.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PROJECT_PARTS, ROOT, copy_project

from generator.cli.commands import main
from generator.core.processes import fetch, free_port, stop
from generator.pipeline.build import GENERATED_DOCS, generate

from .harness import DESKTOP, guarded_context

pytestmark = pytest.mark.browser

SHIPPED = [
    ("panel-meeting", "2013-09-27-cheltenham"),
    ("panel-meeting", "2013-05-31-forest-of-dean"),
    ("panel-meeting", "2013-06-24-cotswold"),
    ("panel", "gscb-case-review-panel"),
    ("forum-report", "falkirk-practitioner-forum-2013-03"),
    ("thematic-review", "hampshire-scr-mar-thematic-review-2015"),
    ("learning-circle", "second-subsequent-cp-plans"),
    ("theme", "domestic-abuse"),
]
"""Every shipped record (and a theme), by collection and file name."""


def _wait(condition, timeout: float = 90, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


@pytest.fixture(scope="module")
def editing(tmp_path_factory) -> Iterator[tuple[Path, str, list[str]]]:
    """(project, base address, terminal lines) of a running `python -m generator edit`."""
    if not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.fail("the web form's packages are not installed: run `make test` (it runs tools/node-deps.sh)", pytrace=False)
    root = copy_project(tmp_path_factory.mktemp("edit") / "project")
    shutil.copytree(ROOT / "admin", root / "admin")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "edit", "--root", str(root), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(lambda: fetch(base)[0] == 200 and fetch(base + "admin/check.json")[0] == 200, 180, "the preview")
        yield root, base, lines
    finally:
        stop(process)


@pytest.fixture(scope="module")
def form_page(browser, editing):
    """One page on the form for the module, as one officer's browser tab, signed in to the local backend."""
    _, base, _ = editing
    context = guarded_context(browser, base, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(60_000)  # the machine may be busy: MkDocs rebuilds beside the form
    page.on("dialog", lambda dialog: dialog.accept())  # "leave unsaved changes?" after a test that failed midway
    page.goto("admin/", wait_until="networkidle")
    page.get_by_role("button", name="Login").click()
    yield page
    context.close()
    assert context.request_count > 0


@pytest.fixture
def form(form_page, editing):
    """The form's page at its list of collections; the requests made outside the machine are checked after."""
    _, base, _ = editing
    outside = form_page.context.outside.requests
    before = len(outside)
    if form_page.url.startswith(base + "admin/"):  # Decap moves within its page
        form_page.goto("admin/#/")
    else:  # a test left for a preview page
        form_page.goto("admin/", wait_until="networkidle")
    form_page.get_by_text("Collections").first.wait_for()
    yield form_page
    assert not outside[before:], "the form requested things from outside the machine:\n" + "\n".join(outside[before:])


def _field(page, name: str, nth: int = 0):
    """A field of the form by its name in the record (Decap names each input NAME-field-N)."""
    return page.locator(f"[id^='{name}-field-']").nth(nth)


def _publish(page) -> None:
    page.get_by_text("Unsaved changes").first.wait_for()  # Decap saves only an entry it knows has changed
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now").click()
    page.get_by_text("Entry saved").first.wait_for()
    page.get_by_text("Unsaved changes").first.wait_for(state="hidden")


def _new_meeting(page, point: str) -> None:
    page.goto("admin/#/collections/panel-meeting/new")
    _field(page, "id").fill("stroud-2014-02-14")
    _field(page, "title").fill("Themes arising - Stroud 14/02/14")
    _field(page, "locality").fill("Stroud")
    _field(page, "date").fill("2014-02-14")
    page.get_by_role("button", name="Add themes arising").click()
    _field(page, "heading").fill("Understanding Domestic Abuse")
    _field(page, "themes").click()
    page.keyboard.type("Domestic abuse")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add points").click()
    page.locator("textarea[id^='text-field-']").first.fill(point)
    _publish(page)


def _check(root: Path, *paths: Path):
    return CliRunner().invoke(main, ["check", "--root", str(root), *map(str, paths)])


def test_a_panel_meeting_added_in_the_form_passes_check_and_appears_in_the_preview(editing, form) -> None:
    root, base, _ = editing
    _new_meeting(form, "Core groups need a shared understanding of the impact of domestic abuse.")
    path = root / "content" / "panel-meetings" / "2014-02-14-stroud.yaml"  # named from its date and place
    _wait(path.is_file, 30, "the saved file")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../generator/schemas/panel-meeting.schema.json"
    assert "date: 2014-02-14" in lines
    assert "      - text: Core groups need a shared understanding of the impact of domestic abuse." in lines
    result = _check(root, path)
    assert result.exit_code == 0, result.output
    _wait(lambda: "Core groups need a shared understanding" in fetch(base + "panel-meetings/stroud-2014-02-14/")[1],
          90, "the new meeting's page in the preview")
    form.goto(base + "panel-meetings/stroud-2014-02-14/", wait_until="domcontentloaded", timeout=90_000)
    assert form.get_by_role("heading", level=1).inner_text().startswith("Stroud panel, 14 February 2014")
    path.unlink()  # the next tests start from the shipped records


_PAGES: dict[str, dict[str, bytes]] = {}
"""The generated pages by the digest of the project's inputs they were generated from: each test restores the
shipped record it saved, so every test's pages before its save are the same inputs' and are generated once."""


def _inputs_digest(root: Path) -> str:
    """SHA-256 of every input file of the project (what copy_project copies), by path and bytes."""
    digest = hashlib.sha256()
    for part in PROJECT_PARTS:
        top = root / part
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _pages(root: Path, into: Path) -> dict[str, bytes]:
    """Every generated page of a copy of ``root`` (made into ``into``), path → bytes."""
    key = _inputs_digest(root)
    if key not in _PAGES:
        copy = copy_project(into, root)
        generate(copy)
        docs = copy / GENERATED_DOCS
        _PAGES[key] = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    return _PAGES[key]


@pytest.mark.parametrize(("collection", "slug"), SHIPPED)
def test_a_shipped_record_saved_in_the_form_gives_the_same_pages(editing, form, tmp_path, collection, slug) -> None:
    root, _, _ = editing
    folder = {"panel-meeting": "content/panel-meetings", "panel": "content/panel", "theme": "themes_data/themes",
              "forum-report": "content/forum-reports", "thematic-review": "content/thematic-reviews",
              "learning-circle": "content/learning-circles"}[collection]
    path = root / folder / f"{slug}.yaml"
    before_text = path.read_text(encoding="utf-8")
    try:
        _save_unchanged(form, root, path, collection, slug, before_text, tmp_path)
    finally:
        path.write_text(before_text, encoding="utf-8")  # the next test starts from the shipped record


def _save_unchanged(form, root: Path, path: Path, collection: str, slug: str, before_text: str, tmp_path: Path) -> None:
    before = _pages(root, tmp_path / "before")
    form.goto(f"admin/#/collections/{collection}/entries/{slug}")
    title = _field(form, "title")
    original = title.input_value()
    # Decap saves only an entry that differs from the one it opened: change the title and save, open the
    # record again, put the title back and save again
    title.fill(original + " (edited)")
    _publish(form)
    _wait(lambda: "(edited)" in path.read_text(encoding="utf-8"), 30, "the first save")
    form.reload()
    title = _field(form, "title")
    _wait(lambda: title.input_value().endswith(" (edited)"), 60, "the saved entry in the form")
    title.click()
    form.keyboard.press("Control+A")
    form.keyboard.insert_text(original)
    _publish(form)
    _wait(lambda: "(edited)" not in path.read_text(encoding="utf-8"), 30, "the second save")
    saved = path.read_text(encoding="utf-8")
    assert saved != before_text  # the form wrote the file again, in its own layout
    assert saved.splitlines()[0] == before_text.splitlines()[0]  # the schema line is kept
    checked = _check(root, path)
    assert checked.exit_code == 0, checked.output
    after = _pages(root, tmp_path / "after")
    assert after.keys() == before.keys()
    assert [name for name in before if before[name] != after[name]] == []


def test_a_child_s_name_saved_in_the_form_fails_the_check_and_the_preview_says_so(editing, form) -> None:
    root, base, terminal = editing
    _new_meeting(form, "The child Kayleigh was not seen alone by any professional.")
    path = root / "content" / "panel-meetings" / "2014-02-14-stroud.yaml"
    _wait(path.is_file, 30, "the saved file")
    try:
        result = _check(root, path)
        assert result.exit_code == 1
        assert re.search(r"themes_arising\[0\]\.points\[0\]\.text: looks like a person's name \(\"child Kayleigh\"\)",
                         result.output), result.output
        # the preview checked the save too: its page and the form show the message, and so does the terminal
        box = form.locator("#preview-check")
        box.wait_for(state="visible", timeout=60_000)
        assert 'looks like a person\'s name ("child Kayleigh")' in box.inner_text()
        assert any("child Kayleigh" in line for line in terminal)
        status, page = fetch(base + "panel-meetings/stroud-2014-02-14/")
        assert status in (200, 404) and "Kayleigh" not in page  # the preview answered, without it: never previewed either
    finally:
        path.unlink()
