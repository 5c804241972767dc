"""The package's layering: no import cycle between modules or between stage folders, and a
top level that holds only the core (setup, domain, records, vocabulary...)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from types import ModuleType

from tests.helpers import REPO

PACKAGE = REPO / "ext" / "sphinx_briefing"


def import_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "import_graph", REPO / "tools" / "import_graph.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_cycle_between_modules() -> None:
    graph = import_graph()
    modules = graph.module_graph()
    assert len(modules) > 60
    assert graph.cycles(modules) == []


def test_no_cycle_between_folders() -> None:
    graph = import_graph()
    folders = graph.folder_graph(graph.module_graph())
    assert "sphinx_briefing.text/" in folders
    assert graph.cycles(folders) == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = import_graph()
    assert graph.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert graph.cycles({"a": {"b"}, "b": set()}) == []


def test_pure_text_stage_needs_no_sphinx() -> None:
    for path in (PACKAGE / "text").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("sphinx", "docutils"), f"{path}: {name}"


def test_at_most_fourteen_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 14, top


def test_the_architecture_page_maps_every_module() -> None:
    page = (REPO / "manual" / "architecture.md").read_text(encoding="utf-8")
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent != PACKAGE:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        assert relative in page, f"{relative} is missing from manual/architecture.md"
    assert Path("writers") not in [p.relative_to(PACKAGE) for p in PACKAGE.iterdir()]
