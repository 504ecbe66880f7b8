"""Measure the personal-data scan on the benchmark's synthetic corpora: its time and its false alarms.

    .venv/bin/python -m generator.tools.privacy_bench 1000 5000

For each size it writes a corpus with ``generator.tools.synth.write_corpus`` (plain safeguarding
prose that names no one, so every finding is a false alarm), loads it, and times ``scan_project``
(CPU seconds of this process, best of ``--repeat`` runs). The shipped content is scanned too.
Reports; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from generator.checks.safety import scan_project
from generator.content.project import load_project
from generator.tools.synth import write_corpus

ROOT = Path(__file__).resolve().parents[2]


def measure(root: Path, repeat: int) -> dict:
    started = time.process_time()
    project, _ = load_project(root)
    load = time.process_time() - started
    best, problems = None, None
    for _ in range(repeat):
        started = time.process_time()
        problems = scan_project(project)
        spent = time.process_time() - started
        best = spent if best is None else min(best, spent)
    personal = [p for p in problems.errors if "looks like" in p.message or "could identify" in p.message]
    kinds = Counter(p.message.split(" (")[0] for p in personal)
    fields = sum(1 for _ in _text_fields(project))
    return {"records": len(project.entries), "load_cpu": load, "scan_cpu": best, "findings": len(personal),
            "kinds": dict(kinds), "fields": fields, "examples": [str(p)[:160] for p in personal[:5]]}


def _text_fields(project):
    from generator.content.validate import walk

    for entry in project.entries:
        for _, value in walk(entry.record):
            if isinstance(value, str):
                yield value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    rows = [("shipped content", measure(ROOT, args.repeat))]
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, size)
            rows.append((f"{size:,} synthetic records", measure(corpus, args.repeat)))
    print("| corpus | records | text fields | load + validate (CPU s) | personal-data scan (CPU s) | findings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r['records']:,} | {r['fields']:,} | {r['load_cpu']:.1f} | {r['scan_cpu']:.2f} | {r['findings']} |")
    for name, r in rows:
        if r["findings"]:
            print(f"\n{name}: {r['kinds']}")
            print("\n".join(r["examples"]))


if __name__ == "__main__":
    main()
