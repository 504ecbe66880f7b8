"""The benchmark's figures: what the targets are about, the machine, and the table people read.

``derive`` turns one measured size into the figures the targets are about; ``ratios`` compares
sizes; ``report`` writes the Markdown table and the verdicts that go into the README.
"""

from __future__ import annotations

import os
import platform
import re
from importlib.metadata import version
from pathlib import Path

from generator.tools.bench_pages import target_lines

TARGETS = {"total_vs_floor": 1.3, "generate_share": 0.05, "per_page_growth": 1.15, "edit_seconds": 0.2,
           "peak_mb": 1024, "search_kb": 300}
"""The issue's targets: total ≤ 1.3× floor; generate ≤ 5 % of total; time per page at the largest size
≤ 1.15× that at 1,000; a one-record edit in ≤ 0.2 s; peak memory ≤ 1 GB."""


def derive(row: dict) -> dict:
    """The figures the targets are about, from one row: wall-clock and CPU time, handouts left out
    (the floor has no counterpart to them)."""
    s, c, f, m = row["seconds"], row["cpu_seconds"], row["floor"], row["memory_mb"]
    wall = s["total"] - s.get("handouts", 0.0)
    cpu = c["total"] - c.get("handouts", 0.0)
    return {
        "site_total": wall, "site_total_cpu": cpu,
        "total_vs_floor": wall / f["seconds"], "total_vs_floor_cpu": cpu / f["cpu_seconds"],
        "generate_share": (s.get("load_validate", 0.0) + s.get("render_write", 0.0)) / wall,
        "generate_share_cpu": (c.get("load_validate", 0.0) + c.get("render_write", 0.0)) / cpu,
        "ms_per_page": 1000 * wall / max(1, row["pages"]), "ms_per_page_cpu": 1000 * cpu / max(1, row["pages"]),
        # The machine's peak: every process of the build together, polled (each process's own RSS; a poll
        # can miss a moment, so never less than any one process's own peak). Without the poll (older
        # figures): the build process alone, or the build process and MkDocs together.
        "peak_mb": (max(m["all_processes"], *row.get("process_peaks_mb", {}).values(), m["generate"], m["final_checks"])
                    if "all_processes" in m else
                    max(m["generate"], m["final_checks"], m["held_during_mkdocs"] + m["subprocesses"])),
    }


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()) if Path("/proc/cpuinfo").exists() else None
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()) if Path("/proc/meminfo").exists() else None
    return {
        "cores": os.cpu_count(), "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "ram_gb": round(int(mem.group(1)) / 1_048_576, 1) if mem else None,
        "python": platform.python_version(), "os": platform.platform(),
        "mkdocs": version("mkdocs"), "mkdocs_material": version("mkdocs-material"), "weasyprint": version("weasyprint"),
    }


def _verdict(cpu: float, target: float) -> str:
    return "meets" if cpu <= target else "**missed**"


def report(results: dict) -> str:
    """The table and the ratios, as Markdown (printed, and pasted into the README)."""
    rows = results["sizes"]
    head = ("| records | pages | load + validate | render + write | withheld phrases | MkDocs build | Pagefind | final checks "
            "| handouts (PDFs) "
            "| total | total without handouts | MkDocs' floor | ms per page | peak MB | site/ MB | search index MB |")
    lines = ["Seconds: wall-clock, then CPU time (user + system, the build and its subprocesses) in brackets.", "",
             head, "|" + " ---: |" * (head.count("|") - 1)]
    for row in rows:
        s, c, d, f = row["seconds"], row["cpu_seconds"], row["derived"], row["floor"]

        def both(wall: float, cpu: float | None) -> str:
            return f"{wall:.1f} ({cpu:.1f})" if cpu is not None else f"{wall:.1f}"

        ho = f"{both(s['handouts'], c.get('handouts'))} ({row['handouts']})" if row["handouts_built"] else "skipped"
        lines.append(
            f"| {row['records']:,} | {row['pages']:,} | {both(s.get('load_validate', 0), c.get('load_validate'))} "
            f"| {both(s.get('render_write', 0), c.get('render_write'))} "
            f"| {both(s.get('check_prepare', 0), c.get('check_prepare'))} | {both(s.get('site', 0), c.get('mkdocs'))} "
            f"| {both(s.get('search', 0), c.get('pagefind'))} "
            f"| {both(s.get('publish', 0), c.get('final_checks'))} | {ho} | {both(s['total'], c['total'])} "
            f"| {both(d['site_total'], d['site_total_cpu'])} | {both(f['seconds'], f['cpu_seconds'])} "
            f"| {d['ms_per_page']:.0f} ({d['ms_per_page_cpu']:.0f}) | {d['peak_mb']:.0f} | {row['site_mb']:.0f} "
            f"| {row['search_index_mb']:.1f} |"
        )
    lines += ["", "| target | at | wall-clock | CPU | verdict (CPU) |", "| --- | --- | ---: | ---: | --- |"]
    for row in rows:
        d, n = row["derived"], f"{row['records']:,} records"
        lines.append(f"| total ≤ {TARGETS['total_vs_floor']}× MkDocs' floor | {n} | {d['total_vs_floor']:.2f}× "
                     f"| {d['total_vs_floor_cpu']:.2f}× | {_verdict(d['total_vs_floor_cpu'], TARGETS['total_vs_floor'])} |")
        lines.append(f"| load + validate + render ≤ 5% of total | {n} | {100 * d['generate_share']:.0f}% "
                     f"| {100 * d['generate_share_cpu']:.0f}% | {_verdict(d['generate_share_cpu'], TARGETS['generate_share'])} |")
    r = results["ratios"]
    if "per_page_growth" in r:
        g = r["per_page_growth"]
        lines.append(f"| time per page ≤ {TARGETS['per_page_growth']}× that at 1,000 | {g['sizes']} | {g['ratio']:.2f}× "
                     f"| {g['ratio_cpu']:.2f}× | {_verdict(g['ratio_cpu'], TARGETS['per_page_growth'])} |")
    if "edit" in r:
        e = r["edit"]
        lines.append(f"| one-record edit regenerated in ≤ {TARGETS['edit_seconds']} s | {e['records']:,} records "
                     f"| {e['seconds']:.2f} s | {e['cpu_seconds']:.2f} s | {_verdict(e['cpu_seconds'], TARGETS['edit_seconds'])} |")
        only = not e["unneeded_rewrites"] and set(e["showing"]) <= set(e["rewritten"])
        lines.append(f"| the edit rewrites only the pages that show it | {e['records']:,} records "
                     f"| {e['files_rewritten']} rewritten, {e['pages_showing_edit']} show it | | "
                     f"{'meets' if only else '**missed**'} |")
    lines += target_lines(results["sizes"])  # pages, checks, preview, floor (generator/tools/bench_pages.py)
    for row in rows:
        if "search" in row:
            q = row["search"]
            lines.append(f"| one search ≤ {TARGETS['search_kb']} KB fetched (page + query + 5 results) | {row['records']:,} records "
                         f"| {q['max_kb']:.0f} KB (median {q['median_kb']:.0f}; with the page itself {q['max_all_kb']:.0f}) "
                         f"| whole index {q['index_mb']:.1f} MB | {'meets' if q['max_kb'] <= TARGETS['search_kb'] else '**missed**'} |")
    p = r["peak"]
    lines.append(f"| peak memory ≤ 1 GB, all processes together | {p['records']:,} records | {p['mb']:.0f} MB | | "
                 f"{'meets' if p['mb'] <= TARGETS['peak_mb'] else '**missed**'} |")
    for row in rows:
        own = row.get("process_peaks_mb")
        if own:
            parts = ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(own.items(), key=lambda i: -i[1]) if mb >= 20)
            lines.append(f"| each process's own peak (MB) | {row['records']:,} records | {parts} | | |")
    m = results["machine"]
    lines += ["", f"Measured on {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
              f"MkDocs {m['mkdocs']}, Material {m['mkdocs_material']}, WeasyPrint {m['weasyprint']}; {m['os']}; "
              f"load average {m['load_before']:.1f} before the run and {m['load_after']:.1f} after."]
    return "\n".join(lines) + "\n"


def ratios(rows: list[dict]) -> dict:
    out: dict = {}
    by_size = {row["records"]: row for row in rows}
    largest = max(by_size)
    if 1000 in by_size and largest > 1000:
        base, top = by_size[1000]["derived"]["ms_per_page"], by_size[largest]["derived"]["ms_per_page"]
        cpu = by_size[largest]["derived"]["ms_per_page_cpu"] / by_size[1000]["derived"]["ms_per_page_cpu"]
        out["per_page_growth"] = {"sizes": f"{largest:,} vs 1,000", "ratio": top / base, "ratio_cpu": cpu}
    edited = [row for row in rows if "edit" in row]
    if edited:
        out["edit"] = {"records": edited[0]["records"], **edited[0]["edit"]}
    out["peak"] = {"records": largest, "mb": by_size[largest]["derived"]["peak_mb"]}
    return out
