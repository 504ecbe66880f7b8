"""The web form for board staff (Decap CMS), generated from the models (never written by hand).

``python -m generator cms`` writes ``admin/config.yml`` (the form the preview serves at /admin/,
saving through Decap's local backend, ``make edit``) and ``admin/config.github.yml`` (the same
form for the hosted route: Decap's GitHub backend with its editorial workflow, each draft a pull
request). A test fails when the committed files differ from the models: run
``python -m generator cms`` after changing a model or a theme.

Each kind of record is one collection in its folder. Every field has its label and the model's
description as its hint; required fields are required; enumerations are selects; theme tags are a
select of the vocabulary's ids and titles (read from themes_data/themes/); nested lists are list
widgets; full dates are date widgets writing YYYY-MM-DD. A file's name comes from the record's own
fields (a panel meeting's date and locality, or the record's id), never from the browser's clock.
Every file the form saves begins with the ``# yaml-language-server`` line, as ``new`` writes it.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.kinds import DECLARED, Kind
from generator.content.models import common
from generator.content.shorthand import _models_in
from generator.core.files import write_if_changed

ADMIN_DIR = Path("admin")
"""Where the form's files live, relative to the project folder (served at /admin/ by the preview only)."""

LOCAL_CONFIG = "config.yml"
HOSTED_CONFIG = "config.github.yml"

LOCAL_BACKEND_URL = "http://127.0.0.1:8000/api/v1"
"""Where the form reaches the local backend: the preview passes /api/v1 on to decap-server (and serves the
configuration with its own port in place of 8000)."""

_SHORT = {
    "id", "aliases", "title", "short_title", "publisher", "locality", "heading", "lead", "url", "link", "file",
    "venue", "start", "end", "agency", "chart_title", "document", "committee", "subject", "item_for",
    "reporting_officer", "contact", "name", "label", "stage", "practice_table_title", "key_messages_title",
    "appendix_title", "meets", "where", "lead_time", "changes_question", "key_messages_question",
}
"""Fields that hold a line, not a paragraph: a one-line box instead of a text area."""

_THEME_LISTS = {"themes", "related"}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _validators(field: FieldInfo | None, annotation: Any) -> set[Any]:
    found: set[Any] = set()
    for meta in [*(field.metadata if field else ()), *getattr(annotation, "__metadata__", ())]:
        func = getattr(meta, "func", None)
        if func is not None:
            found.add(func)
    return found


def _pattern(field: FieldInfo | None, annotation: Any) -> str | None:
    for meta in [*(field.metadata if field else ()), *getattr(annotation, "__metadata__", ())]:
        pattern = getattr(meta, "pattern", None)
        if pattern:
            return pattern
        for inner in getattr(meta, "metadata", ()) or ():
            if getattr(inner, "pattern", None):
                return inner.pattern
    return None


def _strip_optional(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _base(annotation: Any) -> Any:
    """The type under Annotated[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _widget(name: str, annotation: Any, field: FieldInfo | None, themes: list[dict[str, str]],
            within: tuple[type, ...] = ()) -> dict[str, Any]:
    """The Decap widget settings for one value of type ``annotation``."""
    annotation = _strip_optional(annotation)
    validators = _validators(field, annotation)
    base = _base(annotation)
    origin = typing.get_origin(base)
    if origin is Literal:
        values = list(typing.get_args(base))
        if len(values) == 1:
            return {"widget": "hidden", "default": values[0]}
        return {"widget": "select", "options": values}
    if origin is list:
        (inner,) = typing.get_args(base)
        if name in _THEME_LISTS:
            return {"widget": "select", "multiple": True, "options": themes}
        inner_base = _base(inner)
        if isinstance(inner_base, type) and issubclass(inner_base, BaseModel):
            return {"widget": "list", "fields": _fields(inner_base, themes, within)}
        item = _widget(name, inner, None, themes, within)
        return {"widget": "list", "field": {"label": _label(name), "name": name, **item}}
    if isinstance(base, type) and issubclass(base, BaseModel):
        return {"widget": "object", "fields": _fields(base, themes, within)}
    if base is bool:
        return {"widget": "boolean"}
    if base is int:
        out: dict[str, Any] = {"widget": "number", "value_type": "int"}
        for meta in field.metadata if field else ():
            if getattr(meta, "ge", None) is not None:
                out["min"] = meta.ge
        return out
    if common._full_date in validators:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
                "picker_utc": True}
    if common._partial_date in validators:
        return {"widget": "string", "pattern": [common._PARTIAL_DATE.pattern, "Write YYYY-MM-DD, YYYY-MM or YYYY"]}
    out = {"widget": "string" if name in _SHORT else "text"}
    pattern = _pattern(field, annotation)
    if pattern:
        out["pattern"] = [pattern, "Use lower-case letters, digits and hyphens" if pattern == common.SLUG_PATTERN
                          else f"Should match {pattern}"]
    return out


MAX_NESTING = 4
"""How many times a model may hold itself in the form (a sub-theme's sub-themes…): Decap's configuration
cannot repeat itself, so the form offers this many levels (the shipped records use 2); deeper ones are
kept as they are and edited in the file."""


def _fields(model: type[BaseModel], themes: list[dict[str, str]], within: tuple[type, ...] = ()) -> list[dict[str, Any]]:
    within = (*within, model)
    out = []
    for name, field in model.model_fields.items():
        inner = _models_in(field.annotation)
        if inner and within.count(inner[0]) >= MAX_NESTING:
            continue
        entry: dict[str, Any] = {"label": _label(name), "name": name}
        entry.update(_widget(name, field.annotation, field, themes, within))
        if field.description:
            entry["hint"] = field.description
        if not field.is_required():
            entry["required"] = False
            if entry["widget"] == "object":
                # Decap checks an empty optional group's own required fields too, and would refuse to save;
                # the check still reports a group begun and left without them
                for inner_field in entry["fields"]:
                    inner_field["required"] = False
        elif entry["widget"] == "list":
            minimum = next((m.min_length for m in field.metadata if getattr(m, "min_length", None)), None)
            if minimum:
                entry["min"] = minimum
        out.append(entry)
    # `kind` first, so the form writes it (and the schema line above it) at the top of the file; then the
    # fields every record needs (id, title, a meeting's locality and date…), then the optional ones
    order = {f["name"]: i for i, f in enumerate(out)}
    out.sort(key=lambda f: (f["name"] != "kind", f.get("required", True) is False, order[f["name"]]))
    return out


def _schema_comment(kind: Kind) -> str:
    from generator.tools.schemas import schema_path

    depth = len(Path(kind.folder).parts)
    return f"yaml-language-server: $schema={'../' * depth}{schema_path(kind.name).as_posix()}"


SLUGS = {"panel-meeting": "{{fields.date}}-{{fields.locality}}"}
"""File names that are not the record's id (as the shipped files are named); the rest are ID.yaml."""


def collection(kind: Kind, themes: list[dict[str, str]]) -> dict[str, Any]:
    """One Decap collection: the kind's folder, its fields, file names from the record's own fields."""
    fields = _fields(kind.model, themes)
    fields[0]["comment"] = _schema_comment(kind)
    doc = (kind.model.__doc__ or "").strip().split("\n")[0]
    label = kind.label[1] if kind.label else _label(kind.name.replace("-", "_")) + "s"
    if kind.name == "reflective-model":
        return {"name": kind.name, "label": kind.label[0] if kind.label else label, "description": doc,
                "files": [{"name": kind.name, "label": kind.label[0] if kind.label else label,
                           "file": f"{kind.folder}/reflective-model.yaml", "format": "yaml",
                           "editor": {"preview": False}, "fields": fields}]}
    names = {f["name"] for f in fields}
    out: dict[str, Any] = {
        "name": kind.name, "label": label, "description": doc, "folder": kind.folder,
        "extension": "yaml", "format": "yaml", "create": True,
        "identifier_field": "title" if "title" in names else "id",
        "slug": SLUGS.get(kind.name, "{{fields.id}}"),
        "summary": "{{title}}" if "title" in names else "{{id}}",
        "editor": {"preview": False},
        "fields": fields,
    }
    if "title" not in names:
        out["summary"] = "{{id}}"
    return out


def theme_options(root: Path) -> list[dict[str, str]]:
    """Every theme of the vocabulary as a select option: its title shown, its id written."""
    options = []
    for path in sorted((root / "themes_data" / "themes").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict) and data.get("id") and not data.get("restricted"):
            options.append({"label": f"{data.get('title', data['id'])} ({data['id']})", "value": data["id"]})
    return sorted(options, key=lambda o: o["label"].lower())


def config(root: Path, hosted: bool = False) -> dict[str, Any]:
    """The whole Decap configuration: local (the preview's /admin/) or hosted (GitHub, editorial workflow)."""
    themes = theme_options(root)
    if hosted:
        head: dict[str, Any] = {
            "backend": {"name": "github", "repo": "OWNER/REPOSITORY", "branch": "main",
                        "base_url": "https://YOUR-SIGN-IN-SERVICE.example.org"},
            "publish_mode": "editorial_workflow",
        }
    else:
        head = {
            "backend": {"name": "proxy", "proxy_url": LOCAL_BACKEND_URL, "branch": "main"},
            "local_backend": {"url": LOCAL_BACKEND_URL},
        }
    head.update({
        "media_folder": "files",
        "public_folder": "/files",
        "site_url": "/",
        "slug": {"encoding": "ascii", "clean_accents": True},
    })
    # the records staff add most often first (as the site lists them), then the reference data
    ordered = sorted(DECLARED, key=lambda kind: (kind.listed is None, kind.listed or 0))
    head["collections"] = [collection(kind, themes) for kind in ordered]
    return head


HEADER = ("# The web form's configuration (Decap CMS), generated from the models by "
          "'python -m generator cms': do not edit.\n")


def render(data: dict[str, Any], note: str = "") -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    return HEADER + note + body


HOSTED_NOTE = ("# The hosted route: set backend.repo to the board's repository and backend.base_url to its\n"
               "# sign-in service (see the staff guide, 'Editing on the web'); then publish admin/ with the site.\n")


def all_files(root: Path) -> dict[str, str]:
    """File name in admin/ → text, for every file the models give."""
    return {
        LOCAL_CONFIG: render(config(root)),
        HOSTED_CONFIG: render(config(root, hosted=True), HOSTED_NOTE),
    }


def write_cms(root: Path, check_only: bool = False) -> list[str]:
    """Write the form's configuration into ROOT/admin; return the names that changed (or would)."""
    changed = []
    for name, text in all_files(root).items():
        path = root / ADMIN_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check_only:
                write_if_changed(path, text)
    return changed


DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
"""Decap CMS's built JavaScript, installed from npm at set-up time (package-lock.json)."""


def publish_admin(root: Path, dest: Path) -> list[Path]:
    """The hosted route's /admin/ folder, for a board that chose to publish the form with the site: Decap's
    JavaScript, admin/index.html and admin/config.github.yml as its config.yml. Returns the files written.

    The preview's box of check messages is left out: on the hosted route the check runs on each pull request.
    """
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file():
        from generator.core.problems import GeneratorError

        raise GeneratorError("Decap CMS is not installed: run 'tools/node-deps.sh' first (make edit and make test do).")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(dist.iterdir()):
        if path.suffix in (".js", ".wasm", ".css") and "decap-cms" in path.name or path.suffix == ".wasm":
            (dest / path.name).write_bytes(path.read_bytes())
            written.append(dest / path.name)
    page = (root / ADMIN_DIR / "index.html").read_text(encoding="utf-8")
    page = "\n".join(line for line in page.splitlines() if "check.js" not in line) + "\n"
    (dest / "index.html").write_text(page, encoding="utf-8")
    (dest / "config.yml").write_text((root / ADMIN_DIR / HOSTED_CONFIG).read_text(encoding="utf-8"), encoding="utf-8")
    return [*written, dest / "index.html", dest / "config.yml"]
