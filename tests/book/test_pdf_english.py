"""The English edition's PDF and the parallel-text PDF, read back from the PDFs.

The book's three PDFs are built once for the module, as ``make pdf-en``, ``make pdf`` and
``make pdf-parallel`` do, into one output directory (so they must not overwrite each other);
the Arabic and the parallel edition share their doctrees as in the Makefile.
"""

from __future__ import annotations

import html
import io
import os
import pickle
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from docutils import nodes
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.nodes import foreign_block, translation_pair
from tests.helpers import BIDI_MARKS, REPO, BuildFn, contains_in_order, letters, pdftotext

ARTICLE = "articles/lavrov-wonsan"
FIRST_SENTENCE = (
    "Agencies – Russian Foreign Minister Sergey Lavrov held talks in Wonsan – one of North "
    "Korea's coastal cities – with President Kim Jong Un"
)


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the seed article: its number, Arabic text and English one."""

    number: int
    arabic: str
    english: str


@dataclass(frozen=True)
class Books:
    """The three PDFs of the book, built into one directory."""

    pdf: Path  # the output directory
    doctrees: Path  # the Arabic (and parallel) edition's
    stderr: dict[str, str]


def sphinx(out: Path, doctrees: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "briefing-pdf",
            "-q",
            "-d",
            str(doctrees),
            *options,
            str(REPO / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1752278400"},
    )


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    root = tmp_path_factory.mktemp("editions")
    out, arabic = root / "pdf", root / "doctrees"
    runs = {
        "en": sphinx(
            out,
            root / "doctrees-en",
            "-D",
            "language=en",
            "-D",
            "briefing_pdf_name=briefing-en",
        ),
        "ar": sphinx(out, arabic),
        # Second on the same doctrees: nothing is re-read, the PDF must still be written.
        "parallel": sphinx(
            out,
            arabic,
            "-D",
            "briefing_pdf_parallel=1",
            "-D",
            "briefing_pdf_name=briefing-parallel",
        ),
    }
    for name, result in runs.items():
        assert result.returncode == 0, f"{name}: {result.stderr}"
    return Books(out, arabic, {name: result.stderr for name, result in runs.items()})


@pytest.fixture(scope="module")
def paragraphs(books: Books) -> list[Paragraph]:
    """The article's numbered paragraphs with their translations, as the parallel build
    read them (the translation pairs of the Arabic edition's doctree)."""
    doctree = pickle.loads((books.doctrees / f"{ARTICLE}.doctree").read_bytes())
    found = []
    for pair in doctree.findall(translation_pair):
        original = pair[0]
        assert isinstance(original, nodes.paragraph)
        (english,) = [block for block in pair.children if isinstance(block, foreign_block)]
        found.append(Paragraph(original["briefing_number"], original.astext(), english.astext()))
    assert [p.number for p in found] == list(range(1, len(found) + 1))
    assert len(found) >= 12
    return found


def plain(text: str) -> str:
    """Extracted English as one line: hyphenated words joined, whitespace collapsed."""
    return " ".join(re.sub("\u00ad\\s*", "", text).split())


def words_of(text: str) -> list[str]:
    """Words as :func:`letters` compares them, without Arabic vowel marks: pdftotext may
    repeat a mark with its letter as a stray word of its own."""
    return letters("".join(c for c in text if unicodedata.category(c) != "Mn"))


def opening(text: str, words: int) -> list[str]:
    """The first words of a text, as :func:`words_of` gives them."""
    return words_of(" ".join(text.split()[:words]))


#: How many words open a paragraph. Few in Arabic: after an Arabic comma followed by
#: left-to-right text pdftotext may move the rest of the line ahead of its start.
ARABIC, ENGLISH = 3, 7


def font_stack(source: str) -> str:
    found = re.search(r"#set text\(lang: \"(\w+)\", dir: (\w+), font: \(([^)]*)\)", source)
    assert found is not None
    return found.group(0)


# -- the English edition ---------------------------------------------------------------------


def test_english_pdf_reads_left_to_right_in_english(books: Books) -> None:
    pdf = books.pdf / "briefing-en.pdf"
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/Direction"] == "/L2R"
    assert reader.metadata is not None
    assert reader.metadata.title == "Briefing book: Russia and North Korea"
    source = (books.pdf / "briefing-en.typ").read_text(encoding="utf-8")
    # Latin first; Arabic and CJK faces still there for untranslated text and native names.
    assert font_stack(source) == (
        '#set text(lang: "en", dir: ltr, font: '
        '("IBM Plex Sans", "IBM Plex Sans Arabic", "Noto Sans CJK JP")'
    )
    text = plain(pdftotext(pdf))
    # Interface words are the English msgids, not the Arabic catalogue's.
    assert "Contents" in text and "Edition 2026.1 · 2025-07-12" in text
    assert "الإصدار" not in text and "المحتويات" not in text
    assert FIRST_SENTENCE in text and "Sergey Lavrov" in text
    # The original's section and paragraph numbers.
    assert "§3 Lavrov warns of a Western alliance" in text
    assert re.search(r"¶ ?7(?!\d)|(?<!\d)7 ?¶", text)


def test_english_pdf_has_every_translation_and_no_arabic_paragraph(
    books: Books, paragraphs: list[Paragraph]
) -> None:
    raw = pdftotext(books.pdf / "briefing-en.pdf")
    text, words = plain(raw), words_of(raw)
    for paragraph in paragraphs:
        english = " ".join(paragraph.english.split()[:8])
        assert english in text, paragraph.number
        assert find(words, opening(paragraph.arabic, ARABIC)) == -1, paragraph.number
    source = (books.pdf / "briefing-en.typ").read_text(encoding="utf-8")
    assert "#pnum(rtl: true" not in source  # every paragraph is translated: none reads RTL


def test_english_pdf_links_still_work(books: Books) -> None:
    reader = PdfReader(books.pdf / "briefing-en.pdf")
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    internal: list[tuple[int, int]] = []  # (page of the link, page it goes to)
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []) or []:
            dest = annotation.get_object().get("/Dest")
            if dest is not None:
                internal.append((index, numbers[dest[0].idnum]))
    assert len(internal) >= 50, len(internal)

    def flat(items: list) -> list:
        return [x for item in items for x in (flat(item) if isinstance(item, list) else [item])]

    pages = {
        str(b.title).strip(): reader.get_destination_page_number(b) for b in flat(reader.outline)
    }
    headline = (
        "Lavrov discusses cooperation between Moscow and Pyongyang with Kim Jong Un in Wonsan"
    )
    article = pages[headline]
    entry = pages.get("Sergey Lavrov", pages.get("سيرغي لافروف"))
    assert entry is not None and entry > article
    # The mention of Lavrov in ¶1 links to his entry.
    assert (article, entry) in internal
    source = (books.pdf / "briefing-en.typ").read_text(encoding="utf-8")
    assert f'locate(label("{ARTICLE}#p7"))' in source  # "mentioned on page"


def test_editions_keep_their_own_files(books: Books) -> None:
    names = sorted(path.name for path in books.pdf.iterdir())
    assert names == [
        "briefing-en.pdf",
        "briefing-en.typ",
        "briefing-parallel.pdf",
        "briefing-parallel.typ",
        "briefing.pdf",
        "briefing.typ",
    ]
    assert PdfReader(books.pdf / "briefing.pdf").trailer["/Root"]["/Lang"] == "ar"
    assert font_stack((books.pdf / "briefing.typ").read_text(encoding="utf-8")).startswith(
        '#set text(lang: "ar", dir: rtl'
    )
    # Every node has its PDF rendering (translation pairs and translations included); the
    # whole book's warnings are test_pdf.py's concern.
    for stderr in books.stderr.values():
        assert "[briefing.pdf-node]" not in stderr, stderr


# -- the parallel-text edition ------------------------------------------------------------------


def test_plain_arabic_pdf_leaves_the_translations_out(books: Books) -> None:
    text = plain(pdftotext(books.pdf / "briefing.pdf"))
    assert "Agencies – Russian Foreign Minister" not in text
    assert "Lavrov warns of a Western alliance" not in text  # a heading's translation
    row = "#grid(columns: (1fr, 1fr), column-gutter:"  # a paragraph and its translation
    assert row not in (books.pdf / "briefing.typ").read_text(encoding="utf-8")
    assert row in (books.pdf / "briefing-parallel.typ").read_text(encoding="utf-8")


HEADLINE = "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ"


def article_pages(pdf: Path) -> tuple[int, int]:
    """The article's first and last page (1-based), from the bookmarks: its headline's page
    to the page of the first bookmark after its § sections."""
    reader = PdfReader(pdf)

    def flat(items: list) -> list:
        return [x for item in items for x in (flat(item) if isinstance(item, list) else [item])]

    marks = [(BIDI_MARKS.sub("", str(b.title)).strip(), b) for b in flat(reader.outline)]
    start = next(i for i, (title, _mark) in enumerate(marks) if title == HEADLINE)
    end = next(i for i in range(start + 1, len(marks)) if not marks[i][0].startswith("§"))
    first = reader.get_destination_page_number(marks[start][1])
    last = reader.get_destination_page_number(marks[end][1])
    return first + 1, last + 1


def columns(pdf: Path) -> tuple[str, str]:
    """The article pages' left halves and right halves, each read in page order.

    pdftotext reads a page's two columns line by line, across; cropped to one half it reads
    that column. The middle of the page falls in the column gutter on both left and right
    pages (the binding margin moves the text block by less than half the gutter)."""
    page = PdfReader(pdf).pages[0].mediabox
    width, height = float(page.width), float(page.height)
    first, last = article_pages(pdf)
    halves = []
    for x in (0, width / 2):
        crop = ["-x", str(int(x)), "-y", "0", "-W", str(int(width / 2)), "-H", str(int(height))]
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last), *crop, str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        halves.append(BIDI_MARKS.sub("", result.stdout))
    return halves[0], halves[1]


def find(haystack: list[str], needle: list[str], start: int = 0) -> int:
    """Where ``needle``'s words first occur in order from ``start`` on, or -1. Up to three
    stray words may come between them: pdftotext sometimes repeats a letter with its
    vowel mark, or moves a short word, around a line's Arabic punctuation."""
    for i in range(start, len(haystack)):
        if haystack[i] == needle[0]:
            window = iter(haystack[i : i + len(needle) + 3])
            if all(word in window for word in needle):
                return i
    return -1


def positions(haystack: list[str], needles: list[list[str]]) -> list[int]:
    """Where each needle first occurs after the previous one's, or -1."""
    found, start = [], 0
    for needle in needles:
        at = find(haystack, needle, start)
        found.append(at)
        start = max(start, at + 1)
    return found


def test_parallel_pdf_extracts_both_languages_in_order(
    books: Books, paragraphs: list[Paragraph]
) -> None:
    pdf = books.pdf / "briefing-parallel.pdf"
    left, right = columns(pdf)
    english = words_of(plain(left))
    arabic = words_of(right)
    english_at = positions(english, [opening(p.english, ENGLISH) for p in paragraphs])
    arabic_at = positions(arabic, [opening(p.arabic, ARABIC) for p in paragraphs])
    # Each paragraph in both languages, paragraph N before paragraph N + 1 in each column.
    assert -1 not in english_at, english_at
    assert -1 not in arabic_at, arabic_at
    assert english_at == sorted(english_at) and arabic_at == sorted(arabic_at)
    # Arabic on the right, English on the left: neither column holds the other language.
    assert all(find(english, opening(p.arabic, ARABIC)) == -1 for p in paragraphs)
    assert all(find(arabic, opening(p.english, ENGLISH)) == -1 for p in paragraphs)
    # Headings carry their translation too.
    text = plain(pdftotext(pdf))
    assert "Lavrov warns of a Western alliance" in text
    assert "Lavrov discusses cooperation between Moscow and Pyongyang" in text


#: Each edition's PDF and the languages of the articles' words it shows.
EDITION_LANGUAGES = {"briefing-en": ["english"], "briefing-parallel": ["arabic", "english"]}


@pytest.mark.parametrize("reader", ["pdfium", "mupdf", "poppler"])
def test_each_edition_gives_back_its_articles_words(books: Books, reader: str) -> None:
    """PDFium, MuPDF and poppler each find 99% of each article's distinct words (#18): its
    English ones in the English PDF, both languages in the parallel one (the Arabic PDF's
    are test_pdf_text.py's)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import pdf_text

    read = pdf_text.READERS[reader]
    for edition, languages in EDITION_LANGUAGES.items():
        text = read(books.pdf / f"{edition}.pdf")
        for article in pdf_text.articles():
            for language in languages:
                words = pdf_text.article_words(article, language)
                found = (pdf_text.arabic_words if language == "arabic" else pdf_text.english_words)(
                    text
                )
                missing = sorted(words - found)
                share = 1 - len(missing) / len(words)
                assert share >= 0.99, (edition, article.name, language, share, missing)


def test_parallel_pdf_lets_each_line_keep_its_direction(books: Books) -> None:
    """Without /Direction /R2L PDFium reads the English column's lines left to right."""
    preferences = (
        PdfReader(books.pdf / "briefing-parallel.pdf")
        .trailer["/Root"]
        .get("/ViewerPreferences", {})
    )
    assert "/Direction" not in preferences
    assert (
        PdfReader(books.pdf / "briefing.pdf").trailer["/Root"]["/ViewerPreferences"]["/Direction"]
        == "/R2L"
    )


Word = tuple[int, float, float, str]  # page, x, y (top), text


def bbox_words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its place, from ``pdftotext -bbox``."""
    result = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    words, page = [], -1
    for line in result.stdout.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        if found:
            text = html.unescape(found.group(3))
            words.append((page, float(found.group(1)), float(found.group(2)), text))
    return words


def paragraph_marks(
    words: list[Word], pages: range | None = None
) -> dict[int, tuple[int, float, float]]:
    """Where each ¶ number stands (on ``pages``, 0-based, if given): its first occurrence's
    page, x and y. The sign and the digits may come out as one word or two (on one
    baseline, side by side)."""
    marks: dict[int, tuple[int, float, float]] = {}
    for page, x, y, text in words:
        if pages is not None and page not in pages:
            continue
        whole = re.fullmatch(r"¶(\d+)|(\d+)¶", text)
        if whole:
            marks.setdefault(int(whole.group(1) or whole.group(2)), (page, x, y))
        elif text == "¶":
            digits = [
                w
                for p, wx, wy, w in words
                if p == page and w.isdigit() and abs(wy - y) < 1 and abs(wx - x) < 20
            ]
            if digits:
                marks.setdefault(int(digits[0]), (page, x, y))
    return marks


def test_parallel_rows_start_together(books: Books, paragraphs: list[Paragraph]) -> None:
    pdf = books.pdf / "briefing-parallel.pdf"
    middle = float(PdfReader(pdf).pages[0].mediabox.width) / 2
    words = bbox_words(pdf)
    first, last = article_pages(pdf)
    marks = paragraph_marks(words, range(first - 1, last))  # not the key points' references
    for paragraph in paragraphs:
        assert paragraph.number in marks, paragraph.number
        page, x, y = marks[paragraph.number]
        assert x > middle  # in the right margin, the Arabic column's start side
        first = paragraph.english.split()[0]
        # The translation's first line starts on the same page at the same height, on the left.
        assert any(
            p == page and x < middle and abs(wy - y) < 3 and text == first
            for p, x, wy, text in words
        ), (paragraph.number, first)


# -- an untranslated paragraph and the PDF of an English HTML build ---------------------------------


@pytest.fixture
def english_site(build: BuildFn) -> SphinxTestApp:
    """The seed root's English edition with only ¶1 translated, built as HTML with its PDF."""
    with open(REPO / "locales" / "en" / "LC_MESSAGES" / "articles.po", "rb") as handle:
        full = read_po(handle)
    first = next(m for m in full if isinstance(m.id, str) and m.id.startswith("وكالات"))
    catalog = Catalog(locale="en")
    catalog.add(first.id, first.string)
    po = io.BytesIO()
    write_po(po, catalog)
    return build(
        "seed",
        files={"locales/en/LC_MESSAGES/articles.po": po.getvalue()},
        confoverrides={
            "language": "en",
            "briefing_pdf_in_html": True,
            "briefing_pdf_name": "briefing-en",
        },
    )


def test_english_html_build_offers_the_english_pdf(english_site: SphinxTestApp) -> None:
    out = english_site.outdir / "_downloads" / "pdf"
    assert sorted(path.name for path in out.iterdir()) == ["briefing-en.pdf", "briefing-en.typ"]
    soup = BeautifulSoup((english_site.outdir / "index.html").read_text("utf-8"), "html.parser")
    link = soup.select_one("a.briefing-pdf-download")
    assert link is not None and link["href"] == "_downloads/pdf/briefing-en.pdf"
    assert PdfReader(out / "briefing-en.pdf").trailer["/Root"]["/Lang"] == "en"


def test_untranslated_paragraphs_read_right_to_left(english_site: SphinxTestApp) -> None:
    pdf = english_site.outdir / "_downloads" / "pdf" / "briefing-en.pdf"
    middle = float(PdfReader(pdf).pages[0].mediabox.width) / 2
    sides = {n: x > middle for n, (_page, x, _y) in paragraph_marks(bbox_words(pdf)).items()}
    # ¶1 is English, numbered on the left; from ¶2 on the paragraphs are Arabic, set right
    # to left and numbered on the right.
    assert sides[1] is False
    assert all(sides[n] for n in range(2, 13)), sides
    source = (pdf.parent / "briefing-en.typ").read_text(encoding="utf-8")
    assert '#block(width: 100%)[#set text(lang: "ar", dir: rtl)\n#pnum(rtl: true)[#"¶2"]' in source
    text = pdftotext(pdf)
    assert "Agencies – Russian Foreign Minister" in " ".join(text.split())
    # The Arabic comes out in logical order.
    paragraph = "أعرب كيم جونج أون خلال اللقاء عن دعم الحكومة الكورية الشمالية الكامل"
    assert contains_in_order(letters(text), letters(paragraph))
