"""Which handouts a project gets: one list of what to make, with everything each template needs.

Each kind of record's handouts are declared with the kind (generator.content.kinds); each handout has a template named
after the record kind it renders. Every theme that something published is tagged with gets a
7-minute briefing built from the theme index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.content.dates import fmt_date, record_date
from generator.content.kinds import KIND
from generator.index.themeindex import GROUPS, build_index

BRIEFING = ("7-minute briefing", "theme.html")
"""The theme briefing's name and template."""

THEME_FOLDER = "themes"
"""Theme briefings go into handouts/themes/<theme id>.pdf (theme ids and record ids may coincide)."""

TEAM_QUESTIONS = (
    "What are your key thoughts and reflections?",
    "How will the learning be embedded, and how will we know?",
    "How does it go into the team's or service's plan?",
)
"""The three questions every 7-minute briefing ends with, for the team to discuss."""


@dataclass
class Handout:
    """One PDF to make."""

    key: str
    """What it belongs to: a record id, or 'theme:<theme id>'."""
    name: str
    """What it is, e.g. 'Themes sheet'."""
    filename: str
    """Its file inside the handouts folder, e.g. 'cheltenham-2013-09-27.pdf'."""
    template: str
    """The template that renders it, named after the kind of record."""
    title: str
    """The document's title (PDF metadata, first heading, footer)."""
    board: str
    """The board or partnership named in the footer."""
    date_label: str
    """The date shown in the footer, e.g. '27 September 2013'."""
    source: str
    """The file it comes from (for messages)."""
    dated: str
    """The date written into the PDF's metadata when site.yaml sets no build_date: the record's own
    date (for a briefing, its newest source's), else the project's newest; never today's."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template needs besides the common variables (the record, the findings …)."""


def edition_date(project: Any) -> str:
    """The newest date of any record: the fallback for an undated record's PDF metadata."""
    dates = [d for d in (record_date(e.record) for e in project.entries if e.kind != "theme") if d]
    return max(dates, key=lambda d: (d + "-01-01")[:10]) if dates else "2000-01-01"


def _board(record: Any, config: Any) -> str:
    return getattr(record, "publisher", None) or config.partnership


def plan_handouts(project: Any, only: str | None = None) -> list[Handout]:
    """Every handout of the (already public) project; with ``only``, those of one key."""
    config = project.config
    out: list[Handout] = []
    themes = project.themes
    records = {e.id: e.record for e in project.entries if e.kind != "theme"}
    for entry in project.entries:
        specs = KIND[entry.kind].handouts
        if not specs or (only and only != entry.id):
            continue
        record = entry.record
        own = record_date(record)
        for spec in specs:
            name, template, suffix = spec.name, spec.template, spec.suffix
            out.append(Handout(
                key=entry.id, name=name, filename=f"{entry.id}{suffix}.pdf", template=template,
                title=f"{name}: {record.title}", board=_board(record, config),
                date_label=_date_label(own), source=entry.source.display, dated=own or edition_date(project),
                context={"record": record, "kind": entry.kind, "themes": themes, "records": records},
            ))
    wanted_theme = only[len("theme:"):] if only and only.startswith("theme:") else None
    if only is None or wanted_theme:
        index = build_index(project)
        for theme_id, findings in index.items():
            if wanted_theme is not None and theme_id != wanted_theme:
                continue
            if wanted_theme is None and not findings.count:
                continue  # an unused theme's page says so; a briefing with nothing in it helps no one
            out.append(_briefing(project, theme_id, findings))
    return out


def _date_label(value: str | None) -> str:
    return fmt_date(value) if value else "Date not stated in the source"


def _briefing(project: Any, theme_id: str, findings: Any) -> Handout:
    """A 7-minute briefing: the theme's findings sorted into the briefing's seven parts."""
    name, template = BRIEFING
    sources = findings.sources
    dated = [o.date for o in sources if o.date]
    latest = max(dated, key=lambda d: (d + "-01-01")[:10]) if dated else None
    found: dict[str, list[Any]] = {}
    tips: list[Any] = []
    tools: list[Any] = []
    for group, items in findings.groups.items():
        for finding in items:
            if group == "tips" or finding.role == "top-tip":
                tips.append(finding)
            elif group == "tools":
                tools.append(finding)
            elif group != "questions" and not _only_tools(finding):
                found.setdefault(group, []).append(finding)
            tips += [c for c in finding.children if c.role == "top-tip"]
            tools += [c for c in finding.children if c.role == "tool"]
    theme = findings.theme
    return Handout(
        key=f"theme:{theme_id}", name=name, filename=f"{THEME_FOLDER}/{theme_id}.pdf", template=template,
        title=f"{name}: {theme.title}", board=project.config.partnership,
        date_label=f"Learning up to {_date_label(latest)}" if latest else "Sources undated",
        source=_theme_source(project, theme_id), dated=latest or edition_date(project),
        context={
            "theme": theme, "findings": findings, "sources": sources, "found": found, "groups": GROUPS,
            "tips": tips, "questions": findings.groups.get("questions", []), "tools": tools,
            "team_questions": TEAM_QUESTIONS, "themes": project.themes,
        },
    )


def _only_tools(finding: Any) -> bool:
    """A review's key theme listed only because some of its tools carry the theme (they go to part 6)."""
    return finding.role == "key-theme" and bool(finding.children) and all(c.role == "tool" for c in finding.children)


def _theme_source(project: Any, theme_id: str) -> str:
    for entry in project.entries:
        if entry.kind == "theme" and entry.id == theme_id:
            return entry.source.display
    return f"themes_data/themes/{theme_id}.yaml"
