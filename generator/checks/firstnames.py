"""The name and word lists the personal-data check reads, shipped in generator/checks/data/.

- first-names.txt (23,700 names) and surnames.txt (28,200) come from Faker's person providers
  for every locale written in the Latin alphabet (English, Irish, Indian, Pakistani, Nigerian,
  Kenyan, Ghanaian, Polish, Romanian, Lithuanian, Turkish…), plus names-extra.txt, a short list
  kept by hand (Welsh, Somali, Gaelic and names given to many children in recent years);
- english-words.txt holds the lower-case words of an English dictionary (web2), so that a name
  that is also a word ("Grace", "Will", "Hope") needs context before it is taken for a name.

tools/make_names_data.py regenerates them from the pinned packages; LICENCES.md gives their
licences. They are read once per process (about 0.1 s), never downloaded.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read(name: str) -> frozenset[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    """First names as written, with a capital letter ('Oliver', 'Siobhán', 'Siobhan')."""
    return _read("first-names.txt")


@cache
def surnames() -> frozenset[str]:
    """Surnames as written, with a capital letter ('Kowalczyk', 'Warsame')."""
    return _read("surnames.txt")


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words ('grace', 'will', 'court'); names written only with a capital are not in it."""
    return _read("english-words.txt")


@lru_cache(maxsize=1 << 16)
def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is an English word, plurals and verb endings included ('banks', 'lies')."""
    w = word.lower().rstrip("'’")
    words = english_words()
    if w in words:
        return True
    for ending, stems in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ied", ("y",)), ("ed", ("", "e")),
                          ("ing", ("", "e"))):
        if w.endswith(ending) and len(w) > len(ending) + 2:
            root = w[: -len(ending)]
            if any(root + stem in words for stem in stems) or (len(root) > 2 and root[-1] == root[-2] and root[:-1] in words):
                return True
    return False


@cache
def lower_case_names() -> frozenset[str]:
    """First names that may be matched in any case: four letters or more, and not an English word."""
    return frozenset(n.lower() for n in first_names() if len(n) >= 4 and not is_english_word(n))


def release() -> None:
    """Let the word lists go (about 34 MB): a one-off build has checked every record before it renders.
    Anything that asks for a list afterwards reads it again."""
    for cached in (first_names, surnames, english_words, is_english_word, lower_case_names):
        cached.cache_clear()
