"""Thin click commands over the pipeline. Expected failures print as sentences, never tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.report import files_to_fix, report
from generator.core.problems import GeneratorError

ROOT_OPTION = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
    help="The project folder (the one holding content/ and themes_data/).",
)


class Group(click.Group):
    """Turns GeneratorError into a plain message and exit status 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except GeneratorError as exc:
            report(exc.problems)
            click.secho(f"Stopped: {exc}", fg="red", err=True)
            if files_to_fix(exc.problems):
                click.secho(files_to_fix(exc.problems), fg="red", err=True)
            sys.exit(1)


@click.group(cls=Group)
@click.version_option(package_name="safeguarding-learning")
def main() -> None:
    """Publish safeguarding learning: check YAML records, build the website and handouts."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@click.option("--quiet", is_flag=True, help="Show errors only, not warnings.")
@click.option("--github", is_flag=True, help="Also write each problem as a GitHub annotation (the pull-request check).")
def check(paths: tuple[Path, ...], root: Path, quiet: bool, github: bool) -> None:
    """Check records without building. With PATHS, report only those files or folders."""
    from generator.pipeline.check import run_check

    checked = run_check(root, only=list(paths) or None)
    report(checked.problems, show_warnings=not quiet)
    if github:
        from generator.cli.report import github_annotations

        for line in github_annotations(checked.problems):
            click.echo(line)
    if checked.problems.errors:
        click.secho("Check failed: fix the errors above, then run the check again.", fg="red", err=True)
        click.secho(files_to_fix(checked.problems), fg="red", err=True)
        sys.exit(1)
    records = len([e for e in checked.project.entries if e.kind != "theme"])
    themes = len(checked.project.entries) - records
    click.secho(f"Check passed: {records} records and {themes} themes are valid.", fg="green")


def say(message: str) -> None:
    """A progress line, on standard error (standard output keeps the one-line summary)."""
    click.echo(message, err=True)


@main.command()
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where to write the site (default: ROOT/site).")
@click.option("--no-handouts", is_flag=True, help="Skip the PDF handouts (faster previews).")
def build(root: Path, out: Path | None, no_handouts: bool) -> None:
    """Check, generate and build the whole site and handouts into site/."""
    from generator.pipeline.build import build as run_build

    summary = run_build(root, out=out, handouts=not no_handouts, progress=say, report=report)
    click.echo(summary.describe())


@main.command()
@ROOT_OPTION
def generate(root: Path) -> None:
    """Check and write the generated Markdown and site configuration only (no HTML)."""
    from generator.pipeline.build import generate as run_generate

    summary = run_generate(root, progress=say, report=report)
    click.echo(summary.describe())


@main.command()
@ROOT_OPTION
@click.option("--port", default=8000, show_default=True, help="The port to preview on.")
def serve(root: Path, port: int) -> None:
    """Preview the site at http://127.0.0.1:PORT/, rebuilding when a record changes."""
    from generator.preview.serve import serve as run_serve

    run_serve(root, port=port)


@main.command()
@ROOT_OPTION
@click.option("--port", default=8000, show_default=True, help="The port to open the form and the preview on.")
def edit(root: Path, port: int) -> None:
    """Edit records in the web form at http://127.0.0.1:PORT/admin/, with the preview and the check behind it."""
    from generator.preview.serve import serve as run_serve

    run_serve(root, port=port, edit=True)


@main.command()
@click.argument("record_id")
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site/handouts"), show_default=True)
def handout(record_id: str, root: Path, out: Path) -> None:
    """Build one PDF handout, for a record id or a theme id."""
    from generator.pipeline.build import handout as make_handout

    for path in make_handout(root, record_id, out, report=report):
        click.echo(f"Wrote {path}")


@main.command("report")
@click.option("--from", "start", required=True, help="The period's first day, YYYY-MM-DD (e.g. 2013-04-01).")
@click.option("--to", "end", required=True, help="The period's last day, YYYY-MM-DD (e.g. 2013-09-30).")
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build/reports"), show_default=True)
def board_report(start: str, end: str, root: Path, out: Path) -> None:
    """Write the board's themes report for a period (A4 PDF and a web page)."""
    from generator.pipeline.report import write_report

    for path in write_report(root, start, end, out):
        click.echo(f"Wrote {path}")


@main.command()
@click.argument("kind")
@ROOT_OPTION
@click.option("--id", "record_id", default=None, help="The new record's id (default: an example id).")
def new(kind: str, root: Path, record_id: str | None) -> None:
    """Write a commented YAML skeleton for a new record of KIND."""
    from generator.tools.scaffold import new_record

    path = new_record(root, kind, record_id)
    click.echo(f"Wrote {path}. Replace every 'EXAMPLE' value, delete the optional fields you do not need, "
               "then check it: make check")


@main.command()
@ROOT_OPTION
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed schemas differ from the models.")
def schemas(root: Path, check_only: bool) -> None:
    """Write the JSON Schemas (for editors) generated from the models."""
    from generator.tools.schemas import write_schemas

    changed = write_schemas(root, check_only=check_only)
    if check_only and changed:
        raise GeneratorError(f"these schemas are out of date: {', '.join(changed)}. Run: python -m generator schemas")
    click.echo("Schemas are up to date." if not changed else f"Wrote {len(changed)} schema(s).")


@main.command()
@ROOT_OPTION
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed form configuration differs from the models.")
@click.option("--publish", "publish_to", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the hosted form (GitHub backend) into this folder, e.g. site/admin.")
def cms(root: Path, check_only: bool, publish_to: Path | None) -> None:
    """Write the web form's configuration (Decap CMS, admin/) generated from the models and themes."""
    from generator.tools.cms import publish_admin, write_cms

    if publish_to is not None:
        files = publish_admin(root, publish_to)
        click.echo(f"Wrote the hosted web form into {publish_to} ({len(files)} files).")
        return

    changed = write_cms(root, check_only=check_only)
    if check_only and changed:
        raise GeneratorError(f"the web form's configuration is out of date: {', '.join(changed)}. "
                             "Run: python -m generator cms")
    click.echo("The web form's configuration is up to date." if not changed else f"Wrote {len(changed)} file(s) in admin/.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@click.option("--check", "check_only", is_flag=True, help="Say what would change; write nothing.")
def migrate(paths: tuple[Path, ...], root: Path, check_only: bool) -> None:
    """Rewrite records into the one shape the web form writes (points as 'text: …'), keeping comments."""
    from generator.tools.migrate import migrate as run_migrate

    result = run_migrate(root, list(paths) or None, check_only=check_only)
    for shown, count in sorted(result.changed.items()):
        click.echo(f"{shown}: {'would rewrite' if check_only else 'rewrote'} {count} value(s) written as plain text")
    for shown, why in sorted(result.skipped.items()):
        click.echo(f"{shown}: {why}", err=True)
    click.echo(f"{len(result.changed)} of {result.files} file(s) {'need' if check_only else 'were'} rewritten.")
    if check_only and result.changed:
        sys.exit(1)
