"""Stage 1, load: read YAML files safely, keeping the line and column of every value.

PyYAML's defaults are unsafe for files people type: duplicate keys silently overwrite each
other and anchors/aliases can expand without limit. This loader refuses both, refuses any tag
that would construct an object, keeps dates as text (so an impossible date is reported by
validation with its position rather than crashing the parser), and refuses binary, non-UTF-8,
empty and oversized files, each with a message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from generator.core.problems import Problems

MAX_FILE_BYTES = 1_000_000
"""Files larger than this (about 1 MB) are refused: no real record comes near it."""

MAX_DEPTH = 40
"""Deepest nesting of lists and fields accepted (real records go about 8 deep); deeper is refused
before the parser can exhaust Python's recursion limit."""

Loc = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Checks:
    """The composer's checks: refuse anchors, aliases and nesting deeper than MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self._depth >= MAX_DEPTH:
            raise _Refused(
                self.peek_event().start_mark,
                f"is nested more than {MAX_DEPTH} levels deep here. Check the indentation and brackets.",
            )
        self._depth += 1
        try:
            return self._compose_checked(parent, index)
        finally:
            self._depth -= 1

    def _compose_checked(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark,
                "uses a YAML alias (*name). Aliases are not allowed: write the value out in full.",
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "uses a YAML anchor (&name). Anchors are not allowed: write the value out in full.",
            )
        return super().compose_node(parent, index)


class _StrictLoader(_Checks, yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, and does not turn dates into objects."""


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: PyYAML's own parser does it all
    _CParser = None
"""libyaml's parser, when PyYAML was built with it (the usual wheels are)."""


class _FastStrictLoader(_Checks, Composer, Resolver, _CParser or object):  # type: ignore[misc]
    """The same loader on libyaml's parser: the same events, the same checks, about five times faster.

    Only the parsing moves to C; composing (with the checks above) and everything after is the same
    Python code. Anything it does not accept is parsed again by _StrictLoader, whose messages are
    the ones people see.
    """

    def __init__(self, stream: str):
        _CParser.__init__(self, stream)  # type: ignore[union-attr]
        Composer.__init__(self)
        Resolver.__init__(self)


def _compose(text: str) -> Node | None:
    """The file's node tree: libyaml's parser when present and the text is plain, else PyYAML's own."""
    if _CParser is not None and not Reader.NON_PRINTABLE.search(text):
        try:
            loader = _FastStrictLoader(text)
            try:
                return loader.get_single_node()
            finally:
                loader.dispose()
        except (yaml.YAMLError, _Refused):
            pass  # parsed again below, for PyYAML's exact message and position
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# Dates stay text: validation checks them and can say where an impossible one is.
_StrictLoader.yaml_implicit_resolvers = _FastStrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass
class SourceFile:
    """One YAML file as loaded: plain data plus the position of every value in it."""

    path: Path
    """Where the file is on disk."""
    display: str
    """The path shown in messages (relative to the project folder where possible)."""
    data: Any = None
    """The file's content as plain dicts, lists and scalars; None when it could not be read."""
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, keyed by its path in the data; ``()`` is the file."""
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, keyed by the path of its value."""

    def position(self, loc: Loc, prefer_key: bool = False) -> tuple[int, int]:
        """The position of ``loc`` (its value, or its key with ``prefer_key``), or of its nearest ancestor."""
        loc = tuple(loc)
        tables = (self.key_positions, self.positions) if prefer_key else (self.positions, self.key_positions)
        while loc:
            for table in tables:
                if loc in table:
                    return table[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


def load_file(path: Path, display: str, problems: Problems) -> SourceFile:
    """Read and parse one file. Problems are added to ``problems``; data is None on failure."""
    source = SourceFile(path=path, display=display)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(display, 0, 0, "", f"cannot be read ({exc.strerror}).")
        return source
    if len(raw) > MAX_FILE_BYTES:
        problems.error(
            display, 0, 0, "",
            f"is {len(raw):,} bytes; files over {MAX_FILE_BYTES:,} bytes are refused. "
            "Split it into several records.",
        )
        return source
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(
            display, 0, 0, "",
            "is saved as UTF-16 ('Unicode' in some editors), not UTF-8. Save it again choosing the UTF-8 encoding.",
        )
        return source
    if b"\x00" in raw:
        problems.error(display, 0, 0, "", "is a binary file, not a text (YAML) file.")
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            display, line, column, "",
            "is not saved as UTF-8 text. Save it again choosing the UTF-8 encoding.",
        )
        return source
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.error(display, 0, 0, "", "is empty: it has no record in it.")
        return source
    try:
        node = _compose(text)
    except _Refused as exc:
        problems.error(display, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)
        return source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        tab = _tab_line(text, mark.line if mark else None)
        if tab:
            problems.error(
                display, tab, 1, "",
                "has a tab character: indent with spaces, not tabs (most editors can be set to type "
                "spaces when the Tab key is pressed).",
            )
            return source
        what = exc.problem or "is not valid YAML"
        problems.error(
            display, line, column, "",
            f"is not valid YAML here: {what}. Check the indentation, colons and quotes "
            "on this line and the one above.",
        )
        return source
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.error(
            display, line, column, "",
            f"contains an invisible control character (#x{exc.character:04x}) here, which is not allowed. "
            "Delete it (it often comes with text copied from another program).",
        )
        return source
    except yaml.YAMLError as exc:
        problems.error(display, 0, 0, "", f"is not valid YAML: {exc}.")
        return source
    if node is None:
        problems.error(display, 0, 0, "", "is empty: it has no record in it.")
        return source
    try:
        source.data = _build(node, (), source)
    except _Refused as exc:
        problems.error(display, exc.mark.line + 1, exc.mark.column + 1, _field(exc), exc.message)
        source.data = None
    return source


def _tab_line(text: str, line: int | None) -> int | None:
    """The 1-based line, at or just before the parser's complaint, that has a tab in its indentation."""
    if line is None:
        return None
    lines = text.splitlines()
    for number in (line, line - 1):
        if 0 <= number < len(lines):
            body = lines[number]
            if "\t" in body[: len(body) - len(body.lstrip(" \t"))]:
                return number + 1
    return None


def _field(exc: _Refused) -> str:
    from generator.core.problems import format_path_loc

    return format_path_loc(getattr(exc, "loc", ()))


def _refuse(node_mark: yaml.Mark, loc: Loc, message: str) -> _Refused:
    exc = _Refused(node_mark, message)
    exc.loc = loc  # type: ignore[attr-defined]
    return exc


_SHARED: dict[tuple, tuple] = {}
"""One copy of each field path and each (line, column) pair, shared by every file read: records of one
kind have the same paths and similar positions, and the position tables are most of what a loaded file
holds (about 70 KB a record before sharing). They are tuples, so sharing them changes nothing else."""


def _shared(value: tuple) -> tuple:
    return _SHARED.setdefault(value, value)


def _build(node: Node, loc: Loc, source: SourceFile) -> Any:
    loc = _shared(loc)
    source.positions[loc] = _shared((node.start_mark.line + 1, node.start_mark.column + 1))
    if node.tag not in _PLAIN_TAGS:
        raise _refuse(
            node.start_mark, loc,
            f"uses the tag {node.tag!r}, which is not allowed. Remove the '!' tag and "
            "write plain text, numbers, lists or fields.",
        )
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _refuse(key_node.start_mark, loc, "has a field name that is not plain text.")
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge" or key == "<<":
                raise _refuse(key_node.start_mark, loc, "uses a YAML merge key (<<), which is not allowed.")
            if key in result:
                first = source.key_positions[loc + (key,)]
                raise _refuse(
                    key_node.start_mark, loc + (key,),
                    f"the field '{key}' appears twice in the same place (first on line "
                    f"{first[0]}). Keep one of them: YAML would silently drop the first.",
                )
            child = _shared(loc + (key,))
            source.key_positions[child] = _shared((key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            result[key] = _build(value_node, child, source)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, loc + (i,), source) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">") or _text_in_yaml_1_2(node):
        return node.value
    constructor = yaml.SafeLoader.yaml_constructors.get(node.tag)
    if constructor is None:  # pragma: no cover - guarded by the tag check above
        return node.value
    return constructor(_SCALAR_CONSTRUCTOR, node)


_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")

_BOOL_1_2 = {"true", "false"}


def _text_in_yaml_1_2(node: ScalarNode) -> bool:
    """Whether a plain value is text in YAML 1.2 (what the web form and most editors write) though PyYAML's
    YAML 1.1 reads it otherwise: times such as 10:00 (1.1: the number 600) and yes, no, on, off (1.1:
    true or false). The form writes ``start: 10:00`` without quotes; it must read back as '10:00'."""
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return ":" in node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() not in _BOOL_1_2
    return False
