"""What practitioners get from the shipped content (issue 13): theme pages that open with their
learning, briefings worth printing, public pages without staff matter, and search without the staff
guide. Every test reads the real shipped records or the site built from them."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, pdf_text, search_docs

from generator.content.project import load_project
from generator.handouts import render_html
from generator.handouts.plan import BRIEFING_MIN_ITEMS, BRIEFING_MIN_RECORDS, briefing_content, plan_handouts
from generator.index.themeindex import build_index

SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
"""A source document's file name, as the records' source.file gives them (e.g. 002_8e8b3fedfe0de964.txt)."""


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(ROOT)
    assert not problems.errors, [str(p) for p in problems.errors]
    return project


@pytest.fixture(scope="module")
def briefings(project):
    return [h for h in plan_handouts(project) if h.key.startswith("theme:") and h.name == "7-minute briefing"]


def _nested(subs, parents=()):
    """(parents, text) of every sub-theme below another sub-theme."""
    for sub in subs:
        if parents:
            yield parents, sub.text
        yield from _nested(sub.sub_themes, (*parents, sub.text))


def test_only_themes_with_enough_learning_get_a_briefing(project, briefings) -> None:
    index = build_index(project)
    made = {h.key.removeprefix("theme:") for h in briefings}
    for tid, findings in index.items():
        content = briefing_content(findings)
        enough = content.learning >= BRIEFING_MIN_ITEMS and content.records >= BRIEFING_MIN_RECORDS
        assert (tid in made) == enough, (tid, content.learning, content.records)
    assert 10 <= len(made) < len(index), "the rule should leave out the themes with little learning, not all"


def test_no_briefing_has_an_empty_section(project, briefings) -> None:
    for handout in briefings:
        html = render_html(project, handout)
        sections = re.findall(r'<section class="part[^"]*">(.*?)</section>', html, re.S)
        assert len(sections) >= 5, handout.filename
        for body in sections:
            heading = re.search(r"<h2>.*?</h2>", body, re.S).group(0)
            rest = body.replace(heading, "")
            assert re.search(r"<(li|p)\b[^>]*>\s*\S", rest), f"{handout.filename}: empty section {heading}"
            assert "not published yet" not in rest and "yet:" not in heading, handout.filename


def test_questions_in_briefings_keep_their_bank_and_number(project, briefings) -> None:
    cpp = next(h for h in briefings if h.key == "theme:child-protection-plans")
    html = render_html(project, cpp)
    assert re.search(r"<strong>(Experience|Reflection|Analysis) \d+\.</strong>", html), "no 'Analysis 3'-style label"


def test_learning_up_to_is_never_claimed_for_undated_sources(briefings) -> None:
    for handout in briefings:
        undated = [o for o in handout.context["sources"] if not o.date]
        if undated:
            assert not handout.date_label.startswith("Learning up to"), (handout.filename, handout.date_label)
            assert "undated" in handout.date_label
    hampshire = [h for h in briefings if any(o.id == "hampshire-thematic-review" for o in h.context["sources"])]
    assert hampshire, "the Hampshire review (undated) should be a source of some briefing"


def test_every_nested_sub_theme_shown_carries_its_parent(project, briefings, built_site: Path) -> None:
    [review] = project.of_kind("thematic-review")
    nested = [(parents, text) for key in review.record.key_themes for parents, text in _nested(key.sub_themes)]
    assert nested
    pages = {p.name: p.read_text(encoding="utf-8") for p in (built_site / "build" / "docs" / "themes").glob("*.md")}
    pages.update({f"tools/{p.name}": p.read_text(encoding="utf-8") for p in (built_site / "build" / "docs" / "tools").glob("*.md")})
    html = {h.filename: render_html(project, h) for h in briefings}
    allowed: dict[str, set[str]] = {}
    for parents, text in nested:  # one text can sit under several parents ('Historic or current')
        allowed.setdefault(text, set()).add(" › ".join(parents) + " › " + text)
    shown = 0
    for text, with_parent in allowed.items():
        for name, markdown in pages.items():
            for line in markdown.splitlines():
                item = line.strip()
                if item.startswith("- ") and (item == f"- {text}" or item.endswith(f" › {text}")):
                    assert any(w in item for w in with_parent), f"{name}: '{text}' without its parent: {item}"
                    shown += 1
        for name, body in html.items():
            # a briefing lists a key theme's sub-themes on one line: 'Parent › Child; Other; …'
            for line in re.findall(r"Sub-themes of the key theme.*?</li>", body, re.S):
                for item in re.split(r";\s*|\.\s*</li>", line.split("</strong>", 1)[1]):
                    item = " ".join(item.split())
                    if item == text or item.endswith(" › " + text):
                        assert any(item.endswith(w) for w in with_parent), f"{name}: '{text}' without its parent: {item}"
                        shown += 1
    assert shown, "no nested sub-theme was found on any page: the test would prove nothing"


def test_no_public_page_or_handout_names_a_source_file(project, built_site: Path) -> None:
    files = {e.record.source.file for e in project.entries
             if getattr(e.record, "source", None) is not None and getattr(e.record.source, "file", None)}
    assert files, "the shipped records keep their source file names (for staff)"
    site = built_site / "site"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not SOURCE_FILE.search(text), page.relative_to(site)
        assert not [f for f in files if f in text], page.relative_to(site)
    index = " ".join(d["content"] + " " + d["meta"].get("title", "") for d in search_docs(site))
    assert index and not SOURCE_FILE.search(index)
    pdfs = sorted((site / "handouts").rglob("*.pdf"))
    assert len(pdfs) > 50
    for pdf in pdfs:  # pdftotext (pypdf took 7 s for these)
        text = pdf_text(pdf)
        assert text.strip() and not SOURCE_FILE.search(text), pdf.name


def test_briefings_are_one_or_two_pages_and_others_are_listed_not_linked(built_site: Path, briefings) -> None:
    site = built_site / "site"
    made = sorted(p.stem for p in (site / "handouts" / "themes").glob("*.pdf") if "-team-record" not in p.stem)
    assert made == sorted(h.key.removeprefix("theme:") for h in briefings)
    forms = sorted(p.stem for p in (site / "handouts" / "themes").glob("*-team-record*.pdf"))
    assert forms == sorted(f"{t}-team-record{s}" for t in made for s in ("", "-print"))  # each briefing's two forms
    for pdf in (site / "handouts" / "themes").glob("*.pdf"):
        assert 1 <= len(pypdf.PdfReader(pdf).pages) <= 2, pdf.name
    handouts = (built_site / "build" / "docs" / "handouts.md").read_text(encoding="utf-8")
    waiting = handouts.split("**Not enough learning for a briefing yet:**", 1)[1].split("\n", 1)[0]
    assert "themes/neglect.md" in waiting or "themes/child-development.md" in waiting
    for tid in re.findall(r"themes/([a-z0-9-]+)\.md", waiting):
        assert f"handouts/themes/{tid}.pdf" not in handouts, tid
        assert not (site / "handouts" / "themes" / f"{tid}.pdf").exists(), tid
    titles = re.findall(r"^- \[([^\]]+)\]\(handouts/themes/", handouts, re.M)
    assert titles == sorted(titles, key=str.lower) and len(titles) == len(made)


def test_search_index_holds_no_staff_page_and_finds_the_theme_by_its_alias(built_site: Path) -> None:
    docs = search_docs(built_site / "site")
    assert not [d["url"] for d in docs if d["url"].startswith("/contributing/")]
    [theme] = [d for d in docs if d["url"] == "/themes/domestic-abuse/"]
    assert re.search(r"\bDA\b", theme["content"]), "the theme page's alias is indexed"
    assert theme["meta"]["title"] == "Domestic abuse" and theme["filters"]["type"] == ["Theme"]
    assert not any("Home › Themes" in d["content"] for d in docs), "the 'you are here' line is not a search result"
    assert (built_site / "site" / "contributing" / "index.html").is_file(), "the staff guide stays in the site"


def test_theme_page_opens_with_its_learning_and_review_paragraphs_name_their_key_theme(built_site: Path) -> None:
    docs = built_site / "build" / "docs"
    da = (docs / "themes" / "domestic-abuse.md").read_text(encoding="utf-8")
    top = da.split('<div class="sl-key-learning" markdown>', 1)
    above = [line for line in top[0].split("# Domestic abuse", 1)[1].splitlines() if line.startswith("#")]
    assert len(top) == 2 and above == ["## Also called: DA, domestic violence, DV, domestic violence and abuse, MARAC "
                                       "{ #also-called .sl-aliases }"], "the learning comes before any section"
    assert "Cheltenham panel, 27 September 2013 › Understanding Domestic Abuse" in top[1].split("</div>")[0]
    history = (docs / "themes" / "historic-information.md").read_text(encoding="utf-8")
    assert "### [Hampshire thematic review › Family Circumstances]" in history
    assert "Key theme of A Thematic Review" not in history
    assessment = (docs / "themes" / "assessment.md").read_text(encoding="utf-8")
    # the paragraph that ends "For example:" keeps its five examples
    after = assessment.split("re-assess risk (either formally or informally)", 1)[1]
    item = after.split("\n</li>", 1)[0]  # the finding's list item (finished HTML), its examples nested in it
    assert "<ul>\n<li>the arrival of a new partner in a relationship</li>" in item


def test_pages_point_at_what_they_name_and_keep_the_sources_order(built_site: Path) -> None:
    docs = built_site / "build" / "docs"
    forum = (docs / "forum-reports" / "falkirk-practitioner-forum-2013-03.md").read_text(encoding="utf-8")
    assert "{ #table-1 .sl-table-title }" in forum and "{ #table-2 .sl-table-title }" in forum
    review = (docs / "thematic-reviews" / "hampshire-thematic-review.md").read_text(encoding="utf-8")
    assert "{ #appendix-a }" in review
    panel = (docs / "panel" / "gscb-case-review-panel.md").read_text(encoding="utf-8")
    assert "**42** children" in panel and "cases discussed" not in panel
    assert "1. **Meet**" in panel and "4. **Inspire**" in panel
    cotswold = (docs / "panel-meetings" / "cotswold-2013-06-24.md").read_text(encoding="utf-8")
    section = cotswold.split("### The Nature of Effective Core Groups", 1)[1]
    assert section.index("Top tip") < section.index("Keep membership small")
    for page in ("panel-meetings/forest-of-dean-2013-05-31.md", "themes/referrals.md"):
        assert "without naming a meeting" in (docs / page).read_text(encoding="utf-8"), page
    questions = (docs / "questions" / "child-protection-plans.md").read_text(encoding="utf-8")
    block = questions.split("{ #child-protection-plans }", 1)[1].split("\n## ", 1)[0]
    stages = re.findall(r"^\*\*(Experience|Reflection|Analysis|Action plans)\b", block, re.M)
    assert stages == sorted(stages, key=["Experience", "Reflection", "Analysis", "Action plans"].index)
    assert "**Analysis 3.**" in questions


def test_a_top_tip_without_a_theme_still_appears_in_the_top_tips_directory(make_project) -> None:
    """No theme reaches a meeting's own top tip that has no theme, so the directory lists it on its own."""
    from generator.pipeline.build import GENERATED_DOCS, generate

    root = make_project(with_content=True)
    meeting = root / "content" / "panel-meetings" / "2013-09-27-cheltenham.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "\ntop_tips:" not in text  # the meeting's own top tips (not a heading's), here one with no theme
    meeting.write_text(text.rstrip("\n") + "\ntop_tips:\n  - text: Write the untagged tip down here.\n", encoding="utf-8")
    generate(root)
    tips = (root / GENERATED_DOCS / "tips.md").read_text(encoding="utf-8")
    section = tips.split("## Not tagged with a theme yet", 1)
    assert len(section) == 2, "the tips directory has no place for a tip without a theme"
    found = re.search(r"- Write the untagged tip down here\. \(\[Top tips – Cheltenham, 27 September 2013\]\("
                      r"panel-meetings/cheltenham-2013-09-27\.md#([\w-]+)\)\)", section[1])
    assert found, section[1]
    page = (root / GENERATED_DOCS / "panel-meetings" / "cheltenham-2013-09-27.md").read_text(encoding="utf-8")
    assert f'<li id="{found.group(1)}">Write the untagged tip down here.</li>' in page, "the link finds its tip"


def test_the_top_tips_directory_lists_the_newest_untagged_tips_and_every_one_by_year(make_project, monkeypatch) -> None:
    """Tips no theme reaches would make the directory grow with the collection: it lists the newest, and
    a page per year lists every one."""
    from generator.pipeline.build import GENERATED_DOCS, generate

    monkeypatch.setattr("generator.render.lists.UNTAGGED_SHOWN", 1)
    root = make_project(with_content=True)
    meetings = root / "content" / "panel-meetings"
    older = meetings / "2013-09-27-cheltenham.yaml"
    older.write_text(older.read_text(encoding="utf-8").rstrip("\n") + "\ntop_tips:\n  - text: The older untagged tip.\n",
                     encoding="utf-8")
    text = (meetings / "2013-06-24-cotswold.yaml").read_text(encoding="utf-8")
    newer = text.replace("id: cotswold-2013-06-24", "id: cotswold-2014-01-20").replace("date: 2013-06-24", "date: 2014-01-20")
    (meetings / "2014-01-20-cotswold.yaml").write_text(
        newer.rstrip("\n") + "\ntop_tips:\n  - text: The newer untagged tip.\n", encoding="utf-8")
    generate(root)
    docs = root / GENERATED_DOCS
    directory = (docs / "tips.md").read_text(encoding="utf-8").split("## Not tagged with a theme yet", 1)[1]
    assert "The newer untagged tip." in directory and "The older untagged tip." not in directory
    assert "The newest 1 of 2 are shown here.\n\n- The newer untagged tip." in directory, "not a list of its own"
    assert "**Every one, by year:** [2014](tips/not-tagged/2014.md) · [2013](tips/not-tagged/2013.md)" in directory
    year_2013 = (docs / "tips" / "not-tagged" / "2013.md").read_text(encoding="utf-8")
    assert "# Top tips not tagged with a theme: 2013" in year_2013
    assert re.search(r"- The older untagged tip\. \(\[Top tips – Cheltenham, 27 September 2013\]\("
                     r"\.\./\.\./panel-meetings/cheltenham-2013-09-27\.md#[\w-]+\)\)", year_2013), year_2013
    assert "The newer untagged tip." not in year_2013
    assert "**Other years:** [2014](2014.md)" in year_2013
    year_2014 = (docs / "tips" / "not-tagged" / "2014.md").read_text(encoding="utf-8")
    assert "The newer untagged tip." in year_2014 and "The older untagged tip." not in year_2014
