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
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from .allowlist import ALLOWLIST_FILE, LoadedAllowlist, load_allowlist
from .links import LinkKind, classify, links_in_text, scheme_of
from .privacy import Finding, OwnContacts, find_personal_data
from .problems import Problems, format_path_loc
from .sitecheck import (
    BAD_LINK_SCHEMES,
    SHINGLE,
    PhraseIndex,
    css_references,
    leaves_site,
    normal_words,
    references,
    resolve,
    searchable,
    shingles,
)

FIX = f"If it could identify someone, remove it; if it is safe to publish, add it to {ALLOWLIST_FILE} with the reason."
_SLUG_LISTS = ("themes", "related")


# ------------------------------------------------------------------------------ scan_project


def scan_project(project, only: list[Path] | None = None) -> Problems:
    """Personal-data findings and link problems in every text field (with ``only``, those files)."""
    problems = Problems()
    allowlist = load_allowlist(project.root, problems)
    own = OwnContacts.from_config(project.config.contact)
    wanted = _wanted(project.root, only)
    for entry in project.entries:
        if wanted is None or entry.source.display in wanted:
            scan_entry(entry, own, allowlist, problems)
    settings = _settings_entry(project)
    if settings is not None and (wanted is None or "site.yaml" in wanted):
        scan_entry(settings, own, allowlist, problems)
    if wanted is None:
        allowlist.report_unused(problems)
    return problems


def _settings_entry(project):
    """site.yaml as an entry, so that its published text (names, known issues) is checked too.

    The contact details are left out: they are the board's own and are what the check allows.
    """
    from .load import load_file
    from .validate import Entry

    path = project.root / "site.yaml"
    if not path.is_file():
        return None
    source = load_file(path, "site.yaml", Problems())  # its problems are reported by load_config
    if source.data is None:
        return None
    return Entry(kind="site", record=project.config.model_copy(update={"contact": None}), source=source)


def scan_entry(entry, own: OwnContacts, allowlist: LoadedAllowlist, problems: Problems) -> None:
    """Check one record's text fields."""
    from .validate import walk

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
    from .project import YAML_SUFFIXES, display_path

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
    if withheld is None:
        withheld = _withheld_of(public_project.root)
    site_url = public_project.config.site_url or ""
    public_ids = {e.id for e in public_project.entries}
    check = _OutputCheck(
        site=Path(site_dir),
        problems=problems,
        own_host=urlsplit(site_url).hostname,
        base_path=urlsplit(site_url).path or "/",
        phrases=withheld_phrases(public_project, withheld),
        ids=[e.id for e in withheld if e.id not in public_ids],
    )
    for path in sorted(p for p in check.site.rglob("*") if p.is_file()):
        check.file(path)


@dataclasses.dataclass
class _OutputCheck:
    site: Path
    problems: Problems
    own_host: str | None
    base_path: str
    phrases: PhraseIndex
    ids: list[str]
    resolved: dict = dataclasses.field(default_factory=dict)
    """Whether each target exists, by target path."""
    links: dict = dataclasses.field(default_factory=dict)
    """Where each link goes, by (page folder, address): pages in one folder share their links."""
    id_pattern: re.Pattern[str] | None = None
    """Finds an address of a withheld record (made on first use)."""

    def file(self, path: Path) -> None:
        rel = path.relative_to(self.site).as_posix()
        shown, suffix = f"site/{rel}", path.suffix.lower()
        text = path.read_text(encoding="utf-8", errors="replace") if suffix in (".html", ".htm", ".css", ".json", ".xml", ".txt") else None
        if suffix in (".html", ".htm"):
            _check_page(rel, text or "", self)
        elif suffix == ".css":
            for ref in css_references(text or ""):
                if leaves_site(ref.url, self.own_host):
                    self.problems.error(shown, ref.line, 0, ref.element, _third_party(ref.url))
        for withheld_id in self.ids:
            if withheld_id in path.relative_to(self.site).with_suffix("").parts:
                self.problems.error(shown, 0, 0, "", f"is named after the restricted record '{withheld_id}'; it must not be published.")
        if self.phrases:
            leaked = self.phrases.find(searchable(path, text))
            if leaked:
                self.problems.error(
                    shown, 0, 0, "",
                    f"contains text from the restricted record {leaked[1]} (\"{leaked[0]}\"); it must not be published.",
                )
        if self.ids and text is not None and suffix != ".css":
            if self.id_pattern is None:
                self.id_pattern = re.compile(r"[/\"'](" + "|".join(map(re.escape, self.ids)) + r")(?:/|\.html|\.pdf|\.md)")
            match = self.id_pattern.search(text)
            if match:
                self.problems.error(
                    shown, text.count("\n", 0, match.start()) + 1, 0, "",
                    f"links to the restricted record '{match.group(1)}'; it must not be published.",
                )


def _third_party(url: str) -> str:
    return (
        f"loads '{url}' from outside the site. The site must not make third-party requests: "
        "ship the file with the site (or use system fonts) instead."
    )


def _check_page(rel: str, page: str, check: _OutputCheck) -> None:
    shown, folder = f"site/{rel}", posixpath.dirname(rel)
    for ref in references(page):
        if ref.loads:
            if leaves_site(ref.url, check.own_host):
                check.problems.error(shown, ref.line, 0, ref.element, _third_party(ref.url))
            continue
        scheme = scheme_of(ref.url)
        if scheme in BAD_LINK_SCHEMES:
            check.problems.error(shown, ref.line, 0, ref.element, f"has a '{scheme}:' link, which is never allowed.")
        elif ref.in_content and scheme is None:
            key = (folder, ref.url)
            if key not in check.links:
                check.links[key] = resolve(rel, ref.url, check.site, check.base_path, check.resolved)
            resolved = check.links[key]
            if resolved is not None and not resolved[1]:
                check.problems.error(
                    shown, ref.line, 0, ref.element,
                    f"links to '{ref.url}', which is not a page or file of the site (broken link).",
                )


def withheld_phrases(public_project, withheld: list) -> PhraseIndex:
    """Distinctive phrases of withheld records, with the file each came from.

    Each text field of four words or more gives runs of eight words (one every four words, so any
    leaked passage of eleven words or more contains one), or the whole field when it is shorter.
    Phrases that also occur in a published record are left out: finding them proves nothing.
    """
    from .validate import walk

    phrases: dict[str, str] = {}
    for entry in withheld:
        for loc, value in walk(entry.record):
            if not isinstance(value, str) or not loc or loc[-1] in ("kind", "id"):
                continue
            words = normal_words(value)
            runs = list(shingles(words, step=4)) if len(words) >= SHINGLE else [" ".join(words)] if len(words) >= 4 else []
            for run in runs:
                phrases.setdefault(run, entry.source.display)
    index = PhraseIndex(sorted(phrases.items()))
    if not index:
        return index
    return index.without(  # one text per published record; '|' keeps a phrase from spanning two fields
        normal_words(" | ".join(v for _, v in walk(e.record) if isinstance(v, str))) for e in public_project.entries
    )


def _withheld_of(root: Path) -> list:
    from .project import load_project

    project, _ = load_project(root)
    return publishable(project)[1]
