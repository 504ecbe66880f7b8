"""``python -m generator migrate``: rewrite records into the one canonical shape the web form writes.

A point, question or paragraph written as plain text (``- Some point``) becomes its fields
(``- text: Some point``; a paragraph ``- paragraph: …``). The rewrite is made on the text, guided by
the positions PyYAML's nodes keep, so comments, blank lines, folded text, the order of fields and
the ``# yaml-language-server`` first line stay exactly as they were; only the values written as
plain text change. It is safe to run again: a file already in the canonical shape is left alone
(and a file that does not parse, or whose kind is unknown, is skipped and reported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.content.kinds import KINDS
from generator.content.load import Loc
from generator.content.project import RECORD_FOLDERS, YAML_SUFFIXES
from generator.content.shorthand import shorthand


@dataclass
class Migration:
    """What ``migrate`` did."""

    changed: dict[str, int] = field(default_factory=dict)
    """Each file rewritten (relative path) and how many values in it."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Each file left alone and why."""
    files: int = 0
    """Files looked at."""


def _nodes(node: Node, loc: Loc, out: dict[Loc, Node]) -> Any:
    """Plain data from a node tree, noting each node by its place."""
    out[loc] = node
    if isinstance(node, MappingNode):
        return {k.value: _nodes(v, loc + (k.value,), out) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [_nodes(item, loc + (i,), out) for i, item in enumerate(node.value)]
    return node.value


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) for text in lines[:line]) + column


def rewrite(text: str) -> tuple[str, int]:
    """The text with every plain-text shorthand written out as its field; and how many were."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, MappingNode):
        return text, 0
    nodes: dict[Loc, Node] = {}
    data = _nodes(node, (), nodes)
    model = KINDS.get(data.get("kind")) if isinstance(data, dict) else None
    if model is None:
        return text, 0
    found = [(nodes[loc], name) for loc, name in shorthand(data, model)]
    if not found:
        return text, 0
    lines = text.splitlines(keepends=True)
    # latest first, so earlier positions stay right while the text changes
    for scalar, name in sorted(found, key=lambda f: (f[0].start_mark.line, f[0].start_mark.column), reverse=True):
        assert isinstance(scalar, ScalarNode)
        start, end = scalar.start_mark, scalar.end_mark
        if scalar.style in ("|", ">") and any(ch.isdigit() for ch in lines[start.line][start.column:start.column + 4]):
            raise ValueError(f"line {start.line + 1}: a block of text with an explicit indentation number")
        if _in_flow(lines, start.line, start.column):
            end_at = _offset(lines, end.line, end.column)
            start_at = _offset(lines, start.line, start.column)
            joined = "".join(lines)
            joined = joined[:start_at] + "{" + name + ": " + joined[start_at:end_at] + "}" + joined[end_at:]
            lines = joined.splitlines(keepends=True)
            continue
        last = end.line if end.column > 0 else end.line - 1
        for number in range(start.line + 1, last + 1):
            body = lines[number]
            indent = len(body) - len(body.lstrip(" "))
            if body.strip() and indent >= start.column:
                lines[number] = "  " + body
        first = lines[start.line]
        lines[start.line] = first[:start.column] + name + ": " + first[start.column:]
    return "".join(lines), len(found)


def _in_flow(lines: list[str], line: int, column: int) -> bool:
    """Whether the value at (line, column) sits inside [ … ] (a list written on one line)."""
    before = lines[line][:column].rstrip()
    return before.endswith(("[", ","))


def migrate(root: Path, paths: list[Path] | None = None, check_only: bool = False) -> Migration:
    """Rewrite every record (or those named) into the canonical shape; with ``check_only``, write nothing."""
    root = root.resolve()
    result = Migration()
    targets: list[Path] = []
    for item in paths or [root / folder for folder in RECORD_FOLDERS]:
        item = Path(item).resolve()
        if item.is_dir():
            targets += sorted(p for p in item.rglob("*") if p.suffix.lower() in YAML_SUFFIXES)
        elif item.is_file():
            targets.append(item)
    for path in targets:
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        result.files += 1
        try:
            text = path.read_text(encoding="utf-8")
            new, count = rewrite(text)
        except (UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
            result.skipped[shown] = f"left alone: {str(exc).splitlines()[0]} (run 'check' on it)"
            continue
        if count:
            check, again = rewrite(new)
            if again or yaml.safe_load(new) != _expanded(text):
                result.skipped[shown] = "left alone: the rewrite would change its meaning (please report this)"
                continue
            result.changed[shown] = count
            if not check_only:
                path.write_text(new, encoding="utf-8")
    return result


def _expanded(text: str) -> Any:
    """What the file means with the shorthand written out (to check the rewrite against)."""
    data = yaml.safe_load(text)
    model = KINDS.get(data.get("kind")) if isinstance(data, dict) else None
    if model is None:
        return data
    for loc, name in sorted(shorthand(data, model), reverse=True, key=lambda f: len(f[0])):
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        parent[loc[-1]] = {name: parent[loc[-1]]}
    return data
