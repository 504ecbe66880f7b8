"""Stage last, publish: build into a staging folder and swap it in only when everything succeeded.

    with staging(root / "site") as stage:
        build_html(config, stage.site)     # anything raised here leaves site/ untouched
        stage.commit()                     # site/ is replaced by the new site

The staging folder is a fresh folder beside ``out`` (same filesystem, so the swap is a rename,
never a copy). A build that fails, for whatever reason, removes its staging folder and leaves
the previous site byte for byte as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import GeneratorError

PREFIX = ".build-tmp-"
"""Staging and backup folders start with this (git-ignored); a leftover one is safe to delete."""


@dataclass
class Staging:
    """A staging folder for one build, and the folder it will replace."""

    out: Path
    """Where the site is published, e.g. ROOT/site."""
    site: Path
    """The staging folder to build into."""
    committed: bool = False
    """Whether the new site has been swapped in."""

    def commit(self) -> None:
        """Replace ``out`` by the staging folder: out → backup, staging → out, remove backup.

        If the second rename fails, the backup is renamed back, so ``out`` is never lost.
        """
        if self.committed:
            raise RuntimeError("this staging folder has already been published")
        backup: Path | None = None
        if self.out.exists() or self.out.is_symlink():
            backup = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{self.out.name}-old-", dir=self.out.parent))
            backup.rmdir()
            os.rename(self.out, backup)
        try:
            os.rename(self.site, self.out)
        except BaseException:
            if backup is not None:
                os.rename(backup, self.out)
            raise
        self.committed = True
        if backup is not None:
            _remove(backup)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _check_target(out: Path) -> None:
    """Refuse to replace a folder that is not a site built before (e.g. --out . by mistake)."""
    if out.is_symlink() or not out.exists():
        return
    if not out.is_dir():
        raise GeneratorError(f"{out} is a file, not a folder; choose another place to write the site.")
    if any(out.iterdir()) and not (out / "index.html").exists() and not (out / "sitemap.xml").exists():
        raise GeneratorError(
            f"{out} is not empty and does not look like a site built before (it has no index.html), "
            "so it will not be replaced. Choose an empty folder or the project's site/ folder."
        )
    for marker in ("content", "themes_data", ".git", "pyproject.toml"):
        if (out / marker).exists():
            raise GeneratorError(f"{out} holds {marker}, so it will not be replaced by the site. Choose another folder.")


@contextmanager
def staging(out: Path) -> Iterator[Staging]:
    """A fresh staging folder beside ``out``; removed on any failure, swapped in by ``commit()``."""
    out = Path(out).absolute()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{out.name}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(site, 0o777 & ~umask)  # mkdtemp makes it private; a published site must be readable
    stage = Staging(out=out, site=site)
    try:
        yield stage
    finally:
        if not stage.committed:
            _remove(site)
