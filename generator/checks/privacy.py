"""Personal-data detectors: find text in a record that could identify a child or a family member.

Each detector looks for one kind of personal data and says what it found and where. They are
tuned on the shipped content so that ordinary safeguarding language is left alone ("Child
Protection Plan" is not a name, "12 months" is not a date of birth, "Forest of Dean" is a
locality). A finding is a question for a person, not a verdict: what is safe to publish (the
board's own contact details, a professional named in an official role) is acknowledged in
privacy-allowlist.yaml or declared in site.yaml, never silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks.firstnames import FIRST_NAMES


@dataclass(frozen=True)
class Finding:
    """One piece of text that looks like personal data."""

    kind: str
    """What it looks like, with its article: 'a postcode', 'an email address'."""
    text: str
    """The exact text found (what an allowlist entry must name)."""
    start: int
    """Where it starts in the field's text (0-based)."""
    end: int
    """Where it ends in the field's text."""

    @property
    def message(self) -> str:
        return f'looks like {self.kind} ("{self.text}")'


@dataclass(frozen=True)
class OwnContacts:
    """The board's own published contact details (site.yaml `contact:`), which are never flagged."""

    emails: frozenset[str] = frozenset()
    """Lower-cased email addresses."""
    phones: frozenset[str] = frozenset()
    """Phone numbers as digits only, starting with 0."""
    address: str = ""
    """The postal address, upper-cased with single spaces."""

    @classmethod
    def from_config(cls, contact) -> OwnContacts:
        email = (contact.email or "").strip().lower()
        phone = phone_digits(contact.phone or "")
        return cls(
            emails=frozenset([email] if email else []),
            phones=frozenset([phone] if phone else []),
            address=_squash(contact.address or ""),
        )

    def covers(self, finding: Finding) -> bool:
        if finding.kind == EMAIL:
            return finding.text.lower() in self.emails
        if finding.kind == PHONE:
            return phone_digits(finding.text) in self.phones
        if finding.kind in (POSTCODE, ADDRESS):
            return bool(self.address) and _squash(finding.text) in self.address
        return False


EMAIL, PHONE, POSTCODE = "an email address", "a phone number", "a postcode"
NHS, NINO, DOB = "an NHS number", "a National Insurance number", "a date of birth"
ADDRESS, NAME = "a street address", "a person's name"


def _squash(text: str) -> str:
    return " ".join(text.replace(",", " ").split()).upper()


def phone_digits(text: str) -> str:
    """A UK phone number as digits starting with 0 ('+44 (0)1452 583629' → '01452583629')."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.strip().startswith("+44") or text.strip().startswith("0044"):
        digits = "0" + digits.removeprefix("00").removeprefix("44")
    return digits


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number check: weights 10..2 over nine digits, modulus 11, gives the tenth digit."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


# ------------------------------------------------------------------------------ the detectors

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)\d[\d \t()-]{7,14}\d(?!\d)")
_NHS = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
_NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)
_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
)
_DOB = re.compile(
    rf"(?i:\bD\.?O\.?B\b\.?\s*[:=-]?\s*\d[\d/.\- ]*\d"
    rf"|\b(?:date\s+of\s+birth|birth\s*date|birthday)\b\s*(?:is|was|:|-|–|of)?\s*{_DATE}"
    rf"|\bborn\s+(?:on\s+|in\s+)?(?:the\s+)?{_DATE})"
)

_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Terrace|Court"
    r"|Grove|Hill|Park|Square|Walk|Row|Mews|View|Rise|Green|Parade|Vale|Meadows?|Croft|Wharf)\b"
)
_STREET = rf"(?:[A-Z][a-z']+[ -]){{1,3}}{_SUFFIX}"
_ADDRESS = re.compile(
    rf"\b(?:(?:Flat|Apartment)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+{_STREET}"
    rf"|\b(?:Flat|Apartment)\s+\d+[A-Za-z]?\b"
)
_LIVES_ON = re.compile(rf"\b(?i:lives|lived|living|resides|resided|moved)\s+(?i:at|on|to|in)\s+{_STREET}")

_WORD = r"(?:O'|D')?(?:Ma?c)?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)*"
"""A capitalised word as names are written: 'Sarah', 'Mary-Jane', "O'Brien", 'McDonald'."""
_GAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
"""Spaces, or one line break: a name may wrap, but a blank line ends it."""
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})
_RELATIONS = frozenset("""
    child baby infant toddler boy girl son daughter mother mum father dad stepfather step-father
    stepmother step-mother stepdad step-dad stepmum step-mum brother sister sibling grandmother
    grandfather grandma grandpa granddad grandad nan nanny aunt auntie uncle cousin partner boyfriend
    girlfriend husband wife
""".split())
"""Family words: a capitalised word right after one is taken for a name ('mother Zainab')."""
_CAPITAL = re.compile(r"(?:[OD]'|Ma?c(?=[A-Z]))?[A-Z][a-z]+")
_WORD_AT = re.compile(_WORD)
_SURNAME = re.compile(rf"{_GAP}({_WORD})\b")

_NOT_NAMES = frozenset("""
    A An And Or Of To For With In On At By As Is Was Were Who Whom That This These Those The Not No
    But If So Be Has Had Have Did Does Do Will Would Could Should May Might Must Can I It Its
    Protection Protective Sexual Exploitation Death Care Carer Carers Looked After Need Needs Health
    Social Services Service Safeguarding Support Agency Agencies Board Partnership Plan Plans Panel
    Review Reviews Conference Group Groups Team Teams Court Centre Center Act Order Orders Guidance
    Policy Protocol Assessment Framework Trust Council School Schools Unit Ward Benefit Benefits
    Allowance Mental Abuse Neglect Domestic Family Families Practitioner Practitioners Professional
    Professionals Minder Minders Poverty Development Welfare Line Arrangements Contact Voice Story
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
    August September October November December
""".split())
"""Capitalised words that follow 'child', 'mother', 'partner' etc. in ordinary safeguarding language."""

_PLACE_WORDS = frozenset("""
    Street Road Avenue Lane Close Drive Way Crescent Place Gardens Terrace Court Grove Hill Park
    Square Hospital House Centre Center School College Academy University Ward Unit Trust Foundation
    Surgery Practice Clinic Children Child Hall Library Church Institute Fund
""".split())
"""Words after a first name that make it part of a place or an organisation ('Charlotte Street')."""

_BEFORE_PLACE = re.compile(r"(?:\bSt\.?|\bSaint|\bKing|\bQueen|\bPrince|\bPrincess|\bof the)\s+$")
_CITATION_AFTER = re.compile(r"\s+et al\b|\s*,?\s*\(?(?:19|20)\d\d\b")
_HAS_DIGIT = re.compile(r"\d")


def _emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL.finditer(text):
        yield Finding(EMAIL, m.group(), m.start(), m.end())


def _phones(text: str) -> Iterator[Finding]:
    for m in _PHONE.finditer(text):
        found, start = m.group(), m.start()
        if found.startswith("(") and ")" not in found:
            found, start = found[1:], start + 1  # the bracket belongs to the sentence
        while len(phone_digits(found)) > 11 and re.search(r"[ \t()-]", found):
            found = re.sub(r"[ \t()-]+[^ \t()-]*$", "", found)  # drop a trailing group
        digits = phone_digits(found)
        # Landlines (01, 02) and mobiles (07) can be a person's. Service lines (03, 08, 09) cannot.
        if len(digits) in (10, 11) and digits[1] in "127":
            yield Finding(PHONE, found, start, start + len(found))


def _nhs_numbers(text: str) -> Iterator[Finding]:
    for m in _NHS.finditer(text):
        if nhs_number_is_valid(re.sub(r"\D", "", m.group())):
            yield Finding(NHS, m.group(), m.start(), m.end())


def _simple(kind: str, pattern: re.Pattern[str]):
    def detect(text: str) -> Iterator[Finding]:
        for m in pattern.finditer(text):
            yield Finding(kind, m.group().strip(), m.start(), m.start() + len(m.group().strip()))

    return detect


def _names(text: str) -> Iterator[Finding]:
    """Titles ('Mrs O'Brien'), family words ('mother Zainab') and listed first names ('Janice Brown')."""
    done = 0
    for m in _CAPITAL.finditer(text):
        start = m.start()
        if start < done or (start and (text[start - 1].isalpha() or text[start - 1] in "'-")):
            continue
        word = _WORD_AT.match(text, start)
        end = word.end() if word else m.end()
        before = text[max(0, start - 30): start]
        prev_word, prev_start = _previous_word(before, start)
        if prev_word in _TITLES:
            second = _SURNAME.match(text, end)
            if second and second.group(1) not in _NOT_NAMES:
                end = second.end()
            finding = Finding(NAME, text[prev_start:end], prev_start, end)
        elif prev_word in _RELATIONS and text[start:end] not in _NOT_NAMES:
            finding = Finding(NAME, text[prev_start:end], prev_start, end)  # lower case: 'the child Kayleigh'
        elif m.group().split("-")[0] in FIRST_NAMES:
            finding = _first_name(text, start, end, before, prev_word, prev_start)
        else:
            continue
        if finding is not None:
            done = finding.end
            yield finding


def _previous_word(before: str, start: int) -> tuple[str, int]:
    """The word just before a capitalised word (across at most one line break), and where it starts."""
    stripped = before.rstrip(" \t")
    if stripped.endswith("\n"):
        stripped = stripped[:-1].rstrip(" \t")
    if not stripped or stripped == before or stripped[-1] in "\n":
        return "", start
    raw = stripped.rsplit(None, 1)[-1].lstrip("\"'(‘“[")  # an opening quote or bracket is not part of it
    token = raw[:-1] if raw.endswith(".") and raw[:-1] in _TITLES else raw
    if not token.replace("-", "").replace("'", "").isalpha():
        return "", start  # punctuation between: 'the child. Are', 'the child, Sarah'
    return token, start - len(before) + len(stripped) - len(raw)


def _first_name(text: str, start: int, end: int, before: str, prev_word: str, prev_start: int) -> Finding | None:
    """A listed first name, with its surname and family word if any; None in a place or a citation."""
    if _BEFORE_PLACE.search(before) or _CITATION_AFTER.match(text, end):
        return None
    surname = _SURNAME.match(text, end)
    if surname and surname.group(1) in _PLACE_WORDS:
        return None
    if surname and surname.group(1) not in _NOT_NAMES:
        end = surname.end()
    if prev_word.lower() in _RELATIONS:  # 'Mother Sarah': the family word belongs to the finding
        start = prev_start
    return Finding(NAME, text[start:end], start, end)


def _lower_has(*words: str):
    return lambda text: any(word in text.lower() for word in words)


_ALWAYS = None
DETECTORS = (
    # (needs a digit, a quick test that must pass for the detector to find anything, the detector)
    (False, lambda text: "@" in text, _emails),
    (True, re.compile(r"\d\d ?\d\d ?\d\d").search, _simple(NINO, _NINO)),
    (True, re.compile(r"\d\d\d").search, _phones),
    (True, re.compile(r"\d\d\d").search, _nhs_numbers),
    (True, re.compile(r"\d[ABD-HJLNP-UW-Z]{2}").search, _simple(POSTCODE, _POSTCODE)),
    (True, _lower_has("born", "dob", "d.o.b", "birth"), _simple(DOB, _DOB)),
    (True, re.compile(_SUFFIX.removesuffix(r"\b") + "|Flat|Apartment").search, _simple(ADDRESS, _ADDRESS)),
    (False, _lower_has("live", "resid", "moved"), _simple(ADDRESS, _LIVES_ON)),
    (False, _ALWAYS, _names),
)
"""In order of precedence: where two findings overlap, the earlier detector's is kept. The quick
tests are necessary conditions (most text has no digit and no @), so skipping saves time only."""


def find_personal_data(text: str, own: OwnContacts | None = None) -> list[Finding]:
    """Everything in ``text`` that looks like personal data, in reading order, without overlaps."""
    own = own or OwnContacts()
    has_digit = _HAS_DIGIT.search(text) is not None
    claimed: list[Finding] = []
    for needs_digit, could_find, detect in DETECTORS:
        if (needs_digit and not has_digit) or (could_find is not None and not could_find(text)):
            continue
        for finding in detect(text):
            if not any(finding.start < c.end and c.start < finding.end for c in claimed):
                claimed.append(finding)
    return sorted((f for f in claimed if not own.covers(f)), key=lambda f: f.start)
