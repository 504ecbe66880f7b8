"""Writing a generated file: only when its content changed, and atomically (a reader never sees half a file)."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text is UTF-8) to ``path`` unless it already holds exactly that; True when written.

    The new content goes into a hidden file beside it first and replaces the old one in one step,
    so a preview server or a reader never sees a half-written page, PDF or configuration file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
    return True
