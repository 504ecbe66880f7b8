"""Restricted text: the distinctive phrases of withheld records, and finding them in output files.

A restricted record is taken out before anything is rendered (safety.publishable); this is the
proof afterwards. Every file of the built site is searched for the withheld records' phrases,
markup dropped, so that a leak through a listing, a theme page or the search index is caught.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".js", ".css", ".svg", ".webmanifest", ".md"}
"""Files searched for restricted text (PDFs are checked by the tests, which can decode them)."""

_TAGS = re.compile(r"<[^>]*>")
_NON_WORD = re.compile(r"[\W_]+")


def normal_words(text: str, markup: bool = False) -> list[str]:
    """Text as lower-case words without punctuation, for searching.

    With ``markup`` (text from a built file), character references (&amp;) are decoded first;
    a record's own text is taken as written, since the site shows it exactly so.
    """
    return _NON_WORD.sub(" ", (html.unescape(text) if markup else text).lower()).split()


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


def _file_text(path: Path, text: str | None) -> tuple[str, str] | None:
    """(suffix, text) of a file that is searched, gzip undone; None for files that are not text."""
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    if suffix.removesuffix(".gz") not in TEXT_SUFFIXES:
        return None
    if text is None:
        raw = path.read_bytes()
        if suffix.endswith(".gz"):
            try:
                raw = gzip.decompress(raw)
            except OSError:
                return None
            suffix = suffix.removesuffix(".gz")
        text = raw.decode("utf-8", errors="replace")
    return suffix, text


def searchable(path: Path, text: str | None = None) -> list[str]:
    """A file's words as restricted phrases are searched in (empty for binary files); ``text`` if already read.

    Markup is dropped (a phrase may be broken by <em>…</em>), and the text of the attributes that
    carry words (meta content, title, alt, aria-label) is added.
    """
    found = _file_text(path, text)
    if found is None:
        return []
    suffix, text = found
    if suffix == ".json":
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    attributes = " | ".join(a or b for a, b in _TEXT_ATTR.findall(text))
    return normal_words(_TAGS.sub(" ", text) + " | " + attributes, markup=True)


PART_CHARACTERS = 2_000_000
"""About how much of a JSON file's text searchable_parts turns into words at a time."""


def searchable_parts(path: Path, text: str | None = None) -> Iterator[list[str]]:
    """searchable(), in parts: a JSON file (the search index) a few of its strings at a time.

    The text's words run on from part to part (each part starts with the last SHINGLE - 1 words of
    the one before), so every run of words searchable() gives is in some part; but the words of a
    large file are never all in memory at once (the search index of 5,000 records is 180 MB of text,
    about 4 GB as one list of words). Other files are one part.
    """
    found = _file_text(path, text)
    if found is None:
        return
    suffix, text = found
    if suffix != ".json":
        yield searchable(path, text)
        return
    try:
        strings: Iterator[str] = _strings(json.loads(text))
    except ValueError:
        yield searchable(path, text)
        return
    carry: list[str] = []
    batch: list[str] = []
    size = 0
    for string in strings:
        batch.append(string)
        size += len(string)
        if size >= PART_CHARACTERS:
            words, attributes = _part_words("\n".join(batch))
            yield carry + words + attributes
            carry, batch, size = words[-(SHINGLE - 1):], [], 0
    words, attributes = _part_words("\n".join(batch))
    yield carry + words + attributes


def _part_words(text: str) -> tuple[list[str], list[str]]:
    attributes = " | ".join(a or b for a, b in _TEXT_ATTR.findall(text))
    return normal_words(_TAGS.sub(" ", text), markup=True), normal_words(" | " + attributes, markup=True)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def withheld_phrases(public_project, withheld: list) -> PhraseIndex:
    """Distinctive phrases of withheld records, with the file each came from.

    Each text field of four words or more gives runs of eight words (one every four words, so any
    leaked passage of eleven words or more contains one), or the whole field when it is shorter.
    Phrases that also occur in a published record are left out: finding them proves nothing.
    """
    from .validate import walk

    phrases: dict[str, str] = {}
    for entry in withheld:
        for loc, value in walk(entry.record):
            if not isinstance(value, str) or not loc or loc[-1] in ("kind", "id"):
                continue
            words = normal_words(value)
            runs = list(shingles(words, step=4)) if len(words) >= SHINGLE else [" ".join(words)] if len(words) >= 4 else []
            for run in runs:
                phrases.setdefault(run, entry.source.display)
    index = PhraseIndex(sorted(phrases.items()))
    if not index:
        return index
    return index.without(  # one text per published record; '|' keeps a phrase from spanning two fields
        normal_words(" | ".join(v for _, v in walk(e.record) if isinstance(v, str))) for e in public_project.entries
    )
