"""Stage: render. Every page of the site as Markdown text, from one Jinja template per kind of page.

``Renderer.render`` makes one page; generator.render.pagecache decides which pages to render. Templates live
in ``generator/templates/markdown/``; a file of the same name in the project's
``overrides/markdown/`` wins. Every value printed by a template goes through the ``inline``
filter unless it is already marked safe, so text typed by staff can never become markup
(see generator.render.text). Static pages: every ``pages/**/*.md.j2`` template becomes a page at the
same relative path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.ext
import yaml
from jinja2 import nodes
from markupsafe import Markup

from generator.content.dates import fmt_date, record_date
from generator.content.kinds import KIND, page_path
from generator.index.actions import responses_of, status_label, when_label
from generator.index.anchors import anchor_for, section_anchor, slug
from generator.index.findings import GROUPS
from generator.render import templates
from generator.render.artifacts import HandoutIndex
from generator.render.dated import dated_context
from generator.render.html import attribute, href, html_inline, html_plain
from generator.render.lists import newest_first, theme_part, tools_shown, untagged_year_page
from generator.render.svg import Step, attendance_figure, cycle_figure
from generator.render.text import SAFE_SCHEMES, inline, is_safe_url, plain, relative_url, strip_markup
from generator.render.tracker import said_path


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """Everything a template prints is escaped staff text unless already marked safe."""
    if value is None:
        return ""
    if isinstance(value, (Markup, int, float)):
        return value
    return inline(value, context.get("page", "index.md"))


@jinja2.pass_context
def _inline_filter(context: jinja2.runtime.Context, value: Any) -> Markup:
    return inline(value, context.get("page", "index.md"))


@jinja2.pass_context
def _html_filter(context: jinja2.runtime.Context, value: Any) -> Markup:
    """Staff text as finished HTML, for a raw HTML block (render.html)."""
    return html_inline(value, context.get("page", "index.md"))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> Markup:
    """A link from the page being rendered to ``target`` as MkDocs writes it, for a raw HTML block."""
    return Markup(attribute(href(target, context["page"])))


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> Markup:
    """A link from the page being rendered to ``target`` (docs-relative, optionally with '#anchor')."""
    return Markup(relative_url(target, context["page"]))


@jinja2.pass_context
def _link_to(context: jinja2.runtime.Context, address: str | None) -> Markup | None:
    """A link target for an address typed by staff (a tool's link), or None when it is missing or not allowed."""
    if not address or not is_safe_url(address.strip()):
        return None
    address = address.strip()
    if not address.lower().startswith(SAFE_SCHEMES):
        address = relative_url(address, context["page"])
    return Markup(quote(address, safe=":/?#@!$&'*+,;=%-._~"))


@jinja2.pass_context
def _link_href(context: jinja2.runtime.Context, address: str | None) -> Markup | None:
    """``link_to`` for a finished HTML block: a page of the site as MkDocs writes its address."""
    if not address or not is_safe_url(address.strip()):
        return None
    address = address.strip()
    if not address.lower().startswith(SAFE_SCHEMES):
        return Markup(attribute(href(address, context["page"])))
    return Markup(attribute(quote(address, safe=":/?#@!$&'*+,;=%-._~")))


def _yaml_string(value: Any) -> Markup:
    """A value for the front matter: the words only, quoted for YAML."""
    return Markup(_yaml_quoted(strip_markup(value)))


@lru_cache(maxsize=8192)
def _yaml_quoted(words: str) -> str:
    """``words`` as one double-quoted YAML scalar. The same titles and descriptions recur on many pages and in
    every render of them, and PyYAML's emitter took a fifth of a cold render of the shipped content."""
    dumped = yaml.safe_dump(words, allow_unicode=True, width=10_000, default_style='"')
    return dumped.strip().removesuffix("\n...")


@jinja2.pass_context
def _join(context: jinja2.runtime.Context, items: Any, separator: str = "") -> Markup:
    """Join values, escaping each one that is staff text (Jinja's own join only escapes HTML)."""
    page = context.get("page", "index.md")
    return Markup(str(separator).join(str(inline(item, page)) for item in items))


def _newest(findings: list[Any]) -> list[Any]:
    """Findings from the most recent records first (records without a date last), otherwise in order."""
    return sorted(findings, key=lambda f: f.origin.date or "", reverse=True)


RECENT_RECORDS = 10
"""On a theme page, each group of findings from records (panel, actions, forum, review, circle,
passages) shows in full the findings of its newest ten records; the findings of earlier records
are listed one line per record, each linking to its first finding there, with how many there are.
A theme page of a large collection stays readable on a phone; the full text is on each record's page."""

LIMITED_GROUPS = ("panel", "actions", "forum", "review", "circle", "passages")
"""The groups whose findings come from records, so grow with the collection (questions, tips and
tools come from the reference data: see REFERENCE_SHOWN)."""

REFERENCE_SHOWN = 30
"""On a theme page, the questions, top tips and tools (from the reference data) show their first thirty;
when there are more, the theme's own page of each (questions/THEME, tips/THEME, tools/THEME) has them all."""

PUBLICATIONS_SHOWN = 50
"""On a theme page, "Publications about …" lists the newest fifty records tagged with the theme as a
whole; earlier ones are on the theme's pages of earlier records, by year (``earlier_by_year``)."""


def _recent(findings: list[Any], group: str) -> tuple[list[Any], list[tuple[Any, int, Any]]]:
    """(the findings of the group's newest RECENT_RECORDS records, in their order; the earlier
    records as (origin, how many findings, the first finding), newest first)."""
    if group not in LIMITED_GROUPS:
        return findings[:REFERENCE_SHOWN], []
    first: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for finding in findings:
        first.setdefault(finding.origin.path, finding)
        counts[finding.origin.path] = counts.get(finding.origin.path, 0) + 1
    if len(first) <= RECENT_RECORDS:
        return findings, []
    order = sorted(first.values(), key=lambda f: (f.origin.date or "", f.origin.title), reverse=True)
    kept = {f.origin.path for f in order[:RECENT_RECORDS]}
    shown = [f for f in findings if f.origin.path in kept]
    return shown, [(f.origin, counts[f.origin.path], f) for f in order[RECENT_RECORDS:]]


def archive_path(theme_path: str, year: str) -> str:
    """The page of a theme's earlier records of one year: 'themes/neglect.md', '2019' → 'themes/neglect/2019.md'."""
    return f"{theme_path.removesuffix('.md')}/{year}.md"


def _year(origin: Any) -> str:
    return origin.date[:4] if origin.date else "undated"


def earlier_by_year(findings: Any) -> dict[str, dict[str, list[tuple[Any, int, Any]]]]:
    """A theme's earlier records (those ``_recent`` lists as links), by year then group: each year is a
    page of its own (``archive_path``), so that no page grows with the collection. Newest year first,
    'undated' last; in each group, records newest first."""
    years: dict[str, dict[str, list[tuple[Any, int, Any]]]] = {}
    for group, items in findings.groups.items():
        for item in _recent(items, group)[1]:
            years.setdefault(_year(item[0]), {}).setdefault(group, []).append(item)
    for item in _publications(findings)[1]:  # the records tagged as a whole: group "publications"
        years.setdefault(_year(item[0]), {}).setdefault("publications", []).append(item)
    return dict(sorted(years.items(), key=lambda kv: (kv[0] != "undated", kv[0]), reverse=True))


def _publications(findings: Any) -> tuple[list[Any], list[tuple[Any, int, None]]]:
    """(the newest PUBLICATIONS_SHOWN records tagged with the theme as a whole; the earlier ones, newest
    first, as ``_recent`` gives earlier records: (origin, 0 findings, no finding))."""
    return findings.records[:PUBLICATIONS_SHOWN], [(o, 0, None) for o in findings.records[PUBLICATIONS_SHOWN:]]


def _earlier_years(earlier: list[tuple[Any, int, Any]]) -> list[tuple[str, int]]:
    """(year, how many records) of a group's earlier records, newest year first, 'undated' last."""
    counts: dict[str, int] = {}
    for origin, _, _ in earlier:
        counts[_year(origin)] = counts.get(_year(origin), 0) + 1
    return sorted(counts.items(), key=lambda kv: (kv[0] != "undated", kv[0]), reverse=True)


def _has_tools(findings: Any) -> bool:
    """Whether the tools directory has a page for this theme (render.lists.tools_by_theme lists it)."""
    return any(tools_shown(f, findings.theme.id) for group in ("tools", "review") for f in findings.groups.get(group, []))


def _groupby_origin(findings: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Findings grouped by the record they come from, in first-seen order."""
    groups: dict[str, tuple[Any, list[Any]]] = {}
    for finding in findings:
        groups.setdefault(finding.origin.path, (finding.origin, []))[1].append(finding)
    return list(groups.values())


def _cycle(cycle: Any, stages: list[Any], ident: str) -> Markup:
    """The cycle figure, each drawn step linked to its stage's question bank when a stage has its name."""
    named = {stage.name.lower(): stage for stage in stages}
    labels = list(cycle.steps) or [stage.name for stage in stages]
    steps = []
    for label in labels:
        stage = named.get(strip_markup(label).lower())
        steps.append(Step(strip_markup(label), f"#{slug(stage.id)}" if stage else None,
                          strip_markup(stage.heading) if stage and stage.heading else None))
    return Markup(cycle_figure(steps, ident, strip_markup(cycle.title), cycle.caption and strip_markup(cycle.caption),
                               [strip_markup(d) for d in cycle.description], cycle.missing, cycle.drawn_from))


def _field_reference(level: int = 2) -> Markup:
    """The staff guide's reference of every field, generated from the models (trusted text)."""
    from generator.render.fieldref import markdown

    return Markup(markdown(level))


def _anchor(record: Any, *loc: str | int) -> Markup:
    return Markup(anchor_for(record, tuple(loc)))


@lru_cache(maxsize=4096)
def _folder(page: str) -> str:
    return posixpath.dirname(page)


class FragmentCache(jinja2.ext.Extension):
    """``{% cache value %}…{% endcache %}``: a block whose text depends on ``value`` (a finding, or a list
    of them) and on the page's folder only, kept between runs by generator.pipeline.session.

    Without a session (``env.fragments`` is None) the block is simply rendered. With one, a block
    is rendered again only for a finding object it has not seen: an unchanged record keeps its
    finding objects, so a theme page re-renders only the findings of the record that changed. A
    cached block must print nothing but what comes from its value (and fixed text).
    """

    tags = {"cache"}

    def __init__(self, environment: jinja2.Environment):
        super().__init__(environment)
        environment.extend(fragments=None)

    def parse(self, parser: Any) -> nodes.Node:
        token = next(parser.stream)
        args = [parser.parse_expression(), nodes.Name("page", "load"),
                nodes.Const(f"{parser.name}:{token.lineno}")]
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        # {% if kept block %}{{ it }}{% else %}{% call keep() %}body{% endcall %}{% endif %}: a kept
        # block costs one call, without the macro Jinja would make for the body at every turn
        found = self.call_method("_found", args)
        kept = nodes.Output([self.call_method("_kept")])
        make = nodes.CallBlock(self.call_method("_cached", args), [], [], body)
        return nodes.If(found, [kept], [], [make]).set_lineno(token.lineno)

    @staticmethod
    def _key(value: Any, page: str, where: str) -> tuple[tuple, tuple]:
        items = tuple(value) if isinstance(value, (list, tuple)) else (value,)
        return items, (where, _folder(page), *map(id, items))

    def _found(self, value: Any, page: str, where: str) -> bool:
        memo = self.environment.fragments
        if memo is None:
            return False
        items, key = self._key(value, page, where)
        hit = memo.get(key)
        if hit is None or any(a is not b for a, b in zip(hit[0], items, strict=True)):
            return False
        self._last = hit[1]
        return True

    def _kept(self) -> str:
        return self._last

    def _cached(self, value: Any, page: str, where: str, caller: Any) -> str:
        text = caller()
        memo = self.environment.fragments
        if memo is not None:
            items, key = self._key(value, page, where)
            memo[key] = (items, text)
        return text


def environment(root: Path | None) -> jinja2.Environment:
    """The Jinja environment of the pages: the board's overrides first, then the built-in templates."""
    env = templates.environment(
        root, "markdown",
        finalize=_finalize,  # with autoescape: staff text is escaped for Markdown, macros' output is kept
        extensions=[FragmentCache],
    )
    env.filters.update(
        inline=_inline_filter, plain=plain, h=_html_filter, hplain=html_plain, date=fmt_date, yaml=_yaml_string, words=strip_markup,
        section=lambda name: Markup(section_anchor(name)), join=_join, newest=_newest,
        groupby_origin=_groupby_origin, recent=_recent, earlier_years=_earlier_years, publications=_publications,
    )
    env.globals.update(url=_url, href=_href, link_to=_link_to, link_href=_link_href, archive_path=archive_path, theme_part=theme_part, untagged_year_page=untagged_year_page, has_tools=_has_tools, anchor=_anchor, page_path=page_path, groups=GROUPS,
                       kind_labels={k.name: k.label for k in KIND.values() if k.label},
                       record_date=lambda kind, record: record_date(record), safe=Markup,
                       status_label=status_label, when=when_label,
                       said_page=lambda record: said_path(record_date(record)),
                       cycle_figure=_cycle, field_reference=_field_reference, attendance_figure=lambda a: Markup(attendance_figure(a)))
    return env


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one newline at the end."""
    lines = text.split("\n")  # faster than a regular expression over a 500 KB theme page
    text = "\n".join([line.rstrip(" \t") for line in lines[:-1]] + lines[-1:])
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


class Handouts:
    """``handouts(key)`` in a template: the handouts of the records the page was given, and no others.

    A page asking for the handouts of a record it was not given fails in every build (the cold build
    and the golden tests included), instead of going stale in the preview, whose page keys cover only
    what each page was given."""

    def __init__(self, info: HandoutIndex, keys: tuple[str, ...] | None):
        self._info = info
        self._keys = keys
        """The keys this page may ask for; None for every one (the handouts page)."""

    def __call__(self, key: str) -> list[Any]:
        if self._keys is not None and key not in self._keys:
            raise jinja2.UndefinedError(f"this page was not given the handouts of '{key}'")
        return list(self._info.get(key, []))


class Renderer:
    """Renders pages for one project. Every page gets the site settings, the themes' titles and its own
    context; nothing else (see generator.render.pagecache, whose keys cover exactly that)."""

    def __init__(self, project: Any, handout_info: HandoutIndex, index: dict, env: jinja2.Environment):
        self.config = project.config
        self.env = env
        self.handout_info = handout_info
        self.handouts = Handouts(handout_info, None)
        """Any record's or theme's handouts (for the pages' keys; a page itself gets only its own)."""
        self.themes = {tid: t.theme for tid, t in index.items()}
        self.project = project
        self.records = [e for e in project.entries if KIND[e.kind].template]
        self.models = [e for e in self.records if e.kind == "reflective-model"]
        """The reflective models: the theme pages and the questions directory point at their question banks."""

    def related_all(self) -> dict[Any, dict[str, Any]]:
        """What each record's page shows of other records (a meeting's panel, a panel's meetings), by the
        record's file, for every record in one pass."""
        panels = [e for e in self.records if e.kind == "panel"]
        only = panels[0].id if len(panels) == 1 else None
        by_id = {}
        for panel in panels:
            by_id.setdefault(panel.id, panel)
        meetings: dict[str, list[Any]] = {p.id: [] for p in panels}
        out: dict[Any, dict[str, Any]] = {}
        for entry in self.records:
            if entry.kind == "panel-meeting":
                wanted = entry.record.panel or only
                out[entry.source.path] = {"panel": by_id.get(wanted) if wanted else None}
                for panel in panels:
                    if entry.record.panel == panel.id or (only and not entry.record.panel):
                        meetings[panel.id].append(entry)
            else:
                out[entry.source.path] = {}
        for panel in panels:
            out[panel.source.path] = {"meetings": newest_first(meetings[panel.id])}
        answers = responses_of(self.project)  # a forum report shows the responses to its key messages
        for entry in self.records:
            if entry.kind == "forum-report":
                out[entry.source.path]["responses"] = answers.get(entry.id, {})
        for path, dated in dated_context(self.records, self.config).items():  # dates, schedules, contacts
            out[path].update(dated)
        return out

    def render(self, template: str, page: str, handouts: tuple[str, ...] | None = (), **context: Any) -> str:
        """One page: ``template`` with the settings, the themes and ``context``; ``handouts``: the keys of
        the records whose handouts it may link (None: all of them)."""
        base = {"config": self.config, "page": page, "themes": self.themes,
                "handouts": Handouts(self.handout_info, handouts)}
        return tidy(self.env.get_template(template).render({**base, **context}))


__all__ = ["environment", "Renderer", "Handouts"]
