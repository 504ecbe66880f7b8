"""The built website: a page for every record and theme, theme pages that reach everything tagged,
text that stays text, a strict MkDocs build, search, and incremental regeneration."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import search_docs

from generator.checks.safety import publishable
from generator.content.project import load_project
from generator.content.validate import themes_by_use
from generator.core.problems import GeneratorError
from generator.index.themeindex import page_path
from generator.pipeline.build import GENERATED_DOCS, build, generate
from generator.site.engine import build_html

ROOT = Path(__file__).resolve().parent.parent

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
PAGE_KINDS = ("panel", "panel-meeting", "forum-report", "thematic-review", "learning-circle", "reflective-model",
              "question-bank")


def mini_project(dest: Path) -> Path:
    """The fixture project with the repository's site settings and stylesheets."""
    shutil.copytree(FIXTURE, dest)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides" / "assets", dest / "overrides" / "assets")
    shutil.copy2(ROOT / "overrides" / "main.html", dest / "overrides" / "main.html")  # what the search indexes
    return dest


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Path:
    """The fixture project built once (no handouts); returns its root (site at root/'site')."""
    root = mini_project(tmp_path_factory.mktemp("mini") / "project")
    build(root, handouts=False, progress=lambda message: None)
    return root


def html_of(site: Path, docs_path: str) -> str:
    """The built HTML of a generated page, e.g. 'themes/neglect.md' → site/themes/neglect/index.html."""
    rel = docs_path.removesuffix(".md")
    rel = rel.removesuffix("index") if rel.endswith("index") else rel + "/"
    return (site / rel / "index.html").read_text(encoding="utf-8")


def public_entries(root: Path):
    project, _ = load_project(root)
    public, _ = publishable(project)
    return public.entries


def links_of(page_html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page_html))


# ------------------------------------------------------------------ the shipped site


def test_a_page_for_every_record_and_every_theme(built_site):
    site = built_site / "site"
    entries = public_entries(built_site)
    pages = [e for e in entries if e.kind in PAGE_KINDS or e.kind == "theme"]
    assert len([e for e in pages if e.kind == "theme"]) >= 39
    for entry in pages:
        assert "<h1" in html_of(site, page_path(entry.kind, entry.id)), entry.id


def test_every_theme_page_links_to_every_record_tagged_with_it(built_site):
    site = built_site / "site"
    entries = public_entries(built_site)
    checked = 0
    for tag, users in themes_by_use(entries).items():
        page = html_of(site, page_path("theme", tag))
        hrefs = {h.split("#")[0] for h in links_of(page)}
        for entry in users:
            if entry.kind in PAGE_KINDS:
                target = f"../../{page_path(entry.kind, entry.id).removesuffix('.md')}/"
                assert target in hrefs, f"the {tag} page does not link to {entry.id}"
                checked += 1
    assert checked > 50


def test_from_domestic_abuse_a_reader_reaches_the_panels_the_tools_and_the_questions(built_site):
    page = html_of(built_site / "site", "themes/domestic-abuse.md")
    hrefs = links_of(page)
    for meeting in ("cheltenham-2013-09-27", "cotswold-2013-06-24", "forest-of-dean-2013-05-31"):
        assert any(h.startswith(f"../../panel-meetings/{meeting}/#") for h in hrefs), meeting
    tools = [h for h in hrefs if h.startswith("../../thematic-reviews/hampshire-thematic-review/#") and "-tool-" in h]
    assert len(tools) >= 3
    model = [h for h in hrefs if h.startswith("../../reflective-model/")]
    assert any(h.endswith(("#experience", "#reflection", "#analysis", "#action-plans")) for h in model)
    for target in tools + [h for h in hrefs if "panel-meetings/" in h and "#" in h]:
        path, anchor = target.split("#")
        linked = (built_site / "site" / "themes" / "domestic-abuse" / path / "index.html").resolve()
        assert f'id="{anchor}"' in linked.read_text(encoding="utf-8"), target


def test_the_model_page_draws_the_cycle_from_the_data(built_site):
    page = html_of(built_site / "site", "reflective-model/reflective-discussions-model.md")
    svg = re.search(r'<svg class="sl-cycle".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for step in ("Experience", "Reflection", "Analysis", "Action plans"):
        assert f">{step}</tspan>" in svg or f">{step.split()[0]}</tspan>" in svg
    assert 'id="red-cycle"' in page and "sl-data-slot" in page


def test_the_forum_attendance_shows_the_total_and_the_lost_chart_note(built_site):
    page = html_of(built_site / "site", "forum-reports/falkirk-practitioner-forum-2013-03.md")
    figure = re.search(r'<figure class="sl-figure sl-attendance".*?</figure>', page, re.S).group(0)
    assert "<strong>102</strong>" in figure and "lost" in figure and "<rect" not in figure


def test_search_finds_questions_tips_and_themes(built_site):
    docs = search_docs(built_site / "site")
    text = " ".join(doc["meta"].get("title", "") + " " + doc["content"] for doc in docs)
    assert "What were the key moments?" in text  # a question from the model's question bank
    assert "first Core" in text  # a panel top tip
    assert any(doc["url"] == "/themes/domestic-abuse/" for doc in docs)


def test_nothing_loads_from_outside_the_site(built_site):
    page = html_of(built_site / "site", "index.md")
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)


# ------------------------------------------------------------------ the fixture site


def test_html_typed_into_a_field_is_shown_as_text(mini_site):
    page = html_of(mini_site / "site", "panel-meetings/north-2013-09-27.md")
    assert "Typed by staff: &lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "<li id=\"healthy-challenge-1\"># not a heading, 1. not a list but <em>emphasis</em>" in page


def test_theme_pages_keep_their_findings_out_of_the_search_index(mini_site):
    """Findings repeat text indexed on its own page: a theme page is indexed by its title, description and
    aliases only (overrides/main.html), even where a top-tip box comes before further findings (a wrapping
    excluded block once stopped Material's search excluding at the end of the first box inside it)."""
    docs = search_docs(mini_site / "site")
    for theme in ("voice-of-the-child", "domestic-abuse"):
        found = [d for d in docs if d["url"] == f"/themes/{theme}/"]
        assert len(found) == 1 and found[0]["filters"]["type"] == ["Theme"]
        text = found[0]["meta"]["title"] + " " + found[0]["content"]
        assert "Map a day in the life" not in text and "Being diverted by parents" not in text
        assert "Ask about every adult" not in text and "Training on domestic abuse" not in text
    page = html_of(mini_site / "site", "themes/voice-of-the-child.md")
    assert "Map a day in the life of the child." in page and "Being diverted by parents" in page


def test_generator_templates_in_overrides_never_reach_the_site(mini_site):
    published = [p.relative_to(mini_site / "site").as_posix() for p in (mini_site / "site").rglob("*")]
    assert not any(p.startswith(("markdown", "handouts/README")) or p.endswith("README.txt") for p in published)
    assert (mini_site / "site" / "assets" / "stylesheets" / "site.css").exists()
    assert (mini_site / "site" / "assets" / "stylesheets" / "palette.css").exists()


def test_restricted_records_are_not_on_the_site(mini_site):
    assert not (mini_site / "site" / "panel-meetings" / "secret-2013-07-01").exists()
    for page in (mini_site / "site").rglob("*.html"):
        assert "This restricted point" not in page.read_text(encoding="utf-8")


def test_a_link_to_a_missing_section_fails_the_strict_build(mini_site, tmp_path):
    docs = mini_site / GENERATED_DOCS
    page = docs / "about.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\n[broken](themes/neglect.md#no-such-section)\n", encoding="utf-8")
        with pytest.raises(GeneratorError) as caught:
            build_html(mini_site / "build" / "mkdocs.yml", tmp_path / "site")
    finally:
        page.write_text(original, encoding="utf-8")
    messages = [str(p) for p in caught.value.problems.errors]
    assert any("build/docs/about.md" in m and "no-such-section" in m for m in messages), messages


def test_regenerating_rewrites_only_what_changed_and_removes_deleted_records(tmp_path):
    root = mini_project(tmp_path / "project")
    quiet = {"progress": lambda message: None}
    first = generate(root, **quiet)
    assert first.pages_written == first.pages > 30
    again = generate(root, **quiet)
    assert (again.pages_written, again.pages_removed) == (0, 0)
    (root / "content" / "panel-meetings" / "2013-05-31-south.yaml").unlink()
    after = generate(root, **quiet)
    # the meeting's page, and the board report of its quarter (April to June 2013 held only this meeting)
    assert after.pages_removed == 2 and not (root / GENERATED_DOCS / "panel-meetings" / "south-2013-05-31.md").exists()
    assert not (root / GENERATED_DOCS / "reports" / "2013-04-01-to-2013-06-30.md").exists()
    assert 0 < after.pages_written < after.pages  # the pages that listed it, not every page


def test_preview_keeps_the_last_good_pages_when_a_record_becomes_invalid(tmp_path):
    from generator.preview.serve import regenerate, snapshot

    root = mini_project(tmp_path / "project")
    said: list[str] = []
    assert regenerate(root, said.append)
    page = root / GENERATED_DOCS / "panel-meetings" / "north-2013-09-27.md"
    good = page.read_text(encoding="utf-8")
    before = snapshot(root)
    record = root / "content" / "panel-meetings" / "2013-09-27-north.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("locality: North\n", ""), encoding="utf-8")
    assert snapshot(root) != before  # the watcher sees the edit
    assert not regenerate(root, said.append)
    assert "keeps showing the last good pages" in said[-1]
    assert page.read_text(encoding="utf-8") == good
    record.write_text(record.read_text(encoding="utf-8").replace("date: 2013-09-27", "locality: Northern\ndate: 2013-09-27"),
                      encoding="utf-8")
    assert regenerate(root, said.append)
    assert "Northern" in page.read_text(encoding="utf-8")


# ------------------------------------------------------------------ heading structure (WCAG 1.3.1, 2.4.6)


def heading_skips(page_html: str) -> list[str]:
    """Headings in the page's content that go deeper by more than one level (an h2 followed by an h4)."""
    article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', page_html, re.S)
    levels = [(int(m.group(1)), re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m.group(2))).strip())
              for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", article.group(1) if article else "", re.S)]
    skips, previous = [], 0
    for level, text in levels:
        if previous and level > previous + 1:
            skips.append(f"h{previous} → h{level} {text[:60]!r}")
        previous = level
    return skips


@pytest.mark.parametrize("which", ["shipped", "mini"])
def test_no_page_skips_a_heading_level(which, built_site, mini_site):
    site = (built_site if which == "shipped" else mini_site) / "site"
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 30
    found = {str(p.relative_to(site)): heading_skips(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: skips for page, skips in found.items() if skips} == {}


def test_the_heading_check_sees_a_skipped_level():
    page = '<article class="md-content__inner md-typeset"><h1>T</h1><h2>A</h2><h4>B</h4></article>'
    assert heading_skips(page) == ["h2 → h4 'B'"]
