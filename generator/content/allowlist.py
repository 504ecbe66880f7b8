"""The reviewed allowlist (privacy-allowlist.yaml): personal-data findings a person checked and accepted.

Each entry names the exact text the check quoted, optionally the file it is accepted in, and the
reason it is safe to publish. Nothing else silences a finding, so the file is the record of every
such decision, reviewed like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from generator.content.load import SourceFile, load_file
from generator.content.models.common import Strict, Text
from generator.core.problems import Problems

ALLOWLIST_FILE = "privacy-allowlist.yaml"
"""Where the allowlist lives, at the project's top level."""


class Acknowledgement(Strict):
    """One finding a reviewer accepted as safe to publish."""

    text: Text = Field(description="The exact text the check quoted in its message, e.g. 'Janice Brown'.")
    file: str | None = Field(
        default=None,
        description="The record file it is accepted in, relative to the project folder; leave out to accept it in every file.",
    )
    reason: Text = Field(description="Why publishing it is safe, in a sentence: who or what it is and why it may be published.")

    @field_validator("reason")
    @classmethod
    def _a_real_reason(cls, value: str) -> str:
        if len(value.split()) < 4:
            raise ValueError(
                f"'{value}' is too short to be a reason: say in a sentence who or what this is "
                "and why it is safe to publish"
            )
        return value


class Allowlist(Strict):
    """The reviewed allowlist file (privacy-allowlist.yaml)."""

    allowed: list[Acknowledgement] = Field(default_factory=list, description="The accepted findings.")


@dataclass
class LoadedAllowlist:
    """The allowlist as loaded, remembering which entries were used in this run."""

    entries: list[Acknowledgement | None] = field(default_factory=list)
    """The entries in file order; None where an entry is invalid (reported already)."""
    source: SourceFile | None = None
    used: set[int] = field(default_factory=set)
    """Entries that matched a finding in this run (and entries already reported as naming no file)."""

    def accepts(self, path: str, text: str) -> bool:
        """Whether a finding of ``text`` in the file ``path`` has been acknowledged."""
        for i, entry in enumerate(self.entries):
            if entry is not None and entry.text == text and (entry.file is None or Path(entry.file).as_posix() == Path(path).as_posix()):
                self.used.add(i)
                return True
        return False

    def report_unused(self, problems: Problems) -> None:
        """Warn about entries that no longer match anything, so the list does not grow stale."""
        if self.source is None:
            return
        for i, entry in enumerate(self.entries):
            if entry is not None and i not in self.used:
                line, column = self.source.position(("allowed", i))
                problems.warning(
                    self.source.display, line, column, f"allowed[{i}]",
                    f"'{entry.text}' no longer appears in {entry.file or 'any record'}; remove this entry.",
                )


def load_allowlist(root: Path, problems: Problems) -> LoadedAllowlist:
    """Read and check privacy-allowlist.yaml; a missing or comments-only file means no entries."""
    from generator.content.validate import validate_data

    path = root / ALLOWLIST_FILE
    if not path.exists():
        return LoadedAllowlist()
    raw = path.read_bytes()
    try:
        if all(not ln.strip() or ln.lstrip().startswith("#") for ln in raw.decode("utf-8").splitlines()):
            return LoadedAllowlist()
    except UnicodeDecodeError:
        pass  # load_file says so, with the line
    source = load_file(path, ALLOWLIST_FILE, problems)
    if source.data is None:
        return LoadedAllowlist()
    allowlist = validate_data(source, Allowlist, problems, kind_label="privacy allowlist")
    if isinstance(allowlist, Allowlist):
        entries = list(allowlist.allowed)
    elif isinstance(source.data, dict) and isinstance(source.data.get("allowed"), list):
        entries = [_valid_or_none(item) for item in source.data["allowed"]]  # keep the good ones in use
    else:
        return LoadedAllowlist()
    seen: dict[tuple[str, str | None], int] = {}
    missing: set[int] = set()
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        if entry.file is not None and not (root / entry.file).is_file():
            line, column = source.position(("allowed", i, "file"))
            problems.warning(
                ALLOWLIST_FILE, line, column, f"allowed[{i}].file",
                f"'{entry.file}' is not a file in this project, so this entry accepts nothing. Give the "
                "record's path (e.g. content/panel/x.yaml), or remove the entry if the record has gone.",
            )
            missing.add(i)
        key = (entry.text, entry.file)
        if key in seen:
            line, column = source.position(("allowed", i))
            problems.warning(
                ALLOWLIST_FILE, line, column, f"allowed[{i}]",
                f"repeats entry {seen[key] + 1} ('{entry.text}'); keep one of them.",
            )
        seen.setdefault(key, i)
    return LoadedAllowlist(entries=entries, source=source, used=missing)


def _valid_or_none(item) -> Acknowledgement | None:
    try:
        return Acknowledgement.model_validate(item)
    except ValidationError:
        return None
