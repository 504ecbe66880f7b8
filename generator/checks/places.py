"""Where a family lives, where a child goes, and the numbers that point at one case file.

Addresses with or without a house number ('12 Acacia Avenue', 'an address on Oakfield Crescent',
'called to windsor court'), a school, nursery, academy or GP surgery named in full ('St Mary's
Primary', 'Leckhampton Surgery'), case, referral, crime and incident references ('CP/2019/04417',
'incident number 45180112233'), and a child's exact age next to a small place ('A 14-year-old girl
from Lydney'), which together can identify a child even with no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.checks.firstnames import is_english_word
from generator.checks.names import NOT_NAMES
from generator.checks.safeterms import LARGE_PLACES

_STREET_STOP = NOT_NAMES - LARGE_PLACES
"""Words that do not make a street's name ('The Way', 'Family Court'); a place does ('London Road')."""

Span = tuple[int, int]

# ------------------------------------------------------------------------------ addresses

_NUMBERED_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Terrace|Court"
    r"|Grove|Hill|Park|Square|Walk|Row|Mews|View|Rise|Green|Parade|Vale|Meadows?|Croft|Wharf|Paddocks|Flats|Estate)\b"
)
_NAMED_SUFFIX = r"(?:Road|Street|Lane|Close|Crescent|Court|Drive|Way|Avenue|Gardens|Terrace|Paddocks|Flats|Estate|Mews|Grove)\b"
_STREET = rf"(?:[A-Z][a-z']+[ -]){{1,3}}{_NUMBERED_SUFFIX}"
NUMBERED_ADDRESS = re.compile(
    rf"\b(?:(?:Flat|Apartment)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+{_STREET}"
    rf"|\b(?:Flat|Apartment)\s+\d+[A-Za-z]?\b"
)
LIVES_ON = re.compile(rf"\b(?i:lives|lived|living|resides|resided|moved)\s+(?i:at|on|to|in)\s+{_STREET}")
_NAMED_STREET = re.compile(rf"\b((?:[A-Z][a-z'’]+[ -]){{1,3}}){_NAMED_SUFFIX}")
_LOWER_STREET = re.compile(
    r"\b(?:on|at|to|in|from|near|off|along|into)\s+(?:the\s+)?((?:[a-z][a-z'’]+\s+){1,2})"
    r"(?:road|street|lane|close|crescent|court|drive|avenue|gardens|terrace|paddocks|flats|estate)\b"
)


def named_streets(text: str) -> Iterator[Span]:
    """A road, close, court… named without a house number: 'Oakfield Crescent', 'on windsor court'."""
    for m in _NAMED_STREET.finditer(text):
        words = m.group(1).replace("-", " ").split()
        while words and words[0] in _STREET_STOP:
            words.pop(0)  # 'The Way', 'Family Court' leave nothing
        if words and not all(w in _STREET_STOP for w in words):
            start = m.end() - len(m.group()) + m.group().index(words[0])
            yield (start, m.end())
    for m in _LOWER_STREET.finditer(text):
        name = m.group(1).split()
        if not any(is_english_word(w) or is_english_word(w.removesuffix("'s")) for w in name):
            yield (m.start(1), m.end())


# ------------------------------------------------------------------------------ schools and surgeries

_INSTITUTION = re.compile(
    r"((?:(?:St\.?|Saint)\s+)?(?:[A-Z][A-Za-z'’-]*(?:\s+(?:of|&|and|the|on|upon)\s+|\s+)){1,5})"
    r"(School|Academy|Nursery|Pre-?[Ss]chool|Playgroup|College|Primary|Infants|Surgery|Medical Centre"
    r"|Health Centre|Medical Practice|Children['’]s Centre)\b"
)
_GENERIC = frozenset("""
    St Saint The A An Primary Secondary Infant Infants Junior Senior High Grammar Community Special Virtual
    Independent Local Free Forest Sunday Church Catholic C E CofE RC Methodist Nursery Day Pre GP Medical Health
    Children's Childrens Children’s Family Council County Maintained Boarding Residential Mainstream Village
    Town City Her His Their Our Your My This That Each Every Any No New Old Private State Comprehensive Faith
    Academy School College Royal National Police Further Higher Education Sixth Form Middle Upper Lower Early Years
    Year Years Specialist Alternative Hospital Teaching Training Open Online And Of Or In At On
""".split())


def institutions(text: str) -> Iterator[Span]:
    """A school, nursery, academy or GP surgery named in full: 'St Mary's Primary', 'Rosebank Surgery'."""
    for m in _INSTITUTION.finditer(text):
        words = [w.rstrip("'’s").rstrip("'’") or w for w in m.group(1).split()]
        distinctive = [w for w in words if w not in _GENERIC and w not in NOT_NAMES and w[0].isupper() and not w.isupper()]
        if distinctive or (m.group(1).split()[0] in ("St", "St.", "Saint") and len(words) > 1):
            first = m.group(1).split()[0]
            yield (m.start(1) + m.group(1).index(first), m.end())


# ------------------------------------------------------------------------------ references

_REF_CUE = re.compile(
    r"(?i:\b(?:case|referral|crime|incident|log|job|occurrence|police|CAD|URN|reference|ref|file|record|CP|LADO)"
    r"(?:\s+(?:reference|ref|number|no|num|id))?\.?\s*(?:number|no\.?)?\s*[:#.]?\s*)"
    r"(?P<ref>[A-Za-z]{0,4}[/-]?\d[\dA-Za-z/-]{2,}\d)\b"
)
_STRUCTURED = re.compile(r"\b(?:[A-Z]{1,5}[/-]\d{2,4}[/-]\d{3,}|\d{2,}/\d{4,}/\d{2,4})\b")
_DATE_LIKE = re.compile(r"^\d{1,4}([/.-])\d{1,2}\1\d{1,4}$|^(?:19|20)\d\d(?:[/-]\d\d)?$")


def references(text: str) -> Iterator[Span]:
    """Case, referral, crime and incident reference numbers: 'CP/2019/04417', 'incident number 45180112233'."""
    for m in _REF_CUE.finditer(text):
        ref = m.group("ref")
        if sum(c.isdigit() for c in ref) >= 5 and not _DATE_LIKE.match(ref):
            yield (m.start(), m.end())
    for m in _STRUCTURED.finditer(text):
        if not _DATE_LIKE.match(m.group()):
            yield m.span()


# ------------------------------------------------------------------------------ age and a small place

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_AGE = (
    rf"(?i:\b(?:\d{{1,2}}|{_NUMBER_WORDS})[- ](?:year|month|week|day)s?[- ]old\b"
    rf"|\baged\s+(?:\d{{1,2}}|{_NUMBER_WORDS})(?:\s+(?:years?|months?|weeks?))?\b)"
)
_AGE_PLACE = re.compile(
    rf"{_AGE}[^.;:!?\n]{{0,60}}?\b(?:from|in|of|at|near|living in|who lives in|who lived in)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:['’]s)?(?:[ -](?:[A-Z][a-z]+|on|upon|under|in|le|by|the|of)(?=[ -]?[A-Z]))*(?:[ -][A-Z][a-z]+)?)"
)


def age_and_place(text: str, safe_places: frozenset[str]) -> Iterator[Span]:
    """A child's exact age with a town or village smaller than the board's declared localities."""
    for m in _AGE_PLACE.finditer(text):
        place = m.group("place")
        if place in safe_places or place.split()[0] in NOT_NAMES or place.split("-")[0] in NOT_NAMES:
            continue
        yield (m.start(), m.end())
