"""The action tracker page ("You said, we did") and the board's quarterly themes reports, as page contexts.

Each page's context is plain values (the tracked actions, the report's figures), so the page cache's key
is the context itself: an edit to an action renders these pages again, and nothing else.
"""

from __future__ import annotations

from typing import Any

from generator.content.dates import reference_day
from generator.index.actions import STATUS_ORDER, key_messages, track

TRACKER = "actions.md"
"""The tracker's page (its address is the site's: keep it stable)."""


def tracker_context(public: Any) -> dict[str, Any]:
    """What the tracker page shows: every action, by status, theme and source, and the forums' key messages."""
    actions = track(public)
    by_theme: dict[str, list] = {}
    by_source: dict[str, list] = {}
    for action in actions:
        for tag in action.themes:
            by_theme.setdefault(tag, []).append(action)
        by_source.setdefault(f"{action.source}: {action.raised_by.split(' › ')[0]}", []).append(action)
    themes = {e.id: e.record.title for e in public.entries if e.kind == "theme"}
    return {
        "actions": actions, "statuses": STATUS_ORDER, "overdue": [a for a in actions if a.overdue],
        "today": reference_day(public.config).isoformat(),
        "by_theme": sorted(by_theme.items(), key=lambda item: themes.get(item[0], item[0]).lower()),
        "by_source": sorted(by_source.items()),
        "messages": key_messages(public),
    }


def tracker_pages(public: Any, memo: Any = None) -> dict[str, tuple[str, dict[str, Any]]]:
    """``{docs path: (template, context)}`` of the tracker and of each quarter's report (``memo``, kept by
    the preview, keeps what each unchanged record adds to the reports)."""
    from generator.render.reports import report_pages

    return {TRACKER: ("actions.md.j2", tracker_context(public)), **report_pages(public, memo)}
