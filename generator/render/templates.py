"""Where templates are found: the board's own in ``overrides/`` first, then the built-in ones.

One lookup for the pages (``markdown``) and the handouts (``handouts``): a file of the same name in
``overrides/<part>/`` wins over ``generator/templates/<part>/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator.core.inputs import TEMPLATES as BUILTIN

OVERRIDES = Path("overrides")
"""The board's own templates (relative to the project folder): overrides/markdown/, overrides/handouts/."""


def folders(root: Path | None, part: str) -> list[Path]:
    """The template folders of ``part`` ('markdown' or 'handouts'), the board's own first."""
    own = root / OVERRIDES / part if root else None
    return [*([own] if own is not None and own.is_dir() else []), BUILTIN / part]


class _CompiledOnce(jinja2.BytecodeCache):
    """Each template file compiled once per process, whatever the run: Jinja asks here before compiling, by the
    file's path and the checksum of its text, so an edited template (an override changed in the preview) is
    compiled again. Compiling was half of a small project's render (0.4 of 0.9 s for the shipped content), and a
    process makes many environments: the preview one per reset, the tests one per build."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED: dict[tuple[str, frozenset[str]], _CompiledOnce] = {}
"""One store per part and set of options (the options shape the compiled code, e.g. a ``finalize``)."""


def environment(root: Path | None, part: str, **options: Any) -> jinja2.Environment:
    """A Jinja environment over ``part``'s templates: escaping on, undefined values an error, tidy blocks."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders(root, part)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED.setdefault((part, frozenset(options)), _CompiledOnce()),
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
