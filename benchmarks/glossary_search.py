"""Time of ``briefing search`` (:func:`sphinx_briefing.search.glossary_search.search`).

Glossaries of 27 entries (the real one, ``docs/glossary/entries``), 1,000 and 5,000 (the real
entries plus the synthetic ones of :func:`corpus.glossary_files`, fixed seed), and four
queries: a name, a typo, a 200-character sentence pasted from the seed article and a
1,000-character passage of it. For each glossary the script also times building the search
index (done once per glossary, on the first query) and one whole ``briefing search`` run in a
new process (loading the glossary included).

Targets: every query at most 0.2 s at 5,000 entries; the pasted sentence at most 2 s at 1,000.

Usage::

    python benchmarks/glossary_search.py [--sizes 27,1000,5000] [--runs 5] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import corpus

from sphinx_briefing import glossary
from sphinx_briefing.search import glossary_search

REPO = Path(__file__).resolve().parent.parent
DEFAULT_JSON = REPO / "build" / "bench" / "glossary_search.json"
SIZES = (27, 1_000, 5_000)
RUNS = 5
QUERY_TARGET_S = 0.2


def queries() -> dict[str, str]:
    """The four queries, by name: deterministic, from the seed article."""
    text = " ".join(corpus.SEED.read_text(encoding="utf-8").split())
    start = len(text) // 3
    return {
        "name": "Sergey Lavrov",
        "typo": "Lavorv",
        "sentence-200": text[start : start + 200],
        "text-1000": text[start : start + 1000],
    }


def load(size: int, where: Path) -> glossary.Glossary:
    """The ``size``-entry glossary, written to ``where`` and loaded."""
    if size <= len(list(corpus.ENTRIES.glob("*.toml"))):
        found = glossary.load(corpus.ENTRIES)
    else:
        where.mkdir(parents=True, exist_ok=True)
        for name, text in corpus.glossary_files(size, [corpus.SEED.read_text("utf-8")]).items():
            (where / name).write_text(text, encoding="utf-8")
        found = glossary.load(where)
    return found


def cli_seconds(directory: Path, query: str) -> float:
    """Wall time of one ``briefing search`` process."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_briefing.cli",
            "search",
            query,
            "--glossary",
            str(directory),
        ],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def measure(size: int, runs: int, where: Path) -> dict[str, object]:
    loaded = load(size, where / f"glossary-{size}")
    directory = corpus.ENTRIES if size <= 27 else where / f"glossary-{size}"
    start = time.perf_counter()
    glossary_search.SearchIndex.build(loaded)
    index_s = time.perf_counter() - start
    glossary_search.search_index(loaded)  # cached from here on
    times: dict[str, float] = {}
    hits: dict[str, int] = {}
    for label, query in queries().items():
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            found = glossary_search.search(loaded, query)
            samples.append(time.perf_counter() - start)
        times[label] = statistics.median(samples)
        hits[label] = len(found)
    return {
        "entries": len(loaded.entries),
        "index_build_s": index_s,
        "query_s": times,
        "hits": hits,
        "cli_typo_s": cli_seconds(directory, "Lavorv"),
        "cli_sentence_s": cli_seconds(directory, queries()["sentence-200"]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            results.append(measure(size, args.runs, Path(tmp)))
    labels = list(queries())
    print(f"{'entries':>8} {'index':>8} " + " ".join(f"{q:>13}" for q in labels) + "  cli(typo)")
    for row in results:
        query_s: dict[str, float] = row["query_s"]  # type: ignore[assignment]
        print(
            f"{row['entries']:>8} {row['index_build_s']:>7.3f}s "
            + " ".join(f"{query_s[q]:>12.4f}s" for q in labels)
            + f"  {row['cli_typo_s']:.2f}s"
        )
    slowest = max(max(r["query_s"].values()) for r in results)  # type: ignore[attr-defined]
    report = {
        "runs": results,
        "queries": {label: len(text) for label, text in queries().items()},
        "target_query_s": QUERY_TARGET_S,
        "met": slowest <= QUERY_TARGET_S,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
