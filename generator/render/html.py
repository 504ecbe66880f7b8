"""Finished HTML for the blocks the generator structures itself (findings, lists of records, link lists).

MkDocs passes a block of raw HTML through untouched: Python-Markdown neither parses it again nor runs
its inline patterns over it, which a ``<div markdown>`` block (md_in_html) costs twice over. So such a
block must already be what MkDocs would have made of its Markdown:

- staff text (``html_inline``) with the same small subset as generator.render.text.inline: emphasis,
  strong and safe links, everything else as the characters typed, written with the entities
  Python-Markdown writes for the Markdown escapes of render.text (``{`` as ``&#123;``…);
- links between pages (``href``) as MkDocs rewrites them with ``use_directory_urls``:
  'themes/neglect.md#a' from 'actions.md' is '../themes/neglect/#a'.

MkDocs does not check the links of a raw HTML block (it checks its anchors as targets): every link
written here is made from a page path the generator knows, and the final checks
(generator.site.finalcheck) still find a link to a page that does not exist.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup

from generator.content.inline import LINK
from generator.render.text import SAFE_SCHEMES, _one_line, is_safe_url

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "|": "&#124;"})
"""Text as Python-Markdown writes it from render.text's escapes (its other escapes become the characters)."""
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
"""An attribute value as Python-Markdown's serializer writes it."""

_STRONG = re.compile(r"\*\*(.+?)\*\*|(?<!\w)__(?!_)(.+?)(?<!_)__(?!\w)")
_EMPHASIS = re.compile(r"\*([^*]+)\*|(?<!\w)_(?!_)(.+?)(?<!_)_(?!\w)")
"""Python-Markdown's patterns for ``**strong**``/``__strong__`` and ``*emphasis*``/``_emphasis_`` (its
'smart' underscores: not inside a word)."""


def _emphasis(text: str) -> str:
    text = _STRONG.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", text)
    return _EMPHASIS.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)


def attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE)


@lru_cache(maxsize=65536)
def page_url(docs_path: str) -> str:
    """The address MkDocs gives a file with ``use_directory_urls`` (mkdocs File.url): 'themes/neglect.md'
    → 'themes/neglect/', 'themes/index.md' → 'themes/', 'index.md' → './', 'handouts/x.pdf' stays."""
    if not docs_path.endswith(".md"):
        return quote(docs_path)
    stem = docs_path[:-3]
    if stem == "index":
        return "./"
    return quote(f"{stem.removesuffix('/index')}/" if stem.endswith("/index") else f"{stem}/")


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


@lru_cache(maxsize=65536)
def _relative(target: str, page: str) -> str:
    """The target's address relative to the page's, as mkdocs.utils.get_relative_url makes it."""
    url, other = page_url(target), page_url(page)
    folder, _, last = other.rpartition("/")
    if "." in last:
        other = folder
    base, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def href(target: str, page: str) -> str:
    """The link from ``page`` to ``target`` (docs-relative, optionally with '#anchor') as MkDocs writes it."""
    path, _, anchor = target.partition("#")
    if not path:
        return f"#{anchor}"
    return _relative(path, page) + (f"#{anchor}" if anchor else "")


def html_plain(value: object) -> Markup:
    """Staff text with no markup at all (render.text.plain as HTML): links keep their words."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(LINK.sub(lambda m: m.group(1), _one_line(str(value))).translate(_TEXT))


def html_inline(value: object, page: str) -> Markup:
    """Staff text as render.text.inline allows it (emphasis, strong, safe links), as finished HTML."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _one_line(str(value))
    out: list[str] = []
    last = 0
    for match in LINK.finditer(text):
        words, url = match.group(1), match.group(2)
        out.append(_emphasis(text[last:match.start()].translate(_TEXT)))
        if is_safe_url(url):
            target = url if url.lower().startswith(SAFE_SCHEMES) else href(url, page)
            out.append(f'<a href="{attribute(target)}">{_emphasis(words.translate(_TEXT))}</a>')
        else:
            out.append(match.group(0).translate(_TEXT))
        last = match.end()
    out.append(_emphasis(text[last:].translate(_TEXT)))
    return Markup("".join(out))


__all__ = ["href", "page_url", "html_inline", "html_plain", "attribute"]
