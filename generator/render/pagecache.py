"""Render only the pages an edit changed (for generator.pipeline.session.Session), byte for byte as a cold render.

Each page gets a key made of what it shows, and is rendered again only when its key changed:

- a record's page: the record's version, the themes' versions, its handouts, and what it shows of
  related records (a meeting's panel, a panel's meetings: their titles, dates and localities);
- a theme page: the run in which a record's part of the theme (its findings tagged with it, and
  whether it is tagged as a whole) last changed; a record read again whose part is equal to the
  old one changes nothing. Within a theme page each finding's block is kept by the ``{% cache %}``
  blocks of theme.md.j2 (render.FragmentCache), so only the edited record's blocks are rendered;
- a listing page: the titles, dates and other single values of every record (``_meta``), and for
  the directory pages (render.lists.INDEX_PAGES) each theme's count and the run in which what a
  finding adds to them last changed;
- a static page: the themes' versions.

Settings, overrides and templates are not in the keys: a change to them makes the session start afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.dates import record_date
from generator.content.kinds import KIND, page_path
from generator.content.project import KnownFile
from generator.content.validate import Entry
from generator.core.memo import RecordMemo
from generator.render.artifacts import HandoutIndex
from generator.render.lists import untagged_tips
from generator.render.pages import Renderer, archive_path, earlier_by_year, environment
from generator.render.templates import static_templates
from generator.render.tracker import tracker_pages


def _meta(entry: Entry) -> tuple:
    """What listing pages show of a record: kind, id, date, its top-level single values (title, summary…), its
    change notes (What's new) and its top tips that no theme reaches (the Top tips directory)."""
    record = entry.record
    scalars = tuple((name, getattr(record, name)) for name in type(record).model_fields
                    if isinstance(getattr(record, name), (str, int, float, bool, type(None))))
    return (entry.kind, entry.id, record_date(record), scalars, tuple(getattr(record, "changes", ())),
            untagged_tips(entry))


def _listing_key(value: Any, meta: Callable[[Entry], tuple] = _meta) -> Any:
    """A comparable summary of a listing page's context (records by what listings show of them)."""
    from generator.index.themeindex import ThemeFindings

    if isinstance(value, Entry):
        return meta(value)
    if isinstance(value, ThemeFindings):
        return value.theme.id, value.count
    if isinstance(value, dict):
        return tuple((k, _listing_key(v, meta)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_listing_key(v, meta) for v in value)
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return value


class PageCache:
    """The rendered pages of the last run with their keys, and what the keys are made from."""

    def __init__(self, root: Path, keep_texts: bool = True):
        self.root = root
        self.keep_texts = keep_texts
        """False for a one-off build: each page's text is handed to ``emit`` and forgotten, so the build
        never holds every page at once; the cache is then good for that run only."""
        self.files: dict = {}
        self.index_memo: RecordMemo = RecordMemo()
        """Each record's part of the theme index (themeindex.entry_findings)."""
        self.report_memo: RecordMemo = RecordMemo()
        """Each record's meeting or event and its tips, as the board's reports count them."""
        self._theme_parts: dict[Path, tuple[Any, dict]] = {}
        self._generation = 0
        self._changed_in: dict[str, int] = {}
        """The run in which each theme page's and directory page's parts last changed."""
        self._index_themes: tuple | None = None
        self._index_value: dict = {}
        self._env: Any = None
        self._fragments_kept = 0
        self.records_key: tuple | None = None
        """What listing pages and the navigation show of every record, as of the last run."""
        self._index_keys: dict[str, tuple] = {}
        self._pages: dict[str, tuple[Any, str]] = {}
        self._archives: dict[str, tuple[Any, tuple[str, ...]]] = {}
        """Each theme's pages of earlier records, by year, with the theme page's key they were made with."""
        self._handouts: Any = None

    def _version(self, entry: Entry) -> int:
        return self.files[entry.source.path].version

    def _meta(self, entry: Entry) -> tuple:
        known = self.files[entry.source.path]
        if known.meta is None:
            known.meta = _meta(entry)
        return known.meta

    def _index(self, public: Any) -> tuple[dict, dict[str, tuple], dict[str, tuple]]:
        """The theme index, what each theme page's findings depend on, and what each directory page does.

        Each record's part of a theme (its findings tagged with it, and whether it is tagged as a
        whole), and what it adds under that theme to each directory page (render.lists.INDEX_PAGES),
        is compared with the part of the record's previous version: the pages whose parts changed,
        or whose records came or went, get the number of this run in their key, so an edit makes
        only the pages that show the edited text render again. Only the themes whose parts changed
        are assembled again (all of them when a theme changed).
        Returns (index, {theme: key}, {directory page: key}).
        """
        from generator.index.themeindex import build_index, entry_findings
        from generator.render.lists import INDEX_PAGES, SPLIT_BY_THEME, theme_part

        themes = tuple(e for e in public.entries if e.kind == "theme")
        parts: dict[Path, tuple[Any, dict]] = {}
        changed: set[Any] = set()
        for entry in public.entries:
            if entry.kind == "theme":
                continue
            hit = self.index_memo.get(entry, lambda e=entry: entry_findings(e))
            path = entry.source.path
            previous = self._theme_parts.get(path)
            if previous is None or previous[0] is not hit:
                old = previous[1] if previous is not None else {}
                previous = self._parts(entry, hit, old)
                changed.update(part for part in old.keys() | previous[1].keys() if old.get(part) is not previous[1].get(part))
            parts[path] = previous
        for path in self._theme_parts.keys() - parts.keys():
            changed.update(self._theme_parts[path][1])
        if self._index_themes is None or len(themes) != len(self._index_themes) or \
                any(a is not b for a, b in zip(themes, self._index_themes, strict=True)):
            index = build_index(public, memo=self.index_memo)
        else:
            index = dict(self._index_value)
            for tid in sorted({part for part in changed if isinstance(part, str)} & index.keys()):
                index[tid] = self._assemble(index[tid], parts)
        self._theme_parts, self._index_themes, self._index_value = parts, themes, index
        self._generation += 1
        for part in changed:  # a theme page, or a directory page (and its part for one theme), whose parts changed
            self._changed_in[part if isinstance(part, str) else part[0]] = self._generation
            if not isinstance(part, str):
                self._changed_in[part] = self._generation
        counts = tuple((tid, findings.count) for tid, findings in index.items())
        listing = {page: (counts, self._changed_in.get(page, 0)) for page in INDEX_PAGES}
        for page in SPLIT_BY_THEME:  # each theme's own page of a split directory: its part only
            listing.update({theme_part(page, tid): (tid, self._changed_in.get((page, tid), 0)) for tid in index})
        return index, {tid: self._changed_in.get(tid, 0) for tid in index}, listing


    @staticmethod
    def _assemble(before: Any, parts: dict) -> Any:
        """One theme's findings again, from every record's part of it (as themeindex.build_index does)."""
        from generator.index.themeindex import GROUPS, Origin, ThemeFindings

        tid = before.theme.id
        findings = ThemeFindings(theme=before.theme, path=before.path)
        buckets: dict[str, list] = {g: [] for g in GROUPS}
        for _, mine in parts.values():
            part = mine.get(tid)
            if part is not None:
                for item in part[0]:
                    if isinstance(item, Origin):
                        findings.records.append(item)
                    else:
                        buckets[item.group].append(item)
        findings.records.sort(key=lambda o: (o.date or "", o.title), reverse=True)
        findings.groups = {g: items for g, items in buckets.items() if items}
        return findings

    def _parts(self, entry: Entry, hit: tuple, old: dict) -> tuple[Any, dict]:
        """A record's parts of each theme page (by theme) and directory page (by (page, theme)), each
        with its version: the old part, kept when equal, so that only real changes count."""
        from generator.render.lists import INDEX_PAGES

        origin, record_tags, found = hit
        split: dict[Any, list] = {}
        for tag in record_tags:
            split.setdefault(tag, []).append(origin)
        for finding_tags, finding in found:
            for tag in finding_tags:
                split.setdefault(tag, []).append(finding)
                for page, shown in INDEX_PAGES.items():
                    if shown is not None:
                        items = shown(finding, tag)
                        if items:
                            split.setdefault((page, tag), []).extend(items)
        version = self._version(entry)
        return hit, {part: old[part] if part in old and old[part][0] == items else (items, version)
                     for part, items in split.items()}

    def _listings(self, renderer: Any, index: dict, index_keys: dict, themes: tuple, page: Any) -> None:
        """Listing pages: looked at again only when what they list changed, rendered only when their content did."""
        from generator.render.lists import first_part_page, listing_pages

        records_key = (themes, tuple(self._meta(e) for e in renderer.records))
        if records_key != self.records_key:
            wanted = None  # a title, date or summary changed, or a record came or went: look at every listing
        else:
            wanted = {path for path in index_keys if self._index_keys.get(path) != index_keys[path]}
            for path, known in self._pages.items():
                if known[0][0] == "listing" and path not in wanted and first_part_page(path) not in wanted:
                    page(path, known[0], None)
        self.records_key, self._index_keys = records_key, index_keys
        if wanted == set():
            return
        for path, (template, context) in listing_pages(renderer.records, index, only=wanted).items():
            key = ("listing", template, themes, _listing_key(context, self._meta))
            # the handouts page links every handout (a change to any starts the cache afresh)
            every = template == "handouts.md.j2"
            extra = {"all_handouts": renderer.handout_info} if every else {}
            page(path, key, lambda p=path, t=template, c={**context, **extra}, k=None if every else ():
                 renderer.render(t, p, handouts=k, **c))

    def render(self, public: Any, handout_info: dict, files: dict,
               emit: Callable[[str, str], None] | None = None) -> dict[str, str | None]:
        """Every page (the page plan: records, themes, listings, static pages), rendering only those whose
        key changed since the last run. A fresh cache renders them all: that is the cold build.

        ``emit(path, text)`` is called for every page as soon as it is made (or found unchanged), so the
        pages can be written as they come. The result is every page's text by path (None for each one
        when the cache does not keep texts).

        Each page is given only what its key covers: the site settings and the themes' titles (a change
        to either starts afresh or is in every key), and its own context below. ``files`` is the
        record files by path: each entry's version and listing summary.
        """
        self.files = files
        if handout_info != self._handouts or self._env is None or not self.keep_texts:
            self._pages, self.records_key, self._index_keys, self._archives = {}, None, {}, {}
            self._handouts = handout_info
            self._env = environment(self.root)
            # blocks are kept for the next run; a one-off build has none (keeping them costs more than it saves:
            # 37.0 against 33.4 CPU s and 17 MB more at 1,000 records)
            self._env.fragments = {} if self.keep_texts else None
            self._fragments_kept = 0
        self.index_memo.keep_only(e for e in public.entries if e.kind != "theme")
        self.report_memo.keep_only(public.entries)
        index, theme_keys, index_keys = self._index(public)
        renderer = Renderer(public, handout_info, index=index, env=self._env)
        themes = tuple(self._version(e) for e in public.entries if e.kind == "theme")
        models = tuple(self._version(e) for e in renderer.models)
        fresh: dict[str, tuple[Any, str | None]] = {}

        def page(path: str, key: Any, make: Any) -> None:
            known = self._pages.get(path)
            if known is not None and known[0] == key:
                fresh[path], text = known, known[1]
            else:
                text = make()
                fresh[path] = (key, text if self.keep_texts else None)
            if emit is not None:
                emit(path, text)

        related = renderer.related_all()
        for entry in renderer.records:
            path = page_path(entry.kind, entry.id)
            shown = related[entry.source.path]
            key = ("record", self._version(entry), themes, tuple(renderer.handouts(entry.id)),
                   tuple((name, self._meta(other) if isinstance(other, Entry) else
                          tuple(map(self._meta, other)) if isinstance(other, list) else other)
                         for name, other in shown.items()))  # what it shows of a panel or its meetings
            page(path, key, lambda e=entry, p=path, s=shown: renderer.render(
                KIND[e.kind].template, p, handouts=(e.id,), record=e.record, kind=e.kind, key=e.id, **s))
        for tid, findings in index.items():
            path = page_path("theme", tid)
            key = ("theme", themes, models, tuple(renderer.handouts(f"theme:{tid}")), theme_keys[tid])
            page(path, key, lambda p=path, f=findings, t=tid: renderer.render(
                "theme.md.j2", p, handouts=(f"theme:{t}",), theme=f.theme, findings=f, key=f"theme:{t}",
                models=renderer.models))
            self._archive_pages(renderer, tid, findings, key, page)
        self._listings(renderer, index, index_keys, themes, page)
        for path, (template, context) in tracker_pages(public, self.report_memo).items():  # the tracker, the board's reports
            page(path, ("tracker", template, themes, _listing_key(context)),
                 lambda p=path, t=template, c=context: renderer.render(t, p, handouts=c.get("handout_keys", ()), **c))
        for path, template in static_templates(self.root).items():
            page(path, ("static", template, themes), lambda p=path, t=template: renderer.render(t, p))
        self._pages = fresh
        self._prune_fragments()
        return {path: text for path, (_, text) in sorted(fresh.items())}

    def _archive_pages(self, renderer: Any, tid: str, findings: Any, key: Any, page: Any) -> None:
        """A theme's pages of earlier records, one per year: made from what the theme page is, so with its key."""
        known = self._archives.get(tid)
        if known is not None and known[0] == key:
            for path in known[1]:
                page(path, key, None)
            return
        years = earlier_by_year(findings)
        paths = tuple(archive_path(findings.path, year) for year in years)
        for path, (year, by_group) in zip(paths, years.items(), strict=True):
            page(path, key, lambda p=path, y=year, g=by_group, f=findings, ys=tuple(years): renderer.render(
                "theme-earlier.md.j2", p, theme=f.theme, findings=f, year=y, by_group=g, years=ys))
        self._archives[tid] = (key, paths)

    def _prune_fragments(self) -> None:
        """Forget the theme-page blocks of findings that are no longer in any record."""
        fragments = self._env.fragments
        if fragments is None or len(fragments) < self._fragments_kept * 1.2:  # a few old blocks cost less than a look at them all
            return
        live = {id(finding) for hit in self.index_memo.values() for _, finding in hit[2]}
        for key in [k for k, (items, _) in fragments.items() if not all(id(f) in live for f in items)]:
            del fragments[key]
        self._fragments_kept = len(fragments)


def render_pages(project: Any, handout_info: HandoutIndex) -> dict[str, str]:
    """Every page of the site, ``{docs-relative path: Markdown text}``: a fresh page cache's render."""
    files = {e.source.path: KnownFile(None, e.source, e, version=1) for e in project.entries}
    return PageCache(getattr(project, "root", None)).render(project, handout_info, files)
