"""Throughput of the glossary mention linker (:class:`briefing.linker.Linker`).

Measures how fast ``Linker.find`` gets through Arabic text, in MB/s (UTF-8 bytes of input
per second of ``find`` time, 1 MB = 10**6 bytes), for glossaries of 20, 1,000 and 10,000
entries, and how long building the linker takes.

Everything is deterministic (fixed seeds):

* The corpus recombines the fragments of the seed article (split on ``.``, ``،`` and line
  breaks) into paragraphs and drops real glossary names into them. It is fed to ``find``
  one line at a time, as the Sphinx extension feeds it one text node (paragraph) at a time.
* The M-entry glossary is the real glossary (``docs/glossary/entries``) plus synthetic
  entries up to M: Arabic-looking names of 1-3 words of 3-8 random letters, 2-4 aliases
  each, some with adjectives, some sharing a first word with many others (as ``منطقة`` or
  ``جمهورية`` do in real glossaries). For M=20 it is 20 of the real entries.
* Synthetic aliases never match the corpus (each has a word that no corpus token can be
  read as) and the corpus only mentions the 20 real entries present at every M, so the
  mentions found must be the same at every M: the script checks that.

Usage::

    python benchmarks/linker.py [--quick] [--json PATH]

``--quick`` uses a ~200 KB corpus and M up to 1,000 (for tests).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sphinx_briefing import glossary
from sphinx_briefing.text.linker import Alias, Linker, first_word_stems, later_word_stems, tokens
from sphinx_briefing.text.normalise import fold_text

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
ENTRIES = REPO / "docs" / "glossary" / "entries"
DEFAULT_JSON = REPO / "build" / "bench" / "linker.json"

SIZES = (20, 1_000, 10_000)
QUICK_SIZES = (20, 1_000)
CORPUS_BYTES = 2_000_000
QUICK_CORPUS_BYTES = 200_000
RUNS = 5
WARMUPS = 1
SEED_CORPUS = 20250711
SEED_GLOSSARY = 1729

#: Real entries left out of the 20-entry glossary: the five the seed article never
#: mentions, and two that it mentions only in one and the same fragment (which the corpus
#: then leaves out), so every other fragment survives.
LEFT_OUT_AT_20 = (
    "kursk-fighting",
    "lavrov-wonsan-visit",
    "russia-ukraine-war",
    "trilateral-air-exercise-2025",
    "wonsan-kalma-opening",
    "kursk-region",
    "russia-dprk-treaty",
)

#: Letters for synthetic names; hamzated alefs only start a word, ة and ى only end one.
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
FIRST_LETTERS = LETTERS + "أإ"
LAST_LETTERS = LETTERS + "ةى"
#: First words that many real names share; synthetic names use them too, so the trie has
#: wide nodes below words that do occur in the text.
SHARED_FIRST_WORDS = ("جمهورية", "منطقة", "مدينة", "جزيرة", "نهر", "حزب", "وكالة", "جامعة")
ADJECTIVE_ENDINGS = ("ي", "ية", "يون", "يين", "يًا")
#: How a name is dropped into a fragment.
TEMPLATES = (
    "{name} {fragment}",
    "{fragment} مع {name}",
    "وقال {name} إن {fragment}",
    "{fragment} و{name}",
    "{fragment} في {name}",
    "{fragment} ب{name}",
    "{fragment}، بحسب {name}",
)


@dataclass(frozen=True)
class Result:
    """One row of the table (and of the JSON)."""

    entries: int
    aliases: int
    build_s: float
    #: Median CPU time (this process) of one pass of ``find`` over the corpus.
    find_s: float
    mb_per_s: float
    #: The same from wall-clock time, which neighbours on a shared machine inflate.
    wall_find_s: float
    wall_mb_per_s: float
    mentions: int


# --- corpus -----------------------------------------------------------------------------


def fragments(seed_text: str) -> list[str]:
    """The seed article's sentences and clauses: split on ``.``, ``،`` and line breaks."""
    pieces = re.split(r"[.،\n]", seed_text)
    return [p.strip() for p in pieces if len(p.strip()) > 1]


def only_core(linker: Linker, text: str, core: set[str]) -> bool:
    """Whether every mention the full real glossary finds in ``text`` is of a core entry."""
    return all(m.entity in core for m in linker.find(text))


def make_corpus(
    seed_text: str, names: Sequence[str], full: Linker, core: set[str], target_bytes: int
) -> list[str]:
    """Paragraphs (lines) of recombined seed fragments and names, ``target_bytes`` long.

    A fragment or paragraph in which the full real glossary finds a non-core entry is left
    out, so the corpus mentions the same entities at every glossary size.
    """
    rng = random.Random(SEED_CORPUS)
    pool = [f for f in fragments(seed_text) if only_core(full, f, core)]
    lines: list[str] = []
    size = 0
    while size < target_bytes:
        parts = []
        for _ in range(rng.randint(2, 7)):
            fragment = rng.choice(pool)
            if rng.random() < 0.5:
                template = rng.choice(TEMPLATES)
                fragment = template.format(name=rng.choice(names), fragment=fragment)
            parts.append(fragment)
        paragraph = "".join(p + rng.choice((". ", "، ")) for p in parts).rstrip("، ")
        if not only_core(full, paragraph, core):
            continue
        lines.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return lines


# --- glossaries -------------------------------------------------------------------------


def readings(lines: Iterable[str]) -> set[str]:
    """Every folded word a token of ``lines`` can be read as, in any position of a name."""
    found: set[str] = set()
    for line in lines:
        for token in tokens(fold_text(line)):
            found.update(stem for stem, _ in first_word_stems(token.text))
            found.update(later_word_stems(token.text))
    return found


def random_word(rng: random.Random) -> str:
    """3-8 random letters."""
    middle = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 6)))
    return rng.choice(FIRST_LETTERS) + middle + rng.choice(LAST_LETTERS)


def never_matches(text: str, seen: set[str]) -> bool:
    """An alias can only match if each of its words is a reading of some text token."""
    words = [t.text for t in tokens(fold_text(text))]
    return bool(words) and any(w not in seen for w in words)


def synthetic_entry(rng: random.Random, number: int, seen: set[str]) -> list[Alias]:
    """2-4 aliases (and sometimes adjectives) of one made-up entity."""
    entity = f"synthetic-{number:05d}"
    while True:
        words = [random_word(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.15:
            words.insert(0, rng.choice(SHARED_FIRST_WORDS))
        elif rng.random() < 0.2:
            words[0] = "ال" + words[0]
        variants = [" ".join(words)]
        for _ in range(rng.randint(1, 3)):
            choice = rng.random()
            if choice < 0.3 and len(words) > 1:
                variants.append(" ".join(words[1:]) if rng.random() < 0.5 else words[-1])
            elif choice < 0.5 and len(words) > 1:
                variants.append("-".join(words))
            else:  # another transliteration: one letter swapped
                index = rng.randrange(len(words))
                word = words[index]
                at = rng.randrange(2 if word.startswith("ال") else 0, len(word))
                changed = word[:at] + rng.choice(LETTERS) + word[at + 1 :]
                variants.append(" ".join([*words[:index], changed, *words[index + 1 :]]))
        adjectives = []
        if rng.random() < 0.3:
            stem = words[-1].removeprefix("ال")
            adjectives = [stem + e for e in rng.sample(ADJECTIVE_ENDINGS, rng.randint(1, 3))]
        unique = list(dict.fromkeys(variants))
        if len(unique) >= 2 and all(never_matches(t, seen) for t in unique + adjectives):
            break
    return [Alias(t, entity, "name") for t in unique] + [
        Alias(t, entity, "adjective") for t in adjectives
    ]


def core_entries(real: dict[str, list[Alias]]) -> list[str]:
    """The 20 real entries of the smallest glossary (and the only ones the corpus names)."""
    core = [e for e in sorted(real) if e not in LEFT_OUT_AT_20][: SIZES[0]]
    if len(core) < SIZES[0]:
        raise SystemExit(f"error: need {SIZES[0]} real glossary entries, found {len(core)}")
    return core


def glossaries(
    real: dict[str, list[Alias]], sizes: Sequence[int], seen: set[str]
) -> dict[int, list[Alias]]:
    """The alias list of an M-entry glossary for each M in ``sizes``.

    Larger glossaries extend smaller ones: the synthetic entries of M=1,000 are the first
    of M=10,000.
    """
    rng = random.Random(SEED_GLOSSARY)
    core = core_entries(real)
    everything = [a for entity in sorted(real) for a in real[entity]]
    synthetic: list[list[Alias]] = []
    built: dict[int, list[Alias]] = {}
    for size in sorted(sizes):
        if size <= len(core):
            built[size] = [a for entity in core[:size] for a in real[entity]]
            continue
        while len(real) + len(synthetic) < size:
            synthetic.append(synthetic_entry(rng, len(synthetic) + 1, seen))
        built[size] = everything + [a for entry in synthetic for a in entry]
    return built


# --- measuring --------------------------------------------------------------------------


def find_all(linker: Linker, lines: Sequence[str]) -> Counter[str]:
    """Mentions per entity over the corpus, one line at a time."""
    found: Counter[str] = Counter()
    for line in lines:
        for mention in linker.find(line):
            found[mention.entity] += 1
    return found


def timed_pass(linker: Linker, lines: Sequence[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one pass of ``find`` over ``lines``, line by line."""
    find = linker.find
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for line in lines:
        find(line)
    return time.process_time() - cpu, time.perf_counter() - wall


def build_time(aliases: list[Alias]) -> float:
    """Median wall time of building the linker, over 3 builds."""
    times = []
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        Linker(aliases)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(
    by_size: dict[int, list[Alias]], lines: Sequence[str]
) -> tuple[list[Result], dict[int, Counter[str]]]:
    """Build and find times for each glossary, and what each found.

    The passes are interleaved (M=20, 1,000, 10,000, M=20, ...), so drift in the
    machine's load affects every M alike; the first round is the warm-up.
    """
    corpus_bytes = sum(len(line.encode("utf-8")) for line in lines)
    builds = {size: build_time(aliases) for size, aliases in by_size.items()}
    linkers = {size: Linker(aliases) for size, aliases in by_size.items()}
    found = {size: find_all(linker, lines) for size, linker in linkers.items()}
    passes: dict[int, list[tuple[float, float]]] = {size: [] for size in linkers}
    for round_ in range(WARMUPS + RUNS):
        for size, linker in linkers.items():
            cpu, wall = timed_pass(linker, lines)
            if round_ >= WARMUPS:
                passes[size].append((cpu, wall))
        print(f"round {round_ + 1}/{WARMUPS + RUNS} done", file=sys.stderr)
    results = []
    for size, aliases in by_size.items():
        cpu = statistics.median(c for c, _ in passes[size])
        wall = statistics.median(w for _, w in passes[size])
        results.append(
            Result(
                entries=len({a.entity for a in aliases}),
                aliases=len(aliases),
                build_s=builds[size],
                find_s=cpu,
                mb_per_s=corpus_bytes / 1e6 / cpu,
                wall_find_s=wall,
                wall_mb_per_s=corpus_bytes / 1e6 / wall,
                mentions=sum(found[size].values()),
            )
        )
    return results, found


def table(results: Sequence[Result], corpus_mb: float) -> str:
    """The results as a plain-text table."""
    rows = [
        f"corpus: {corpus_mb:.2f} MB (UTF-8); find: median of {RUNS} passes after "
        f"{WARMUPS} warm-up, CPU time (wall-clock in the last two columns)",
        f"{'entries':>8} {'aliases':>8} {'build s':>8} {'find s':>7} {'MB/s':>6} "
        f"{'s/MB':>6} {'mentions':>9} {'wall s':>7} {'wall MB/s':>9}",
    ]
    for r in results:
        rows.append(
            f"{r.entries:>8,} {r.aliases:>8,} {r.build_s:>8.4f} {r.find_s:>7.3f} "
            f"{r.mb_per_s:>6.3f} {r.find_s / corpus_mb:>6.3f} {r.mentions:>9,} "
            f"{r.wall_find_s:>7.3f} {r.wall_mb_per_s:>9.3f}"
        )
    return "\n".join(rows)


def run(quick: bool) -> tuple[list[Result], float | None, float, bool]:
    """Measure every glossary size: results, the M=10,000 vs M=20 ratio (None when quick),
    the corpus size in MB, and whether every size found the same real-entity mentions."""
    sizes = QUICK_SIZES if quick else SIZES
    target = QUICK_CORPUS_BYTES if quick else CORPUS_BYTES

    loaded = glossary.load(ENTRIES)
    if loaded.problems:
        print(f"warning: {len(loaded.problems)} glossary problems", file=sys.stderr)
    real: dict[str, list[Alias]] = {}
    for alias in loaded.aliases("ar"):
        real.setdefault(alias.entity, []).append(alias)
    core = set(core_entries(real))

    seed_text = SEED.read_text(encoding="utf-8")
    names = [a.text for entity in sorted(core) for a in real[entity]]
    full = Linker(loaded.aliases("ar"))
    lines = make_corpus(seed_text, names, full, core, target)
    corpus_mb = sum(len(line.encode("utf-8")) for line in lines) / 1e6
    seen = readings(lines)

    results, per_entity = measure(glossaries(real, sizes, seen), lines)
    print(table(results, corpus_mb))
    reference = per_entity[min(per_entity)]
    equal = all(found == reference for found in per_entity.values())
    print(
        f"real-entity mentions equal at every M: {'yes' if equal else 'NO'} "
        f"({sum(reference.values()):,} mentions of {len(reference)} entities)"
    )
    by_size = {r.entries: r for r in results}
    ratio = by_size[10_000].find_s / by_size[20].find_s if 10_000 in by_size else None
    if ratio is not None:
        verdict = "within" if ratio <= 1.5 else "MISSES"
        wall = by_size[10_000].wall_find_s / by_size[20].wall_find_s
        print(
            f"time per MB, M=10,000 vs M=20: {ratio:.2f}x CPU ({verdict} the 1.5x target), "
            f"{wall:.2f}x wall-clock"
        )
    return results, ratio, corpus_mb, equal


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="~200 KB corpus, M up to 1,000")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)

    results, ratio, corpus_mb, equal = run(args.quick)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "linker": [asdict(r) for r in results],
        "ratio_10000_vs_20": ratio,
        "corpus_mb": corpus_mb,
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    if not equal:
        print("error: the real-entity mentions differ between glossary sizes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
