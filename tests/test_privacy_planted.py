"""The personal-data check measured on planted cases (tests/privacy/planted.yaml), not asserted case by case.

Prints caught/planted for each kind and the false alarms per 100 negatives (run with -s to see the
table; it is also printed when the test fails). The floors below are what the check measured when
they were set (see README, Publication safety): a change that catches less, or alarms more, fails.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from generator.checks.privacy import (
    ADDRESS,
    AGE_PLACE,
    DOB,
    EMAIL,
    NAME,
    NHS,
    NINO,
    PHONE,
    POSTCODE,
    REFERENCE,
    SCHOOL,
    find_personal_data,
)

CASES = yaml.safe_load((Path(__file__).parent / "privacy" / "planted.yaml").read_text(encoding="utf-8"))
KIND = {"name": NAME, "dob": DOB, "address": ADDRESS, "postcode": POSTCODE, "nino": NINO, "email": EMAIL,
        "phone": PHONE, "nhs": NHS, "school": SCHOOL, "reference": REFERENCE, "age_place": AGE_PLACE}
SAFE_PLACES = frozenset({"Cheltenham", "Cotswold", "Cotswolds", "Forest of Dean", "Gloucester", "Stroud", "Tewkesbury"})
"""The places a board would declare (its panel meetings' localities)."""

FLOORS = {"name": 0.95, "dob": 1.0, "address": 1.0, "postcode": 1.0, "nino": 1.0, "email": 1.0, "phone": 1.0,
          "nhs": 1.0, "school": 1.0, "reference": 1.0, "age_place": 1.0}
"""The share of each kind's planted cases that must be caught. Measured when set: 59 of 60 names (the miss:
'amelia' in lower case, also an English word in the dictionary used) and every case of every other kind."""
MAX_FALSE_ALARMS_PER_100 = 0.0
"""False alarms per 100 negatives allowed (measured: none)."""


def caught(case: dict) -> bool:
    text, want = case["text"], str(case["find"])
    kind = KIND[case["kind"]]
    at = [i for i in range(len(text)) if text.startswith(want, i)]
    assert at, f"the case's 'find' text is not in its text: {case}"
    return any(f.kind == kind and f.start <= i and i + len(want) <= f.end
               for f in find_personal_data(text, safe_places=SAFE_PLACES) for i in at)


def measure() -> tuple[Counter, Counter, list[str], list[str]]:
    planted, found, missed = Counter(), Counter(), []
    for case in CASES["positives"]:
        planted[case["kind"]] += 1
        if caught(case):
            found[case["kind"]] += 1
        else:
            missed.append(f"{case['kind']}: {case['text']}")
    alarms = []
    for text in CASES["negatives"]:
        findings = find_personal_data(text, safe_places=SAFE_PLACES)
        if findings:
            alarms.append(f"{text!r} -> " + ", ".join(f'{f.kind} "{f.text}"' for f in findings))
    return planted, found, missed, alarms


def table(planted: Counter, found: Counter, alarms: list[str]) -> str:
    negatives = len(CASES["negatives"])
    lines = ["| kind | caught / planted |", "| --- | ---: |"]
    lines += [f"| {KIND[k]} | {found[k]} / {planted[k]} |" for k in KIND if planted[k]]
    lines.append(f"| all kinds | {sum(found.values())} / {sum(planted.values())} |")
    lines.append(f"false alarms: {len(alarms)} in {negatives} negatives = {100 * len(alarms) / negatives:.1f} per 100")
    return "\n".join(lines)


def test_planted_cases_are_caught_and_negatives_left_alone() -> None:
    assert len(CASES["positives"]) + len(CASES["negatives"]) >= 150
    planted, found, missed, alarms = measure()
    report = table(planted, found, alarms)
    print("\n" + report)
    assert set(planted) == set(KIND), "every kind has planted cases"
    details = report + "\nmissed:\n" + "\n".join(missed) + "\nfalse alarms:\n" + "\n".join(alarms)
    for kind, floor in FLOORS.items():
        assert found[kind] >= floor * planted[kind], details
    assert 100 * len(alarms) / len(CASES["negatives"]) <= MAX_FALSE_ALARMS_PER_100, details
