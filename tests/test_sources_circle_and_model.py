"""The learning circle and the reflective model records carry everything their source documents state.

Counts are checked against the transcription brief, and every question, bullet and paragraph of the
two source texts (tests/sources/000_*.txt and 001_*.txt) is looked for in the YAML record, after
normalising case, whitespace, numbering and punctuation. Dropping or merging an item fails a test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from generator.content.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests" / "sources"
CIRCLE_SOURCE = (SOURCES / "000_941e8d6d6ea091fb.txt").read_text(encoding="utf-8")
MODEL_SOURCE = (SOURCES / "001_7a8cdba9c18f50cc.txt").read_text(encoding="utf-8")

# The only wording corrected on transcription (source spelling -> record spelling).
CORRECTIONS = {"cpplan": "cp plan"}
# Source lines held by a field's meaning rather than as text (facilitator_summary, provenance.finalised).
NOT_TEXT = {"facilitator summarises key points", "finalised version april 2013"}


def load(relative: str):
    data = yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))
    return KINDS[data["kind"]].model_validate(data)


CIRCLE = load("content/learning-circles/second-subsequent-cp-plans.yaml")
MODEL = load("themes_data/reflective-model.yaml")


def norm(text: str) -> str:
    """Lower-case, drop markup, leading numbering and punctuation; collapse whitespace."""
    text = re.sub(r"<[^>]+>", " ", text).lower()
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    text = re.sub(r"^\s*\d+\.\s*", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def all_text(record) -> str:
    """Every string in the record, normalised, in field order and joined by spaces (a paragraph may span fields)."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(norm(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("themes", "id", "group", "kind"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record.model_dump(exclude_none=True))
    return " " + " ".join(out) + " "


def found(block: str, haystack: str) -> bool:
    """True when the block, or the block without a leading 'Label:', occurs in the record's text."""
    if norm(block) in NOT_TEXT:
        return True
    without_label = re.sub(r"^[\w ]{1,40}:\s*", "", re.sub(r"<[^>]+>|[*#]", "", block).strip())
    return any(f" {norm(b)} " in haystack for b in (block, without_label))


# ------------------------------------------------------------------ learning circle (000)


def test_circle_counts():
    agenda = CIRCLE.agenda
    assert [s.heading for s in agenda] == [
        "What has happened?",
        "Clarification Questions",
        "Learning from the Core Group",
        "Who is being affected?",
        "What needs to happen next?",
        "Problem Solving with the Core Group",
    ]
    assert [len(s.questions) for s in agenda] == [3, 0, 0, 3, 3, 0]
    out = CIRCLE.outcomes
    assert (out.sessions, out.cases, out.children) == (3, 3, 8)
    assert (len(out.issues_raised), len(out.themes_found)) == (11, 8)
    assert [g.group for g in out.who_is_affected] == ["children", "mother", "father", "extended-family", "core-group"]
    assert [(g.group, len(g.points)) for g in out.next_steps] == [("children", 8), ("family", 8), ("core-group", 8)]


def test_circle_agenda_matches_source_in_order():
    agenda_text, _ = CIRCLE_SOURCE.split("\nWhat has happened?\n\n3 cases", 1)
    blocks = [b for b in re.split(r"\n\s*\n", agenda_text) if b.strip()][1:]  # drop the document title
    blocks.append(CIRCLE_SOURCE.strip().splitlines()[-1])  # 'Problem Solving with the Core Group', printed last
    record = [norm(x) for s in CIRCLE.agenda for x in [s.heading, *(q.text for q in s.questions)]]
    assert [norm(b) for b in blocks] == record


def test_circle_every_bullet_is_an_item():
    bullets = re.findall(r"^- (.+)$", CIRCLE_SOURCE, flags=re.M)
    assert len(bullets) == 11 + 8 + 8 + 8 + 8
    out = CIRCLE.outcomes
    items = [*out.issues_raised, *out.themes_found, *(p for g in out.next_steps for p in g.points)]
    assert Counter(norm(b) for b in bullets) == Counter(norm(i.text) for i in items)


def test_circle_every_paragraph_is_in_the_record():
    text = all_text(CIRCLE)
    outcomes = CIRCLE_SOURCE.split("\nWhat has happened?\n\n3 cases", 1)[1]
    blocks = [b for b in re.split(r"\n\s*\n", "3 cases" + outcomes) if b.strip() and not b.startswith("- ")]
    missing = [b for b in blocks if not found(b, text)]
    assert not missing


# ------------------------------------------------------------------ reflective model (001)


def source_stage_questions() -> dict[str, list[str]]:
    """The question bank of each table cell, keyed by the stage name in its bold header."""
    banks = {}
    for cell in (c for c in MODEL_SOURCE.split("|") if "<b>" in c):
        name = norm(re.search(r"<b>(.*?) –", cell).group(1))
        items = re.findall(r"<li>(.*?)</li>", cell)
        if not items:  # ACTION PLANS: unnumbered questions separated by <br/> in its second paragraph
            items = re.findall(r"<p>(.*?)</p>", cell)[1].split("<br/>")
        banks[name] = [norm(i) for i in items]
    return banks


def test_model_counts():
    assert [s.id for s in MODEL.stages] == ["experience", "reflection", "analysis", "action-plans"]
    assert [len(s.questions) for s in MODEL.stages] == [8, 8, 13, 14]
    assert [s.numbered for s in MODEL.stages] == [True, True, True, False]
    analysis = MODEL.stages[2].questions
    assert analysis[9].text == analysis[10].text  # the source repeats this question: both are kept
    assert MODEL.cycle.steps == ["Experience", "Reflection", "Analysis", "Action plans"]
    assert MODEL.red_cycle is not None and MODEL.red_cycle.steps == [] and MODEL.red_cycle.missing
    assert MODEL.provenance.finalised == "2013-04" and MODEL.provenance.author_name == "GMDuirs"


def test_model_question_banks_match_source_in_order():
    banks = source_stage_questions()
    assert sorted(banks) == ["action plans", "analysis", "experience", "reflection"]
    for stage in MODEL.stages:
        assert [norm(q.text) for q in stage.questions] == banks[norm(stage.name)], stage.name


def test_model_every_paragraph_is_in_the_record():
    text = all_text(MODEL)
    prose, table = MODEL_SOURCE.split("|   |  |", 1)
    blocks = [b for b in re.split(r"\n\s*\n", prose) if b.strip()]
    for paragraph in re.findall(r"<p[^>]*>(.*?)</p>", table):
        blocks += paragraph.split("<br/>")
    missing = [b for b in blocks if not found(b, text)]
    assert not missing
