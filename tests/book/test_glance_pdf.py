"""The briefing at a glance in the real book's PDF (built with the HTML, as ``make html``
does): it comes first, its text and English lines are extractable, it links to the entries,
and its drawings carry shaped Arabic."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import BIDI_MARKS, BookSite, contains_in_order, letters


def pdftotext(pdf: Path, first: int, last: int) -> str:
    """The text of pages ``first`` to ``last`` (1-based, inclusive), bidi marks removed."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return BIDI_MARKS.sub("", result.stdout)


@pytest.fixture(scope="module")
def book_pdf(book_site: BookSite) -> Path:
    pdf = book_site.outdir / "_downloads" / "pdf" / "briefing.pdf"
    assert pdf.is_file()
    return pdf


def top_bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, 0-based page) of the outline's first level, in order."""
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    return [
        (BIDI_MARKS.sub("", str(item.title)).strip(), numbers[item.page.idnum])
        for item in reader.outline
        if not isinstance(item, list)
    ]


def glance_pages(reader: PdfReader) -> range:
    chapters = top_bookmarks(reader)
    titles = [t for t, _ in chapters]
    start = titles.index("الملف في لمحة")
    return range(chapters[start][1], chapters[start + 1][1])


def test_the_glance_comes_first(book_pdf: Path) -> None:
    chapters = [title for title, _ in top_bookmarks(PdfReader(book_pdf))]
    assert chapters[0] == "الملف في لمحة", chapters
    assert chapters.index("ملف إحاطة: روسيا وكوريا الشمالية") == 1
    headline = "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ"
    assert chapters.index(headline) > 1


def test_key_points_and_english_lines_are_extractable(book_pdf: Path) -> None:
    reader = PdfReader(book_pdf)
    pages = glance_pages(reader)
    text = pdftotext(book_pdf, pages.start + 1, pages.stop)
    words = letters(text)
    for point in (
        "عقد وزير الخارجية الروسي سيرغي لافروف مباحثات مع الزعيم الكوري الشمالي كيم جونغ أون",
        # pdftotext puts the two halves of this line around its Arabic comma in visual
        # order (the page itself reads right: see test_pdf's rendering checks), so each
        # half is checked on its own.
        "في سياق معاهدة الدعم المتبادل بين البلدين",
        "شكرت روسيا القوات الكورية الشمالية",
    ):
        assert contains_in_order(words, letters(point)), point
    flat = " ".join(text.split())
    for line in (
        # From the English catalogue (locales/en/LC_MESSAGES/glance.po).
        "Russian Foreign Minister Sergey Lavrov held talks with North Korean leader Kim Jong Un",
        "Russia thanked North Korean forces for their contribution to repelling hostile actions",
    ):
        assert line in flat, line
    # Who's who and the timeline's list in English too.
    assert "Minister of Foreign Affairs of the Russian Federation" in flat
    assert "19 June 2024 — Russia–North Korea Treaty on Comprehensive Strategic" in flat


def test_glance_links_to_entries_and_paragraphs(book_pdf: Path) -> None:
    reader = PdfReader(book_pdf)
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    chapters = dict(top_bookmarks(reader))
    pages = glance_pages(reader)
    targets = set()
    for index in pages:
        for annotation in reader.pages[index].get("/Annots", []) or []:
            dest = annotation.get_object().get("/Dest")
            if dest is not None:
                targets.add(numbers[dest[0].idnum])
    glossary = chapters["المسرد"]
    article = chapters["لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ"]
    assert any(t >= glossary for t in targets)  # the entries (names, timeline, tables)
    assert any(article <= t < glossary for t in targets)  # the ¶ references


def test_drawings_are_embedded_with_shaped_arabic(book_pdf: Path, book_site: BookSite) -> None:
    source = (book_pdf.parent / "briefing.typ").read_text(encoding="utf-8")
    assert source.count('format: "svg"') >= 3
    assert 'direction=\\"rtl\\"' not in source
    reader = PdfReader(book_pdf)
    pages = glance_pages(reader)
    words = letters(pdftotext(book_pdf, pages.start + 1, pages.stop))
    # Words that only the drawings hold: the timeline's legend and the map's inset caption.
    for drawn in ("ميلاد أو تأسيس", "مستمر", "شبه الجزيرة الكورية (تكبير)"):
        assert contains_in_order(words, letters(drawn)), drawn
    # Every drawing reads on its page: one much wider than tall gets a landscape page of its
    # own; the others (the graph is laid out for paper) fit the portrait page's width.
    figures = re.findall(r'(#page\(flipped: true\)\[)?#figure\(image\(bytes\("(<svg[^>]*>)', source)
    assert len(figures) >= 3
    landscape = [
        i
        for i in pages
        if float(reader.pages[i].mediabox.width) > float(reader.pages[i].mediabox.height)
    ]
    for flipped, svg in figures:
        found = re.search(r'viewBox=\\"[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)\\"', svg)
        assert found, svg
        width, height = float(found.group(1)), float(found.group(2))
        assert bool(flipped) == (width > 900 and width > 1.3 * height), svg
    assert len(landscape) == sum(bool(flipped) for flipped, _svg in figures)
