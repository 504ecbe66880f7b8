"""The handouts folder: what is in it, what can be reused, and writing a new set all at once.

A manifest (``.handouts.json``, hidden so MkDocs does not publish it) records each PDF the
generator made, with the fingerprint of the HTML it came from and what prints badly on it (the layout
check's findings, so that a reused handout is reported as its first build was). A handout whose HTML has not
changed, and whose file is still exactly as written, is reused without running WeasyPrint.
Files are rewritten only when their bytes change, and only files listed in the manifest are
ever removed: anything else a person puts in the folder is left alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.core.files import write_if_changed

MANIFEST = ".handouts.json"


@dataclass(frozen=True)
class Made:
    """A handout as it is (or will be) in the folder."""

    filename: str
    """Its file inside the handouts folder."""
    fingerprint: str
    """The fingerprint of the HTML it was made from."""
    sha256: str
    """The hash of its bytes."""
    pages: int
    """How many pages it has."""
    size: int
    """Its size in bytes."""
    layout: tuple[str, ...] = ()
    """What prints badly on its pages, found when it was made (kept, so a reused handout is still reported)."""


def read_manifest(folder: Path) -> dict[str, Made]:
    """What the last build made in ``folder`` (empty when there is no readable manifest)."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: Made(filename=name, **{**info, "layout": tuple(info.get("layout", ()))})
                for name, info in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def reusable(folder: Path, previous: dict[str, Made], filename: str, fingerprint: str) -> Made | None:
    """The earlier handout when it was made from the same HTML and its file is untouched."""
    made = previous.get(filename)
    if made is None or made.fingerprint != fingerprint:
        return None
    path = folder / filename
    try:
        if path.stat().st_size != made.size or hashlib.sha256(path.read_bytes()).hexdigest() != made.sha256:
            return None
    except OSError:
        return None
    return made


def commit(folder: Path, previous: dict[str, Made], made: list[Made], data: dict[str, bytes]) -> tuple[int, int]:
    """Write the new set: changed files, removals of our own stale files, then the manifest.

    Returns (files written, files removed). Called only once every handout has rendered.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = removed = 0
    for item in made:
        if item.filename not in data:
            continue  # reused as it is
        written += write_if_changed(folder / item.filename, data[item.filename])
    keep = {item.filename for item in made}
    for filename in sorted(set(previous) - keep):
        path = folder / filename
        if path.is_file():
            path.unlink()
            removed += 1
        if path.parent != folder and path.parent.is_dir() and not any(path.parent.iterdir()):
            path.parent.rmdir()
    manifest = {
        "files": {
            item.filename: {"fingerprint": item.fingerprint, "sha256": item.sha256, "pages": item.pages,
                            "size": item.size, **({"layout": list(item.layout)} if item.layout else {})}
            for item in sorted(made, key=lambda m: m.filename)
        }
    }
    write_if_changed(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return written, removed
