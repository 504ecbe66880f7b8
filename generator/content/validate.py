"""Stage 2, validate: turn loaded files into typed records and check them against each other.

Every problem in every file is collected; nothing is rendered until all files are clean.
Messages read ``path:line:column: field: what is wrong (and what was expected)``.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content.kinds import EXAMPLE, KINDS
from generator.content.load import Loc, SourceFile
from generator.content.models.common import Question
from generator.content.models.theme import Theme, Tool
from generator.content.shorthand import message as shorthand_message
from generator.content.shorthand import shorthand
from generator.core.memo import RecordMemo
from generator.core.problems import Problems, format_path_loc


@dataclass
class Entry:
    """A validated record together with the file it came from."""

    kind: str
    """The record's kind, e.g. 'panel-meeting'."""
    record: Any
    """The typed record (a model instance)."""
    source: SourceFile
    """The file it was read from, with positions for messages."""

    @property
    def id(self) -> str:
        return self.record.id


def validate_data(source: SourceFile, model: type[BaseModel], problems: Problems, kind_label: str) -> BaseModel | None:
    """Validate one file's data against ``model``; report each error at its line and column."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        misspelt = _misspelt(errors, model)
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and loc in misspelt:
                continue  # reported once, as the misspelt field that stands for it
            line, column = source.position(loc, prefer_key=err["type"] in ("missing", "extra_forbidden"))
            problems.error(source.display, line, column, format_path_loc(loc), _explain(err, model, loc, kind_label))
        return None


def _misspelt(errors: list[Any], model: type[BaseModel]) -> set[Loc]:
    """The missing fields that an unknown field beside them is a misspelling of ('localty' for 'locality')."""
    missing = {tuple(err["loc"]) for err in errors if err["type"] == "missing"}
    found: set[Loc] = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        parent = _model_at(model, loc[:-1]) if loc[:-1] else model
        names = list(parent.model_fields) if parent else []
        match = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        if match and loc[:-1] + (match[0],) in missing:
            found.add(loc[:-1] + (match[0],))
    return found


def validate_file(source: SourceFile, problems: Problems) -> Entry | None:
    """Check the file's shape and kind, then validate it against its kind's model."""
    data = source.data
    if not isinstance(data, dict):
        shape = "a list" if isinstance(data, list) else "a single value"
        problems.error(
            source.display, 1, 1, "",
            f"should be a set of fields (starting with 'kind: ...'), but it is {shape}.",
        )
        return None
    kind = data.get("kind")
    if kind is None:
        problems.error(
            source.display, 1, 1, "kind",
            "is missing. Start the file with a line saying what it is, e.g. 'kind: panel-meeting'. "
            f"Kinds: {', '.join(KINDS)}.",
        )
        return None
    if not isinstance(kind, str) or kind not in KINDS:
        line, column = source.position(("kind",))
        hint = _did_you_mean(str(kind), KINDS)
        problems.error(
            source.display, line, column, "kind",
            f"'{kind}' is not a kind of record.{hint} Kinds: {', '.join(KINDS)}.",
        )
        return None
    record = validate_data(source, KINDS[kind], problems, kind_label=f"{kind} record")
    if record is None:
        return None
    _warn_shorthand(source, KINDS[kind], problems)
    # The typed record now holds everything; the raw copy would only double what a build holds (about
    # 100 MB per 1,000 records). The positions stay, for messages; a file that failed keeps its data,
    # whose theme tags are still checked (check_raw_tags).
    source.data = None
    return Entry(kind=kind, record=record, source=source)


def _warn_shorthand(source: SourceFile, model: type[BaseModel], problems: Problems) -> None:
    """One warning per file still writing points or paragraphs as plain text (the form cannot open them)."""
    found = list(shorthand(source.data, model))
    if found:
        loc, name = found[0]
        line, column = source.position(loc)
        problems.warning(source.display, line, column, format_path_loc(loc), shorthand_message(len(found), name))


_TYPE_WORDS = {
    "string_type": "should be text",
    "int_type": "should be a whole number, e.g. 42",
    "int_parsing": "should be a whole number, e.g. 42",
    "int_from_float": "should be a whole number, e.g. 42",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list: put each item on its own line starting with '- '",
    "dict_type": "should be a set of fields (name: value) indented under it",
    "model_type": "should be a set of fields (name: value) indented under it",
    "model_attributes_type": "should be a set of fields (name: value) indented under it",
}


def _explain(err: dict[str, Any], model: type[BaseModel], loc: Loc, kind_label: str) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "missing":
        description = _field_description(model, loc)
        return f"is required but missing. Add it{': ' + description if description else '.'}"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        names = list(parent.model_fields) if parent else []
        hint = _did_you_mean(str(loc[-1]), names)
        allowed = f" Fields allowed here: {', '.join(names)}." if names and not hint else ""
        return f"is not a field of {_label(parent, kind_label)}.{hint}{allowed}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{got}' is not allowed here; expected one of {expected}."
    if kind == "string_pattern_mismatch":
        return (
            f"'{got}' should use only lower-case letters, digits and hyphens "
            "(for example 'domestic-abuse' or 'cheltenham-2013-09-27')."
        )
    if kind == "too_short":
        minimum = err.get("ctx", {}).get("min_length", 1)
        return f"needs at least {minimum} item{'s' if minimum != 1 else ''}; it has none."
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"])).removeprefix("Value error, ") + "."
    if kind == "greater_than_equal":
        return f"should be {err.get('ctx', {}).get('ge')} or more (it is {got})."
    if kind in _TYPE_WORDS:
        shown = "" if isinstance(got, (dict, list)) or got is None else f" (it is '{got}')"
        return _TYPE_WORDS[kind] + shown + "."
    return err["msg"] + "."


def _label(model: type[BaseModel] | None, fallback: str) -> str:
    if model is None:
        return fallback
    doc = (model.__doc__ or model.__name__).strip().split("\n")[0].rstrip(".")
    doc = re.split(r"[:(]", doc)[0].strip()
    return doc[0].lower() + doc[1:] if doc else fallback


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Follow ``loc`` through nested model annotations to the model that holds the last part."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_description(model: type[BaseModel], loc: Loc) -> str:
    parent = _model_at(model, loc[:-1])
    if parent is None or not loc:
        return ""
    field = parent.model_fields.get(str(loc[-1]))
    return (field.description or "") if field else ""


def _did_you_mean(word: str, choices: Any) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


UNFINISHED = "written by 'new'"
"""In the warning about a skeleton's leftover examples: a build (unlike check and the preview) makes it an error."""


# ---------------------------------------------------------------- cross-record checks


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def walk(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Yield (loc, value) for every model instance and list inside a record, depth first."""
    yield loc, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), loc + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, loc + (i,))


def check_raw_tags(source: SourceFile, themes: dict[str, Theme], problems: Problems, loc: Loc = (), data: Any = None) -> None:
    """Check theme tags in a file that failed validation, so its unknown tags are reported in the same run."""
    data = source.data if not loc else data
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("themes", "related") and isinstance(value, list):
                for i, tag in enumerate(value):
                    if isinstance(tag, str) and tag not in themes:
                        line, column = source.position(loc + (key, i))
                        problems.error(
                            source.display, line, column, format_path_loc(loc + (key, i)),
                            f"'{tag}' is not a theme in the vocabulary.{suggest_theme(tag, themes)}",
                        )
            else:
                check_raw_tags(source, themes, problems, loc + (key,), value)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            check_raw_tags(source, themes, problems, loc + (i,), item)


def check_project(entries: list[Entry], problems: Problems, invalid: list[SourceFile] = (),
                  memo: RecordMemo | None = None) -> None:
    """Checks across records: ids, theme tags, references; and warnings worth a second look.

    ``memo`` (kept by the session between runs) holds each entry's own findings, so that an unchanged
    record is not walked again while the themes and panels stay the same.
    """
    memo = memo if memo is not None else RecordMemo()
    themes = {e.id: e.record for e in entries if e.kind == "theme"}
    for source in invalid:
        check_raw_tags(source, themes, problems)
    seen: dict[tuple[str, str], Entry] = {}
    used: set[str] = set()
    panels = {e.id for e in entries if e.kind == "panel"}
    context = (tuple((tid, id(theme)) for tid, theme in themes.items()), frozenset(panels))
    for entry in entries:
        namespace = "theme" if entry.kind == "theme" else "record"
        key = (namespace, entry.id)
        if key in seen:
            first = seen[key]
            line, column = entry.source.position(("id",))
            problems.error(
                entry.source.display, line, column, "id",
                f"'{entry.id}' is already used by {first.source.display}. Each {namespace} needs its own id.",
            )
            # and on the first file too, so that checking either file alone (the pre-commit hook checks
            # the files a commit changes) finds it
            line, column = first.source.position(("id",))
            problems.error(
                first.source.display, line, column, "id",
                f"'{entry.id}' is also used by {entry.source.display}. Each {namespace} needs its own id.",
            )
        else:
            seen[key] = entry
        own, tags = memo.get(entry, lambda e=entry: _checked(e, themes, panels), context)
        problems.items.extend(own)
        used |= tags
    for theme_id, theme in sorted(themes.items()):
        if theme_id not in used:
            entry = seen[("theme", theme_id)]
            line, column = entry.source.position(("id",))
            problems.warning(
                entry.source.display, line, column, "id",
                f"the theme '{theme.title}' is not used by any record yet; its page will say so.",
            )


def _checked(entry: Entry, themes: dict[str, Theme], panels: set[str]) -> tuple[list, set[str]]:
    own = Problems()
    return own.items, _check_entry(entry, themes, panels, own)


def _check_entry(entry: Entry, themes: dict[str, Theme], panels: set[str], problems: Problems) -> set[str]:
    """One record's own checks against the themes and panels; returns the theme tags it uses."""
    used: set[str] = set()
    examples: list[Loc] = []  # values still as `new` wrote them
    unlinked: list[tuple[Loc, Tool]] = []  # tools whose address is not known yet
    for loc, value in walk(entry.record):
        if isinstance(value, str) and value.startswith(EXAMPLE):
            examples.append(loc)
        if isinstance(value, list) and loc and loc[-1] in ("themes", "related") and all(isinstance(v, str) for v in value):
            for i, tag in enumerate(value):
                if tag in themes:
                    if loc[-1] == "themes":
                        used.add(tag)
                    continue
                line, column = entry.source.position(loc + (i,))
                problems.error(
                    entry.source.display, line, column, format_path_loc(loc + (i,)),
                    f"'{tag}' is not a theme in the vocabulary.{suggest_theme(tag, themes)}",
                )
        if isinstance(value, list) and loc and loc[-1] == "questions":
            _repeated_questions(entry, loc, value, problems)
        if isinstance(value, Tool) and not value.link:
            unlinked.append((loc, value))
    _unlinked_tools(entry, unlinked, problems)
    if examples:
        line, column = entry.source.position(examples[0])
        problems.warning(
            entry.source.display, line, column, format_path_loc(examples[0]),
            f"still holds {len(examples)} example value{'s' if len(examples) != 1 else ''} {UNFINISHED} "
            f"(starting '{EXAMPLE}'), this one first: replace them with the record's own words, "
            "or delete the fields you do not need.",
        )
    panel = getattr(entry.record, "panel", None)
    if entry.kind == "panel-meeting" and panel and panel not in panels:
        line, column = entry.source.position(("panel",))
        problems.error(entry.source.display, line, column, "panel", f"no panel record has the id '{panel}'.")
    return used


def _unlinked_tools(entry: Entry, unlinked: list[tuple[Loc, Tool]], problems: Problems) -> None:
    """One warning per file for tools without a link (41 separate lines would bury real errors)."""
    if not unlinked:
        return
    loc, tool = unlinked[0]
    line, column = entry.source.position(loc)
    if len(unlinked) == 1:
        message = f"the tool '{tool.title}' has no link yet; it will be listed under 'web address not known yet'."
    else:
        others = ", ".join(str(entry.source.position(other)[0]) for other, _ in unlinked[1:])
        message = (
            f"{len(unlinked)} tools have no link yet and will be listed under 'web address not known yet': "
            f"'{tool.title}' here, and the others at lines {others}. Add 'link:' to each when its address is known."
        )
    problems.warning(entry.source.display, line, column, format_path_loc(loc), message)


def _repeated_questions(entry: Entry, loc: Loc, questions: list[Any], problems: Problems) -> None:
    first: dict[str, int] = {}
    for i, question in enumerate(questions):
        if not isinstance(question, Question):
            continue
        key = _normal(question.text)
        if key in first:
            line, column = entry.source.position(loc + (i,))
            problems.warning(
                entry.source.display, line, column, format_path_loc(loc + (i,)),
                f"this question repeats question {first[key] + 1} of the same bank word for word "
                "(kept as the source has it; remove one if the repeat is a mistake).",
            )
        else:
            first[key] = i


def suggest_theme(tag: str, themes: dict[str, Theme]) -> str:
    """Suggest the theme a mistyped or everyday tag most likely means, from ids, titles and aliases."""
    wanted = _normal(tag)
    names: dict[str, str] = {}
    for theme_id, theme in themes.items():
        for name in [theme_id, theme.title, *theme.aliases]:
            names.setdefault(_normal(name), theme_id)
    if wanted in names:
        theme = themes[names[wanted]]
        return f" Did you mean '{theme.id}' ({theme.title})?"
    # the closest themes by id, title and alias: names spelt nearly the same, and names holding every word of it
    near = difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)
    if near and difflib.SequenceMatcher(None, wanted, near[0]).ratio() >= 0.85:
        near = near[:1]  # a slip of the keyboard: the one theme it nearly spells
    close = [names[m] for m in near]
    words = set(wanted.split())
    close += [theme_id for name, theme_id in names.items() if words and words <= set(name.split())]
    found = list(dict.fromkeys(close))[:3]
    if found:
        choices = " or ".join(f"'{t}' ({themes[t].title})" for t in found)
        return f" Did you mean {choices}?"
    return (f" No theme's name or alias is close to it: use one of the ids in themes_data/themes/ (the staff "
            f"guide lists them with their aliases), or add '{tag}' as an alias of the theme it means.")


def themes_by_use(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Which records use each theme tag anywhere inside them."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        tags: set[str] = set()
        for loc, value in walk(entry.record):
            if isinstance(value, list) and loc and loc[-1] == "themes":
                tags.update(v for v in value if isinstance(v, str))
        for tag in sorted(tags):
            out[tag].append(entry)
    return out
