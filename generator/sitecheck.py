"""Inspect a built site before it is published: what each page loads, where its links go, what it says.

Used by safety.check_output on the staging folder. Pages are read with regular expressions rather
than a full HTML parser: the site is our own generated output, and this keeps the check fast on
thousands of pages.
"""

from __future__ import annotations

import bisect
import gzip
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".js", ".css", ".svg", ".webmanifest", ".md"}
"""Files searched for restricted text (PDFs are checked by the tests, which can decode them)."""

_LOADERS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "object": ("data",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "input": ("src",),
    "base": ("href",), "link": ("href",),
}
"""Elements that make the browser fetch something, and the attributes naming what."""

NON_FETCHING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me", "bookmark", "search"}
"""<link rel=…> values that name a page without loading it."""

_TAG = re.compile(r"<(a|area|" + "|".join(_LOADERS) + r")\b([^>]*)>", re.IGNORECASE)
_LOADER_TAG = re.compile(r"<(" + "|".join(_LOADERS) + r")\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"([a-zA-Z_:][-\w:.]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"\sstyle\s*=\s*(\"[^\"]*\"|'[^']*')")  # lower case: a literal prefix keeps it fast
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_NON_WORD = re.compile(r"[\W_]+")
BAD_LINK_SCHEMES = ("javascript", "vbscript", "data", "file", "livescript")


@dataclass(frozen=True)
class Reference:
    """One address a page refers to."""

    element: str
    """The element and attribute, e.g. 'script src' or 'a href' or 'css url()'."""
    url: str
    """The address as written."""
    index: int
    """Where it is in the page (characters from the start)."""
    loads: bool
    """True when the browser fetches it while showing the page (not a link people click)."""
    in_content: bool
    """True when it is inside the page's main content (the record's own text)."""
    line_of: Callable[[int], int] = field(default=lambda index: 0, repr=False, compare=False)

    @property
    def line(self) -> int:
        """The line of the page it is on (worked out only when a problem is reported)."""
        return self.line_of(self.index)


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2).strip("\"'")) for m in _ATTR.finditer(text)}


def _line_counter(text: str):
    """A function giving the line of an index in ``text`` (the newlines are found on first use)."""
    newlines: list[int] = []

    def line_of(index: int) -> int:
        if not newlines:
            newlines.extend(m.start() for m in re.finditer("\n", text))
            newlines.append(len(text))
        return bisect.bisect_left(newlines, index) + 1

    return line_of


def references(page: str) -> Iterator[Reference]:
    """Every address in an HTML page: links in its content, loaded resources and CSS url()s.

    Links outside the main content (navigation, header, footer) come from MkDocs and the theme,
    which check them themselves; reading only the resources there keeps this fast on big sites.
    """
    line_of = _line_counter(page)
    spans = [m.span() for m in _ARTICLE.finditer(page)] or [(0, len(page))]
    pieces = [(a, b, True) for a, b in spans]
    edges = [0] + [x for span in spans for x in span] + [len(page)]
    pieces += [(edges[i], edges[i + 1], False) for i in range(0, len(edges), 2) if edges[i] < edges[i + 1]]
    for start, end, content in sorted(pieces):
        for m in (_TAG if content else _LOADER_TAG).finditer(page, start, end):
            yield from _tag_references(m.group(1).lower(), _attrs(m.group(2)), m.start(), content, line_of)
    for block in _STYLE_BLOCK.finditer(page):
        yield from css_references(block.group(1), block.start(1), line_of)
    for m in _STYLE_ATTR.finditer(page):
        yield from css_references(html.unescape(m.group(1).strip("\"'")), m.start(), line_of)


def _tag_references(tag: str, attrs: dict[str, str], index: int, in_content: bool, line_of) -> Iterator[Reference]:
    if tag in ("a", "area"):
        if "href" in attrs:
            yield Reference(f"{tag} href", attrs["href"], index, False, in_content, line_of)
        return
    loads = True
    if tag == "link":
        rels = set(attrs.get("rel", "").lower().split())
        loads = not rels or not rels <= NON_FETCHING_RELS
    if tag == "input" and attrs.get("type", "").lower() != "image":
        return
    for name in _LOADERS[tag]:
        if name in attrs:
            urls = [c.strip().split()[0] for c in attrs[name].split(",") if c.strip()] if name == "srcset" else [attrs[name]]
            for url in urls:
                yield Reference(f"{tag} {name}", url, index, loads, in_content, line_of)


def css_references(css: str, offset: int = 0, line_of: Callable[[int], int] | None = None) -> Iterator[Reference]:
    """Every url(…) and @import in a stylesheet (``offset`` and ``line_of`` place it inside a page)."""
    if line_of is None:
        line_of = _line_counter(css)
    for m in _CSS_URL.finditer(css):
        url = next((g for g in m.groups() if g is not None), "")
        kind = "css @import" if m.group().lower().startswith("@import") else "css url()"
        yield Reference(kind, url.strip(), offset + m.start(), True, False, line_of)


def leaves_site(url: str, own_host: str | None) -> bool:
    """Whether fetching ``url`` would contact another host (data: and same-site addresses do not)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("data", "blob", "about") or (not parts.scheme and not url.strip().startswith("//")):
        return False
    host = (parts.hostname or "").lower()
    return not (own_host and host == own_host.lower())


def resolve(page: str, url: str, site: Path, base_path: str = "/", cache: dict | None = None) -> tuple[str, bool] | None:
    """Where an internal ``url`` on the page ``page`` (relative to the site) points, and whether it exists.

    None for addresses that are not internal, or that stay on the same page ('#top').
    """
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or url.strip().startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        path = path[len(base_path):] if base_path != "/" and path.startswith(base_path) else path.lstrip("/")
        target = posixpath.normpath(path) if path else "."
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == ".." or target.startswith("../"):
        return target, False
    key = (target, path.endswith("/"))
    if cache is not None and key in cache:
        return target, cache[key]
    candidate = site / target if target != "." else site
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    exists = candidate.is_file()
    if cache is not None:
        cache[key] = exists
    return target, exists


def normal_words(text: str) -> list[str]:
    """Text as lower-case words, markup entities decoded and punctuation dropped, for searching."""
    return _NON_WORD.sub(" ", html.unescape(text).lower()).split()


def normal(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces."""
    return " ".join(normal_words(text))


SHINGLE = 8
"""Restricted text is searched for as runs of this many words."""
PREFIX = 4
"""No phrase is shorter than this; shorter phrases are filed under their first this many words."""


def shingles(words: list[str], size: int = SHINGLE, step: int = 1) -> Iterator[str]:
    """Runs of ``size`` words, starting every ``step`` words."""
    for i in range(0, len(words) - size + 1, step):
        yield " ".join(words[i: i + size])


class PhraseIndex:
    """Phrases that must not appear in the site (from withheld records), found quickly in a text.

    Eight-word runs are kept as word tuples and matched against every eight-word run of a text
    inside Python's C code (zip and set intersection). Shorter phrases (whole short fields) are
    filed under their first four words, matched the same way, then checked where they start.
    """

    def __init__(self, phrases: list[tuple[str, str]]):
        self.origin: dict[tuple[str, ...], str] = {}
        self.runs: set[tuple[str, ...]] = set()
        self.short: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for phrase, origin in phrases:
            words = tuple(phrase.split())
            if len(words) < PREFIX or words in self.origin:
                continue
            self.origin[words] = origin
            if len(words) == SHINGLE:
                self.runs.add(words)
            else:
                self.short.setdefault(words[:PREFIX], []).append(words)
        self.prefixes = set(self.short)

    def __bool__(self) -> bool:
        return bool(self.origin)

    def hits(self, words: list[str]) -> set[tuple[str, ...]]:
        """Every indexed phrase in ``words`` (from normal_words), as word tuples."""
        found = self.runs.intersection(zip(*(words[k:] for k in range(SHINGLE)), strict=False)) if self.runs else set()
        if self.short:
            for prefix in self.prefixes.intersection(zip(*(words[k:] for k in range(PREFIX)), strict=False)):
                for i, word in enumerate(words):
                    if word == prefix[0] and tuple(words[i: i + PREFIX]) == prefix:
                        found.update(p for p in self.short[prefix] if tuple(words[i: i + len(p)]) == p)
        return found

    def find(self, words: list[str]) -> tuple[str, str] | None:
        """The first phrase (in the index's order) found in ``words``, with the file it came from."""
        found = self.hits(words)
        if not found:
            return None
        first = min(found)
        return " ".join(first), self.origin[first]

    def without(self, texts) -> PhraseIndex:
        """A new index without the phrases found in any of ``texts`` (word lists)."""
        found: set[tuple[str, ...]] = set()
        for words in texts:
            found |= self.hits(words)
        return PhraseIndex([(" ".join(w), o) for w, o in self.origin.items() if w not in found])


_TEXT_ATTR = re.compile(r"""\s(?:content|title|alt|aria-label|placeholder|value)=(?:"([^"]*)"|'([^']*)')""")


def searchable(path: Path, text: str | None = None) -> list[str]:
    """A file's words as restricted phrases are searched in (empty for binary files); ``text`` if already read.

    Markup is dropped (a phrase may be broken by <em>…</em>), and the text of the attributes that
    carry words (meta content, title, alt, aria-label) is added.
    """
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    if suffix.removesuffix(".gz") not in TEXT_SUFFIXES:
        return []
    if text is None:
        raw = path.read_bytes()
        if suffix.endswith(".gz"):
            try:
                raw = gzip.decompress(raw)
            except OSError:
                return []
            suffix = suffix.removesuffix(".gz")
        text = raw.decode("utf-8", errors="replace")
    if suffix == ".json":
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    attributes = " | ".join(a or b for a, b in _TEXT_ATTR.findall(text))
    return normal_words(_TAGS.sub(" ", text) + " | " + attributes)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
