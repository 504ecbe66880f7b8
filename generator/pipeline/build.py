"""The build, top-down: load → validate → check safety → handouts → render → write → site → publish.

Each step is a function in the module named after its stage. Nothing is written to ``site/``
until every step has succeeded: the new site is assembled in a staging folder beside it and
swapped in at the end, so a failed build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from generator.core.problems import GeneratorError, Problems

GENERATED_DOCS = Path("build") / "docs"
"""Where the generated Markdown goes (relative to the project root); not committed."""


@dataclass
class BuildSummary:
    """What a build did, for the closing line people read."""

    records: int = 0
    """Records published (themes not counted)."""
    themes: int = 0
    """Theme pages published."""
    pages: int = 0
    """Markdown pages generated."""
    pages_written: int = 0
    """Pages whose content changed and were rewritten."""
    pages_removed: int = 0
    """Pages of deleted records that were removed."""
    handouts: int = 0
    """PDF handouts written."""
    withheld: int = 0
    """Records marked restricted, kept off the site and out of the handouts."""
    warnings: int = 0
    """Warnings from the check."""
    seconds: float = 0.0
    """Time taken, start to finish."""
    out: Path | None = None
    """Where the site was written."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each stage (for the benchmark)."""

    def describe(self) -> str:
        where = f" into {self.out}" if self.out else ""
        parts = [
            f"{self.pages} pages ({self.pages_written} changed, {self.pages_removed} removed)",
            f"{self.handouts} handouts",
            f"{self.records} records and {self.themes} themes published",
            f"{self.withheld} restricted record{'s' if self.withheld != 1 else ''} withheld",
            f"{self.warnings} warning{'s' if self.warnings != 1 else ''}",
        ]
        return f"Built{where}: " + ", ".join(parts) + f", in {self.seconds:.1f} s."


Progress = Callable[[str], None]


def _say(message: str) -> None:
    click.echo(message, err=True)


def prepare(root: Path, progress: Progress, summary: BuildSummary):
    """Load, validate and safety-check everything; stop once with every problem if any is an error."""
    from generator.checks.palette import check_palette
    from generator.checks.safety import publishable, scan_project
    from generator.content.project import load_project

    t = time.perf_counter()
    progress("Checking records…")
    project, problems = load_project(root)
    problems.extend(scan_project(project))
    check_palette(project.config, problems, root)
    summary.warnings = len(problems.warnings)
    summary.timings["load_validate"] = time.perf_counter() - t
    if problems.errors:
        raise GeneratorError(
            "the build found errors, so nothing was published. Fix them and build again "
            "(the last good site is still in place).",
            problems,
        )
    if problems.warnings:
        from generator.cli.commands import report

        report(problems)
    public, withheld = publishable(project)
    summary.withheld = len(withheld)
    summary.records = len([e for e in public.entries if e.kind != "theme"])
    summary.themes = len(public.entries) - summary.records
    return public, problems, withheld


def generate(root: Path, progress: Progress = _say, handout_info: dict | None = None,
             summary: BuildSummary | None = None) -> BuildSummary:
    """Check, then write the Markdown pages and the site configuration into build/docs.

    A cold run of a new generator.pipeline.session.Session: the same steps (load → validate → check safety
    → render → write), which ``make serve`` repeats with the session kept, redoing only what changed.
    """
    from generator.pipeline.session import Session

    return Session(root).regenerate(progress, handout_info, summary)


def build(root: Path, out: Path | None = None, handouts: bool = True, progress: Progress = _say) -> BuildSummary:
    """The whole build. Writes ``out`` (default ROOT/site) only when every step succeeded."""
    from generator.checks.safety import output_check
    from generator.handouts import build_all
    from generator.render.pages import render_pages
    from generator.site import publish
    from generator.site.engine import build_html
    from generator.site.feeds import write_feeds
    from generator.site.write import write_config, write_pages

    started = time.perf_counter()
    root = root.resolve()
    out = (out or root / "site").resolve()
    summary = BuildSummary(out=out)
    public, _, withheld = prepare(root, progress, summary)

    docs = root / GENERATED_DOCS
    with publish.staging(out) as staging:
        handout_info: dict = {}
        if handouts:
            t = time.perf_counter()
            progress("Making PDF handouts…")
            # Handouts go into the generated docs folder so that MkDocs copies them and checks links to them.
            handout_info = build_all(public, docs / "handouts", progress=progress)
            summary.handouts = sum(len(found) for found in handout_info.values())  # PDFs, not records
            summary.timings["handouts"] = time.perf_counter() - t

        t = time.perf_counter()
        progress("Writing pages…")
        pages = render_pages(public, handout_info)
        written, removed = write_pages(pages, docs)
        config_file = write_config(public, root, docs)
        write_feeds(public, docs)  # the panels' calendars and the Atom feed (issue 14)
        summary.pages, summary.pages_written, summary.pages_removed = len(pages), len(written), len(removed)
        summary.timings["render_write"] = time.perf_counter() - t

        # The final checks need only the withheld phrases and ids: take them now and let the records
        # and the pages go, so that this process holds little while MkDocs runs beside it.
        t = time.perf_counter()
        problems = Problems()
        check, build_date = output_check(public, staging.site, problems, withheld), public.config.build_date
        del public, withheld, pages, handout_info
        _release_memory()
        summary.timings["check_prepare"] = time.perf_counter() - t

        t = time.perf_counter()
        progress(f"Building the website ({summary.pages} pages)…")
        build_html(config_file, staging.site, build_date)
        summary.timings["site"] = time.perf_counter() - t

        t = time.perf_counter()
        check.run()
        if problems.errors:
            raise GeneratorError("the built site failed its final checks, so nothing was published.", problems)
        staging.commit()
        summary.timings["publish"] = time.perf_counter() - t

    summary.seconds = time.perf_counter() - started
    return summary


def _release_memory() -> None:
    """Collect what was let go, and hand the freed memory back to the system (glibc keeps it otherwise)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused by this process instead
        pass
