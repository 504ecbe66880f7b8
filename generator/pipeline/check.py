"""Stage: check. The one check every command goes through: load → validate → checks across records →
personal data and links → palette → dates (schedules, change notes, reviews, contacts) → what may be published.

``check``, ``build``, ``generate``, ``serve``, ``handout ID`` and the pre-commit hook all call
``run_check`` with the same checks and the same messages; the live preview passes the session it
keeps (only changed files are read again), every other command a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.checks.actions import check_actions
from generator.checks.dates import check_dates
from generator.checks.palette import check_palette
from generator.checks.safety import publishable, scan_project
from generator.content.project import Project, load_project, wanted_files
from generator.content.validate import UNFINISHED
from generator.core.problems import GeneratorError, Problems, Severity
from generator.pipeline.session import Session


@dataclass
class Checked:
    """What the check found, and what may be published."""

    project: Project
    """Every valid record, restricted ones included."""
    public: Project
    """The records that may be published (restricted ones taken out)."""
    withheld: list[Any] = field(default_factory=list)
    """The records marked restricted."""
    problems: Problems = field(default_factory=Problems)
    """Every problem found (with ``only``: those in the files named)."""

    @property
    def records(self) -> int:
        """Published records, themes not counted."""
        return len([e for e in self.public.entries if e.kind != "theme"])

    @property
    def themes(self) -> int:
        return len(self.public.entries) - self.records

    def unfinished_as_errors(self) -> Checked:
        """Make the reminders that a skeleton still holds its example values errors (what a build does: the
        check and the preview only remind, while a record is being written)."""
        for i, problem in enumerate(self.problems.items):
            if problem.severity is Severity.WARNING and UNFINISHED in problem.message:
                self.problems.items[i] = replace(
                    problem, severity=Severity.ERROR,
                    message=problem.message + " A record still holding them is not published.")
        return self

    def stop_on_errors(self, message: str) -> Checked:
        """Raise GeneratorError (every problem with it) when anything is an error; else return self."""
        if self.problems.errors:
            raise GeneratorError(message, self.problems)
        return self


BUILD_STOPPED = ("the build found errors, so nothing was published. Fix them and build again "
                 "(the last good site is still in place).")
"""What a build or a preview says when the check found errors."""


def run_check(root: Path, session: Session | None = None, only: list[Path] | None = None) -> Checked:
    """Check the whole project; with ``only``, report the problems of those files (or folders) alone.

    Files named in ``only`` outside content/ and themes_data/ are checked too. The checks are the
    same whichever files are named: a file's problems can come from another (a duplicate id).
    """
    session = session or Session(root)
    session.start_run()
    root = session.root
    project, problems = load_project(root, cache=session.files, extra=list(only or ()))
    problems.extend(scan_project(project, memo=session.scans))
    session.scans.keep_only(project.entries)
    check_palette(project.config, problems, project.settings)
    problems.extend(check_dates(project))  # schedules, change notes, reviews due, contacts
    problems.extend(check_actions(project))  # what raised each action, responses, overdue actions
    if only:
        wanted = wanted_files(root, list(only))
        kept = Problems([p for p in problems.items if p.path in wanted])
        for missing in sorted(w for w in wanted if not (root / w).exists() and not Path(w).exists()):
            kept.error(missing, 0, 0, "", "does not exist.")
        problems = kept
    public, withheld = publishable(project)
    return Checked(project=project, public=public, withheld=withheld, problems=problems)
