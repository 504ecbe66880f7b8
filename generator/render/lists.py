"""The pages that list other pages: home, A–Z of themes, listings by type and by year, directories.

Records are reached from these index pages rather than from the navigation, so a site of a
thousand records does not put a thousand links into every page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.dates import record_date
from generator.content.kinds import KIND, LISTED, directory_path, page_path
from generator.index.anchors import anchor_for
from generator.index.findings import ThemeFindings

LATEST = 6
"""How many publications the home page lists as the latest."""

NEWS_ON_HOME = 5
"""How many items of "What's new" the home page shows."""

def newest_first(entries: list[Any]) -> list[Any]:
    """Dated records newest first, then undated ones by title."""
    dated = sorted((e for e in entries if record_date(e.record)),
                   key=lambda e: (record_date(e.record), e.record.title), reverse=True)
    undated = sorted((e for e in entries if not record_date(e.record)), key=lambda e: e.record.title)
    return dated + undated


def by_year(entries: list[Any]) -> dict[str, list[Any]]:
    """Records by the year they are dated ('Undated' last), newest year first."""
    years: dict[str, list[Any]] = defaultdict(list)
    for entry in newest_first(entries):
        found = record_date(entry.record)
        years[found[:4] if found else "undated"].append(entry)
    return dict(sorted(years.items(), key=lambda item: (item[0] != "undated", item[0]), reverse=True))


def letters(index: dict[str, ThemeFindings]) -> dict[str, list[ThemeFindings]]:
    """Themes A–Z by their first letter."""
    out: dict[str, list[ThemeFindings]] = defaultdict(list)
    for findings in sorted(index.values(), key=lambda f: f.theme.title.lower()):
        out[findings.theme.title[:1].upper()].append(findings)
    return dict(out)


def by_theme(index: dict[str, ThemeFindings], group: str, role: str | None = None) -> list[tuple[ThemeFindings, list]]:
    """For a directory page: each theme (A–Z) with its findings of ``group`` (and ``role``)."""
    out = []
    for findings in sorted(index.values(), key=lambda f: f.theme.title.lower()):
        items = [f for f in findings.groups.get(group, []) if role is None or f.role == role]
        if items:
            out.append((findings, items))
    return out


def tools_by_theme(index: dict[str, ThemeFindings]) -> list[tuple[ThemeFindings, list]]:
    """Every tool (standalone, or listed in a review) under each theme the tool itself is tagged with, A–Z."""
    out = []
    for findings in sorted(index.values(), key=lambda f: f.theme.title.lower()):
        # a tool is listed under its own themes (its key theme's when it has none), not every theme of its key theme
        tools = [tool for group in ("tools", "review") for finding in findings.groups.get(group, [])
                 for tool in tools_shown(finding, findings.theme.id)]
        if tools:
            out.append((findings, _same_tool_once(tools)))
    return out


SOURCES_SHOWN = 3
"""How many places a tool is mentioned in are linked from the tools directory (the theme page lists them all)."""


def _same_tool_once(tools: list[Any]) -> list[tuple[Any, list[Any], int]]:
    """Each tool once (same title and link), A–Z: (the tool, up to SOURCES_SHOWN mentions, how many more)."""
    same: dict[tuple[str, str], list[Any]] = {}
    for finding in tools:
        key = (" ".join(finding.text.lower().split()), (finding.tool.link or "").strip())
        same.setdefault(key, []).append(finding)
    out = []
    for key in sorted(same):
        found = same[key]
        mentions = [f for f in found if f.group == "review"]
        standalone = next((f for f in found if f.group == "tools"), None)
        out.append((standalone or found[0], mentions[:SOURCES_SHOWN], max(0, len(mentions) - SOURCES_SHOWN)))
    return out


def questions_shown(finding: Any, theme_id: str) -> list[Any]:
    """What a theme's finding adds to the questions directory under that theme."""
    return [finding] if finding.group == "questions" else []


def tips_shown(finding: Any, theme_id: str) -> list[Any]:
    """What a theme's finding adds to the top tips directory under that theme: itself, or its heading's tips."""
    if finding.group == "tips":
        return [finding]
    if finding.group != "panel":
        return []
    own = [finding] if finding.role == "top-tip" else []
    return own + [c for c in finding.children if c.role == "top-tip" and theme_id in c.tags]


def tools_shown(finding: Any, theme_id: str) -> list[Any]:
    """What a theme's finding adds to the tools directory under that theme: itself, or its key theme's tools."""
    if finding.group == "tools":
        return [finding]
    if finding.group == "review":
        return [c for c in finding.children if c.role == "tool" and theme_id in c.tags]
    return []


SPLIT_BY_THEME: dict[str, str] = {"tools.md": "tool", "questions.md": "question-bank", "tips.md": "tip"}
"""Directory pages split by theme (content.kinds.directory_path): each theme's part is a page, the
directory page lists the themes. The kind names the directory (KIND[kind].directory)."""


def theme_part(page: str, theme_id: str) -> str:
    """The page of one theme's part of a split directory page ('tools.md', 'neglect' → 'tools/neglect.md')."""
    return directory_path(SPLIT_BY_THEME[page], theme_id)


INDEX_PAGES: dict[str, Callable[[Any, str], list[Any]] | None] = {
    "index.md": None, "themes/index.md": None, "questions.md": questions_shown, "tips.md": tips_shown,
    "tools.md": tools_shown,
}
"""Listing pages that show the theme index: each shows every theme's count, and what the function
picks from each finding of a theme (generator.pipeline.session re-renders a page only when that changed)."""


def listing_pages(records: list[Any], index: dict[str, ThemeFindings],
                  only: set[str] | None = None) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every listing page: ``{docs path: (template, context)}`` (with ``only``, just those pages)."""
    kinds: dict[str, list[Any]] = defaultdict(list)
    for entry in records:
        kinds[entry.kind].append(entry)
    dated = [e for e in records if e.kind != "panel"]
    found: dict[str, Any] = {}

    def once(name: str, make: Callable[[], Any]) -> Any:
        if name not in found:
            found[name] = make()
        return found[name]

    def types() -> dict[str, list[Any]]:
        return once("types", lambda: {k: newest_first(kinds[k]) for k in LISTED if kinds.get(k)})

    def years() -> dict[str, list[Any]]:
        return once("years", lambda: by_year(dated))

    def news() -> tuple[Any, ...]:
        return once("news", lambda: _news(records))

    def news_years() -> dict[str, tuple[Any, ...]]:
        return once("news_years", lambda: _years_beyond(news(), NEWS_SHOWN, lambda item: item.date[:4]))

    def untagged() -> tuple[UntaggedTip, ...]:
        return once("untagged", lambda: _untagged_tips(records))

    def untagged_years() -> dict[str, tuple[UntaggedTip, ...]]:
        return once("untagged_years", lambda: _years_beyond(untagged(), UNTAGGED_SHOWN,
                                                            lambda tip: (tip.date or "")[:4] or "undated"))

    makers: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
        "index.md": ("home.md.j2", lambda: {"latest": newest_first(dated)[:LATEST], "types": types(),
                                            "letters": letters(index), "models": kinds.get("reflective-model", []),
                                            "panels": kinds.get("panel", []), "news": news()[:NEWS_ON_HOME]}),
        "whats-new.md": ("whats-new.md.j2", lambda: {"news": news()[:NEWS_SHOWN], "years": tuple(news_years())}),
        "themes/index.md": ("themes.md.j2", lambda: {"letters": letters(index)}),
        "publications/index.md": ("publications.md.j2", lambda: {"types": types(), "years": years()}),
        "questions.md": ("questions.md.j2", lambda: {"by_theme": by_theme(index, "questions"),
                                                     "models": kinds.get("reflective-model", [])}),
        "tips.md": ("tips.md.j2", lambda: {"by_theme": _tips_by_theme(index), "untagged": untagged()[:UNTAGGED_SHOWN],
                                           "untagged_total": len(untagged()), "years": tuple(untagged_years())}),
        "tools.md": ("tools.md.j2", lambda: {"by_theme": tools_by_theme(index)}),
        "handouts.md": ("handouts.md.j2", lambda: {"types": types()}),
    }
    if only is None:  # every listing: What's new and the untagged tips by year (with ``only``, records did not change)
        for year, items in news_years().items():
            makers[f"whats-new/{year}.md"] = ("whats-new.md.j2", lambda y=year, i=items: {
                "news": i, "year": y, "years": tuple(news_years())})
        for year, tips in untagged_years().items():
            makers[untagged_year_page(year)] = ("tips.md.j2", lambda y=year, t=tips: {
                "by_theme": [], "untagged": t, "year": y, "years": tuple(untagged_years()), "untagged_total": len(t)})
    parts: dict[str, tuple[str, Callable[[], dict[str, Any] | None]]] = {}
    for page, kind in SPLIT_BY_THEME.items():  # one page per theme with something to list; None: nothing
        template, make = makers[page]
        shared = makers[page] = (template, lambda p=page, m=make: once(p, m))
        for tid in index:
            parts[directory_path(kind, tid)] = (template, lambda s=shared[1], t=tid: _theme_part(s(), t))
    pages = {path: (template, context) for path, (template, make) in makers.items()
             if (only is None or path in only) and (context := make()) is not None}
    for path, (template, make) in parts.items():  # a theme's part, on as many pages as it needs
        if (only is None or path in only) and (context := make()) is not None:
            pages.update((at, (template, one)) for at, one in part_pages(path, context))
    makers.update(parts)
    if only is not None and not only - set(makers):
        return pages
    for kind, entries in types().items():
        context: dict[str, Any] = {"kind": kind, "entries": entries}
        if kind == "panel-meeting":
            localities: dict[str, list[Any]] = defaultdict(list)
            for entry in entries:
                localities[entry.record.locality].append(entry)
            context["localities"] = dict(sorted(localities.items()))
        pages[f"{KIND[kind].page_folder}/index.md"] = ("listing.md.j2", context)
    for year, entries in years().items():
        pages[f"publications/{year}.md"] = ("year.md.j2", {"year": year, "entries": entries})
    return pages


NEWS_SHOWN = 100
"""What's new lists its newest hundred items; when there are more, every item is also on a page per year."""


def _years_beyond(items: tuple[Any, ...], shown: int, year_of: Callable[[Any], str]) -> dict[str, tuple[Any, ...]]:
    """Items (newest first) by year, newest year first, for a page per year; none when the page that
    shows the newest ``shown`` shows them all (What's new, the untagged top tips)."""
    if len(items) <= shown:
        return {}
    years: dict[str, list[Any]] = {}
    for item in items:
        years.setdefault(year_of(item), []).append(item)
    return {year: tuple(found) for year, found in years.items()}


PART_ITEMS = 120
"""The most tools a page of one theme's tools lists (about 150 KB of HTML at 5,000 records): a theme with
more has them on several pages, A–Z (tools/neglect.md, tools/neglect/2.md, …), each named by the letters
it spans, so that no page grows with the collection."""

PAGED = {"tools.md"}
"""The split directories whose themes' parts are paged A–Z (their items are sorted by title)."""


def part_page(first: str, number: int) -> str:
    """Page ``number`` of a theme's part: ('tools/neglect.md', 1) → itself, ('tools/neglect.md', 2) → 'tools/neglect/2.md'."""
    return first if number == 1 else f"{first.removesuffix('.md')}/{number}.md"


def first_part_page(path: str) -> str | None:
    """The first page of the theme's part that ``path`` is a later page of ('tools/neglect/2.md' → 'tools/neglect.md')."""
    folder, _, name = path.rpartition("/")
    if name.removesuffix(".md").isdigit() and folder.count("/") == 1 and f"{folder.split('/')[0]}.md" in PAGED:
        return f"{folder}.md"
    return None


def _start(item: Any, letters: int) -> str:
    """The first ``letters`` letters of a tool's title, as a page's name shows them ('Ch')."""
    words = " ".join(item[0].text.split())[:letters].rstrip()
    return (words[:1].upper() + words[1:].lower()) or "?"


def _spans(chunks: list[list[Any]]) -> list[str]:
    """Each page's name, from the titles it starts and ends with: 'A–F', or 'Ca–Co' where one letter
    would name two pages alike; numbered as a last resort."""
    for letters in (1, 2, 3, 4):
        spans = []
        for chunk in chunks:
            a, z = _start(chunk[0], letters), _start(chunk[-1], letters)
            spans.append(a if a == z else f"{a}–{z}")
        if len(set(spans)) == len(spans):
            return spans
    return [f"{span} ({n})" for n, span in enumerate(spans, 1)]


def part_pages(first: str, context: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """A theme's part of a split directory (``_theme_part``) as pages: [(path, context)], one page when it fits.

    Each page's context has the theme's items of that page (``by_theme``), its number (``number``), every
    page of the part as (path, letters it spans) (``spans``), for the links between them, and how many
    items the part has (``total``)."""
    theme, items = context["by_theme"][0]
    if first.split("/")[0] + ".md" not in PAGED or len(items) <= PART_ITEMS:
        return [(first, context)]
    chunks = [items[n:n + PART_ITEMS] for n in range(0, len(items), PART_ITEMS)]
    spans = tuple((part_page(first, n), span) for n, span in enumerate(_spans(chunks), 1))
    return [(part_page(first, n), {**context, "by_theme": [(theme, chunk)], "number": n, "spans": spans, "total": len(items)})
            for n, chunk in enumerate(chunks, 1)]


def _theme_part(context: dict[str, Any], theme_id: str) -> dict[str, Any] | None:
    """A split directory page's context for one theme (None when the theme has nothing there)."""
    mine = [(t, items) for t, items in context["by_theme"] if t.theme.id == theme_id]
    own = {k: v for k, v in context.items() if k not in DIRECTORY_ONLY}  # each key is in the page's cache key
    return {**own, "by_theme": mine, "one": mine[0][0]} if mine else None


DIRECTORY_ONLY = ("untagged", "untagged_total", "years")
"""What the directory page itself shows and a theme's part does not (the tips no theme reaches)."""


def _news(records: list[Any]) -> tuple[Any, ...]:
    """Every addition and update of the records, newest first (generator.render.dated.news)."""
    from generator.render.dated import news

    return tuple(news(records))


@dataclass(frozen=True)
class UntaggedTip:
    """A panel meeting's top tip that neither it nor its heading tags with a theme: listed on its own."""

    text: str
    context: str
    locality: str | None
    date: str | None
    url: str


def untagged_tips(entry: Any) -> tuple[UntaggedTip, ...]:
    """A panel meeting's own top tips that no theme reaches (a heading always has a theme, which reaches
    its tips), so no theme's group of the directory shows them. Part of what listings show of a record
    (generator.render.pagecache's ``_meta``), so an edit to one reaches the preview."""
    if entry.kind != "panel-meeting":
        return ()
    record, page = entry.record, page_path(entry.kind, entry.id)
    return tuple(UntaggedTip(tip.text, "Top tips", record.locality, record_date(record),
                             f"{page}#{anchor_for(record, ('top_tips', j))}")
                 for j, tip in enumerate(record.top_tips) if not tip.themes)


def _untagged_tips(records: list[Any]) -> tuple[UntaggedTip, ...]:
    """The top tips no theme reaches, newest meeting first (in record order within a day)."""
    tips = [tip for entry in records for tip in untagged_tips(entry)]
    return tuple(sorted(tips, key=lambda tip: tip.date or "", reverse=True))


UNTAGGED_SHOWN = 50
"""The top tips directory lists the newest fifty tips no theme reaches; when there are more, every one
of them is also on a page per year (tips/not-tagged/YEAR.md), so that the directory does not grow
with the collection."""


def untagged_year_page(year: str) -> str:
    """The page of one year's top tips that no theme reaches ('2024' → 'tips/not-tagged/2024.md')."""
    return f"tips/not-tagged/{year}.md"




def _tips_by_theme(index: dict[str, ThemeFindings]) -> list[tuple[ThemeFindings, list]]:
    """Top tips by theme: the panels' tips (with their headings) and the standalone ones."""
    out = []
    for findings in sorted(index.values(), key=lambda f: f.theme.title.lower()):
        tips = [tip for group in ("tips", "panel") for finding in findings.groups.get(group, [])
                for tip in tips_shown(finding, findings.theme.id)]
        if tips:
            out.append((findings, tips))
    return out

