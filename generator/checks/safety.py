"""Publication safety, run by `check` and by every build: personal data, links, restricted records.

Two steps of the pipeline live here (the final checks of the built site are in generator.site.finalcheck):

- ``scan_project``: every text field of every record is searched for personal data
  (generator/checks/privacy.py) and its links are checked (generator/checks/links.py); findings are
  errors unless acknowledged in privacy-allowlist.yaml. A public record that links to a restricted
  one, or names a restricted panel, is reported too (generator/checks/restricted.py).
- ``publishable``: records marked ``restricted: true`` are taken out before anything is rendered.
"""

from __future__ import annotations

import bisect
import dataclasses
from pathlib import Path

from generator.checks.links import LinkKind, classify, links_in_text
from generator.checks.privacy import Finding, OwnContacts, find_personal_data
from generator.checks.restricted import check_restricted_panels, link_to_restricted, restricted_by_id
from generator.content.allowlist import ALLOWLIST_FILE, LoadedAllowlist, load_allowlist
from generator.core.memo import RecordMemo
from generator.core.problems import Problems, format_path_loc

FIX = f"If a person has checked that it is safe to publish, add it to {ALLOWLIST_FILE} with the reason."
_SLUG_LISTS = ("themes", "related")


# ------------------------------------------------------------------------------ scan_project


def scan_project(project, memo: RecordMemo | None = None) -> Problems:
    """Personal-data findings and link problems in every text field of every record and of site.yaml.

    ``memo`` (kept by generator.pipeline.session while site.yaml and the allowlist stay the same) holds each
    record's findings and the allowlist entries it used, so an unchanged record is not scanned again.
    """
    problems = Problems()
    allowlist = load_allowlist(project.root, problems)
    own = OwnContacts.from_config(project.config.contact)
    places = declared_places(project)
    hidden = restricted_by_id(project)
    context = (places, frozenset(hidden))
    memo = memo if memo is not None else RecordMemo()
    for entry in project.entries:
        def scan(entry=entry) -> tuple[list, set]:
            found, view = Problems(), dataclasses.replace(allowlist, used=set())
            scan_entry(entry, own, view, found, places, hidden)
            return found.items, view.used

        items, used = memo.get(entry, scan, context)
        problems.items.extend(items)
        allowlist.used |= used
    settings = _settings_entry(project)
    if settings is not None:
        scan_entry(settings, own, allowlist, problems, places)
    allowlist.report_unused(problems)
    check_restricted_panels(project, hidden, problems)
    return problems


def declared_places(project) -> frozenset[str]:
    """The places the board declares: its panel meetings' localities and site.yaml's ``safe_places``."""
    places = {getattr(e.record, "locality", None) for e in project.entries if e.kind == "panel-meeting"}
    places.update(getattr(project.config, "safe_places", None) or [])
    return frozenset(p.strip() for p in places if p and p.strip())


def _settings_entry(project):
    """site.yaml as an entry, so that its published text (names, known issues) is checked too.

    The contact details are left out: they are the board's own and are what the check allows (the
    words saying whom to ask instead are checked).
    """
    from generator.content.validate import Entry

    source = project.settings
    if source is None or source.data is None:
        return None
    # only the free text of `contact:` (whom to ask while a contact is missing) is checked like the rest
    kept = type(project.config.contact)(ask_instead=project.config.contact.ask_instead)
    return Entry(kind="site", record=project.config.model_copy(update={"contact": kept}), source=source)


def scan_entry(entry, own: OwnContacts, allowlist: LoadedAllowlist, problems: Problems,
               places: frozenset[str] = frozenset(), hidden: dict | None = None) -> None:
    """Check one record's text fields (``places``: the localities the board declares, see declared_places;
    ``hidden``: the restricted records by id, which a public record must not link to)."""
    from generator.content.validate import walk

    display = entry.source.display
    lines = _source_lines(entry.source.path)
    starts = sorted({line for line, _ in entry.source.positions.values()})
    hidden = hidden if hidden and not is_restricted(entry) else None
    for loc, value in walk(entry.record):
        if not isinstance(value, str) or not loc or loc[-1] in ("id", "kind") or (len(loc) > 1 and loc[-2] in _SLUG_LISTS):
            continue
        for finding in find_personal_data(value, own, places):
            if not allowlist.accepts(display, finding.text):
                line, column = _locate(entry.source, loc, value, finding, lines, starts)
                problems.error(display, line, column, format_path_loc(loc), f"{finding.message} {FIX}")
        is_address_field = loc[-1] in ("url", "link")
        urls = ([value] if is_address_field and value.strip() else []) + links_in_text(value)
        for url in urls:
            verdict = classify(url)
            line, column = entry.source.position(loc)
            if verdict.kind is LinkKind.REFUSED:
                problems.error(display, line, column, format_path_loc(loc), verdict.message)
            elif verdict.kind is LinkKind.TO_FOLLOW:
                shown = f"the link '{url}'" if url else "a link"
                problems.warning(display, line, column, format_path_loc(loc), f"link to follow: {shown} {verdict.message}")
            elif verdict.kind is LinkKind.INTERNAL and hidden:
                link_to_restricted(entry, loc, url, hidden, problems)


def _locate(source, loc, value: str, finding: Finding, lines: list[str], starts: list[int]) -> tuple[int, int]:
    """The line and column of a finding inside a (possibly folded, multi-line) text field.

    The search runs from where the field's value starts to where the next value starts, and
    skips as many earlier occurrences of the finding's first word as the value has before it.
    """
    line, column = source.positions.get(tuple(loc)) or source.position(loc)
    following = bisect.bisect_right(starts, line)
    end = starts[following] if following < len(starts) else len(lines) + 1
    first = finding.text.split()[0]
    skip = value[: finding.start].count(first)
    for number in range(line, min(end, len(lines) + 1)):
        text = lines[number - 1]
        index = text.find(first, column - 1 if number == line else 0)
        while index != -1:
            if skip == 0:
                return number, index + 1
            skip -= 1
            index = text.find(first, index + 1)
    return line, column


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


# ------------------------------------------------------------------------------ publishable


def is_restricted(entry) -> bool:
    return bool(getattr(entry.record, "restricted", False))


def publishable(project):
    """The project without its restricted records, and the records withheld."""
    public = [e for e in project.entries if not is_restricted(e)]
    withheld = [e for e in project.entries if is_restricted(e)]
    return dataclasses.replace(project, entries=public), withheld
