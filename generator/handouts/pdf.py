"""Render one handout: its Jinja2 template to HTML, then WeasyPrint to an accessible A4 PDF.

Templates come from ``<project>/overrides/handouts/`` first, then the built-in
``generator/templates/handouts/``: a board can restyle a handout by copying one file.
Output is reproducible: the same HTML gives byte-identical PDFs (dates and the PDF identifier
are fixed), and nothing is fetched from the network (only files and data: URLs load).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2
import weasyprint
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration

from generator.content.dates import fmt_date
from generator.core.inputs import TEMPLATES as BUILTIN
from generator.handouts import figures, text
from generator.handouts.layout import layout_problems
from generator.index.actions import status_label, when_label
from generator.render import templates

TEMPLATES = BUILTIN / "handouts"
"""The built-in handout templates and the A4 print stylesheet (handout.css)."""

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_forms": True}
"""Tagged PDF/UA-1: structure, language and title for screen readers; real selectable text. With
``pdf_forms`` an <input> or <textarea> styled ``appearance: auto`` becomes a fillable form field (the
team record forms); handouts without one are unchanged by it."""


@dataclass(frozen=True)
class Rendered:
    """One handout rendered to PDF."""

    data: bytes
    """The PDF file's bytes."""
    pages: int
    """How many A4 pages it has."""
    layout: tuple[str, ...] = ()
    """What prints badly on its pages (generator.handouts.layout), in plain words; empty when nothing does."""


def environment(root: Path, site_url: str | None = None) -> jinja2.Environment:
    """The template environment: the board's overrides/handouts/ first, the built-in templates second."""
    env = templates.environment(root, "handouts")
    env.filters["inline"] = lambda value: text.inline(value, site_url)
    env.filters["long_date"] = fmt_date
    env.filters["css_string"] = text.css_string
    env.filters["shorten"] = text.shorten
    env.filters["css_colour"] = text.css_colour
    env.globals["stylesheet"] = lambda: _stylesheet(env)
    env.globals["cycle"] = figures.cycle
    env.globals["attendance"] = figures.attendance
    env.globals["status_label"] = status_label
    env.globals["when"] = when_label
    return env


def _read(env: jinja2.Environment, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source


def _stylesheet(env: jinja2.Environment) -> Markup:
    """handout.css, then the project's overrides/handouts/extra.css if it has one (small changes need no copy)."""
    css = _read(env, "handout.css")
    try:
        css += "\n/* overrides/handouts/extra.css */\n" + _read(env, "extra.css")
    except jinja2.TemplateNotFound:
        pass  # no extra stylesheet: the built-in one alone
    # The stylesheets are ours or the board's, never record text: safe to inline as they are.
    return Markup(css.replace("</", "<\\/"))


class _LocalOnly(weasyprint.URLFetcher):
    """Loads file: and data: URLs only, so a build never reaches the network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)


class Renderer:
    """Turns handout HTML into PDF bytes; one per build, so fonts are configured once."""

    def __init__(self) -> None:
        self.fonts = FontConfiguration()
        self.fetcher = _LocalOnly()

    def pdf(self, html: str, base_url: Path) -> Rendered:
        document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=self.fetcher).render(
            font_config=self.fonts, **PDF_OPTIONS
        )
        # The identifier is normally random per file; derive it from the content so builds repeat exactly.
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_identifier=identifier, **PDF_OPTIONS)
        return Rendered(data=data, pages=len(document.pages), layout=tuple(layout_problems(document)))


_worker: Renderer | None = None


def _render_in_worker(filename: str, html: str, base_url: str) -> tuple[str, Rendered | Exception]:
    """Run in a worker process: one renderer per process, errors returned rather than raised."""
    global _worker
    if _worker is None:
        _worker = Renderer()
    try:
        return filename, _worker.pdf(html, Path(base_url))
    except Exception as exc:  # returned to the parent, which reports it against the record
        return filename, RuntimeError(f"{type(exc).__name__}: {exc}")


PARALLEL_FROM = 6
"""Below this many PDFs a worker pool costs more than it saves."""


def render_many(jobs: list[tuple[str, str]], base_url: Path, workers: int | None = None
                ) -> Iterator[tuple[str, Rendered | Exception]]:
    """Render (filename, html) jobs, on every core when there are enough of them; yields results as they finish.

    Each result is the rendered PDF or the exception that stopped it. Output does not depend on
    which process made it: every PDF is reproducible on its own.
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    # Forking is only safe while this is the process's only thread (the preview server has others).
    if workers < 2 or len(jobs) < PARALLEL_FROM or threading.active_count() > 1:
        renderer = Renderer()
        for filename, html in jobs:
            try:
                yield filename, renderer.pdf(html, base_url)
            except Exception as exc:  # reported against the record by the caller
                yield filename, exc
        return
    # fork: the workers inherit the loaded modules and fonts, and nothing re-runs the caller's script.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_render_in_worker, filename, html, str(base_url)) for filename, html in jobs]
        for future in as_completed(futures):
            yield future.result()


def fingerprint(html: str) -> str:
    """What a PDF depends on: its HTML and the WeasyPrint version (reused when unchanged)."""
    digest = hashlib.sha256()
    digest.update(f"weasyprint {weasyprint.__version__}; {sorted(PDF_OPTIONS.items())}\n".encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()
