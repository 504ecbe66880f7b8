"""Regenerate the pages again and again in one process (``make serve``), redoing only what an edit changed.

A ``Session`` keeps, for each record file (known by its path, modification time and size), the
loaded file, the validated record, its own problems and its privacy findings; a later
``regenerate()`` reloads only the files that changed, were added or were removed. The checks
across records (ids, theme and panel references) still run over every record, from cached
per-record results. Pages are rendered again only when something they show changed (see
generator.render.pagecache): a record's page when the record (or a record it shows, a theme title, its
handouts) changed, a theme page when a finding tagged with it changed, a listing page when the
titles, dates or summaries it lists changed. A change to site.yaml, privacy-allowlist.yaml,
overrides/ or the built-in templates starts afresh.

The pages are byte for byte what a cold render of the whole project writes (tests/test_session.py
checks it after every kind of edit), and restricted records are taken out before anything is rendered.

    session = Session(root)
    session.regenerate()          # the first run is a full one
    ...                           # edit a record
    session.regenerate()          # only that record, and the pages that show it
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.validate import Entry
from generator.core.problems import GeneratorError, Problems
from generator.pipeline.build import GENERATED_DOCS, BuildSummary, Progress
from generator.render.pagecache import PageCache

_versions = itertools.count(1)

GLOBAL_FILES = ("site.yaml", "privacy-allowlist.yaml", "overrides")
"""Files (and a folder) whose change makes the next run a full one: they affect every record or page
(so does a change to the built-in templates, generator/templates/)."""


@dataclass
class _File:
    """What the session remembers of one record file."""

    signature: tuple[int, int]
    """(modification time in ns, size) when it was read."""
    source: Any
    """The loaded file (generator.content.load.SourceFile)."""
    entry: Entry | None
    """The validated record, or None when the file has errors."""
    problems: list = field(default_factory=list)
    """Problems found while loading and validating this file on its own."""
    version: int = 0
    """Changes each time the file is read again: what page keys are made of."""
    meta: tuple | None = None
    """What listing pages show of its record (``_meta``), once asked for."""


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _tree_signature(root: Path) -> tuple:
    from generator.render.pages import TEMPLATES

    found: list = []
    for path in [*(root / name for name in GLOBAL_FILES), TEMPLATES]:  # the built-in templates too
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames.sort()
                for item in sorted(filenames):
                    found.append((os.path.join(dirpath, item), _signature(Path(dirpath) / item)))
        else:
            found.append((str(path), _signature(path)))
    return tuple(found)


class Session:
    """Regenerates a project's pages into build/docs, keeping what is unchanged between runs."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.loads = 0
        """How many record files were read (tests use it to see that unchanged files are not)."""
        self.repeat_warnings = True
        """False in the live preview: warnings the same as the last run's are counted, not printed again."""
        self._last_warnings: tuple[str, ...] | None = None
        self._reset()

    def _reset(self) -> None:
        self._global: tuple | None = None
        self._files: dict[Path, _File] = {}
        self._check_memo: dict = {}
        self._scan_memo: dict = {}
        self._pages = PageCache(self.root)
        self._config_written: Any = None
        self._written: dict[str, str] | None = None

    # ------------------------------------------------------------------ check

    def _load(self, problems: Problems) -> tuple[list[Entry], list]:
        from generator.content.load import load_file
        from generator.content.project import discover, display_path
        from generator.content.validate import validate_file

        paths = discover(self.root, problems)
        files: dict[Path, _File] = {}
        for path in paths:
            signature = _signature(path)
            known = self._files.get(path)
            if known is None or known.signature != signature or signature is None:
                own = Problems()
                self.loads += 1
                source = load_file(path, display_path(path, self.root), own)
                entry = validate_file(source, own) if source.data is not None else None
                known = _File(signature, source, entry, own.items, next(_versions))
            files[path] = known
        self._files = files
        entries, invalid = [], []
        for known in files.values():
            problems.items.extend(known.problems)
            if known.entry is not None:
                entries.append(known.entry)
            elif known.source.data is not None:
                invalid.append(known.source)
        return entries, invalid

    def check(self, summary: BuildSummary) -> tuple[Any, list[Entry], Problems]:
        """Load what changed, check everything; raise GeneratorError (like a cold check) on errors."""
        from generator.checks.palette import check_palette
        from generator.checks.safety import publishable, scan_project
        from generator.content.config import load_config
        from generator.content.project import Project
        from generator.content.validate import check_project

        signature = _tree_signature(self.root)
        if signature != self._global:
            self._reset()
            self._global = signature
        problems = Problems()
        config = load_config(self.root, problems)
        entries, invalid = self._load(problems)
        check_project(entries, problems, invalid, memo=self._check_memo)
        project = Project(root=self.root, config=config, entries=entries)
        problems.extend(scan_project(project, memo=self._scan_memo))
        check_palette(config, problems, self.root)
        live = {id(e) for e in entries}
        for memo in (self._check_memo, self._scan_memo, self._pages.index_memo):
            for key in [k for k in memo if k not in live]:
                del memo[key]
        summary.warnings = len(problems.warnings)
        if problems.errors:
            raise GeneratorError(
                "the build found errors, so nothing was published. Fix them and build again "
                "(the last good site is still in place).",
                problems,
            )
        public, withheld = publishable(project)
        summary.withheld = len(withheld)
        summary.records = len([e for e in public.entries if e.kind != "theme"])
        summary.themes = len(public.entries) - summary.records
        return public, withheld, problems

    def repeated_warnings(self, problems: Problems) -> bool:
        """True when this run's warnings need not be printed: in the live preview, they are the same as
        the last run's (so each save does not print the same list again above what that save did)."""
        shown = tuple(str(problem) for problem in problems.warnings)
        same, self._last_warnings = shown == self._last_warnings, shown
        return same and not self.repeat_warnings

    # ------------------------------------------------------------------ regenerate

    def regenerate(self, progress: Progress = lambda message: None, handout_info: dict | None = None,
                   summary: BuildSummary | None = None) -> BuildSummary:
        """Check, then write the pages that changed into build/docs (the first run does everything)."""
        from generator.site.feeds import write_feeds
        from generator.site.write import write_config, write_pages

        started = time.perf_counter()
        summary = summary or BuildSummary()
        t = time.perf_counter()
        progress("Checking records…")
        public, _, problems = self.check(summary)
        summary.timings["load_validate"] = time.perf_counter() - t
        if problems.warnings:
            from generator.cli.commands import report

            report(problems, repeated=self.repeated_warnings(problems))
        t = time.perf_counter()
        progress("Writing pages…")
        try:
            pages = self._pages.render(public, handout_info or {}, self._files)
        except BaseException:
            self._pages = PageCache(self.root)  # half-updated keys must not vouch for old pages
            raise
        docs = self.root / GENERATED_DOCS
        written, removed = write_pages(pages, docs, known=self._written)
        write_feeds(public, docs)  # the panels' calendars and the Atom feed (issue 14)
        self._written = pages
        if self._pages.records_key != self._config_written or not (docs.parent / "mkdocs.yml").is_file():
            write_config(public, self.root, docs)  # the navigation lists kinds and ids only
            self._config_written = self._pages.records_key
        summary.timings["render_write"] = time.perf_counter() - t
        summary.pages, summary.pages_written, summary.pages_removed = len(pages), len(written), len(removed)
        summary.seconds = time.perf_counter() - started
        return summary
