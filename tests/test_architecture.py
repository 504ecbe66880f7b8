"""The generator's stages depend one way only: a module imports from its own folder or from folders before it.

Every module is parsed with ``ast`` (imports inside functions included). The order is written down in the
README's developer section; ``ORDER`` below is the same list. A cycle or an import against the order fails,
and so does printing from any stage below the command line and the preview.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

ORDER = ("core", "content", "checks", "index", "render", "handouts", "site", "pipeline", "tools", "preview", "cli")
"""Lowest first. ``tools`` (new, schemas, bench) may use the pipeline; only the command line uses the tools."""

PRINTING = {("click", "echo"), ("click", "secho"), ("builtins", "print")}
MAY_PRINT = ("tools", "preview", "cli")
"""The command line, the preview and the tools (the benchmark is a command of its own) print; no stage does."""


def stage_of(module: str) -> str | None:
    """'generator.render.pages' -> 'render'; the package's own __init__/__main__ -> None (the entry point)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ORDER) else None


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> set[str]:
    """Every generator module this one imports, anywhere in the file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    known = modules()
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("generator"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("generator"):
                continue
            for alias in node.names:  # 'from generator.site import publish' imports a module
                out.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    return {name for name in out if name != module}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {t for t in imports_of(name, path) if t in known} for name, path in known.items()}


def test_every_module_is_in_a_stage_folder() -> None:
    loose = [name for name in modules() if stage_of(name) is None and name not in ("generator", "generator.__main__")]
    assert not loose, f"modules outside the stage folders {ORDER}: {loose}"
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(ORDER), f"stage folders {sorted(folders)} differ from ORDER {ORDER}"


def edges_against_the_order(edges: dict[str, set[str]]) -> list[str]:
    bad = []
    for source, targets in edges.items():
        mine = stage_of(source)
        for target in targets:
            theirs = stage_of(target)
            if mine is None or theirs is None:
                continue
            if ORDER.index(theirs) > ORDER.index(mine):
                bad.append(f"{source} ({mine}) imports {target} ({theirs})")
            elif theirs == "tools" and mine not in ("tools", "cli"):
                bad.append(f"{source} ({mine}) imports {target}: only the command line uses the tools")
    return sorted(bad)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_imports_follow_the_order() -> None:
    assert edges_against_the_order(graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_stages_below_the_command_line_do_not_print() -> None:
    offenders = []
    for name, path in modules().items():
        if stage_of(name) in MAY_PRINT or stage_of(name) is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id == "print":
                    offenders.append(f"{name}:{node.lineno} print()")
                elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                        (func.value.id, func.attr) in PRINTING:
                    offenders.append(f"{name}:{node.lineno} {func.value.id}.{func.attr}()")
            if isinstance(node, ast.ImportFrom) and node.module == "click" and \
                    any(a.name in ("echo", "secho") for a in node.names):
                offenders.append(f"{name}:{node.lineno} imports click.{node.names[0].name}")
    assert offenders == []


# ------------------------------------------------------------------ the checker itself can fail


@pytest.mark.parametrize("source, target", [
    ("generator.content.load", "generator.render.pages"),      # a lower stage importing a higher one
    ("generator.pipeline.build", "generator.cli.commands"),    # the pipeline importing the CLI
    ("generator.site.write", "generator.tools.schemas"),       # a stage importing a tool
])
def test_an_upward_import_is_caught(source: str, target: str) -> None:
    edges = graph()
    edges[source] = {*edges[source], target}
    assert any(line.startswith(f"{source} ") and target in line for line in edges_against_the_order(edges))


def test_a_cycle_is_caught() -> None:
    edges = graph()
    edges["generator.content.load"] = {*edges["generator.content.load"], "generator.content.project"}
    assert any("generator.content.load" in c and "generator.content.project" in c for c in cycles(edges))


def test_an_import_inside_a_function_is_seen(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from generator.cli.commands import main\n    return main\n")
    assert "generator.cli.commands" in imports_of("generator.content.x", module)


def test_a_test_reading_a_visit_to_every_page_outside_its_group_stops_the_run() -> None:
    """A session fixture is made once per worker: a test reading the 1280 px visit from another group
    would have its worker visit every page again (it did: 215 s)."""
    from types import SimpleNamespace

    from conftest import misgrouped

    def item(nodeid: str, *fixtures: str) -> SimpleNamespace:
        return SimpleNamespace(nodeid=nodeid, fixturenames=list(fixtures))

    assert misgrouped([item("tests/browser/test_axe.py::test_every_page_loads", "desktop_pass", "site_pages"),
                       item("tests/browser/test_reflow.py::test_every_page_fits_320_px_without_sideways_scrolling",
                            "narrow_pass"),
                       item("tests/browser/test_requests.py::test_search_requests_nothing_outside_either",
                            "open_context")]) == []
    [wrong] = misgrouped([item("tests/browser/test_requests.py::test_something_new", "desktop_pass")])
    assert "test_something_new reads desktop_pass" in wrong and "DESKTOP_TESTS" in wrong
