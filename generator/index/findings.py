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


@dataclass(frozen=True, slots=True)
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
    short: str = ""
    """A short name for source lines and page titles: the record's short_title, or for a panel meeting
    its place and date ('Cheltenham panel, 27 September 2013'), else its title."""

    @property
    def name(self) -> str:
        """The short name, or the title when there is none."""
        return self.short or self.title


@dataclass(frozen=True, slots=True)
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
    unattributed: bool = False
    """For actions: the source prints them without naming the meeting they come from."""
    label: str | None = None
    """Its place in a numbered list of the source, e.g. 'Analysis 3' (a question's bank and number)."""
    where: tuple[str, ...] = ()
    """Where it sits in its source below the record, outermost first, e.g. ('Family Circumstances',) for
    a paragraph of the review's key theme, or a nested sub-theme's key theme and parent sub-theme."""

    @property
    def source_line(self) -> str:
        """Its source and place in it, e.g. 'Hampshire thematic review › Family Circumstances'."""
        return " › ".join([self.origin.name, *self.where])

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
    def key_messages(self) -> list[Finding]:
        """The few statements a theme page and its briefing open with (see ``key_messages``)."""
        return key_messages(self)

    @property
    def top_tips(self) -> list[Finding]:
        """Every top tip on the theme (see ``tips_of``)."""
        return tips_of(self)

    @property
    def sources(self) -> list[Origin]:
        """Every record with something about this theme, once each, in page order."""
        seen: dict[str, Origin] = {o.path: o for o in self.records}
        for items in self.groups.values():
            for finding in items:
                seen.setdefault(finding.origin.path, finding.origin)
        return list(seen.values())


KEY_MESSAGES = 4
"""How many key messages a theme page and a briefing open with (one per record, newest first, in turn)."""
KEY_TIPS = 3
"""How many top tips a theme page opens with."""
MESSAGE_GROUPS = ("panel", "circle", "forum", "review", "passages", "actions")
"""Where key messages are taken from: what panels, learning circles, forums and reviews found."""


def statements(finding: Finding, theme_id: str) -> list[Finding]:
    """What a finding states about the theme, as sentences a reader can act on: a panel heading's
    points (not its tips), an outcome's points, a paragraph of running text, a forum message."""
    if finding.role == "top-tip" or finding.group in ("questions", "tips", "tools"):
        return []
    if finding.role in ("theme-heading", "outcome", "action") and finding.children:
        return [c for c in finding.children if c.role in ("point", "passage") and (not c.tags or theme_id in c.tags)]
    if finding.role in ("passage", "item", "outcome"):
        return [finding]
    return []


def tips_of(findings: ThemeFindings) -> list[Finding]:
    """Every top tip on the theme: panel tips (a heading's, or the meeting's own) and standalone ones."""
    out: list[Finding] = []
    for group in ("panel", "tips"):
        for finding in findings.groups.get(group, []):
            if finding.role in ("top-tip", "tip"):
                out.append(finding)
            out += [c for c in finding.children if c.role == "top-tip" and findings.theme.id in c.tags]
    return out


def key_messages(findings: ThemeFindings, limit: int = KEY_MESSAGES) -> list[Finding]:
    """The theme's key messages: statements from the records, taking one from each record in turn
    (newest record first) so that no single source fills the list; at most ``limit``."""
    by_record: dict[str, list[Finding]] = {}
    for group in MESSAGE_GROUPS:
        for finding in findings.groups.get(group, []):
            for said in statements(finding, findings.theme.id):
                by_record.setdefault(said.origin.path, []).append(said)
    order = sorted(by_record.values(), key=lambda found: (found[0].origin.date or "", found[0].origin.title),
                   reverse=True)
    out: list[Finding] = []
    turn = 0
    while len(out) < limit and any(len(found) > turn for found in order):
        out += [found[turn] for found in order if len(found) > turn][: limit - len(out)]
        turn += 1
    return out
