"""PDF handouts: complete, A4, accessible, well laid out, reproducible, and safe to rebuild.

Most tests build the handouts of a small fixture project (tests/handouts/project/) once; one test
checks the shipped content's handouts in the site built once per session (``built_site``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
import weasyprint
from click.testing import CliRunner
from conftest import ROOT, copy_project, pdf_text

from generator.checks.safety import publishable
from generator.cli.commands import main
from generator.content.project import Project, load_project
from generator.core.problems import GeneratorError, Problems
from generator.handouts import build_all, store
from generator.handouts.pdf import PDF_OPTIONS, Renderer
from generator.handouts.plan import TEAM_QUESTIONS, Handout, plan_handouts
from generator.pipeline.build import handout as make_handout
from generator.render.artifacts import HandoutIndex

FIXTURE = Path(__file__).parent / "handouts" / "project"
A4 = (595.28, 841.89)
"""A4 in PDF points."""


# ------------------------------------------------------------------------------------ helpers


def make_fixture(dest: Path) -> Path:
    """The fixture project: the shipped themes and settings, with the fixture's records only."""
    root = copy_project(dest)
    shutil.rmtree(root / "content")
    (root / "themes_data" / "reflective-model.yaml").unlink()
    (root / "privacy-allowlist.yaml").unlink(missing_ok=True)  # it names the shipped records
    for part in ("content", "themes_data"):
        shutil.copytree(FIXTURE / part, root / part, dirs_exist_ok=True)
    return root


def public_project(root: Path) -> Project:
    project, problems = load_project(root)
    assert not problems.errors, "\n".join(map(str, problems.errors))
    return publishable(project)[0]


def squash(text: str) -> str:
    """Text without inline Markdown, whitespace or hyphens, so line wrapping does not matter (pdftotext
    joins a word broken at its own hyphen, 'non-' + 'engagement', into 'nonengagement')."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"[\s-]+", "", text)


def expected_items(handout: Handout) -> list[str]:
    """Every question, tip, theme heading and point a handout must carry, from its record."""
    record = handout.context.get("record")
    template = handout.template
    if template == "reflective-model.html":
        return [record.facilitator_guidance] + [
            text for stage in record.stages
            for text in [stage.name, *(q.text for q in stage.questions), stage.facilitator_summary] if text
        ]
    if template == "panel-meeting.html":
        items = [tip.text for tip in record.top_tips]
        for theme in record.themes_arising:
            items += [theme.heading, *(p.text for p in theme.points), *(t.text for t in theme.top_tips)]
        for action in record.actions:
            items += [action.heading, *(p.text for p in action.points)]
        return items
    if template == "learning-circle-agenda.html":
        return [text for section in record.agenda for text in [section.heading, *(q.text for q in section.questions)]]
    if template == "learning-circle-outcomes.html":
        out = record.outcomes
        items = [i.text for i in out.issues_raised + out.themes_found]
        for group in out.who_is_affected + out.next_steps:
            items += [group.label, *(p.text for p in group.points)]
        return items
    if template == "forum-report.html":
        lists = record.keep_doing + record.stop_doing + record.start_doing + record.good_practice
        lists += record.key_messages + record.evaluation.quotes
        return [i.text for i in lists] + [p.text for s in record.appendix for p in s.points]
    if template == "theme.html":
        c = handout.context
        b = c["briefing"]  # what fits on two pages: the things to do and questions within their line budgets
        return [c["theme"].title, *TEAM_QUESTIONS, *(f.text for f in b.to_do_shown() + b.questions_shown())]
    if template == "thematic-review.html":
        items = []
        for key in record.key_themes:
            items += [key.title, *(t.title for g in key.tool_groups for t in g.tools)]
            stack = list(key.sub_themes)
            while stack:
                sub = stack.pop(0)
                items.append(sub.text)
                stack[:0] = sub.sub_themes
        return items
    if template == "report.html":
        r = handout.context["report"]
        return [*(e.name for e in r.events), *(t.title for t in r.themes),
                *(a.heading for a in r.completed + r.planned + r.overdue + r.other)]
    if template == "team-record.html":
        return [handout.context["theme"].title, *TEAM_QUESTIONS, handout.context["send_to"]]
    raise AssertionError(f"no expectations for {template}")


def missing_items(handout: Handout, text: str) -> tuple[int, list[str]]:
    """(how many items were expected, those not found as often as the record has them)."""
    wanted = expected_items(handout)
    flat = squash(text)
    missing = [item for item in dict.fromkeys(wanted) if flat.count(squash(item)) < wanted.count(item)]
    return len(wanted), missing


@dataclass
class Built:
    root: Path
    project: Project
    out: Path
    index: HandoutIndex
    handouts: list[Handout]

    def path(self, handout: Handout) -> Path:
        return self.out / handout.filename


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The fixture project's handouts, built once for this module."""
    root = make_fixture(tmp_path_factory.mktemp("handouts") / "project")
    project = public_project(root)
    out = root / "build" / "docs" / "handouts"
    index = build_all(project, out)
    return Built(root, project, out, index, plan_handouts(project))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_built(built: Built, dest: Path) -> tuple[Path, Path]:
    """A private copy of the fixture project with its handouts, for tests that change things."""
    root = dest / "project"
    shutil.copytree(built.root, root)
    return root, root / "build" / "docs" / "handouts"


# ------------------------------------------------------------------------------- what is made


def test_each_record_and_theme_used_gets_its_handouts(built: Built) -> None:
    made = {key: [h.name for h in infos] for key, infos in built.index.items()}
    assert made == {
        "test-model": ["Invitation pack"],
        "testtown-2014-03-14": ["Themes sheet"],
        "test-circle": ["Agenda", "Outcomes summary"],
        "test-forum-2014-05": ["Event report"],
        # a board report for each quarter holding a dated meeting or event (March and May 2014)
        "report:2014-01-01-to-2014-03-31": ["Board report"],
        "report:2014-04-01-to-2014-06-30": ["Board report"],
        # no fixture theme has enough learning (four pieces from two records) for a briefing; the shipped
        # briefings are checked in test_shipped_handouts_are_complete_a4_and_linked_from_their_pages
    }
    for infos in built.index.values():
        for info in infos:
            path = built.out.parent / info.path
            assert info.path.startswith("handouts/") and path.is_file()
            assert info.bytes == path.stat().st_size
            assert info.pages == len(pypdf.PdfReader(path).pages)
            assert re.fullmatch(r"Download .+ \(PDF, \d+ pages?, \d+ KB\)", info.label)


def test_every_question_tip_and_theme_is_in_the_pdf_text(built: Built) -> None:
    counted = 0
    for handout in built.handouts:
        expected, missing = missing_items(handout, pdf_text(built.path(handout)))
        assert not missing, f"{handout.filename} lacks {missing}"
        counted += expected
    # 10 model texts, 39 panel texts, 5+4 circle texts, 7 forum texts, and the briefings' own
    assert counted >= 80


def test_the_invitation_pack_holds_the_whole_model(built: Built) -> None:
    text = squash(pdf_text(built.out / "test-model.pdf"))
    for words in ("Send this pack to every professional", "chaired by the team manager", "Bring your own chronology",
                  "The social worker records", "Purpose point beta", "The test cycle", "The red cycle figure was lost",
                  "Facilitator guidance for the test model", "Experience facilitator summary", "A test citation (2005)"):
        assert squash(words) in text, words


def test_restricted_records_never_get_a_handout(built: Built, tmp_path: Path) -> None:
    assert "secret-2014-04-01" not in built.index
    for path in built.out.rglob("*.pdf"):
        assert "zebra quartz" not in pdf_text(path), path
    with pytest.raises(GeneratorError, match="restricted"):
        make_handout(built.root, "secret-2014-04-01", tmp_path)[0]
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------------ print and accessibility


def test_pages_are_a4_with_title_language_and_tags(built: Built) -> None:
    for handout in built.handouts:
        reader = pypdf.PdfReader(built.path(handout))
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4, abs=0.5), handout.filename
        assert reader.metadata.title == handout.title
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_every_page_has_the_footer(built: Built) -> None:
    for handout in built.handouts:
        reader = pypdf.PdfReader(built.path(handout))
        total = len(reader.pages)
        for number in range(1, total + 1):
            page = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(built.path(handout)), "-"],
                                  check=True, capture_output=True, text=True).stdout
            assert f"Page {number} of {total}" in page
            assert squash(handout.board) in squash(page)
            assert squash(handout.date_label) in squash(page)
    sheet = next(h for h in built.handouts if h.key == "testtown-2014-03-14")
    assert (sheet.board, sheet.date_label) == ("Test Safeguarding Children Board", "14 March 2014")


def printed_badly(out: Path) -> dict[str, tuple[str, ...]]:
    """What the build's layout check (generator.handouts.layout) found in each handout of ``out``, from its manifest."""
    return {name: made.layout for name, made in store.read_manifest(out).items() if made.layout}


def test_print_layout_keeps_headings_rows_and_text_on_the_page(built: Built) -> None:
    sheet = next(h for h in built.handouts if h.key == "testtown-2014-03-14")
    assert len(pypdf.PdfReader(built.path(sheet)).pages) >= 3, "the fixture's actions table should run over pages"
    assert set(store.read_manifest(built.out)) == {h.filename for h in built.handouts}
    assert printed_badly(built.out) == {}


def test_layout_check_finds_a_stranded_heading_a_split_row_and_text_off_the_page(tmp_path: Path) -> None:
    """The layout check can fail: a heading forced to the foot of a page, a row too tall for one page (and a
    table continued without its header), and an unbreakable line."""
    from generator.handouts.layout import layout_problems

    filler = "<p>Filler line.</p>" * 44
    row = "<br>".join(["A line of a tall cell."] * 80)
    html = ("<style>@page { size: A4; margin: 20mm } h2 { margin: 0 } p { margin: 0; line-height: 5.6mm }"
            "thead { display: table-row-group }</style>"
            f"{filler}<h2 style='break-after: page'>Alone at the foot</h2><p>Next page.</p>"
            f"<p style='white-space: nowrap'>{'x' * 200}</p>"
            f"<table><thead><tr><th>Head</th></tr></thead><tbody><tr><td>{row}</td></tr></tbody></table>")
    problems = layout_problems(weasyprint.HTML(string=html, base_url=str(tmp_path)).render(**PDF_OPTIONS))
    assert "page 1 ends with the heading 'Alone at the foot', apart from what follows it" in problems
    assert any("runs off the page" in p for p in problems)
    assert any(re.fullmatch(r"page \d+: a table row continues from page \d+", p) for p in problems), problems
    assert any(re.fullmatch(r"page \d+: a table continues without its header row", p) for p in problems), problems


def test_a_handout_that_prints_badly_is_made_and_warned_about_in_every_build(built: Built, tmp_path: Path) -> None:
    """The build warns against the record's file, names the pages, and says so again when it reuses the PDF."""
    root, out = copy_built(built, tmp_path)
    extra = root / "overrides" / "handouts" / "extra.css"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text("h2 { break-after: page; }")  # every section's heading alone at a page's foot
    for attempt in ("made", "reused"):
        warnings = Problems()
        build_all(public_project(root), out, warnings=warnings)
        sheet = next(w for w in warnings.warnings if "testtown-2014-03-14.pdf" in w.message)
        assert sheet.path == "content/panel-meetings/test-meeting.yaml", attempt
        assert re.search(r"does not print well: page \d+ ends with the heading '[^']+', apart from what follows it",
                         sheet.message), sheet.message
        assert (out / "testtown-2014-03-14.pdf").is_file()
        assert "testtown-2014-03-14.pdf" in printed_badly(out)
    result = CliRunner().invoke(main, ["handout", "testtown-2014-03-14", "--root", str(root), "--out", str(tmp_path / "one")])
    assert result.exit_code == 0, result.output
    assert "does not print well" in result.output and "testtown-2014-03-14.pdf" in result.output


# ------------------------------------------------------------------ reproducible, safe rebuilding


def test_two_builds_give_byte_identical_pdfs(built: Built, tmp_path: Path) -> None:
    """A second, separate build (the command, in a fresh renderer) gives the same bytes: no date or id varies."""
    again = make_handout(built.root, "testtown-2014-03-14", tmp_path)[0]
    assert again.read_bytes() == (built.out / "testtown-2014-03-14.pdf").read_bytes()
    metadata = pypdf.PdfReader(again).metadata
    from generator.content.config import load_settings
    from generator.core.problems import Problems

    # site.yaml's build_date when it declares one (the shipped one does), the meeting's date otherwise
    day = (load_settings(built.root, Problems())[0].build_date or "2014-03-14").replace("-", "")
    assert metadata["/CreationDate"] == metadata["/ModDate"] == f"D:{day}000000Z"


def test_unchanged_handouts_are_not_rewritten(built: Built, tmp_path: Path) -> None:
    root, out = copy_built(built, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    messages: list[str] = []
    index = build_all(public_project(root), out, progress=messages.append)
    assert index == built.index
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before
    assert "0 written" in messages[-1]


def test_a_failed_handout_build_leaves_the_previous_handouts(built: Built, tmp_path: Path) -> None:
    root, out = copy_built(built, tmp_path)
    before = snapshot(out)
    override = root / "overrides" / "handouts" / "forum-report.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('{% extends "base.html" %}{% block content %}{{ record.no_such_field.x }}{% endblock %}')
    with pytest.raises(GeneratorError, match="none were changed") as caught:
        build_all(public_project(root), out)
    (problem,) = caught.value.problems.errors
    assert problem.path == "content/forum-reports/test-forum.yaml"
    assert "event report (handouts/test-forum-2014-05.pdf) could not be made" in problem.message
    assert snapshot(out) == before


def test_handouts_of_deleted_records_are_removed_and_other_files_kept(built: Built, tmp_path: Path) -> None:
    root, out = copy_built(built, tmp_path)
    (out / "board-leaflet.pdf").write_bytes(b"%PDF-1.4 the board's own file\n")
    (root / "content" / "forum-reports" / "test-forum.yaml").unlink()
    index = build_all(public_project(root), out)
    assert "test-forum-2014-05" not in index
    assert not (out / "test-forum-2014-05.pdf").exists()
    assert (out / "board-leaflet.pdf").read_bytes().startswith(b"%PDF-1.4 the board's own file")
    assert (out / "test-model.pdf").read_bytes() == (built.out / "test-model.pdf").read_bytes()


def test_a_project_override_template_wins(built: Built, tmp_path: Path) -> None:
    root, out = copy_built(built, tmp_path)
    override = root / "overrides" / "handouts" / "panel-meeting.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('{% extends "base.html" %}{% block content %}<p>Board override marker</p>{% endblock %}')
    (override.parent / "extra.css").write_text('main::before { content: "Extra stylesheet marker"; }')
    build_all(public_project(root), out)
    assert "Board override marker" in pdf_text(out / "testtown-2014-03-14.pdf")
    assert "Board override marker" not in pdf_text(out / "test-forum-2014-05.pdf")
    assert "Extra stylesheet marker" in pdf_text(out / "test-forum-2014-05.pdf")


def test_record_text_is_escaped_and_links_are_made_absolute() -> None:
    from generator.handouts.text import inline

    site = "https://learning.example.org/"
    assert inline("<script>x</script> *a* **b**", site) == "&lt;script&gt;x&lt;/script&gt; <em>a</em> <strong>b</strong>"
    assert inline("[theme](../themes/neglect.md#top) [web](https://a.org/)", site) == (
        '<a href="https://learning.example.org/themes/neglect/#top">theme</a> <a href="https://a.org/">web</a>')
    assert inline("[theme](../themes/neglect.md) [run](javascript:void)", None) == "theme run"


def test_nothing_is_fetched_from_the_network(tmp_path: Path) -> None:
    with pytest.raises(weasyprint.urls.FatalURLFetchingError):
        Renderer().pdf('<html lang="en"><title>x</title><img src="http://192.0.2.1/logo.png"></html>', tmp_path)


# -------------------------------------------------------------------------------------- the CLI


def test_handout_command_builds_one_record_or_theme(built: Built, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["handout", "test-circle", "--root", str(built.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test-circle-agenda.pdf", "test-circle-outcomes.pdf"]
    result = runner.invoke(main, ["handout", "domestic-abuse", "--root", str(built.root), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "not enough learning for a 7-minute briefing yet" in result.output
    assert "3 pieces of learning from 2 records" in result.output
    result = runner.invoke(main, ["handout", "domestic-abuse", "--root", str(ROOT), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert pypdf.PdfReader(tmp_path / "domestic-abuse.pdf").metadata.title == "7-minute briefing: Domestic abuse"
    result = runner.invoke(main, ["handout", "no-such-thing", "--root", str(built.root), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "no record or theme has the id 'no-such-thing'" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------- the shipped content


def test_shipped_handouts_are_complete_a4_and_linked_from_their_pages(built_site: Path) -> None:
    from generator.index.themeindex import page_path

    project = public_project(built_site)
    site = built_site / "site"
    handouts = plan_handouts(project)
    kinds = {e.id: e.kind for e in project.entries if e.kind != "theme"}
    assert {h.name for h in handouts} == {"Invitation pack", "Themes sheet", "Agenda", "Outcomes summary",
                                          "Event report", "Review handout", "7-minute briefing", "Board report",
                                          "Team record form", "Team record form (printable)"}
    counted: dict[str, int] = {}
    for handout in handouts:
        path = site / "handouts" / handout.filename
        reader = pypdf.PdfReader(path)
        assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4, abs=0.5)
                   for p in reader.pages), handout.filename
        assert reader.metadata.title == handout.title
        expected, missing = missing_items(handout, pdf_text(path))
        assert not missing, f"{handout.filename} lacks {missing}"
        counted[handout.filename] = expected
        if handout.key.startswith("theme:"):
            page = page_path("theme", handout.key.removeprefix("theme:"))
        elif handout.key.startswith("report:"):
            page = f"reports/{handout.key.removeprefix('report:')}.md"
        else:
            page = page_path(kinds[handout.key], handout.key)
        html = (site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'href="[^"]*handouts/{re.escape(handout.filename)}"[^>]*>\s*Download', html), (
            f"{page} does not link to {handout.filename}")
    assert printed_badly(built_site / "build" / "docs" / "handouts") == {}  # the build's own layout check
    stages = project.get("reflective-discussions-model").record.stages
    questions = sum(len(stage.questions) for stage in stages)
    assert questions >= 40  # the whole model: all four question banks
    summaries = sum(1 for stage in stages if stage.facilitator_summary)
    assert counted["reflective-discussions-model.pdf"] == 1 + len(stages) + summaries + questions


def test_handout_colours_have_enough_contrast() -> None:
    """Every text colour of the print stylesheet against every background it is printed on (WCAG AA, 4.5:1)."""
    from generator.checks.palette import contrast
    from generator.handouts.pdf import TEMPLATES

    css = (TEMPLATES / "handout.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    texts = ["primary", "accent", "text", "muted"]
    backgrounds = ["tint", "tint-accent"]
    for text in texts:
        for background in backgrounds:
            assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
        assert contrast(colours[text], "#ffffff") >= 4.5, text
    assert contrast("#ffffff", colours["primary"]) >= 4.5  # the briefing's part numbers


def test_a_briefing_stays_within_two_pages_however_large_the_collection(tmp_path: Path) -> None:
    """At 1,000 records the neglect briefing listed every source and tool: 155 pages. Each list now shows
    its first few and says how many more are on the theme's web page."""
    from generator.tools.synth import write_corpus

    root = tmp_path / "corpus"
    write_corpus(root, 300, seed=2026)
    made = make_handout(root, "neglect", tmp_path / "out")
    [pdf] = [path for path in made if path.name == "neglect.pdf"]  # beside it, its team record forms
    reader = pypdf.PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    more = re.search(r"(\d+) more records on the theme's web page", " ".join(text.split()))
    assert more and int(more.group(1)) > 20, text[:2000]
