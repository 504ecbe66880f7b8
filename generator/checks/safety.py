"""Publication safety, run by `check` and by every build: personal data, links, restricted records.

Three steps of the pipeline live here:

- ``scan_project``: every text field of every record is searched for personal data
  (generator/privacy.py) and its links are checked (generator/links.py); findings are errors
  unless acknowledged in privacy-allowlist.yaml.
- ``publishable``: records marked ``restricted: true`` are taken out before anything is rendered.
- ``check_output``: the built site, before it replaces the old one, must load nothing from
  another host, have no broken internal links and contain no text from a withheld record.
"""

from __future__ import annotations

import bisect
import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

from generator.checks.dates import check_dates
from generator.checks.links import LinkKind, classify, links_in_text
from generator.checks.privacy import Finding, OwnContacts, find_personal_data
from generator.checks.withheld import withheld_phrases
from generator.content.allowlist import ALLOWLIST_FILE, LoadedAllowlist, load_allowlist
from generator.core.problems import Problems, format_path_loc
from generator.site.finalcheck import OutputCheck

FIX = f"If it could identify someone, remove it; if it is safe to publish, add it to {ALLOWLIST_FILE} with the reason."
_SLUG_LISTS = ("themes", "related")


# ------------------------------------------------------------------------------ scan_project


def scan_project(project, only: list[Path] | None = None, memo: dict | None = None) -> Problems:
    """Personal-data findings and link problems in every text field (with ``only``, those files).

    ``memo`` (kept by generator.pipeline.session while site.yaml and the allowlist stay the same) holds each
    record's findings and the allowlist entries it used, so an unchanged record is not scanned again.
    """
    problems = Problems()
    allowlist = load_allowlist(project.root, problems)
    own = OwnContacts.from_config(project.config.contact)
    wanted = _wanted(project.root, only)
    for entry in project.entries:
        if memo is not None:
            hit = memo.get(id(entry))
            if hit is None or hit[0] is not entry:
                found, view = Problems(), dataclasses.replace(allowlist, used=set())
                scan_entry(entry, own, view, found)
                hit = memo[id(entry)] = (entry, found.items, view.used)
            problems.items.extend(hit[1])
            allowlist.used |= hit[2]
        elif wanted is None or entry.source.display in wanted:
            scan_entry(entry, own, allowlist, problems)
    settings = _settings_entry(project)
    if settings is not None and (wanted is None or "site.yaml" in wanted):
        scan_entry(settings, own, allowlist, problems)
    problems.extend(check_dates(project, wanted))  # schedules, change notes, reviews due, contacts
    if wanted is None:
        allowlist.report_unused(problems)
    return problems


def _settings_entry(project):
    """site.yaml as an entry, so that its published text (names, known issues) is checked too.

    The contact details are left out: they are the board's own and are what the check allows (the
    words saying whom to ask instead are checked).
    """
    from generator.content.load import load_file
    from generator.content.validate import Entry

    path = project.root / "site.yaml"
    if not path.is_file():
        return None
    source = load_file(path, "site.yaml", Problems())  # its problems are reported by load_config
    if source.data is None:
        return None
    # only the free text of `contact:` (whom to ask while a contact is missing) is checked like the rest
    kept = type(project.config.contact)(ask_instead=project.config.contact.ask_instead)
    return Entry(kind="site", record=project.config.model_copy(update={"contact": kept}), source=source)


def scan_entry(entry, own: OwnContacts, allowlist: LoadedAllowlist, problems: Problems) -> None:
    """Check one record's text fields."""
    from generator.content.validate import walk

    display = entry.source.display
    lines = _source_lines(entry.source.path)
    starts = sorted({line for line, _ in entry.source.positions.values()})
    for loc, value in walk(entry.record):
        if not isinstance(value, str) or not loc or loc[-1] in ("id", "kind") or (len(loc) > 1 and loc[-2] in _SLUG_LISTS):
            continue
        field = format_path_loc(loc)
        for finding in find_personal_data(value, own):
            if not allowlist.accepts(display, finding.text):
                line, column = _locate(entry.source, loc, value, finding, lines, starts)
                problems.error(display, line, column, field, f"{finding.message}. {FIX}")
        is_address_field = loc[-1] in ("url", "link")
        urls = ([value] if is_address_field and value.strip() else []) + links_in_text(value)
        for url in urls:
            verdict = classify(url)
            line, column = entry.source.position(loc)
            if verdict.kind is LinkKind.REFUSED:
                problems.error(display, line, column, field, verdict.message)
            elif verdict.kind is LinkKind.TO_FOLLOW:
                shown = f"the link '{url}'" if url else "a link"
                problems.warning(display, line, column, field, f"link to follow: {shown} {verdict.message}")


def _wanted(root: Path, only: list[Path] | None) -> set[str] | None:
    if not only:
        return None
    from generator.content.project import YAML_SUFFIXES, display_path

    wanted: set[str] = set()
    for item in only:
        item = Path(item).resolve()
        paths = [p for p in item.rglob("*") if p.suffix.lower() in YAML_SUFFIXES] if item.is_dir() else [item]
        wanted.update(display_path(p, root) for p in paths)
    return wanted


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


# ------------------------------------------------------------------------------ check_output


def check_output(public_project, site_dir: Path, problems: Problems, withheld: list | None = None) -> None:
    """Final checks on the built site before it is published; problems are added to ``problems``.

    - nothing is loaded from another host (scripts, styles, fonts, images, frames, CSS url()/@import);
    - no link uses a script scheme, and every internal link in a page's content resolves;
    - no text, address or file of a withheld (restricted) record is in any file.
    """
    output_check(public_project, site_dir, problems, withheld).run()


def output_check(public_project, site_dir: Path, problems: Problems, withheld: list | None = None) -> OutputCheck:
    """check_output, ready to run on ``site_dir``: it holds only what it needs of the project (the
    withheld records' phrases and ids, the site's address), so the build can let the project go first."""
    if withheld is None:
        withheld = _withheld_of(public_project.root)
    site_url = public_project.config.site_url or ""
    public_ids = {e.id for e in public_project.entries}
    return OutputCheck(
        site=Path(site_dir),
        problems=problems,
        own_host=urlsplit(site_url).hostname,
        base_path=urlsplit(site_url).path or "/",
        phrases=withheld_phrases(public_project, withheld),
        ids=[e.id for e in withheld if e.id not in public_ids],
    )


def _withheld_of(root: Path) -> list:
    from generator.content.project import load_project

    project, _ = load_project(root)
    return publishable(project)[1]
