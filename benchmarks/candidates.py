"""Speed of ``briefing candidates`` and of the coverage report at build time.

Everything is deterministic (a fixed seed):

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
  of ``exports/coverage.py``; compared with a 1,000-article build of the book
  (:data:`BUILD_S`, the latest ``make bench``'s full build, ``benchmarks/README.md``).

Usage::

    python benchmarks/candidates.py [--articles N] [--runs R] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sphinx_briefing import glossary
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
#: A full 1,000-article build of the book on this machine (make bench, benchmarks/README.md).
BUILD_S = 68.6


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)
    corpus = make_corpus(args.articles)
    megabytes = sum(len(text.encode()) for text in corpus.values()) / 1e6
    known = glossary.load(REAL / "glossary")
    find_candidates(dict(list(corpus.items())[:20]), known)  # warm-up: data files, caches
    candidates = time_candidates(corpus, known, args.runs)
    coverage = time_coverage(corpus, known, args.runs)
    # Scaled to 1,000 articles, as the targets are stated.
    scale = ARTICLES / args.articles
    share = coverage["cpu_s"] * scale / BUILD_S
    print(f"corpus: {args.articles} articles, {megabytes:.2f} MB, glossary {len(known.entries)}")
    print(f"{'measure':<28} {'CPU s':>8} {'wall s':>8}  target")
    print(
        f"{'briefing candidates':<28} {candidates['cpu_s']:>8.2f} {candidates['wall_s']:>8.2f}"
        f"  <= {CANDIDATES_TARGET_S * args.articles / ARTICLES:.1f} s"
    )
    print(
        f"{'coverage (build share)':<28} {coverage['cpu_s']:>8.2f} {'':>8}"
        f"  {share:.1%} of a {BUILD_S} s build (<= {COVERAGE_TARGET:.0%})"
    )
    report = {
        "articles": args.articles,
        "corpus_mb": round(megabytes, 3),
        "glossary": len(known.entries),
        "names": candidates["names"],
        "candidates_cpu_s": round(candidates["cpu_s"], 3),
        "candidates_wall_s": round(candidates["wall_s"], 3),
        "coverage_cpu_s": round(coverage["cpu_s"], 3),
        "coverage_share_of_build": round(share, 4),
        "build_s": BUILD_S,
        "targets": {"candidates_s": CANDIDATES_TARGET_S, "coverage_share": COVERAGE_TARGET},
        "met": candidates["cpu_s"] * scale <= CANDIDATES_TARGET_S and share <= COVERAGE_TARGET,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
