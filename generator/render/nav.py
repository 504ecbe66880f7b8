"""The site's navigation: sections and index pages only, never one link per record.

Records are reached from their listing pages and from theme pages, so the navigation stays the
same size whether the site holds ten records or a thousand (with Material's
``navigation.prune`` only the open section is rendered into each page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.content.kinds import KIND, page_path
from generator.render.templates import static_templates, template_source

NavItem = str | dict[str, Any]


def _static_meta(template: Path) -> dict[str, Any]:
    """The front matter written at the top of a static page template (Jinja lines ignored)."""
    text = template.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("{%"))
    match = re.match(r"\s*---\n(.*?)\n---", text, re.S)
    if not match or "{{" in match.group(1):
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def static_pages(root: Path | None) -> list[tuple[str, dict[str, Any]]]:
    """(docs path, front matter) of every static page, in navigation order (nav_order, then path)."""
    pages = [(path, _static_meta(template_source(root, "markdown", template)))
             for path, template in static_templates(root).items()]

    def order(item: tuple[str, dict[str, Any]]) -> tuple[float, str]:
        path, meta = item
        value = meta.get("nav_order", 100)
        return (float(value) if isinstance(value, (int, float)) else 100.0, "" if path.endswith("index.md") else path)

    return sorted(pages, key=order)


def _entry(path: str, meta: dict[str, Any]) -> NavItem:
    title = meta.get("nav_title") or meta.get("title")
    return {str(title): path} if title else path


def nav(project: Any) -> list[NavItem]:
    """The navigation tree for build/mkdocs.yml."""
    records = [e for e in project.entries if KIND[e.kind].page_folder and e.kind != "theme"]
    kinds = {e.kind for e in records}

    def only(kind: str) -> list[Any]:
        return [e for e in records if e.kind == kind]

    # With navigation.indexes a section shows its first index.md page as the section itself, so
    # a section holds at most one listing page (index.md), and it comes first.
    items: list[NavItem] = [{"Home": "index.md"}, {"What's new": "whats-new.md"}, {"Themes A–Z": "themes/index.md"}]
    panels = only("panel")
    if len(panels) == 1:
        items.append({"Case review panel": page_path("panel", panels[0].id)})
    elif panels:
        items.append({"Case review panels": "panel/index.md"})
    if "panel-meeting" in kinds:
        items.append({"Panel meetings": "panel-meetings/index.md"})
    items.append({"You said, we did": "actions.md"})
    items.append({"Board reports": "reports/index.md"})
    publications: list[NavItem] = ["publications/index.md"]
    for kind in ("forum-report", "thematic-review", "learning-circle", "question-bank"):
        if kind in kinds:
            publications.append({KIND[kind].label[1]: f"{KIND[kind].page_folder}/index.md"})
    items.append({"Publications": publications})
    practice: list[NavItem] = []
    models = only("reflective-model")
    if len(models) == 1:
        practice.append({"Reflective discussion model": page_path("reflective-model", models[0].id)})
    elif models:
        practice.append({"Reflective discussion models": "reflective-model/index.md"})
    practice += [{"Questions for reflection": "questions.md"}, {"Top tips": "tips.md"},
                 {"Tools and guidance": "tools.md"}, {"Handouts": "handouts.md"}]
    items.append({"Practice resources": practice})
    about: list[NavItem] = []
    sections: dict[str, list[NavItem]] = {}
    for path, meta in static_pages(getattr(project, "root", None)):
        if meta.get("in_nav") is False:  # e.g. the search page, reached from every page's header
            continue
        folder = path.split("/")[0] if "/" in path else None
        if folder:
            sections.setdefault(folder, []).append(_entry(path, meta) if not path.endswith("index.md") else path)
        else:
            about.append(_entry(path, meta))
    staff = sections.pop(STAFF_FOLDER, None)
    for folder, pages in sections.items():
        about.append({folder.replace("-", " ").capitalize(): pages})
    if about:
        items.append({"About": about})
    if staff:
        # The staff guide is out of the practitioners' way: one link at the end of the navigation, its
        # pages listed on its own front page (and kept out of search by their front matter).
        items.append({STAFF_TITLE: f"{STAFF_FOLDER}/index.md"})
    return items


STAFF_FOLDER = "contributing"
"""The folder of the guide for board staff: outside the practitioners' navigation and search."""
STAFF_TITLE = "Guide for board staff"
"""Its one link in the navigation."""
