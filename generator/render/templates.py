"""Where templates are found: the board's own in ``overrides/`` first, then the built-in ones.

One lookup for the pages (``markdown``) and the handouts (``handouts``): a file of the same name in
``overrides/<part>/`` wins over ``generator/templates/<part>/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.core.inputs import TEMPLATES as BUILTIN

OVERRIDES = Path("overrides")
"""The board's own templates (relative to the project folder): overrides/markdown/, overrides/handouts/."""


def folders(root: Path | None, part: str) -> list[Path]:
    """The template folders of ``part`` ('markdown' or 'handouts'), the board's own first."""
    own = root / OVERRIDES / part if root else None
    return [*([own] if own is not None and own.is_dir() else []), BUILTIN / part]


def environment(root: Path | None, part: str, **options: Any) -> jinja2.Environment:
    """A Jinja environment over ``part``'s templates: escaping on, undefined values an error, tidy blocks."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders(root, part)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **options,
    )


def static_templates(root: Path | None) -> dict[str, str]:
    """Static page templates, ``{docs path: template name}``: every ``pages/**/*.md.j2``, built-in or the board's."""
    found: dict[str, str] = {}
    for base in reversed(folders(root, "markdown")):
        pages = base / "pages"
        if pages.is_dir():
            for path in sorted(pages.rglob("*.md.j2")):
                rel = path.relative_to(pages).as_posix()
                found[rel.removesuffix(".j2")] = "pages/" + rel
    return dict(sorted(found.items()))


def template_source(root: Path | None, part: str, name: str) -> Path:
    """The file a template name resolves to (the board's own when it has one)."""
    for folder in folders(root, part):
        if (folder / name).is_file():
            return folder / name
    return BUILTIN / part / name
