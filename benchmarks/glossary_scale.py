"""Build time and peak memory of a book whose glossary carries real facts, at 27 to 5,000 entries.

The other benchmarks grow the glossary with entries that carry names only. A growing glossary
(and what ``briefing candidates --write`` produces once edited) carries what the schema allows:
coordinates and ISO codes for places, dates and positions for people, dates, places and
participants for events, parties for agreements, and one or two relations each. Those are what
the at-a-glance page draws (timeline, locator map, relationship graph), so this script measures
the build of such books.

Everything is deterministic (fixed seeds):

* **Glossary** (:func:`glossary_files`): the real entries (``docs/glossary/entries``), then
  synthetic ones up to M: about a third people, a quarter places, and organizations, events
  and agreements, each with Arabic-looking names (``benchmarks/linker.py``; never found in
  the seed text) and a Latin English name, aliases, descriptions and facts that refer only
  to entries of the right type (so the glossary loads without a problem): places with
  ``lat``/``lon`` (clustered, as a book's places are), countries with real ISO codes, people
  with a country, birth date and positions, organizations with a founding date, events with
  dates, a place and participants, agreements with dates and parties, and 1-2
  ``[[relations]]`` (some dated).
* **Articles** (:func:`articles`): the recombined seed articles of ``benchmarks/corpus.py``
  (which mention the real entries), each followed by a few paragraphs naming synthetic
  entries drawn with a Zipf-like weight, so a few entries are mentioned often, many rarely
  and most never, as in a real book.

Each size is built once from scratch (``sphinx-build -b html -D briefing_pdf_in_html=0``,
serial, fresh output, doctree and machine-wide cache directories), and the script checks
that every page was written (the landing page, the at-a-glance page, every glossary page and
every article). It prints a table of wall time, CPU time, peak resident memory and the
at-a-glance page's size, the slope (seconds and MB per 1,000 entries), and the targets of
issue #22:

* 1,000 entries: at most 60 s more than 27 entries; at most 180 s and 2 GB;
* 5,000 entries: at most 5 minutes.

Usage::

    python benchmarks/glossary_scale.py                      # M = 27, 200, 1,000, 5,000
    python benchmarks/glossary_scale.py --sizes 27,200,1000 --articles 20
    python benchmarks/glossary_scale.py --work /tmp/scale --json /tmp/scale.json

A build that runs longer than ``--timeout`` seconds is stopped and reported as unfinished.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import corpus
from linker import readings, synthetic_entry

from sphinx_briefing import glossary
from sphinx_briefing.text import article
from sphinx_briefing.text.normalise import fold_text

OUTLINES = corpus.REPO / "ext" / "sphinx_briefing" / "data" / "world" / "outlines.json"
DEFAULT_WORK = corpus.REPO / "build" / "bench" / "glossary-scale"
DEFAULT_JSON = corpus.REPO / "build" / "bench" / "glossary_scale.json"
SIZES = (27, 200, 1_000, 5_000)
ARTICLES = 20
SEED_ENTRIES = 22022
SEED_MENTIONS = 22023
NO_PDF = ("-D", "briefing_pdf_in_html=0")
TIMEOUT_S = 1_800.0
#: Issue #22's targets on 2 cores.
TARGETS = {
    "extra_s_at_1000_vs_27": 60.0,
    "wall_s_at_1000": 180.0,
    "peak_rss_mb_at_1000": 2048.0,
    "wall_s_at_5000": 300.0,
}

#: Share of the synthetic entries by type (the rest are people).
TYPE_SHARES = (("place", 0.27), ("organization", 0.16), ("event", 0.14), ("agreement", 0.08))
#: Regions the synthetic places cluster in: (lat, lon, spread in degrees).
REGIONS = ((40.0, 127.0, 3.0), (55.0, 37.0, 6.0), (37.5, 139.0, 4.0), (48.5, 31.0, 5.0))
PLACE_KINDS = ("city", "city", "city", "capital", "region", "zone")
ORGANIZATION_KINDS = ("news-agency", "government", "ministry", "military", "party", "company")
SYLLABLES = ("ka", "ro", "min", "sa", "lev", "to", "dan", "ri", "vo", "na", "gor", "shi", "el")
#: Sentences that name synthetic entries in the articles ({0}, {1}: two names).
MENTION_SENTENCES = (
    "وقال {0} إن المحادثات مع {1} تناولت التعاون في مجالات عدة.",
    "وأشارت التقارير إلى أن {0} و{1} ناقشا الوضع في المنطقة.",
    "وذكرت مصادر مطلعة أن {0} سيزور {1} الشهر المقبل.",
    "وأكد {0} أن العلاقات مع {1} تشهد تطورًا ملحوظًا.",
)


# --- the glossary --------------------------------------------------------------------------


def _latin_name(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(rng.randint(1, 3))
    ]
    return " ".join(words)


def _date(rng: random.Random, first: int = 1950, last: int = 2025) -> str:
    """A date at year, month or day precision."""
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.2:
        return f"{year}"
    if precision < 0.45:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _after(rng: random.Random, start: str, days: int) -> str:
    """A day-precision date up to ``days`` after ``start`` (itself at any precision)."""
    year = int(start[:4])
    month = int(start[5:7]) if len(start) >= 7 else 12
    day = int(start[8:10]) if len(start) == 10 else 28
    ordinal = datetime.date(year, month, day).toordinal() + rng.randint(1, days)
    return datetime.date.fromordinal(ordinal).isoformat()


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _strings(texts: Sequence[str]) -> str:
    return "[" + ", ".join(_string(t) for t in texts) + "]"


@dataclass
class Synthetic:
    """One made-up entry before it is written as TOML."""

    id: str
    type: str
    names: list[str]  # Arabic headword, then aliases
    english: str


def _plan(size: int, real: int, seen: set[str], rng: random.Random) -> list[Synthetic]:
    """Ids, types and names of the synthetic entries (facts come after: they refer to these)."""
    planned: list[Synthetic] = []
    # Folded names already taken (Arabic and English): no alias is claimed twice.
    used: set[str] = set()
    for number in range(1, size - real + 1):
        roll = rng.random()
        kind = "person"
        for candidate, share in TYPE_SHARES:
            if roll < share:
                kind = candidate
                break
            roll -= share
        while True:
            aliases = synthetic_entry(rng, number, seen)
            names = [a.text for a in aliases if a.kind == "name"]
            names = [n for n in names if glossary.alias_refusal(n) is None]
            english = _latin_name(rng)
            keys = {fold_text(n) for n in [*names, english]}
            if len(names) >= 2 and not used & keys:
                break
        used.update(keys)
        planned.append(Synthetic(f"{kind}-{number:05d}", kind, names, english))
    return planned


def _relation(kind: str, target: str, date: str | None = None) -> list[str]:
    lines = ["", "[[relations]]", f'type = "{kind}"', f'target = "{target}"']
    if date:
        lines.append(f'date = "{date}"')
    return lines


def _entry_toml(
    entry: Synthetic, by_type: dict[str, list[str]], isos: list[str], rng: random.Random
) -> str:
    """One synthetic entry with the facts its type allows, as TOML."""
    number = int(entry.id.rsplit("-", 1)[1])
    lines = [
        f'id = "{entry.id}"',
        f'type = "{entry.type}"',
        "",
        "[names]",
        f"ar = {_string(entry.names[0])}",
        f"en = {_string(entry.english)}",
        "",
        "[aliases]",
        f"ar = {_strings(entry.names[1:])}",
        "",
        "[description]",
        f"short_ar = {_string(f'كيان مصطنع رقم {number} بوقائع كاملة لقياس الأداء.')}",
        f'short_en = "Made-up entry number {number}, with facts, for benchmarks."',
        "",
    ]
    relations: list[str] = []

    def pick(kind: str) -> str:
        return rng.choice(by_type[kind])

    if entry.type == "place":
        lat0, lon0, spread = rng.choice(REGIONS)
        lat = round(max(-89.0, min(89.0, rng.gauss(lat0, spread))), 4)
        lon = round(max(-179.0, min(179.0, rng.gauss(lon0, spread))), 4)
        country = bool(isos) and rng.random() < 0.12
        lines += ["[place]", f'kind = "{"country" if country else rng.choice(PLACE_KINDS)}"']
        if country:
            lines.append(f'iso = "{isos.pop()}"')
        else:
            country_id = pick("country")
            lines.append(f'country = "{country_id}"')
            relations += _relation("located-in", country_id)
        lines += [f"lat = {lat}", f"lon = {lon}"]
        if rng.random() < 0.3:
            relations += _relation("borders", pick("place"))
    elif entry.type == "person":
        lines += [
            "[person]",
            f'born = "{_date(rng, 1940, 1990)}"',
            f'country = "{pick("country")}"',
        ]
        for index in range(rng.randint(1, 2)):
            start = _date(rng, 1990, 2024)
            lines += [
                "",
                "[[person.positions]]",
                f"title_ar = {_string(f'منصب رقم {index + 1} للكيان {number}')}",
                f'title_en = "Position {index + 1} of entry {number}"',
                f'organization = "{pick("organization")}"',
                f'start = "{start}"',
            ]
            if index:
                lines.append(f'end = "{_after(rng, start, 2000)}"')
        relations += _relation("met", pick("person"), _date(rng, 2015, 2025))
        if rng.random() < 0.5:
            relations += _relation("member-of", pick("organization"))
    elif entry.type == "organization":
        lines += [
            "[organization]",
            f'kind = "{rng.choice(ORGANIZATION_KINDS)}"',
            f'country = "{pick("country")}"',
            f'founded = "{_date(rng, 1945, 2020)}"',
        ]
        relations += _relation("part-of", pick("organization"))
    elif entry.type == "event":
        start = _date(rng, 2000, 2025)
        participants = sorted({pick("person") for _ in range(rng.randint(1, 3))})
        participants += [pick("country")]
        lines += [
            "[event]",
            f'start = "{start}"',
            f'end = "{_after(rng, start, 30)}"',
            f'place = "{pick("place")}"',
            f"participants = {_strings(sorted(set(participants)))}",
        ]
        relations += _relation("reported-by", pick("organization"), start)
    else:  # agreement
        signed = _date(rng, 1990, 2024)
        parties = sorted({pick("country") for _ in range(2)})
        lines += [
            "[agreement]",
            f'signed = "{signed}"',
            f'in_force = "{_after(rng, signed, 400)}"',
            f'signed_at = "{pick("place")}"',
            f"parties = {_strings(parties)}",
        ]
        if rng.random() < 0.5:
            relations += _relation("part-of", pick("agreement"))
    lines += relations
    return "\n".join(lines) + "\n"


def glossary_files(size: int, texts: Sequence[str]) -> tuple[dict[str, str], list[Synthetic]]:
    """File name → TOML of an M-entry glossary with facts (the real entries first), and the
    synthetic entries (their names go into the articles)."""
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(corpus.ENTRIES.glob("*.toml"))}
    real = glossary.load(corpus.ENTRIES)
    rng = random.Random(SEED_ENTRIES)
    seen = readings(line for text in texts for line in text.splitlines())
    planned = _plan(size, len(files), seen, rng)
    by_type: dict[str, list[str]] = {}
    for entry in real.entries.values():
        kind = entry.type
        if kind == "place" and entry.data["place"].get("kind") == "country":
            by_type.setdefault("country", []).append(entry.id)
        by_type.setdefault(kind, []).append(entry.id)
    for key in by_type:
        by_type[key].sort()
    # Real ISO codes the real glossary does not use: countries of the synthetic world.
    outlines = json.loads(
        (corpus.REPO / "ext/sphinx_briefing/data/world/outlines.json").read_text()
    )
    taken = {str(e.data["place"].get("iso")) for e in real.of_type("place")}
    isos = sorted(set(outlines["layers"][0]["countries"]) - taken, reverse=True)
    # Facts refer to entries planned so far and the real ones (any type, shuffled in).
    for entry in planned:
        files[f"{entry.id}.toml"] = _entry_toml(entry, by_type, isos, rng)
        by_type.setdefault(entry.type, []).append(entry.id)
        if 'kind = "country"' in files[f"{entry.id}.toml"]:
            by_type["country"].append(entry.id)
    return files, planned


# --- the articles --------------------------------------------------------------------------


def articles(texts: Sequence[str], planned: Sequence[Synthetic]) -> list[str]:
    """The recombined seed articles ``texts``, each followed by paragraphs that name synthetic
    entries (Zipf-like: the k-th entry is drawn with weight 1/k)."""
    if not planned:
        return list(texts)
    rng = random.Random(SEED_MENTIONS)
    order = list(planned)
    rng.shuffle(order)
    weights = [1 / (k + 1) for k in range(len(order))]
    out = []
    for text in texts:
        lines = [text.rstrip("\n")]
        for _ in range(rng.randint(3, 8)):
            first, second = rng.choices(order, weights, k=2)
            sentence = rng.choice(MENTION_SENTENCES)
            lines.append(sentence.format(rng.choice(first.names), rng.choice(second.names)))
        joined = "\n".join(lines) + "\n"
        parsed = article.parse(joined)
        if parsed.headline is None:
            raise SystemExit("error: a generated article lost its headline")
        out.append(joined)
    return out


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Result:
    """One build of one glossary size."""

    entries: int
    articles: int
    finished: bool
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    pages: int = 0
    every_page_written: bool = False
    glance_kb: float = 0.0
    problem: str = ""


def _build(src: Path, out: Path, timeout: float) -> tuple[bool, float, float, float, str]:
    """sphinx-build into fresh directories (and a fresh machine-wide cache): finished, wall,
    CPU, peak MB of the process tree, and the tail of its warnings if it failed."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    command = [
        *(sys.executable, "-m", "sphinx", "-q", "-b", "html", *NO_PDF),
        *("-d", str(out / ".doctrees"), str(src), str(out / "html")),
    ]
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(out / "cache"))
    log = out / "build.log"
    with log.open("w", encoding="utf-8") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=env, start_new_session=True
        )
        finished = True
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                finished = False
                break
            time.sleep(0.2)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    problem = ""
    if finished and code != 0:
        finished = False
        problem = log.read_text(encoding="utf-8")[-2000:]
    elif not finished:
        problem = f"stopped after {timeout:.0f} s"
    # Linux reports ru_maxrss in KiB.
    return finished, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, problem


def _pages_written(src: Path, html: Path) -> tuple[int, bool]:
    """How many pages were written, and whether every source document has its page."""
    sources = [
        p.relative_to(src).with_suffix(".html")
        for p in src.rglob("*")
        if p.suffix in (".md", ".rst", ".txt")
        and "entries" not in p.parts
        and not p.name.startswith(("README", "."))
    ]
    written = sum(1 for _ in html.rglob("*.html"))
    return written, all((html / p).is_file() for p in sources)


def measure(entries: int, count: int, work: Path, timeout: float) -> Result:
    """Generate and build the book with ``entries`` entries and ``count`` articles."""
    seed_text = corpus.SEED.read_text(encoding="utf-8")
    base = corpus.make_corpus(count, seed_text, glossary.load(corpus.ENTRIES))
    files, planned = glossary_files(entries, base)
    texts = articles(base, planned)
    loaded_dir = Path(tempfile.mkdtemp(prefix="glossary-", dir=work))
    for name, text in files.items():
        (loaded_dir / name).write_text(text, encoding="utf-8")
    problems = glossary.load(loaded_dir).problems
    shutil.rmtree(loaded_dir)
    if problems:
        raise SystemExit(f"error: the generated glossary has problems: {problems[:3]}")
    src = corpus.write_book(work / f"src-{entries}", texts, files)
    out = work / f"out-{entries}"
    finished, wall, cpu, peak, problem = _build(src, out, timeout)
    result = Result(entries, count, finished, wall, cpu, peak, problem=problem)
    html = out / "html"
    if finished:
        result.pages, result.every_page_written = _pages_written(src, html)
        glance = html / "glance.html"
        result.glance_kb = glance.stat().st_size / 1e3 if glance.is_file() else 0.0
        result.every_page_written &= (html / "index.html").is_file() and glance.is_file()
    return result


def slope(results: Sequence[Result], field: str) -> float | None:
    """Least-squares slope of ``field`` per 1,000 entries over the finished builds."""
    points = [(r.entries / 1000, getattr(r, field)) for r in results if r.finished]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def verdicts(results: Sequence[Result]) -> dict[str, bool | None]:
    """Issue #22's targets (None: the sizes they need were not measured)."""
    by = {r.entries: r for r in results}
    out: dict[str, bool | None] = dict.fromkeys(TARGETS)
    if 1000 in by:
        big = by[1000]
        ok = big.finished and big.every_page_written
        if 27 in by and by[27].finished:
            out["extra_s_at_1000_vs_27"] = ok and (
                big.wall_s - by[27].wall_s <= TARGETS["extra_s_at_1000_vs_27"]
            )
        out["wall_s_at_1000"] = ok and big.wall_s <= TARGETS["wall_s_at_1000"]
        out["peak_rss_mb_at_1000"] = ok and big.peak_rss_mb <= TARGETS["peak_rss_mb_at_1000"]
    if 5000 in by:
        huge = by[5000]
        out["wall_s_at_5000"] = (
            huge.finished and huge.every_page_written and huge.wall_s <= TARGETS["wall_s_at_5000"]
        )
    return out


def table(results: Sequence[Result]) -> str:
    """The results as a plain-text table."""
    rows = [
        f"{'entries':>7} {'articles':>8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} "
        f"{'pages':>6} {'all written':>11} {'glance KB':>9}"
    ]
    for r in results:
        if not r.finished:
            rows.append(f"{r.entries:>7,} {r.articles:>8} {'—':>8} unfinished: {r.problem[:60]}")
            continue
        rows.append(
            f"{r.entries:>7,} {r.articles:>8} {r.wall_s:>8.1f} {r.cpu_s:>8.1f} "
            f"{r.peak_rss_mb:>8.0f} {r.pages:>6} {'yes' if r.every_page_written else 'NO':>11} "
            f"{r.glance_kb:>9.0f}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda t: tuple(int(s) for s in t.split(",")),
        default=SIZES,
        help="glossary sizes, comma-separated (at least 27: the real entries)",
    )
    parser.add_argument("--articles", type=int, default=ARTICLES, help="articles in the book")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per build")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where books are built")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = []
    for size in args.sizes:
        print(f"{size:,} glossary entries, {args.articles} articles", flush=True)
        result = measure(size, args.articles, args.work, args.timeout)
        state = f"{result.wall_s:.1f} s, {result.peak_rss_mb:.0f} MB"
        print(f"  {state}" if result.finished else f"  unfinished: {result.problem}", flush=True)
        results.append(result)
    seconds, memory = slope(results, "wall_s"), slope(results, "peak_rss_mb")
    meets = verdicts(results)
    print()
    print(table(results))
    if seconds is not None and memory is not None:
        print(f"slope: {seconds:.1f} s and {memory:.0f} MB per 1,000 entries")
    for name, ok in meets.items():
        state = "not measured" if ok is None else ("met" if ok else "MISSED")
        print(f"target {name} ≤ {TARGETS[name]:g}: {state}")
    elapsed = time.perf_counter() - started
    print(f"whole run: {elapsed / 60:.1f} min")
    report = {
        "results": [asdict(r) for r in results],
        "slope_s_per_1000_entries": seconds,
        "slope_mb_per_1000_entries": memory,
        "targets": TARGETS,
        "meets": meets,
        "elapsed_s": elapsed,
        "cpus": os.cpu_count(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
