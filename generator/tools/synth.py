"""Synthetic corpora for the build benchmark: records shaped like the shipped ones, at any size.

``write_corpus(dest, records)`` writes a complete project (the shipped theme vocabulary and
settings, a ``site.yaml`` with a fixed build date, and ``records`` YAML files in content/). The
mix of kinds and the length of every field follow the transcribed records in content/: panel
meetings of about 4 KB, forum reports and learning circles of about 11 KB, thematic reviews of
about 30 KB. The same seed always gives the same files, byte for byte.

The text is plain English built from safeguarding phrases, never from the source documents, so
it names no one and carries no contact details (the personal-data check has nothing to find).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.kinds import KIND
from generator.core.inputs import INPUTS

BUILD_DATE = "2026-01-15"
"""The fixed build date written into every synthetic site.yaml (reproducible output)."""

MIX = (("panel-meeting", 40), ("forum-report", 20), ("thematic-review", 20), ("learning-circle", 20))
"""Share of each kind (percent). One panel record is added per 40 panel meetings."""

SHARED_PARTS = ("themes_data/themes", *(i.path for i in INPUTS if i.shared))
"""Copied from the real project: the theme vocabulary, the theme overrides and the engine settings. Not
the real records (the reflective model included) nor the privacy allow-list that names them."""

RESTRICTED_EVERY = 50
"""Every 50th record is marked restricted, as real collections hold a few."""

_SUBJECTS = [
    "Professionals", "Practitioners", "The core group", "Health visitors", "School staff", "Social workers",
    "Managers", "The lead professional", "Agencies", "Frontline staff", "Supervisors", "The panel",
    "Adult services", "Early help workers", "The conference chair", "Police colleagues",
]
_VERBS = [
    "need to consider", "should record", "must share", "were not always clear about", "found it hard to assess",
    "should revisit", "need to understand", "did not give enough weight to", "should challenge",
    "must keep in mind", "can strengthen", "were right to question", "should plan around",
    "need time to reflect on", "could have explored", "should seek advice about",
]
_OBJECTS = [
    "the child's lived experience", "the impact of domestic abuse on the children",
    "historic information held by other agencies", "the parents' capacity to sustain change",
    "what life is like for the child in this family", "the cumulative effect of neglect",
    "the role of fathers and new partners", "information from the school nurse",
    "the family's pattern of missed appointments", "risks that emerge when the family moves",
    "the views of the young person", "the chronology of significant events",
    "concerns raised by universal services", "the plan's outcomes and timescales",
    "the threshold for escalating concerns", "the emotional impact of the work on staff",
]
_CLAUSES = [
    "before the review conference", "when a new partner joins the household", "at every core group meeting",
    "whenever circumstances change", "so that drift is avoided", "even when parents appear to cooperate",
    "when the plan is for a second or subsequent time", "in supervision", "across local authority borders",
    "so the child's voice is heard", "where hostility makes visits difficult", "within agreed timescales",
    "rather than in isolation", "as part of a shared assessment", "with the whole core group",
    "when the child is not brought to appointments",
]
_ADVERBS = (
    "often rarely now still also routinely sometimes always increasingly quickly jointly carefully regularly "
    "clearly actively explicitly formally informally promptly openly confidently genuinely separately directly "
    "properly fully repeatedly usually occasionally reliably critically honestly systematically equally locally"
).split()
_OPENERS = [
    "In several of the cases discussed,", "Learning from the reviews shows that", "As a result,",
    "It was noted that", "In practice,", "Where this worked well,", "Participants agreed that",
    "The discussion highlighted that", "Over the period reviewed,", "In most cases,",
]
_LOCALITIES = [
    "Cheltenham", "Cotswold", "Forest of Dean", "Gloucester", "Stroud", "Tewkesbury", "Falkirk",
    "Basingstoke", "Winchester", "Eastleigh", "Havant", "Fareham", "Andover", "Romsey",
]
_BOARDS = [
    "Gloucestershire Safeguarding Children Board", "Falkirk Child Protection Committee",
    "Hampshire Safeguarding Children Board", "Northshire Safeguarding Children Partnership",
    "Southvale Child Protection Committee", "Westmoor Safeguarding Children Partnership",
]
_AGENCIES = ["Social Work", "Health", "Education", "Police", "Housing", "Voluntary sector", "Early years"]
_TOOL_TYPES = ["guidance", "learning-opportunity", "leaflet", "policy", "protocol", "template", "video", "service"]
_GROUPS = [("children", "Children"), ("mother", "Mother"), ("father", "Father"),
           ("extended-family", "Extended Family"), ("core-group", "Core Group")]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when present: 10× faster
    """Never writes anchors or aliases (the loader refuses them, as it should)."""

    def ignore_aliases(self, data):  # type: ignore[override]
        return True


@dataclass
class Corpus:
    """What write_corpus wrote."""

    root: Path
    """The project folder."""
    records: int
    """Record files written in content/."""
    by_kind: dict[str, int] = field(default_factory=dict)
    """Records written of each kind."""
    restricted: int = 0
    """Records marked restricted (withheld from the site)."""
    bytes: int = 0
    """Total size of the record files."""


class _Writer:
    """Draws text and theme tags from one seeded random generator."""

    def __init__(self, seed: int, themes: list[str]):
        self.rng = random.Random(seed)
        self.themes = themes
        self.code = ""
        """A word woven through every text of the record being written (set for restricted records)."""

    def sentence(self) -> str:
        r = self.rng
        # The adverb and the counts make long runs of words as rare as in real text: the check for
        # restricted text searches the site for phrases, and repeated phrases would flatter it.
        core = f"{r.choice(_SUBJECTS)} {r.choice(_ADVERBS)} {r.choice(_VERBS)} {r.choice(_OBJECTS)} {r.choice(_CLAUSES)}"
        roll = r.random()
        if roll < 0.15:
            core = f"{r.choice(_OPENERS)} {core[0].lower()}{core[1:]}"
        elif roll < 0.3:
            core = f"In {r.randint(2, 40)} of the {r.randint(41, 90)} cases, {core[0].lower()}{core[1:]}"
        if r.random() < 0.05:
            core += f", and {r.choice(_OBJECTS)} {r.choice(_CLAUSES)}"
        return core + "."

    def text(self, low: int, high: int) -> str:
        """Between ``low`` and ``high`` sentences (about 15 to 25 words each)."""
        return self._own(" ".join(self.sentence() for _ in range(self.rng.randint(low, high))))

    def short(self) -> str:
        words = f"{self.rng.choice(_VERBS)} {self.rng.choice(_OBJECTS)}"
        return self._own(words[0].upper() + words[1:])

    def _own(self, text: str) -> str:
        """With a code set, the code after every fourth word: every run of words is then the record's own.

        The final check looks for a withheld record's eight-word runs in the built site. Real text
        rarely shares such runs across records; text from this small grammar often does (at the
        joins between sentences), which the check would rightly report as a leak.
        """
        if not self.code:
            return text
        words = text.split(" ")
        return " ".join(w if i % 4 != 3 else f"{w} {self.code}" for i, w in enumerate(words))

    def tags(self, most: int = 2, chance: float = 0.6) -> list[str]:
        if self.rng.random() > chance:
            return []
        return sorted(self.rng.sample(self.themes, self.rng.randint(1, most)))

    def item(self, low: int = 1, high: int = 2) -> dict | str:
        tags = self.tags()
        text = self.text(low, high)
        return {"text": text, "themes": tags} if tags else text

    def items(self, low: int, high: int, sentences: tuple[int, int] = (1, 2)) -> list:
        return [self.item(*sentences) for _ in range(self.rng.randint(low, high))]

    def blocks(self, low: int, high: int) -> list:
        out: list = []
        for _ in range(self.rng.randint(low, high)):
            roll = self.rng.random()
            if roll < 0.15:
                out.append({"heading": self.short()})
            elif roll < 0.35:
                out.append({"points": self.items(2, 5, (1, 1))})
            else:
                tags = self.tags(chance=0.3)
                paragraph = self.text(3, 5)
                out.append({"paragraph": paragraph, "themes": tags} if tags else paragraph)
        return out


def _base(w: _Writer, kind: str, number: int, record_themes: list[str]) -> dict:
    r = w.rng
    year = r.randint(2010, 2025)
    return {
        "kind": kind,
        "id": f"synthetic-{kind}-{number:05d}",
        "title": f"{w.short()} ({kind.replace('-', ' ')} {number})",
        "publisher": r.choice(_BOARDS),
        "published": f"{year}-{r.randint(1, 12):02d}",
        "themes": record_themes,
        "summary": w.text(1, 2),
        "source": {"document": f"Synthetic {kind.replace('-', ' ')} {number}", "note": "Benchmark data, not a real record."},
    }


def _panel(w: _Writer, number: int, themes: list[str]) -> dict:
    rec = _base(w, "panel", number, themes)
    rec.update({
        "what_it_is": [w.text(3, 5), w.text(3, 5)],
        "formed": "2012-04", "meets": "once every eight weeks", "where": "each of the districts",
        "focus": [w.text(2, 3)], "who_can_refer": "Any member of a Child Protection Core Group.",
        "how_to_refer": w.items(3, 4, (2, 3)),
        "benefits": [{"lead": lead, "text": w.short().lower()} for lead in ("Meet", "Discuss", "Hear", "Inspire")],
        "reporting": w.text(2, 3),
    })
    return rec


def _panel_meeting(w: _Writer, number: int, themes: list[str], panel: str) -> dict:
    r = w.rng
    rec = _base(w, "panel-meeting", number, themes)
    rec.update({
        "panel": panel, "locality": r.choice(_LOCALITIES),
        "date": f"{r.randint(2010, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
        "themes_arising": [
            {"heading": w.short(), "themes": sorted(r.sample(w.themes, r.randint(1, 2))), "points": w.items(1, 2, (1, 3))}
            for _ in range(r.randint(4, 7))
        ],
        "top_tips": w.items(0, 2),
        "actions": [
            {"heading": w.short(), "status": "planned", "points": w.items(1, 2)}
            for _ in range(r.randint(0, 2))
        ],
    })
    return rec


def _forum_report(w: _Writer, number: int, themes: list[str]) -> dict:
    r = w.rng
    rec = _base(w, "forum-report", number, themes)
    agencies = r.sample(_AGENCIES, r.randint(4, 6))
    rec.update({
        "committee": r.choice(_BOARDS), "subject": w.short(), "report_date": f"{r.randint(2010, 2025)}-06-12",
        "item_for": "Discussion",
        "events": {"count": r.randint(2, 5), "when": f"{r.randint(2010, 2025)}-03", "focus": [w.text(3, 4)]},
        "introduction": w.blocks(1, 2),
        "attendance": {"total": r.randint(40, 160), "text": [w.text(1, 2)],
                       "by_agency": [{"agency": a, "count": r.randint(3, 30)} for a in agencies]},
        "learning": w.blocks(2, 3),
        "keep_doing": w.items(4, 7, (1, 1)), "stop_doing": w.items(4, 6, (1, 1)),
        "start_doing": w.items(4, 7, (1, 1)), "good_practice": w.items(3, 5, (1, 1)),
        "key_messages_question": w.text(1, 1), "key_messages": w.items(3, 5, (2, 3)),
        "evaluation": {"text": [w.text(2, 3), w.text(1, 2)], "changes_question": w.text(1, 1),
                       "quotes": w.items(3, 5, (1, 1))},
        "conclusion": w.blocks(2, 2), "appendix_title": "Appendix 1",
        "appendix": [{"heading": w.short(), "points": w.items(3, 5, (1, 2))} for _ in range(2)],
    })
    return rec


def _thematic_review(w: _Writer, number: int, themes: list[str]) -> dict:
    r = w.rng
    rec = _base(w, "thematic-review", number, themes)

    def sub_themes(depth: int) -> list:
        out = []
        for _ in range(r.randint(4, 8) if depth == 0 else r.randint(0, 2)):
            sub: dict = {"text": w.short(), "themes": w.tags(1, 0.5)}
            if depth == 0:
                sub["sub_themes"] = sub_themes(1)
            out.append(sub)
        return out

    key_themes = []
    for k, tag in enumerate(r.sample(w.themes, r.randint(4, 6))):
        key_themes.append({
            "id": f"{tag}-{k + 1}", "title": w.short(), "themes": [tag], "analysis": w.blocks(4, 6),
            "sub_themes": sub_themes(0),
            "tool_groups": [
                {"heading": heading, "tools": [
                    {"title": w.short(), "type": r.choice(_TOOL_TYPES),
                     "link": f"https://www.example.org.uk/tools/{number}-{k}-{g}-{t}", "themes": w.tags(2)}
                    for t in range(r.randint(2, 6))
                ]}
                for g, heading in enumerate(["Link to guidance:", "Learning opportunities:"])
            ],
        })
    rec.update({
        "scope": w.text(2, 3), "introduction": w.blocks(4, 6), "key_themes": key_themes,
        "conclusion": w.blocks(2, 2), "appendix_title": "Appendix A - Key themes identified",
        "links": [{"title": "The board's website", "url": "https://www.example.org.uk/"}],
        "closing_note": w.text(1, 1),
    })
    return rec


def _learning_circle(w: _Writer, number: int, themes: list[str]) -> dict:
    r = w.rng

    def groups(with_text: bool) -> list:
        out = []
        for slug, label in r.sample(_GROUPS, r.randint(3, 5)):
            group: dict = {"group": slug, "label": label, "themes": w.tags(2, 0.5)}
            if with_text:
                group["text"] = [w.text(1, 2), w.text(1, 2)]
            else:
                group["points"] = w.items(4, 8, (1, 1))
            out.append(group)
        return out

    rec = _base(w, "learning-circle", number, themes)
    rec.update({
        "topic": w.text(1, 1),
        "agenda": [{"heading": w.short() + "?", "questions": w.items(0, 3, (1, 1))} for _ in range(r.randint(4, 6))],
        "outcomes": {
            "sessions": r.randint(1, 4), "cases": r.randint(1, 5), "children": r.randint(1, 9),
            "summary": w.blocks(1, 1), "issues_raised": w.items(6, 9, (1, 1)), "themes_intro": w.blocks(1, 1),
            "themes_found": w.items(5, 8, (1, 2)), "who_is_affected": groups(True),
            "next_steps_intro": w.blocks(1, 1), "next_steps": groups(False),
        },
    })
    return rec


def plan(records: int) -> list[str]:
    """The kind of each record, in order: the mix in MIX, plus one panel per 40 meetings."""
    meetings = round(records * MIX[0][1] / 100)
    panels = max(1, -(-meetings // 40)) if meetings else 0
    rest = records - panels
    kinds = [kind for kind, share in MIX for _ in range(share)]
    return ["panel"] * panels + [kinds[(i * 37) % 100] for i in range(rest)]


def write_corpus(dest: Path, records: int, seed: int = 2026, source: Path | None = None) -> Corpus:
    """Write a whole synthetic project of ``records`` records into ``dest`` (which must not exist)."""
    source = source or Path(__file__).resolve().parents[2]
    dest.mkdir(parents=True)
    for part in SHARED_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part)  # creates the parents too
        elif src.exists():
            shutil.copy2(src, dest / part)
    (dest / "site.yaml").write_text(
        f"site_name: Benchmark learning library\npartnership: Benchmark Safeguarding Partnership\n"
        f"site_url: https://bench.example.org.uk/\nbuild_date: '{BUILD_DATE}'\n",
        encoding="utf-8",
    )
    themes = sorted(p.stem for p in (dest / "themes_data" / "themes").glob("*.yaml"))
    w = _Writer(seed, themes)
    corpus = Corpus(root=dest, records=records)
    panels: list[str] = []
    for number, kind in enumerate(plan(records)):
        # Record-level tags walk the vocabulary so every theme is used even in a small corpus.
        tags = sorted({themes[(number * 3 + j) % len(themes)] for j in range(3)} | set(w.tags(2, 0.5)))
        restricted = kind != "panel" and number % RESTRICTED_EVERY == RESTRICTED_EVERY - 1
        w.code = f"R{number}" if restricted else ""
        if kind == "panel":
            rec = _panel(w, number, tags)
            panels.append(rec["id"])
        elif kind == "panel-meeting":
            rec = _panel_meeting(w, number, tags, panels[number % len(panels)])
        else:
            rec = {"forum-report": _forum_report, "thematic-review": _thematic_review,
                   "learning-circle": _learning_circle}[kind](w, number, tags)
        if restricted:
            rec["restricted"] = True
            corpus.restricted += 1
        path = dest / KIND[kind].folder / f"{rec['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.dump(rec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"# Synthetic benchmark record (generator/synth.py, seed {seed}).\n{body}", encoding="utf-8")
        corpus.by_kind[kind] = corpus.by_kind.get(kind, 0) + 1
        corpus.bytes += path.stat().st_size
    return corpus
