"""Inspect a built site before it is published: what each page loads, where its links go, what it says.

Used by safety.check_output on the staging folder. Pages are read with regular expressions rather
than a full HTML parser: the site is our own generated output, and this keeps the check fast on
thousands of pages.
"""

from __future__ import annotations

import bisect
import dataclasses
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
            for ref in _tag_references(m.group(1).lower(), _attrs(m.group(2)), m.start(), content):
                yield dataclasses.replace(ref, line_of=line_of)
    for block in _STYLE_BLOCK.finditer(page):
        for ref in css_references(block.group(1)):
            yield dataclasses.replace(ref, index=block.start(1) + ref.index, line_of=line_of)
    for m in _STYLE_ATTR.finditer(page):
        for ref in css_references(html.unescape(m.group(1).strip("\"'"))):
            yield dataclasses.replace(ref, index=m.start(), line_of=line_of)


def _tag_references(tag: str, attrs: dict[str, str], index: int, in_content: bool) -> Iterator[Reference]:
    if tag in ("a", "area"):
        if "href" in attrs:
            yield Reference(f"{tag} href", attrs["href"], index, False, in_content)
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
                yield Reference(f"{tag} {name}", url, index, loads, in_content)


def css_references(css: str) -> Iterator[Reference]:
    """Every url(…) and @import in a stylesheet."""

    def line_of(index: int) -> int:
        return css.count("\n", 0, index) + 1

    for m in _CSS_URL.finditer(css):
        url = next((g for g in m.groups() if g is not None), "")
        kind = "css @import" if m.group().lower().startswith("@import") else "css url()"
        yield Reference(kind, url.strip(), m.start(), True, False, line_of)


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


def normal(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces, for searching."""
    return " ".join(_NON_WORD.sub(" ", html.unescape(text).lower()).split())


SHINGLE = 8
"""Restricted text is searched for as runs of this many words."""


def shingles(words: list[str], size: int = SHINGLE, step: int = 1) -> Iterator[str]:
    """Runs of ``size`` words, starting every ``step`` words."""
    for i in range(0, len(words) - size + 1, step):
        yield " ".join(words[i: i + size])


class PhraseIndex:
    """Phrases that must not appear in the site (from withheld records), searched for quickly.

    Eight-word phrases are looked up among every eight-word run of a file; shorter ones (whole
    short fields) are searched for as text.
    """

    def __init__(self, phrases: list[tuple[str, str]]):
        self.runs = {p: origin for p, origin in phrases if len(p.split()) == SHINGLE}
        self.short = [(f" {p} ", origin) for p, origin in phrases if len(p.split()) < SHINGLE]

    def __bool__(self) -> bool:
        return bool(self.runs or self.short)

    def find(self, texts: list[str]) -> tuple[str, str] | None:
        """The first phrase found in any of ``texts`` (normalised), with where it came from."""
        for text in texts:
            padded = f" {text} "
            for phrase, origin in self.short:
                if phrase in padded:
                    return phrase.strip(), origin
            if self.runs:
                for run in shingles(text.split()):
                    if run in self.runs:
                        return run, self.runs[run]
        return None


def searchable(path: Path) -> list[str]:
    """A file's text in the forms restricted phrases are searched in (empty for binary files)."""
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    raw = path.read_bytes()
    if suffix.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except OSError:
            return []
        suffix = suffix[: -len(".gz")]
    if suffix not in TEXT_SUFFIXES:
        return []
    text = raw.decode("utf-8", errors="replace")
    if suffix == ".json":
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    return [normal(_TAGS.sub(" ", text)), normal(text)]


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
