"""The preview's HTML server: MkDocs' own build, kept in memory, rebuilding only the pages that changed.

Run as its own program (``python -m generator.preview.htmlserver``) by ``generator.preview.serve``; the
generator itself never imports MkDocs. ``mkdocs serve`` loads the configuration, the theme's templates
and every page again on each change (a full build, about 70 s at 1,000 records; 1.5 to 2 s even with
``--dirty``, most of it compiling the theme's templates again). ``KeptSite`` does MkDocs' build once
(the steps of ``mkdocs.commands.build.build``, MkDocs 1.6.1, pinned in pyproject.toml) and keeps what
it made: the configuration, the files, the navigation and the template environment. After that,
``update`` reads, converts and writes again only the Markdown files whose modification time changed
(the generator rewrites only the pages whose text changed). When a page is added or removed, or the
configuration or the theme changes, it builds everything again, as a full build would.

MkDocs' search plugin is left out (generator.site.preview_config writes the preview's configuration): it
would index only the pages rebuilt since the preview started.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import click
from mkdocs import utils
from mkdocs.commands import build as mk
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs")


def _stamps(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` and its modification time (ns)."""
    found: dict[str, int] = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            found[path] = os.stat(path).st_mtime_ns
    return found


class KeptSite:
    """One MkDocs build kept in memory; ``update`` rebuilds only what changed since."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None, watched: tuple[Path, ...] = ()):
        self.config_file, self.site_dir, self.serve_url = Path(config_file), Path(site_dir), serve_url
        self.watched = tuple(Path(p) for p in watched)
        """More files whose change means a full build (the project's mkdocs.yml, which the configuration INHERITs)."""
        self.full_builds = 0
        self.full()

    def _settings_stamps(self) -> dict[str, int]:
        """The configuration files beside the preview's, the watched ones, and the theme's own folder."""
        stamps = {str(p): p.stat().st_mtime_ns for p in [*self.config_file.parent.glob("*.yml"), *self.watched]
                  if p.is_file()}
        for folder in self.theme_dirs:
            stamps.update(_stamps(folder))
        return stamps

    def full(self) -> None:
        """MkDocs' build, step by step (mkdocs.commands.build.build), keeping its files, navigation and templates."""
        started = time.monotonic()
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir), strict=False)
        if self.serve_url:
            config.site_url = self.serve_url
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        inclusion = InclusionLevel.is_in_serve if self.serve_url else InclusionLevel.is_included
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            mk._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            mk._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        self._validate(doc_files, files, config)
        config.plugins.on_post_build(config=config)
        self.config, self.files, self.nav, self.env, self.doc_files = config, files, nav, env, doc_files
        self.by_path = {os.path.join(config.docs_dir, f.src_path): f for f in doc_files}
        self.theme_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        """The board's part of the theme (build/theme); the installed theme does not change while serving."""
        self.docs = _stamps(Path(config.docs_dir))
        self.settings = self._settings_stamps()
        self.full_builds += 1
        log.info(f"Built every page ({len(doc_files)}) in {time.monotonic() - started:.2f} seconds")

    @staticmethod
    def _validate(pages, files, config) -> None:
        for file in pages:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def update(self) -> list[str]:
        """Rebuild what changed since the last build: the changed pages, or everything. The pages rebuilt
        (docs-relative); every page when it built everything."""
        started = time.monotonic()
        docs = _stamps(Path(self.config.docs_dir))
        if set(docs) != set(self.docs) or self._settings_stamps() != self.settings:
            self.full()
            return [f.src_uri for f in self.doc_files]
        changed = [path for path, stamp in docs.items() if self.docs[path] != stamp]
        self.docs = docs
        pages = [self.by_path[path] for path in changed if path in self.by_path]
        others = [path for path in changed if path not in self.by_path]
        for path in others:  # a file MkDocs copies as it is (an image, a PDF, the feed)
            file = next((f for f in self.files if f.abs_src_path == path), None)
            if file is not None:
                file.copy_file()
        for file in pages:
            mk._populate_page(file.page, self.config, self.files)
        for file in pages:
            mk._build_page(file.page, self.config, self.doc_files, self.nav, self.env,
                           excluded=file.inclusion.is_excluded())
        self._validate(pages, self.files, self.config)
        if pages or others:
            log.info(f"Rebuilt {len(pages)} page(s) in {time.monotonic() - started:.2f} seconds")
        return [f.src_uri for f in pages]


@click.command()
@click.option("--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--watch", "watched", multiple=True, type=click.Path(path_type=Path), help="More paths to watch.")
def main(config_file: Path, dev_addr: str, watched: tuple[Path, ...]) -> None:
    """Serve the site of CONFIG_FILE with live reload, rebuilding only the pages that change."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="preview_"))
    try:
        first = load_config(config_file=str(config_file))
        serve_url = _serve_url(host, int(port), urlsplit(first.site_url or "/").path)
        kept = KeptSite(config_file, site_dir, serve_url, watched)
        server = LiveReloadServer(builder=kept.update, host=host, port=int(port), root=str(site_dir),
                                  mount_path=urlsplit(serve_url).path)
        not_found = site_dir / "404.html"
        server.error_handler = lambda code: not_found.read_bytes() if code == 404 and not_found.is_file() else None
        for path in [Path(kept.config.docs_dir), *config_file.parent.glob("*.yml"), *kept.theme_dirs, *watched]:
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
