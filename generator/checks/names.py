"""People's names, with or without a cue word: what a motivated intruder would recognise.

A word is taken for a name when:

- it follows a title ('Mrs O'Brien') or a family word ('mother Zainab', 'the child Kayleigh');
- it is a listed first name (generator/checks/firstnames.py, 23,700 names of many origins) that is
  not also an English word, wherever it stands ('Oliver', 'Aarav', 'Paisley-Mae'), in any case
  ('did not speak to oliver'), with the surname that follows ('Agnieszka Kowalczyk');
- it is a listed first name that is also a word ('Grace', 'Harper', 'Blessing') and the context
  says a person stands there: a surname follows, or a verb such as 'was', 'told', 'disclosed';
- it is an unlisted capitalised word followed by a listed surname ('Hodan Warsame'), by ', the
  children's mother', by "'s mother", or by 'told', 'said', 'disclosed', 'was seen' (its subject).

Phrases and words in generator/checks/safeterms.py (agencies, places, tools, research authors) are
never names; nor is a first name in a place ('St Mary's', 'Charlotte Street') or a citation
('Munro (2011)', 'Brandon et al').
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.checks.firstnames import first_names, is_english_word, lower_case_names, surnames
from generator.checks.safeterms import SAFE_WORDS

_L = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
_TOKEN = re.compile(rf"(?:[OD]['’](?=[A-Z]))?[{_L}]+(?:-[{_L}]+)*")
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})
RELATIONS = frozenset("""
    child baby infant toddler boy girl son daughter mother mum father dad stepfather step-father
    stepmother step-mother stepdad step-dad stepmum step-mum brother sister sibling grandmother
    grandfather grandma grandpa granddad grandad nan nanny aunt auntie uncle cousin partner boyfriend
    girlfriend husband wife
""".split())
"""Family words: a capitalised word right after one is taken for a name ('mother Zainab')."""

NOT_NAMES = frozenset("""
    A An And Or Of To For With In On At By As Is Was Were Who Whom That This These Those The Not No
    But If So Be Has Had Have Did Does Do Will Would Could Should May Might Must Can I It Its
    Protection Protective Sexual Exploitation Death Care Carer Carers Looked After Need Needs Health
    Social Services Service Safeguarding Support Agency Agencies Board Partnership Plan Plans Panel
    Review Reviews Conference Group Groups Team Teams Court Centre Center Act Order Orders Guidance
    Policy Protocol Assessment Framework Trust Council School Schools Unit Ward Benefit Benefits
    Allowance Mental Abuse Neglect Domestic Family Families Practitioner Practitioners Professional
    Professionals Minder Minders Poverty Development Welfare Line Arrangements Contact Voice Story
    He She They We You Her His Their Our My Your Him Them Us Me Who What When Where Why How
    Queen King Prince Princess Lord Lady Sir Dame Saint Duke Duchess Earl Baron Baroness
""".split()) | SAFE_WORDS
"""Capitalised words that are never a name: grammar words, safeguarding terms and the safe words."""

PLACE_WORDS = frozenset("""
    Street Road Avenue Lane Close Drive Way Crescent Place Gardens Terrace Court Grove Hill Park
    Square Hospital House Centre Center School College Academy University Ward Unit Trust Foundation
    Surgery Practice Clinic Children Child Hall Library Church Institute Fund Primary Infant Infants
    Junior Nursery Estate Flats Paddocks Mews Medical
""".split())
"""Words after a first name that make it part of a place or an organisation ('Charlotte Street')."""

_STRONG = frozenset("""
    disclosed told said says reported explained stated alleged admitted denied described
    disclosing telling saying reporting alleging
""".split())
"""Verbs whose subject is a person: 'Hodan told the school nurse'."""
_WEAK = frozenset("""
    was wasn't were had hadn't has hasn't is isn't did didn't does doesn't would wouldn't could couldn't
    attended missed moved lived lives stayed went returned left spoke asked cried refused became appeared
    presented needed wanted felt seemed arrived ran
""".split()) | _STRONG
"""Verbs that follow a person, used only where the first name is listed ('Harper was not brought')."""
_SEES = frozenset("see saw seen visit visited visiting meet met asked told interviewed contacted phoned called".split())
"""Verbs whose object is a person, used only where the first name is listed ('did not see Amir')."""
_APPOSITION = re.compile(
    r"\s*,\s*(?:the|her|his|their|a|an)\s+(?:[\w'’-]+\s+){0,2}?(?:" + "|".join(sorted(RELATIONS)) + r")s?\b", re.I
)
_POSSESSIVE_RELATION = re.compile(r"['’]s\s+(?:" + "|".join(sorted(RELATIONS)) + r")\b", re.I)
_BEFORE_PLACE = re.compile(r"(?:\bSt\.?|\bSaint|\bKing|\bQueen|\bPrince|\bPrincess|\bof the)\s+$")
_CITATION_AFTER = re.compile(r"\s+et al\b|['’]?s?\s*,?\s*\(?(?:19|20)\d\d\b")
_SENTENCE_GAP = re.compile(r"[.!?:;\n]|^\s*[-–•*\"“(]\s*$")


def _capitalised(word: str) -> bool:
    head = word.split("-")[0]
    head = head[2:] if head[:2] in ("O'", "D'", "O’", "D’") else head
    head = re.sub(r"^Ma?c(?=[A-Z][a-z])", "", head)  # 'McDonald', 'MacLeod'
    return len(head) > 1 and head[0].isupper() and head[1:].islower()


def _base(word: str) -> str:
    return word.split("-")[0]


def _is_word(word: str) -> bool:
    return is_english_word(_base(word))


_CAPITALISED = re.compile(rf"(?<![{_L}'’-])(?:[OD]['’](?=[A-Z])|Ma?c(?=[A-Z][a-z]))?[A-Z][a-zà-öø-ÿā-ž]+(?:-[{_L}]+)*")
_LOWER_WORD = re.compile(r"[a-z]{4,}")
_PREV = re.compile(rf"([{_L}]+(?:-[{_L}]+)*)([^{_L}]*)$")


class _Text:
    """One field's text, with its words read around a candidate on demand (most words are never looked at)."""

    def __init__(self, text: str, safe):
        self.text, self._safe, self.safe = text, safe, None

    def prev(self, start: int) -> tuple[int, int, str] | None:
        window = max(0, start - 40)
        m = _PREV.search(self.text, window, start)
        if m is None or (m.start() == window and window > 0):
            return None
        return (m.start(1), m.end(1), m.group(1))

    def next(self, end: int) -> tuple[int, int, str] | None:
        m = _TOKEN.search(self.text, end, min(len(self.text), end + 40))
        return (m.start(), m.end(), m.group()) if m else None

    def is_safe(self, start: int) -> bool:
        if self.safe is None:
            self.safe = self._safe()  # the safe phrases are looked for only once a word could be a name
        return any(s <= start < e for s, e in self.safe)


def names_in(text: str, safe) -> Iterator[tuple[int, int]]:
    """The spans of the people's names in ``text``; ``safe()`` gives the spans of its safe phrases."""
    firsts, lasts, lower = first_names(), surnames(), lower_case_names()
    field = _Text(text, safe)
    spans = []
    if set(_LOWER_WORD.findall(text)) & lower:
        for m in _LOWER_WORD.finditer(text):
            if m.group() in lower and _lower_ok(text, m):
                spans.append(m.span())  # 'did not speak to oliver on his own'
    words = set(_CAPITALISED.findall(text))
    if words:
        words = {w for w in words if w in firsts or (w not in NOT_NAMES and not _only_after_cue(w))}
    for m in _CAPITALISED.finditer(text) if words else ():
        word = m.group()
        if word not in words:
            prev = field.prev(m.start()) if word not in NOT_NAMES else None
            if prev is None or not (prev[2] in _TITLES or prev[2].lower() in RELATIONS):
                continue  # an English word, not listed: a name only after a title or a family word
        if not field.is_safe(m.start()):
            span = _judge(field, m.start(), m.end(), word, firsts, lasts)
            if span is not None:
                spans.append(span)
    done = -1
    for span in sorted(spans):
        if span[0] >= done:
            yield span
            done = span[1]


def _only_after_cue(word: str) -> bool:
    """An unlisted English word ('Managers', 'Early'): a name only after a title or a family word."""
    return _base(word) not in first_names() and _is_word(word)


def _lower_ok(text: str, m: re.Match) -> bool:
    """A lower-case listed name stands alone: not inside a hyphenated word or an address."""
    before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
    return not (before and (before.isalpha() or before in "-'’@./")) and not (after and (after.isalpha() or after in "-@"))


def _judge(field: _Text, start: int, end: int, word: str, firsts, lasts) -> tuple[int, int] | None:
    text = field.text
    prev = field.prev(start)
    gap_before = text[prev[1]:start] if prev else text[:start]
    nxt = field.next(end)
    gap_after = text[end:nxt[0]] if nxt else ""
    joined = nxt is not None and _joins(gap_after)
    if word in NOT_NAMES or _base(word) in NOT_NAMES:
        if word in firsts and joined and nxt[2] in lasts and not _is_word(nxt[2]) and nxt[2] not in NOT_NAMES:
            return (start, nxt[1])  # 'Will Hughes', 'May Okafor': a word that is a first name, before a surname
        return None
    # a title or a family word just before: 'Mrs O'Brien', 'mother Zainab'
    if prev is not None and prev[2] in _TITLES and _joins(gap_before.removeprefix(".") or " "):
        return (prev[0], _with_surname(field, end))
    if prev is not None and prev[2].lower() in RELATIONS and _joins(gap_before) and (
            prev[2] in RELATIONS or _base(word) in firsts or not _is_word(word)):
        # 'mother Zainab'; a capitalised family word only before a name: 'Mother Sarah', not 'Baby Bruising'
        return (prev[0], _with_surname(field, end, must_be_listed=True))
    if _BEFORE_PLACE.search(text[max(0, start - 12):start]):
        return None
    if joined and nxt[2] in PLACE_WORDS:
        return None  # 'Charlotte Street', 'Grace Academy'
    if _CITATION_AFTER.match(text, end):
        return None  # 'Munro (2011)', 'Brandon et al'
    listed, is_word = _base(word) in firsts, _is_word(word)
    next_is_surname = joined and not field.is_safe(nxt[0]) and _surname_like(nxt[2], lasts)
    next_verb = nxt[2].lower() if nxt is not None and gap_after.strip() in ("", ",") else ""
    if listed and not is_word:
        return (start, _with_surname(field, end))
    seen = prev is not None and prev[2].lower() in _SEES and _joins(gap_before)
    if listed and (next_is_surname or next_verb in _WEAK or seen or text.startswith(("'s ", "’s "), end)):
        return (start, _with_surname(field, end))  # 'Grace Smith', 'Harper was not brought'
    if is_word:
        return None
    sentence_start = prev is None or bool(_SENTENCE_GAP.search(gap_before))
    if next_is_surname and nxt[2] in lasts and not sentence_start:
        return (start, nxt[1])  # 'that Hodan Warsame had moved'
    if next_verb in _STRONG or _APPOSITION.match(text, _with_surname(field, end)):
        return (start, _with_surname(field, end))  # 'Hodan told', 'Hodan, the children's mother'
    if _POSSESSIVE_RELATION.match(text, end):
        return (start, end)  # "Kacper's mother"
    return None


def _joins(gap: str) -> bool:
    """Spaces, or one line break between two words: a name may wrap, but a blank line or a comma ends it."""
    return gap.strip(" \t") in ("", "\n") and gap.count("\n") <= 1 and gap != ""


def _surname_like(word: str, lasts) -> bool:
    if not _capitalised(word) or word in NOT_NAMES or word in PLACE_WORDS:
        return False
    return word in lasts or _base(word) in lasts or not _is_word(word)


def _with_surname(field: _Text, end: int, must_be_listed: bool = False) -> int:
    """Where a name whose first word ends at ``end`` ends: after its surname, if one follows."""
    nxt = field.next(end)
    if nxt is not None:
        start, nend, word = nxt
        if _joins(field.text[end:start]) and not field.is_safe(start) and _capitalised(word) and word not in NOT_NAMES \
                and word not in PLACE_WORDS and not _CITATION_AFTER.match(field.text, nend):
            if not must_be_listed or word in surnames() or not _is_word(word):
                return nend
    return end
