"""Regenerate the pages again and again in one process (``make serve``), redoing only what an edit changed.

A ``Session`` keeps, for each record file (known by its path, modification time and size), the
loaded file, the validated record, its own problems and its privacy findings; a later
``regenerate()`` reloads only the files that changed, were added or were removed. The checks
across records (ids, theme and panel references) still run over every record, from cached
per-record results. Pages are rendered again only when something they show changed: a record's
page when the record (or a record it shows, a theme title, its handouts) changed, a theme page
when a finding tagged with it changed, a listing page when the titles, dates or summaries it
lists changed. A change to site.yaml, privacy-allowlist.yaml or overrides/ starts afresh.

The pages are byte for byte what a cold ``generate()`` writes (tests/test_session.py checks it
after every kind of edit), and restricted records are taken out before anything is rendered.

    session = Session(root)
    session.regenerate()          # the first run is a full one
    ...                           # edit a record
    session.regenerate()          # only that record, and the pages that show it
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .build import GENERATED_DOCS, BuildSummary, Progress
from .problems import GeneratorError, Problems
from .validate import Entry

_versions = itertools.count(1)

GLOBAL_FILES = ("site.yaml", "privacy-allowlist.yaml", "overrides")
"""Files (and a folder) whose change makes the next run a full one: they affect every record or page."""


@dataclass
class _File:
    """What the session remembers of one record file."""

    signature: tuple[int, int]
    """(modification time in ns, size) when it was read."""
    source: Any
    """The loaded file (generator.load.SourceFile)."""
    entry: Entry | None
    """The validated record, or None when the file has errors."""
    problems: list = field(default_factory=list)
    """Problems found while loading and validating this file on its own."""
    version: int = 0
    """Changes each time the file is read again: what page keys are made of."""


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _tree_signature(root: Path) -> tuple:
    found: list = []
    for name in GLOBAL_FILES:
        path = root / name
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames.sort()
                for item in sorted(filenames):
                    found.append((os.path.join(dirpath, item), _signature(Path(dirpath) / item)))
        else:
            found.append((name, _signature(path)))
    return tuple(found)


_metas: dict[int, tuple[Entry, tuple]] = {}


def _meta(entry: Entry) -> tuple:
    """What listing pages show of a record: kind, id, date and its top-level single values (title, summary…)."""
    hit = _metas.get(id(entry))
    if hit is None or hit[0] is not entry:
        hit = _metas[id(entry)] = (entry, _make_meta(entry))
    return hit[1]


def _make_meta(entry: Entry) -> tuple:
    from .render_lists import record_date

    record = entry.record
    scalars = tuple((name, getattr(record, name)) for name in type(record).model_fields
                    if isinstance(getattr(record, name), (str, int, float, bool, type(None))))
    return entry.kind, entry.id, record_date(entry.kind, record), scalars


def _listing_key(value: Any) -> Any:
    """A comparable summary of a listing page's context (records by what listings show of them)."""
    from .themeindex import ThemeFindings

    if isinstance(value, Entry):
        return _meta(value)
    if isinstance(value, ThemeFindings):
        return value.theme.id, value.count
    if isinstance(value, dict):
        return tuple((k, _listing_key(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_listing_key(v) for v in value)
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return value


class Session:
    """Regenerates a project's pages into build/docs, keeping what is unchanged between runs."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.loads = 0
        """How many record files were read (tests use it to see that unchanged files are not)."""
        self._reset()

    def _reset(self) -> None:
        self._global: tuple | None = None
        self._files: dict[Path, _File] = {}
        self._check_memo: dict = {}
        self._scan_memo: dict = {}
        self._index_memo: dict = {}
        self._theme_parts: dict[Path, tuple[Any, dict, list]] = {}
        self._index_themes: tuple | None = None
        self._index_value: dict = {}
        self._config_written: Any = None
        self._env: Any = None
        self._records_key: tuple | None = None
        self._index_keys: dict[str, tuple] = {}
        self._pages: dict[str, tuple[Any, str]] = {}
        self._written: dict[str, str] | None = None
        self._handouts: Any = None

    # ------------------------------------------------------------------ check

    def _load(self, problems: Problems) -> tuple[list[Entry], list]:
        from .load import load_file
        from .project import discover, display_path
        from .validate import validate_file

        paths = discover(self.root, problems)
        files: dict[Path, _File] = {}
        for path in paths:
            signature = _signature(path)
            known = self._files.get(path)
            if known is None or known.signature != signature or signature is None:
                own = Problems()
                self.loads += 1
                source = load_file(path, display_path(path, self.root), own)
                entry = validate_file(source, own) if source.data is not None else None
                known = _File(signature, source, entry, own.items, next(_versions))
            files[path] = known
        self._files = files
        entries, invalid = [], []
        for known in files.values():
            problems.items.extend(known.problems)
            if known.entry is not None:
                entries.append(known.entry)
            elif known.source.data is not None:
                invalid.append(known.source)
        return entries, invalid

    def check(self, summary: BuildSummary) -> tuple[Any, list[Entry], Problems]:
        """Load what changed, check everything; raise GeneratorError (like a cold check) on errors."""
        from .config import load_config
        from .palette import check_palette
        from .project import Project
        from .safety import publishable, scan_project
        from .validate import check_project

        signature = _tree_signature(self.root)
        if signature != self._global:
            self._reset()
            self._global = signature
        problems = Problems()
        config = load_config(self.root, problems)
        entries, invalid = self._load(problems)
        check_project(entries, problems, invalid, memo=self._check_memo)
        project = Project(root=self.root, config=config, entries=entries)
        problems.extend(scan_project(project, memo=self._scan_memo))
        check_palette(config, problems, self.root)
        live = {id(e) for e in entries}
        for memo in (self._check_memo, self._scan_memo, self._index_memo):
            if len(memo) > len(live):
                for key in [k for k in memo if k not in live]:
                    del memo[key]
        summary.warnings = len(problems.warnings)
        if problems.errors:
            raise GeneratorError(
                "the build found errors, so nothing was published. Fix them and build again "
                "(the last good site is still in place).",
                problems,
            )
        public, withheld = publishable(project)
        summary.withheld = len(withheld)
        summary.records = len([e for e in public.entries if e.kind != "theme"])
        summary.themes = len(public.entries) - summary.records
        return public, withheld, problems

    # ------------------------------------------------------------------ render

    def _version(self, entry: Entry) -> int:
        return self._files[entry.source.path].version

    def _index(self, public: Any) -> tuple[dict, dict[str, tuple], dict[str, tuple]]:
        """The theme index, what each theme page's findings depend on, and what each directory page does.

        Each record's part of a theme (its findings tagged with it, and whether it is tagged as a
        whole), and what it adds under that theme to each directory page (render_lists.INDEX_PAGES),
        gets a version; a record read again keeps the versions of the parts equal to what they were,
        so an edit makes only the pages that show the edited text render again. Only the themes
        whose parts changed are assembled again (all of them when a theme changed).
        Returns (index, {theme: key}, {directory page: key}).
        """
        from .render_lists import INDEX_PAGES
        from .themeindex import build_index, entry_findings

        themes = tuple(e for e in public.entries if e.kind == "theme")
        keys: dict[str, list] = {e.id: [] for e in themes}
        page_keys: dict[str, list] = {page: [] for page in INDEX_PAGES}
        parts: dict[Path, tuple[Any, dict, list]] = {}
        changed: set[str] = set()
        for entry in public.entries:
            if entry.kind == "theme":
                continue
            hit = self._index_memo.get(id(entry))
            if hit is None or hit[0] is not entry:
                hit = self._index_memo[id(entry)] = (entry, *entry_findings(entry))
            path = entry.source.path
            previous = self._theme_parts.get(path)
            if previous is None or previous[0] is not hit:
                old = previous[1] if previous is not None else {}
                previous = self._parts(entry, hit, old)
                changed.update(part for part in set(old) | set(previous[1])
                               if isinstance(part, str) and old.get(part) is not previous[1].get(part))
            parts[path] = previous
            for target, item in previous[2]:
                if target is not None:
                    page_keys[target].append(item)
                elif item[0] in keys:
                    keys[item[0]].append(item)
        for path in self._theme_parts.keys() - parts.keys():
            changed.update(part for part in self._theme_parts[path][1] if isinstance(part, str))
        if self._index_themes is None or len(themes) != len(self._index_themes) or \
                any(a is not b for a, b in zip(themes, self._index_themes, strict=True)):
            index = build_index(public, memo=self._index_memo)
        else:
            index = dict(self._index_value)
            for tid in sorted(changed & index.keys()):
                index[tid] = self._assemble(index[tid], parts)
        self._theme_parts, self._index_themes, self._index_value = parts, themes, index
        counts = tuple((tid, findings.count) for tid, findings in index.items())
        listing = {page: (counts, tuple(page_keys[page])) for page in INDEX_PAGES}
        return index, {tid: tuple(items) for tid, items in keys.items()}, listing

    @staticmethod
    def _assemble(before: Any, parts: dict) -> Any:
        """One theme's findings again, from every record's part of it (as themeindex.build_index does)."""
        from .themeindex import GROUPS, Origin, ThemeFindings

        tid = before.theme.id
        findings = ThemeFindings(theme=before.theme, path=before.path)
        buckets: dict[str, list] = {g: [] for g in GROUPS}
        for _, mine, _ in parts.values():
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

    def _parts(self, entry: Entry, hit: tuple, old: dict) -> tuple[Any, dict, list]:
        """A record's parts of each theme and directory page, each with its version, and the list of
        (directory page or None for the theme page, (theme, file, version)) they contribute to keys."""
        from .render_lists import INDEX_PAGES

        _, origin, record_tags, found = hit
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
        version, path = self._version(entry), entry.source.path
        mine = {part: old[part] if part in old and old[part][0] == items else (items, version)
                for part, items in split.items()}
        contributions = [(None, (part, path, v)) if not isinstance(part, tuple) else (part[0], (part[1], path, v))
                         for part, (_, v) in mine.items()]
        return hit, mine, contributions

    def _listings(self, renderer: Any, index: dict, index_keys: dict, themes: tuple, page: Any) -> None:
        """Listing pages: looked at again only when what they list changed, rendered only when their content did."""
        from .render_lists import INDEX_PAGES, listing_pages

        records_key = (themes, tuple(_meta(e) for e in renderer.records))
        if records_key != self._records_key:
            wanted = None  # a title, date or summary changed, or a record came or went: look at every listing
        else:
            wanted = {path for path in INDEX_PAGES if self._index_keys.get(path) != index_keys[path]}
            for path, known in self._pages.items():
                if known[0][0] == "listing" and path not in wanted:
                    page(path, known[0], None)
        self._records_key, self._index_keys = records_key, index_keys
        if wanted == set():
            return
        for path, (template, context) in listing_pages(renderer.records, index, only=wanted).items():
            key = ("listing", template, themes, _listing_key(context))
            page(path, key, lambda p=path, t=template, c=context: renderer.render(t, p, **c))

    def render(self, public: Any, handout_info: dict) -> dict[str, str]:
        """Every page, rendering only those whose inputs changed since the last run."""
        from .render import RECORD_TEMPLATES, Renderer, environment, static_templates
        from .themeindex import page_path

        if handout_info != self._handouts or self._env is None:
            self._pages, self._records_key, self._index_keys = {}, None, {}
            self._handouts = handout_info
            self._env = environment(self.root)
            self._env.fragments = {}
            self._fragments_kept = 0
        index, theme_keys, index_keys = self._index(public)
        renderer = Renderer(public, handout_info, index=index, env=self._env)
        themes = tuple(self._version(e) for e in public.entries if e.kind == "theme")
        models = tuple(self._version(e) for e in renderer.records if e.kind == "reflective-model")
        fresh: dict[str, tuple[Any, str]] = {}

        def page(path: str, key: Any, make: Any) -> None:
            known = self._pages.get(path)
            fresh[path] = known if known is not None and known[0] == key else (key, make())

        related = renderer.related_all()
        for entry in renderer.records:
            path = page_path(entry.kind, entry.id)
            shown = related[entry.source.path]
            key = ("record", self._version(entry), themes, tuple(renderer.handouts(entry.id)), _listing_key(shown))
            page(path, key, lambda e=entry, p=path, s=shown: renderer.render(
                RECORD_TEMPLATES[e.kind], p, record=e.record, kind=e.kind, key=e.id, **s))
        for tid, findings in index.items():
            path = page_path("theme", tid)
            key = ("theme", themes, models, tuple(renderer.handouts(f"theme:{tid}")), theme_keys[tid])
            page(path, key, lambda p=path, f=findings, t=tid: renderer.render(
                "theme.md.j2", p, theme=f.theme, findings=f, key=f"theme:{t}"))
        self._listings(renderer, index, index_keys, themes, page)
        for path, template in static_templates(self.root).items():
            page(path, ("static", template, themes), lambda p=path, t=template: renderer.render(t, p))
        self._pages = fresh
        self._prune_fragments()
        return {path: text for path, (_, text) in sorted(fresh.items())}

    def _prune_fragments(self) -> None:
        """Forget the theme-page blocks of findings that are no longer in any record."""
        fragments = self._env.fragments
        if len(fragments) < self._fragments_kept * 1.2:  # a few old blocks cost less than a look at them all
            return
        live = {id(finding) for hit in self._index_memo.values() for _, finding in hit[3]}
        for key in [k for k, (items, _) in fragments.items() if not all(id(f) in live for f in items)]:
            del fragments[key]
        self._fragments_kept = len(fragments)

    # ------------------------------------------------------------------ regenerate

    def regenerate(self, progress: Progress = lambda message: None, handout_info: dict | None = None,
                   summary: BuildSummary | None = None) -> BuildSummary:
        """Check, then write the pages that changed into build/docs (the first run does everything)."""
        from .write import write_config, write_pages

        started = time.perf_counter()
        summary = summary or BuildSummary()
        t = time.perf_counter()
        progress("Checking records…")
        public, _, problems = self.check(summary)
        summary.timings["load_validate"] = time.perf_counter() - t
        if problems.warnings:
            from .cli import report

            report(problems)
        t = time.perf_counter()
        progress("Writing pages…")
        pages = self.render(public, handout_info or {})
        docs = self.root / GENERATED_DOCS
        written, removed = write_pages(pages, docs, known=self._written)
        self._written = pages
        if self._records_key != self._config_written or not (docs.parent / "mkdocs.yml").is_file():
            write_config(public, self.root, docs)  # the navigation lists kinds and ids only
            self._config_written = self._records_key
        summary.timings["render_write"] = time.perf_counter() - t
        summary.pages, summary.pages_written, summary.pages_removed = len(pages), len(written), len(removed)
        summary.seconds = time.perf_counter() - started
        return summary
