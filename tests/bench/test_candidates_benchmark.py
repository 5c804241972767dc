"""benchmarks/candidates.py runs and writes a well-formed report (speed is not tested here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sphinx_briefing.candidates import spans
from tests.helpers import REPO

SCRIPT = REPO / "benchmarks" / "candidates.py"


def test_small_candidates_benchmark_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench" / "candidates.json"
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--articles", "40", "--runs", "1", "--build-articles", "10", "--build-runs", "2"),
            *("--json", str(out)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "briefing candidates" in result.stdout
    assert "coverage in build, uncached" in result.stdout
    assert "coverage in build, cached" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["articles"] == 40 and 0.1 < report["corpus_mb"] < 0.4
    assert report["names"] > 20 and report["glossary"] == 106
    for key in ("candidates_cpu_s", "candidates_wall_s", "coverage_cpu_s"):
        assert isinstance(report[key], float) and report[key] > 0
    assert isinstance(report["met"], bool)
    assert report["build_articles"] == 10
    assert len(report["cold_shares"]) == 2
    assert report["build"]["cold"]["share"] in report["cold_shares"]
    for state in ("cold", "warm"):
        assert report["build"][state]["build_cpu_s"] > report["build"][state]["coverage_cpu_s"] > 0
    # The report says which finder it measured: the one this run imports.
    assert report["finder_compiled"] is Path(spans.__file__ or "").suffix.endswith(("so", "pyd"))
    assert ("compiled (mypyc)" in result.stdout) is report["finder_compiled"]
    # Each uncached run's steps, which make up its coverage time.
    steps = ("gather_cpu_s", "finder_cpu_s", "coverage.json_cpu_s", "notes_cpu_s")
    for run in report["cold_runs"]:
        assert all(run[step] > 0 for step in steps), run
        assert abs(sum(run[step] for step in steps) - run["coverage_cpu_s"]) < 0.01
