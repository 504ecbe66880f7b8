"""Preview with live reload (``make serve``): regenerate the pages whenever a record changes.

The pages are generated once, then ``mkdocs serve`` (a separate program) serves the generated
folder and reloads the browser whenever a generated file changes. A watcher here looks at
``content/``, ``themes_data/``, ``overrides/`` and ``site.yaml`` once a second and regenerates
through one generator.pipeline.session.Session, which reads again only the files that changed and
renders only the pages that show them; only pages whose text changed are rewritten, so MkDocs
rebuilds quickly. When an edit makes a record invalid, its problems are printed plainly and the last good pages stay served.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from generator.core.problems import GeneratorError
from generator.pipeline.session import Session

WATCHED = ("content", "themes_data", "overrides", "site.yaml", "mkdocs.yml")
"""What is watched for changes, relative to the project root."""

Snapshot = dict[str, tuple[float, int]]


def snapshot(root: Path) -> Snapshot:
    """(modification time, size) of every file watched, so any change, addition or removal shows."""
    found: Snapshot = {}
    for name in WATCHED:
        path = root / name
        paths = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for item in paths:
            if item.is_file() and not item.name.startswith(".") and not item.name.endswith("~"):
                stat = item.stat()
                found[item.relative_to(root).as_posix()] = (stat.st_mtime, stat.st_size)
    return found


def regenerate(root: Path, say: Callable[[str], None] = click.echo, session: Session | None = None) -> bool:
    """Check and write the pages; on problems print them and keep the last good pages. True when written.

    With ``session`` (what ``serve`` passes) only the records that changed are read again and only
    the pages that show them are rendered; without, everything is (a cold run).
    """
    from generator.cli.commands import report

    session = session or Session(root)
    try:
        summary = session.regenerate()
    except GeneratorError as exc:
        report(exc.problems, repeated=session.repeated_warnings(exc.problems))
        say(f"Not updated: {exc} The preview keeps showing the last good pages.")
        return False
    except Exception as exc:  # noqa: BLE001 - a preview must outlive a half-saved template; the error is shown
        say(f"Not updated: the pages could not be generated ({type(exc).__name__}: {exc}). "
            "The preview keeps showing the last good pages.")
        return False
    say(f"Updated: {summary.pages_written} page(s) changed, {summary.pages_removed} removed.")
    return True


def watch(root: Path, on_change: Callable[[], object], keep_going: Callable[[], bool], interval: float = 1.0) -> None:
    """Call ``on_change`` after each change under the watched folders, while ``keep_going()``."""
    before = snapshot(root)
    while keep_going():
        time.sleep(interval)
        now = snapshot(root)
        if now != before:
            time.sleep(0.2)  # let an editor finish saving
            before = snapshot(root)
            on_change()


def serve(root: Path, port: int = 8000) -> None:
    """Generate, then serve at http://127.0.0.1:PORT/ with live reload until interrupted (Ctrl+C)."""
    from generator.pipeline.build import GENERATED_DOCS
    from generator.site.engine import mkdocs_env

    root = root.resolve()
    config_file = root / GENERATED_DOCS.parent / "mkdocs.yml"
    session = Session(root)
    session.repeat_warnings = False  # each save shows what it changed, not the same warnings again
    if not regenerate(root, session=session) and not config_file.exists():
        raise GeneratorError("there are no good pages to preview yet: fix the problems above and run it again.")
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--watch-theme",
               "--config-file", str(config_file), "--dev-addr", f"127.0.0.1:{port}"]
    click.echo(f"Previewing at http://127.0.0.1:{port}/ – edit any record and the page reloads. Ctrl+C stops.")
    server = subprocess.Popen(command, cwd=config_file.parent, env=mkdocs_env())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server too when asked to stop
    try:
        watch(root, lambda: regenerate(root, session=session), lambda: server.poll() is None)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
