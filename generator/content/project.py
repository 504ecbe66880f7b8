"""Find a project's files, load and validate them all, and hold the result.

This is the front of the pipeline: ``load_project`` runs the load and validate stages over
every file in ``content/`` and ``themes_data/`` and returns typed records plus every problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.content.config import SiteConfig, load_config
from generator.content.load import load_file
from generator.content.validate import Entry, check_project, validate_file
from generator.core.problems import Problems

RECORD_FOLDERS = ("content", "themes_data")
"""Folders whose YAML files are records."""

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


def load_project(root: Path, only: list[Path] | None = None) -> tuple[Project, Problems]:
    """Load and validate the whole project. With ``only``, report problems for those files alone."""
    root = root.resolve()
    problems = Problems()
    config = load_config(root, problems)
    paths = discover(root, problems)
    wanted: set[str] | None = None
    if only:
        wanted = set()
        for item in only:
            item = item.resolve()
            if item.is_dir():
                for p in item.rglob("*"):
                    if p.suffix.lower() in YAML_SUFFIXES:
                        wanted.add(display_path(p, root))
            else:
                wanted.add(display_path(item, root))
                if item not in [p.resolve() for p in paths]:
                    paths.append(item)
    entries: list[Entry] = []
    invalid = []
    for path in paths:
        source = load_file(path, display_path(path, root), problems)
        if source.data is None:
            continue
        entry = validate_file(source, problems)
        if entry is not None:
            entries.append(entry)
        else:
            invalid.append(source)
    check_project(entries, problems, invalid)
    if wanted is not None:
        kept = Problems()
        for problem in problems.items:
            if problem.path in wanted:
                kept.add(problem)
        missing = [w for w in sorted(wanted) if not (root / w).exists() and not Path(w).exists()]
        for w in missing:
            kept.error(w, 0, 0, "", "does not exist.")
        problems = kept
    return Project(root=root, config=config, entries=entries), problems
