"""Everything tagged with each theme, grouped by where it comes from, with the exact place it links to.

Used by the theme pages, the A–Z index, the directories (questions, tips, tools) and the
handouts' per-theme briefing. The web addresses decided here (``page_path`` and the anchors
from ``generator.index.anchors``) are the site's URL scheme: keep them stable.

    index = build_index(project)
    for finding in index["domestic-abuse"].groups["panel"]:
        print(finding.text, finding.url)
"""

from __future__ import annotations

from typing import Any

from generator.content.dates import fmt_date, record_date
from generator.content.kinds import page_path
from generator.core.memo import RecordMemo
from generator.index.anchors import anchor_for, tags_of
from generator.index.collect import collect
from generator.index.findings import (
    GROUPS,
    Finding,
    Origin,
    ThemeFindings,
    key_messages,
    statements,
    tips_of,
)


def origin_of(kind: str, record: Any) -> Origin:
    """Describe a record for a finding: title, page, publisher, date, locality."""
    date = record_date(record)
    title = getattr(record, "title", None) or getattr(record, "text", "")
    locality = getattr(record, "locality", None)
    short = getattr(record, "short_title", None) or ""
    if not short and kind == "panel-meeting" and locality and date:
        short = f"{locality} panel, {fmt_date(date)}"
    return Origin(
        kind=kind, id=record.id, title=title, path=page_path(kind, record.id),
        publisher=getattr(record, "publisher", None), date=date, locality=locality, short=short,
    )


def entry_findings(entry: Any) -> tuple[Origin, list[str], list[tuple[list[str], Finding]]]:
    """One record's part of the index: its origin, the themes it is tagged with as a whole, its findings."""
    origin = origin_of(entry.kind, entry.record)
    tags = list(getattr(entry.record, "themes", [])) if entry.kind not in ("tip", "tool") else []
    return origin, tags, list(collect(entry.kind, entry.record, origin))


def build_index(project: Any, memo: RecordMemo | None = None) -> dict[str, ThemeFindings]:
    """Everything tagged with each theme of ``project`` (only what is published: pass the public project).

    ``memo`` (kept by generator.pipeline.session) holds each record's ``entry_findings`` between runs, so
    only the records that changed are collected again.
    """
    memo = memo if memo is not None else RecordMemo()
    themes = {e.id: e.record for e in project.entries if e.kind == "theme"}
    index = {tid: ThemeFindings(theme=t, path=page_path("theme", tid)) for tid, t in sorted(themes.items())}
    buckets: dict[str, dict[str, list[Finding]]] = {tid: {g: [] for g in GROUPS} for tid in index}
    for entry in project.entries:
        if entry.kind == "theme":
            continue
        origin, record_tags, found = memo.get(entry, lambda e=entry: entry_findings(e))
        for tag in record_tags:
            if tag in index:
                index[tag].records.append(origin)
        for tags, finding in found:
            for tag in tags:
                if tag in buckets:
                    buckets[tag][finding.group].append(finding)
    for tid, findings in index.items():
        findings.records.sort(key=lambda o: (o.date or "", o.title), reverse=True)
        findings.groups = {g: items for g, items in buckets[tid].items() if items}
    return index


__all__ = [
    "GROUPS", "Origin", "Finding", "ThemeFindings", "page_path", "origin_of", "key_messages", "tips_of",
    "statements", "entry_findings", "build_index", "anchor_for", "tags_of",
]
