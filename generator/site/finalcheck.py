"""Inspect a built site before it is published: what each page loads, where its links go, what it says.

``output_check`` prepares the check of the staging folder; the build runs it once MkDocs has written the site. Pages are read with regular expressions rather
than a full HTML parser: the site is our own generated output, and this keeps the check fast on
thousands of pages.
"""

from __future__ import annotations

import bisect
import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.checks.links import scheme_of
from generator.checks.withheld import PhraseIndex, searchable_texts, withheld_phrases
from generator.core.problems import Problems

_LOADERS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "object": ("data",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "input": ("src",),
    "base": ("href",), "link": ("href",),
}
"""Elements that make the browser fetch something, and the attributes naming what."""

NON_FETCHING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me", "bookmark", "search"}
"""<link rel=…> values that name a page without loading it."""

_TAG = re.compile(r"<(a|area|" + "|".join(_LOADERS) + r")\b([^>]*)>", re.IGNORECASE)
_LOADER_TAG = re.compile(r"<(" + "|".join(_LOADERS) + r")\b([^>]*)>", re.IGNORECASE)
_TAG_LOWER = re.compile(_TAG.pattern)
_LOADER_TAG_LOWER = re.compile(_LOADER_TAG.pattern)
_NOT_LOWER_TAG = re.compile(r"<[a-z]*[A-Z]")
"""A tag name with a capital letter: only then are the (two to three times slower) case-blind patterns needed."""
_ATTR = re.compile(r"([a-zA-Z_:][-\w:.]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"style\s*=\s*(\"[^\"]*\"|'[^']*')")  # lower case: the literal prefix keeps it fast
"""A style attribute, once the character before it is found to be a space (see _style_attributes)."""
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ARTICLE_START = re.compile(r"<article\b", re.IGNORECASE)
_ARTICLE_END = re.compile(r"</article>", re.IGNORECASE)
_ADDRESS_PART = re.compile(r"[/\"']([a-z0-9][a-z0-9-]*)(?=/|\.html|\.pdf|\.md)")
"""A part of an address that may be a record's id (ids are slugs): '/ID/', '"ID.html', "'ID.pdf"."""
BAD_LINK_SCHEMES = ("javascript", "vbscript", "data", "file", "livescript")


@dataclass(slots=True)
class Reference:
    """One address a page refers to."""

    element: str
    """The element and attribute, e.g. 'script src' or 'a href' or 'css url()'."""
    url: str
    """The address as written."""
    index: int
    """Where it is in the page (characters from the start)."""
    loads: bool
    """True when the browser fetches it while showing the page (not a link people click)."""
    in_content: bool
    """True when it is inside the page's main content (the record's own text)."""
    line_of: Callable[[int], int] = field(default=lambda index: 0, repr=False, compare=False)

    @property
    def line(self) -> int:
        """The line of the page it is on (worked out only when a problem is reported)."""
        return self.line_of(self.index)


@functools.lru_cache(maxsize=65_536)
def _attrs(text: str) -> dict[str, str]:
    """A tag's attributes (kept: three in four tags of a site repeat another's attributes exactly; not to be changed)."""
    return {name.lower(): html.unescape(value.strip("\"'")) if "&" in value else value.strip("\"'")
            for name, value in _ATTR.findall(text)}


def _line_counter(text: str):
    """A function giving the line of an index in ``text`` (the newlines are found on first use)."""
    newlines: list[int] = []

    def line_of(index: int) -> int:
        if not newlines:
            newlines.extend(m.start() for m in re.finditer("\n", text))
            newlines.append(len(text))
        return bisect.bisect_left(newlines, index) + 1

    return line_of


def references(page: str) -> Iterator[Reference]:
    """Every address in an HTML page: links in its content, loaded resources and CSS url()s.

    Links outside the main content (navigation, header, footer) come from MkDocs and the theme,
    which check them themselves; reading only the resources there keeps this fast on big sites.
    """
    line_of = _line_counter(page)
    spans = list(_articles(page)) or [(0, len(page))]
    pieces = [(a, b, True) for a, b in spans]
    edges = [0] + [x for span in spans for x in span] + [len(page)]
    pieces += [(edges[i], edges[i + 1], False) for i in range(0, len(edges), 2) if edges[i] < edges[i + 1]]
    tags, loaders = (_TAG, _LOADER_TAG) if _NOT_LOWER_TAG.search(page) else (_TAG_LOWER, _LOADER_TAG_LOWER)
    for start, end, content in sorted(pieces):
        for m in (tags if content else loaders).finditer(page, start, end):
            yield from _tag_references(m.group(1).lower(), _attrs(m.group(2)), m.start(), content, line_of)
    for block in _STYLE_BLOCK.finditer(page):
        yield from css_references(block.group(1), block.start(1), line_of)
    for index, value in _style_attributes(page):
        yield from css_references(html.unescape(value.strip("\"'")), index, line_of)


def _style_attributes(page: str) -> Iterator[tuple[int, str]]:
    """(where, value) of each style="…" attribute: 'style=' after a space (the space is where it is).

    A pattern starting with the space would be tried at every space of the page; this one starts
    with a literal word, which the regular expression engine finds quickly."""
    at = 0
    while (m := _STYLE_ATTR.search(page, at)) is not None:
        if m.start() and page[m.start() - 1].isspace():
            yield m.start() - 1, m.group(1)
            at = m.end()
        else:
            at = m.start() + 1


def _articles(page: str) -> Iterator[tuple[int, int]]:
    """Where each <article>…</article> is: from its start to the first end after it (as the lazy pattern
    '<article.*?</article>' would find them, without trying the end at every character between)."""
    at = 0
    while (start := _ARTICLE_START.search(page, at)) is not None:
        end = _ARTICLE_END.search(page, start.end())
        if end is None:
            return
        yield start.start(), end.end()
        at = end.end()


def _tag_references(tag: str, attrs: dict[str, str], index: int, in_content: bool, line_of) -> Iterator[Reference]:
    if tag in ("a", "area"):
        if "href" in attrs:
            yield Reference(f"{tag} href", attrs["href"], index, False, in_content, line_of)
        return
    loads = True
    if tag == "link":
        rels = set(attrs.get("rel", "").lower().split())
        loads = not rels or not rels <= NON_FETCHING_RELS
    if tag == "input" and attrs.get("type", "").lower() != "image":
        return
    for name in _LOADERS[tag]:
        if name in attrs:
            urls = [c.strip().split()[0] for c in attrs[name].split(",") if c.strip()] if name == "srcset" else [attrs[name]]
            for url in urls:
                yield Reference(f"{tag} {name}", url, index, loads, in_content, line_of)


def css_references(css: str, offset: int = 0, line_of: Callable[[int], int] | None = None) -> Iterator[Reference]:
    """Every url(…) and @import in a stylesheet (``offset`` and ``line_of`` place it inside a page)."""
    if line_of is None:
        line_of = _line_counter(css)
    for m in _CSS_URL.finditer(css):
        url = next((g for g in m.groups() if g is not None), "")
        kind = "css @import" if m.group().lower().startswith("@import") else "css url()"
        yield Reference(kind, url.strip(), offset + m.start(), True, False, line_of)


def leaves_site(url: str, own_host: str | None) -> bool:
    """Whether fetching ``url`` would contact another host (data: and same-site addresses do not)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("data", "blob", "about") or (not parts.scheme and not url.strip().startswith("//")):
        return False
    host = (parts.hostname or "").lower()
    return not (own_host and host == own_host.lower())


def resolve(page: str, url: str, site: Path, base_path: str = "/", cache: dict | None = None) -> tuple[str, bool] | None:
    """Where an internal ``url`` on the page ``page`` (relative to the site) points, and whether it exists.

    None for addresses that are not internal, or that stay on the same page ('#top').
    """
    path = _internal_path(url)
    if not path:
        return None
    if path.startswith("/"):
        path = path[len(base_path):] if base_path != "/" and path.startswith(base_path) else path.lstrip("/")
        target = posixpath.normpath(path) if path else "."
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == ".." or target.startswith("../"):
        return target, False
    key = (target, path.endswith("/"))
    if cache is not None and key in cache:
        return target, cache[key]
    candidate = site / target if target != "." else site
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    exists = candidate.is_file()
    if cache is not None:
        cache[key] = exists
    return target, exists


@functools.lru_cache(maxsize=100_000)
def _internal_path(url: str) -> str | None:
    """The path of an internal address (None for one with a scheme or a host); pages repeat their links."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or url.strip().startswith("//"):
        return None
    return unquote(parts.path)


@dataclass
class OutputCheck:
    """The final checks on one built site, file by file (see output_check)."""

    site: Path
    """The built site (the staging folder)."""
    problems: Problems
    """Where problems are added."""
    own_host: str | None
    """The site's own host (from site_url): addresses there do not leave the site."""
    base_path: str
    """The path the site is published under (from site_url), e.g. '/' or '/learning/'."""
    phrases: PhraseIndex
    """The withheld records' phrases."""
    ids: list[str]
    """The withheld records' ids (their web addresses and file names)."""
    resolved: dict = field(default_factory=dict)
    """Whether each target exists, by target path."""
    links: dict = field(default_factory=dict)
    """Where each link goes, by (page folder, address): pages in one folder share their links."""
    id_set: frozenset[str] = frozenset()
    """The withheld records' ids, for lookups (made from ``ids``)."""
    verdicts: dict = field(default_factory=dict)
    """Per address: (loads from another host, scheme); every page repeats the theme's addresses."""

    def __post_init__(self) -> None:
        self.id_set = frozenset(self.ids)

    def verdict(self, url: str) -> tuple[bool, str | None]:
        """Whether fetching ``url`` leaves the site, and its scheme as a browser sees it (cached)."""
        found = self.verdicts.get(url)
        if found is None:
            found = self.verdicts[url] = (leaves_site(url, self.own_host), scheme_of(url))
        return found

    def run(self) -> None:
        """Check every file of the site, one at a time."""
        for path in sorted(p for p in self.site.rglob("*") if p.is_file()):
            self.file(path)

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
        named = self.id_set.intersection(path.relative_to(self.site).with_suffix("").parts) if self.id_set else ()
        for withheld_id in sorted(named):
            self.problems.error(shown, 0, 0, "", f"is named after the restricted record '{withheld_id}'; it must not be published.")
        if self.phrases:
            leaked = self.phrases.find_in(searchable_texts(path, text))
            if leaked:
                self.problems.error(
                    shown, 0, 0, "",
                    f"contains text from the restricted record {leaked[1]} (\"{leaked[0]}\"); it must not be published.",
                )
        if self.id_set and text is not None and suffix != ".css":
            # one pass over the file's addresses, each looked up among the ids: a pattern listing
            # every id would cost time in proportion to the number of withheld records at each character
            named = self.id_set.intersection(_ADDRESS_PART.findall(text))
            match = re.search(r"[/\"'](" + "|".join(map(re.escape, sorted(named))) + r")(?:/|\.html|\.pdf|\.md)",
                              text) if named else None
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


def _check_page(rel: str, page: str, check: OutputCheck) -> None:
    shown, folder = f"site/{rel}", posixpath.dirname(rel)
    for ref in references(page):
        leaves, scheme = check.verdict(ref.url)
        if ref.loads:
            if leaves:
                check.problems.error(shown, ref.line, 0, ref.element, _third_party(ref.url))
            continue
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


def output_check(public_project, site_dir: Path, problems: Problems, withheld: list) -> OutputCheck:
    """The final checks of the site that will be built in ``site_dir``, ready to run.

    - nothing is loaded from another host (scripts, styles, fonts, images, frames, CSS url()/@import);
    - no link uses a script scheme, and every internal link in a page's content resolves;
    - no text, address or file of a withheld (restricted) record is in any file.

    It holds only what it needs of the project (the withheld records' phrases and ids, the site's
    address), so the build can let the project go before MkDocs runs."""
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


def check_output(public_project, site_dir: Path, problems: Problems, withheld: list) -> None:
    """Run the final checks on a built site now; problems are added to ``problems``."""
    output_check(public_project, site_dir, problems, withheld).run()
