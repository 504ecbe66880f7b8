"""Build-speed benchmark (`make bench`, or `python -m generator.tools.bench`).

For each size it writes a synthetic corpus (generator/synth.py), builds it in a child process
(so peak memory is the build's own), then builds MkDocs' floor: the same number of plain
Markdown pages of the same average size, same theme settings, nothing in the navigation. At
one size it also edits one record and times the regeneration. It prints a table and the ratios
against the targets, and writes bench-results/bench.json and bench-results/bench.md.

Benchmarks report; tests do not assert timings.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click

from generator.tools.bench_pages import largest_html, preview_reload
from generator.tools.bench_report import TARGETS, derive, machine, ratios, report
from generator.tools.bench_search import ProcessTreeMemory, search_bytes
from generator.tools.synth import _Writer, write_corpus

EDIT_MARKER = "benchmarkeditmarker"
"""A word appended to the edited record's text; the pages that show the edit are those containing it."""


# ---------------------------------------------------------------- child side (one build per process)


def _vm_mb(field: str = "VmHWM") -> float | None:
    """This process's peak (VmHWM) or current (VmRSS) resident memory, from /proc (Linux)."""
    try:
        match = re.search(rf"{field}:\s+(\d+) kB", Path("/proc/self/status").read_text())
    except OSError:
        return None
    return int(match.group(1)) / 1024 if match else None


def _reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _edit_one(root: Path) -> Path:
    """Append the marker to the first point of the first published panel meeting (tagged text, shown on theme pages)."""
    for path in sorted((root / "content" / "panel-meetings").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "restricted: true" in text:
            continue
        # The first line of text under `points:` ends a sentence; add a marked sentence after it.
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.lstrip().startswith("points:"):
                body = lines[i + 1].rstrip("\n")
                lines[i + 1] = body + f" This point was edited ({EDIT_MARKER}).\n"
                path.write_text("".join(lines), encoding="utf-8")
                return path
    raise RuntimeError("no panel meeting to edit in the corpus")


_STAGES = {"Checking records": "load_validate", "Making PDF handouts": "handouts", "Writing pages": "render_write",
           "Building the website": "site", "Making the search index": "search"}
"""Progress messages of generator/build.py that start a stage ('search' runs to the end: Pagefind, then the
final checks). The first three run in the build's child process: their CPU time is counted when it ends,
in 'render_write'."""


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished subprocesses."""
    own, sub = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, sub.ru_utime + sub.ru_stime


def measure_build(root: Path, handouts: bool, edit: bool) -> dict:
    """Build ``root`` once (and optionally time a one-record edit); return the figures."""
    from generator.pipeline.build import GENERATED_DOCS, build

    marks: dict = {}
    cpu: dict[str, float] = {}
    current: list = []

    def cpu_now() -> tuple[float, float]:
        own, sub = _cpu()
        return own - memory._cpu, sub  # less the memory polling's thread

    def close() -> None:
        if current:
            (own0, sub0), (own1, sub1) = current[1], cpu_now()
            cpu[current[0]] = own1 - own0 + sub1 - sub0
            if current[0] == "site":  # MkDocs runs as a subprocess
                cpu["mkdocs"] = sub1 - sub0
            if current[0] == "search":  # Pagefind runs as a subprocess; the final checks run here
                cpu["pagefind"], cpu["final_checks"] = sub1 - sub0, own1 - own0

    def progress(message: str) -> None:
        for prefix, stage in _STAGES.items():
            if message.startswith(prefix):
                close()
                current[:] = [stage, cpu_now()]
        if message.startswith("Building the website"):
            marks["generator_mb"], marks["held_mb"] = _vm_mb(), _vm_mb("VmRSS")
            marks["reset"] = _reset_hwm()

    memory = ProcessTreeMemory()
    started, cpu_started = time.perf_counter(), sum(_cpu())
    memory.start()
    summary = build(root, handouts=handouts, progress=progress)
    tree = memory.stop()
    wall = time.perf_counter() - started
    close()
    cpu["total"] = sum(_cpu()) - cpu_started - tree["cpu_seconds"]  # the memory polling is not the build's
    cpu["memory_polling"] = tree["cpu_seconds"]
    # the stages the child process ran: its own figures (this process counts its CPU only when it ends)
    cpu.update(summary.cpu_timings)
    own, sub = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_self = own.ru_maxrss / 1024
    result = {
        "records_published": summary.records, "themes": summary.themes, "pages": summary.pages,
        "handouts": summary.handouts, "withheld": summary.withheld, "warnings": summary.warnings,
        "seconds": {**summary.timings, "total": wall},
        "cpu_seconds": cpu,
        "memory_mb": {  # resident memory, MB
            "generate": marks.get("generator_mb") or peak_self,  # the build process's peak up to MkDocs
            "held_during_mkdocs": marks.get("held_mb") or peak_self,  # what it holds while MkDocs runs
            "final_checks": _vm_mb() if marks.get("reset") else peak_self,  # its peak from MkDocs on
            "subprocesses": sub.ru_maxrss / 1024,  # the largest subprocess: MkDocs, or a handout worker
            # polled from /proc for every process of the build, each on its own (generator/tools/bench_search.py)
            "all_processes": tree["all_processes_mb"],
        },
        "process_peaks_mb": tree["own_peak_mb"],  # each kind of process's largest own peak (VmHWM)
    }
    result["largest_html"] = largest_html(root / "site")
    if edit:
        from generator.pipeline.build import generate
        from generator.pipeline.session import Session

        # As `make serve`: one kept session; its first (full) run settles the pages (no handout links).
        docs, session = root / GENERATED_DOCS, Session(root)
        t, c = time.perf_counter(), time.process_time()
        generate(root, session=session)
        cold_seconds, cold_cpu = time.perf_counter() - t, time.process_time() - c
        before = _snapshot(docs)
        t = time.perf_counter()
        generate(root, session=session)
        unchanged_seconds = time.perf_counter() - t
        unchanged_files = sum(1 for k, v in _snapshot(docs).items() if before.get(k) != v)
        edited = _edit_one(root)
        before = _snapshot(docs)
        t, c = time.perf_counter(), time.process_time()
        generate(root, session=session)
        seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - c
        after = _snapshot(docs)
        rewritten = sorted(k for k, v in after.items() if before.get(k) != v)
        showing = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md")
                         if EDIT_MARKER in p.read_text(encoding="utf-8"))
        result["edit"] = {
            "mode": "warm session (make serve)",
            "record": edited.name, "seconds": seconds, "cpu_seconds": cpu_seconds, "files_rewritten": len(rewritten),
            "pages_showing_edit": len(showing), "rewritten": rewritten, "showing": showing,
            "unneeded_rewrites": sorted(set(rewritten) - set(showing)),
            "no_change_seconds": unchanged_seconds, "no_change_files_rewritten": unchanged_files,
            "session_cold_seconds": cold_seconds, "session_cold_cpu_seconds": cold_cpu}
        # the preview's HTML server on the same pages: a second edit, timed until the server serves it
        result["edit"]["reload"] = preview_reload(root, session, edited, root / "preview-server.log")
    return result


# ---------------------------------------------------------------- MkDocs' floor


def floor_config(generated: Path, docs: Path) -> str:
    """Settings for the floor: the generated configuration (same theme, extensions, plugins), other
    pages, and a navigation holding the home page only. Kept beside the generated file so that its
    relative paths (the theme folder, the committed mkdocs.yml it inherits) resolve the same way."""
    return (f"INHERIT: {generated.name}\ndocs_dir: {json.dumps(str(docs))}\n"
            "nav:\n  - index.md\n")


_FLOOR_SCRIPT = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - t
if out.returncode:
    sys.exit(out.stdout + out.stderr)
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu_seconds": use.ru_utime + use.ru_stime, "peak_mb": use.ru_maxrss / 1024}))
"""


def floor(work: Path, pages: int, page_bytes: int, generated_config: Path) -> dict:
    """Build ``pages`` plain pages of about ``page_bytes`` each, the way the build runs MkDocs; time it."""
    from generator.site.engine import mkdocs_command

    shutil.rmtree(work, ignore_errors=True)
    docs, site = work / "docs", work / "site"
    docs.mkdir(parents=True)
    w = _Writer(7, [])
    (docs / "index.md").write_text("# Floor\n\nPlain pages, none of them in the navigation.\n", encoding="utf-8")
    for n in range(1, pages):
        parts = [f"# Plain page {n}\n"]
        size = len(parts[0])
        while size < page_bytes:
            part = f"## {w.short()}\n\n{w.text(3, 5)}\n" if len(parts) % 4 == 1 else f"{w.text(3, 5)}\n"
            parts.append(part)
            size += len(part) + 1
        (docs / f"page-{n:05d}.md").write_text("\n".join(parts), encoding="utf-8")
    config = generated_config.parent / "floor-mkdocs.yml"
    config.write_text(floor_config(generated_config, docs), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _FLOOR_SCRIPT, *mkdocs_command(config, site)],
                         capture_output=True, text=True, cwd=config.parent)
    if out.returncode:
        raise click.ClickException(f"the floor build failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result.update(pages=pages, page_bytes=page_bytes, site_mb=_size_mb(site),
                  search_index_mb=_size_mb(site / "search"))
    return result


# ---------------------------------------------------------------- parent side


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1_048_576 if folder.exists() else 0.0


def run_size(records: int, work: Path, handouts: bool, edit: bool, seed: int) -> dict:
    """Write the corpus, build it in a child process, then build the floor; return one row of figures."""
    root = work / f"corpus-{records}"
    shutil.rmtree(root, ignore_errors=True)
    corpus = write_corpus(root, records, seed=seed)
    args = [sys.executable, "-m", "generator.tools.bench", "--child", str(root)]
    args += ["--handouts"] if handouts else []
    args += ["--edit"] if edit else []
    out = subprocess.run(args, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    if out.returncode:
        raise click.ClickException(f"the build of {records} records failed:\n{out.stderr[-3000:]}")
    row = json.loads(out.stdout.strip().splitlines()[-1])
    docs = root / "build" / "docs"
    md = [p.stat().st_size for p in docs.rglob("*.md")]
    row.update(
        records=records, corpus_mb=corpus.bytes / 1_048_576, by_kind=corpus.by_kind, restricted=corpus.restricted,
        markdown_pages=len(md), markdown_mb=sum(md) / 1_048_576, handouts_built=handouts,
        site_mb=_size_mb(root / "site"),
        search_index_mb=_size_mb(root / "site" / "pagefind"),
    )
    row["search"] = search_bytes(root / "site")
    row["floor"] = floor(work / f"floor-{records}", len(md), round(sum(md) / max(1, len(md))),
                         root / "build" / "mkdocs.yml")
    return row


def run(sizes: list[int], out: Path, handouts_up_to: int, edit_at: int, keep: bool, seed: int,
        say=click.echo) -> dict:
    """Measure each size in turn; the figures are written after each size, so a long run shows progress."""
    out = out.resolve()  # the child builds and MkDocs run in other folders
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    load_before = os.getloadavg()[0]
    rows: list[dict] = []
    results: dict = {}
    for records in sizes:
        handouts = records <= handouts_up_to
        edit = bool(edit_at) and (records == edit_at or (edit_at not in sizes and records == sizes[0]))
        say(f"Building {records:,} records{' with handouts' if handouts else ''}{' and timing an edit' if edit else ''}…")
        started = time.perf_counter()
        row = run_size(records, work, handouts, edit=edit, seed=seed)
        row["derived"] = derive(row)
        rows.append(row)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        results = {"machine": {**machine(), "load_before": load_before, "load_after": os.getloadavg()[0]},
                   "targets": TARGETS, "sizes": rows, "ratios": ratios(rows), "seed": seed}
        (out / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (out / "bench.md").write_text(report(results), encoding="utf-8")
        say(f"  {records:,} records measured in {time.perf_counter() - started:.0f} s.")
    return results


@click.command()
@click.option("--sizes", default="100,1000,5000", show_default=True, help="Corpus sizes (records), comma-separated.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("bench-results"), show_default=True,
              help="Where bench.json and bench.md are written (git-ignored).")
@click.option("--handouts-up-to", default=1000, show_default=True,
              help="Build PDF handouts for sizes up to this many records (larger sizes say 'skipped').")
@click.option("--edit-at", default=1000, show_default=True, help="The size at which to time a one-record edit (0: none).")
@click.option("--seed", default=2026, show_default=True, help="The synthetic corpus seed.")
@click.option("--keep", is_flag=True, help="Keep the corpora and sites in OUT/work.")
@click.option("--child", type=click.Path(path_type=Path), default=None, hidden=True)
@click.option("--handouts", is_flag=True, hidden=True)
@click.option("--edit", is_flag=True, hidden=True)
def main(sizes, out, handouts_up_to, edit_at, seed, keep, child, handouts, edit) -> None:
    """Measure build speed on synthetic corpora and compare with MkDocs' floor."""
    if child is not None:
        from generator.core.problems import GeneratorError

        try:
            click.echo(json.dumps(measure_build(child, handouts, edit)))
        except GeneratorError as exc:
            shown = [str(p) for p in exc.problems.items[:20]]
            raise click.ClickException("\n".join([str(exc), *shown])) from None
        return
    results = run([int(s) for s in sizes.split(",") if s.strip()], out, handouts_up_to, edit_at, keep, seed,
                  say=lambda m: click.echo(m, err=True))
    click.echo(report(results))
    click.echo(f"Figures written to {out / 'bench.json'} and {out / 'bench.md'}.", err=True)


if __name__ == "__main__":
    main()
