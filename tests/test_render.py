"""The render stage without MkDocs: escaping, figures, the theme index, writing, overrides, navigation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from generator.checks.safety import publishable
from generator.content.project import load_project
from generator.index.anchors import anchor_for
from generator.index.themeindex import build_index, page_path
from generator.render.nav import nav
from generator.render.pagecache import render_pages
from generator.render.svg import Step, attendance_figure, cycle_figure
from generator.render.text import inline, plain
from generator.site.write import sync_theme, write_config, write_pages

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


def html(text: str) -> str:
    return markdown.markdown(str(text), extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def mini():
    project, problems = load_project(FIXTURE)
    assert not problems.errors
    public, _ = publishable(project)
    return public


@pytest.fixture(scope="module")
def pages(mini):
    return render_pages(mini, {})


# ------------------------------------------------------------------ text stays text

TEXT_CASES = [
    # (typed by staff, what the reader sees as HTML)
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<b>bold</b> & more", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; more</p>"),
    ("&amp; stays as typed", "<p>&amp;amp; stays as typed</p>"),
    ("# not a heading", "<p># not a heading</p>"),
    ("- not a list", "<p>- not a list</p>"),
    ("* not a list either", "<p>* not a list either</p>"),
    ("1. not numbered", "<p>1. not numbered</p>"),
    ("2013. A year", "<p>2013. A year</p>"),
    ("> not a quote", "<p>&gt; not a quote</p>"),
    ("---", "<p>---</p>"),
    ("!!! note", "<p>!!! note</p>"),
    ("a | b {: #id }", "<p>a &#124; b &#123;: #id &#125;</p>"),
    ("![picture](https://example.org/x.png)", '<p>!<a href="https://example.org/x.png">picture</a></p>'),
    ("[ref]: https://example.org/", "<p>[ref]: https://example.org/</p>"),
    ("*emphasis* and **strong**", "<p><em>emphasis</em> and <strong>strong</strong></p>"),
    ("[a link](https://example.org/)", '<p><a href="https://example.org/">a link</a></p>'),
    ("[write](mailto:board@example.org)", '<p><a href="mailto:board@example.org">write</a></p>'),
    ("[bad](javascript:alert(1))", "<p>[bad](javascript:alert(1))</p>"),
    ("[bad](data:text/html,hi)", "<p>[bad](data:text/html,hi)</p>"),
    ("two\nlines", "<p>two lines</p>"),
]


@pytest.mark.parametrize(("typed", "expected"), TEXT_CASES)
def test_inline_keeps_text_as_text(typed, expected):
    assert html(inline(typed)) == expected


def test_inline_links_to_pages_of_the_site_are_made_relative_to_the_page():
    assert str(inline("[neglect](themes/neglect.md)", page="panel-meetings/x.md")) == "[neglect](../themes/neglect.md)"
    assert str(inline("[up](../secret.md)", page="x.md")).startswith("\\[up\\]")


def test_plain_drops_all_markdown_but_keeps_words():
    assert html(plain("*a* [b](https://example.org/) <i>")) == "<p>*a* b &lt;i&gt;</p>"


def test_staff_html_never_reaches_a_page_as_markup(pages):
    north = pages["panel-meetings/north-2013-09-27.md"]
    assert "<script>" not in north and "<b>" not in north
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in north
    assert "<script>" not in html(north)


# ------------------------------------------------------------------ figures


def test_cycle_is_drawn_from_the_steps_with_real_text_and_a_text_equivalent():
    steps = [Step("Experience", "#experience", "What is the child's story?"), Step("Reflection"),
             Step("Analysis"), Step("Action <plans>")]
    figure = cycle_figure(steps, "cycle", "The cycle", "Caption", ["Described."], None)
    svg = figure[figure.index("<svg"):figure.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="cycle-svg-title cycle-svg-desc"' in svg
    assert '<title id="cycle-svg-title">The cycle</title>' in svg
    for label in ("Experience", "Reflection", "Analysis", "Action &lt;plans&gt;"):
        assert f">{label}</tspan>" in svg or label in svg
    assert svg.count("<path class=\"sl-cycle-arrow\"") == 4  # one arrow per step, the last back to the first
    assert "<image" not in svg and "href=\"http" not in svg
    assert re.search(r"<ol>.*Experience.*Reflection.*Analysis.*Action &lt;plans&gt;.*</ol>", figure, re.S)
    assert '<a href="#experience">Experience</a>' in figure


def test_a_lost_figure_shows_a_data_slot_and_is_never_drawn():
    figure = cycle_figure([], "red", "Red cycle", None, ["The least effective way."], "The diagram was lost.")
    assert "<svg" not in figure
    assert 'class="sl-data-slot"' in figure and "The diagram was lost." in figure


class _Agency:
    def __init__(self, agency, count):
        self.agency, self.count = agency, count


class _Attendance:
    def __init__(self, by_agency, total=30, missing=None):
        self.by_agency, self.total, self.missing, self.chart_title = by_agency, total, missing, "Chart 1"


def test_attendance_chart_has_a_bar_and_a_table_row_per_agency():
    figure = attendance_figure(_Attendance([_Agency("Health", 12), _Agency("Police", 6), _Agency("Other", None)]))
    assert figure.count('class="sl-bar-fill"') == 2  # an unknown count gets no bar …
    assert '<th scope="row">Other</th><td class="sl-num">not known</td>' in figure  # … and says so
    assert '<th scope="row">Health</th><td class="sl-num">12</td>' in figure
    assert "Total</th><td class=\"sl-num\">30</td>" in figure


def test_attendance_without_numbers_shows_the_total_and_the_note_never_invented_bars():
    figure = attendance_figure(_Attendance([], total=102, missing="The chart was lost."))
    assert "<svg" not in figure and "<rect" not in figure
    assert "<strong>102</strong>" in figure and "The chart was lost." in figure


# ------------------------------------------------------------------ theme index


def test_page_paths_are_the_stable_url_scheme():
    assert page_path("panel-meeting", "cheltenham-2013-09-27") == "panel-meetings/cheltenham-2013-09-27.md"
    assert page_path("theme", "domestic-abuse") == "themes/domestic-abuse.md"
    assert page_path("tool", "x") == "tools.md"


def test_theme_index_groups_everything_tagged_and_links_to_exact_sections(mini, pages):
    index = build_index(mini)
    da = index["domestic-abuse"]
    assert list(da.groups) == ["panel", "actions", "forum", "review", "questions", "circle", "tips", "tools"]
    meetings = {f.origin.locality for f in da.groups["panel"]}
    assert meetings == {"North", "South"}  # the restricted West meeting is not in the public project
    review = da.groups["review"][0]
    assert [c.text for c in review.children if c.role == "tool"] == ["Practice advice on domestic abuse"]
    ids: dict[str, str] = {}
    for theme in index.values():
        for group in theme.groups.values():
            for finding in group:
                for item in (finding, *finding.children):
                    if item.path not in ids:
                        ids[item.path] = html(pages[item.path].split("\n---\n", 1)[-1])
                    assert f'id="{item.anchor}"' in ids[item.path], f"{item.url} has no such section"
    assert index["unused-theme"].count == 0


def test_anchors_are_readable_and_unique_within_a_record(mini):
    meeting = next(e.record for e in mini.entries if e.id == "north-2013-09-27")
    assert anchor_for(meeting, ("themes_arising", 0)) == "understanding-domestic-abuse"
    assert anchor_for(meeting, ("themes_arising", 0, "points", 1)) == "understanding-domestic-abuse-2"
    assert anchor_for(meeting, ("actions", 1)) == "action-2"
    review = next(e.record for e in mini.entries if e.id == "example-review")
    assert anchor_for(review, ("key_themes", 0, "tool_groups", 1, "tools", 0)) == "voice-of-the-child-tool-3"


# ------------------------------------------------------------------ pages


def test_every_record_and_theme_has_a_page_and_restricted_ones_none(mini, pages):
    for entry in mini.entries:
        if entry.kind not in ("tool", "tip"):
            assert page_path(entry.kind, entry.id) in pages
    assert "panel-meetings/secret-2013-07-01.md" not in pages
    assert not any("This restricted point" in text or "Restricted heading" in text for text in pages.values())


def test_handouts_are_linked_relative_to_the_page(mini):
    from generator.render.artifacts import HandoutInfo

    info = {"north-2013-09-27": [HandoutInfo("north-2013-09-27", "Themes sheet", "handouts/north.pdf", 2, 40_960)],
            "theme:neglect": [HandoutInfo("theme:neglect", "7-minute briefing", "handouts/neglect.pdf", 1, 2_000_000)]}
    pages = render_pages(mini, info)
    # finished HTML (render/html.py): the address as MkDocs writes it from the page's own address
    assert '<a download href="../../handouts/north.pdf">Download themes sheet (PDF, 2 pages, 40 KB)</a>' \
        in pages["panel-meetings/north-2013-09-27.md"]
    assert '<a download href="../../handouts/neglect.pdf">Download 7-minute briefing (PDF, 1 page, 1.9 MB)</a>' \
        in pages["themes/neglect.md"]
    assert "(handouts/north.pdf)" in pages["handouts.md"]


def test_tool_without_a_link_is_its_name_under_a_list_that_says_so_once(pages):
    review = pages["thematic-reviews/example-review.md"]
    assert re.search(r'<li id="[^"]+">Practice advice on domestic abuse <span class="sl-meta">', review)
    assert "link to follow" not in review
    assert "(web address not known yet" in review
    assert '<a href="https://example.org/neglect-toolkit">Neglect toolkit</a>' in review


def test_a_theme_with_more_tools_than_a_page_holds_has_them_on_pages_a_to_z(mini, monkeypatch):
    """A theme's tools page lists at most PART_ITEMS tools: more go on further pages, each named by the
    letters it spans and linked from every page of the theme; every tool is on exactly one page."""
    whole = render_pages(mini, {})["tools/domestic-abuse.md"]
    assert "Pages, A–Z" not in whole
    tools = re.findall(r"<li[^>]*>(?:<a href=\"[^\"]+\">)?([^<]+)", whole)
    assert tools == ["DASH risk checklist", "Practice advice on domestic abuse "]
    monkeypatch.setattr("generator.render.lists.PART_ITEMS", 1)
    pages = render_pages(mini, {})
    first, second = pages["tools/domestic-abuse.md"], pages["tools/domestic-abuse/2.md"]
    assert "tools/domestic-abuse/3.md" not in pages and "tools/neglect/2.md" not in pages  # neglect has one tool
    assert first.startswith('---\ntitle: "Tools and guidance: Domestic abuse (D)"')
    assert second.startswith('---\ntitle: "Tools and guidance: Domestic abuse (P)"')
    assert '  - ["Domestic abuse", "tools/domestic-abuse/"]\n---' in second  # "you are here": back to the first page
    assert "**Pages, A–Z:** **D** · [P](domestic-abuse/2.md) (2 tools)\n{ .sl-meta }" in first
    assert "**Pages, A–Z:** [D](../domestic-abuse.md) · **P** (2 tools)\n{ .sl-meta }" in second
    assert ">DASH risk checklist</a>" in first and "DASH risk checklist" not in second
    assert "<li>Practice advice on domestic abuse <span" in second and "Practice advice" not in first
    assert '<a href="../../../thematic-reviews/example-review/#voice-of-the-child-tool-1">' in second  # from tools/domestic-abuse/2/


def test_project_templates_in_overrides_win(tmp_path, mini):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURE, root)
    (root / "overrides" / "markdown" / "panel-meeting.md.j2").write_text("# Overridden {{ record.title }}\n")
    (root / "overrides" / "markdown" / "pages").mkdir()
    (root / "overrides" / "markdown" / "pages" / "extra.md.j2").write_text("---\ntitle: Extra page\n---\n# Extra\n")
    project, _ = load_project(root)
    public, _ = publishable(project)
    pages = render_pages(public, {})
    assert pages["panel-meetings/north-2013-09-27.md"] == "# Overridden Themes arising - North 27/09/13\n"
    assert pages["extra.md"].endswith("# Extra\n")
    about = next(item["About"] for item in nav(public) if isinstance(item, dict) and "About" in item)
    assert {"Extra page": "extra.md"} in about


def test_navigation_does_not_grow_with_the_number_of_records(mini):
    def count(items):
        return sum(count(v) if isinstance(v, list) else 1 for item in items
                   for v in (item.values() if isinstance(item, dict) else [item]))

    before = count(nav(mini))
    many = [e for e in mini.entries] + [e for e in mini.entries if e.kind == "panel-meeting"] * 300
    assert count(nav(type(mini)(root=mini.root, config=mini.config, entries=many))) == before


# ------------------------------------------------------------------ writing


def test_write_pages_rewrites_only_changes_and_removes_only_its_own_pages(tmp_path):
    docs = tmp_path / "build" / "docs"
    written, removed = write_pages({"a.md": "A\n", "x/b.md": "B\n"}, docs)
    assert (written, removed) == (["a.md", "x/b.md"], [])
    (docs / "handouts").mkdir()
    (docs / "handouts" / "a.pdf").write_bytes(b"%PDF")
    (docs / "mine.md").write_text("put here by hand")
    written, removed = write_pages({"a.md": "A\n", "x/b.md": "B changed\n"}, docs)
    assert (written, removed) == (["x/b.md"], [])
    written, removed = write_pages({"a.md": "A\n"}, docs)
    assert (written, removed) == ([], ["x/b.md"])
    assert not (docs / "x").exists()
    assert (docs / "handouts" / "a.pdf").exists() and (docs / "mine.md").exists()
    with pytest.raises(ValueError):
        write_pages({"handouts/a.pdf": "x"}, docs)


def test_generator_templates_in_overrides_are_never_published(tmp_path, mini):
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    (root / "overrides" / "assets").mkdir()
    (root / "overrides" / "assets" / "extra.css").write_text("/* mine */")
    theme = sync_theme(root, root / "build")
    files = {p.relative_to(theme).as_posix() for p in theme.rglob("*") if p.is_file()}
    assert "assets/extra.css" in files
    assert not any(f.startswith(("markdown/", "handouts/")) for f in files)
    (root / "overrides" / "assets" / "extra.css").unlink()
    sync_theme(root, root / "build")
    assert not (theme / "assets" / "extra.css").exists()


def test_write_config_inherits_the_committed_settings_and_adds_the_palette(tmp_path, mini):
    import yaml

    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    config_file = write_config(mini, root, root / "build" / "docs")
    data = yaml.safe_load(config_file.read_text())
    assert data["INHERIT"] == "../mkdocs.yml" and data["docs_dir"] == "docs"
    assert data["theme"]["custom_dir"] == "theme" and data["site_name"] == "Mini learning site"
    palette = (root / "build" / "theme" / "assets" / "stylesheets" / "palette.css").read_text()
    assert "--sl-primary" in palette or "--md-primary-fg-color" in palette


def test_a_large_theme_shows_its_newest_records_in_full_and_links_the_earlier_ones(mini, monkeypatch):
    """Each group of record findings shows its newest RECENT_RECORDS records in full; earlier records
    are one line each, linking to their first finding, with how many findings they hold."""
    import generator.render.pages

    full = render_pages(mini, {})["themes/domestic-abuse.md"]
    assert "Earlier records" not in full  # two published panel meetings: both in full
    monkeypatch.setattr(generator.render.pages, "RECENT_RECORDS", 1)
    pages = render_pages(mini, {})
    page = pages["themes/domestic-abuse.md"]
    panel = page.split("## Case review panel")[1].split("\n## ")[0]
    assert 'The 1 most recent records are shown in full; <a href="#panel-earlier">1 earlier records</a>' in panel
    newest, earlier = panel.split("### Earlier records { #panel-earlier data-search-exclude }")
    assert "Domestic abuse often recurs with a new partner." in newest  # North, 27 September 2013
    # South's text is on its own page (the page's summary at the top may quote one statement of it)
    assert "Domestic abuse and neglect are common in complex cases." not in panel
    # the earlier records are listed on a page per year, which the theme page links by year
    assert "1 earlier records, by year: [2013](domestic-abuse/2013.md#panel) (1)" in earlier
    year = pages["themes/domestic-abuse/2013.md"]
    assert year.startswith('---\ntitle: "Domestic abuse: earlier records, 2013"')
    assert ('<li><a href="../../../panel-meetings/south-2013-05-31/#understanding-domestic-abuse">Themes arising - South '
            '31/05/13</a>' in year)  # finished HTML: the address from the page's own, themes/domestic-abuse/2013/
    assert "South · 31 May 2013 · 1 finding</span>" in year
    assert "Domestic abuse often recurs with a new partner." not in year
    assert '<a href="#panel">Case review panel: themes and top tips</a> (' in page  # the count is still of every finding


def test_a_theme_page_lists_its_newest_publications_and_the_first_questions_and_links_the_rest(mini, monkeypatch):
    """"Publications about …" lists the newest PUBLICATIONS_SHOWN records tagged with the theme as a whole, the
    earlier ones on the theme's pages by year; questions, tips and tools show their first REFERENCE_SHOWN, and
    link the theme's own page of them, which has every one. So a theme page does not grow with the collection."""
    whole = render_pages(mini, {})
    assert "earlier publications" not in whole["themes/core-groups.md"] and "The first" not in whole["themes/neglect.md"]
    listed = re.findall(r'<li><a href="([^"]+)">', whole["themes/core-groups.md"].split("## Publications about core groups")[1])
    assert len(listed) == 4
    monkeypatch.setattr("generator.render.pages.PUBLICATIONS_SHOWN", 1)
    monkeypatch.setattr("generator.render.pages.REFERENCE_SHOWN", 1)
    pages = render_pages(mini, {})
    publications = pages["themes/core-groups.md"].split("## Publications about core groups")[1].split("\n## ")[0]
    assert re.findall(r'<li><a href="([^"]+)">', publications) == listed[:1]  # the newest
    assert ("3 earlier publications, by year: [2013](core-groups/2013.md#publications) (2) · "
            "[Undated](core-groups/undated.md#publications) (1)") in publications
    earlier = [pages["themes/core-groups/2013.md"], pages["themes/core-groups/undated.md"]]
    found = [href for page in earlier for href in re.findall(r'<li><a href="\.\./([^"]+)">', page.split("{ #publications }")[1])]
    assert found == listed[1:]  # each earlier one once, on its year's page, linked from one folder deeper
    neglect = pages["themes/neglect.md"].split("## Questions for reflection")[1].split("\n## ")[0]
    assert neglect.count("<li>") == 1
    assert ('<p class="sl-meta">The first 1 of 2 are shown here; <a href="../../questions/neglect/">Questions for '
            'reflection: Neglect</a> has every one.</p>') in neglect
    assert pages["questions/neglect.md"].count("What is a day like for this child?") == 1


def test_whats_new_lists_its_newest_items_and_every_item_by_year_when_there_are_more(mini, monkeypatch):
    monkeypatch.setattr("generator.render.lists.NEWS_SHOWN", 2)
    pages = render_pages(mini, {})
    latest = pages["whats-new.md"]
    years = sorted((p for p in pages if p.startswith("whats-new/")), reverse=True)
    assert years and latest.count("\n- **") == 2
    assert "**Earlier, by year:** " + " · ".join(f"[{p[10:14]}]({p})" for p in years) in latest
    items = sum(pages[p].count("\n- **") for p in years)
    assert items > 2  # every item is on its year's page, the newest too
    first = pages[years[0]]
    assert first.startswith(f'---\ntitle: "What\'s new in {years[0][10:14]}"')


def test_a_listing_shows_its_newest_records_and_the_earlier_by_year(mini, monkeypatch):
    records = [e for e in mini.entries if e.kind == "panel-meeting"]
    assert len(records) >= 2
    source = (Path(__file__).parents[1] / "generator/templates/markdown/listing.md.j2").read_text(encoding="utf-8")
    assert "{% set shown_count = 100 %}" in source
    pages = render_pages(mini, {})
    assert "earlier, by year of publication" not in pages["panel-meetings/index.md"]
    monkeypatch.setattr("generator.render.pages.Renderer.render", _render_with_one_shown(monkeypatch))
    page = render_pages(mini, {})["panel-meetings/index.md"]
    assert f"**{len(records) - 1} earlier, by year of publication:** [" in page
    assert "(../publications/2013.md)" in page


def _render_with_one_shown(monkeypatch):
    from generator.render.pages import Renderer

    original = Renderer.render

    def render(self, template, page, handouts=(), **context):
        if template == "listing.md.j2":
            source = self.env.loader.get_source(self.env, template)[0].replace("{% set shown_count = 100 %}", "{% set shown_count = 1 %}")
            return original_template(self, source, page, handouts, context)
        return original(self, template, page, handouts=handouts, **context)

    def original_template(self, source, page, handouts, context):
        from generator.render.pages import Handouts, tidy

        base = {"config": self.config, "page": page, "themes": self.themes, "handouts": Handouts(self.handout_info, handouts)}
        return tidy(self.env.from_string(source).render({**base, **context}))

    return render


def test_pages_of_a_theme_s_tools_are_named_apart_by_the_letters_they_span():
    from types import SimpleNamespace

    from generator.render.lists import _spans

    def tools(*titles):
        return [(SimpleNamespace(text=t),) for t in titles]

    assert _spans([tools("apple guide", "Fig"), tools("Grape", "mango")]) == ["A–F", "G–M"]
    # one letter would name two pages "C": two letters tell them apart
    assert _spans([tools("Can a", "Could b"), tools("Could c", "Could d"), tools("Did", "Did x")]) == ["Ca–Co", "Co", "Di"]
    assert _spans([tools("Same"), tools("Same")]) == ["Same (1)", "Same (2)"]


def test_a_template_is_compiled_once_per_process_and_again_when_its_text_changes(tmp_path: Path) -> None:
    """Environments share compiled templates (the preview makes one per reset, the tests one per build), but
    an override edited between two runs is read again: the same text, the same code; a new text, its own."""
    from generator.render import templates

    override = tmp_path / "overrides" / "markdown" / "note.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("first {{ n }}\n", encoding="utf-8")
    one = templates.environment(tmp_path, "markdown").get_template("note.md.j2")
    two = templates.environment(tmp_path, "markdown").get_template("note.md.j2")
    assert one.render(n=1) == two.render(n=1) == "first 1\n"
    assert two.root_render_func.__code__ is one.root_render_func.__code__  # compiled once
    override.write_text("second {{ n }}\n", encoding="utf-8")
    three = templates.environment(tmp_path, "markdown").get_template("note.md.j2")
    assert three.render(n=1) == "second 1\n"
    override.write_text("first {{ n }}\n", encoding="utf-8")  # put back as it was: its first code again, or new
    assert templates.environment(tmp_path, "markdown").get_template("note.md.j2").render(n=2) == "first 2\n"
