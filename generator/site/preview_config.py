"""Stage: site. The live preview's configuration: build/mkdocs-preview.yml, the site's configuration without search.

The preview (generator.preview.htmlserver) rebuilds only the pages that changed, so a search index
made there would hold only those pages: MkDocs' search plugin is left out, and every page of the
preview says at its top that search belongs to the full build (``make site``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.core.files import write_if_changed

PREVIEW_CONFIG = "mkdocs-preview.yml"
"""Beside build/mkdocs.yml, which it INHERITs."""
LEFT_OUT = ("search",)
"""Plugins the preview does without."""
SEARCH_NOTE = ("Preview: each page is rebuilt as you edit. Search is not part of the preview; "
               "the full build (make site) has it.")
"""What the preview shows at the top of every page (overrides/main.html, when extra.preview_note is set)."""


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml's own tags (!ENV, !relative, python names) as nothing: only the plugins are wanted."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def plugins_of(config_file: Path) -> list[Any]:
    """The plugins the configuration ``config_file`` sets or INHERITs (MkDocs' default: search)."""
    seen: set[Path] = set()
    path = Path(config_file).resolve()
    while path not in seen and path.is_file():
        seen.add(path)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) or {}  # noqa: S506 - a safe loader
        if "plugins" in data:
            return list(data["plugins"] or [])
        if not data.get("INHERIT"):
            break
        path = (path.parent / data["INHERIT"]).resolve()
    return ["search"]


def _name(plugin: Any) -> str:
    return str(next(iter(plugin))) if isinstance(plugin, dict) and plugin else str(plugin)


def write_preview_config(config_file: Path) -> Path:
    """Write build/mkdocs-preview.yml (the generated configuration, less the plugins the preview leaves out)."""
    config_file = Path(config_file)
    plugins = [p for p in plugins_of(config_file) if _name(p).split("/")[-1] not in LEFT_OUT]
    # MkDocs merges `extra` with the inherited one key by key, so the footer's contacts stay
    data = {"INHERIT": config_file.name, "plugins": plugins, "extra": {"preview_note": SEARCH_NOTE}}
    text = ("# Generated for the live preview (generator/site/preview_config.py): do not edit.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    target = config_file.with_name(PREVIEW_CONFIG)
    write_if_changed(target, text)
    return target
