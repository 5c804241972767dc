"""Size of the search index and speed of a search, with the Arabic search language.

For N generated articles (N = 100 and 1,000; ``--quick``: N = 20) the script builds a
temporary book twice, serially (no ``-j``) and quietly (``-q``):

* **ours**: the project as configured (``language = "ar"``, the extension's
  ``SearchArabic``, which indexes every proclitic reading of every word, names whole,
  numbers, dates and months);
* **baseline**: the same project with ``-D html_search_language=en``, Sphinx's default
  English rules, which is what a stock Sphinx build of Arabic text gives. It is built
  without the sidebar navigation (``-c`` with a conf.py that runs the book's and sets
  ``html_sidebars``): the sidebar lists every article on every page, which makes writing
  the pages O(N²), and it does not change ``searchindex.js``. ``--quick`` also builds the
  baseline as configured and checks that both indexes are byte-for-byte the same.

Neither build writes the PDF (``-D briefing_pdf_in_html=0``): it touches no search data.

It reports the size of ``searchindex.js`` for both, their ratio (target: at most 1.3), the
bytes per article, and the size of the extension's extra search data
(``_static/briefing/search/``: the entity script and one paragraph script per article).
For the full run it also opens ``search.html?q=...`` in headless Chromium and measures
(median of 5 runs) from the query's start (``search.js`` marks ``briefing-search-start``
once the page and the index are loaded): the **answer**, until every result is shown,
ranked, with the status line (``briefing-search-shown``; targets: 100 ms at 100 articles,
500 ms at 1,000), and until the paragraph hits of the first 20 results are listed too (one
script request each); and from navigation start, until the page is complete. The queries
include typos (``لافرف``, ``Pyongyng``) and a month with a year (``يوليو 2025``). The
corpus is made by ``corpus.py``; an article the reader does not parse as intended is
replaced by the next one generated (and reported).

Everything is deterministic (fixed seed). The corpus recombines the seed article's
headings, sentences and list items (headline, dateline, sections of paragraphs, sometimes
a list) in a varied order, and varies a few words: names of people, capitals and
countries are swapped for other glossary names of the same kind (in any of their
spellings, so «بيونج يانج» occurs too), some words get a proclitic و, numbers change, and a
few names are followed by their English form (``(Sergey Lavrov)``).

Usage::

    python benchmarks/search.py [--quick] [--sizes N[,N...]] [--json PATH]

``--sizes`` replaces the default sizes (``--sizes 100``: build and time N = 100 only);
queries are timed at every size unless ``--quick`` is given.

The projects are written to ``build/bench/search-N/`` (``src``, ``html-ar``, ``html-en``).
The full run takes far longer than the quick one: see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import corpus

from sphinx_briefing import glossary

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
DOCS = REPO / "docs"
BENCH = REPO / "build" / "bench"
DEFAULT_JSON = BENCH / "search.json"

SIZES = (100, 1_000)
QUICK_SIZES = (20,)
QUERIES = ("موسكو", "Lavrov", "بيونج يانج", "لافرف", "Pyongyng", "يوليو 2025")
RUNS = 5
#: The paragraph-hit lists are complete once none has been added for this long.
QUIET_MS = 300
#: Give up on one search after this long.
QUERY_TIMEOUT_MS = 180_000
TARGET_RATIO = 1.3
#: Most ms from the query's start to a complete result page, by number of articles.
TARGET_ANSWER_MS = {100: 100.0, 1_000: 500.0}

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: The baseline's conf.py (used with ``-c``): the book's own, without the sidebar. The
#: sidebar lists every article on every page, which makes writing the pages O(N²) (most of
#: the build time at N = 1,000); it does not change ``searchindex.js``, the only output the
#: baseline is built for. ``--quick`` checks that the index is byte-for-byte the same.
BASELINE_CONF = """# Written by benchmarks/search.py: the book's conf.py, without the sidebar.
from pathlib import Path

exec(compile(Path({conf!r}).read_text(encoding="utf-8"), {conf!r}, "exec"))
html_sidebars = {{"**": []}}
"""
BASELINE = ("-D", "html_search_language=en")
#: Every build: no PDF with the HTML (``briefing_pdf_in_html``). It is a separate process at
#: the end of the build that touches no search data, and at N = 1,000 it takes minutes and
#: gigabytes.
NO_PDF = ("-D", "briefing_pdf_in_html=0")

#: Records the time of the first result, of the status line and of every paragraph-hit
#: list (and list of matching entries under a glossary page), from navigation start
#: (``performance.now()``), before any of the page's scripts run.
PROBE = """
(() => {
  const bench = (window.__bench = {
    summary: null, first: null, last: null, lists: 0, entry_lists: 0,
  });
  const summary = () => document.querySelector("#search-results .search-summary");
  new MutationObserver((changes) => {
    const now = performance.now();
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(".briefing-search-paragraphs")) {
          bench.last = now;
          if (node.matches(".briefing-search-entries")) bench.entry_lists += 1;
          else bench.lists += 1;
        } else if (bench.first === null && node.matches("#search-results ul.search > li")) {
          bench.first = now;
        }
      }
    }
    if (bench.summary === null && summary() && summary().textContent.trim()) {
      bench.summary = now;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();
"""
SETTLED = (
    "() => window.__bench && window.__bench.summary !== null && performance.now()"
    f" - Math.max(window.__bench.summary, window.__bench.last || 0) >= {QUIET_MS}"
)
DONE_AT = "() => Math.max(window.__bench.summary, window.__bench.last || 0)"
FIRST_AT = "() => window.__bench.first"
#: When search.js started the query (the page and the index loaded) and when it had shown
#: every result and the status line, from navigation start (its performance marks).
MARKS = (
    "() => ['briefing-search-start', 'briefing-search-shown'].map(name =>"
    " (performance.getEntriesByName(name)[0] || {startTime: null}).startTime)"
)
#: Requests counted per run: article and other pages fetched (Sphinx's summaries) and
#: per-article paragraph scripts (``entities.js`` is not one).
PAGE_FETCH = re.compile(r"\.html(?:[?#].*)?$")
PARAGRAPH_SCRIPT = re.compile(r"/_static/briefing/search/(?!entities\.js)[^/]+\.js$")


@dataclass
class Result:
    """One row of the table (and of the JSON)."""

    articles: int
    index_bytes: int
    baseline_index_bytes: int
    ratio: float
    bytes_per_article: float
    extra_data_bytes: int
    #: Median ms from navigation start to a complete result page, per query (or None).
    query_ms: dict[str, float] | None
    #: Median ms from navigation start to the first result shown, per query (or None).
    query_first_ms: dict[str, float] | None = None
    #: Median ms from the query's start (page and index loaded) until every result is shown,
    #: ranked, with the status line: the answer (targets: TARGET_ANSWER_MS).
    answer_ms: dict[str, float] | None = None
    #: Median ms from the query's start until the paragraph hits of the first 20 results are
    #: listed too (19 or 20 script requests).
    complete_ms: dict[str, float] | None = None
    baseline_bytes_per_article: float = 0.0
    #: Of ``extra_data_bytes``: ``entities.js``, loaded with every search page.
    entities_bytes: int = 0
    index_gzip_bytes: int = 0
    baseline_index_gzip_bytes: int = 0
    #: Bytes of each top-level key of the index (serialised as Sphinx does).
    index_parts: dict[str, int] = field(default_factory=dict)
    baseline_index_parts: dict[str, int] = field(default_factory=dict)
    #: Distinct keys in ``terms`` and document ids over all their postings.
    terms: int = 0
    baseline_terms: int = 0
    postings: int = 0
    baseline_postings: int = 0
    build_s: float = 0.0
    baseline_build_s: float = 0.0
    #: Of the last timed run of each query: results, paragraph-hit lists, paragraph
    #: scripts loaded and HTML pages fetched (after the search page itself).
    query_hits: dict[str, dict[str, int]] | None = None
    #: Whether the baseline without sidebar has the same searchindex.js as the one with
    #: (checked with ``--quick`` only; None when not checked).
    baseline_shortcut_identical: bool | None = None


# --- corpus (benchmarks/corpus.py) -----------------------------------------------------


def make_texts(count: int, seed_text: str, loaded: glossary.Glossary) -> list[str]:
    """``corpus.make_corpus``, except that an article the reader does not parse into the
    intended structure is replaced by the next one generated (and reported), so that a change
    in the reader's heuristics does not stop the search benchmark."""
    rng = random.Random(corpus.SEED_CORPUS)
    parts = corpus.seed_parts(seed_text)
    vary = corpus.Varier(loaded, rng)
    texts: list[str] = []
    skipped = 0
    while len(texts) < count:
        text, kinds = corpus.make_article(parts, vary, rng)
        if [block.kind for block in corpus.article.parse(text).blocks] == kinds:
            texts.append(text)
        else:
            skipped += 1
    if skipped:
        print(
            f"N={count}: {skipped} generated articles parsed otherwise: replaced", file=sys.stderr
        )
    return texts


def write_project(root: Path, texts: Sequence[str]) -> Path:
    """A fresh copy of the book with ``texts`` as its articles; returns the source dir."""
    if root.exists():
        shutil.rmtree(root)
    return corpus.write_book(root / "src", texts, corpus.glossary_files(0, texts))


# --- building and measuring sizes -------------------------------------------------------


def baseline_confdir(root: Path, src: Path) -> Path:
    """A conf directory for the baseline: the book's conf.py, minus the sidebar navigation."""
    confdir = root / "conf-baseline"
    confdir.mkdir(parents=True, exist_ok=True)
    conf = str(src / "conf.py")
    (confdir / "conf.py").write_text(BASELINE_CONF.format(conf=conf), encoding="utf-8")
    return confdir


def build(src: Path, out: Path, doctrees: Path, *options: str) -> float:
    """Build ``src`` into ``out`` serially and quietly; wall seconds."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", *NO_PDF, *options]
    command += ["-d", str(doctrees), str(src), str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"error: {' '.join(command)} failed:\n{result.stderr}")
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    if warnings:
        print(f"{out.name}: {len(warnings)} warnings, e.g. {warnings[0]}", file=sys.stderr)
    return elapsed


def load_index(path: Path) -> dict[str, Any]:
    """The object inside ``Search.setIndex(...)``."""
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return data


def parts_of(index: dict[str, Any]) -> dict[str, int]:
    """Bytes of each top-level key, serialised as Sphinx does (ASCII, no spaces)."""
    return {
        name: len(json.dumps(value, separators=(",", ":"), sort_keys=True))
        for name, value in sorted(index.items())
    }


def postings(terms: dict[str, int | list[int]]) -> int:
    """Document ids over all terms (a term in one document is stored as a bare int)."""
    return sum(1 if isinstance(v, int) else len(v) for v in terms.values())


def tree_bytes(directory: Path) -> int:
    """Total size of the files under ``directory``."""
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


# --- timing searches --------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class QueryTimes:
    """Per query: median ms to a complete page and to the first result, and what it showed."""

    done_ms: dict[str, float] = field(default_factory=dict)
    first_ms: dict[str, float] = field(default_factory=dict)
    #: From the query's start (``briefing-search-start``) to every result shown, and to a
    #: complete page.
    answer_ms: dict[str, float] = field(default_factory=dict)
    complete_ms: dict[str, float] = field(default_factory=dict)
    hits: dict[str, dict[str, int]] = field(default_factory=dict)


def time_queries(out: Path, queries: Sequence[str]) -> QueryTimes:
    """Median ms per query until the result page is complete, and what it showed.

    Every run uses a fresh browser context (cold cache) and the default 1280×720 viewport,
    without scrolling. One untimed run first warms up the browser and the server.
    """
    from playwright.sync_api import Request, sync_playwright

    times = QueryTimes()
    with serve(out) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:

            def run(query: str) -> tuple[float, float, float, float, dict[str, int]]:
                context = browser.new_context(viewport={"width": 1280, "height": 720})
                counts = {"paragraph_scripts": 0, "page_fetches": 0}

                def count(request: Request) -> None:
                    path = request.url.removeprefix(base)
                    if PARAGRAPH_SCRIPT.search("/" + path):
                        counts["paragraph_scripts"] += 1
                    elif PAGE_FETCH.search(path) and not path.startswith("search.html"):
                        counts["page_fetches"] += 1

                try:
                    context.add_init_script(PROBE)
                    page = context.new_page()
                    page.on("request", count)
                    page.goto(f"{base}search.html?q={quote(query)}", wait_until="commit")
                    page.wait_for_function(SETTLED, polling=50, timeout=QUERY_TIMEOUT_MS)
                    done = float(page.evaluate(DONE_AT))
                    first = page.evaluate(FIRST_AT)
                    start, shown_at = page.evaluate(MARKS)
                    shown = page.evaluate(
                        "() => ({results: document.querySelectorAll("
                        "'#search-results ul.search > li').length,"
                        " paragraph_lists: window.__bench.lists,"
                        " entry_lists: window.__bench.entry_lists})"
                    )
                    hits = {k: int(v) for k, v in shown.items()} | counts
                    first_ms = float(first if first is not None else done)
                    if start is None or shown_at is None:
                        answer = complete = float("nan")
                    else:
                        answer, complete = float(shown_at) - start, done - float(start)
                    return done, first_ms, answer, complete, hits
                finally:
                    context.close()

            run(queries[-1])
            for query in queries:
                done_times, first_times, answer_times, complete_times = [], [], [], []
                for _ in range(RUNS):
                    done, first, answer, complete, times.hits[query] = run(query)
                    done_times.append(done)
                    first_times.append(first)
                    answer_times.append(answer)
                    complete_times.append(complete)
                times.done_ms[query] = statistics.median(done_times)
                times.first_ms[query] = statistics.median(first_times)
                times.answer_ms[query] = statistics.median(answer_times)
                times.complete_ms[query] = statistics.median(complete_times)
                print(
                    f"  q={query}: {', '.join(f'{t:.0f}' for t in done_times)} ms"
                    f" (first result: {', '.join(f'{t:.0f}' for t in first_times)} ms;"
                    f" answer: {', '.join(f'{t:.0f}' for t in answer_times)} ms;"
                    f" with ¶: {', '.join(f'{t:.0f}' for t in complete_times)} ms)",
                    file=sys.stderr,
                )
        finally:
            browser.close()
    return times


# --- the benchmark ----------------------------------------------------------------------


def measure(
    count: int,
    seed_text: str,
    loaded: glossary.Glossary,
    queries: bool,
    check_baseline: bool = False,
) -> Result:
    """Generate, build twice, measure sizes (and, if asked, query times) for N=count.

    ``check_baseline`` also builds the baseline with the sidebar, as configured, and
    compares the two ``searchindex.js``.
    """
    root = BENCH / f"search-{count}"
    start = time.perf_counter()
    src = write_project(root, make_texts(count, seed_text, loaded))
    print(f"N={count}: corpus written in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    ours, baseline = root / "html-ar", root / "html-en"
    build_s = build(src, ours, root / "doctrees-ar")
    print(f"N={count}: built (ar) in {build_s:.1f} s", file=sys.stderr)
    confdir = baseline_confdir(root, src)
    baseline_s = build(src, baseline, root / "doctrees-en", *BASELINE, "-c", str(confdir))
    print(f"N={count}: built (en, no sidebar) in {baseline_s:.1f} s", file=sys.stderr)
    identical = None
    if check_baseline:
        full = root / "html-en-full"
        full_s = build(src, full, root / "doctrees-en-full", *BASELINE)
        print(f"N={count}: built (en, as configured) in {full_s:.1f} s", file=sys.stderr)
        identical = (full / "searchindex.js").read_bytes() == (
            baseline / "searchindex.js"
        ).read_bytes()

    index_file, baseline_file = ours / "searchindex.js", baseline / "searchindex.js"
    index, baseline_index = load_index(index_file), load_index(baseline_file)
    size, baseline_size = index_file.stat().st_size, baseline_file.stat().st_size
    timed = time_queries(ours, QUERIES) if queries else None
    return Result(
        articles=count,
        index_bytes=size,
        baseline_index_bytes=baseline_size,
        ratio=size / baseline_size,
        bytes_per_article=size / count,
        extra_data_bytes=tree_bytes(ours / "_static" / "briefing" / "search"),
        entities_bytes=(ours / "_static" / "briefing" / "search" / "entities.js").stat().st_size,
        query_ms=timed.done_ms if timed else None,
        query_first_ms=timed.first_ms if timed else None,
        answer_ms=timed.answer_ms if timed else None,
        complete_ms=timed.complete_ms if timed else None,
        baseline_bytes_per_article=baseline_size / count,
        index_gzip_bytes=len(gzip.compress(index_file.read_bytes(), 9)),
        baseline_index_gzip_bytes=len(gzip.compress(baseline_file.read_bytes(), 9)),
        index_parts=parts_of(index),
        baseline_index_parts=parts_of(baseline_index),
        terms=len(index["terms"]),
        baseline_terms=len(baseline_index["terms"]),
        postings=postings(index["terms"]),
        baseline_postings=postings(baseline_index["terms"]),
        build_s=build_s,
        baseline_build_s=baseline_s,
        query_hits=timed.hits if timed else None,
        baseline_shortcut_identical=identical,
    )


def table(results: Sequence[Result]) -> str:
    """The results as a plain-text table, then the query times."""
    rows = [
        f"{'articles':>8} {'index B':>11} {'baseline B':>11} {'ratio':>6} {'B/article':>10} "
        f"{'extra B':>11} {'gzip ratio':>10} {'terms':>7} {'base terms':>10} "
        f"{'build s':>8} {'base s*':>7}"
    ]
    for r in results:
        gzip_ratio = r.index_gzip_bytes / r.baseline_index_gzip_bytes
        rows.append(
            f"{r.articles:>8,} {r.index_bytes:>11,} {r.baseline_index_bytes:>11,} "
            f"{r.ratio:>6.2f} {r.bytes_per_article:>10,.0f} {r.extra_data_bytes:>11,} "
            f"{gzip_ratio:>10.2f} {r.terms:>7,} {r.baseline_terms:>10,} "
            f"{r.build_s:>8.1f} {r.baseline_build_s:>7.1f}"
        )
    rows.append(
        "B = bytes of searchindex.js; extra = _static/briefing/search/ (entities.js + one "
        "script per article); gzip ratio = the same ratio after gzip -9; terms = keys in "
        "'terms'; * the baseline is built without the sidebar"
    )
    for r in results:
        if r.query_ms is None:
            continue
        target = TARGET_ANSWER_MS.get(r.articles)
        rows.append(
            f"query at N={r.articles:,} (median of {RUNS}): answer = ms from the query's start"
            f" to every result shown{f' (target {target:,.0f})' if target else ''}; with ¶ = to"
            " the paragraph hits of the first 20 too; page = ms from navigation start to both"
        )
        for query, ms in r.query_ms.items():
            shown = (r.query_hits or {}).get(query, {})
            first = (r.query_first_ms or {}).get(query, ms)
            answer = (r.answer_ms or {}).get(query, float("nan"))
            complete = (r.complete_ms or {}).get(query, float("nan"))
            rows.append(
                f"  {query}: answer {answer:,.0f} ms, with ¶ {complete:,.0f} ms, "
                f"page {ms:,.0f} ms, first result {first:,.0f} ms "
                f"({shown.get('results', 0):,} results, "
                f"{shown.get('paragraph_lists', 0):,} with paragraph hits, "
                f"{shown.get('entry_lists', 0):,} with entries; loaded "
                f"{shown.get('paragraph_scripts', 0):,} paragraph scripts, "
                f"{shown.get('page_fetches', 0):,} pages)"
            )
    return "\n".join(rows)


def sizes_arg(text: str) -> tuple[int, ...]:
    """``--sizes``: positive article counts, comma-separated."""
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be at least 1: {text!r}")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 20 only, no browser")
    parser.add_argument(
        "--sizes",
        type=sizes_arg,
        default=None,
        help="comma-separated article counts instead of the default (e.g. 100)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)

    loaded = glossary.load(DOCS / "glossary" / "entries")
    if loaded.problems:
        print(f"warning: {len(loaded.problems)} glossary problems", file=sys.stderr)
    seed_text = SEED.read_text(encoding="utf-8")
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    start = time.perf_counter()
    results = [
        measure(
            n,
            seed_text,
            loaded,
            queries=not args.quick,
            check_baseline=args.quick,
        )
        for n in sizes
    ]
    print(table(results))
    worst = max(r.ratio for r in results)
    verdict = "within" if worst <= TARGET_RATIO else "MISSES"
    print(f"largest ratio ours/baseline: {worst:.2f} ({verdict} the {TARGET_RATIO} target)")
    for r in results:
        target = TARGET_ANSWER_MS.get(r.articles)
        if r.answer_ms and target:
            slowest = max(r.answer_ms.values())
            verdict = "within" if slowest <= target else "MISSES"
            print(
                f"slowest answer at N={r.articles:,}: {slowest:,.0f} ms"
                f" ({verdict} the {target:,.0f} ms target)"
            )
    for r in results:
        if r.baseline_shortcut_identical is False:
            print(f"error: N={r.articles}: the baseline's index depends on the sidebar")
    print(f"total time: {time.perf_counter() - start:.0f} s")

    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {"search": [r.__dict__ for r in results]}
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 1 if any(r.baseline_shortcut_identical is False for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
