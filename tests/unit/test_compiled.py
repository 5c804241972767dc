"""The candidate finder as mypyc compiles it (``setup.py``) and as plain Python.

``make`` compiles the finder's modules in place; the same sources run as Python where they
cannot be compiled. What this proves: the modules this run imports are the compiled ones
(unless ``BRIEFING_COMPILE=0``), and the compiled finder finds exactly what the plain Python
one finds, on every real text the project holds, with its test glossary and without one.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sphinx_briefing import glossary
from sphinx_briefing.candidates.finder import find_candidates
from tests.helpers import REPO

REAL = REPO / "tests" / "data" / "real"
HELD_OUT = REPO / "benchmarks" / "data" / "holdout"
#: What the child process prints: the candidates of every real text, as JSON.
FIND = """
import json, sys
from pathlib import Path
from sphinx_briefing import glossary
from sphinx_briefing.candidates import spans
from sphinx_briefing.candidates.finder import find_candidates
texts = {p.name: p.read_text(encoding="utf-8") for p in map(Path, sys.argv[2:])}
known = glossary.load(Path(sys.argv[1]))
print(json.dumps({
    "spans": spans.__file__,
    "with": [c.as_json() for c in find_candidates(texts, known)],
    "without": [c.as_json() for c in find_candidates(texts, None)],
}, ensure_ascii=False))
"""


def compiled_modules() -> list[str]:
    """The modules ``setup.py`` compiles, read from its ``COMPILED`` list."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            paths: list[str] = ast.literal_eval(node.value)
            return [p.removeprefix("ext/").removesuffix(".py").replace("/", ".") for p in paths]
    raise AssertionError("setup.py has no COMPILED list")


def is_extension(path: str) -> bool:
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_the_finder_runs_compiled_unless_told_not_to() -> None:
    modules = compiled_modules()
    assert "sphinx_briefing.candidates.spans" in modules
    files = {name: importlib.import_module(name).__file__ or "" for name in modules}
    if os.environ.get("BRIEFING_COMPILE") == "0":
        assert not any(map(is_extension, files.values())), files
    else:
        assert all(map(is_extension, files.values())), f"not compiled (run make): {files}"


def test_the_compiled_finder_finds_what_plain_python_finds(tmp_path: Path) -> None:
    # The package's Python sources alone, first on the child's path: the plain finder.
    shutil.copytree(
        REPO / "ext" / "sphinx_briefing",
        tmp_path / "sphinx_briefing",
        ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"),
    )
    files = sorted(REAL.glob("*.txt")) + sorted(HELD_OUT.glob("*.txt"))
    assert len(files) >= 15
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    child = subprocess.run(
        [sys.executable, "-c", FIND, str(REAL / "glossary"), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    plain = json.loads(child.stdout)
    assert plain["spans"].endswith(".py") and plain["spans"].startswith(str(tmp_path))
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    here = {
        "with": [c.as_json() for c in find_candidates(texts, glossary.load(REAL / "glossary"))],
        "without": [c.as_json() for c in find_candidates(texts, None)],
    }
    assert len(here["with"]) > 100 and len(here["without"]) > 100
    assert here["with"] == plain["with"]
    assert here["without"] == plain["without"]
