"""``new KIND``: write a commented YAML skeleton for a new record, generated from the models.

Every field of the kind's model (and of the parts nested in it) is written with a comment above it
saying whether it is required, what to write and what it means, and one example value. The file
passes ``check`` as written, but every text value starts with "EXAMPLE –" so nobody mistakes it
for a real record. The first line points editors at the kind's JSON Schema.
"""

from __future__ import annotations

import datetime
import difflib
import re
import textwrap
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import annotated_types
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.config import load_settings
from generator.content.kinds import ALIASES, EXAMPLE, KIND, KINDS
from generator.content.models import common
from generator.content.models.common import Block
from generator.core.problems import GeneratorError, Problems
from generator.render.fieldref import _has_pattern, _unwrap, _validator, ordered_fields, type_words
from generator.tools.schemas import schema_line

PREFERRED_THEME = "domestic-abuse"
"""The theme tag used in examples when the vocabulary has it."""

EXAMPLE_URL = "https://www.example.org/"

_TEXT_EXAMPLES = {
    "title": f"{EXAMPLE} replace this title",
    "summary": f"{EXAMPLE} one or two sentences saying what this is, shown in listings",
}
_WIDTH = 100


@dataclass
class _Context:
    """What the examples need from the project and the command line."""

    kind: str
    record_id: str
    today: str
    publisher: str
    themes: list[str]
    panels: list[str]
    stack: list[type[BaseModel]] = field(default_factory=list)


def resolve_kind(name: str) -> str:
    """The kind a person meant: 'forum-event' → 'forum-report'; unknown names are an error."""
    wanted = re.sub(r"[\s_]+", "-", name.strip().lower())
    if wanted in KINDS:
        return wanted
    if wanted in ALIASES:
        return ALIASES[wanted]
    if wanted.endswith("s") and wanted[:-1] in KINDS:
        return wanted[:-1]
    names = [*KINDS, *ALIASES]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    hint = f" Did you mean '{ALIASES.get(close[0], close[0])}'?" if close else ""
    raise GeneratorError(f"'{name}' is not a kind of record.{hint} Kinds: {', '.join(KINDS)}.")


def file_for(kind: str, record_id: str) -> Path:
    """Where a new record goes, relative to the project: panel meetings are named date first."""
    name = record_id
    match = re.fullmatch(r"(.+)-(\d{4}-\d{2}-\d{2})", record_id)
    if kind == "panel-meeting" and match:
        name = f"{match.group(2)}-{match.group(1)}"
    return Path(KIND[kind].folder) / f"{name}.yaml"


def new_record(root: Path, kind: str, record_id: str | None = None) -> Path:
    """Write a skeleton for a new record of ``kind``; return its path. Never overwrites a file."""
    kind = resolve_kind(kind)
    today = datetime.date.today().isoformat()
    record_id = record_id or (f"example-{today}" if kind == "panel-meeting" else f"example-{kind}")
    if not re.fullmatch(common.SLUG_PATTERN, record_id):
        raise GeneratorError(
            f"'{record_id}' cannot be an id: use only lower-case letters, digits and hyphens, "
            "for example cheltenham-2014-01-10."
        )
    rel = file_for(kind, record_id)
    path = root / rel
    if path.exists():
        raise GeneratorError(
            f"{rel} already exists, so nothing was written. Edit that file, or choose another id "
            f"with --id (for example: new {kind} --id {record_id}-2)."
        )
    existing = existing_ids(root)
    for other_kind, other_id, display in existing:
        if other_id == record_id and (other_kind == "theme") == (kind == "theme"):
            raise GeneratorError(
                f"the id '{record_id}' is already used by {display}, so nothing was written. "
                "Choose another id with --id."
            )
    themes = sorted(i for k, i, _ in existing if k == "theme")
    if PREFERRED_THEME in themes:
        themes.insert(0, themes.pop(themes.index(PREFERRED_THEME)))
    ctx = _Context(
        kind=kind, record_id=record_id, today=today, publisher=load_settings(root, Problems())[0].partnership,
        themes=[t for t in themes if not (kind == "theme" and t == record_id)],
        panels=[i for k, i, _ in existing if k == "panel"],
    )
    text = skeleton(ctx, schema_line(kind, rel, root))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # "x": never replace a file written meanwhile
        out.write(text)
    return path


_TOP_LEVEL = re.compile(r"^(kind|id):[ \t]*['\"]?([^'\"#\s]+)", re.M)


def existing_ids(root: Path) -> list[tuple[str, str, str]]:
    """(kind, id, file) of every record file, read from its top-level lines only.

    Much faster than loading the project (the examples only need the theme and panel ids, and the
    ids already taken); ``check`` remains the judge of whether the files are valid.
    """
    from generator.content.project import discover, display_path

    found = []
    for path in discover(root, Problems()):
        try:
            fields = dict(_TOP_LEVEL.findall(path.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError):
            continue
        if "kind" in fields and "id" in fields:
            found.append((fields["kind"], fields["id"], display_path(path, root)))
    return found


def skeleton(ctx: _Context, first_line: str) -> str:
    """The whole file: the schema line, a short how-to, then every field."""
    head = [
        first_line,
        f"# A new {ctx.kind} record. Replace every value that starts with '{EXAMPLE}', and delete the",
        "# optional fields you do not need (a field's comment says whether it is required).",
        "# The staff guide's field reference explains every field. When you are done, run: make check",
        "",
    ]
    body = _fields(KINDS[ctx.kind], 0, ctx, top=True)
    return "\n".join(head + body).rstrip() + "\n"


def _comment(info: FieldInfo, name: str, pad: str, owner: type[BaseModel]) -> list[str]:
    need = "Required" if info.is_required() else "Optional"
    if owner is Block:
        text = "A paragraph, or instead a 'heading:' or a 'points:' list."
    elif typing.get_origin(info.annotation) is Literal and len(typing.get_args(info.annotation)) == 1:
        text = f"{need}: always '{typing.get_args(info.annotation)[0]}'. Leave it as it is."
    else:
        words = type_words(info.annotation, info.metadata, name)
        text = f"{need} – {words}. {info.description or ''}".rstrip()
    return textwrap.wrap(text, width=_WIDTH - len(pad), initial_indent=f"{pad}# ", subsequent_indent=f"{pad}#   ",
                         break_on_hyphens=False, break_long_words=False)


def _fields(model: type[BaseModel], indent: int, ctx: _Context, top: bool = False) -> list[str]:
    pad = " " * indent
    names = ordered_fields(model)
    if model is Block:
        names = ["paragraph"]
    lines: list[str] = []
    ctx.stack.append(model)
    for name in names:
        info = model.model_fields[name]
        lines += _comment(info, name, pad, model)
        lines += _value_lines(name, info, indent, ctx, model)
        if top:
            lines.append("")
    ctx.stack.pop()
    return lines


def _value_lines(name: str, info: FieldInfo, indent: int, ctx: _Context, owner: type[BaseModel]) -> list[str]:
    pad = " " * indent
    annotation, metadata, _ = _unwrap(info.annotation, list(info.metadata))
    if name == "panel" and owner is KINDS["panel-meeting"]:
        if ctx.panels:
            return [f"{pad}panel: {ctx.panels[0]}"]
        return [f"{pad}# panel: the-panel-id   (add this once a panel record exists)"]
    if name in ("start", "end") and owner.__name__ == "ScheduledMeeting":  # optional times, left commented
        return [f'{pad}# {name}: "{"10:00" if name == "start" else "12:00"}"']
    if owner.__name__ == "Action" and name in _ACTION_COMMENTED:  # needed only for some statuses, left commented
        return [f"{pad}# {name}: {_ACTION_COMMENTED[name]}"]
    if owner.__name__ == "ActionLog" and name in _LOG_EXAMPLES:  # what raised it must exist: an example, commented
        return [f"{pad}# {line}" for line in _LOG_EXAMPLES[name]] + [f"{pad}{name}: []"]
    if typing.get_origin(annotation) is list:
        (inner,) = typing.get_args(annotation)
        inner_type, inner_meta, _ = _unwrap(inner, [])
        if isinstance(inner_type, type) and issubclass(inner_type, BaseModel):
            if inner_type in ctx.stack:  # a part nested in itself (sub-themes): stop here
                return [f"{pad}{name}: []"]
            return [f"{pad}{name}:", *_list_item(_fields(inner_type, indent + 4, ctx), indent + 2)]
        if name in ("themes", "related"):
            return [f"{pad}{name}: [{', '.join(ctx.themes[:1])}]"]
        value = _example(name, inner_type, inner_meta, info, ctx, owner)
        return [f"{pad}{name}:", f"{pad}  - {_scalar(value)}"]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f"{pad}{name}:", *_fields(annotation, indent + 2, ctx)]
    return [f"{pad}{name}: {_scalar(_example(name, annotation, metadata, info, ctx, owner))}"]


_ACTION_COMMENTED = {
    "completed_on": "YYYY-MM-DD   (when the status is completed; 'not recorded' when the source does not say)",
    "reason": "why it was dropped   (when the status is dropped)",
    "raised_by": "{record: the-record-id, item: key message 1}   (when another record raised it)",
}
"""Action fields a new action leaves commented: each is needed only with some statuses or in an action log."""

_LOG_EXAMPLES = {
    "actions": ["for example (remove the '# ' at the start of each line):", "actions:",
                "  - heading: the action in a few words", "    status: planned",
                "    raised_by: {record: the-record-id, item: theme 2}"],
    "responses": ["for example:", "responses:", "  - record: the-forum-report-id", "    message: 1",
                  "    text: what was done about the key message"],
}
"""An action log's examples point at records that must exist, so they are written as comments."""


def _list_item(lines: list[str], indent: int) -> list[str]:
    """Turn a part's field lines (indented two deeper) into one list entry starting with '- '."""
    pad = " " * indent
    out: list[str] = []
    dashed = False
    for line in lines:
        if not dashed and line.lstrip().startswith("#"):
            out.append(pad + line.lstrip())
        elif not dashed:
            out.append(pad + "- " + line.lstrip())
            dashed = True
        else:
            out.append(line)
    return out


def _example(name: str, annotation: Any, metadata: list[Any], info: FieldInfo, ctx: _Context,
             owner: type[BaseModel]) -> Any:
    """One sensible example value for a field."""
    func = _validator(metadata)
    if name == "date" and owner.__name__ == "ScheduledMeeting":  # a meeting to come, its deadline not yet passed
        return (datetime.date.fromisoformat(ctx.today) + datetime.timedelta(days=56)).isoformat()
    if func is common._full_date or func is common._partial_date:
        found = re.search(r"\d{4}-\d{2}-\d{2}$", ctx.record_id)
        return found.group(0) if found and name == "date" and owner is KINDS[ctx.kind] else ctx.today
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)[0]
    if annotation is bool:
        return info.default if isinstance(info.default, bool) else False
    if annotation is int and name == "lead_days":  # agrees with lead_time's example, 'at least 3 weeks'
        return 21
    if annotation is int:
        minimum = next((m.ge for m in info.metadata if isinstance(m, annotated_types.Ge)), 0)
        return max(1, minimum)
    if name == "id" and owner is KINDS[ctx.kind]:
        return ctx.record_id
    if _has_pattern(metadata):
        suggested = re.findall(r"e\.g\. '([a-z0-9-]+)'", info.description or "")
        return suggested[0] if suggested else f"example-{_slug(owner.__name__)}"
    if name == "publisher":
        return ctx.publisher
    if name in ("url", "link"):
        return EXAMPLE_URL
    if name == "locality":
        found = re.fullmatch(r"(.+)-\d{4}-\d{2}-\d{2}", ctx.record_id)
        if found and found.group(1) != "example":
            return found.group(1).replace("-", " ").title()
    if name in _TEXT_EXAMPLES:
        return _TEXT_EXAMPLES[name]
    description = (info.description or name).rstrip(".")
    return f"{EXAMPLE} {description[:1].lower()}{description[1:]}"


def _slug(class_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", class_name).lower()


def _scalar(value: Any) -> str:
    """A value as YAML: plain when that reads back the same, single-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text  # dates stay plain: the loader keeps them as text
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok and " #" not in text and text == text.strip():
        return text
    return "'" + text.replace("'", "''") + "'"
