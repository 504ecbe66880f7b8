"""Things the build makes that pages link to (PDF handouts), described once for every stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HandoutInfo:
    """One PDF handout as built."""

    key: str
    """What it belongs to: a record id, or 'theme:<theme id>' for a theme briefing."""
    name: str
    """What it is, e.g. 'Invitation pack', 'Themes sheet', 'Agenda', 'Outcomes summary', '7-minute briefing'."""
    path: str
    """Where it is, relative to the site's top folder, e.g. 'handouts/cheltenham-2013-09-27.pdf'."""
    pages: int
    """How many A4 pages it has."""
    bytes: int
    """Its size in bytes."""

    @property
    def size_label(self) -> str:
        kb = self.bytes / 1024
        return f"{kb:.0f} KB" if kb < 1024 else f"{kb / 1024:.1f} MB"

    @property
    def label(self) -> str:
        """The link text: 'Download handout (PDF, 3 pages, 85 KB)'."""
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        return f"Download {self.name.lower()} (PDF, {pages}, {self.size_label})"


HandoutIndex = dict[str, list[HandoutInfo]]
"""Handouts by the key they belong to (record id or 'theme:<id>')."""
