"""Printing problems for people (the lines themselves are made by generator.core.problems.report_lines)."""

from __future__ import annotations

import click

from generator.core.problems import Problems, files_to_fix, report_lines

__all__ = ["report", "files_to_fix"]


def report(problems: Problems, *, show_warnings: bool = True, repeated: bool = False) -> None:
    """Print every problem on standard error, then the count (see report_lines)."""
    for line in report_lines(problems, show_warnings=show_warnings, repeated=repeated):
        click.echo(line, err=True)
