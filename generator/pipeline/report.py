"""``python -m generator report --from … --to …``: the board's themes report for any period, as an A4 PDF
and a web page (HTML), through the one check (restricted records never reach it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.core.files import write_if_changed
from generator.core.problems import GeneratorError
from generator.handouts import _render_all, render_html
from generator.handouts.plan import report_handout
from generator.index.report import build_report
from generator.pipeline.check import run_check
from generator.render.reports import chart


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise GeneratorError(f"--{name} '{value}' is not a date written as YYYY-MM-DD, for example 2013-04-01.") from None


def write_report(root: Path, start: str, end: str, out: Path) -> list[Path]:
    """Write report-START-to-END.pdf and .html into ``out``; return their paths."""
    first, last = _day(start, "from"), _day(end, "to")
    if last < first:
        raise GeneratorError(f"--to {end} is before --from {start}: give the period's first day, then its last.")
    checked = run_check(Path(root)).stop_on_errors("the records have errors, so no report was made. Fix them first.")
    public = checked.public
    report = build_report(public, first, last)
    handout = report_handout(public, report, f"report:{report.slug}", chart(report))
    handout.filename = f"report-{report.slug}.pdf"
    _, made, data = _render_all(public, [handout], None, lambda _: None)
    out = Path(out)
    pdf = out / handout.filename
    html = out / f"report-{report.slug}.html"
    write_if_changed(pdf, data[handout.filename])
    write_if_changed(html, render_html(public, handout).encode("utf-8"))
    return [pdf, html]
