"""The build, top-down: check → handouts → render → write → site → search index → final checks → publish.

``generate`` (check, render, write the Markdown and the site configuration) is what the live preview
calls after every edit, with the session it keeps; ``build`` is ``generate`` with a fresh session,
plus the handouts before it and the HTML site, its search index, its final checks and the publishing
after it. The first part runs in a child process that ends before MkDocs starts (memory). Nothing
is written to ``site/`` until every step has succeeded: the new site is assembled in a staging folder
beside it and swapped in at the end, so a failed build leaves the last good site exactly as it was.
Nothing here prints: ``progress`` gets a line for each step and ``report`` the problems found, and the
command line (or the preview) shows them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import firstnames
from generator.core.problems import GeneratorError, Problems
from generator.handouts import build_all, build_one
from generator.pipeline.check import BUILD_STOPPED, run_check
from generator.pipeline.session import Session
from generator.render.artifacts import HandoutIndex
from generator.site import publish
from generator.site.engine import build_html
from generator.site.feeds import FEED, write_feeds
from generator.site.finalcheck import output_check
from generator.site.search import build_search_index
from generator.site.write import PageWriter, write_config

GENERATED_DOCS = Path("build") / "docs"
"""Where the generated Markdown goes (relative to the project root); not committed."""

Progress = Callable[[str], None]
Report = Callable[[Problems], None]


def _quiet(_: object) -> None:
    """The default progress and report: say nothing."""


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
    search_pages: int = 0
    """Pages in the search index."""
    seconds: float = 0.0
    """Time taken, start to finish."""
    out: Path | None = None
    """Where the site was written."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each stage (for the benchmark)."""
    cpu_timings: dict[str, float] = field(default_factory=dict)
    """CPU seconds of the stages run in the child process (its own and its workers'), for the benchmark."""

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


def _checked(root: Path, session: Session, progress: Progress, report: Report, summary: BuildSummary,
             publishing: bool = False):
    t = time.perf_counter()
    progress("Checking records…")
    checked = run_check(root, session)
    if publishing:  # a skeleton's leftover examples stop a build (the preview only reminds)
        checked.unfinished_as_errors()
    summary.warnings = len(checked.problems.warnings)
    summary.timings["load_validate"] = time.perf_counter() - t
    checked.stop_on_errors(BUILD_STOPPED)
    if checked.problems.warnings:
        report(checked.problems)
    summary.withheld = len(checked.withheld)
    summary.records, summary.themes = checked.records, checked.themes
    return checked


def _write(root: Path, session: Session, public, handout_info: HandoutIndex, progress: Progress,
           summary: BuildSummary) -> Path:
    """Render every page whose inputs changed, write the pages that differ and the site configuration."""
    t = time.perf_counter()
    progress("Writing pages…")
    docs = root / GENERATED_DOCS
    writer = PageWriter(docs, known=session.written)  # each page written as soon as it is rendered
    pages = session.pages.render(public, handout_info, session.files.files, emit=writer.write)
    written, removed = writer.finish(pages)
    session.written = pages
    config_file = docs.parent / "mkdocs.yml"
    if session.pages.records_key != session.config_key or not config_file.is_file():
        write_config(public, root, docs)  # the navigation lists kinds, ids and titles only
        session.config_key = session.pages.records_key
    # the calendars and the Atom feed show what listings show of each record, and the panels' schedules
    feeds_key = (session.pages.records_key,
                 tuple(session.files.files[e.source.path].version for e in public.entries if e.kind == "panel"))
    if feeds_key != session.feeds_key or not (docs / FEED).is_file():
        write_feeds(public, docs)  # each file rewritten only when its bytes change
        session.feeds_key = feeds_key
    summary.pages, summary.pages_written, summary.pages_removed = len(pages), len(written), len(removed)
    summary.timings["render_write"] = time.perf_counter() - t
    return config_file


def generate(root: Path, session: Session | None = None, progress: Progress = _quiet, report: Report = _quiet,
             handout_info: HandoutIndex | None = None, summary: BuildSummary | None = None) -> BuildSummary:
    """Check, then write the Markdown pages and the site configuration into build/docs.

    With the ``session`` the preview keeps, only the files that changed are read again and only the pages
    that show them are rendered; without one, everything is (a cold run: a fresh session).
    """
    started = time.perf_counter()
    root = Path(root).resolve()
    session = session or Session(root)
    summary = summary or BuildSummary()
    checked = _checked(root, session, progress, report, summary)
    _write(root, session, checked.public, handout_info or {}, progress, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def build(root: Path, out: Path | None = None, handouts: bool = True, progress: Progress = _quiet,
          report: Report = _quiet) -> BuildSummary:
    """The whole build. Writes ``out`` (default ROOT/site) only when every step succeeded.

    The records are checked, the handouts made and the pages written by a child process that ends
    before MkDocs starts (``prepare``), so the memory they took is the system's again while MkDocs
    and then Pagefind run, each a program of its own: at any moment one of the three holds the
    records or the pages, never two (at 5,000 records each peaks under 1 GB; see README, Performance).
    """
    started = time.perf_counter()
    root = Path(root).resolve()
    out = (out or root / "site").resolve()
    with publish.staging(out) as staging:
        summary, config_file, build_date, check = _in_child(prepare, root, out, staging.site, handouts,
                                                              progress=progress, report=report)
        problems = check.problems

        t = time.perf_counter()
        progress(f"Building the website ({summary.pages} pages)…")
        build_html(config_file, staging.site, build_date)
        summary.timings["site"] = time.perf_counter() - t

        t = time.perf_counter()
        progress("Making the search index…")
        summary.search_pages = build_search_index(staging.site)
        summary.timings["search"] = time.perf_counter() - t

        t = time.perf_counter()
        check.run()
        if problems.errors:
            raise GeneratorError("the built site failed its final checks, so nothing was published.", problems)
        staging.commit()
        summary.timings["publish"] = time.perf_counter() - t

    summary.seconds = time.perf_counter() - started
    return summary


def prepare(root: Path, out: Path, site: Path, handouts: bool, progress: Progress = _quiet, report: Report = _quiet):
    """Check the records, make the handouts, write the pages and the site configuration; return
    (summary, configuration file, build date, the final check of ``site`` ready to run).

    The final check holds only the withheld phrases and ids, not the records or the pages."""
    summary = BuildSummary(out=out)
    session = Session(root, one_run=True)
    cpu = _cpu_clock()
    checked = _checked(root, session, progress, report, summary, publishing=True)
    summary.cpu_timings["load_validate"] = _cpu_clock() - cpu
    public, withheld = checked.public, checked.withheld
    del checked
    firstnames.release()  # the privacy check is done: its word lists are not needed to render
    docs = root / GENERATED_DOCS
    handout_info: HandoutIndex = {}
    if handouts:
        t, cpu = time.perf_counter(), _cpu_clock()
        progress("Making PDF handouts…")
        # Handouts go into the generated docs folder so that MkDocs copies them and checks links to them.
        printing = Problems()
        handout_info = build_all(public, docs / "handouts", progress=progress, warnings=printing)
        summary.handouts = sum(len(found) for found in handout_info.values())  # PDFs, not records
        if printing:
            summary.warnings += len(printing.warnings)
            report(printing)
        summary.timings["handouts"] = time.perf_counter() - t
        summary.cpu_timings["handouts"] = _cpu_clock() - cpu

    cpu = _cpu_clock()
    config_file = _write(root, session, public, handout_info, progress, summary)
    summary.cpu_timings["render_write"] = _cpu_clock() - cpu
    del session  # the theme index and what rendering kept: let them go before the final check's phrases are made

    t, cpu = time.perf_counter(), _cpu_clock()
    check = output_check(public, site, Problems(), withheld)
    summary.timings["check_prepare"] = time.perf_counter() - t
    summary.cpu_timings["check_prepare"] = _cpu_clock() - cpu  # the withheld records' phrases, from every record
    return summary, config_file, public.config.build_date, check


def _cpu_clock() -> float:
    """CPU seconds of this process and the workers it has waited for."""
    import resource

    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _child_main(queue, step: Callable, args: tuple) -> None:
    """In the child: run ``step``, passing progress lines and warnings to the parent as they come."""
    def progress(line: str) -> None:
        queue.put(("progress", line))

    def report(problems: Problems) -> None:
        queue.put(("report", problems))

    try:
        queue.put(("done", step(*args, progress=progress, report=report)))
    except GeneratorError as error:
        queue.put(("stopped", (str(error), error.problems)))
    except BaseException as error:  # an unexpected failure: raised again in the parent, as it was
        try:
            queue.put(("crashed", error))
        except Exception:  # an exception that cannot be sent: its words, then
            queue.put(("crashed", RuntimeError(f"{type(error).__name__}: {error}")))


def _in_child(step: Callable, *args, progress: Progress, report: Report):
    """Run ``step(*args)`` in a child process and return what it returned; its memory goes back to
    the system when it ends. Forked where the system allows (Linux), so it sees what the parent
    has set up; a fresh interpreter elsewhere."""
    import multiprocessing
    import queue as queues
    import sys

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    channel = context.Queue()
    child = context.Process(target=_child_main, args=(channel, step, args), name="generator-prepare")
    child.start()
    try:
        while True:
            try:
                kind, value = channel.get(timeout=1.0)
            except queues.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"the build's preparing process ended unexpectedly (exit code {child.exitcode})") from None
                continue
            if kind == "progress":
                progress(value)
            elif kind == "report":
                report(value)
            elif kind == "done":
                return value
            elif kind == "stopped":
                raise GeneratorError(*value)
            else:
                raise value
    finally:
        child.join(timeout=60)
        if child.is_alive():  # the parent was interrupted: the child's work is of no use now
            child.terminate()
            child.join()
        channel.close()


def handout(root: Path, record_id_or_theme_id: str, out: Path, report: Report = _quiet) -> list[Path]:
    """Check the project (the same check as a build), then make one record's or theme's handouts into ``out``."""
    checked = run_check(root).stop_on_errors("the check found errors, so no handout was made. Fix them and try again.")
    if checked.problems.warnings:
        report(checked.problems)
    printing = Problems()
    paths = build_one(checked.project, checked.public, record_id_or_theme_id, out, warnings=printing)
    if printing:
        report(printing)
    return paths
