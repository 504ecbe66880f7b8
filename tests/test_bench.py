"""The benchmark harness and the synthetic corpus: a tiny run, checked for shape, never for speed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.content.project import load_project
from generator.tools.bench import floor_config, run
from generator.tools.synth import write_corpus


def test_synthetic_corpus_is_valid_reproducible_and_uses_every_theme(tmp_path: Path):
    first = write_corpus(tmp_path / "a", 30)
    second = write_corpus(tmp_path / "b", 30)
    files = sorted(p.relative_to(first.root) for p in (first.root / "content").rglob("*.yaml"))
    assert len(files) == 30 == first.records
    assert set(first.by_kind) == {"panel", "panel-meeting", "forum-report", "thematic-review", "learning-circle"}
    for rel in files:
        assert (first.root / rel).read_bytes() == (second.root / rel).read_bytes(), rel
    project, problems = load_project(first.root)
    assert not problems.errors, [str(p) for p in problems.errors]
    unused = [str(p) for p in problems.warnings if "is not used by any record" in p.message]
    assert not unused
    assert "build_date: '2026-01-15'" in (first.root / "site.yaml").read_text()


def test_floor_config_inherits_the_generated_settings_with_only_the_home_page_in_the_navigation(tmp_path: Path):
    text = floor_config(tmp_path / "build" / "mkdocs.yml", tmp_path / "floor" / "docs")
    settings = yaml.safe_load(text)
    assert settings == {"INHERIT": "mkdocs.yml", "docs_dir": str(tmp_path / "floor" / "docs"), "nav": ["index.md"]}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[dict, Path]:
    """A run at 5 records, with OUT given relative to the working folder as `make bench` gives it."""
    where = tmp_path_factory.mktemp("bench")
    before = Path.cwd()
    os.chdir(where)
    try:
        results = run([5], Path("bench-results"), handouts_up_to=0, edit_at=5, keep=False, seed=1,
                      say=lambda message: None)
    finally:
        os.chdir(before)
    return results, where / "bench-results"


def test_smoke_run_writes_every_figure(smoke):
    results, out = smoke
    saved = json.loads((out / "bench.json").read_text())
    assert saved["sizes"][0]["records"] == 5
    row = saved["sizes"][0]
    assert row["pages"] > row["records"]
    assert row["markdown_pages"] > 0 and row["site_mb"] > 0 and row["search_index_mb"] > 0
    # one search in Chromium: the search's own bytes, its 5 results (or all there are), the whole index
    search = row["search"]
    assert search["queries"] and all(0 < q["search_bytes"] < q["all_bytes"] for q in search["queries"])
    assert all(q["results_shown"] >= 1 for q in search["queries"]), search["queries"]
    assert search["index_mb"] > 0 and search["max_kb"] * 1024 == max(q["search_bytes"] for q in search["queries"])
    # memory: every process of the build on its own, and all of them together
    memory = row["memory_mb"]
    # (Pagefind indexes 5 records in less time than one poll: it is seen at larger sizes)
    assert "mkdocs" in row["process_peaks_mb"], row["process_peaks_mb"]
    assert memory["all_processes"] >= max(row["process_peaks_mb"].values()) * 0.5
    for stage in ("load_validate", "render_write", "site", "total"):
        assert row["seconds"][stage] > 0, stage
    assert not row["handouts_built"] and "handouts" not in row["seconds"]
    assert all(mb > 0 for mb in row["memory_mb"].values())
    assert row["derived"]["peak_mb"] >= max(row["memory_mb"].values())
    assert row["cpu_seconds"]["mkdocs"] > 0 and row["cpu_seconds"]["final_checks"] > 0
    assert row["cpu_seconds"]["check_prepare"] >= 0  # the child process's figure (the smoke corpus withholds none)
    assert row["floor"]["pages"] == row["markdown_pages"] and row["floor"]["seconds"] > 0
    assert 0 < row["derived"]["generate_share"] < 1
    assert saved["machine"]["cores"] >= 1 and saved["machine"]["mkdocs"]
    assert not (out / "work").exists()


def test_smoke_edit_rewrites_the_pages_that_show_it(smoke):
    results, _ = smoke
    edit = results["sizes"][0]["edit"]
    assert edit["pages_showing_edit"] >= 1
    assert set(edit["showing"]) <= set(edit["rewritten"])
    assert edit["no_change_files_rewritten"] == 0


def test_report_has_the_table_the_ratios_and_the_machine(smoke):
    results, out = smoke
    text = (out / "bench.md").read_text()
    assert "| records | pages |" in text
    assert "| 5 |" in text and "× |" in text
    assert "Measured on" in text and results["machine"]["mkdocs"] in text


def test_smoke_measures_the_largest_page_and_the_preview_reload(smoke):
    results, out = smoke
    row = results["sizes"][0]
    assert row["largest_html"]["bytes"] > 0 and row["largest_html"]["page"].endswith(".html")
    reload = row["edit"]["reload"]
    assert 0 < reload["regenerate_seconds"] < reload["seconds"] < 120 and reload["html_pages_rebuilt"] >= 1
    text = (out / "bench.md").read_text()
    assert "| no HTML page over 300 KB | 5 records |" in text
    assert "| edit to reload in the preview ≤ 2 s | 5 records |" in text


def test_copies_of_a_built_site_make_the_pages_asked_for_with_words_and_years_of_their_own(tmp_path: Path):
    from conftest import write_files

    from generator.tools.bench_copies import expand

    site = write_files(tmp_path / "site", {
        "index.html": "<html><body><h1>Neglect</h1><p>Panel in 2013.</p></body></html>",
        "a/index.html": "<html><body><p>Core group</p><a href='../reports/2013/'>r</a></body></html>",
        "assets/site.css": "body { color: black }",
        "pagefind/pagefind.js": "// the index is not copied",
    })
    assert expand(site, tmp_path / "big", 5) == 5  # the site, a whole copy, and one page of a second
    big = tmp_path / "big"
    assert sorted(p.relative_to(big).as_posix() for p in big.rglob("*.html")) == [
        "a/index.html", "c1/a/index.html", "c1/index.html", "c2/a/index.html", "index.html"]
    assert (big / "c1" / "assets" / "site.css").is_file() and not (big / "pagefind").exists()
    assert (big / "index.html").read_text() == (site / "index.html").read_text()
    assert (big / "c1" / "index.html").read_text() == "<html><body><h1>Neglect1q Neglect</h1><p>Panel1q Panel in 2014.</p></body></html>"
    assert "Core2q Core group" in (big / "c2" / "a" / "index.html").read_text()


def test_the_final_checks_are_compared_per_page_and_per_megabyte_of_site() -> None:
    from generator.tools.bench_pages import target_lines

    def row(records: int, pages: int, site_mb: float, checks: float, phrases: float) -> dict:
        return {"records": records, "pages": pages, "site_mb": site_mb, "derived": {"total_vs_floor": 3.0, "total_vs_floor_cpu": 3.0},
                "seconds": {"publish": checks}, "cpu_seconds": {"final_checks": checks, "check_prepare": phrases}}

    lines = target_lines([row(1000, 2000, 100.0, 10.0, 1.5), row(5000, 6000, 450.0, 39.0, 8.0)])
    [per_page] = [line for line in lines if line.startswith("| final checks per page")]
    assert "| 1.30× | **missed** |" in per_page  # 6.5 ms a page against 5.0
    [per_mb] = [line for line in lines if line.startswith("| (final checks per MB")]
    assert "| 0.87× |" in per_mb  # 0.0867 s a MB against 0.1
    [phrases] = [line for line in lines if line.startswith("| (the withheld records' phrases")]
    assert "| 1.07× (1.60 against 1.50 ms) |" in phrases  # made from every record: compared per record
