"""libyaml's parser (load.py's fast path) gives exactly what PyYAML's own gives: data, positions and problems."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from generator.content import load
from generator.core.problems import Problems
from generator.tools.synth import write_corpus


def _both(path: Path, monkeypatch) -> tuple[tuple, tuple]:
    results = []
    for parser in (load._CParser, None):
        monkeypatch.setattr(load, "_CParser", parser)
        problems = Problems()
        source = load.load_file(path, path.name, problems)
        results.append((source.data, source.positions, source.key_positions, [str(p) for p in problems.items]))
    return results[0], results[1]


def _files(tmp_path: Path) -> list[Path]:
    corpus = write_corpus(tmp_path / "corpus", 12)
    found = [*sorted((ROOT / "content").rglob("*.yaml")), *sorted((ROOT / "themes_data").rglob("*.yaml"))]
    found += sorted((ROOT / "tests" / "cases").rglob("*.yaml"))
    found += sorted((corpus.root / "content").rglob("*.yaml"))
    return found


def test_fast_and_pure_python_parsers_agree_on_every_file_we_have(tmp_path, monkeypatch):
    files = _files(tmp_path)
    assert len(files) > 50
    for path in files:
        fast, pure = _both(path, monkeypatch)
        assert fast == pure, path


def test_fast_path_is_taken_for_a_plain_record(monkeypatch):
    assert load._CParser is not None, "PyYAML without libyaml: loading is five times slower (reinstall pyyaml)"
    used = []
    original = load._FastStrictLoader.get_single_node
    monkeypatch.setattr(load._FastStrictLoader, "get_single_node", lambda self: used.append(1) or original(self))
    problems = Problems()
    path = ROOT / "content" / "panel" / "gscb-case-review-panel.yaml"
    source = load.load_file(path, "x.yaml", problems)
    assert used and source.data["kind"] == "panel" and not problems.items
