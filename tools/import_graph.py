"""The import graph of ``ext/sphinx_briefing``: modules, stage folders, and any cycles.

``python tools/import_graph.py`` prints the folder graph and exits 1 on a cycle; the layering
test (``tests/unit/test_layering.py``) asserts the same. Imports inside functions count too:
a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = "sphinx_briefing"
ROOT = Path(__file__).resolve().parent.parent / "ext" / PACKAGE


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their ``__init__``)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(
    tree: ast.AST, name: str, is_package: bool, known: Mapping[str, Path]
) -> Iterator[str]:
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in known else base for t in targets]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE) and target != name:
                yield target


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the package's modules it imports (anywhere in its body)."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = set(_imported(tree, name, path.name == "__init__.py", known))
    return graph


def unit(module: str) -> str:
    """A module's place in the layering: its stage folder, or itself at the top level."""
    parts = module.split(".")
    if len(parts) == 1:
        return module
    top = ROOT / parts[1]
    return f"{PACKAGE}.{parts[1]}/" if top.is_dir() else module


def folder_graph(graph: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """The module graph with each stage folder collapsed to one node; the package's own
    ``__init__`` (``setup()``, which registers everything) is left out."""
    folders: dict[str, set[str]] = {}
    for source, targets in graph.items():
        if source == PACKAGE:
            continue
        here = unit(source)
        folders.setdefault(here, set())
        for target in targets:
            there = unit(target)
            if there != here and target != PACKAGE:
                folders[here].add(there)
    return folders


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    graph = module_graph()
    folders = folder_graph(graph)
    for node in sorted(folders):
        print(f"{node} -> {', '.join(sorted(folders[node])) or '-'}")
    problems = [("modules", c) for c in cycles(graph)] + [("folders", c) for c in cycles(folders)]
    for kind, cycle in problems:
        print(f"cycle between {kind}: {' <-> '.join(cycle)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
