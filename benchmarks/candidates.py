"""Speed of ``briefing candidates`` and of the coverage report at build time.

Everything is deterministic (a fixed seed). The finder measured is the one installed: compiled
by mypyc (``make`` compiles it; ``setup.py``) or plain Python; the report says which.

* The corpus: N articles (default 1,000, about 5 MB of UTF-8) recombined from the dev-set
  texts in ``tests/data/real``: each article a headline and 6-14 paragraphs drawn from the
  paragraphs of all the texts, so every kind of name the finder reads is there, spread over
  many articles and repeated as a real book repeats them. The glossary is the dev set's test
  glossary (106 entries).
* ``candidates``: :func:`~sphinx_briefing.candidates.finder.find_candidates` over the whole
  corpus, as ``briefing candidates FILE...`` runs it (the reader, the glossary's linker,
  the finder): CPU and wall time, median of ``--runs``.
* ``coverage``: what the build adds per article (:mod:`sphinx_briefing.read.coverage`): the
  finder on one article's lines with the mentions already linked, then the whole-book merge
  of ``exports/coverage.py``.
* ``build share``: the honest measure. A real build (``sphinx-build -b html``, in a child
  process, without the PDF as ``make bench``) of the book (``benchmarks/corpus.py``'s
  ``write_book``) with the first ``--build-articles`` articles of the same corpus and the
  same glossary, with the coverage steps (the read transform, the finder's pass when every
  article is read, the build-finished writer, the editors' note) timed inside it (CPU):
  their sum over the build's CPU (the child's, from ``wait4``). Twice: with no coverage
  results in the machine cache (the other kinds of the machine cache as they are, as
  ``make bench`` finds them), then a fresh build again with them cached. The uncached build
  runs ``--build-runs`` times (5) and the run with the median share is reported, with every
  run's share: a full garbage collection of the build's heap takes about half a second, and
  the step that happens to set one off pays for all of it, so one run's share can be a point
  higher than the next one's.

Usage::

    python benchmarks/candidates.py [--articles N] [--runs R] [--build-articles B]
                                    [--build-runs K] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sphinx_briefing import glossary
from sphinx_briefing.candidates import spans
from sphinx_briefing.candidates.finder import (
    Finder,
    article_text,
    as_record,
    find_candidates,
    from_record,
    merge,
)
from sphinx_briefing.text import article

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "data" / "real"
DEFAULT_JSON = REPO / "build" / "bench" / "candidates.json"
SEED = 20251117
ARTICLES = 1_000
RUNS = 3
#: Targets of issue #17.
CANDIDATES_TARGET_S = 10.0
COVERAGE_TARGET = 0.03
#: The size of the real build the coverage share is measured in (0: none).
BUILD_ARTICLES = 1_000
#: Builds with nothing cached (the median share is reported).
BUILD_RUNS = 5
#: The child build writes what it timed here (JSON).
_TIMES_ENV = "BRIEFING_BENCH_COVERAGE_TIMES"


def pieces() -> tuple[list[str], list[str]]:
    """The headlines and the paragraphs of the dev-set texts (article text only)."""
    headlines, paragraphs = [], []
    for path in sorted(REAL.glob("*.txt")):
        parsed = article.parse(path.read_text(encoding="utf-8"))
        for block in parsed.blocks:
            if block.kind is article.Kind.HEADLINE:
                headlines.append(block.text)
            elif block.kind is article.Kind.PARAGRAPH and len(block.text) > 60:
                paragraphs.append(block.text)
    return headlines, paragraphs


def make_corpus(count: int, seed: int = SEED) -> dict[str, str]:
    """``count`` articles, name → text."""
    rng = random.Random(seed)
    headlines, paragraphs = pieces()
    corpus = {}
    for number in range(count):
        body = rng.sample(paragraphs, rng.randint(9, 18))
        corpus[f"article-{number:04d}.txt"] = "\n".join([rng.choice(headlines), *body]) + "\n"
    return corpus


def time_candidates(
    corpus: dict[str, str], known: glossary.Glossary, runs: int
) -> dict[str, float]:
    cpu, wall, found = [], [], 0
    for _ in range(runs):
        start_cpu, start = time.process_time(), time.perf_counter()
        found = len(find_candidates(corpus, known))
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return {"cpu_s": statistics.median(cpu), "wall_s": statistics.median(wall), "names": found}


def time_coverage(corpus: dict[str, str], known: glossary.Glossary, runs: int) -> dict[str, float]:
    """The build's share: per article, the finder with the links given; then the merge."""
    finder = Finder(known)
    prepared = []
    for name, text in corpus.items():
        lines, credits = article_text(text)
        prepared.append((name, lines, credits, finder.linked(lines)))
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        records = []
        for name, lines, credits, linked in prepared:
            found = finder.find({name: lines}, {name: linked}, {name: credits})
            records += [(as_record(c), name) for c in found]
        merge(from_record(record, name) for record, name in records)
        cpu.append(time.process_time() - start)
    return {"cpu_s": statistics.median(cpu)}


class StepClock:
    """CPU time of the coverage steps in a build, and the collector's pauses: over the whole
    build, and those that fell inside a step (already part of that step's time: a full
    collection walks the whole build's heap, whichever step sets it off)."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.collector: dict[str, float] = {"build": 0.0, "in_steps": 0.0}
        self._depth = 0
        self._pause_started = 0.0
        gc.callbacks.append(self._pause)

    def timed(self, function: Callable[..., object], step: str) -> Callable[..., object]:
        """``function``, its CPU time added to ``step``'s."""

        def timed(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            self._depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                self.steps[step] = self.steps.get(step, 0.0) + time.process_time() - start

        return timed

    def _pause(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._pause_started = time.process_time()
            return
        seconds = time.process_time() - self._pause_started
        self.collector["build"] += seconds
        if self._depth:
            self.collector["in_steps"] += seconds


def build_child(args: Sequence[str]) -> int:
    """In the child: ``sphinx-build args``, with the coverage steps timed (CPU)."""
    from sphinx.cmd.build import build_main

    from sphinx_briefing.exports import coverage as exports
    from sphinx_briefing.read import coverage as read

    clock = StepClock()
    read.FindUnlinked.apply = clock.timed(  # type: ignore[method-assign,assignment]
        read.FindUnlinked.apply, "gather"
    )
    # Connected by read.setup when the extension is set up, after this.
    read.find_pending = clock.timed(read.find_pending, "finder")  # type: ignore[assignment]
    # Connected by exports.setup when the extension is set up, after this.
    exports.write_coverage = clock.timed(  # type: ignore[assignment]
        exports.write_coverage, "coverage.json"
    )
    exports.add_unlinked_note = clock.timed(  # type: ignore[assignment]
        exports.add_unlinked_note, "notes"
    )
    status = build_main(list(args))
    times = {"steps": clock.steps, "collector": clock.collector}
    Path(os.environ[_TIMES_ENV]).write_text(json.dumps(times))
    return status


def _child_build(src: Path, out: Path, cache: Path) -> dict[str, float]:
    """One fresh build of ``src``: the build's CPU, the coverage steps' CPU."""
    shutil.rmtree(out, ignore_errors=True)
    times = out.parent / f"{out.name}-times.json"
    env = {**os.environ, _TIMES_ENV: str(times), "BRIEFING_CACHE_DIR": str(cache)}
    command = [sys.executable, __file__, "--build-child", "-q", "-b", "html"]
    command += ["-D", "briefing_pdf_in_html=0", "-d", str(out / ".doctrees"), str(src), str(out)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"error: {' '.join(command)} failed")
    timed = json.loads(times.read_text())
    steps = timed["steps"]
    spent = sum(steps.values())
    build = usage.ru_utime + usage.ru_stime
    return {
        "build_cpu_s": build,
        "coverage_cpu_s": spent,
        "share": spent / build,
        "collector_s": timed["collector"]["build"],
        "collector_in_steps_s": timed["collector"]["in_steps"],
        **{f"{step}_cpu_s": seconds for step, seconds in sorted(steps.items())},
    }


def time_build(articles: int, runs: int = BUILD_RUNS) -> dict[str, Any]:
    """The coverage steps' share of a real build of ``articles`` articles: with no coverage
    results cached (``runs`` times, the run with the median share kept: the steps take a
    few seconds, so a moment of load on the machine moves their share more than the
    build's), then once with them cached."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus

    # The same articles and glossary as the finder's measures, as the book's.
    texts = list(make_corpus(articles).values())
    entries = {p.name: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("glossary/*.toml"))}
    root = REPO / "build" / "bench" / f"coverage-{articles}"
    src = corpus.write_book(root / "src", texts, entries)
    from sphinx_briefing.cache import cache_dir

    colds: list[dict[str, float]] = []
    warm: dict[str, float] = {}
    for run in range(max(1, runs)):
        # The machine cache as make bench finds it, but without any coverage results in it.
        with tempfile.TemporaryDirectory(prefix="briefing-cache-") as temporary:
            cache = Path(temporary)
            real = cache_dir()
            if real is not None and real.is_dir():
                for kind in real.iterdir():
                    if kind.is_dir() and kind.name != "coverage":
                        (cache / kind.name).symlink_to(kind)
            colds.append(_child_build(src, root / "html", cache))
            if run == max(1, runs) - 1:
                warm = _child_build(src, root / "html", cache)
    cold = sorted(colds, key=lambda r: r["share"])[len(colds) // 2]
    return {
        "cold": cold,
        "warm": warm,
        "cold_shares": [round(r["share"], 4) for r in colds],
        "colds": colds,
    }


def finder_compiled() -> bool:
    """Whether the finder measured is the mypyc-compiled one (``setup.py``)."""
    return Path(spans.__file__ or "").suffix in {".so", ".pyd"}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--build-child"]:
        return build_child(arguments[1:])
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--build-articles", type=int, default=BUILD_ARTICLES)
    parser.add_argument("--build-runs", type=int, default=BUILD_RUNS)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(arguments)
    corpus = make_corpus(args.articles)
    megabytes = sum(len(text.encode()) for text in corpus.values()) / 1e6
    known = glossary.load(REAL / "glossary")
    find_candidates(dict(list(corpus.items())[:20]), known)  # warm-up: data files, caches
    candidates = time_candidates(corpus, known, args.runs)
    coverage = time_coverage(corpus, known, args.runs)
    build = time_build(args.build_articles, args.build_runs) if args.build_articles > 0 else None
    # Scaled to 1,000 articles, as the targets are stated.
    scale = ARTICLES / args.articles
    share = build["cold"]["share"] if build else None
    compiled = finder_compiled()
    print(f"corpus: {args.articles} articles, {megabytes:.2f} MB, glossary {len(known.entries)}")
    print(f"finder: {'compiled (mypyc)' if compiled else 'plain Python (not compiled)'}")
    print(f"{'measure':<28} {'CPU s':>8} {'wall s':>8}  target")
    print(
        f"{'briefing candidates':<28} {candidates['cpu_s']:>8.2f} {candidates['wall_s']:>8.2f}"
        f"  <= {CANDIDATES_TARGET_S * args.articles / ARTICLES:.1f} s"
    )
    print(f"{'coverage (finder + merge)':<28} {coverage['cpu_s']:>8.2f} {'':>8}")
    if build:
        for which, label in (("cold", "uncached"), ("warm", "cached")):
            run = build[which]
            print(
                f"{f'coverage in build, {label}':<28} {run['coverage_cpu_s']:>8.2f} {'':>8}"
                f"  {run['share']:.1%} of a {run['build_cpu_s']:.1f} s CPU build of "
                f"{args.build_articles} articles (<= {COVERAGE_TARGET:.0%})"
            )
        shares = ", ".join(f"{share:.1%}" for share in build["cold_shares"])
        print(f"{'':<28} uncached runs: {shares} (the median shown)")
        for run in build["colds"]:
            steps = ", ".join(
                f"{key.removesuffix('_cpu_s')} {value:.2f}"
                for key, value in run.items()
                if key.endswith("_cpu_s") and key not in ("build_cpu_s", "coverage_cpu_s")
            )
            print(
                f"{'':<28} {run['share']:.1%}: {steps} (CPU s); collector "
                f"{run['collector_s']:.2f} s in the build, {run['collector_in_steps_s']:.2f} s of"
                " it inside these steps"
            )
    report = {
        "articles": args.articles,
        "corpus_mb": round(megabytes, 3),
        "glossary": len(known.entries),
        "names": candidates["names"],
        "finder_compiled": compiled,
        "candidates_cpu_s": round(candidates["cpu_s"], 3),
        "candidates_wall_s": round(candidates["wall_s"], 3),
        "coverage_cpu_s": round(coverage["cpu_s"], 3),
        "coverage_share_of_build": None if share is None else round(share, 4),
        "build_articles": args.build_articles,
        "build": (
            {w: {k: round(v, 4) for k, v in build[w].items()} for w in ("cold", "warm")}
            if build
            else None
        ),
        "cold_shares": build["cold_shares"] if build else None,
        "cold_runs": (
            [{k: round(v, 4) for k, v in run.items()} for run in build["colds"]] if build else None
        ),
        "targets": {"candidates_s": CANDIDATES_TARGET_S, "coverage_share": COVERAGE_TARGET},
        "met": candidates["cpu_s"] * scale <= CANDIDATES_TARGET_S
        and (share is None or share <= COVERAGE_TARGET),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
