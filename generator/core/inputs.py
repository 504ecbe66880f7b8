"""The project's inputs, listed once: what a build reads, what the preview watches, what starts it afresh.

The preview's watcher (generator.preview.serve), the session's reset rule (generator.pipeline.session),
the benchmark's corpus writer (generator.tools.synth) and the tests all derive from ``INPUTS``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The generator package (generator/)."""

TEMPLATES = PACKAGE / "templates"
"""The built-in templates: markdown/ for the pages, handouts/ for the PDFs."""


@dataclass(frozen=True)
class Input:
    """One file or folder of the project that a build reads."""

    path: str
    """Relative to the project folder."""
    what: str
    """What it holds, for people."""
    records: bool = False
    """A folder of record files: a change there is followed record by record (only what changed is read again)."""
    shared: bool = True
    """Copied into every synthetic project the benchmark writes (its records are written afresh)."""


INPUTS: tuple[Input, ...] = (
    Input("content", "the records: panel meetings, forum reports, reviews, learning circles", records=True,
          shared=False),
    Input("themes_data", "reference data: themes, the reflective model, question banks, tips, tools", records=True,
          shared=False),
    Input("site.yaml", "the site settings: names, contacts, palette, build date", shared=False),
    Input("privacy-allowlist.yaml", "text acknowledged as safe to publish by the personal-data check", shared=False),
    Input("mkdocs.yml", "the site engine's settings (theme, extensions), inherited by the generated configuration"),
    Input("overrides", "the board's own templates (markdown/, handouts/) and theme files"),
    Input("files", "documents published as they are, such as a referral form named in site.yaml", shared=False),
)
"""Every input of a build, in the project folder. The built-in templates (``TEMPLATES``) are one more."""

RECORD_FOLDERS: tuple[str, ...] = tuple(i.path for i in INPUTS if i.records)
"""Folders whose YAML files are records."""

SETTINGS: tuple[str, ...] = tuple(i.path for i in INPUTS if not i.records)
"""Inputs whose change can alter every page: the preview starts afresh when one of them (or a built-in
template) changes."""

Stamp = tuple[int, int] | None
"""(modification time in ns, size) of a file, or None when it is not there."""


def stamp(path: Path) -> Stamp:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    out: list[Path] = []
    if path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            out.extend(Path(dirpath) / name for name in sorted(filenames)
                       if not name.startswith(".") and not name.endswith("~"))
    return out


def snapshot(root: Path, names: tuple[str, ...] | None = None, builtin: bool = True) -> dict[str, Stamp]:
    """The stamp of every file of the inputs ``names`` (default: all of them, and the built-in templates),
    so that any change, addition or removal shows as a different snapshot."""
    wanted = [root / name for name in (names if names is not None else tuple(i.path for i in INPUTS))]
    if builtin:
        wanted.append(TEMPLATES)
    return {str(path): stamp(path) for base in wanted for path in ([base] if not base.exists() else _files(base))}


def settings_snapshot(root: Path) -> dict[str, Stamp]:
    """The stamps of everything whose change starts the preview afresh (the settings and all templates)."""
    return snapshot(root, SETTINGS, builtin=True)
