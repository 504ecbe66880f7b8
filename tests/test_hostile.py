"""Hostile files that are generated rather than kept in tests/cases/: too big, too deep, too explosive.

No test here asserts on time (the machine is shared); "a billion laughs is an error in under a
second" is shown by behaviour: the file is refused at its first anchor, with almost no memory
used. The time is printed for the record (pytest -s).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from generator.content.load import MAX_DEPTH, MAX_FILE_BYTES, load_file
from generator.content.project import load_project
from generator.core.problems import Problems


def load(path: Path) -> tuple[object, list[str]]:
    problems = Problems()
    source = load_file(path, path.name, problems)
    return source.data, [str(p) for p in problems.items]


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol1: &lol1 "lol"']
    for i in range(2, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    return "kind: tip\n" + "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_at_its_first_anchor_without_expanding(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs())
    tracemalloc.start()
    started = time.perf_counter()
    data, problems = load(path)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert data is None
    assert problems == ["laughs.yaml:2:7: uses a YAML anchor (&name). Anchors are not allowed: write the value out in full."]
    assert peak < 2_000_000, f"{peak:,} bytes used"  # expanded, it would be 10^8 strings
    print(f"\nbillion laughs refused in {seconds * 1000:.1f} ms, peak memory {peak / 1024:.0f} KiB")


def test_an_alias_without_any_anchor_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("kind: tip\nid: x\ntext: *lol9\n")
    assert load(path) == (None, ["alias.yaml:3:7: uses a YAML alias (*name). Aliases are not allowed: write the value out in full."])


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("kind: tip\nid: huge\ntext: >-\n" + "  All work and no play makes a very long tip.\n" * (MAX_FILE_BYTES // 40))
    assert path.stat().st_size > MAX_FILE_BYTES
    data, problems = load(path)
    assert data is None
    assert len(problems) == 1 and problems[0].startswith("huge.yaml: is ")
    assert f"files over {MAX_FILE_BYTES:,} bytes are refused" in problems[0]


def test_deep_nesting_is_refused_in_flow_and_block_style(tmp_path: Path) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text("kind: tip\nid: x\ntext: " + "[" * 100_000 + "]" * 100_000 + "\n")
    block = tmp_path / "block.yaml"
    block.write_text("kind: tip\n" + "".join(" " * i + "a:\n" for i in range(200)) + " " * 200 + "b\n")
    for path in (flow, block):
        data, problems = load(path)
        assert data is None and len(problems) == 1, problems
        assert f"is nested more than {MAX_DEPTH} levels deep here" in problems[0]


def test_one_hostile_file_does_not_hide_the_problems_of_the_others(make_project) -> None:
    root = make_project({
        "content/a.yaml": billion_laughs(),
        "content/b.yaml": "kind: tip\nid: b\n".encode("utf-16"),
        "content/c.yaml": "kind: tip\nid: c\ntext: !!python/object/apply:os.system [echo]\nthemes: [neglect]\n",
        "content/d.yaml": "kind: tip\nid: d\ntext: Ask who lives in the house.\nthemes: [neglect]\n",
    })
    project, problems = load_project(root)
    assert [e.id for e in project.entries if e.kind == "tip"] == ["d"]
    assert sorted({p.path for p in problems.errors}) == ["content/a.yaml", "content/b.yaml", "content/c.yaml"]
