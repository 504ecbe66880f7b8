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

from .firstnames import FIRST_NAMES


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
    rf"|\b(?i:lives|lived|living|resides|resided|moved)\s+(?i:at|on|to|in)\s+{_STREET}"
)

_WORD = r"(?:O'|D')?(?:Ma?c)?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)*"
"""A capitalised word as names are written: 'Sarah', 'Mary-Jane', "O'Brien", 'McDonald'."""
_GAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
"""Spaces, or one line break: a name may wrap, but a blank line ends it."""
_TITLE = re.compile(rf"\b(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?{_GAP}{_WORD}(?:{_GAP}{_WORD})?")
_FAMILY = re.compile(
    r"\b(?i:child|baby|infant|toddler|boy|girl|son|daughter|mother|mum|father|dad|step-?father"
    r"|step-?mother|step-?dad|step-?mum|brother|sister|sibling|grand(?:mother|father|ma|pa|dad)"
    r"|nan|nanny|aunt|auntie|uncle|cousin|partner|boyfriend|girlfriend|husband|wife)"
    rf"{_GAP}({_WORD})"
)
_CAPITALISED = re.compile(rf"\b{_WORD}\b")

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
_CITATION_AFTER = re.compile(r"^(?:\s+et al\b|\s*,?\s*\(?(?:19|20)\d\d\b)")


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
    for m in _TITLE.finditer(text):
        yield Finding(NAME, m.group(), m.start(), m.end())
    for m in _FAMILY.finditer(text):
        relation, name = m.group().split()[0], m.group(1)
        if relation[0].isupper() and name.split("-")[0] not in FIRST_NAMES:
            continue  # Title Case: a term or a heading ('Child Protection Plan', 'Mother And Baby')
        if name in _NOT_NAMES:
            continue
        yield Finding(NAME, m.group(), m.start(), m.end())
    for m in _CAPITALISED.finditer(text):
        words = m.group().split("-")
        if words[0] not in FIRST_NAMES or _BEFORE_PLACE.search(text[: m.start()]):
            continue
        after = text[m.end():]
        if _CITATION_AFTER.match(after):
            continue
        surname = re.match(rf"{_GAP}({_WORD})\b", after)
        if surname and surname.group(1) in _PLACE_WORDS:
            continue
        if surname and surname.group(1) not in _NOT_NAMES:
            yield Finding(NAME, text[m.start(): m.end() + surname.end()], m.start(), m.end() + surname.end())
        else:
            yield Finding(NAME, m.group(), m.start(), m.end())


DETECTORS = (
    _emails,
    _simple(NINO, _NINO),
    _phones,
    _nhs_numbers,
    _simple(POSTCODE, _POSTCODE),
    _simple(DOB, _DOB),
    _simple(ADDRESS, _ADDRESS),
    _names,
)
"""In order of precedence: where two findings overlap, the earlier detector's is kept."""


def find_personal_data(text: str, own: OwnContacts | None = None) -> list[Finding]:
    """Everything in ``text`` that looks like personal data, in reading order, without overlaps."""
    own = own or OwnContacts()
    claimed: list[Finding] = []
    for detect in DETECTORS:
        for finding in detect(text):
            if not any(finding.start < c.end and c.start < finding.end for c in claimed):
                claimed.append(finding)
    return sorted((f for f in claimed if not own.covers(f)), key=lambda f: f.start)
