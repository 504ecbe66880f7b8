"""Personal-data detectors: find text in a record that could identify a child or a family member.

The aim is the ICO's "motivated intruder" test: nobody who reads the published text, with what is
known locally, can tell who the child or family is. This module holds the finding, its kinds (each
with why it could identify someone and the usual fix), the contact and number detectors and
``find_personal_data``, which runs every detector; names are found by generator/checks/names.py,
addresses, schools, references and an age with a small place by generator/checks/places.py.

They are tuned so that ordinary safeguarding language is left alone ("Child Protection Plan" is not
a name, "12 months" is not a date of birth, "Forest of Dean" is a locality): the reviewed safe
terms are in generator/checks/safeterms.py. A finding is a question for a person, not a verdict:
what is safe to publish (the board's own contact details, a professional named in an official
role) is acknowledged in privacy-allowlist.yaml or declared in site.yaml, never silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks import places
from generator.checks.names import names_in
from generator.checks.safeterms import safe_spans


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
    def label(self) -> str:
        """What it is, as the report says it: 'looks like a postcode'."""
        return self.kind if self.kind == AGE_PLACE else f"looks like {self.kind}"

    @property
    def message(self) -> str:
        """The report's words: what it is, the text, why it could identify someone and the usual fix."""
        why, fix = EXPLAIN[self.kind]
        return f'{self.label} ("{self.text}"). {why} {fix}'


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
SCHOOL, REFERENCE = "a named school, nursery or GP surgery", "a case or police reference number"
AGE_PLACE = "could identify a child when combined: age and small place"
KINDS = (NAME, DOB, ADDRESS, POSTCODE, EMAIL, PHONE, NHS, NINO, SCHOOL, REFERENCE, AGE_PLACE)
"""Every kind of finding, in the order the guide for staff explains them."""

_REMOVE = "Fix: remove it."
EXPLAIN: dict[str, tuple[str, str]] = {
    NAME: ("A name, even a first name, can tell local readers who the family is.",
           "Fix: remove it, or write the person's role instead ('the mother', 'the child', 'a GP')."),
    DOB: ("A date of birth, with the area, can single out one child.",
          "Fix: remove it, or give an age band instead ('under one', 'a teenager')."),
    ADDRESS: ("A street, close or block of flats tells readers where the family lives.",
              "Fix: remove it, or generalise it ('a street in the town', 'a town in the district')."),
    POSTCODE: ("A postcode covers a handful of homes.", "Fix: remove it, or name the district instead."),
    EMAIL: ("An email address leads straight to one person.", _REMOVE),
    PHONE: ("A phone number leads straight to one person or household.", _REMOVE),
    NHS: ("An NHS number identifies one patient.", _REMOVE),
    NINO: ("A National Insurance number identifies one person.", _REMOVE),
    SCHOOL: ("Naming the school, nursery or surgery a child attends narrows them down to a few families.",
             "Fix: write 'the child's school', 'a primary school' or 'the GP surgery' instead."),
    REFERENCE: ("A case, referral, crime or incident number points at one case file.", _REMOVE),
    AGE_PLACE: ("An exact age together with a small town or village can identify a child, even with no name.",
                "Fix: generalise one of them ('a teenage girl', 'a baby', 'a town in the district')."),
}
"""For each kind: why it could identify someone, and the usual fix."""


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
    r"(?i:\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)"
)
_POSTCODE = re.compile(r"(?i:\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) {0,2}\d[ABD-HJLNP-UW-Z]{2}\b)")
_ORDINAL = frozenset({"st", "nd", "rd", "th"})

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"(?i:\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})(?![\d/.-]\d))"
)
_PART_DATE = re.compile(rf"(?i:\s+(?:on\s+|in\s+)?(?:the\s+)?{_MONTH}\s+\d{{4}}\b)")
_BIRTH_CUE = re.compile(r"(?i:\bborn\b|\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*(?:date|day)\b|\bbirth\b)")
_NEAR = 40
"""How far from a birth cue a full date may stand (about five words)."""


def _dates_of_birth(text: str) -> Iterator[Finding]:
    """A full date within a few words of 'born', 'DOB', 'date of birth', 'birthday', in any format."""
    for cue in _BIRTH_CUE.finditer(text):
        after = _FULL_DATE.search(text, cue.end(), min(len(text), cue.end() + _NEAR))
        if after and not re.search(r"[.;!?]\s", text[cue.end():after.start()]):
            yield Finding(DOB, text[cue.start():after.end()], cue.start(), after.end())
            continue
        part = _PART_DATE.match(text, cue.end()) if cue.group().lower() == "born" else None
        if part:
            yield Finding(DOB, text[cue.start():part.end()], cue.start(), part.end())
            continue
        before = None
        for m in _FULL_DATE.finditer(text, max(0, cue.start() - _NEAR), cue.start()):
            before = m
        if before and not re.search(r"[.;!?]\s", text[before.end():cue.start()]):
            yield Finding(DOB, text[before.start():cue.end()], before.start(), cue.end())


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


def _postcodes(text: str) -> Iterator[Finding]:
    for m in _POSTCODE.finditer(text):
        if m.group()[-2:] not in _ORDINAL:  # 'KS2 3rd' is a key stage and an ordinal
            yield Finding(POSTCODE, m.group(), m.start(), m.end())


def _simple(kind: str, pattern: re.Pattern[str]):
    def detect(text: str) -> Iterator[Finding]:
        for m in pattern.finditer(text):
            yield Finding(kind, m.group().strip(), m.start(), m.start() + len(m.group().strip()))

    return detect


def _spans(kind: str, find):
    def detect(text: str, *args) -> Iterator[Finding]:
        for start, end in find(text, *args):
            yield Finding(kind, text[start:end], start, end)

    return detect


_KEYWORDS: dict[str, str] = {}
"""Each keyword a quick test looks for in the lower-cased text, and the test it belongs to."""


def _lower_has(*words: str) -> str:
    """A quick test passed when the lower-cased text holds one of ``words`` (all tests share one search)."""
    test = words[0]
    _KEYWORDS.update((w, test) for w in words)
    return test


def _pattern(pattern: str):
    search = re.compile(pattern).search
    return lambda text, low: search(text) is not None


_ALWAYS = None
DETECTORS = (
    # (needs a digit, a quick test that must pass for the detector to find anything, the detector)
    (False, lambda text, low: "@" in text, _emails),
    (True, _pattern(r"\d\d ?\d\d ?\d\d"), _simple(NINO, _NINO)),
    (True, _pattern(r"\d\d\d"), _phones),
    (True, _pattern(r"\d\d\d"), _nhs_numbers),
    (True, _pattern(r"(?i)\d[ABD-HJLNP-UW-Z]{2}"), _postcodes),
    (True, _pattern(r"\d\d\d"), _spans(REFERENCE, places.references)),
    (True, _lower_has("born", "dob", "d.o.b", "birth"), _dates_of_birth),
    (True, _pattern(places._NUMBERED_SUFFIX.removesuffix(r"\b") + "|Flat|Apartment"), _simple(ADDRESS, places.NUMBERED_ADDRESS)),
    (False, _lower_has("school", "academy", "nursery", "playgroup", "college", "primary", "infants", "surgery",
                       "centre", "practice"), _spans(SCHOOL, places.institutions)),
    (False, _lower_has("live", "resid", "moved"), _simple(ADDRESS, places.LIVES_ON)),
    (False, _lower_has("old", "aged"), "age"),
    (False, _lower_has("road", "street", "lane", "close", "crescent", "court", "drive", "way", "avenue", "gardens",
                       "terrace", "paddocks", "flats", "estate", "mews", "grove"), _spans(ADDRESS, places.named_streets)),
    (False, _ALWAYS, "names"),
)
"""In order of precedence: where two findings overlap, the earlier detector's is kept. The quick
tests are necessary conditions (most text has no digit and no @), so skipping saves time only.
The two named by a word need the field's safe places or safe spans (see find_personal_data)."""
_ANY_KEYWORD = re.compile("(?=(" + "|".join(re.escape(w) for w in sorted(_KEYWORDS, key=len, reverse=True)) + "))")
"""Every keyword, overlaps included ('schoolold' holds 'school' and 'old')."""


def find_personal_data(text: str, own: OwnContacts | None = None, safe_places: frozenset[str] = frozenset()) -> list[Finding]:
    """Everything in ``text`` that looks like personal data, in reading order, without overlaps.

    ``safe_places`` are the localities the board declares (a panel meeting's locality, site.yaml's
    ``safe_places``): an age next to one of them is not reported, nor is the place taken for a name.
    """
    own = own or OwnContacts()
    has_digit = _HAS_DIGIT.search(text) is not None
    claimed: list[Finding] = []
    safe = None
    low = text.lower()
    present = {_KEYWORDS[k] for k in set(_ANY_KEYWORD.findall(low))}
    for needs_digit, could_find, detect in DETECTORS:
        if needs_digit and not has_digit:
            continue
        if could_find is not None and not (could_find in present if isinstance(could_find, str) else could_find(text, low)):
            continue
        if detect == "age":
            found = _spans(AGE_PLACE, places.age_and_place)(text, safe_places)
        elif detect == "names":
            found = _spans(NAME, names_in)(text, lambda: safe_spans(text, safe_places))
        else:
            found = detect(text)
        for finding in found:
            if finding.kind == ADDRESS:
                safe = safe_spans(text, safe_places) if safe is None else safe
                if any(s <= finding.start < e for s, e in safe):
                    continue
            if not any(finding.start < c.end and c.start < finding.end for c in claimed):
                claimed.append(finding)
    return sorted((f for f in claimed if not own.covers(f)), key=lambda f: f.start)


_HAS_DIGIT = re.compile(r"\d")
