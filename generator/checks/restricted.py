"""Public records that point at restricted ones: reported by `check`, against the public record's line.

- A link (in a text field, or a `url:`/`link:` field) to the page of a record marked
  `restricted: true` is an error: that page is never built, so the link would break, and the link
  itself says the record exists. Without this check only MkDocs noticed, naming generated files.
- A public panel meeting whose panel is restricted loses its panel on the site (no "about the
  panel", no link to it): a warning, so the board decides whether the meeting should be restricted
  too or the panel published.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.core.problems import Problems, format_path_loc

_SUFFIXES = (".md", ".html", ".pdf")


def _restricted(entry) -> bool:
    return bool(getattr(entry.record, "restricted", False))


def linked_ids(url: str) -> list[str]:
    """The record ids an internal address could point at: its path's segments, without '.md' and the like."""
    path = urlsplit(url.strip()).path
    out = []
    for segment in path.split("/"):
        for suffix in _SUFFIXES:
            segment = segment.removesuffix(suffix)
        if segment and segment not in (".", ".."):
            out.append(segment)
    return out


def restricted_by_id(project) -> dict:
    """The restricted records whose id no public record shares, by id."""
    public_ids = {e.id for e in project.entries if not _restricted(e)}
    return {e.id: e for e in project.entries if _restricted(e) and e.id not in public_ids}


def link_to_restricted(entry, loc, url: str, hidden: dict, problems: Problems) -> None:
    """An error if the internal address ``url``, in a public record's field at ``loc``, leads to a restricted record."""
    for target in linked_ids(url):
        if target in hidden:
            line, column = entry.source.position(loc)
            problems.error(
                entry.source.display, line, column, format_path_loc(loc),
                f"links to a record marked restricted ('{target}', {hidden[target].source.display}): "
                "its page is never published, so the link would break and would show that the record "
                "exists. Remove the link, or take 'restricted: true' off that record if it may be published.",
            )
            return


def check_restricted_panels(project, hidden: dict, problems: Problems, wanted: set[str] | None = None) -> None:
    """Warnings for public panel meetings whose panel is restricted."""
    if not hidden:
        return
    panels = [e for e in project.entries if e.kind == "panel"]
    for entry in project.entries:
        if entry.kind == "panel-meeting" and not _restricted(entry) and (wanted is None or entry.source.display in wanted):
            _restricted_panel(entry, panels, hidden, problems)


def _restricted_panel(entry, panels, hidden, problems: Problems) -> None:
    named = getattr(entry.record, "panel", None)
    if named:
        panel, loc = hidden.get(named), ("panel",)
    elif len(panels) == 1 and panels[0].id in hidden:
        panel, loc = panels[0], ("kind",)  # the only panel, which a meeting without 'panel:' belongs to
    else:
        return
    if panel is None or panel.kind != "panel":
        return
    line, column = entry.source.position(loc)
    problems.warning(
        entry.source.display, line, column, format_path_loc(loc),
        f"this meeting is public but its panel '{panel.id}' ({panel.source.display}) is marked restricted, so the "
        "meeting's page will show no panel and no link to it. Mark the meeting restricted too, or publish the panel.",
    )
