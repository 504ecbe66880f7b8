"""Preview with live reload (``make serve``): run the same ``generate`` as a build after every edit.

The pages are generated once, then generator.preview.htmlserver (a separate program, MkDocs inside)
serves the generated folder and reloads the browser whenever a generated file changes. A watcher
here looks at every input of the project (generator.core.inputs: the records, site.yaml,
privacy-allowlist.yaml, mkdocs.yml, overrides/ and the built-in templates) every 0.4 s and calls
``generator.pipeline.build.generate`` again with one kept session, which reads again only the
files that changed and renders only the pages that show them; only pages whose text changed are
rewritten, and the HTML server (MkDocs' build kept in memory) turns only those into HTML again.
When an edit makes a record invalid, its problems are printed plainly and the last good pages stay
served.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from generator.core.inputs import snapshot
from generator.core.problems import GeneratorError, Problems, report_lines
from generator.core.processes import free_port, stop
from generator.pipeline.build import GENERATED_DOCS, generate
from generator.pipeline.session import Session
from generator.preview.front import CheckStatus, FrontServer
from generator.site.engine import mkdocs_env
from generator.site.preview_config import write_preview_config


class Reporter:
    """Prints each run's problems; warnings the same as the last run's are counted, not printed again
    (so each save shows what it changed, not the same list above it)."""

    def __init__(self) -> None:
        self._last: tuple[str, ...] | None = None
        self.problems = Problems()
        """What the last run found (the preview's pages and the web form show it)."""

    def __call__(self, problems: Problems) -> None:
        self.problems = problems
        shown = tuple(str(problem) for problem in problems.warnings)
        repeated, self._last = shown == self._last, shown
        for line in report_lines(problems, repeated=repeated):
            click.echo(line, err=True)


def regenerate(root: Path, say: Callable[[str], None] = click.echo, session: Session | None = None,
               reporter: Reporter | None = None) -> bool:
    """Check and write the pages; on problems print them and keep the last good pages. True when written.

    With ``session`` (what ``serve`` passes) only the records that changed are read again and only
    the pages that show them are rendered; without, everything is (a cold run).
    """
    reporter = reporter or Reporter()
    try:
        summary = generate(root, session=session, report=reporter)
    except GeneratorError as exc:
        reporter(exc.problems)
        say(f"Not updated: {exc} The preview keeps showing the last good pages.")
        return False
    except Exception as exc:  # noqa: BLE001 - a preview must outlive a half-saved template; the error is shown
        say(f"Not updated: the pages could not be generated ({type(exc).__name__}: {exc}). "
            "The preview keeps showing the last good pages.")
        return False
    say(f"Updated: {summary.pages_written} page(s) changed, {summary.pages_removed} removed.")
    return True


def watch(root: Path, on_change: Callable[[], object], keep_going: Callable[[], bool], interval: float = 0.4) -> None:
    """Call ``on_change`` after each change to any input of the project, while ``keep_going()``."""
    before = snapshot(root)
    while keep_going():
        time.sleep(interval)
        now = snapshot(root)
        if now != before:
            time.sleep(0.1)  # let an editor finish saving
            before = snapshot(root)
            on_change()


def mkdocs_lines(lines: Iterable[str]) -> Iterator[str]:
    """MkDocs' log without what means nothing to an officer: the list of pages "not included in the nav"
    (about 60 lines: the generated site links its pages from listings, not from the menu), its own
    address (the inner port; people open the preview's) and browsers' requests for a favicon."""
    skipping = False
    for line in lines:
        text = line.rstrip("\n")
        if skipping and text.startswith(("  - ", "\t- ")):
            continue
        skipping = "not included in the \"nav\" configuration" in text
        if skipping or "Serving on http" in text or '"GET /favicon.ico' in text:
            continue
        yield text


def _relay(stream, say: Callable[[str], None]) -> None:
    for text in mkdocs_lines(iter(stream.readline, "")):
        say(text)


def start_backend(root: Path, port: int) -> subprocess.Popen:
    """Decap's local backend (decap-server, from node_modules/), which writes the form's saves into ROOT."""
    node = shutil.which("node")
    script = root / "node_modules" / "decap-server" / "dist" / "index.js"
    if node is None or not script.is_file():
        raise GeneratorError(
            "the web form needs Node.js and its packages, which are not installed yet. Run 'make edit', which "
            "installs them (tools/node-deps.sh), or on Debian: sudo apt-get install nodejs npm, then tools/node-deps.sh.")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root),
           "MODE": "fs", "LOG_LEVEL": "warn"}
    return subprocess.Popen([node, str(script)], cwd=root, env=env, stdin=subprocess.DEVNULL)


def serve(root: Path, port: int = 8000, edit: bool = False) -> None:
    """Generate, then serve at http://127.0.0.1:PORT/ with live reload until interrupted (Ctrl+C).

    The pages come from MkDocs on an inner port, through the preview's front door (generator.preview.front),
    which also serves the web form at /admin/ and what the last check found. With ``edit`` (``make edit``)
    Decap's local backend runs too, so the form's saves are written into the project's files, checked again
    and shown in the preview.
    """
    root = root.resolve()
    config_file = root / GENERATED_DOCS.parent / "mkdocs.yml"
    session, reporter, status = Session(root), Reporter(), CheckStatus()
    backend = start_backend(root, backend_port := free_port()) if edit else None
    try:
        updated = regenerate(root, session=session, reporter=reporter)
        status.record(reporter.problems, updated)
        if not updated and not config_file.exists():
            raise GeneratorError("there are no good pages to preview yet: fix the problems above and run it again.")
        inner = free_port()
        # build/mkdocs.yml INHERITs the project's mkdocs.yml, which MkDocs does not watch by itself: watching it
        # makes an edit to it rebuild with the configuration read again. The HTML server (htmlserver.py) keeps
        # MkDocs' build in memory and rebuilds only the pages whose file changed, everything when the
        # configuration or the theme's folder changes; its configuration leaves search out.
        preview_config = write_preview_config(config_file)
        command = [sys.executable, "-m", "generator.preview.htmlserver", "--config-file", str(preview_config),
                   "--dev-addr", f"127.0.0.1:{inner}", "--watch", str(root / "mkdocs.yml")]
        front = FrontServer(root, port, inner, backend_port if edit else None, status)
        server = subprocess.Popen(command, cwd=config_file.parent, env=mkdocs_env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
        threading.Thread(target=_relay, args=(server.stdout, lambda t: click.echo(t, err=True)), daemon=True).start()
        front.start()
    except BaseException:
        if backend is not None:
            stop(backend)
        raise
    if edit:
        click.echo(f"Open http://127.0.0.1:{port}/admin/ to add or edit records (the site's preview is at "
                   f"http://127.0.0.1:{port}/). Every save is checked; Ctrl+C stops.")
    else:
        click.echo(f"Previewing at http://127.0.0.1:{port}/ – edit any record and the page reloads. Ctrl+C stops.")
    click.echo("Search is left out of the preview (it would find only the pages rebuilt since it started): "
               "`make site` builds the site with search.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server too when asked to stop

    def again() -> None:
        reporter.problems = Problems()  # a run without warnings or errors does not report
        updated = regenerate(root, session=session, reporter=reporter)
        status.record(reporter.problems, updated)
        if updated:
            write_preview_config(config_file)  # the project's mkdocs.yml may have changed its plugins

    try:
        watch(root, again, lambda: server.poll() is None and (backend is None or backend.poll() is None))
    except KeyboardInterrupt:
        pass
    finally:
        front.shutdown()
        stop(server)
        if backend is not None:
            stop(backend)
