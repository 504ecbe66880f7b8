"""Stage 'handouts': printable A4 PDFs made from the same records as the site.

    plan      which handouts the project gets, with what each template needs  (plan.py)
    render    template → HTML → tagged PDF with WeasyPrint                    (pdf.py)
    layout    what prints badly: a heading at a page's foot, a split row        (layout.py)
    store     reuse unchanged PDFs, write the new set all at once              (store.py)

``build_all`` renders every handout in memory first and writes nothing unless all of them
succeeded, so a failed handout build leaves the previous handouts in place. What the layout check
finds is a warning against the record the handout comes from (the PDF is still made).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.core.files import write_if_changed
from generator.core.problems import GeneratorError, Problems
from generator.handouts import store
from generator.handouts.pdf import environment, fingerprint, render_many
from generator.handouts.plan import Handout, plan_handouts
from generator.handouts.text import iso_instant
from generator.render.artifacts import HandoutIndex, HandoutInfo

Progress = Callable[[str], None]
SITE_FOLDER = "handouts"
"""Where the handouts are on the site (and in the generated docs): site/handouts/."""


def _quiet(message: str) -> None:
    """The default progress: say nothing."""


_BLOCK_EDGE = re.compile(r"\s+(?=</?(?:p|li|ul|ol|div|td|th|tr|h[1-6]|section|aside|table|figure)\b)")


def render_html(project: Any, handout: Handout, env: Any = None) -> str:
    """The handout's HTML, from its template (a project override wins)."""
    env = env or environment(project.root, project.config.site_url)
    # A fixed date, never today's, so the same content always gives the same bytes.
    issued = iso_instant(project.config.build_date or handout.dated)
    html = env.get_template(handout.template).render(
        handout=handout, config=project.config, lang=project.config.language, issued=issued,
        site_url=project.config.site_url, **handout.context,
    )
    # Whitespace before a block's edge means nothing in HTML, but WeasyPrint can then break a line
    # that fits exactly after its first word; templates stay readable, the output drops it.
    return _BLOCK_EDGE.sub("", html)


def _render_all(project: Any, handouts: list[Handout], folder: Path | None, progress: Progress,
                warnings: Problems | None = None):
    """Render every handout not reusable as it is from ``folder`` (None: render all). Nothing is written here.

    What prints badly in a handout, made now or earlier, is added to ``warnings``."""
    env = environment(project.root, project.config.site_url)
    previous = store.read_manifest(folder) if folder else {}
    made: dict[str, store.Made] = {}
    pending: dict[str, tuple[Handout, str, str]] = {}
    problems = Problems()
    seen: dict[str, Handout] = {}
    for handout in handouts:
        if handout.filename in seen:
            problems.error(handout.source, 0, 0, "id",
                           f"its {handout.name.lower()} would be saved as handouts/{handout.filename}, the same file as "
                           f"the {seen[handout.filename].name.lower()} of {seen[handout.filename].source}. "
                           "Give one of the records another id.")
            continue
        seen[handout.filename] = handout
        try:
            html = render_html(project, handout, env)
        except Exception as exc:  # a broken template or override: reported against the record, nothing is written
            _failed(problems, handout, exc)
            continue
        print_ = fingerprint(html)
        earlier = store.reusable(folder, previous, handout.filename, print_) if folder else None
        if earlier is not None:
            made[handout.filename] = earlier
        else:
            pending[handout.filename] = (handout, html, print_)
    data: dict[str, bytes] = {}
    jobs = [(filename, html) for filename, (_, html, _) in pending.items()]
    for done, (filename, result) in enumerate(render_many(jobs, project.root), 1):
        handout, _, print_ = pending[filename]
        if isinstance(result, Exception):
            _failed(problems, handout, result)
            continue
        if done % 25 == 0 and done < len(jobs):
            progress(f"  {done} of {len(jobs)} handouts made…")
        data[filename] = result.data
        made[filename] = store.Made(filename, print_, hashlib.sha256(result.data).hexdigest(), result.pages,
                                    len(result.data), result.layout)
    if problems.errors:
        raise GeneratorError(
            "the handouts could not all be made, so none were changed (the previous handouts are still in place).",
            problems,
        )
    if warnings is not None:
        for handout in handouts:
            _badly_printed(warnings, handout, made[handout.filename].layout)
    return previous, [made[h.filename] for h in handouts], data


def _badly_printed(warnings: Problems, handout: Handout, layout: tuple[str, ...]) -> None:
    if not layout:
        return
    shown = "; ".join(layout[:3]) + (f"; and {len(layout) - 3} more" if len(layout) > 3 else "")
    warnings.warning(handout.source, 0, 0, "",
                     f"its {handout.name.lower()} (handouts/{handout.filename}) does not print well: {shown}. "
                     "It was still made: look at those pages before sending it out. A shorter point or heading "
                     "near them usually mends it; if not, tell whoever looks after the handout templates.")


def _failed(problems: Problems, handout: Handout, exc: BaseException) -> None:
    problems.error(handout.source, 0, 0, "",
                   f"its {handout.name.lower()} (handouts/{handout.filename}) could not be made: "
                   f"{type(exc).__name__}: {exc}")


def build_all(project: Any, out_dir: Path, progress: Progress = _quiet,
              warnings: Problems | None = None) -> HandoutIndex:
    """Make every handout of the (public) project into ``out_dir``; return them by record id or 'theme:<id>'.

    Handouts that do not print well (generator.handouts.layout) are added to ``warnings``."""
    started = time.perf_counter()
    handouts = plan_handouts(project)
    previous, made, data = _render_all(project, handouts, out_dir, progress, warnings)
    written, removed = store.commit(out_dir, previous, made, data)
    index: HandoutIndex = {}
    for handout, item in zip(handouts, made, strict=True):
        index.setdefault(handout.key, []).append(HandoutInfo(
            key=handout.key, name=handout.name, path=f"{SITE_FOLDER}/{item.filename}", pages=item.pages,
            bytes=item.size,
        ))
    progress(f"  {len(made)} handouts ({written} written, {len(made) - len(data)} unchanged, {removed} removed) "
             f"in {time.perf_counter() - started:.1f} s")
    return index


def build_one(project: Any, public: Any, record_id_or_theme_id: str, out: Path,
              warnings: Problems | None = None) -> list[Path]:
    """Make the handouts of one record or theme of the checked ``project`` into ``out``; return their paths.

    ``public`` is the project without its restricted records. A record id is looked up first, then a
    theme id ('theme:<id>' names a theme explicitly). Restricted records are refused with a plain message.
    Handouts that do not print well are added to ``warnings``, as in a build.
    """
    wanted = record_id_or_theme_id.strip()
    entry = project.get(wanted) if not wanted.startswith("theme:") else None
    theme_id = wanted.removeprefix("theme:")
    if entry is None and theme_id not in project.themes:
        raise GeneratorError(f"no record or theme has the id '{wanted}'. Record ids are the 'id:' lines of the files in "
                             "content/ and themes_data/; theme ids are the file names in themes_data/themes/.")
    if entry is not None:
        if public.get(entry.id) is None:
            raise GeneratorError(f"'{entry.id}' is marked restricted: true, so it never gets a handout "
                                 f"({entry.source.display}).")
        key = entry.id
    else:
        key = f"theme:{theme_id}"
    handouts = plan_handouts(public, only=key)
    if not handouts and entry is None:
        from generator.handouts.plan import BRIEFING_MIN_ITEMS, BRIEFING_MIN_RECORDS, briefing_content
        from generator.index.themeindex import build_index

        content = briefing_content(build_index(public)[theme_id])
        raise GeneratorError(
            f"the theme '{theme_id}' has not enough learning for a 7-minute briefing yet: {content.learning} "
            f"pieces of learning from {content.records} records, and a briefing needs at least "
            f"{BRIEFING_MIN_ITEMS} from at least {BRIEFING_MIN_RECORDS} different records. Tag more of the records' "
            "points with it (see the staff guide, 'Theme pages and 7-minute briefings').")
    if not handouts:
        raise GeneratorError(f"'{wanted}' is a {entry.kind if entry else 'theme'} record, which has no handout. "
                             "Handouts are made for the reflective model, panel meetings, learning circles, "
                             "forum reports, thematic reviews and themes with enough learning.")
    out = Path(out)
    _, made, data = _render_all(public, handouts, None, _quiet, warnings)
    paths: list[Path] = []
    for item in made:
        path = out / Path(item.filename).name
        write_if_changed(path, data[item.filename])
        paths.append(path)
    return paths
