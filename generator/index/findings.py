"""What the theme index is made of: a finding (one thing tagged with a theme), where it comes from, and a theme's findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.models.theme import Theme, Tool

GROUPS: dict[str, str] = {
    "panel": "Case review panel: themes and top tips",
    "actions": "Actions taken or planned",
    "forum": "Practitioner forum messages",
    "review": "Thematic review: key themes, sub-themes and tools",
    "questions": "Questions for reflection",
    "circle": "Learning circle outcomes",
    "tips": "Top tips",
    "tools": "Tools and guidance",
    "passages": "Other passages",
}
"""Each group of findings on a theme page, in the order shown, with its heading."""


@dataclass(frozen=True)
class Origin:
    """The record a finding comes from: what readers need to judge it (publisher, date, place)."""

    kind: str
    """The record's kind, e.g. 'panel-meeting'."""
    id: str
    """The record's id."""
    title: str
    """The record's title."""
    path: str
    """The record's page (docs-relative), e.g. 'panel-meetings/cheltenham-2013-09-27.md'."""
    publisher: str | None = None
    """Who published it."""
    date: str | None = None
    """The meeting date, report date or publication date (YYYY, YYYY-MM or YYYY-MM-DD), if known."""
    locality: str | None = None
    """Where a panel meeting was held, e.g. 'Cheltenham'."""


@dataclass(frozen=True)
class Finding:
    """One thing tagged with a theme, with the exact section of the page it links to."""

    group: str
    """Which group of the theme page it belongs to: a key of GROUPS."""
    role: str
    """What it is: 'theme-heading', 'point', 'top-tip', 'action', 'item', 'key-theme', 'sub-theme',
    'tool', 'question', 'outcome', 'tip', 'record' or 'passage'."""
    text: str
    """Its words (a heading, a point, a question, a tool's title), in the small inline Markdown subset."""
    origin: Origin
    """The record it comes from."""
    path: str
    """The page it is on (docs-relative Markdown path)."""
    anchor: str
    """The id of its exact section or item on that page."""
    context: str | None = None
    """The heading it sits under in its record, e.g. 'Keep doing', 'Experience' or a key theme's title."""
    status: str | None = None
    """For actions: 'completed' or 'planned'."""
    tool: Tool | None = None
    """For tools: the tool (type, link, note). A tool without a link shows 'link to follow'."""
    children: tuple[Finding, ...] = ()
    """What belongs under it: a panel heading's points and tips, a key theme's sub-themes and tools."""
    tags: tuple[str, ...] = ()
    """The themes it is listed under (for a panel heading's points and tips: the heading's and their own)."""

    @property
    def url(self) -> str:
        """The docs-relative link to the exact place: 'path.md#anchor'."""
        return f"{self.path}#{self.anchor}" if self.anchor else self.path


@dataclass
class ThemeFindings:
    """A theme with everything the partnership has published about it."""

    theme: Theme
    """The theme itself (title, description, aliases, related)."""
    path: str
    """The theme's own page, e.g. 'themes/domestic-abuse.md'."""
    records: list[Origin] = field(default_factory=list)
    """Records tagged with the theme as a whole, newest first."""
    groups: dict[str, list[Finding]] = field(default_factory=dict)
    """Findings by group (keys of GROUPS, in that order; only groups that have findings)."""

    @property
    def count(self) -> int:
        """How many findings and records there are (what the A–Z index shows)."""
        return len(self.records) + sum(len(items) for items in self.groups.values())

    @property
    def sources(self) -> list[Origin]:
        """Every record with something about this theme, once each, in page order."""
        seen: dict[str, Origin] = {o.path: o for o in self.records}
        for items in self.groups.values():
            for finding in items:
                seen.setdefault(finding.origin.path, finding.origin)
        return list(seen.values())
