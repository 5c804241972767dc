"""The PDF briefing: built with the ``briefing-pdf`` builder and read back from the PDF."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

from tests.helpers import (
    BIDI_MARKS,
    REPO,
    BuildFn,
    contains_in_order,
    letters,
    pdftotext,
    warnings_of,
)


@pytest.fixture
def seed_pdf(built: BuildFn) -> SphinxTestApp:
    return built("seed", buildername="briefing-pdf")


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(BIDI_MARKS.sub("", str(item.title)))

    walk(reader.outline)
    return titles


def test_pdf_is_written_without_warnings(seed_pdf: SphinxTestApp) -> None:
    assert warnings_of(seed_pdf) == ""
    pdf = seed_pdf.outdir / "briefing.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
    assert len(PdfReader(pdf).pages) >= 10


def test_text_layer_has_latin_names_digits_and_numbers(seed_pdf: SphinxTestApp) -> None:
    text = pdftotext(seed_pdf.outdir / "briefing.pdf")
    for expected in ("Sergey Lavrov", "Korean Central News Agency", "2025-07-12", "20,000"):
        assert expected in text, expected
    # Paragraph and section numbers (in right-to-left lines the sign may come out after).
    assert re.search(r"¶ ?7(?!\d)|(?<!\d)7 ?¶", text)
    assert re.search(r"§ ?3(?!\d)|(?<!\d)3 ?§", text)
    # Arabic is shaped and extractable (words without lam-alef ligatures, which pdftotext reorders).
    assert "وونسان" in text and "كوريا الشمالية" in text and "موسكو" in text


def test_bookmarks_follow_the_book(seed_pdf: SphinxTestApp) -> None:
    titles = outline_titles(PdfReader(seed_pdf.outdir / "briefing.pdf"))
    assert any("لافروف يبحث مع كيم جونغ أون" in t for t in titles)
    assert any("لافروف يحذّر من تحالف غربي" in t for t in titles)
    assert any("سيرغي لافروف" in t for t in titles)  # glossary entries too


def test_internal_links_and_page_references(seed_pdf: SphinxTestApp) -> None:
    reader = PdfReader(seed_pdf.outdir / "briefing.pdf")
    internal = external = 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annot = annotation.get_object()
            action = annot.get("/A")
            if annot.get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif action and action.get("/S") == "/URI":
                external += 1
    assert internal >= 50, internal  # mentions, relations, backlinks, table of contents
    assert external >= 1  # sources of glossary entries
    source = (seed_pdf.outdir / "briefing.typ").read_text(encoding="utf-8")
    assert 'locate(label("articles/lavrov-wonsan#p7"))' in source  # "mentioned on page"
    assert "صفحة" in pdftotext(seed_pdf.outdir / "briefing.pdf")


def test_fonts_are_shipped_and_embedded(seed_pdf: SphinxTestApp) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(seed_pdf.outdir / "briefing.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "IBMPlexSansArabic" in fonts and "IBMPlexSans" in fonts
    assert re.search(r"NotoSansCJK", fonts)  # the Korean names (김정은)


def test_hostile_text_is_data_not_typst(build: BuildFn) -> None:
    hostile = (
        "Hostile headline\n"
        'Text #set page(width: 1cm) #import "@preview/x:1.0.0" $x^2$ *b* _i_ @ref <lbl> [x] \\ `c` ~ "q" // c /* c */\n'
        "نص #عربي $ * _ @ < > [ ] \\ ` نهاية.\n"
    )
    app = build(files={"articles/hostile.txt": hostile}, buildername="briefing-pdf")
    assert warnings_of(app) == ""
    text = " ".join(pdftotext(app.outdir / "briefing.pdf").split())
    for piece in (
        "#set page(width: 1cm)",
        '#import "@preview/x:1.0.0"',
        "$x^2$",
        "*b*",
        "_i_",
        "@ref",
        "<lbl>",
        "[x]",
        "`c`",
        "// c /* c */",
    ):
        assert piece in text, piece
    source = (app.outdir / "briefing.typ").read_text(encoding="utf-8")
    assert "#import" not in source.replace('#import \\"@preview', "")


def sphinx_pdf(
    out: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "briefing-pdf",
            "-q",
            "-E",
            "-d",
            str(out / "d"),
            *options,
            str(REPO / "docs"),
            str(out / "pdf"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_the_book_pdf_builds_like_make_pdf(tmp_path: Path) -> None:
    result = sphinx_pdf(tmp_path)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    assert (tmp_path / "pdf" / "briefing.pdf").stat().st_size > 50_000
    # The landing page's list of articles comes before the articles.
    source = (tmp_path / "pdf" / "briefing.typ").read_text(encoding="utf-8")
    entry = source.index('#list([\n#block()[#link(label("articles/lavrov-wonsan#"))')
    assert entry < source.index('\n= #"لافروف يبحث مع كيم جونغ أون')
    # No build report on the landing page: the translation status is the log's.
    assert "الترجمة (en)" not in source and "Translation (en)" not in source
    # Layout (#18): the map's table repeats its header row on a new page; a drawing and its
    # caption stay together; a heading stays with what follows.
    assert 'table.header([\n#block()[#"مكان"]' in source
    assert "#show figure: set block(breakable: false)" in source
    assert "#show heading: set block(sticky: true)" in source


def test_source_date_epoch_makes_builds_byte_identical(tmp_path: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1752278400"}  # 2025-07-12
    first = sphinx_pdf(tmp_path / "a", env=epoch)
    second = sphinx_pdf(tmp_path / "b", env=epoch)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    a, b = (tmp_path / "a" / "pdf" / "briefing.pdf"), (tmp_path / "b" / "pdf" / "briefing.pdf")
    assert a.read_bytes() == b.read_bytes()
    info = PdfReader(a).metadata
    assert info is not None and info.title == "ملف إحاطة: روسيا وكوريا الشمالية"
    assert "2025" in str(info.get("/CreationDate"))
    assert info.author == "فريق sphinx-briefing"
    assert PdfReader(a).trailer["/Root"]["/Lang"] == "ar"


def test_a_typst_failure_fails_the_build_loudly(tmp_path: Path) -> None:
    result = sphinx_pdf(tmp_path, "-D", "briefing_pdf_paper=no-such-paper")
    assert result.returncode != 0
    assert "Typst could not compile" in result.stderr
    assert not (tmp_path / "pdf" / "briefing.pdf").exists()


def test_pages_render_and_digits_follow_the_config(tmp_path: Path) -> None:
    result = sphinx_pdf(tmp_path, "-D", "briefing_pdf_digits=arabic-indic")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pdf" / "briefing.pdf"
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "4", "-l", "4", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (page,) = tmp_path.glob("page*.pgm")
    pixels = page.read_bytes().split(b"\n", 3)[3]
    dark = sum(1 for value in pixels if value < 128)
    # Page 4 is the key points: text only, about 1% ink at 30 dpi; a blank page has none.
    assert dark > len(pixels) * 0.005, "the page is not blank"
    assert "٤" in pdftotext(pdf)  # page 4's running header in Arabic-Indic digits


def test_arabic_text_is_extracted_in_logical_order(seed_pdf: SphinxTestApp) -> None:
    extracted = letters(pdftotext(seed_pdf.outdir / "briefing.pdf"))
    headline = "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ"
    paragraph = "أعرب كيم جونج أون خلال اللقاء عن دعم الحكومة الكورية الشمالية الكامل"
    entry = "وزير خارجية روسيا منذ عام 2004"  # Lavrov's short description
    for text in (headline, paragraph, entry):
        assert contains_in_order(extracted, letters(text)), text


def test_mention_links_land_on_the_entry_page(seed_pdf: SphinxTestApp) -> None:
    reader = PdfReader(seed_pdf.outdir / "briefing.pdf")
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}

    def flat(items: list) -> list:
        return [x for item in items for x in (flat(item) if isinstance(item, list) else [item])]

    bookmarks = {BIDI_MARKS.sub("", str(b.title)).strip(): b for b in flat(reader.outline)}
    article = numbers[
        bookmarks["لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ"].page.idnum
    ]
    entry = numbers[bookmarks["سيرغي لافروف"].page.idnum]
    destinations = {
        numbers[annotation.get_object()["/Dest"][0].idnum]
        for page in reader.pages[article : article + 2]
        for annotation in page.get("/Annots", []) or []
        if annotation.get_object().get("/Dest") is not None
    }
    assert entry in destinations  # the mention of Lavrov in ¶1 links to his entry


#: An article with a Latin name, a number and a date inside Arabic sentences.
MIXED_ARTICLE = (
    "محادثات في موسكو\n"
    "وكالات – قال وزير الخارجية إن المحادثات مع Sergey Lavrov كانت مثمرة.\n"
    "وحضر الاجتماع الذي عقد يوم 2025-07-12 نحو 20,000 شخص في القاعة الكبرى.\n"
)


def test_latin_names_numbers_and_dates_inside_arabic_sentences(build: BuildFn) -> None:
    """Read back by PDFium, MuPDF and poppler (see tests/book/test_pdf_text.py): the name,
    the number and the date keep their order and their place in the sentence."""
    from tests.book.test_pdf_text import READERS, normalise, tokens

    app = build(files={"articles/talks.txt": MIXED_ARTICLE}, buildername="briefing-pdf")
    assert warnings_of(app) == ""
    pdf = app.outdir / "briefing.pdf"
    for name, read in READERS.items():
        text = normalise(read(pdf))
        words = tokens(text)
        assert "Sergey" in words and "Lavrov" in words, name
        assert "2025-07-12" in text and "20,000" in text and "12-07-2025" not in text, name
        if name == "mupdf":
            continue  # right-to-left lines in visual order: the last word first
        assert contains_in_order(words, tokens("عقد يوم 2025-07-12 نحو 20,000 شخص")), name
        assert contains_in_order(words, tokens("المحادثات مع")), name
        assert contains_in_order(words, tokens("كانت مثمرة")), name
        # PDFium gives a name of two Latin words inside an Arabic line as «Lavrov Sergey».
        name_words = ["Lavrov", "Sergey"] if name == "pdfium" else ["Sergey", "Lavrov"]
        assert contains_in_order(words, tokens("المحادثات مع") + name_words), name


def test_the_build_prints_its_stages_and_keeps_headings_with_their_text(
    seed_pdf: SphinxTestApp,
) -> None:
    status = re.sub(r"\x1b\[[0-9;]*m", "", seed_pdf.status.getvalue())
    assert re.search(r"briefing: assembled the book \(\d+\.\d s\)", status)
    assert re.search(r"briefing: compiled with Typst: \d+ pages \(\d+\.\d s\)", status)
    assert re.search(r"briefing: corrected the text layer: \d+ text runs read", status)
    source = (seed_pdf.outdir / "briefing.typ").read_text(encoding="utf-8")
    assert "#show heading: set block(sticky: true)" in source


def test_relations_read_as_sentences(built: BuildFn, seed_pdf: SphinxTestApp) -> None:
    """On a glossary page each relation reads label, target, date, note, in that order, in
    HTML and PDF (#18): the label used to be moved after the note, glued to it."""
    from bs4 import BeautifulSoup

    from sphinx_briefing.vocabulary import relation_label

    label = relation_label("met", "entry")[0]
    note = "قمة في قاعدة فوستوتشني الفضائية في أقصى الشرق الروسي."
    html = built("seed").outdir / "entries.html"
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    (item,) = [p for p in page.select("ul.briefing-relations > li > p") if note in p.get_text()]
    chip = item.find(True)
    assert chip is not None and chip.name == "span" and "briefing-relation" in chip["class"]
    assert chip.get_text() == label
    assert " ".join(item.get_text().split()) == f"{label} فلاديمير بوتين (2023-09-13): {note}"
    text = BIDI_MARKS.sub("", pdftotext(seed_pdf.outdir / "briefing.pdf"))
    assert contains_in_order(letters(text), letters(f"{label} فلاديمير بوتين 2023-09-13 {note}"))
    assert not re.search(r"الروسي\.\s*" + label, text)  # the next relation starts a new line
