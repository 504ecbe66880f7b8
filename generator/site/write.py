"""Stage: write. Put the generated Markdown and the site configuration on disk, touching only what changed.

``PageWriter`` (and ``write_pages``, for a set of pages at once) rewrites a page only when its text changed (so ``mkdocs serve`` rebuilds only
what it must) and removes the pages of deleted records. It keeps a manifest of the files it
wrote, beside the docs folder, and never deletes a file it did not write: ``docs/handouts/``
(managed by the handouts stage) and anything else put there by hand are left alone.

``write_config`` writes ``build/mkdocs.yml``: plain YAML that INHERITs the committed top-level
``mkdocs.yml`` and adds the docs folder, the site's name and the navigation. It also prepares a
clean copy of ``overrides/`` as the theme's custom folder (without ``overrides/markdown`` or
``overrides/handouts``, which are templates for the generator, not files to publish) and the
palette's stylesheet. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from generator.checks.palette import palette_css
from generator.core.files import write_if_changed
from generator.render.nav import nav

MANIFEST_SUFFIX = ".manifest.json"
"""The manifest sits beside the docs folder: build/docs.manifest.json."""
PROTECTED = ("handouts",)
"""Top-level folders of the docs that the generator never writes into nor removes from."""
THEME_DIR = "theme"
"""The clean copy of overrides/ (inside build/) that MkDocs uses as the theme's custom folder."""
NOT_PUBLISHED = ("markdown", "handouts")
"""Folders of overrides/ that hold templates for the generator and must never be copied into the site."""


def _manifest_path(docs_dir: Path) -> Path:
    return docs_dir.with_name(docs_dir.name + MANIFEST_SUFFIX)


def _read_manifest(docs_dir: Path) -> set[str]:
    path = _manifest_path(docs_dir)
    if not path.exists():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8")).get("pages", []))
    except (ValueError, AttributeError):
        return set()


class PageWriter:
    """Writes pages one at a time, as they are rendered, so that a build need not hold every page's text
    at once (about 300 MB at 5,000 records); ``finish`` then removes the pages of deleted records.

    ``known`` (kept by generator.pipeline.session) is what the previous run wrote: a page whose text is the
    same object and whose file is still there is not read back to compare.
    """

    def __init__(self, docs_dir: Path, known: dict[str, str | None] | None = None):
        self.docs_dir = docs_dir
        self.known = known or {}
        self.folder = str(docs_dir)
        self.written: list[str] = []
        docs_dir.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str) -> None:
        if self.known.get(rel) is text and os.path.isfile(os.path.join(self.folder, rel)):
            return
        if Path(rel).is_absolute() or ".." in Path(rel).parts or Path(rel).parts[0] in PROTECTED:
            raise ValueError(f"refusing to write a page outside the generated pages: {rel}")
        if write_if_changed(self.docs_dir / rel, text):
            self.written.append(rel)

    def finish(self, pages: set[str] | dict[str, Any]) -> tuple[list[str], list[str]]:
        """Remove the pages this writer's folder had that are not in ``pages``; return (written, removed)."""
        removed: list[str] = []
        for rel in sorted(_read_manifest(self.docs_dir) - set(pages)):
            path = self.docs_dir / rel
            if Path(rel).parts and Path(rel).parts[0] in PROTECTED:
                continue
            if path.is_file():
                path.unlink()
                removed.append(rel)
                _remove_empty_parents(path.parent, self.docs_dir)
        write_if_changed(_manifest_path(self.docs_dir), json.dumps({"pages": sorted(pages)}, indent=1) + "\n")
        return sorted(self.written), removed


def write_pages(pages: dict[str, str], docs_dir: Path, known: dict[str, str | None] | None = None) -> tuple[list[str], list[str]]:
    """Write the pages into ``docs_dir``; return (pages written, pages removed), docs-relative."""
    writer = PageWriter(docs_dir, known)
    for rel, text in sorted(pages.items()):
        writer.write(rel, text)
    return writer.finish(pages)


def _remove_empty_parents(folder: Path, docs_dir: Path) -> None:
    while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def sync_theme(root: Path, build_dir: Path) -> Path:
    """Mirror ``overrides/`` (minus the generator's templates) into ``build/theme``; only changed files are copied."""
    source, target = root / "overrides", build_dir / THEME_DIR
    wanted: dict[str, Path] = {}
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            rel = path.relative_to(source)
            if path.is_file() and rel.parts[0] not in NOT_PUBLISHED and not rel.name.startswith("."):
                wanted[rel.as_posix()] = path
    target.mkdir(parents=True, exist_ok=True)
    for rel, path in wanted.items():
        write_if_changed(target / rel, path.read_bytes())
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted and rel != PALETTE_CSS:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return target


PALETTE_CSS = "assets/stylesheets/palette.css"
"""The stylesheet generated from site.yaml's palette (listed in mkdocs.yml's extra_css)."""


def site_config(project: Any, root: Path, docs_dir: Path) -> dict[str, Any]:
    """The generated configuration as a dict (what build/mkdocs.yml holds)."""
    build_dir = docs_dir.parent
    config = project.config
    data: dict[str, Any] = {
        "INHERIT": os.path.relpath(root / "mkdocs.yml", build_dir),
        "site_name": config.site_name,
        "docs_dir": os.path.relpath(docs_dir, build_dir),
        "site_dir": os.path.relpath(root / "site", build_dir),
        "theme": {"custom_dir": THEME_DIR, "language": config.language.split("-")[0].lower()},
        "copyright": f"Published by {config.partnership}",
        "nav": nav(project),
    }
    if config.site_url:
        data["site_url"] = config.site_url
    data["extra"] = {"contact": _footer_contact(config, docs_dir)}
    return data


def _footer_contact(config: Any, docs_dir: Path) -> dict[str, Any]:
    """What the footer (overrides/partials/copyright.html) shows: the board's contacts, the referral form, the
    feed, and whom to ask while something is missing. Paths are site-relative; the partial makes them relative."""
    from generator.render.dated import referral_of

    r = referral_of(config)
    return {
        "email": r.email, "phone": r.phone, "website": r.website,
        "form": r.form, "form_is_file": r.form_is_file, "ask_instead": r.ask_instead,
        "missing": list(r.missing), "feed": "feed.xml", "whats_new": "whats-new/",
    }


def write_config(project: Any, root: Path, docs_dir: Path) -> Path:
    """Write build/mkdocs.yml, the clean theme folder and the palette stylesheet; return the config file."""
    build_dir = docs_dir.parent
    theme = sync_theme(root, build_dir)
    write_if_changed(theme / PALETTE_CSS, palette_css(project.config))
    config_file = build_dir / "mkdocs.yml"
    text = "# Generated by `python -m generator generate` from site.yaml and the records: do not edit.\n"
    text += yaml.safe_dump(site_config(project, root, docs_dir), sort_keys=False, allow_unicode=True, width=120)
    write_if_changed(config_file, text)
    return config_file
