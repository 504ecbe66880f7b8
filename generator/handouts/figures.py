"""The figures in handouts, drawn by the site's own SVG module (generator.render.svg) so page and print agree."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.render import svg


def cycle(figure: Any, ident: str, stages: list[Any]) -> Markup:
    """A reflective model's cycle (or red cycle): the drawing and the steps in words, or what was lost."""
    headings = {stage.name.lower(): stage.heading for stage in stages}
    steps = [svg.Step(label=label, note=headings.get(label.lower())) for label in figure.steps]
    return Markup(svg.cycle_figure(steps, ident, figure.title, figure.caption, list(figure.description),
                                   figure.missing, figure.drawn_from))


def attendance(attendance: Any) -> Markup:
    """A forum report's attendance chart with its table, or the total and what was lost."""
    return Markup(svg.attendance_figure(attendance))
