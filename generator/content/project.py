"""Find a project's files, load and validate them all, and hold the result.

This is the front of the pipeline: ``load_project`` runs the load and validate stages over
every file in ``content/`` and ``themes_data/`` and returns typed records plus every problem.
It reads a file again only when its stamp (modification time and size) changed since the
``FileCache`` it is given last saw it: the live preview keeps one cache, a cold build starts
with an empty one, and both go through this one function.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.content.config import SiteConfig, load_settings
from generator.content.load import SourceFile, load_file
from generator.content.validate import Entry, check_project, validate_file
from generator.core.inputs import RECORD_FOLDERS, Stamp, stamp
from generator.core.memo import RecordMemo
from generator.core.problems import Problems

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Project:
    """Everything the build needs: settings, themes and records, all validated."""

    root: Path
    """The project folder (holding content/, themes_data/, site.yaml)."""
    config: SiteConfig
    """The site settings from site.yaml."""
    entries: list[Entry] = field(default_factory=list)
    """Every valid record, themes included, in file order."""
    settings: SourceFile | None = None
    """site.yaml as loaded (for the line numbers of problems found in it); None when there is none."""

    @property
    def themes(self) -> dict[str, object]:
        return {e.id: e.record for e in self.entries if e.kind == "theme"}

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def get(self, record_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.kind != "theme" and entry.id == record_id:
                return entry
        return None


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=65536)
def _path(name: str) -> Path:
    """The same Path object for the same file each time (the live preview looks for files every second)."""
    return Path(name)


def discover(root: Path, problems: Problems) -> list[Path]:
    """Every record file under content/ and themes_data/, sorted; other files are reported."""
    found: list[Path] = []
    for folder in RECORD_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                suffix = os.path.splitext(name)[1].lower()
                if suffix in YAML_SUFFIXES:
                    found.append(_path(os.path.join(dirpath, name)))
                elif suffix not in (".md", ".json"):
                    path = Path(dirpath) / name
                    problems.warning(
                        display_path(path, root), 0, 0, "",
                        "is not a YAML file, so nothing in it is published. "
                        "Records must be saved as .yaml files.",
                    )
    return found


_versions = itertools.count(1)


@dataclass
class KnownFile:
    """What the reader remembers of one record file."""

    stamp: Stamp
    """(modification time in ns, size) when it was read."""
    source: SourceFile
    """The loaded file."""
    entry: Entry | None
    """The validated record, or None when the file has errors."""
    problems: list = field(default_factory=list)
    """Problems found while loading and validating this file on its own."""
    version: int = 0
    """A new number each time the file is read again: what the pages' cache keys are made of."""
    meta: tuple | None = None
    """What listing pages show of its record, once asked for (generator.render.pagecache)."""


@dataclass
class FileCache:
    """The record files as last read, and the per-record results of the checks across records."""

    files: dict[Path, KnownFile] = field(default_factory=dict)
    checks: RecordMemo = field(default_factory=RecordMemo)
    loads: int = 0
    """How many files were read (the tests use it to see that unchanged files are not read again)."""


def _read(path: Path, root: Path, cache: FileCache) -> KnownFile:
    found = stamp(path)
    known = cache.files.get(path)
    if known is None or known.stamp != found or found is None:
        own = Problems()
        cache.loads += 1
        source = load_file(path, display_path(path, root), own)
        entry = validate_file(source, own) if source.data is not None else None
        known = KnownFile(found, source, entry, own.items, next(_versions))
    return known


def load_project(root: Path, cache: FileCache | None = None, extra: list[Path] = ()) -> tuple[Project, Problems]:
    """Load and validate the whole project (and ``extra`` files outside its record folders): the project and
    every problem found; with ``cache``, files unchanged since it last saw them are not read again."""
    root = root.resolve()
    problems = Problems()
    cache = cache if cache is not None else FileCache()
    config, settings = load_settings(root, problems)
    paths = discover(root, problems)
    known_paths = set(paths)
    paths += [p for p in (Path(x).resolve() for x in extra) if p not in known_paths and p.is_file()]  # as named
    files = {path: _read(path, root, cache) for path in paths}
    cache.files = files
    entries: list[Entry] = []
    invalid = []
    for known in files.values():
        problems.items.extend(known.problems)
        if known.entry is not None:
            entries.append(known.entry)
        elif known.source.data is not None:
            invalid.append(known.source)
    check_project(entries, problems, invalid, memo=cache.checks)
    cache.checks.keep_only(entries)
    return Project(root=root, config=config, entries=entries, settings=settings), problems


def wanted_files(root: Path, only: list[Path]) -> set[str]:
    """The display paths of the files named (folders: every YAML file in them), for reporting only those."""
    wanted: set[str] = set()
    for item in only:
        item = Path(item).resolve()
        if item.is_dir():
            wanted.update(display_path(p, root) for p in item.rglob("*") if p.suffix.lower() in YAML_SUFFIXES)
        else:
            wanted.add(display_path(item, root))
    return wanted


__all__ = ["Project", "FileCache", "KnownFile", "load_project", "discover", "display_path", "wanted_files",
           "RECORD_FOLDERS", "YAML_SUFFIXES"]
