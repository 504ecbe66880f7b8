"""Problems found in the input, collected across all files and reported together.

A problem names the file, the line and column, the field, and says in plain English what is
wrong and what was expected. The build stops once, after every problem has been collected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a second look) in one place of one file."""

    path: str
    """The file, as given on the command line or relative to the project folder."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    column: int
    """1-based column number; 0 when not known."""
    field: str
    """Where in the record, e.g. ``themes_arising[2].points[0]``; empty for the whole file."""
    message: str
    """What is wrong and what was expected, in words a board officer understands."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        label = "warning: " if self.severity is Severity.WARNING else ""
        field_part = f" {self.field}:" if self.field else ""
        return f"{where}:{field_part} {label}{self.message}"


@dataclass
class Problems:
    """A collection of problems from every file in one run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def error(self, path: str | Path, line: int, column: int, field_name: str, message: str) -> None:
        self.add(Problem(str(path), line, column, field_name, message, Severity.ERROR))

    def warning(self, path: str | Path, line: int, column: int, field_name: str, message: str) -> None:
        self.add(Problem(str(path), line, column, field_name, message, Severity.WARNING))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity is Severity.WARNING)

    def __bool__(self) -> bool:
        return bool(self.items)


class GeneratorError(Exception):
    """An expected failure: the CLI prints it as sentences, never as a traceback."""

    def __init__(self, message: str, problems: Problems | None = None):
        super().__init__(message)
        self.problems = problems or Problems()


def format_path_loc(loc: tuple[str | int, ...]) -> str:
    """Turn ``('themes_arising', 2, 'points', 0)`` into ``themes_arising[2].points[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def report_lines(problems: Problems, *, show_warnings: bool = True, repeated: bool = False) -> list[str]:
    """Every problem as a line for people, warnings first so the errors end up nearest the summary, then a
    one-line count ([] when there is nothing to say). The command line and the preview print them.

    ``repeated``: the warnings are the same as the last run's (live preview), so they are counted, not shown."""
    lines = [str(problem) for problem in problems.warnings] if show_warnings and not repeated else []
    lines += [str(problem) for problem in problems.errors]
    n_err, n_warn = len(problems.errors), len(problems.warnings)
    if n_err or n_warn:
        same = "" if not repeated or not n_warn else f" (the same warning{'s' if n_warn != 1 else ''} as last time, not shown again)"
        lines.append(f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}{same}.")
    return lines


def files_to_fix(problems: Problems) -> str:
    """'Files to fix: a.yaml, b.yaml.' for the record and settings files with errors ('' when none).

    Problems found in the built output name generated files, which are not for fixing by hand."""
    files = sorted({p.path for p in problems.errors if p.path.endswith((".yaml", ".yml"))})
    return f"Files to fix: {', '.join(files)}." if files else ""
