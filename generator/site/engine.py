"""Stage: site. Turn the generated Markdown into HTML with MkDocs, run as a separate program.

The generator never imports MkDocs: it runs ``python -m mkdocs build --strict`` on the generated
configuration, so a warning (a broken link, a missing anchor, a page MkDocs cannot read) fails
the build, and the warnings are reported as the build's problems.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

from generator.core.problems import GeneratorError, Problems

_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
_DOC = re.compile(r"Doc file '([^']+)'")


def mkdocs_env(build_date: str | None = None) -> dict[str, str]:
    """The environment for MkDocs: quiet about its own future (a banner, not a problem of the site).

    With ``build_date`` (site.yaml's declared YYYY-MM-DD), MkDocs dates the sitemap and its .gz
    with that day instead of today (SOURCE_DATE_EPOCH), so two builds give identical files.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if build_date:
        day = datetime.date.fromisoformat(build_date)
        env["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()))
    return env


def mkdocs_command(config_file: Path, site_dir: Path) -> list[str]:
    """The command that builds the site (strict: warnings are errors)."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
            "--site-dir", str(site_dir)]


def problems_from_log(log: str, docs_label: str = "build/docs") -> Problems:
    """MkDocs' warnings and errors as problems, each naming the generated page it is about."""
    problems = Problems()
    for raw in log.splitlines():
        match = _LINE.match(raw.strip())
        if not match:
            continue
        message = match.group(2).strip()
        doc = _DOC.search(message)
        path = f"{docs_label}/{doc.group(1)}" if doc else "mkdocs"
        problems.error(path, 0, 0, "", message)
    return problems


def build_html(config_file: Path, site_dir: Path, build_date: str | None = None) -> None:
    """Build the HTML site into ``site_dir``; raise GeneratorError with MkDocs' warnings if it fails."""
    config_file = Path(config_file).resolve()
    result = subprocess.run(
        mkdocs_command(config_file, Path(site_dir).resolve()), cwd=config_file.parent,
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=mkdocs_env(build_date),
    )
    if result.returncode != 0:
        log = result.stdout + "\n" + result.stderr
        problems = problems_from_log(log)
        if not problems:
            tail = [line for line in log.strip().splitlines() if line.strip()][-15:]
            problems.error("mkdocs", 0, 0, "", " / ".join(tail) or f"exited with status {result.returncode}")
        raise GeneratorError(
            "the website could not be built: MkDocs reported the problems above "
            "(usually a link to a page or section that does not exist). Nothing was published.",
            problems,
        )
