"""The board's quarterly themes reports as pages (reports/index.md and one page per quarter)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.index.report import Report, build_report, collection, quarters
from generator.render.svg import theme_bars_figure

FOLDER = "reports"


def report_key(report: Report) -> str:
    """The report's handout key (its PDF): 'report:2013-04-01-to-2013-06-30'."""
    return f"report:{report.slug}"


NAMED_UP_TO = 12
"""A period with more meetings and events than this numbers its list of them, and its table of themes says
where each theme arose by those numbers rather than by name (143 events of 47 themes named in full were
287 KB of one page)."""


def numbered(report: Report) -> bool:
    """Whether the report's meetings and events are numbered (and its table of themes refers to them so)."""
    return len(report.events) > NAMED_UP_TO


def chart(report: Report) -> Markup:
    """The report's bar chart of themes, with its data table (trusted SVG: every text escaped)."""
    if numbered(report):
        where: dict[str, list[str]] = {}
        for n, event in enumerate(report.events, 1):
            for tag in event.themes:
                where.setdefault(tag, []).append(str(n))
        rows = [(t.title, t.count, ", ".join(where[t.id])) for t in report.themes]
        heading = "Where (by number in the list of meetings and events)"
    else:
        rows, heading = [(t.title, t.count, ", ".join(t.where)) for t in report.themes], "Where"
    return Markup(theme_bars_figure(rows, f"themes-{report.slug}", f"Themes arising, {report.label}",
                                    len(report.events), where_heading=heading))


def quarter_reports(public: Any, memo: Any = None, actions: list | None = None) -> list[Report]:
    """One report per calendar quarter that holds a dated meeting or event (``memo``, ``actions``: see
    generator.index.report.collection)."""
    collected = collection(public, memo, actions)
    return [build_report(public, start, end, collected) for start, end in quarters(public, collected)]


def report_pages(public: Any, where: dict[str, str], memo: Any = None, actions: list | None = None
                 ) -> dict[str, tuple[str, dict[str, Any]]]:
    """The reports' index and each quarter's page; ``where``: the tracker page of each action's full
    entry, by its anchor (each report page is given those of its own actions only); ``memo``, ``actions``:
    see generator.index.report.collection."""
    reports = quarter_reports(public, memo, actions)
    pages: dict[str, tuple[str, dict[str, Any]]] = {
        f"{FOLDER}/index.md": ("reports.md.j2", {"reports": reports, "handout_keys": tuple(map(report_key, reports))}),
    }
    for report in reports:
        pages[f"{FOLDER}/{report.slug}.md"] = ("report.md.j2", {
            "report": report, "chart": chart(report), "numbered": numbered(report), "handout_key": report_key(report),
            "where": {a.anchor: where[a.anchor] for a in (*report.completed, *report.planned, *report.overdue,
                                                          *report.other)},
            "handout_keys": (report_key(report),)})
    return pages
