"""The benchmark's figures about pages (issue 17, part B): the largest HTML page, the preview's time from
saving a record to serving its new page, the final checks' cost per page, and the ratio targets
against MkDocs' floor. generator.tools.bench calls these; bench_report prints ``target_lines``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from generator.core.processes import fetch_text, free_port, stop

LARGEST_HTML_KB = 300
"""No page over 300 KB of HTML at any size."""
RELOAD_SECONDS = 2.0
"""From saving a one-record edit to the preview serving the page that shows it, at 1,000 records."""
FLOOR_RATIO = 2.0
"""The build without handouts within 2× MkDocs' floor (on the way to 1.3×)."""
CHECKS_GROWTH = 1.15
"""The final checks' CPU per page at the largest size within 1.15× that at 1,000 records."""
WATCHER_SECONDS = 0.5
"""What the preview's watcher adds at most before it sees a save (it looks every 0.4 s, then waits 0.1 s)."""
RELOAD_MARKER = "benchmarkreloadmarker"


def largest_html(site: Path) -> dict:
    """The largest HTML page of a built site, and how many are over LARGEST_HTML_KB."""
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")] if site.is_dir() else []
    if not sizes:
        return {"bytes": 0, "page": None, "over_limit": 0}
    size, page = max(sizes)
    return {"bytes": size, "page": page, "over_limit": sum(1 for s, _ in sizes if s > LARGEST_HTML_KB * 1024)}


def preview_reload(root: Path, session, edited: Path, log: Path) -> dict:
    """Run the preview's HTML server (generator.preview.htmlserver) on the generated pages, edit ``edited``
    again, regenerate through the kept ``session`` as the preview does, and time until the server serves
    the record's page with the edit. The watcher's own delay (at most WATCHER_SECONDS) is reported apart."""
    from generator.pipeline.build import GENERATED_DOCS, generate
    from generator.site.engine import mkdocs_env
    from generator.site.preview_config import write_preview_config

    config = write_preview_config(root / GENERATED_DOCS.parent / "mkdocs.yml")
    record_id = re.search(r"(?m)^id: *(\S+)", edited.read_text(encoding="utf-8")).group(1)
    port = free_port()
    url = f"http://127.0.0.1:{port}/panel-meetings/{record_id}/"
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator.preview.htmlserver", "--config-file", str(config),
                                   "--dev-addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, env=mkdocs_env(), cwd=config.parent)
        try:
            while "</html>" not in fetch_text(url):
                if server.poll() is not None or time.perf_counter() - started > 1800:
                    raise RuntimeError(f"the preview's server did not start (see {log})")
                time.sleep(0.5)
            first_build = time.perf_counter() - started
            time.sleep(1.0)  # let its file watcher take its first look
            text = edited.read_text(encoding="utf-8")
            t = time.perf_counter()
            edited.write_text(text.replace("benchmarkeditmarker", f"benchmarkeditmarker {RELOAD_MARKER}", 1), encoding="utf-8")
            generate(root, session=session)
            regenerated = time.perf_counter() - t
            while RELOAD_MARKER not in fetch_text(url):
                if time.perf_counter() - t > 120:
                    raise RuntimeError(f"the preview did not show the edit within 120 s (see {log})")
                time.sleep(0.02)
            served = time.perf_counter() - t
        finally:
            stop(server)
    rebuilt = re.findall(r"Rebuilt (\d+) page\(s\) in ([\d.]+) seconds", log.read_text(encoding="utf-8"))
    return {"seconds": served, "with_watcher": served + WATCHER_SECONDS, "regenerate_seconds": regenerated,
            "html_pages_rebuilt": int(rebuilt[-1][0]) if rebuilt else None,
            "html_seconds": float(rebuilt[-1][1]) if rebuilt else None, "server_first_build_seconds": first_build}


def _verdict(value: float, limit: float) -> str:
    return "meets" if value <= limit else "**missed**"


def target_lines(rows: list[dict]) -> list[str]:
    """Rows for the report's table of targets (target | at | wall-clock | CPU | verdict)."""
    lines = []
    for row in rows:
        n, d = f"{row['records']:,} records", row["derived"]
        if row["records"] >= 1000:
            lines.append(f"| total ≤ {FLOOR_RATIO:g}× MkDocs' floor | {n} | {d['total_vs_floor']:.2f}× "
                         f"| {d['total_vs_floor_cpu']:.2f}× | {_verdict(d['total_vs_floor_cpu'], FLOOR_RATIO)} |")
        big = row.get("largest_html")
        if big:
            lines.append(f"| no HTML page over {LARGEST_HTML_KB} KB | {n} | {big['bytes'] / 1024:.0f} KB "
                         f"({big['page']}; {big['over_limit']} over) | | {_verdict(big['bytes'] / 1024, LARGEST_HTML_KB)} |")
    by_size = {row["records"]: row for row in rows}
    largest = max(by_size) if by_size else 0
    if 1000 in by_size and largest > 1000:
        def per_page(row: dict, key: str, stage: str) -> float:  # 'publish' (wall-clock): the checks, then the swap
            return row[key].get(stage, 0.0) / max(1, row["pages"])
        wall = per_page(by_size[largest], "seconds", "publish") / max(1e-9, per_page(by_size[1000], "seconds", "publish"))
        cpu = (per_page(by_size[largest], "cpu_seconds", "final_checks")
               / max(1e-9, per_page(by_size[1000], "cpu_seconds", "final_checks")))
        lines.append(f"| final checks per page ≤ {CHECKS_GROWTH}× that at 1,000 | {largest:,} vs 1,000 | {wall:.2f}× "
                     f"| {cpu:.2f}× | {_verdict(cpu, CHECKS_GROWTH)} |")
        # and per megabyte of site they read: the pages grow on average as the collection grows (a theme page
        # reaches its bounds later), so a check linear in what it reads costs more per page
        per_mb = [by_size[n]["cpu_seconds"].get("final_checks", 0.0) / max(1e-9, by_size[n].get("site_mb", 0.0))
                  for n in (largest, 1000)]
        lines.append(f"| (final checks per MB of site, for comparison) | {largest:,} vs 1,000 | | "
                     f"{per_mb[0] / max(1e-9, per_mb[1]):.2f}× | |")
        # the phrases the final checks look for are made from every published record before MkDocs runs
        per_record = [by_size[n]["cpu_seconds"].get("check_prepare", 0.0) / n for n in (largest, 1000)]
        if per_record[1]:
            lines.append(f"| (the withheld records' phrases, per record) | {largest:,} vs 1,000 | | "
                         f"{per_record[0] / per_record[1]:.2f}× ({1000 * per_record[0]:.2f} against "
                         f"{1000 * per_record[1]:.2f} ms) | |")
    for row in rows:
        reload = row.get("edit", {}).get("reload")
        if reload:
            lines.append(f"| edit to reload in the preview ≤ {RELOAD_SECONDS:g} s | {row['records']:,} records "
                         f"| {reload['seconds']:.2f} s (+ ≤ {WATCHER_SECONDS} s watcher) | | "
                         f"{_verdict(reload['with_watcher'], RELOAD_SECONDS)} |")
    return lines
