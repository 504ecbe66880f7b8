"""The old shorthand: a point, a question or a paragraph written as plain text instead of its fields.

The models still accept ``- Some point`` for ``- text: Some point`` (and ``- Some paragraph`` for
``- paragraph: Some paragraph``), but the web form cannot open such an entry (Decap's list of fields
finds text where it expects fields, and its Publish then does nothing). So every record is kept in
the one canonical shape, ``check`` warns where the shorthand is left, and
``python -m generator migrate`` rewrites it (generator/tools/migrate.py).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.content.load import Loc
from generator.content.models.common import Block


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's annotation can hold (through Optional, list and Annotated)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _models_in(arg)
    return found


def main_field(model: type[BaseModel]) -> str | None:
    """The field plain text stands for in ``model`` ('text' or 'paragraph'), or None when it takes no text."""
    if not hasattr(model, "_from_text"):
        return None
    return "paragraph" if issubclass(model, Block) else "text"


def shorthand(data: Any, model: type[BaseModel], loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield (place, field) for every value in ``data`` written as plain text where ``model`` expects fields."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is None:
            continue
        for inner in _models_in(field.annotation):
            values = enumerate(value) if isinstance(value, list) else [(None, value)]
            for i, item in values:
                where = loc + (key,) if i is None else loc + (key, i)
                name = main_field(inner)
                if isinstance(item, str) and name:
                    yield where, name
                elif isinstance(item, dict):
                    yield from shorthand(item, inner, where)
            break


def message(count: int, name: str) -> str:
    """The warning ``check`` gives for a file still using the shorthand."""
    plural = "s" if count != 1 else ""
    return (
        f"{count} value{plural} written as plain text, this one first: write each as '{name}: …' under "
        f"its '- ' (the web form cannot open the shorthand). 'python -m generator migrate' rewrites "
        "them all for you, keeping the comments."
    )
