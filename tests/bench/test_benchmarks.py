"""benchmarks/linker.py runs and writes a well-formed report (speed is not tested here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

SCRIPT = REPO / "benchmarks" / "linker.py"


def test_quick_linker_benchmark_writes_json_with_equal_mentions(tmp_path: Path) -> None:
    out = tmp_path / "bench" / "linker.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "real-entity mentions equal at every M: yes" in result.stdout

    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"linker", "ratio_10000_vs_20", "corpus_mb"}
    assert report["ratio_10000_vs_20"] is None  # --quick stops at M=1,000
    assert 0.15 < report["corpus_mb"] < 0.3

    rows = report["linker"]
    assert [row["entries"] for row in rows] == [20, 1000]
    for row in rows:
        assert isinstance(row["entries"], int)
        assert isinstance(row["mentions"], int)
        for key in ("mb_per_s", "build_s"):
            assert isinstance(row[key], float)
            assert row[key] > 0
    mentions = {row["mentions"] for row in rows}
    assert len(mentions) == 1
    assert mentions.pop() > 0
