"""JSON Schemas for editors, generated from the models (never written by hand).

Every content file begins with ``# yaml-language-server: $schema=<relative path>``, so common
editors (VS Code with the YAML extension, JetBrains IDEs, Neovim…) check and autocomplete a record
while board staff type it. The schemas are committed in ``generator/schemas/`` and a test fails
when they differ from the models: run ``python -m generator schemas`` after changing a model.

The schemas declare JSON Schema draft-07, the newest draft the common YAML editors fully support
(the keywords used here mean the same in every later draft). Pydantic's output is adjusted where
the models accept more than their fields say: a point or a paragraph may be written as plain text,
and a partial date may be a bare year.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from generator.content.allowlist import ALLOWLIST_FILE, Allowlist
from generator.content.config import SiteConfig
from generator.content.kinds import KIND, KINDS
from generator.content.models import common
from generator.core.files import write_if_changed

SCHEMA_DIR = Path("generator") / "schemas"
"""Where the schemas live, relative to the project folder."""

DRAFT = "http://json-schema.org/draft-07/schema#"

EXTRA_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "site": (SiteConfig, "site.yaml"),
    "privacy-allowlist": (Allowlist, ALLOWLIST_FILE),
}
"""Schemas for the files staff edit that are not records: name → (model, file)."""

_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_FULL = r"^\d{4}-\d{2}-\d{2}$"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, taught what the models' own validators accept."""

    def function_before_schema(self, schema: Any) -> dict[str, Any]:
        func = schema["function"]["function"]
        if func is common._partial_date:
            return {"type": ["string", "integer"], "pattern": _PARTIAL}
        if func is common._full_date:
            return {"type": "string", "pattern": _FULL}
        return super().function_before_schema(schema)

    def function_after_schema(self, schema: Any) -> dict[str, Any]:
        result = super().function_after_schema(schema)
        if schema["function"]["function"] is common._non_blank:
            result = {**result, "minLength": 1}
        return result

    def model_schema(self, schema: Any) -> dict[str, Any]:
        result = super().model_schema(schema)
        cls = schema["cls"]
        if accepts_text(cls):
            # Item, Question and Block accept plain text as shorthand for their main field.
            described = {k: result.pop(k) for k in ("title", "description") if k in result}
            result = {**described, "anyOf": [{"type": "string", "minLength": 1}, result]}
        return result


def accepts_text(model: type[BaseModel]) -> bool:
    """Whether the model accepts a plain piece of text in place of its fields."""
    return hasattr(model, "_from_text")


def schema_for(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The JSON Schema for one model, with a draft key, a title and stable key order."""
    generated = model.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=_Generator, mode="validation"
    )
    definitions = generated.pop("$defs", None)
    where = f"{KIND[name].folder}/*.yaml" if name in KINDS else EXTRA_SCHEMAS[name][1]
    head = {
        "$schema": DRAFT,
        "$comment": f"For {where}. Generated from the models by 'python -m generator schemas': do not edit.",
        "title": f"{name} record" if name in KINDS else where,
        "description": generated.pop("description", ""),
    }
    generated.pop("title", None)
    out = {**head, **generated}
    if definitions:
        out["definitions"] = dict(sorted(definitions.items()))
    return out


def render(schema: dict[str, Any]) -> str:
    """The schema as committed: two-space indents, UTF-8 text, a trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def all_schemas() -> dict[str, str]:
    """File name → text for every schema the models give."""
    models = {**KINDS, **{name: model for name, (model, _) in EXTRA_SCHEMAS.items()}}
    return {f"{name}.schema.json": render(schema_for(model, name)) for name, model in models.items()}


def schema_path(kind: str) -> Path:
    """Where the schema for ``kind`` lives, relative to the project folder."""
    return SCHEMA_DIR / f"{kind}.schema.json"


def schema_line(kind: str, file: Path, root: Path) -> str:
    """The first line of a content file: its ``$schema`` comment, relative to the file's folder."""
    import os

    target = (root / schema_path(kind)).resolve()
    rel = os.path.relpath(target, (root / file).resolve().parent)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


def write_schemas(root: Path, check_only: bool = False) -> list[str]:
    """Write every schema into ROOT/generator/schemas; return the names that changed (or would).

    With ``check_only`` nothing is written. A schema file no model gives any more counts as changed
    (and is removed when writing).
    """
    folder = root / SCHEMA_DIR
    wanted = all_schemas()
    changed: list[str] = []
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check_only:
                write_if_changed(path, text)
    if folder.is_dir():
        for path in sorted(folder.glob("*.schema.json")):
            if path.name not in wanted:
                changed.append(path.name)
                if not check_only:
                    path.unlink()
    return changed
