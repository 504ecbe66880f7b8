"""Figures drawn from the data as inline SVG: the reflective cycle and the forum attendance chart.

Every figure has real <text>, a <title> and <desc> (role="img", aria-labelledby) and a text
equivalent beside it (an ordered list, a data table). Colours come from ``currentColor`` and the
site's CSS variables, so they follow the board's palette and its contrast checks; the handouts
reuse these functions for the PDFs. Where the source lost a figure, a visible "data slot" says
what is known instead: numbers are never invented.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any


@dataclass(frozen=True)
class Step:
    """One labelled step of a cycle, as listed beside the drawing."""

    label: str
    """The step's name, e.g. 'Experience' (drawn in the diagram)."""
    href: str | None = None
    """Where the step is explained, e.g. '#experience' (used in the text list, not the drawing)."""
    note: str | None = None
    """A short line shown after the step in the text list, e.g. its question."""


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _wrap(label: str, width: int = 13) -> list[str]:
    """Split a label into lines of about ``width`` characters, on spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def cycle_svg(steps: list[str], ident: str, title: str, description: str) -> str:
    """An inline SVG of ``steps`` arranged clockwise on a circle, joined by arrows (last back to first)."""
    n = len(steps)
    size, radius, box_w, box_h = 420, 140, 130, 58
    cx = cy = size / 2
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    parts = [
        f'<svg class="sl-cycle" viewBox="0 0 {size} {size}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(description)}</desc>',
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
    ]
    gap = (box_w / 2 + 12) / radius if n > 1 else 0  # leave room for the boxes at both ends of each arc
    for i in range(n if n > 1 else 0):
        start, end = angles[i] + gap, angles[(i + 1) % n] - gap + (2 * math.pi if i == n - 1 else 0)
        x1, y1 = cx + radius * math.cos(start), cy + radius * math.sin(start)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        large = 1 if end - start > math.pi else 0
        parts.append(
            f'<path class="sl-cycle-arrow" d="M{x1:.1f},{y1:.1f} A{radius},{radius} 0 {large} 1 {x2:.1f},{y2:.1f}" '
            f'fill="none" stroke="currentColor" stroke-width="2.5" marker-end="url(#{ident}-arrow)"/>'
        )
    for i, (label, angle) in enumerate(zip(steps, angles, strict=True)):
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        lines = _wrap(label)
        parts.append(
            f'<g class="sl-cycle-step"><rect x="{x - box_w / 2:.1f}" y="{y - box_h / 2:.1f}" width="{box_w}" '
            f'height="{box_h}" rx="12" fill="none" stroke="currentColor" stroke-width="2"/>'
        )
        first = y - (len(lines) - 1) * 10 + 6
        parts.append(
            f'<text x="{x:.1f}" y="{first:.1f}" text-anchor="middle" font-size="17" fill="currentColor">'
            + "".join(
                f'<tspan x="{x:.1f}" dy="{0 if j == 0 else 20}">{_e(line)}</tspan>' for j, line in enumerate(lines)
            )
            + "</text>"
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y - box_h / 2 - 8:.1f}" text-anchor="middle" font-size="13" '
            f'fill="currentColor" class="sl-cycle-number">{i + 1}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def cycle_figure(steps: list[Step], ident: str, title: str, caption: str | None,
                 description: list[str], missing: str | None, drawn_from: str | None = None) -> str:
    """A <figure> with the cycle drawn from ``steps`` and, beside it, the steps as an ordered list.

    A figure drawn from the text says in one short line what it is drawn from (``drawn_from``), with
    no "not available" box under it. With no steps (the figure was lost and the text does not name
    them) it shows a data slot saying what the source states, and never draws a guessed diagram.
    """
    desc = (" ".join(description) + " " if description else "") + (
        "Steps in order, each leading to the next and the last back to the first: "
        + ", ".join(f"{i + 1}. {s.label}" for i, s in enumerate(steps)) + "." if steps else ""
    )
    out = [f'<figure class="sl-figure sl-cycle-figure" id="{ident}">']
    if steps:
        out.append('<div class="sl-figure-body">')
        out.append(cycle_svg([s.label for s in steps], ident + "-svg", title, desc.strip()))
        out.append('<div class="sl-figure-text"><p class="sl-figure-text-label">The cycle in words:</p><ol>')
        for s in steps:
            label = f'<a href="{_e(s.href)}">{_e(s.label)}</a>' if s.href else _e(s.label)
            note = f" – {_e(s.note)}" if s.note else ""
            out.append(f"<li>{label}{note}</li>")
        last = _e(steps[0].label)
        out.append(f"</ol><p>After the last step the cycle returns to {last}.</p></div></div>")
    if steps and drawn_from:
        out.append(f'<p class="sl-drawn-from">{_e(drawn_from)}</p>')
    elif missing:
        out.append(f'<div class="sl-data-slot" role="note"><p><strong>Figure not available.</strong> {_e(missing)}</p>')
        if not steps and description:
            out.append("".join(f"<p>{_e(d)}</p>" for d in description))
        out.append("</div>")
    out.append(f"<figcaption>{_e(caption or title)}</figcaption></figure>")
    return "\n".join(out)


def _bars_open(width: int, height: int, ident: str, title: str, description: str) -> list[str]:
    """A bar chart's opening: the labelled <svg> element with its title and description."""
    return [
        f'<svg class="sl-bars" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(description)}</desc>',
    ]


def attendance_svg(rows: list[tuple[str, int]], ident: str, title: str, description: str) -> str:
    """A horizontal bar chart: each agency's name above its bar, the number at the bar's end."""
    width, row_h, top = 600, 46, 8
    biggest = max((count for _, count in rows), default=0) or 1
    bar_space = width - 60
    height = top + row_h * len(rows) + 4
    parts = _bars_open(width, height, ident, title, description)
    for i, (agency, count) in enumerate(rows):
        y = top + i * row_h
        length = max(2.0, bar_space * count / biggest)
        parts.append(
            f'<g class="sl-bar"><text x="0" y="{y + 14}" font-size="15" fill="currentColor">{_e(agency)}</text>'
            f'<rect class="sl-bar-fill" x="0" y="{y + 20}" width="{length:.1f}" height="18" fill="currentColor"/>'
            f'<text x="{length + 6:.1f}" y="{y + 34}" font-size="15" fill="currentColor">{count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def attendance_figure(attendance: Any, ident: str = "attendance-chart") -> str:
    """The attendance chart with its data table beside it, or a data slot when the numbers are lost.

    ``attendance`` is a forum report's Attendance (total, by_agency, chart_title, missing).
    """
    title = attendance.chart_title or "Attendance by agency"
    known = [(a.agency, a.count) for a in attendance.by_agency if a.count is not None]
    out = [f'<figure class="sl-figure sl-attendance" id="{ident}">']
    if known:
        described = ", ".join(f"{agency}: {count}" for agency, count in known)
        total = f" Total: {attendance.total}." if attendance.total is not None else ""
        out.append('<div class="sl-figure-body">')
        out.append(attendance_svg(known, ident + "-svg", title, f"Staff attending, by agency. {described}.{total}"))
        out.append('<div class="sl-figure-text"><table><thead><tr><th scope="col">Agency</th>'
                   '<th scope="col" class="sl-num">Staff</th></tr></thead><tbody>')
        for a in attendance.by_agency:
            count = a.count if a.count is not None else "not known"
            out.append(f'<tr><th scope="row">{_e(a.agency)}</th><td class="sl-num">{_e(count)}</td></tr>')
        out.append("</tbody>")
        if attendance.total is not None:
            out.append(f'<tfoot><tr><th scope="row">Total</th><td class="sl-num">{attendance.total}</td></tr></tfoot>')
        out.append("</table></div></div>")
    else:
        out.append('<div class="sl-data-slot" role="note">')
        if attendance.total is not None:
            out.append(f'<p class="sl-data-total"><strong>{attendance.total}</strong> staff took part in total.</p>')
        out.append(f"<p>{_e(attendance.missing or 'The numbers by agency are not known.')}</p></div>")
    out.append(f"<figcaption>{_e(title)}</figcaption></figure>")
    return "\n".join(out)


def theme_bars_figure(rows: list[tuple[str, int, str]], ident: str, title: str, of: int, where_heading: str = "Where") -> str:
    """A bar chart of how often each theme arose (meetings and events), with its data table.

    ``rows``: (theme, count, where it arose); ``of``: how many meetings and events the period holds;
    ``where_heading``: the heading of the column saying where.
    """
    if not rows:
        return ""
    described = "; ".join(f"{theme}: {count}" for theme, count, _ in rows)
    out = [f'<figure class="sl-figure sl-report-chart" id="{ident}">', '<div class="sl-figure-body">',
           _compact_bars([(theme, count) for theme, count, _ in rows], ident + "-svg", title,
                         f"How many of the {of} meetings and events each theme arose in. {described}."),
           '<div class="sl-figure-text"><table><thead><tr><th scope="col">Theme</th>'
           '<th scope="col" class="sl-num">Meetings and events</th><th scope="col">' + _e(where_heading) + '</th></tr></thead><tbody>']
    for theme, count, where in rows:
        out.append(f'<tr><th scope="row">{_e(theme)}</th><td class="sl-num">{count}</td><td>{_e(where)}</td></tr>')
    out.append(f"</tbody></table></div></div><figcaption>{_e(title)}</figcaption></figure>")
    return "\n".join(out)


def _compact_bars(rows: list[tuple[str, int]], ident: str, title: str, description: str) -> str:
    """A horizontal bar chart with the label beside each bar (many rows on one A4 page)."""
    width, row_h, label_w, top = 720, 22, 380, 4
    biggest = max((count for _, count in rows), default=0) or 1
    bar_space = width - label_w - 40
    height = top + row_h * len(rows) + 4
    parts = _bars_open(width, height, ident, title, description)
    for i, (label, count) in enumerate(rows):
        y = top + i * row_h
        length = max(2.0, bar_space * count / biggest)
        parts.append(
            f'<g class="sl-bar"><text x="{label_w - 8}" y="{y + 15}" font-size="13" text-anchor="end" '
            f'fill="currentColor">{_e(label)}</text>'
            f'<rect class="sl-bar-fill" x="{label_w}" y="{y + 3}" width="{length:.1f}" height="15" fill="currentColor"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 15}" font-size="13" fill="currentColor">{count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
