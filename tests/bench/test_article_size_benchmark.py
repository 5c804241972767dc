"""benchmarks/build.py --article-sizes: one large article, the report well formed.

Speed is measured by the benchmark itself, never asserted here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))  # for its own imports (corpus, linker)
# Loaded by path: "build" is also the name of a PyPI package.
_SPEC = importlib.util.spec_from_file_location("build_benchmark", BENCHMARKS / "build.py")
assert _SPEC is not None and _SPEC.loader is not None
build_bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = build_bench  # its dataclasses look their module up
_SPEC.loader.exec_module(build_bench)


def test_a_large_article_is_the_size_asked_for() -> None:
    seed = (REPO / "seeds" / "lavrov-wonsan.txt").read_text(encoding="utf-8")
    text = build_bench.large_article(0.05, [seed])
    size = len(text.encode("utf-8"))
    assert 50_000 <= size < 51_000
    assert text.count("\n") > 50  # many paragraphs, not one line


def test_the_article_series_runs_and_writes_its_json(tmp_path: Path) -> None:
    out = tmp_path / "articles.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "build.py"),
            "--article-sizes",
            "0.005",
            "--no-pdf",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    (run,) = json.loads(out.read_text(encoding="utf-8"))["article_sizes"]
    assert run["megabytes"] == 0.005 and run["paragraphs"] > 5
    assert run["html_pdf_wall_s"] is None and run["pdf_mb"] is None  # --no-pdf
    for key in ("html_wall_s", "html_peak_rss_mb", "defaults_wall_s", "page_mb"):
        assert isinstance(run[key], float) and run[key] > 0, key
    assert run["cite_script_mb"] > 0
    assert "page MB" in result.stdout  # the table
