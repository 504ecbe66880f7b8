"""The JSON Schemas editors use: committed copies match the models, every content file points at
the right one, and the schemas accept every shipped record (so editors never flag good text)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from generator.content.kinds import KINDS
from generator.content.load import load_file
from generator.content.project import RECORD_FOLDERS, YAML_SUFFIXES
from generator.core.problems import Problems
from generator.tools.schemas import EXTRA_SCHEMAS, SCHEMA_DIR, all_schemas, schema_line, write_schemas

CONTENT_FILES = sorted(
    p for folder in RECORD_FOLDERS for p in (ROOT / folder).rglob("*") if p.suffix in YAML_SUFFIXES
)


def test_committed_schemas_match_the_models() -> None:
    changed = write_schemas(ROOT, check_only=True)
    assert changed == [], f"run: python -m generator schemas (out of date: {changed})"


def test_check_only_reports_drift_and_writing_repairs_it(tmp_path: Path) -> None:
    assert sorted(write_schemas(tmp_path)) == sorted(all_schemas())
    folder = tmp_path / SCHEMA_DIR
    (folder / "tip.schema.json").write_text("{}\n", encoding="utf-8")
    (folder / "retired-kind.schema.json").write_text("{}\n", encoding="utf-8")
    assert write_schemas(tmp_path, check_only=True) == ["tip.schema.json", "retired-kind.schema.json"]
    assert (folder / "tip.schema.json").read_text(encoding="utf-8") == "{}\n"  # check_only writes nothing
    write_schemas(tmp_path)
    assert write_schemas(tmp_path, check_only=True) == []
    assert not (folder / "retired-kind.schema.json").exists()


def test_schemas_are_stable_text_with_a_draft_and_a_title() -> None:
    schemas = all_schemas()
    for name, text in schemas.items():
        assert text.endswith("}\n") and not text.endswith("\n\n"), name
        schema = json.loads(text)
        assert list(schema)[:4] == ["$schema", "$comment", "title", "description"], name
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert schema["description"], name
    assert all_schemas() == schemas  # same text every time
    for kind in KINDS:
        assert json.loads(schemas[f"{kind}.schema.json"])["properties"]["kind"]["const"] == kind


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[str(p.relative_to(ROOT)) for p in CONTENT_FILES])
def test_content_file_starts_with_its_schema_line(path: Path) -> None:
    source = load_file(path, str(path), Problems())
    kind = source.data["kind"]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    expected = schema_line(kind, path.relative_to(ROOT), ROOT)
    assert first == expected, f"{path.relative_to(ROOT)} should begin with: {expected}"
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / SCHEMA_DIR / f"{kind}.schema.json").resolve() and target.is_file()


# A small validator for the JSON Schema keywords these schemas use, so that the test needs no
# extra package. test_schemas_use_only_known_keywords keeps it honest as the models grow.
KEYWORDS = {
    "$schema", "$comment", "$ref", "title", "description", "default", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "anyOf", "enum", "const", "pattern", "minLength",
    "minimum", "definitions",
}
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def schema_errors(value: Any, schema: dict, root: dict, where: str = "") -> list[str]:
    if "$ref" in schema:
        return schema_errors(value, root["definitions"][schema["$ref"].rsplit("/", 1)[1]], root, where)
    errors: list[str] = []
    if "anyOf" in schema and all(schema_errors(value, option, root, where) for option in schema["anyOf"]):
        errors.append(f"{where}: matches none of the choices")
    types = schema.get("type")
    if types and not any(_TYPES[t](value) for t in ([types] if isinstance(types, str) else types)):
        return [f"{where}: is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: is not one of {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: is too short")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: is below {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: has too few items")
        for i, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{where}.{name}: is missing" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], root, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}.{name}: is not allowed")
    return errors


def _keywords(schema: Any, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in ("properties", "definitions"):
                for sub in value.values():
                    _keywords(sub, found)
            elif key not in ("enum", "const", "default", "required"):
                _keywords(value, found)
    elif isinstance(schema, list):
        for item in schema:
            _keywords(item, found)
    return found


def test_schemas_use_only_known_keywords() -> None:
    used: set[str] = set()
    for text in all_schemas().values():
        _keywords(json.loads(text), used)
    assert used <= KEYWORDS, f"teach schema_errors these keywords: {used - KEYWORDS}"


def _schema(kind: str) -> dict:
    return json.loads((ROOT / SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[str(p.relative_to(ROOT)) for p in CONTENT_FILES])
def test_editors_accept_every_shipped_record(path: Path) -> None:
    data = load_file(path, str(path), Problems()).data
    schema = _schema(data["kind"])
    assert schema_errors(data, schema, schema) == []


def test_editors_flag_the_mistakes_check_reports() -> None:
    schema = _schema("panel-meeting")
    good = {
        "kind": "panel-meeting", "id": "cheltenham-2014-01-10", "title": "Themes", "locality": "Cheltenham",
        "date": "2014-01-10", "published": 2014,
        "themes_arising": [{"heading": "Heading", "themes": ["domestic-abuse"], "points": ["plain text"]}],
    }
    assert schema_errors(good, schema, schema) == []
    bad = {
        **good, "date": "10/01/2014", "id": "Cheltenham 2014", "locality": "", "colour": "red",
        "themes_arising": [{"heading": "Heading", "themes": [], "points": [{"txt": "typo"}]}],
        "actions": [{"heading": "A", "status": "done", "points": ["x"]}],
    }
    errors = schema_errors(bad, schema, schema)
    for where in (".date", ".id", ".locality", ".colour", ".themes_arising[0].themes",
                  ".themes_arising[0].points[0]", ".actions[0].status"):
        assert any(e.startswith(where + ":") for e in errors), (where, errors)


@pytest.mark.parametrize("name", sorted(EXTRA_SCHEMAS))
def test_settings_files_point_at_their_schema_and_pass_it(name: str) -> None:
    """site.yaml and privacy-allowlist.yaml are edited by staff too: editors check them the same way."""
    _, file = EXTRA_SCHEMAS[name]
    path = ROOT / file
    assert path.exists(), file
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        f"# yaml-language-server: $schema={(SCHEMA_DIR / f'{name}.schema.json').as_posix()}"
    )
    schema = _schema(name)
    data = load_file(path, file, Problems()).data
    assert schema_errors(data, schema, schema) == []
    assert schema_errors({**data, "unknown_setting": 1}, schema, schema) == [".unknown_setting: is not allowed"]
