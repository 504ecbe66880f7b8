"""Which handouts a project gets: one list of what to make, with everything each template needs.

Each kind of record's handouts are declared with the kind (generator.content.kinds); each handout has
a template named after the record kind it renders. A theme with enough learning (``BRIEFING_MIN_ITEMS``
from ``BRIEFING_MIN_RECORDS`` records) gets a 7-minute briefing built from the theme index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.content.dates import fmt_date, record_date
from generator.content.kinds import KIND
from generator.index.themeindex import build_index

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
    if only is None or (only.startswith("report:")):
        out += [h for h in _reports(project) if only is None or h.key == only]
    if only is None or wanted_theme:
        index = build_index(project)
        for theme_id, findings in index.items():
            if wanted_theme is not None and theme_id != wanted_theme:
                continue
            content = briefing_content(findings)
            if not content.enough:
                continue  # listed on the handouts page as "not enough learning for a briefing yet"
            out.append(_briefing(project, theme_id, findings, content))
            out += _team_records(project, theme_id, findings)
    return out


TEAM_ROLES = ("Social work", "Health", "Education", "Police", "Early help or voluntary sector", "")
"""The rows of a team record form's attendance table (the empty ones are for the team to name a role)."""


def send_to(config: Any) -> str:
    """Where a team sends its record form: the board's office email, else its website, else whom to ask."""
    contact = config.contact
    return contact.email or contact.website or contact.ask_instead


def _team_records(project: Any, theme_id: str, findings: Any) -> list[Handout]:
    """A briefing's team record form: fillable (PDF form fields) and printable (spaces to write in)."""
    theme = findings.theme
    out = []
    for name, suffix, fillable in (("Team record form", "team-record", True),
                                   ("Team record form (printable)", "team-record-print", False)):
        out.append(Handout(
            key=f"theme:{theme_id}", name=name, filename=f"{THEME_FOLDER}/{theme_id}-{suffix}.pdf",
            template="team-record.html", title=f"{name}: {theme.title}", board=project.config.partnership,
            date_label="7-minute briefing: team record", source=_theme_source(project, theme_id),
            dated=edition_date(project),
            context={"theme": theme, "team_questions": TEAM_QUESTIONS, "fillable": fillable,
                     "roles": TEAM_ROLES, "send_to": send_to(project.config)},
        ))
    return out


def _reports(project: Any) -> list[Handout]:
    """The board's themes report of each quarter (the same reports as the site's pages)."""
    from generator.render.reports import chart, quarter_reports, report_key

    return [report_handout(project, report, report_key(report), chart(report)) for report in quarter_reports(project)]


def report_handout(project: Any, report: Any, key: str, chart: Any) -> Handout:
    """The themes report for one period as a handout."""
    from generator.render.reports import numbered

    return Handout(
        key=key, name="Board report", filename=f"reports/{report.slug}.pdf", template="report.html",
        title=f"Themes report: {report.label}", board=project.config.partnership, date_label=report.label,
        source="content/", dated=report.end, context={"report": report, "chart": chart, "numbered": numbered(report)},
    )


def _date_label(value: str | None) -> str:
    return fmt_date(value) if value else "Date not stated in the source"


DO_LISTS = ("Keep doing", "Stop doing", "Start doing", "Good practice")
"""Forum lists that say what to do: they go to the briefing's 'What to do' with the top tips and actions."""

BRIEFING_MIN_ITEMS = 4
BRIEFING_MIN_RECORDS = 2
"""The rule for which themes get a 7-minute briefing: at least four pieces of learning (statements of
what was found, top tips, things to keep, stop or start doing, resulting actions) from at least two
different records. Tools and questions do not count: they fill no page of learning on their own.
Measured on the shipped records: themes above the rule fill one or two A4 pages; those below it had
one to three statements, mostly one sub-theme line, and a briefing of empty sections."""


@dataclass
class Briefing:
    """What a theme's 7-minute briefing holds, sorted into the sections partnerships use."""

    found: list[tuple[Any, list[Any]]]
    """What was found: (the record, its statements), newest record first, undated records last."""
    to_do: list[Any]
    """What to do: top tips, things to keep, stop or start doing, good practice, resulting actions."""
    questions: list[Any]
    """Questions for reflection tagged with the theme, each with its bank and number ('Analysis 3')."""
    tools: list[Any]
    """Tools and guidance on the theme, each once."""
    sources: list[Any]
    """Every record with something on the theme."""
    theme: str = ""
    """The theme's id."""

    def shown(self, budget: int = 9, points_each: int = 2) -> tuple[list[tuple[Any, list[tuple[Any, list[Any], int]]]], int]:
        """What fits on the sheet: (record, [(statement, its points shown, its points left)]) within
        ``budget`` printed lines (about LINE characters each; at most ``points_each`` points of a
        statement), taking one statement from each record in turn so that no single source fills the
        page; and how many statements are left for the web page."""
        queues = [(origin, list(items)) for origin, items in self.found]
        picked: dict[int, list[tuple[Any, list[Any], int]]] = {}
        used = 0
        left = 0
        while any(items for _, items in queues):
            for r, (_, items) in enumerate(queues):
                if not items:
                    continue
                f = items.pop(0)
                points = [] if f.role == "key-theme" else [
                    c for c in f.children if c.role not in ("top-tip", "tool") and (not c.tags or self.theme in c.tags)]
                fit = points[:points_each]
                if f.role == "key-theme":
                    words = sum(len(c.text) + len(c.context or "") + 4 for c in f.children if c.role == "sub-theme")
                    cost = 1 + _lines(" " * words)
                else:
                    cost = _lines(f.text) + sum(_lines(c.text) for c in fit) + (r not in picked)
                if used + cost > budget:
                    left += 1
                    continue
                used += cost
                picked.setdefault(r, []).append((f, fit, len(points) - len(fit)))
        return [(queues[r][0], picked[r]) for r in sorted(picked)], left

    def to_do_shown(self, budget: int = 7) -> list[Any]:
        """The things to do that fit in ``budget`` printed lines (an action with up to two of its points),
        in order; at least one."""
        return _fitting(self.to_do, budget, lambda f: 1 + _lines(f.text) + (
            sum(_lines(c.text) for c in f.children[:2]) if f.role == "action" else 0))

    def questions_shown(self, budget: int = 3) -> list[Any]:
        """The questions that fit in ``budget`` printed lines, in order; at least one."""
        return _fitting(self.questions, budget, lambda q: _lines(f"{q.label or q.context or ''} {q.text}"))

    @property
    def learning(self) -> int:
        """How many pieces of learning it holds (what the rule counts)."""
        return sum(len(items) for _, items in self.found) + len(self.to_do)

    @property
    def records(self) -> int:
        """How many different records the learning comes from."""
        return len({o.path for o, _ in self.found} | {f.origin.path for f in self.to_do})

    @property
    def enough(self) -> bool:
        """Whether there is enough learning for a briefing (see BRIEFING_MIN_ITEMS)."""
        return self.learning >= BRIEFING_MIN_ITEMS and self.records >= BRIEFING_MIN_RECORDS


def _fitting(items: list[Any], budget: int, cost: Any) -> list[Any]:
    """The items, in order, that fit within ``budget`` (one that does not fit is passed over); at least one."""
    out, used = [], 0
    for item in items:
        if used + cost(item) <= budget:
            used += cost(item)
            out.append(item)
    return out or items[:1]


LINE = 95
"""About how many characters a printed line of the briefing holds (DejaVu Sans 9.75 pt on A4)."""


def _lines(text: str) -> int:
    return 1 + len(text) // LINE


def briefing_content(findings: Any) -> Briefing:
    """Sort a theme's findings into the briefing's sections."""
    theme_id = findings.theme.id
    found: dict[str, tuple[Any, list[Any]]] = {}
    to_do: list[Any] = []
    tools: dict[tuple[str, str], Any] = {}
    for group, items in findings.groups.items():
        for finding in items:
            if group == "questions":
                continue
            if group == "tips" or finding.role == "top-tip":
                to_do.append(finding)
            elif group == "tools":
                tools.setdefault((finding.text.lower(), finding.tool.link or ""), finding)
            elif group == "actions" or (group == "forum" and finding.context in DO_LISTS):
                to_do.append(finding)
            elif finding.role == "key-theme":
                if any(c.role == "sub-theme" for c in finding.children):
                    found.setdefault(finding.origin.path, (finding.origin, []))[1].append(finding)
            else:
                for said in statements_or_self(finding, theme_id):
                    found.setdefault(said.origin.path, (said.origin, []))[1].append(said)
            to_do += [c for c in finding.children if c.role == "top-tip" and theme_id in c.tags]
            for c in finding.children:
                if c.role == "tool" and theme_id in c.tags:
                    tools.setdefault((c.text.lower(), c.tool.link or ""), c)
    order = sorted(found.values(), key=lambda pair: (pair[0].date is not None, pair[0].date or "", pair[0].title),
                   reverse=True)
    return Briefing(found=order, to_do=to_do, questions=list(findings.groups.get("questions", [])),
                    tools=sorted(tools.values(), key=lambda f: f.text.lower()), sources=findings.sources,
                    theme=theme_id)


def statements_or_self(finding: Any, theme_id: str) -> list[Any]:
    """A panel heading or an outcome keeps its points together (one statement with its list); any
    other finding is one statement."""
    if finding.role in ("theme-heading", "outcome") and not [
            c for c in finding.children if c.role not in ("top-tip", "tool") and (not c.tags or theme_id in c.tags)]:
        return []  # a heading with nothing on the theme under it but a tip (which goes to 'What to do')
    return [finding]


def dates_label(sources: list[Any]) -> str:
    """What the briefing's footer says of its dates, true for every source: 'Learning up to 27 September
    2013' when all are dated; with undated sources it says how many are undated; never a date for them."""
    dated = [o.date for o in sources if o.date]
    undated = len(sources) - len(dated)
    if not dated:
        return "Sources undated"
    latest = _date_label(max(dated, key=lambda d: (d + "-01-01")[:10]))
    if not undated:
        return f"Learning up to {latest}"
    return f"Dated sources up to {latest}; {undated} undated source{'s' if undated != 1 else ''}"


def _briefing(project: Any, theme_id: str, findings: Any, content: Briefing | None = None) -> Handout:
    """A 7-minute briefing: the theme's findings sorted into the sections partnerships use."""
    name, template = BRIEFING
    content = content or briefing_content(findings)
    sources = content.sources
    dated = [o.date for o in sources if o.date]
    latest = max(dated, key=lambda d: (d + "-01-01")[:10]) if dated else None
    theme = findings.theme
    return Handout(
        key=f"theme:{theme_id}", name=name, filename=f"{THEME_FOLDER}/{theme_id}.pdf", template=template,
        title=f"{name}: {theme.title}", board=project.config.partnership,
        date_label=dates_label(sources),
        source=_theme_source(project, theme_id), dated=latest or edition_date(project),
        context={
            "theme": theme, "findings": findings, "briefing": content, "sources": sources,
            "team_questions": TEAM_QUESTIONS, "themes": project.themes,
        },
    )


def briefing_themes(index: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(themes that get a briefing, themes with some learning but not enough for one), by theme id."""
    made: list[str] = []
    short: list[str] = []
    for theme_id, findings in index.items():
        if not findings.count:
            continue
        (made if briefing_content(findings).enough else short).append(theme_id)
    return made, short


def _theme_source(project: Any, theme_id: str) -> str:
    for entry in project.entries:
        if entry.kind == "theme" and entry.id == theme_id:
            return entry.source.display
    return f"themes_data/themes/{theme_id}.yaml"
