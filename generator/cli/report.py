"""Printing problems for people (the lines themselves are made by generator.core.problems.report_lines)."""

from __future__ import annotations

import click

from generator.core.problems import Problems, files_to_fix, report_lines

__all__ = ["report", "files_to_fix"]


def report(problems: Problems, *, show_warnings: bool = True, repeated: bool = False) -> None:
    """Print every problem on standard error, then the count (see report_lines)."""
    for line in report_lines(problems, show_warnings=show_warnings, repeated=repeated):
        click.echo(line, err=True)


def _escape(text: str) -> str:
    """GitHub's escaping for workflow commands (%, CR, LF; and , : in properties)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotations(problems: Problems) -> list[str]:
    """Each problem as a GitHub Actions workflow command, so the pull request shows it on its file and line."""
    out = []
    for problem in [*problems.errors, *problems.warnings]:
        level = "error" if problem in problems.errors else "warning"
        where = f"file={_escape(problem.path).replace(',', '%2C').replace(':', '%3A')}"
        if problem.line:
            where += f",line={problem.line}"
            if problem.column:
                where += f",col={problem.column}"
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        out.append(f"::{level} {where},title=Record check::{_escape(message)}")
    return out
