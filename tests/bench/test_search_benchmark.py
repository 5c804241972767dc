"""benchmarks/search.py runs and writes a well-formed report; the index stays small.

The size ratio is asserted (it is a property of the index, not of the machine); query
times are not measured with ``--quick`` and never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import REPO

SCRIPT = REPO / "benchmarks" / "search.py"


def test_quick_search_benchmark_writes_json_within_the_size_target(tmp_path: Path) -> None:
    out = tmp_path / "bench" / "search.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "within the 1.3 target" in result.stdout

    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"search"}
    rows = report["search"]
    assert [row["articles"] for row in rows] == [20]
    for row in rows:
        for key in ("articles", "index_bytes", "baseline_index_bytes", "extra_data_bytes"):
            assert isinstance(row[key], int)
            assert row[key] > 0
        for key in ("ratio", "bytes_per_article"):
            assert isinstance(row[key], float)
            assert row[key] > 0
        assert row["ratio"] == row["index_bytes"] / row["baseline_index_bytes"]
        assert row["bytes_per_article"] == row["index_bytes"] / row["articles"]
        assert row["ratio"] <= 1.3
        # The quick run has no browser; a full run has one median per query.
        assert row["query_ms"] is None
        assert row["query_first_ms"] is None
        assert row["query_hits"] is None
        # The baseline without sidebar navigation indexes exactly what the full one does.
        assert row["baseline_shortcut_identical"] is True


def _load_script() -> ModuleType:
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))  # its sibling modules (corpus, linker)
    spec = importlib.util.spec_from_file_location("search_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_sizes_option_takes_comma_separated_counts() -> None:
    bench = _load_script()
    assert bench.sizes_arg("100") == (100,)
    assert bench.sizes_arg("20,100") == (20, 100)
    for bad in ("", "0", "ten", "100,-1"):
        with pytest.raises(argparse.ArgumentTypeError):
            bench.sizes_arg(bad)
