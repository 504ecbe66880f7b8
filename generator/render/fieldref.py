"""The field reference for board staff, generated from the models.

Every field of every kind of record, and of every part nested inside one, with its name, whether
it is required, what to write (in plain words: "text", "list of theme tags", "date (YYYY-MM-DD)",
"one of: completed, planned") and its description. The staff guide's field reference page is
rendered from :func:`markdown`; ``new`` uses :func:`type_words` for the comments in a skeleton.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from generator.content.kinds import KIND, KINDS
from generator.content.models import common

THEME_FIELDS = ("themes", "related")
"""Fields whose values are tags from the theme vocabulary."""


@dataclass
class FieldDoc:
    """One field as staff need to know it."""

    name: str
    """The field's name as typed in the file, e.g. 'themes_arising'."""
    required: bool
    """Whether a record is refused without it."""
    type: str
    """What to write, in plain words, e.g. 'list of theme tags'."""
    description: str
    """What the field means (the model's description)."""
    note: str = ""
    """Anything else worth knowing: 'at least 1', 'false when left out'."""
    parts: list[type[BaseModel]] = field(default_factory=list)
    """The nested models this field holds (documented in their own sections)."""


@dataclass
class ModelDoc:
    """A kind of record, or a part used inside records, with its fields."""

    model: type[BaseModel]
    """The model it documents."""
    name: str
    """The kind ('panel-meeting') or the part's name in words ('Theme arising')."""
    description: str
    """The model's docstring."""
    fields: list[FieldDoc]
    """Every field, in :func:`ordered_fields` order."""
    kind: str | None = None
    """The kind, for kinds of record; None for parts."""
    folder: str | None = None
    """Where files of this kind live, for kinds of record."""
    text_shorthand: bool = False
    """Whether plain text may be written instead of the fields (points and paragraphs)."""


def part_name(model: type[BaseModel]) -> str:
    """'ThemeArising' → 'Theme arising'."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", model.__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else model.__name__


def anchor(model: type[BaseModel]) -> str:
    """The heading id of a part's section in the field reference."""
    return "part-" + part_name(model).lower().replace(" ", "-")


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """Strip Optional and Annotated; return (type, metadata, optional)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return annotation, metadata, optional
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _validator(metadata: list[Any]) -> Callable[..., Any] | None:
    for item in metadata:
        if isinstance(item, BeforeValidator):
            return item.func
        if isinstance(item, FieldInfo):
            found = _validator(item.metadata)
            if found:
                return found
    return None


def _has_pattern(metadata: list[Any]) -> bool:
    for item in metadata:
        if getattr(item, "pattern", None):
            return True
        if isinstance(item, FieldInfo) and _has_pattern(item.metadata):
            return True
    return False


def type_words(annotation: Any, metadata: list[Any] | None = None, name: str = "",
               link: Callable[[type[BaseModel]], str] = part_name) -> str:
    """What to write for a value of this type, in plain words."""
    annotation, metadata, _ = _unwrap(annotation, list(metadata or []))
    func = _validator(metadata)
    if func is common._full_date:
        return "date (YYYY-MM-DD)"
    if func is common._partial_date:
        return "date (YYYY-MM-DD, or YYYY-MM, or YYYY)"
    origin = typing.get_origin(annotation)
    if origin is list:
        (inner,) = typing.get_args(annotation)
        inner_type, _, _ = _unwrap(inner, [])
        if isinstance(inner_type, type) and issubclass(inner_type, BaseModel):
            return f"list of {link(inner_type)} entries"
        words = type_words(inner, [], name, link)
        return "list of " + (words if words.startswith(("text", "date")) else words + "s")
    if origin is Literal:
        values = typing.get_args(annotation)
        if len(values) == 1:
            return f"always {values[0]}"
        return "one of: " + ", ".join(str(v) for v in values)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"fields of {link(annotation)}, indented below"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is str:
        if name in THEME_FIELDS:
            return "theme tag"
        if _has_pattern(metadata):
            return "short name (a-z, 0-9 and hyphens)"
        return "text"
    return getattr(annotation, "__name__", str(annotation))


def _nested(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation):
        found.extend(m for m in _nested(arg) if m not in found)
    return found


def _note(info: FieldInfo, optional: bool) -> str:
    notes = []
    for item in info.metadata:
        if isinstance(item, annotated_types.MinLen) and item.min_length:
            notes.append(f"at least {item.min_length}")
        if isinstance(item, annotated_types.Ge):
            notes.append(f"{item.ge} or more")
    if not info.is_required() and isinstance(info.default, bool):
        notes.append(f"{str(info.default).lower()} when left out")
    return ", ".join(notes)


FIRST = ("kind", "id", "title", "restricted")
"""Fields shown first, in this order, wherever a model has them."""


def ordered_fields(model: type[BaseModel]) -> list[str]:
    """A model's field names in the order staff meet them: kind, id, title and restricted first, then
    the kind's own fields, then the fields every record shares (publisher, dates, summary, source)."""
    names = list(model.model_fields)
    shared = [n for n in common.Record.model_fields if n in names and n not in FIRST] if issubclass(
        model, common.Record) else []
    first = [n for n in FIRST if n in names]
    return first + [n for n in names if n not in first and n not in shared] + shared


def field_docs(model: type[BaseModel], link: Callable[[type[BaseModel]], str] = part_name) -> list[FieldDoc]:
    """Every field of ``model``, in :func:`ordered_fields` order."""
    names = ordered_fields(model)
    docs = []
    for name in names:
        info = model.model_fields[name]
        _, _, optional = _unwrap(info.annotation, [])
        docs.append(FieldDoc(
            name=name,
            required=info.is_required(),
            type=type_words(info.annotation, info.metadata, name, link),
            description=info.description or "",
            note=_note(info, optional),
            parts=_nested(info.annotation),
        ))
    return docs


def reference(link: Callable[[type[BaseModel]], str] = part_name) -> tuple[list[ModelDoc], list[ModelDoc]]:
    """The kinds of record, then every part nested in them (each once, in order of first use)."""
    kinds = [
        ModelDoc(model=model, name=kind, description=_doc(model), fields=field_docs(model, link),
                 kind=kind, folder=KIND[kind].folder)
        for kind, model in KINDS.items()
    ]
    parts: list[ModelDoc] = []
    seen: set[type[BaseModel]] = set(KINDS.values())
    queue = [f for k in kinds for f in k.fields]
    while queue:
        doc = queue.pop(0)
        for model in doc.parts:
            if model in seen:
                continue
            seen.add(model)
            part = ModelDoc(model=model, name=part_name(model), description=_doc(model),
                            fields=field_docs(model, link), text_shorthand=hasattr(model, "_from_text"))
            parts.append(part)
            queue.extend(part.fields)
    return kinds, parts


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(doc: ModelDoc) -> list[str]:
    lines = ["| Field | What to write | What it means |", "| --- | --- | --- |"]
    for f in doc.fields:
        need = "**required**" if f.required else "optional"
        words = f.type
        if f.note:
            words = f"{words[:-1]}; {f.note})" if words.endswith(")") else f"{words} ({f.note})"
        lines.append(f"| `{f.name}` | {need}: {_cell(words)} | {_cell(f.description)} |")
    return lines


def markdown(level: int = 2) -> str:
    """The whole field reference as Markdown: one section per kind, then one per part."""
    h = "#" * level

    def link(model: type[BaseModel]) -> str:
        return f"[{part_name(model).lower()}](#{anchor(model)})"

    kinds, parts = reference(link)
    out: list[str] = []
    for doc in kinds:
        label = str(doc.kind).replace("-", " ").capitalize()
        out += [f"{h} {label} (`{doc.kind}`) {{#kind-{doc.kind}}}", "", doc.description, ""]
        if doc.folder:
            out += [f"Files go in `{doc.folder}/`. Start one with "
                    f"`.venv/bin/python -m generator new {doc.kind}`.", ""]
        out += [*_table(doc), ""]
    out += [f"{h} Parts used inside records", "",
            "These are the fields of the parts that records are built from. A link in the tables above leads here.", ""]
    for doc in parts:
        out += [f"{h}# {doc.name} {{#{anchor(doc.model)}}}", "", doc.description, ""]
        if doc.text_shorthand:
            main = doc.fields[0].name
            out += [f"Write it as `- {main}: …`. Older files write plain text instead, which becomes the `{main}`: "
                    "it is still accepted, but the web form cannot open it, so `check` warns and "
                    "`python -m generator migrate` writes it out.", ""]
        out += [*_table(doc), ""]
    return "\n".join(out).rstrip() + "\n"
