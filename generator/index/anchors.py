"""The id of every section and item on a record's page, decided in one place.

Pages put these ids on their headings and list items; theme pages, directories and handouts
link to them. An id depends only on the record, so links stay stable between builds:
headings get a readable slug (a panel theme 'Understanding Domestic Abuse' →
'understanding-domestic-abuse'), items their section and number ('keep-doing-3').
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

Loc = tuple[str | int, ...]

SECTION_NAMES: dict[str, str] = {
    "themes_arising": "",  # a panel theme heading's slug stands alone
    "points": "",
    "top_tips": "tip",
    "actions": "action",
    "keep_doing": "keep-doing",
    "stop_doing": "stop-doing",
    "start_doing": "start-doing",
    "good_practice": "good-practice",
    "key_messages": "key-message",
    "quotes": "quote",
    "appendix": "appendix",
    "questions": "q",
    "sub_themes": "sub",
    "issues_raised": "issue",
    "themes_found": "found",
    "how_to_refer": "step",
    "agenda": "agenda",
    "stages": "",
    "key_themes": "",
    "analysis": "",
    "who_is_affected": "affected",
    "next_steps": "next",
    "tool_groups": "",
    "tools": "tool",
    "outcomes": "",
    "evaluation": "",
    "text": "",
}
"""How each list field reads in an id (an empty name leaves only the number or the item's own name)."""


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Voice of the Child' → 'voice-of-the-child'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _unique_slug(items: list[Any], index: int, attr: str, prefix: str = "") -> str:
    """The slug of ``items[index].attr``, numbered when an earlier item has the same slug."""
    wanted = prefix + slug(str(getattr(items[index], attr)))
    earlier = sum(1 for item in items[:index] if prefix + slug(str(getattr(item, attr))) == wanted)
    return f"{wanted}-{earlier + 1}" if earlier else wanted


def anchor_for(record: Any, loc: Loc) -> str:
    """The id of the thing at ``loc`` inside ``record``, e.g. ('keep_doing', 2) → 'keep-doing-3'."""
    parts: list[str] = []
    current: Any = record
    i = 0
    while i < len(loc):
        name = loc[i]
        value = getattr(current, str(name)) if not isinstance(name, int) else current[name]
        if isinstance(name, str) and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            index = int(loc[i + 1])
            items = value
            item = items[index]
            if name == "themes_arising":
                parts.append(_unique_slug(items, index, "heading"))
            elif name == "key_themes":
                parts.append(slug(item.id))
            elif name == "stages":
                parts.append(slug(item.id))
            elif name == "agenda":
                parts.append(_unique_slug(items, index, "heading", "agenda-"))
            elif name in ("who_is_affected", "next_steps"):
                parts.append(f"{SECTION_NAMES[name]}-{slug(item.group)}")
            elif name == "tool_groups":
                # tools are numbered across all the groups of a key theme
                if i + 3 < len(loc) and loc[i + 2] == "tools":
                    before = sum(len(group.tools) for group in items[:index])
                    parts.append(f"tool-{before + int(loc[i + 3]) + 1}")
                    current = item.tools[int(loc[i + 3])]
                    i += 4
                    continue
                parts.append(f"tools-{index + 1}")
            else:
                label = SECTION_NAMES.get(name, name.replace("_", "-"))
                parts.append(f"{label}-{index + 1}" if label else str(index + 1))
            current = item
            i += 2
        else:
            current = value
            i += 1
    return "-".join(p for p in parts if p) or "top"


def section_anchor(name: str) -> str:
    """The id of a whole section of a page, e.g. 'keep_doing' → 'keep-doing'."""
    return name.replace("_", "-")


def tags_of(obj: Any) -> list[str]:
    """The theme tags on ``obj`` (a record or a part of one); none when it has no 'themes' field."""
    return list(getattr(obj, "themes", None) or [])
