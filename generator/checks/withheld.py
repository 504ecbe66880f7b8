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
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import ahocorasick

TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".js", ".css", ".svg", ".webmanifest", ".md"}
"""Files searched for restricted text (PDFs are checked by the tests, which can decode them)."""

_TAGS = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W_]")
"""One character of a word (see words_of)."""


def normal_words(text: str, markup: bool = False) -> list[str]:
    """Text as lower-case words without punctuation, for searching.

    With ``markup`` (text from a built file), character references (&amp;) are decoded first;
    a record's own text is taken as written, since the site shows it exactly so.
    """
    return words_of(prepared(text, markup))


def prepared(text: str, markup: bool = False) -> str:
    """What normal_words splits into words: the text lower-cased (references decoded with ``markup``).

    Every word normal_words gives is a substring of it, so a word missing from it is in no word list.
    """
    return (html.unescape(text) if markup else text).lower()


def words_of(text: str) -> list[str]:
    """The words of a prepared() text: its runs of letters and digits (a quarter faster than splitting at the rest)."""
    return _WORD.findall(text)


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

    Each phrase also has an anchor: its rarest word, or pair of neighbouring words, in the published
    records (``counts``: in how many records each word and each pair is; never-used ones first, then
    the longest; a number or a word of one or two letters is a weak anchor, a substring of many texts).
    A text without a word of any anchor holds no phrase, so most files are passed over by one pass of
    an Aho-Corasick automaton over the anchors' words (``may_occur``, pyahocorasick: C code, the same
    time for 250 anchors as for 5) before any run of words is made.
    """

    def __init__(self, phrases: list[tuple[str, str]], counts: Counter | None = None):
        self.origin: dict[tuple[str, ...], str] = {}
        self.runs: set[tuple[str, ...]] = set()
        self.short: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self.anchors: dict[tuple[str, ...], tuple[str, ...]] = {}
        """Each phrase's anchor: one word, or two neighbouring words."""
        counts = counts or Counter()
        for phrase, origin in phrases:
            words = tuple(phrase.split())
            if len(words) < PREFIX or words in self.origin:
                continue
            self.origin[words] = origin
            candidates = [(w,) for w in words] + list(zip(words, words[1:], strict=False))
            self.anchors[words] = min(candidates, key=lambda c: (counts[c], _weak(c), len(c), -len("".join(c)), c))
            if len(words) == SHINGLE:
                self.runs.add(words)
            else:
                self.short.setdefault(words[:PREFIX], []).append(words)
        self.prefixes = set(self.short)
        found = set(self.anchors.values())
        self.anchor_words = {min(c, key=lambda w: (counts[(w,)], -len(w), w)) for c in found}
        """A word of every anchor: a list of words without any of them holds no phrase."""
        self._automaton = None

    def __bool__(self) -> bool:
        return bool(self.origin)

    def anchor_count(self, words: tuple[str, ...], counts: Counter) -> int:
        return counts[self.anchors[words]]

    def may_occur(self, text: str) -> bool:
        """False only when no phrase can be in the words of ``text`` (a prepared() text): none of
        ``anchor_words`` is one of its words (a run of letters and digits, as words_of finds them)."""
        if not self.anchor_words:
            return False
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for word in self.anchor_words:
                automaton.add_word(word, len(word))
            automaton.make_automaton()
            self._automaton = automaton
        last = len(text) - 1
        for end, size in self._automaton.iter(text):  # every place an anchor word is, as a substring
            start = end - size + 1
            if (start == 0 or not _LETTER.match(text, start - 1)) and (end == last or not _LETTER.match(text, end + 1)):
                return True
        return False

    def hits(self, words: list[str]) -> set[tuple[str, ...]]:
        """Every indexed phrase in ``words`` (from normal_words), as word tuples."""
        if self.anchor_words.isdisjoint(words):
            return set()
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

    def find_in(self, texts) -> tuple[str, str] | None:
        """find() over prepared() texts (a file's parts), splitting into words only those that may hold a phrase."""
        for text in texts:
            if self.may_occur(text):
                leaked = self.find(words_of(text))
                if leaked:
                    return leaked
        return None



def _weak(anchor: tuple[str, ...]) -> bool:
    return len(anchor) == 1 and (anchor[0].isdigit() or len(anchor[0]) < 3)


_TEXT_ATTR = re.compile(r"""\s(?:content|title|alt|aria-label|placeholder|value)=(?:"([^"]*)"|'([^']*)')""")


PAGEFIND_SUFFIXES = {".pf_fragment", ".pf_filter", ".pf_meta"}
"""The search index's parts that hold words (Pagefind: gzip, a signature, then JSON or CBOR): each page's
text and title, the filters' values. Searched as text with the signature dropped."""


def _file_text(path: Path, text: str | None) -> tuple[str, str] | None:
    """(suffix, text) of a file that is searched, gzip undone; None for files that are not text."""
    if path.suffix.lower() in PAGEFIND_SUFFIXES:
        try:
            raw = gzip.decompress(path.read_bytes())
        except OSError:
            return None
        raw = raw.removeprefix(b"pagefind_dcd")
        is_json = path.suffix.lower() == ".pf_fragment"
        return (".json" if is_json else ".txt"), raw.decode("utf-8", errors="replace")
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


def _searched(text: str) -> str:
    """A file's text as it is searched, prepared(): markup dropped (a phrase may be broken by
    <em>…</em>), and the text of the attributes that carry words (meta content, title, alt,
    aria-label) added."""
    attributes = " | ".join(a or b for a, b in _TEXT_ATTR.findall(text))
    return prepared(_TAGS.sub(" ", text) + " | " + attributes, markup=True)


def searchable(path: Path, text: str | None = None) -> list[str]:
    """A file's words as restricted phrases are searched in (empty for binary files); ``text`` if already read."""
    found = _file_text(path, text)
    if found is None:
        return []
    suffix, text = found
    if suffix == ".json":
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    return words_of(_searched(text))


PART_CHARACTERS = 2_000_000
"""About how much of a JSON file's text searchable_texts prepares at a time."""


def searchable_parts(path: Path, text: str | None = None) -> Iterator[list[str]]:
    """The words of searchable_texts(), part by part."""
    return map(words_of, searchable_texts(path, text))


def searchable_texts(path: Path, text: str | None = None) -> Iterator[str]:
    """searchable(), as prepared() text (PhraseIndex.find_in), and in parts: a JSON file (the search
    index) a few of its strings at a time.

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
        yield _searched(text)
        return
    try:
        strings: Iterator[str] = _strings(json.loads(text))
    except ValueError:
        yield _searched(text)
        return
    del text  # the parsed index is enough; the text of a large one is hundreds of MB
    carry = ""
    batch: list[str] = []
    size = 0
    for string in strings:
        batch.append(string)
        size += len(string)
        if size >= PART_CHARACTERS:
            part = "\n".join(batch)
            yield carry + _searched(part)
            carry, batch, size = " ".join(_last_words(_TAGS.sub(" ", part), SHINGLE - 1)) + " ", [], 0
    yield carry + _searched("\n".join(batch))


def _last_words(text: str, count: int) -> list[str]:
    """The last ``count`` words of normal_words(text, markup=True), splitting only the end of the text.

    The end is cut at a space or a line end, which no word and no character reference spans.
    """
    size = 64 * count
    while size < len(text):
        cut = max(text.rfind(" ", 0, len(text) - size), text.rfind("\n", 0, len(text) - size))
        if cut < 0:
            break
        words = normal_words(text[cut:], markup=True)
        if len(words) >= count:
            return words[-count:]
        size *= 4
    return normal_words(text, markup=True)[-count:]


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
    A phrase with a word that no published record uses cannot be in one, so the published
    records are searched again only for the others.
    """
    from generator.content.validate import walk

    phrases: dict[str, str] = {}
    for entry in withheld:
        for loc, value in walk(entry.record):
            if not isinstance(value, str) or not loc or loc[-1] in ("kind", "id"):
                continue
            words = normal_words(value)
            runs = list(shingles(words, step=4)) if len(words) >= SHINGLE else [" ".join(words)] if len(words) >= 4 else []
            for run in runs:
                phrases.setdefault(run, entry.source.display)
    if not phrases:
        return PhraseIndex([])
    pairs = {pair for words in map(str.split, phrases) for pair in zip(words, words[1:], strict=False)}
    counts: Counter = Counter()  # in how many published records each word, and each pair of a phrase, is
    texts: list[str] = []
    for e in public_project.entries:  # one text per record; '|' keeps a phrase from spanning two fields
        words = normal_words(" | ".join(v for _, v in walk(e.record) if isinstance(v, str)))
        counts.update((w,) for w in set(words))
        counts.update(pairs.intersection(zip(words, words[1:], strict=False)))
        texts.append(" ".join(words))
    index = PhraseIndex(sorted(phrases.items()), counts)
    doubtful = [(" ".join(w), o) for w, o in index.origin.items() if index.anchor_count(w, counts)]
    if not doubtful:
        return index
    found = _found(PhraseIndex(doubtful, counts), map(str.split, texts))
    return PhraseIndex([(" ".join(w), o) for w, o in index.origin.items() if w not in found], counts)


def _found(index: PhraseIndex, texts) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for words in texts:
        found |= index.hits(words)
    return found
