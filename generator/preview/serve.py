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

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from generator.core.inputs import snapshot
from generator.core.problems import GeneratorError, Problems, report_lines
from generator.pipeline.build import GENERATED_DOCS, generate
from generator.pipeline.session import Session
from generator.site.engine import mkdocs_env
from generator.site.preview_config import write_preview_config


class Reporter:
    """Prints each run's problems; warnings the same as the last run's are counted, not printed again
    (so each save shows what it changed, not the same list above it)."""

    def __init__(self) -> None:
        self._last: tuple[str, ...] | None = None

    def __call__(self, problems: Problems) -> None:
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


def serve(root: Path, port: int = 8000) -> None:
    """Generate, then serve at http://127.0.0.1:PORT/ with live reload until interrupted (Ctrl+C)."""
    root = root.resolve()
    config_file = root / GENERATED_DOCS.parent / "mkdocs.yml"
    session, reporter = Session(root), Reporter()
    if not regenerate(root, session=session, reporter=reporter) and not config_file.exists():
        raise GeneratorError("there are no good pages to preview yet: fix the problems above and run it again.")
    # build/mkdocs.yml INHERITs the project's mkdocs.yml, which MkDocs does not watch by itself: watching it
    # makes an edit to it rebuild with the configuration read again. The server rebuilds only the pages
    # whose file changed, and everything when the configuration or the theme's folder changes.
    preview_config = write_preview_config(config_file)
    command = [sys.executable, "-m", "generator.preview.htmlserver", "--config-file", str(preview_config),
               "--dev-addr", f"127.0.0.1:{port}", "--watch", str(root / "mkdocs.yml")]
    click.echo(f"Previewing at http://127.0.0.1:{port}/ – edit any record and the page reloads. Ctrl+C stops.")
    click.echo("Search is left out of the preview (it would find only the pages rebuilt since it started): "
               "`make site` builds the site with search.")
    server = subprocess.Popen(command, cwd=config_file.parent, env=mkdocs_env())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server too when asked to stop

    def on_change() -> None:
        if regenerate(root, session=session, reporter=reporter):
            write_preview_config(config_file)  # the project's mkdocs.yml may have changed its plugins

    try:
        watch(root, on_change, lambda: server.poll() is None)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
