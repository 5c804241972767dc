"""The Arabic text layer of the real book's PDF, read back by three PDF readers (#18).

PDFium (pypdfium2: Chrome), MuPDF (PyMuPDF) and poppler (``pdftotext``: Evince, Okular)
each rebuild right-to-left text their own way; the text layer is corrected after Typst by
:mod:`sphinx_briefing.pdf.textlayer` and measured by ``benchmarks/pdf_text.py``. The English
and the parallel edition's PDFs are read the same way in ``test_pdf_english.py``.

A "word" is as in the issue: a run of characters of the Arabic block (U+0600-U+06FF) of an
article, so «آخر،» with its comma is one; the extracted text is compared after removing
bidi marks, word joiners and tatweel, both sides in NFC.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import REPO, SEED, BookSite, contains_in_order

sys.path.insert(0, str(REPO / "benchmarks"))

import pdf_text
from pdf_text import arabic_words, normalise


def tokens(text: str) -> list[str]:
    """Numbers (with their separators), Arabic words and Latin words, in order."""
    return re.findall(r"\d+(?:[-,.]\d+)*|[\u0621-\u065f\u0670-\u06d3]+|[A-Za-z]+", normalise(text))


pdfium, mupdf, poppler = pdf_text.pdfium_text, pdf_text.mupdf_text, pdf_text.poppler_text


READERS: dict[str, Callable[[Path], str]] = {"pdfium": pdfium, "mupdf": mupdf, "poppler": poppler}

#: The share of each article's distinct Arabic words every reader must find (the issue's
#: target). As measured on the seed article: 1.0 with each reader (Typst's own PDF: 0.511,
#: 0.681, 0.668); benchmarks/pdf_text.py keeps the table.
FLOOR = 0.99
#: The book's articles (docs/articles links to seeds/).
ARTICLES = pdf_text.articles()


@pytest.fixture(scope="module")
def book_pdf(book_site: BookSite) -> Path:
    pdf = book_site.outdir / "_downloads" / "pdf" / "briefing.pdf"
    assert pdf.is_file()
    return pdf


@pytest.fixture(scope="module")
def extracted(book_pdf: Path) -> dict[str, str]:
    return {name: normalise(read(book_pdf)) for name, read in READERS.items()}


def test_the_book_has_articles() -> None:
    assert SEED.name in [article.name for article in ARTICLES]
    assert len(arabic_words(SEED.read_text(encoding="utf-8"))) == 307


@pytest.mark.parametrize("article", ARTICLES, ids=[article.stem for article in ARTICLES])
@pytest.mark.parametrize("reader", list(READERS))
def test_every_articles_arabic_words_survive(
    reader: str, article: Path, extracted: dict[str, str]
) -> None:
    words = arabic_words(article.read_text(encoding="utf-8"))
    missing = sorted(words - arabic_words(extracted[reader]))
    share = 1 - len(missing) / len(words)
    assert share >= FLOOR, f"{reader}, {article.name}: {share:.3f}, missing {missing}"


@pytest.mark.parametrize("reader", list(READERS))
def test_ligatures_come_out_in_order(reader: str, extracted: dict[str, str]) -> None:
    """لا, في, ير, بي are single glyphs: each reader used to swap their letters."""
    found = arabic_words(extracted[reader])
    for word in ("لافروف", "في", "سيرجي", "بين", "الخارجية", "فلاديمير", "تحيات", "إلى"):
        assert word in found, (reader, word)
    for wrong in ("الفروف", "سريجي", "بني"):
        assert wrong not in found, (reader, wrong)


#: Words with shadda, tanween or damma, drawn with the mark apart from its letter (PDFium
#: used to drop the letter after it, MuPDF to move it to the end of the word), and at the
#: end of a word (its first glyph drawn).
MARKED = (
    "يحذّر",
    "مؤكدًا",
    "دعمًا",
    "وردًّا",
    "ومشدّدًا",
    "متنامٍ",
    "تقنيًا",
    "يَسَعُ",
    "يُعَدّ",
    "تدّعي",
    "داعيةً",
    "معتبرًا",
    "مجمّعًا",
    "تُفتح",
)


@pytest.mark.parametrize("reader", list(READERS))
def test_marks_stay_on_their_letter(reader: str, extracted: dict[str, str]) -> None:
    found = arabic_words(extracted[reader])
    missing = [word for word in MARKED if word not in found]
    assert not missing, (reader, missing)
    # No letter and its mark ever extract twice (Typst's text layer gave «دعمًمًا»).
    assert not re.search(r"(\w)([\u064b-\u0652])\1\2", extracted[reader])


@pytest.mark.parametrize("reader", list(READERS))
def test_kerning_does_not_split_words(reader: str, extracted: dict[str, str]) -> None:
    """Kerning leaves a gap after the أ of «وأكد», wide enough for a space to readers."""
    found = arabic_words(extracted[reader])
    assert {"وأكد", "وأكدت"} <= found, reader
    assert not re.search(r"(?<![\u0621-\u064a])وأ كد", extracted[reader]), reader


@pytest.mark.parametrize("reader", list(READERS))
def test_no_word_joiners_or_control_codes(reader: str, book_pdf: Path) -> None:
    """Typst's word joiner (in the contents' leaders) and a glyph's code standing in for
    text it has none for would break searching."""
    raw = READERS[reader](book_pdf)
    assert "\u2060" not in raw, reader
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f]", raw), reader


@pytest.mark.parametrize("reader", ["pdfium", "poppler"])
def test_a_number_inside_an_arabic_sentence(reader: str, extracted: dict[str, str]) -> None:
    """MuPDF gives right-to-left lines in visual order (last word first), so the order of
    words is checked with the other two."""
    assert contains_in_order(tokens(extracted[reader]), ["20,000", "زائر", "ضمن", "المشروع"])
    assert contains_in_order(
        tokens(extracted[reader]), tokens("عقد وزير الخارجية الروسي سيرجي لافروف مباحثات في")
    )


@pytest.mark.parametrize("reader", list(READERS))
def test_exact_phrases(reader: str, extracted: dict[str, str]) -> None:
    """Names with لا, words with shadda and tanween, Latin names and numbers inside Arabic
    sentences, each as a phrase (MuPDF gives a right-to-left line's words last first)."""
    phrases = [
        "وزير الخارجية الروسي سيرجي لافروف",
        "لافروف يحذّر من تحالف غربي",
        "مؤكدًا ضرورة استمرار التعاون",
    ]
    if reader != "mupdf":  # its line ends after the number: «…يَسَعُ 20,000» / «زائر ضمن…»
        phrases.append("لحوالي 20,000 زائر")
    words = tokens(extracted[reader])
    for phrase in phrases:
        wanted = tokens(phrase)
        if reader == "mupdf":
            wanted = wanted[::-1]
        assert contains_in_order(words, wanted), (reader, phrase)


@pytest.mark.parametrize("reader", list(READERS))
def test_dates_keep_their_order(reader: str, extracted: dict[str, str]) -> None:
    """Dates (the title page, sources, the article's dateline, glossary, timeline) read left
    to right in every reader: Typst laid out «(2004-03-09)» after Arabic as «(09-03-2004)»."""
    text = extracted[reader]
    assert "2025-07-12" in text
    assert not re.search(r"(?<!\d)\d{2}-\d{2}-\d{4}(?!\d)", text)
    assert len(re.findall(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", text)) >= 20
