"""Text stays text: how a field typed by board staff is put into a generated Markdown page.

Fields accept a small inline subset and nothing else:

* ``*emphasis*`` and ``**strong**`` (also with underscores);
* links ``[words](https://…)``, ``[words](http://…)``, ``[words](mailto:…)``, or to a page of this
  site written from the top of the site, e.g. ``[the panel](panel/gscb-case-review-panel.md)``.

Everything else shows as the characters typed: ``<script>`` or any HTML appears as text, a line
starting with ``#``, ``-``, ``1.`` or ``>`` stays a line of text, and a link to any other kind of
address (``javascript:``, ``data:``…) is shown as the words and the address, not as a link.
Line breaks inside a field are joined into one paragraph.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from markupsafe import Markup

from generator.content.inline import LINK

SAFE_SCHEMES = ("https://", "http://", "mailto:")
INTERNAL = re.compile(r"^[A-Za-z0-9_\-./]+\.md(?:#[A-Za-z0-9_\-]+)?$")
"""A page of this site, written from the top of the site: 'themes/neglect.md' or 'themes/neglect.md#top'."""

_TEXT_ESCAPES = {
    "\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "[": "\\[", "]": "\\]", "#": "\\#", "`": "\\`", "!": "\\!",
}
_PLAIN_ESCAPES = {**_TEXT_ESCAPES, "*": "\\*", "_": "\\_"}
_LINE_START = re.compile(r"^(?:[-+*](?=\s|$)|[-=_*\s]+$|!!!|\d+(?=[.)](?:\s|$)))")
"""What would make the start of a line a list item, a rule, a setext underline or an admonition."""


_TEXT = str.maketrans(_TEXT_ESCAPES)
_PLAIN = str.maketrans(_PLAIN_ESCAPES)


def _escape(text: str, table: dict[int, str]) -> str:
    """``text`` with each character in ``table`` replaced (one C call, not a Python step per character)."""
    return text.translate(table)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _guard_line_start(text: str) -> str:
    """Stop the start of the text being read as a list, heading rule, quote or admonition."""
    match = _LINE_START.match(text)
    if not match:
        return text
    if match.group(0).isdigit():
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return "".join("\\" + ch if ch in "-=_*+!" else ch for ch in text[: match.end()]) + text[match.end():]


def is_safe_url(url: str) -> bool:
    """Whether a link typed into a field is allowed: http(s), mailto, or a page of this site."""
    lowered = url.lower()
    if lowered.startswith(SAFE_SCHEMES):
        return len(url) > len("mailto:") and " " not in url
    return bool(INTERNAL.match(url)) and not url.startswith(("/", "../")) and ".." not in url.split("/")


def relative_url(target: str, page: str) -> str:
    """The link from ``page`` to ``target`` (both docs-relative, e.g. 'themes/x.md#a')."""
    path, _, anchor = target.partition("#")
    if not path:
        return f"#{anchor}"
    return _relative_path(path, posixpath.dirname(page)) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative_path(path: str, folder: str) -> str:
    return posixpath.relpath(path, folder or ".")


def inline(value: object, page: str = "index.md") -> Markup:
    """Staff text as Markdown that can only produce text, emphasis and safe links (see module doc)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _one_line(str(value))
    out: list[str] = []
    last = 0
    for match in LINK.finditer(text):
        words, url = match.group(1), match.group(2)
        out.append(_escape(text[last:match.start()], _TEXT))
        if is_safe_url(url):
            target = url if url.lower().startswith(SAFE_SCHEMES) else relative_url(url, page)
            out.append(f"[{_escape(words, _TEXT)}]({target})")
        else:
            out.append(_escape(match.group(0), _PLAIN))
        last = match.end()
    out.append(_escape(text[last:], _TEXT))
    return Markup(_guard_line_start("".join(out)))


def plain(value: object) -> Markup:
    """Staff text with no Markdown at all (for link words and headings that are links): links keep their words."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = LINK.sub(lambda m: m.group(1), _one_line(str(value)))
    return Markup(_guard_line_start(_escape(text, _PLAIN)))


def strip_markup(value: object) -> str:
    """The words of a field without its Markdown (for page titles, search descriptions, alt text)."""
    text = LINK.sub(lambda m: m.group(1), _one_line(str(value or "")))
    return re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", text)
