"""The action tracker ("You said, we did") as pages that do not grow with the collection, and the board's
quarterly themes reports.

The tracker's front page (``actions.md``, the address ``actions/``) holds counts and links only: the
actions by status (each status's years), up to OVERDUE_SHOWN overdue actions, the themes, the kinds of
source and the years of the forums' key messages. Each action is written in full on exactly one page,
its status's page for the year of the record that raised it (``actions/planned/2019.md``), cut into
parts of at most FULL_PER_PAGE actions (``actions/planned/2019/2.md``). The other splits list each
action once per page as a link to its full entry: by theme (on each of its themes' pages, or the page
of actions with no theme), by the kind of record that raised it, and the overdue ones; those lists
are cut into parts of at most LINKS_PER_PAGE. The forums' key messages and their responses are on a
page per year of the forum (``actions/you-said-we-did/2013.md``), which each forum report links.

Each page's context is plain values (the tracked actions it lists, where their full entries are),
so the page cache's key is the context itself: an edit to an action renders again only the pages
that list it (and the front page, when a count changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.content.dates import reference_day
from generator.content.kinds import KIND
from generator.index.actions import STATUS_ORDER, KeyMessage, Tracked, key_messages, track

TRACKER = "actions.md"
"""The tracker's front page (its address is the site's: keep it stable)."""
FOLDER = "actions"
FULL_PER_PAGE = 50
"""At most this many actions in full on one page (an entry is about 1.6 KB of HTML at most in the
synthetic corpus: 50 keep a page near 100 KB, far under 300 KB, at any size of collection)."""
LINKS_PER_PAGE = 250
"""At most this many one-line links on one page of the theme, source and overdue lists."""
OVERDUE_SHOWN = 10
"""The front page shows this many overdue actions (the most overdue first) and links to all of them."""
NO_THEME = "no-theme"
"""The page of the actions tagged with no theme: ``actions/no-theme.md`` (outside ``actions/themes/``,
so no theme's id can take its address)."""
SAID = "you-said-we-did"


def _slug(status: str) -> str:
    return status.replace(" ", "-")


def _year(date: str | None) -> str:
    return date[:4] if date else "undated"


def _newest_year_first(years: Iterable[str]) -> list[str]:
    return sorted(set(years), key=lambda y: (y != "undated", y), reverse=True)


def part_path(base: str, part: int) -> str:
    """'actions/planned/2019', 1 → 'actions/planned/2019.md'; part 2 → 'actions/planned/2019/2.md'."""
    return f"{base}.md" if part == 1 else f"{base}/{part}.md"


def _parts(base: str, items: list[Any], size: int) -> list[tuple[str, list[Any]]]:
    """``items`` cut into pages of at most ``size``: [(docs path, items)], at least one page."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    return [(part_path(base, n + 1), chunk) for n, chunk in enumerate(chunks)]


def _newest(actions: list[Tracked]) -> list[Tracked]:
    """Newest raising record first (undated last), in record order within one record's date."""
    return sorted(actions, key=lambda a: a.raised_date or "", reverse=True)


def said_path(forum_date: str | None) -> str:
    """The page of the forums' key messages of a forum's year (each forum's messages under its id)."""
    return f"{FOLDER}/{SAID}/{_year(forum_date)}.md"


class Layout:
    """Where every page of the tracker is and what it lists, worked out once from every action."""

    def __init__(self, actions: list[Tracked], messages: list[KeyMessage], theme_titles: dict[str, str]):
        self.actions = actions
        self.messages = messages
        self.where: dict[str, str] = {}
        """Each action's full entry: anchor → docs path of its page."""
        self.status_pages: dict[str, list[tuple[str, list[tuple[str, list[Tracked]]]]]] = {}
        """status → [(year, [(path, actions of that part)])], newest year first."""
        for status in STATUS_ORDER:
            these = [a for a in actions if a.status == status]
            years = []
            for year in _newest_year_first(_year(a.raised_date) for a in these):
                parts = _parts(f"{FOLDER}/{_slug(status)}/{year}",
                               _newest([a for a in these if _year(a.raised_date) == year]), FULL_PER_PAGE)
                years.append((year, parts))
                for path, chunk in parts:
                    self.where.update((a.anchor, path) for a in chunk)
            if years:
                self.status_pages[status] = years
        by_theme: dict[str, list[Tracked]] = {}
        for action in actions:
            for tag in action.themes or (NO_THEME,):
                by_theme.setdefault(tag, []).append(action)
        order = sorted((t for t in by_theme if t != NO_THEME), key=lambda t: theme_titles.get(t, t).lower())
        self.theme_pages = [(t, _parts(f"{FOLDER}/themes/{t}", _newest(by_theme[t]), LINKS_PER_PAGE)) for t in order]
        if NO_THEME in by_theme:
            self.theme_pages.append((NO_THEME, _parts(f"{FOLDER}/{NO_THEME}", _newest(by_theme[NO_THEME]),
                                                      LINKS_PER_PAGE)))
        kinds = [k for k in KIND if any(a.source_kind == k for a in actions)]
        self.source_pages = [(k, _parts(f"{FOLDER}/sources/{k}", _newest([a for a in actions if a.source_kind == k]),
                                        LINKS_PER_PAGE)) for k in kinds]
        overdue = sorted((a for a in actions if a.overdue), key=lambda a: a.due or "")
        self.overdue = overdue
        self.overdue_pages = _parts(f"{FOLDER}/overdue", overdue, LINKS_PER_PAGE) if overdue else []
        self.said_years: dict[str, list[KeyMessage]] = {}
        for year in _newest_year_first(_year(k.forum_date) for k in messages):
            self.said_years[year] = [k for k in messages if _year(k.forum_date) == year]

    def linked(self, actions: list[Tracked]) -> list[tuple[Tracked, str]]:
        """Each action with the page of its full entry (what a list page links to)."""
        return [(a, self.where[a.anchor]) for a in actions]


def _siblings(parts: list[tuple[str, list[Any]]]) -> tuple[str, ...]:
    return tuple(path for path, _ in parts)


def tracker_layout(public: Any) -> Layout:
    themes = {e.id: e.record.title for e in public.entries if e.kind == "theme"}
    return Layout(track(public), key_messages(public), themes)


def tracker_context(layout: Layout, today: str) -> dict[str, Any]:
    """What the front page shows: counts and links only, and the first overdue actions."""
    statuses = [(status, sum(len(chunk) for _, parts in years for _, chunk in parts),
                 [(year, sum(len(c) for _, c in parts), parts[0][0]) for year, parts in years])
                for status, years in layout.status_pages.items()]
    return {
        "total": len(layout.actions), "statuses": statuses, "today": today,
        "overdue": layout.linked(layout.overdue[:OVERDUE_SHOWN]), "overdue_total": len(layout.overdue),
        "overdue_page": layout.overdue_pages[0][0] if layout.overdue_pages else None,
        "by_theme": [(t, sum(len(c) for _, c in parts), parts[0][0]) for t, parts in layout.theme_pages],
        "by_source": [(k, sum(len(c) for _, c in parts), parts[0][0]) for k, parts in layout.source_pages],
        "said": [(year, len(these), sum(1 for k in these if k.responses), said_path(these[0].forum_date))
                 for year, these in layout.said_years.items()],
    }


def _list_pages(split: str, key: str | None, parts: list[tuple[str, list[Tracked]]], layout: Layout,
                **extra: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    """The pages of one list ('theme', 'source' or 'overdue'): each action a line linking to its full entry."""
    paths = _siblings(parts)
    total = sum(len(c) for _, c in parts)
    return {path: ("actions-list.md.j2", {"split": split, "key": key, "items": layout.linked(chunk),
                                          "part": n + 1, "parts": paths, "total": total, **extra})
            for n, (path, chunk) in enumerate(parts)}


def tracker_pages(public: Any, memo: Any = None) -> dict[str, tuple[str, dict[str, Any]]]:
    """``{docs path: (template, context)}`` of every page of the tracker and of each quarter's report
    (``memo``, kept by the preview, keeps what each unchanged record adds to the reports)."""
    from generator.render.reports import report_pages

    layout = tracker_layout(public)
    today = reference_day(public.config).isoformat()
    pages: dict[str, tuple[str, dict[str, Any]]] = {TRACKER: ("actions.md.j2", tracker_context(layout, today))}
    for status, years in layout.status_pages.items():
        for year, parts in years:
            paths = _siblings(parts)
            others = tuple((y, p[0][0]) for y, p in years if y != year)
            for n, (path, chunk) in enumerate(parts):
                pages[path] = ("actions-status.md.j2", {
                    "status": status, "year": year, "actions": chunk, "part": n + 1, "parts": paths,
                    "total": sum(len(c) for _, c in parts), "other_years": others})
    for tid, parts in layout.theme_pages:
        pages.update(_list_pages("theme", tid, parts, layout))
    for kind, parts in layout.source_pages:
        pages.update(_list_pages("source", kind, parts, layout))
    if layout.overdue_pages:
        pages.update(_list_pages("overdue", None, layout.overdue_pages, layout, today=today))
    for year, these in layout.said_years.items():
        pages[said_path(these[0].forum_date)] = ("actions-said.md.j2", {
            "year": year, "messages": these, "other_years": tuple(
                (y, said_path(m[0].forum_date)) for y, m in layout.said_years.items() if y != year)})
    return {**pages, **report_pages(public, layout.where, memo, layout.actions)}  # the actions tracked once
