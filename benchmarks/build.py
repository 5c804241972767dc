"""Build cost of the extension against plain Sphinx, rebuilds, ``-j 2``, the PDF and the linker.

For each size (N articles, M glossary entries) the script writes two projects from the same
deterministic corpus (``benchmarks/corpus.py``):

* **ext**: the book (``docs/``) with the N articles as plain text and the M-entry glossary,
  built by the extension (without the PDF: ``-D briefing_pdf_in_html=0``);
* **baseline**: the same articles pre-converted to reStructuredText with the same sections,
  paragraphs, labels and the same links written as ``:ref:`` roles, glossary pages with a
  labelled section per entry, the same theme and the same bounded sidebar, built by stock
  Sphinx.

Then, in one run:

1. three full builds of each, alternating (ext, baseline, ext, ...), serial, fresh output
   and doctree directories: wall time, CPU time (user + system of the build process and
   its children), peak resident memory of the build process, output size;
2. one full build of ext with ``-j 2``;
3. rebuilds of the last serial ext build: no change (median of 3), one article edited
   (median of 3, each a different edit), one glossary entry edited (once);
4. ``make pdf``'s build (``-b briefing-pdf``, fresh) at N = 1 and N = 100;
5. linker throughput in MB/s at M = 20, 1,000, 10,000 (``benchmarks/linker.py``).

It prints a table and writes ``build/bench/results.json``::

    {"runs": [{"articles", "glossary", "ext_wall_s", "baseline_wall_s", "ratio",
               "j2_wall_s", "noop_rebuild_s", "one_article_rebuild_s",
               "one_entry_rebuild_s", "peak_rss_mb", ...}],
     "linker": [{"entries", "mb_per_s", ...}], "pdf": [...], "targets": {...}}

With ``--article-sizes`` it measures one very large article instead (issue #22): for each
size in MB, the book with that one article, built as ``make html`` builds it (the PDF
included), with the article and PDF limits lifted (``briefing_max_article_bytes=0``,
``briefing_pdf_in_html_max_bytes=0``) so the real cost shows; once more without the PDF
(``briefing_pdf_in_html=0``) unless ``--no-pdf``; and once with the book's defaults (where
a large article is refused and the PDF left to ``make pdf``). Wall time, peak memory, the
article page, its citation script and the PDF: ``"article_sizes"`` in the JSON.

Usage::

    python benchmarks/build.py                 # make bench: N = 1,000 (M = 27), PDF, linker
    python benchmarks/build.py --quick         # make bench-quick: N = 100, M = 1,000
    python benchmarks/build.py --sizes 1:27,100:27 --no-linker --no-pdf
    python benchmarks/build.py --article-sizes 0.1,1,5,20    # one article of each size
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus
import linker as linker_bench

from sphinx_briefing import glossary

BENCH = corpus.REPO / "build" / "bench"
DEFAULT_JSON = BENCH / "results.json"
#: (articles, glossary entries). 27 = the real glossary. ``make bench`` runs the largest size
#: only (within 20 minutes on 2 cores); smaller ones with ``--sizes``.
SIZES = ((1_000, 27),)
QUICK_SIZES = ((100, 1_000),)
PDF_SIZES = frozenset({1, 100})
RUNS = 3
REBUILDS = 3
NO_PDF = ("-D", "briefing_pdf_in_html=0")
#: The glossary entry edited for the one-entry rebuild (it is mentioned in most articles).
EDITED_ENTRY = "moscow.toml"

TARGETS = {
    "ratio": 1.3,
    "one_article_rebuild_share": 0.10,
    "noop_rebuild_s": 3.0,
    "peak_rss_mb": 1536.0,
    "linker_ratio_10000_vs_20": 1.5,
}


@dataclass
class Measure:
    """One sphinx-build process."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float


@dataclass
class Run:
    """One row of the table: one (articles, glossary) size."""

    articles: int
    glossary: int
    ext_wall_s: float
    baseline_wall_s: float
    ratio: float
    j2_wall_s: float
    noop_rebuild_s: float
    one_article_rebuild_s: float
    one_entry_rebuild_s: float
    peak_rss_mb: float
    ext_cpu_s: float = 0.0
    baseline_cpu_s: float = 0.0
    baseline_peak_rss_mb: float = 0.0
    j2_peak_rss_mb: float = 0.0
    ext_output_mb: float = 0.0
    baseline_output_mb: float = 0.0
    #: Links to glossary entries in the article pages (equal in both builds).
    entry_links: int = 0
    #: Every full build, in the order run: (which, wall, cpu, peak MB).
    builds: list[tuple[str, float, float, float]] = field(default_factory=list)


def sphinx(*args: str) -> Measure:
    """Run ``sphinx-build`` quietly; wall, CPU and peak memory of that process tree."""
    command = [sys.executable, "-m", "sphinx", "-q", *args]
    log = BENCH / "last-build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as errors:
        start = time.perf_counter()
        # As on a user's machine, modules are compiled once, not at every start (a sandbox
        # may set PYTHONDONTWRITEBYTECODE, which made a no-change rebuild recompile them all).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        # wait4 gives this child's own resource usage (its reaped children included).
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:]
        raise SystemExit(f"error: {' '.join(command)} failed:\n{tail}")
    # Linux reports ru_maxrss in KiB.
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def tree_mb(directory: Path) -> float:
    """Size of the files under ``directory``, in MB (10**6 bytes)."""
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def clean(*directories: Path) -> None:
    """Remove output directories (a full build starts from nothing)."""
    for directory in directories:
        subprocess.run(["rm", "-rf", str(directory)], check=True)


def full_build(src: Path, out: Path, *options: str) -> Measure:
    """A build from scratch: fresh output and doctrees."""
    clean(out)
    return sphinx("-b", "html", *options, "-d", str(out / ".doctrees"), str(src), str(out))


def rebuild(src: Path, out: Path) -> float:
    """An incremental build of ``src`` into its existing output; wall seconds."""
    return sphinx("-b", "html", *NO_PDF, "-d", str(out / ".doctrees"), str(src), str(out)).wall_s


def edit_article(path: Path, round_: int) -> None:
    """Change one word of the article's last paragraph (a different word each round)."""
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines[-1] = lines[-1] + f" تعديل {round_ + 1}."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit_entry(path: Path) -> None:
    """Change the English short description of one glossary entry."""
    text = path.read_text(encoding="utf-8")
    marker = 'short_en = "'
    path.write_text(text.replace(marker, marker + "(Edited) ", 1), encoding="utf-8")


#: A link to a glossary entry (an anchor on a glossary page), as both builds write it.
ENTRY_LINK = re.compile(r'href="\.\./glossary/[^"#]*#[^"]+"')


def entry_links(outdir: Path) -> int:
    """Links to glossary entries in the article pages of a build."""
    pages = sorted((outdir / "articles").glob("*.html"))
    return sum(len(ENTRY_LINK.findall(p.read_text(encoding="utf-8"))) for p in pages)


def measure_size(articles: int, entries: int, texts: Sequence[str], runs: int = RUNS) -> Run:
    """Every build measurement for one size."""
    root = BENCH / f"build-{articles}-{entries}"
    files = corpus.glossary_files(entries, texts)
    ext_src = corpus.write_book(root / "ext-src", texts, files)
    base_src = corpus.write_baseline(root / "baseline-src", texts, files)
    ext_out, base_out, j2_out = root / "ext-html", root / "baseline-html", root / "ext-j2-html"

    builds: list[tuple[str, float, float, float]] = []
    ext: list[Measure] = []
    base: list[Measure] = []
    for round_ in range(runs):
        # Alternate which goes first, so drift in the machine's load hits both alike.
        order = ("ext", "baseline") if round_ % 2 == 0 else ("baseline", "ext")
        for which in order:
            if which == "ext":
                result = full_build(ext_src, ext_out, *NO_PDF)
                ext.append(result)
            else:
                result = full_build(base_src, base_out)
                base.append(result)
            builds.append((which, result.wall_s, result.cpu_s, result.peak_rss_mb))
            wall = result.wall_s
            print(f"  {which:>8} full build {round_ + 1}/{runs}: {wall:7.1f} s", flush=True)
    links, baseline_links = entry_links(ext_out), entry_links(base_out)
    if links != baseline_links:
        raise SystemExit(f"error: {links} entry links in ext, {baseline_links} in the baseline")
    # ext_out holds the last serial ext build: the rebuilds start from it.
    noop = statistics.median(rebuild(ext_src, ext_out) for _ in range(REBUILDS))
    print(f"  no-change rebuild: {noop:.2f} s", flush=True)

    edited = ext_src / "articles" / corpus.article_name((articles + 1) // 2)
    one_article = []
    for round_ in range(REBUILDS):
        edit_article(edited, round_)
        one_article.append(rebuild(ext_src, ext_out))
    print(f"  one-article rebuild: {statistics.median(one_article):.2f} s", flush=True)

    edit_entry(ext_src / "glossary" / "entries" / EDITED_ENTRY)
    one_entry = rebuild(ext_src, ext_out)
    print(f"  one-entry rebuild: {one_entry:.2f} s", flush=True)

    j2 = full_build(ext_src, j2_out, *NO_PDF, "-j", "2")
    print(f"  ext -j 2 full build: {j2.wall_s:.1f} s", flush=True)

    ext_wall = statistics.median(m.wall_s for m in ext)
    base_wall = statistics.median(m.wall_s for m in base)
    return Run(
        articles=articles,
        glossary=len(files),
        ext_wall_s=ext_wall,
        baseline_wall_s=base_wall,
        ratio=ext_wall / base_wall,
        j2_wall_s=j2.wall_s,
        noop_rebuild_s=noop,
        one_article_rebuild_s=statistics.median(one_article),
        one_entry_rebuild_s=one_entry,
        peak_rss_mb=max(m.peak_rss_mb for m in ext),
        ext_cpu_s=statistics.median(m.cpu_s for m in ext),
        baseline_cpu_s=statistics.median(m.cpu_s for m in base),
        baseline_peak_rss_mb=max(m.peak_rss_mb for m in base),
        j2_peak_rss_mb=j2.peak_rss_mb,
        ext_output_mb=tree_mb(ext_out),
        baseline_output_mb=tree_mb(base_out),
        entry_links=links,
        builds=builds,
    )


@dataclass
class PdfRun:
    """``make pdf``'s build of one size."""

    articles: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    pdf_mb: float


def measure_pdf(articles: int, texts: Sequence[str]) -> PdfRun:
    """A fresh ``-b briefing-pdf`` build of the book with ``articles`` articles."""
    root = BENCH / f"pdf-{articles}"
    src = corpus.write_book(root / "src", texts, corpus.glossary_files(0, texts))
    out = root / "pdf"
    clean(out)
    result = sphinx("-b", "briefing-pdf", "-d", str(out / ".doctrees"), str(src), str(out))
    pdf = next(out.glob("*.pdf"))
    print(f"  pdf, {articles} articles: {result.wall_s:.1f} s", flush=True)
    size = pdf.stat().st_size / 1e6
    return PdfRun(articles, result.wall_s, result.cpu_s, result.peak_rss_mb, size)


#: ``--article-sizes`` without a value: one article of 0.1, 1, 5 and 20 MB.
ARTICLE_SIZES = (0.1, 1.0, 5.0, 20.0)
#: Limits lifted, to measure what a large article costs.
NO_LIMITS = ("-D", "briefing_max_article_bytes=0", "-D", "briefing_pdf_in_html_max_bytes=0")


def large_article(megabytes: float, texts: Sequence[str]) -> str:
    """One article of about ``megabytes`` MB: a headline, then the bodies of ``texts``
    (their paragraphs, lists and headings) again and again, as a whole archive pasted into
    one file would be."""
    target = int(megabytes * 1e6)
    lines = ["أرشيف كامل في ملف واحد"]
    size = len(lines[0].encode("utf-8")) + 1
    number = 0
    while size < target:
        for line in texts[number % len(texts)].split("\n")[1:]:
            if line.strip() and size < target:
                lines.append(line)
                size += len(line.encode("utf-8")) + 1
        number += 1
    return "\n".join(lines) + "\n"


@dataclass
class ArticleRun:
    """One very large article: ``make html`` with the PDF, without it, with the defaults."""

    megabytes: float
    paragraphs: int
    html_pdf_wall_s: float | None
    html_pdf_cpu_s: float | None
    html_pdf_peak_rss_mb: float | None
    html_wall_s: float
    html_cpu_s: float
    html_peak_rss_mb: float
    defaults_wall_s: float
    defaults_peak_rss_mb: float
    page_mb: float
    cite_script_mb: float
    pdf_mb: float | None


def measure_article(megabytes: float, texts: Sequence[str], pdf: bool) -> ArticleRun:
    """The three builds of the book whose only article is ``megabytes`` MB."""
    root = BENCH / f"article-{megabytes:g}mb"
    text = large_article(megabytes, texts)
    src = corpus.write_book(root / "src", [text], corpus.glossary_files(27, texts))
    out = root / "out"
    options = ("-d", str(out / "doctrees"), str(src), str(out / "html"))
    page = out / "html" / "articles" / corpus.article_name(1).replace(".txt", ".html")
    with_pdf: Measure | None = None
    pdf_mb: float | None = None
    if pdf:
        clean(out)
        with_pdf = sphinx("-b", "html", *NO_LIMITS, *options)
        pdf_mb = sum(p.stat().st_size for p in (out / "html").rglob("*.pdf")) / 1e6
        print(f"  {megabytes:g} MB, html + pdf: {with_pdf.wall_s:7.1f} s", flush=True)
    clean(out)
    html = sphinx("-b", "html", *NO_LIMITS, "-D", "briefing_pdf_in_html=0", *options)
    print(f"  {megabytes:g} MB, html:       {html.wall_s:7.1f} s", flush=True)
    page_mb = page.stat().st_size / 1e6
    scripts = list((out / "html" / "_briefing" / "cite").glob("*.js"))
    cite_mb = max((p.stat().st_size for p in scripts), default=0) / 1e6
    clean(out)
    defaults = sphinx("-b", "html", *options)
    print(f"  {megabytes:g} MB, defaults:   {defaults.wall_s:7.1f} s", flush=True)
    return ArticleRun(
        megabytes=megabytes,
        paragraphs=text.count("\n") - 1,
        html_pdf_wall_s=with_pdf.wall_s if with_pdf else None,
        html_pdf_cpu_s=with_pdf.cpu_s if with_pdf else None,
        html_pdf_peak_rss_mb=with_pdf.peak_rss_mb if with_pdf else None,
        html_wall_s=html.wall_s,
        html_cpu_s=html.cpu_s,
        html_peak_rss_mb=html.peak_rss_mb,
        defaults_wall_s=defaults.wall_s,
        defaults_peak_rss_mb=defaults.peak_rss_mb,
        page_mb=page_mb,
        cite_script_mb=cite_mb,
        pdf_mb=pdf_mb,
    )


def article_table(runs: Sequence[ArticleRun]) -> str:
    """The article-size series as a plain-text table."""

    def cell(value: float | None, width: int, digits: int = 1) -> str:
        return f"{'—':>{width}}" if value is None else f"{value:>{width}.{digits}f}"

    rows = [
        f"{'MB':>5} {'lines':>7} {'html+pdf s':>10} {'cpu s':>7} {'peak MB':>7} {'html s':>7} "
        f"{'cpu s':>7} {'peak MB':>7} {'default s':>9} {'page MB':>7} {'cite MB':>7} "
        f"{'pdf MB':>7}"
    ]
    for r in runs:
        rows.append(
            f"{r.megabytes:>5g} {r.paragraphs:>7,} {cell(r.html_pdf_wall_s, 10)} "
            f"{cell(r.html_pdf_cpu_s, 7)} {cell(r.html_pdf_peak_rss_mb, 7, 0)} "
            f"{r.html_wall_s:>7.1f} {r.html_cpu_s:>7.1f} "
            f"{r.html_peak_rss_mb:>7.0f} {r.defaults_wall_s:>9.1f} {r.page_mb:>7.2f} "
            f"{r.cite_script_mb:>7.2f} {cell(r.pdf_mb, 7, 2)}"
        )
    return "\n".join(rows)


def parse_megabytes(text: str) -> tuple[float, ...]:
    """``"0.1,1,5"`` → (0.1, 1.0, 5.0)."""
    return tuple(float(part) for part in text.split(",") if part)


def article_series(sizes: Sequence[float], pdf: bool, json_path: Path) -> int:
    """Run and report the article-size series (``--article-sizes``)."""
    started = time.perf_counter()
    # The seed article itself, its body repeated: the series needs no generated corpus.
    texts = [corpus.SEED.read_text(encoding="utf-8")]
    runs = []
    for megabytes in sizes:
        print(f"one article of {megabytes:g} MB", flush=True)
        runs.append(measure_article(megabytes, texts, pdf))
    print()
    print(article_table(runs))
    elapsed = time.perf_counter() - started
    print(f"whole run: {elapsed / 60:.1f} min")
    report = {"article_sizes": [asdict(r) for r in runs], "elapsed_s": elapsed}
    report["cpus"] = os.cpu_count()
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {json_path}")
    return 0


def table(runs: Sequence[Run]) -> str:
    """The build results as a plain-text table."""
    head = (
        f"{'articles':>8} {'glossary':>8} {'ext s':>7} {'base s':>7} {'ratio':>5} "
        f"{'-j2 s':>6} {'no-op s':>7} {'1 art s':>7} {'1 art %':>7} {'1 entry s':>9} "
        f"{'peak MB':>7} {'ext MB':>7} {'base MB':>7}"
    )
    rows = [head]
    for r in runs:
        share = 100 * r.one_article_rebuild_s / r.ext_wall_s
        rows.append(
            f"{r.articles:>8,} {r.glossary:>8,} {r.ext_wall_s:>7.1f} {r.baseline_wall_s:>7.1f} "
            f"{r.ratio:>5.2f} {r.j2_wall_s:>6.1f} {r.noop_rebuild_s:>7.2f} "
            f"{r.one_article_rebuild_s:>7.2f} {share:>6.1f}% {r.one_entry_rebuild_s:>9.2f} "
            f"{r.peak_rss_mb:>7.0f} {r.ext_output_mb:>7.1f} {r.baseline_output_mb:>7.1f}"
        )
    return "\n".join(rows)


def verdicts(run: Run) -> dict[str, bool]:
    """Which targets a run meets."""
    return {
        "ratio": run.ratio <= TARGETS["ratio"],
        "one_article_rebuild_share": run.one_article_rebuild_s
        <= TARGETS["one_article_rebuild_share"] * run.ext_wall_s,
        "noop_rebuild_s": run.noop_rebuild_s <= TARGETS["noop_rebuild_s"],
        "peak_rss_mb": run.peak_rss_mb <= TARGETS["peak_rss_mb"],
    }


def parse_sizes(text: str) -> tuple[tuple[int, int], ...]:
    """``"100:27,1000:1000"`` → ((100, 27), (1000, 1000))."""
    sizes = []
    for part in text.split(","):
        articles, _, entries = part.partition(":")
        sizes.append((int(articles), int(entries or 27)))
    return tuple(sizes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 100, M = 1,000 (bench-quick)")
    parser.add_argument("--sizes", type=parse_sizes, help="ARTICLES:ENTRIES,... (overrides)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF timings")
    parser.add_argument("--no-linker", action="store_true", help="skip the linker throughput")
    parser.add_argument("--runs", type=int, default=RUNS, help="full builds of each (median)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument(
        "--article-sizes",
        type=parse_megabytes,
        nargs="?",
        const=ARTICLE_SIZES,
        help="instead: one article of each size in MB (default 0.1,1,5,20)",
    )
    args = parser.parse_args(argv)
    if args.article_sizes:
        return article_series(args.article_sizes, not args.no_pdf, args.json)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    started = time.perf_counter()

    loaded = glossary.load(corpus.ENTRIES)
    seed_text = corpus.SEED.read_text(encoding="utf-8")
    most = max(n for n, _ in sizes)
    texts = corpus.make_corpus(max(most, 100 if not args.no_pdf else 1), seed_text, loaded)

    runs = []
    for articles, entries in sizes:
        print(f"{articles} articles, {entries} glossary entries", flush=True)
        runs.append(measure_size(articles, entries, texts[:articles], args.runs))

    pdf_runs = []
    if not args.no_pdf:
        pdf_sizes = sorted(PDF_SIZES if not args.quick else {1})
        for articles in pdf_sizes:
            pdf_runs.append(measure_pdf(articles, texts[:articles]))

    linker_rows: list[dict[str, object]] = []
    linker_ratio = None
    if not args.no_linker:
        print("linker throughput", flush=True)
        results, linker_ratio, _, equal = linker_bench.run(quick=args.quick)
        if not equal:
            print("error: linker mentions differ between glossary sizes", file=sys.stderr)
            return 1
        linker_rows = [asdict(r) for r in results]

    print()
    print(table(runs))
    for row in pdf_runs:
        print(f"make pdf, {row.articles} articles: {row.wall_s:.1f} s, {row.pdf_mb:.1f} MB")
    for row in linker_rows:
        print(f"linker, M = {row['entries']:,}: {row['mb_per_s']:.2f} MB/s")
    if linker_ratio is not None:
        print(f"linker time per MB, M = 10,000 vs 20: {linker_ratio:.2f}x")
    elapsed = time.perf_counter() - started
    print(f"whole run: {elapsed / 60:.1f} min")

    report = {
        "runs": [asdict(r) | {"meets": verdicts(r)} for r in runs],
        "linker": linker_rows,
        "linker_ratio_10000_vs_20": linker_ratio,
        "pdf": [asdict(p) for p in pdf_runs],
        "targets": TARGETS,
        "elapsed_s": elapsed,
        "cpus": os.cpu_count(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
