"""Large input: an article over ``briefing_max_article_bytes`` is left out with one warning,
an article page does not carry its citations, and the PDF built with the HTML reuses the HTML
build's environment (or is left to ``make pdf`` above ``briefing_pdf_in_html_max_bytes``)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.exports.writer import cite_script_name
from tests.helpers import ROOTS, BuildFn, page_citations, warnings_of

SMALL = "مقال قصير\nوكالات – نص قصير.\n"
#: 1,200 bytes of UTF-8: a headline and paragraphs of two-byte Arabic letters.
BIG = "مقال كبير\n" + "".join(f"هذه هي الفقرة رقم {n} من المقال الكبير.\n" for n in range(1, 30))


def test_an_article_over_the_limit_is_left_out_with_one_warning(build: BuildFn) -> None:
    size = len(BIG.encode("utf-8"))
    assert size > 1_000
    app = build(
        files={"articles/big.txt": BIG, "articles/small.txt": SMALL},
        confoverrides={"briefing_max_article_bytes": 1_000},
    )
    lines = warnings_of(app).strip().splitlines()
    big = (Path(app.srcdir) / "articles" / "big.txt").resolve()
    assert lines == [
        f"{big}:: WARNING: article is {size / 1e3:.1f} kB ({size:,} bytes), over "
        "briefing_max_article_bytes "
        "(1,000): left out of the book [briefing.article-too-large]"
    ]
    out = Path(app.outdir)
    assert not (out / "articles" / "big.html").exists()
    assert not list((out / "_sources" / "articles").glob("big.*"))
    assert (out / "articles" / "small.html").is_file()
    assert "articles/big" not in app.env.found_docs
    assert "مقال كبير" not in (out / "index.html").read_text(encoding="utf-8")


def test_the_limit_is_inclusive_and_zero_is_no_limit(build: BuildFn) -> None:
    size = len(BIG.encode("utf-8"))
    app = build(files={"articles/big.txt": BIG}, confoverrides={"briefing_max_article_bytes": size})
    assert warnings_of(app) == ""
    assert (Path(app.outdir) / "articles" / "big.html").is_file()


def test_no_limit(build: BuildFn) -> None:
    app = build(files={"articles/big.txt": BIG}, confoverrides={"briefing_max_article_bytes": 0})
    assert warnings_of(app) == ""
    assert (Path(app.outdir) / "articles" / "big.html").is_file()


def test_an_article_that_grows_too_large_leaves_the_output(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "book"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "articles").mkdir()
    article = srcdir / "articles" / "growing.txt"
    article.write_text(SMALL, encoding="utf-8")
    overrides = {"briefing_max_article_bytes": 1_000}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert (Path(app.outdir) / "articles" / "growing.html").is_file()

    article.write_text(BIG, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert "article-too-large" in warnings_of(app)
    assert not (Path(app.outdir) / "articles" / "growing.html").exists()


def test_an_article_page_does_not_carry_its_citations(build: BuildFn) -> None:
    """2,000 paragraphs: the page holds their text and numbers; their citations (about two
    kilobytes each, in six styles) are in the page's citation script, loaded on demand."""
    paragraphs = 2_000
    text = "مقال طويل جدا\n" + "".join(
        f"هذه هي الفقرة رقم {n} من المقال الطويل، وفيها بعض الكلمات.\n"
        for n in range(1, paragraphs + 1)
    )
    app = build(files={"articles/long.txt": text})
    page = Path(app.outdir) / "articles" / "long.html"
    html = page.read_text(encoding="utf-8")
    assert "@incollection" not in html and "briefing-citations" not in html
    assert 'data-cite="briefing:long:p2000"' in html
    # Text, number, permalink and Cite button: well under a kilobyte per paragraph.
    assert page.stat().st_size < 800 * paragraphs
    found = page_citations(page)
    assert len(found) == 1 + paragraphs  # the article and each paragraph
    assert "¶2000" in found["briefing:long:p2000"]["chicago"]
    script = Path(app.outdir) / "_briefing" / "cite" / cite_script_name("articles/long")
    assert script.stat().st_size > page.stat().st_size


def test_citation_scripts_of_removed_pages_are_removed(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "book"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "articles").mkdir()
    (srcdir / "articles" / "kept.txt").write_text(SMALL, encoding="utf-8")
    (srcdir / "articles" / "gone.txt").write_text(SMALL, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    folder = Path(app.outdir) / "_briefing" / "cite"
    names = {cite_script_name(docname) for docname in ("index", "articles/kept", "articles/gone")}
    assert {path.name for path in folder.glob("*.js")} == names
    (srcdir / "articles" / "gone.txt").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    names.remove(cite_script_name("articles/gone"))
    assert {path.name for path in folder.glob("*.js")} == names


# -- the PDF with the HTML ------------------------------------------------------------------


def test_the_pdf_with_the_html_is_the_pdf_of_make_pdf(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made from the HTML build's environment, nothing read again, the PDF is byte for byte
    the one a separate ``-b briefing-pdf`` build makes from its own reading."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752278400")
    srcdir = tmp_path / "seed"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    html = make_app("html", srcdir=srcdir, confoverrides={"briefing_pdf_in_html": True})
    readings: list[list[str]] = []
    html.connect("env-before-read-docs", lambda _app, _env, names: readings.append(list(names)))
    html.build()
    html.cleanup()
    pdf = make_app("briefing-pdf", srcdir=srcdir, builddir=tmp_path / "pdf-build", freshenv=True)
    pdf.build()
    pdf.cleanup()
    with_html = Path(html.outdir) / "_downloads" / "pdf"
    alone = Path(pdf.outdir)
    typst = (with_html / "briefing.typ").read_text(encoding="utf-8")
    assert typst == (alone / "briefing.typ").read_text(encoding="utf-8")
    assert (with_html / "briefing.pdf").read_bytes() == (alone / "briefing.pdf").read_bytes()
    # The documents were read once, by the HTML build: the PDF read none again.
    assert len(readings) == 1 and "index" in readings[0]
    assert "building the PDF for the HTML site" in html.status.getvalue()


def test_a_large_book_leaves_the_pdf_to_make_pdf(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "book"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "articles").mkdir()
    (srcdir / "articles" / "big.txt").write_text(BIG, encoding="utf-8")
    size = len(BIG.encode("utf-8"))
    options = {"briefing_pdf_in_html": True, "briefing_pdf_in_html_max_bytes": 0}
    app = make_app("html", srcdir=srcdir, confoverrides=options)
    app.build()
    app.cleanup()
    out = Path(app.outdir) / "_downloads" / "pdf"
    landing = Path(app.outdir) / "index.html"
    assert (out / "briefing.pdf").is_file()
    assert "briefing-pdf-download" in landing.read_text(encoding="utf-8")

    options["briefing_pdf_in_html_max_bytes"] = size - 1
    app = make_app("html", srcdir=srcdir, confoverrides=options)
    app.build()
    app.cleanup()
    # No PDF out of date is offered; the build says why, and is not a failure.
    assert not (out / "briefing.pdf").exists() and not (out / "briefing.typ").exists()
    assert "briefing-pdf-download" not in landing.read_text(encoding="utf-8")  # no dead link
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert (
        f"briefing: the PDF is not built with the HTML: the articles take {size:,} bytes, "
        f"over briefing_pdf_in_html_max_bytes ({size - 1:,}); build it with `make pdf`"
    ) in status
    assert warnings_of(app) == ""


def test_a_build_that_read_nothing_keeps_the_pdf(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The PDF costs minutes and gigabytes for a large book: a build after no change keeps
    it; a change to an article or to a PDF setting makes it again."""
    srcdir = tmp_path / "book"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "articles").mkdir()
    article = srcdir / "articles" / "small.txt"
    article.write_text(SMALL, encoding="utf-8")
    pdf = Path(srcdir / "_build" / "html" / "_downloads" / "pdf" / "briefing.pdf")

    def build_html(**options: object) -> str:
        app = make_app(
            "html", srcdir=srcdir, confoverrides={"briefing_pdf_in_html": True, **options}
        )
        app.build()
        app.cleanup()
        return str(app.status.getvalue())

    assert "building the PDF for the HTML site" in build_html()
    made = pdf.stat().st_mtime_ns
    assert "the PDF for the HTML site is up to date" in build_html()
    assert pdf.stat().st_mtime_ns == made
    article.write_text(SMALL + "وكالات – نص آخر.\n", encoding="utf-8")
    assert "building the PDF for the HTML site" in build_html()
    assert "building the PDF for the HTML site" in build_html(briefing_pdf_paper="us-letter")
