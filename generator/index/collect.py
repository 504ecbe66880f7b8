"""Find every tagged part of one record and describe it as a Finding (used by themeindex.build_index).

Each kind has a collector that knows its structure (a panel heading with its points, a key theme
with its sub-themes and tools); tagged paragraphs anywhere else are picked up as passages, so
nothing tagged is left off a theme page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import chain
from typing import Any

from pydantic import BaseModel

from generator.content.kinds import directory_path
from generator.index.anchors import Loc, anchor_for, tags_of
from generator.index.findings import Finding, Origin

Found = Iterator[tuple[list[str], Finding]]
FORUM_LISTS = {
    "keep_doing": "Keep doing",
    "stop_doing": "Stop doing",
    "start_doing": "Start doing",
    "good_practice": "Good practice",
    "key_messages": "Key messages",
}


def _finding(origin: Origin, record: Any, loc: Loc, group: str, role: str, text: str, **extra: Any) -> Finding:
    return Finding(group=group, role=role, text=text, origin=origin, path=origin.path,
                   anchor=anchor_for(record, loc), **extra)


def _union(*lists: list[str]) -> list[str]:
    out: list[str] = []
    for tags in lists:
        out += [t for t in tags if t not in out]
    return out


def _panel_meeting(record: Any, origin: Origin) -> Found:
    for i, heading in enumerate(record.themes_arising):
        loc = ("themes_arising", i)
        children = tuple(
            _finding(origin, record, loc + (field, j), "panel", role, item.text, context=heading.heading,
                     tags=tuple(_union(heading.themes, item.themes)), where=(heading.heading,))
            for field, role in (("points", "point"), ("top_tips", "top-tip"))
            for j, item in enumerate(getattr(heading, field))
        )
        tags = _union(heading.themes, *[tags_of(p) for p in heading.points + heading.top_tips])
        if heading.tips_first:
            children = tuple(sorted(children, key=lambda c: c.role != "top-tip"))
        yield tags, _finding(origin, record, loc, "panel", "theme-heading", heading.heading, children=children)
    for j, tip in enumerate(record.top_tips):
        yield tags_of(tip), _finding(origin, record, ("top_tips", j), "panel", "top-tip", tip.text, context="Top tips",
                                     where=("Top tips",))
    yield from _actions(record, origin, "Resulting actions", record.actions_unattributed)


def _actions(record: Any, origin: Origin, where: str, unattributed: bool = False) -> Found:
    """A record's actions (one model everywhere), each with its status and what was done or is planned."""
    for k, action in enumerate(record.actions):
        children = tuple(
            _finding(origin, record, ("actions", k, "points", j), "actions", "point", p.text)
            for j, p in enumerate(action.points)
        )
        tags = _union(action.themes, *[tags_of(p) for p in action.points])
        yield tags, _finding(origin, record, ("actions", k), "actions", "action", action.heading,
                             status=action.status, children=children, where=(where,),
                             unattributed=unattributed)


def _action_log(record: Any, origin: Origin) -> Found:
    """An action log's actions: on theme pages they link to their status on the tracker's front page (the
    page an action is in full on depends on the record that raised it, which is not this one)."""
    for tags, finding in _actions(record, origin, "Actions recorded later"):
        yield tags, replace(finding, path="actions.md", anchor=f"status-{(finding.status or 'not recorded').replace(' ', '-')}")


def _forum_report(record: Any, origin: Origin) -> Found:
    for name, label in FORUM_LISTS.items():
        for j, item in enumerate(getattr(record, name)):
            yield tags_of(item), _finding(origin, record, (name, j), "forum", "item", item.text, context=label,
                                          where=(label,))
    said = "What practitioners said they would change"
    for j, quote in enumerate(record.evaluation.quotes):
        yield tags_of(quote), _finding(origin, record, ("evaluation", "quotes", j), "forum", "quote", quote.text,
                                       context=said, where=(said,))
    for i, section in enumerate(record.appendix):
        for j, item in enumerate(section.points):
            yield tags_of(item), _finding(origin, record, ("appendix", i, "points", j), "forum", "item", item.text,
                                          context=section.heading, where=(section.heading,))
    yield from _actions(record, origin, "Actions")


def _sub_theme_findings(record: Any, origin: Origin, loc: Loc, subs: list[Any], wanted: str | None,
                        parents: tuple[str, ...] = (), key: str = "") -> list[Finding]:
    """Sub-themes that carry ``wanted`` (all when None; nested ones follow their parent, flattened).

    A nested sub-theme keeps every parent above it (``context`` 'Parent › Child's parent', ``where``
    the key theme and the parents), so it is never shown without what it belongs to.
    """
    out: list[Finding] = []
    for j, sub in enumerate(subs):
        here = loc + ("sub_themes", j)
        whole = wanted is None or wanted in sub.themes
        if whole:
            out.append(_finding(origin, record, here, "review", "sub-theme", sub.text,
                                context=" › ".join(parents) or None, where=(key, *parents)))
        out += _sub_theme_findings(record, origin, here, sub.sub_themes, None if whole else wanted,
                                   (*parents, sub.text), key)
    return out


def _all_tags(obj: Any) -> list[str]:
    from generator.content.validate import walk

    tags: list[str] = []
    for loc, value in walk(obj):
        if loc and loc[-1] == "themes" and isinstance(value, list):
            tags += [v for v in value if v not in tags]
    return tags


def _thematic_review(record: Any, origin: Origin) -> Found:
    for i, key in enumerate(record.key_themes):
        loc = ("key_themes", i)
        tools = [(g, t, tool) for g, group in enumerate(key.tool_groups) for t, tool in enumerate(group.tools)]
        sub_tags = _all_tags(key.sub_themes)
        for tag in _union(key.themes, sub_tags, *[tool.themes for _, _, tool in tools]):
            whole = tag in key.themes
            subs = _sub_theme_findings(record, origin, loc, key.sub_themes, None if whole else tag, (), key.title)
            tool_findings = [
                _finding(origin, record, loc + ("tool_groups", g, "tools", t), "review", "tool", tool.title,
                         tool=tool, context=key.tool_groups[g].heading, tags=tuple(tool.themes or key.themes),
                         where=(key.title, (key.tool_groups[g].heading or "Tools and learning opportunities").rstrip(":")))
                for g, t, tool in tools if whole or tag in tool.themes
            ]
            yield [tag], _finding(origin, record, loc, "review", "key-theme", key.title,
                                  context=origin.title, children=tuple(subs + tool_findings))
        yield from _passages(record, origin, key.analysis, loc + ("analysis",), "review", key.title)
    yield from _actions(record, origin, "Recommendations and actions")


def _questions(record: Any, origin: Origin, loc: Loc, questions: list[Any], context: str, inherited: list[str],
               bank: str | None = None) -> Found:
    for q, question in enumerate(questions):
        tags = _union(inherited, question.themes)
        yield tags, _finding(origin, record, loc + ("questions", q), "questions", "question", question.text,
                             context=context, label=f"{bank} {q + 1}" if bank else None, where=(context,))


def _reflective_model(record: Any, origin: Origin) -> Found:
    for i, stage in enumerate(record.stages):
        context = f"{stage.name}: {stage.heading}" if stage.heading else stage.name
        # a question keeps its bank and number ('Analysis 3') where the source numbers the bank
        yield from _questions(record, origin, ("stages", i), stage.questions, context, stage.themes,
                              stage.name if stage.numbered else None)
    yield from _passages(record, origin, record.purpose, ("purpose",), "passages", "Purpose")


def _learning_circle(record: Any, origin: Origin) -> Found:
    for i, section in enumerate(record.agenda):
        yield from _questions(record, origin, ("agenda", i), section.questions, section.heading, [])
    out = record.outcomes
    for name, label in (("issues_raised", "Issues raised"), ("themes_found", "Themes found")):
        for j, item in enumerate(getattr(out, name)):
            yield tags_of(item), _finding(origin, record, ("outcomes", name, j), "circle", "outcome", item.text,
                                          context=label, where=(label,))
    for name, label in (("who_is_affected", "Who is being affected"), ("next_steps", "What needs to happen next")):
        for g, group in enumerate(getattr(out, name)):
            loc = ("outcomes", name, g)
            for tag in _union(group.themes, *[tags_of(p) for p in group.points]):
                whole = tag in group.themes
                said = [b.paragraph or b.heading for b in group.text if whole and (b.paragraph or b.heading)]
                children = tuple(
                    [_finding(origin, record, loc, "circle", "passage", text) for text in said]
                    + [_finding(origin, record, loc + ("points", j), "circle", "point", p.text)
                       for j, p in enumerate(group.points) if whole or tag in p.themes]
                )
                yield [tag], _finding(origin, record, loc, "circle", "outcome", group.label, context=label,
                                      children=children, where=(label,))
    for name in ("summary", "themes_intro", "next_steps_intro"):
        yield from _passages(record, origin, getattr(out, name), ("outcomes", name), "circle", record.topic)
    yield from _actions(record, origin, "Actions agreed")


def _panel(record: Any, origin: Origin) -> Found:
    for j, step in enumerate(record.how_to_refer):
        yield tags_of(step), _finding(origin, record, ("how_to_refer", j), "passages", "passage", step.text,
                                      context="How to put a case forward", where=("How to put a case forward",),
                                      label=f"Step {j + 1}")


def _question_bank(record: Any, origin: Origin) -> Found:
    yield from _questions(record, origin, (), record.questions, record.title, record.themes)


def _tip(record: Any, origin: Origin) -> Found:
    for tag in record.themes:
        yield [tag], Finding(group="tips", role="tip", text=record.text, origin=origin, path=directory_path("tip", tag),
                             anchor=f"tip-{record.id}-{tag}", context=record.source)


def _tool(record: Any, origin: Origin) -> Found:
    for tag in record.themes:
        yield [tag], Finding(group="tools", role="tool", text=record.title, origin=origin,
                             path=directory_path("tool", tag), anchor=f"tool-{record.id}-{tag}", tool=record,
                             context="Tools and guidance")


def _passages(record: Any, origin: Origin, blocks: list[Any], loc: Loc, group: str, context: str) -> Found:
    """Tagged paragraphs, sub-headings and points of running text.

    A tagged paragraph or sub-heading keeps the list that follows it ('For example:' and its five
    examples; a lettered sub-heading and its points) as its children, so it never loses its content.
    """
    where = (context,)
    for b, block in enumerate(blocks):
        here = loc + (b,)
        text = block.paragraph or block.heading
        above = blocks[b - 1] if b else None
        taken = set(above.themes) if above is not None and (above.paragraph or above.heading) else set()
        if text and block.themes:
            after = blocks[b + 1] if b + 1 < len(blocks) else None
            children = tuple(
                _finding(origin, record, loc + (b + 1, "points", j), group, "point", point.text, where=where)
                for j, point in enumerate(after.points)
            ) if after is not None and after.points else ()
            yield block.themes, _finding(origin, record, here, group, "passage", text, context=context,
                                         children=children, where=where)
        for j, point in enumerate(block.points or []):
            tags = [t for t in _union(block.themes, point.themes) if t not in taken]
            if tags:
                yield tags, _finding(origin, record, here + ("points", j), group, "passage", point.text,
                                     context=context, where=where)


def _running_text(record: Any, origin: Origin) -> Found:
    """Tagged blocks in any top-level running-text field (introduction, conclusion, learning …)."""
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name not in ("purpose", "analysis") and isinstance(value, list) and value \
                and isinstance(value[0], BaseModel) and type(value[0]).__name__ == "Block":
            yield from _passages(record, origin, value, (name,), "passages", name.replace("_", " ").capitalize())


COLLECTORS: dict[str, Callable[[Any, Origin], Found]] = {
    "panel": _panel,
    "panel-meeting": _panel_meeting,
    "forum-report": _forum_report,
    "thematic-review": _thematic_review,
    "learning-circle": _learning_circle,
    "reflective-model": _reflective_model,
    "question-bank": _question_bank,
    "tip": _tip,
    "tool": _tool,
    "action-log": _action_log,
}


def collect(kind: str, record: Any, origin: Origin) -> Found:
    """Every (theme tags, finding) pair in one record."""
    found = COLLECTORS[kind](record, origin)
    if kind not in ("tip", "tool", "question-bank"):
        found = chain(found, _running_text(record, origin))
    for tags, finding in found:
        yield tags, finding if finding.tags else replace(finding, tags=tuple(tags))
