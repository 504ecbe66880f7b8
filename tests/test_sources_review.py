"""The Hampshire thematic review record is a complete, faithful transcription of its source.

The source (tests/sources/004_05a69e2d79cf0c4f.txt) is parsed here independently of the record:
the prose part (introduction, analysis, conclusion) line by line, and Appendix A's table cells
(HTML fragments) with the standard library's HTML parser. Every paragraph, sub-heading, bullet,
sub-theme (<li>) and tool (<a> or plain <p>) must then be found in the matching part of the record,
in order, so dropping, moving or rewording any item makes a test fail.
"""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.load import load_file
from generator.content.models import ThematicReview
from generator.core.problems import Problems

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "sources" / "004_05a69e2d79cf0c4f.txt"
RECORD = ROOT / "content" / "thematic-reviews" / "hampshire-scr-mar-thematic-review-2015.yaml"

KEY_THEME_IDS = ["voice-of-the-child", "communication", "engagement", "family-circumstances", "supervision"]

# Obvious typos corrected on transcription: (as in the source, as in the record).
CORRECTIONS = [
    ("who work with children everyday may", "who work with children every day may"),
    ("providing reports Multi-Agency Risk", "providing reports to Multi-Agency Risk"),
    ("This can be in a variety of setting,", "This can be in a variety of settings,"),
    ("complex and challenging family's needs time", "complex and challenging families needs time"),
    ("4 LSCB Policy Adults who Disclose", "4LSCB Policy Adults who Disclose"),
]

# Counts read off the source by hand, to guard the parsing below as well as the record.
EXPECTED_SUB_THEMES = {  # every <li>, nested ones included
    "voice-of-the-child": 9,
    "communication": 15,
    "engagement": 12,
    "family-circumstances": 21,
    "supervision": 10,
}
EXPECTED_TOOLS = {  # every <a> and plain <p> entry in the right-hand column
    "voice-of-the-child": 6,
    "communication": 11,
    "engagement": 6,
    "family-circumstances": 15,
    "supervision": 3,
}

_QUOTES = "'\"‘’“”`´"
_GLYPHS = "•○◦▪·"


def norm(text: str) -> str:
    """Lower-case, unescape entities, drop bullet glyphs and quote marks, collapse whitespace; a link
    the YAML adds to a phrase of the source ('[Appendix A](…#appendix-a)') counts as its words."""
    text = re.sub(r"\[([^\[\]]+)\]\([^()\s]+\)", r"\1", html.unescape(text))
    text = text.translate({ord(c): None for c in _QUOTES + _GLYPHS})
    return re.sub(r"\s+", " ", text).strip().lower()


# ---------------------------------------------------------------------------------- the source


def _corrected_source() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS:
        text = text.replace(wrong, right)
    return text


def _split_source() -> tuple[list[str], list[str]]:
    """The prose lines (up to the appendix) and the appendix lines."""
    lines = _corrected_source().splitlines()
    start = next(i for i, ln in enumerate(lines) if "Appendix A - Key themes" in ln)
    return lines[:start], lines[start + 1 :]


_HEADING_LINE = re.compile(r"^(?:#+\s*)?\*\*(.+?)\*\*\s*$")
_THEME_HEADING = re.compile(r"^(\d)\.\s+(.+)$")


def _prose_sections() -> dict[str, list[tuple[str, str]]]:
    """Section name -> its items in order: ('paragraph'|'heading'|'bullet'|'gap', text).

    Sections: 'introduction', '1'..'5' (the analysis of each key theme), 'conclusion'.
    A line that ends without punctuation and is followed (across a page break) by one that starts
    in lower case is the same paragraph, so the two are joined.
    """
    prose, _ = _split_source()
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for line in prose:
        stripped = line.strip()
        heading = _HEADING_LINE.match(stripped)
        if heading:
            name = heading.group(1).strip()
            theme = _THEME_HEADING.match(name)
            if name in ("Introduction", "Conclusion"):
                current = sections.setdefault(name.lower(), [])
                continue
            if name == "Analysis":
                current = None
                continue
            if theme:
                current = sections.setdefault(theme.group(1), [])
                current.append(("title", theme.group(2)))
                continue
            if current is not None:
                current.append(("heading", name))
            continue
        if current is None:
            continue
        if not stripped:
            current.append(("gap", ""))
        elif stripped.startswith("- "):
            current.append(("bullet", stripped[2:]))
        else:
            previous = next((item for item in reversed(current) if item[0] != "gap"), None)
            if (
                previous
                and previous[0] == "paragraph"
                and not re.search(r"[.:;?!]$", previous[1])
                and stripped[0].islower()
            ):
                index = len(current) - 1 - current[::-1].index(previous)
                current[index] = ("paragraph", previous[1] + " " + stripped)
            else:
                current.append(("paragraph", stripped))
    return {name: [item for item in items if item[0] != "gap"] for name, items in sections.items()}


def _shape(items: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """The block structure of a section: runs of bullets become one ('points', n)."""
    shape: list[tuple[str, int]] = []
    for kind, _ in items:
        if kind == "title":
            continue
        if kind == "bullet":
            if shape and shape[-1][0] == "points":
                shape[-1] = ("points", shape[-1][1] + 1)
            else:
                shape.append(("points", 1))
        else:
            shape.append((kind, 1))
    return shape


class _ListParser(HTMLParser):
    """The left-hand cell: the theme name (<p>) and its <li> items as a tree."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""
        self.tree: list[dict] = []
        self._stack: list[dict] = []  # open <li> nodes
        self._in_p = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._in_p = True
        elif tag == "li":
            node = {"text": "", "children": []}
            (self._stack[-1]["children"] if self._stack else self.tree).append(node)
            self._stack.append(node)

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_p = False
        elif tag == "li":
            self._stack.pop()

    def handle_data(self, data):
        if self._in_p and not self._stack:
            self.name += data
        elif self._stack:
            self._stack[-1]["text"] += data


class _ToolParser(HTMLParser):
    """The right-hand cell: (group heading, tool text, is-a-link) in order."""

    def __init__(self, heading: str | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.tools: list[tuple[str | None, str, bool]] = []
        self._tag: str | None = None
        self._buffer = ""
        self._p_plain = ""
        self._p_has_markup = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._p_plain, self._p_has_markup = "", False
        elif tag in ("a", "b"):
            self._tag, self._buffer, self._p_has_markup = tag, "", True

    def handle_endtag(self, tag):
        if tag == "b" and self._tag == "b":
            self.heading = self._buffer.strip()
            self._tag = None
        elif tag == "a" and self._tag == "a":
            self.tools.append((self.heading, self._buffer.strip(), True))
            self._tag = None
        elif tag == "p" and not self._p_has_markup and self._p_plain.strip():
            self.tools.append((self.heading, self._p_plain.strip(), False))

    def handle_data(self, data):
        if self._tag:
            self._buffer += data
        else:
            self._p_plain += data


def _appendix() -> list[dict]:
    """One entry per key theme: name, sub-theme tree, tools; continuation rows are merged."""
    _, lines = _split_source()
    rows: list[dict] = []
    for line in lines:
        if "<" not in line:
            continue
        left, _, right = line.partition("\t")
        if left.strip():
            lp = _ListParser()
            lp.feed(left)
            tp = _ToolParser()
            tp.feed(right)
            rows.append({"name": lp.name.strip().rstrip(":"), "tree": lp.tree, "tools": tp.tools, "parser": tp})
        else:  # a second table row for the same theme
            tp = _ToolParser(heading=rows[-1]["parser"].heading)
            tp.feed(right)
            rows[-1]["tools"].extend(tp.tools)
    return rows


def _count(tree: list[dict]) -> int:
    return sum(1 + _count(node["children"]) for node in tree)


def _expected_tool(heading: str | None, text: str, is_link: bool) -> tuple[str | None, str, str | None]:
    """(heading, title, note) a source entry should become. A plain 'A X is currently being
    produced.' line becomes a tool titled X with the note 'Currently being produced.'."""
    match = re.fullmatch(r"A (.+?) is (currently being produced)\.", text)
    if not is_link and match:
        return heading, match.group(1), match.group(2).capitalize() + "."
    return heading, text, None


# ---------------------------------------------------------------------------------- the record


def load_record() -> dict:
    problems = Problems()
    source = load_file(RECORD, str(RECORD), problems)
    assert source.data is not None, problems.items
    return source.data


@pytest.fixture(scope="module")
def review() -> ThematicReview:
    return ThematicReview.model_validate(load_record())


def _block_texts(blocks) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        if block.paragraph is not None:
            texts.append(block.paragraph)
        elif block.heading is not None:
            texts.append(block.heading)
        else:
            texts.extend(item.text for item in block.points)
    return texts


def _block_shape(blocks) -> list[tuple[str, int]]:
    shape = []
    for block in blocks:
        if block.paragraph is not None:
            shape.append(("paragraph", 1))
        elif block.heading is not None:
            shape.append(("heading", 1))
        else:
            shape.append(("points", len(block.points)))
    return shape


def _sub_tree(sub_themes) -> list[tuple[str, list]]:
    return [(norm(s.text), _sub_tree(s.sub_themes)) for s in sub_themes]


def _source_tree(tree: list[dict]) -> list[tuple[str, list]]:
    return [(norm(node["text"]), _source_tree(node["children"])) for node in tree]


def _record_tools(key_theme) -> list[tuple[str | None, str, str | None]]:
    return [
        (norm(g.heading) if g.heading else None, norm(t.title), norm(t.note) if t.note else None)
        for g in key_theme.tool_groups
        for t in g.tools
    ]


def _missing_in_order(wanted: list[str], texts: list[str], min_length: int = 0) -> list[str]:
    """The wanted texts (normalised) not found, in order, in the joined normalised texts."""
    haystack = "\n".join(norm(t) for t in texts)
    missing, position = [], 0
    for text in wanted:
        needle = norm(text)
        if len(needle) <= min_length:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(needle)
    return missing


# ---------------------------------------------------------------------------------- checks


def analysis_problems(data: dict) -> list[str]:
    """Everything in the source's Analysis not faithfully in the record's analysis blocks."""
    review = ThematicReview.model_validate(data)
    sections = _prose_sections()
    problems = []
    for number, key_theme in enumerate(review.key_themes, start=1):
        items = sections[str(number)]
        title = next(text for kind, text in items if kind == "title")
        if norm(title) != norm(key_theme.title):
            problems.append(f"{key_theme.id}: title {key_theme.title!r} is not {title!r}")
        wanted = [text for kind, text in items if kind != "title"]
        texts = _block_texts(key_theme.analysis)
        problems += [f"{key_theme.id}: missing or out of order: {t!r}" for t in _missing_in_order(wanted, texts, 0)]
        if _block_shape(key_theme.analysis) != _shape(items):
            problems.append(f"{key_theme.id}: blocks {_block_shape(key_theme.analysis)} != source {_shape(items)}")
    return problems


def appendix_problems(data: dict) -> list[str]:
    """Every sub-theme (with its nesting) and every tool (with its group) of Appendix A."""
    review = ThematicReview.model_validate(data)
    rows = _appendix()
    problems = []
    if len(rows) != len(review.key_themes):
        problems.append(f"{len(review.key_themes)} key themes, the appendix has {len(rows)}")
    for row, key_theme in zip(rows, review.key_themes, strict=False):
        if norm(row["name"]) != norm(key_theme.title):
            problems.append(f"{key_theme.id}: title {key_theme.title!r} is not {row['name']!r}")
        if _sub_tree(key_theme.sub_themes) != _source_tree(row["tree"]):
            problems.append(f"{key_theme.id}: sub-themes differ from the source")
        wanted = [
            (norm(h) if h else None, norm(title), norm(note) if note else None)
            for h, title, note in (_expected_tool(*tool) for tool in row["tools"])
        ]
        if _record_tools(key_theme) != wanted:
            problems.append(f"{key_theme.id}: tools {_record_tools(key_theme)} != source {wanted}")
    return problems


# ---------------------------------------------------------------------------------- tests


def test_record_is_valid_and_complete_at_top_level(review):
    assert review.id == "hampshire-thematic-review"
    assert review.publisher == "Hampshire Safeguarding Children Board"
    assert review.published is None  # the source states no date
    assert [k.id for k in review.key_themes] == KEY_THEME_IDS
    assert review.appendix_title == "Appendix A - Key themes identified from SCR's and MAR's"
    assert [link.url for link in review.links] == ["http://www.hampshiresafeguardingchildrenboard.org.uk"]
    assert review.closing_note == "All published SCRs and MARs are accessible via the HSCB website."
    assert review.source.file == SOURCE.name


def test_file_starts_with_schema_comment_and_kind():
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../generator/schemas/thematic-review.schema.json"
    assert SOURCE.name in lines[1]
    first_field = next(ln for ln in lines if ln.strip() and not ln.startswith("#"))
    assert first_field.startswith("kind:")


def test_every_theme_id_is_in_the_vocabulary(review):
    vocabulary = {p.stem for p in (ROOT / "themes_data" / "themes").glob("*.yaml")}
    used: set[str] = set(review.themes)

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "themes":
                    used.update(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(review.model_dump())
    assert used - vocabulary == set()
    assert all(k.themes for k in review.key_themes)


def test_source_parsing_matches_the_hand_counts():
    rows = _appendix()
    assert [r["name"] for r in rows] == [
        "Voice of the Child",
        "Communication",
        "Engagement",
        "Family Circumstances",
        "Supervision",
    ]
    assert {k: _count(r["tree"]) for k, r in zip(KEY_THEME_IDS, rows, strict=True)} == EXPECTED_SUB_THEMES
    assert {k: len(r["tools"]) for k, r in zip(KEY_THEME_IDS, rows, strict=True)} == EXPECTED_TOOLS
    assert len(_prose_sections()) == 7  # introduction, five themes, conclusion


def test_counts(review):
    assert len(review.key_themes) == 5

    def count(subs):
        return sum(1 + count(s.sub_themes) for s in subs)

    assert {k.id: count(k.sub_themes) for k in review.key_themes} == EXPECTED_SUB_THEMES
    assert {k.id: sum(len(g.tools) for g in k.tool_groups) for k in review.key_themes} == EXPECTED_TOOLS
    voice = review.key_themes[0]
    assert [b.heading[:2] for b in voice.analysis if b.heading] == ["A.", "B.", "C."]


def test_corrections_are_real_and_applied(review):
    source = SOURCE.read_text(encoding="utf-8")
    record = RECORD.read_text(encoding="utf-8")
    record_text = norm(" ".join(_all_text(review)))
    for wrong, right in CORRECTIONS:
        assert source.count(wrong) == 1, wrong
        assert norm(right) in record_text, right
        assert wrong not in record, wrong


def _all_text(review: ThematicReview) -> list[str]:
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("themes", "type", "id", "kind"):
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(review.model_dump())
    return out


def test_every_bullet_li_and_link_text_occurs(review):
    """The brief's text-level check, over the whole record: nothing in the source is lost."""
    text = _corrected_source()
    record_text = "\n".join(norm(t) for t in _all_text(review))
    wanted = [ln.strip()[2:] for ln in text.splitlines() if ln.strip().startswith("- ")]
    wanted += re.findall(r"<li>(.*?)(?=<li>|<ul|</li>|</ul>)", text)
    wanted += re.findall(r"<a [^>]*>(.*?)</a>", text)
    wanted = [w for w in wanted if norm(w)]
    assert len(wanted) > 100
    missing = [w for w in wanted if norm(w) not in record_text]
    assert missing == []


def test_introduction(review):
    items = _prose_sections()["introduction"]
    texts = _block_texts(review.introduction)
    assert _missing_in_order([t for _, t in items], texts) == []
    assert (
        _block_shape(review.introduction)
        == _shape(items)
        == [("paragraph", 1)] * 3 + [("points", 5)] + [("paragraph", 1)] * 2
    )


def test_scope_uses_the_introductions_words(review):
    scope = norm(review.scope)
    for phrase in ("task and finish group", "learning and inquiry group", "learning summaries", "beginning of 2015"):
        assert phrase in scope


def test_analysis_is_complete_and_in_order():
    assert analysis_problems(load_record()) == []


def test_analysis_paragraphs_over_40_characters_occur(review):
    sections = _prose_sections()
    for number, key_theme in enumerate(review.key_themes, start=1):
        paragraphs = [t for kind, t in sections[str(number)] if kind == "paragraph"]
        assert paragraphs
        assert _missing_in_order(paragraphs, _block_texts(key_theme.analysis), min_length=40) == []


def test_appendix_is_complete_with_nesting_and_groups():
    assert appendix_problems(load_record()) == []


def test_conclusion(review):
    items = _prose_sections()["conclusion"]
    assert len(items) == 2
    assert _missing_in_order([t for _, t in items], _block_texts(review.conclusion)) == []
    assert _block_shape(review.conclusion) == [("paragraph", 1)] * 2


def test_no_tool_has_a_link(review):
    """Every href in the source is '#': no address may be invented."""
    assert all(t.link is None for k in review.key_themes for g in k.tool_groups for t in g.tools)


# The checks themselves must catch a dropped or moved item.


def _drop(data: dict, *path) -> dict:
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return data


@pytest.mark.parametrize(
    "path",
    [
        ("key_themes", 1, "sub_themes", 2, "sub_themes", 1),  # a nested sub-theme
        ("key_themes", 3, "sub_themes", 5),  # a sub-theme with children
        ("key_themes", 3, "tool_groups", 1, "tools", 2),  # a continuation-row tool
        ("key_themes", 4, "tool_groups", 0, "tools", 0),  # the plain-text policy entry
    ],
)
def test_appendix_check_catches_a_dropped_item(path):
    assert appendix_problems(_drop(load_record(), *path))


@pytest.mark.parametrize(
    "path",
    [
        ("key_themes", 0, "analysis", 5),  # sub-heading A
        ("key_themes", 1, "analysis", 1, "points", 2),  # a bullet after the page break
        ("key_themes", 2, "analysis", 0),  # the paragraph split by a page break
        ("key_themes", 4, "analysis", 4),  # the last paragraph
    ],
)
def test_analysis_check_catches_a_dropped_item(path):
    assert analysis_problems(_drop(load_record(), *path))


def test_checks_catch_a_tool_moved_to_another_group():
    data = copy.deepcopy(load_record())
    groups = data["key_themes"][0]["tool_groups"]
    groups[1]["tools"].insert(0, groups[0]["tools"].pop())
    assert appendix_problems(data)
