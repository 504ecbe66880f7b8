"""Publication safety checks run by `check` and by every build (personal data, links).

Placeholder until the personal-data check lands: returns no problems.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problems


def scan_project(project, only: list[Path] | None = None) -> Problems:
    return Problems()
