"""The e-book (``sphinx-build -b epub``, ``make epub``) of a small book with an article, a
glossary and the at-a-glance page: EPUB 3 turning its pages right to left, with the
article's text, the glossary entries and the links between them, built without a warning."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.helpers import SEED, BuildFn, warnings_of

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
ARTICLE = "articles/lavrov-wonsan.xhtml"


@pytest.fixture
def epub_app(build: BuildFn) -> SphinxTestApp:
    return build("epub", buildername="epub")


class Book:
    """The .epub file: its package document and its XHTML pages, parsed."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.names = archive.namelist()
            self.files = {name: archive.read(name) for name in self.names}
        container = ET.fromstring(self.files["META-INF/container.xml"])
        rootfile = next(e for e in container.iter() if e.tag.endswith("rootfile"))
        self.opf_name = str(rootfile.get("full-path"))
        self.opf = ET.fromstring(self.files[self.opf_name])
        # Every page is XML: a reader refuses a page that is not well formed.
        self.pages = {
            name: ET.fromstring(data)
            for name, data in self.files.items()
            if name.endswith(".xhtml")
        }

    def text(self, name: str) -> str:
        return "".join(self.pages[name].itertext())

    def manifest(self) -> dict[str, str]:
        return {
            str(item.get("href")): str(item.get("media-type"))
            for item in self.opf.iter(f"{OPF}item")
        }


def epub_of(app: SphinxTestApp) -> Book:
    found = sorted(app.outdir.glob("*.epub"))
    assert len(found) == 1, found
    return Book(found[0])


def test_the_epub_builds_without_warnings_and_reads_right_to_left(epub_app: SphinxTestApp) -> None:
    assert warnings_of(epub_app) == ""
    book = epub_of(epub_app)
    assert book.names[0] == "mimetype"  # the first entry, as readers expect
    assert book.files["mimetype"] == b"application/epub+zip"
    spine = book.opf.find(f"{OPF}spine")
    assert spine is not None and spine.get("page-progression-direction") == "rtl"
    assert book.opf.findtext(f"{OPF}metadata/{DC}language") == "ar"
    assert book.opf.get("version") == "3.0"
    for name, page in book.pages.items():
        if name != "nav.xhtml":
            assert page.get("dir") == "rtl", name
            assert page.get("lang") == page.get("{http://www.w3.org/XML/1998/namespace}lang")
            assert page.get("lang") == "ar", name


def test_the_article_text_and_the_glossary_are_in_the_book(epub_app: SphinxTestApp) -> None:
    book = epub_of(epub_app)
    text = re.sub(r"\s+", " ", book.text(ARTICLE))
    # Every line of the article, word for word (headings, byline and paragraphs).
    lines = [" ".join(line.split()) for line in SEED.read_text(encoding="utf-8").splitlines()]
    assert len([line for line in lines if line]) > 15
    assert [line for line in lines if line not in text] == []
    # The glossary entries are a page of the book, in its reading order.
    entries = book.pages["entries.xhtml"]
    assert entries.find(".//*[@id='sergey-lavrov']") is not None
    spine = [ref.get("idref") for ref in book.opf.iter(f"{OPF}itemref")]
    ids = {item.get("id"): item.get("href") for item in book.opf.iter(f"{OPF}item")}
    assert {"entries.xhtml", ARTICLE, "glance.xhtml"} <= {ids[i] for i in spine}


def test_mentions_link_to_their_entries_and_every_link_resolves(
    epub_app: SphinxTestApp,
) -> None:
    book = epub_of(epub_app)
    mentions = [
        a.get("href", "")
        for a in book.pages[ARTICLE].iter(f"{XHTML}a")
        if "briefing-mention" in (a.get("class") or "").split()
    ]
    assert "../entries.xhtml#sergey-lavrov" in mentions
    manifest = book.manifest()
    opf_dir = posixpath.dirname(book.opf_name)
    checked = 0
    for name, page in book.pages.items():
        for element in page.iter():
            if element.tag not in (f"{XHTML}a", f"{SVG}a", f"{XHTML}link", f"{XHTML}script"):
                continue
            href = element.get("href") or element.get("src")
            if not href or href.startswith(("http:", "https:", "mailto:")):
                continue
            parts = urlsplit(href)
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(name), unquote(parts.path))
            )
            if not parts.path:
                target = name
            # In the book and declared in its manifest (a reader shows nothing else).
            assert target in book.files, (name, href)
            assert posixpath.relpath(target, opf_dir or ".") in manifest, (name, href)
            if parts.fragment and target.endswith(".xhtml"):
                found = book.pages[target].find(f".//*[@id='{parts.fragment}']")
                assert found is not None, (name, href)
            checked += 1
    assert checked > 200


def test_the_glance_page_draws_its_figures_and_shows_their_data(epub_app: SphinxTestApp) -> None:
    book = epub_of(epub_app)
    page = book.pages["glance.xhtml"]
    drawings = list(page.iter(f"{SVG}svg"))
    assert len(drawings) == 3
    assert all(svg.get("role") == "group" and svg.get("viewBox") for svg in drawings)
    # No "view full size" page in an e-book, and the data under each drawing is open.
    assert not [
        p for p in page.iter(f"{XHTML}p") if "briefing-figure-full" in (p.get("class") or "")
    ]
    details = list(page.iter(f"{XHTML}details"))
    assert details and all(d.get("open") == "open" for d in details)
    # EPUB 3 wants pages with inline SVG declared so, and only those.
    properties = {item.get("href"): item.get("properties") for item in book.opf.iter(f"{OPF}item")}
    assert properties["glance.xhtml"] == "svg"
    assert properties[ARTICLE] is None and properties["entries.xhtml"] is None
    # The book's web font travels with it, as a core EPUB media type; no script is loaded.
    assert "font/woff2" in book.manifest().values()
    assert not [e for p in book.pages.values() for e in p.iter(f"{XHTML}script")]


def test_style_sheets_leave_direction_to_the_markup(epub_app: SphinxTestApp) -> None:
    book = epub_of(epub_app)
    sheets = [name for name in book.names if name.endswith(".css")]
    assert any(name.endswith("glance.css") for name in sheets)
    # EPUB forbids direction and unicode-bidi in CSS; the pages' dir attributes set them.
    bidi = re.compile(r"(?<![-\w])(?:direction|unicode-bidi)\s*:")
    assert [name for name in sheets if bidi.search(book.files[name].decode())] == []
    assert "flex-direction" in "".join(book.files[name].decode() for name in sheets)


def test_web_only_files_left_in_the_output_stay_out_quietly(build: BuildFn) -> None:
    first = build("epub", buildername="epub")
    # What an HTML build with the exports and the PDF would leave in the same folder, and
    # Sphinx's copy of the previous build information after a configuration change.
    for name in (
        "_briefing/glossary.json",
        "_briefing/citations.bib",
        "_downloads/pdf/briefing.pdf",
        ".buildinfo.bak",
    ):
        path = first.outdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"{}")
    first.cleanup()
    again = build("epub", buildername="epub", freshenv=True)
    assert warnings_of(again) == ""
    names = epub_of(again).names
    assert not [n for n in names if n.startswith(("_briefing/", "_downloads/"))]
    assert not [n for n in names if n.endswith("LICENSE")]


def test_a_plain_epub_build_makes_and_links_no_pdf(build: BuildFn) -> None:
    # The book's own conf.py offers the PDF with its web site (briefing_pdf_in_html); an
    # e-book built from it without -D briefing_pdf_in_html=0 must neither build the PDF nor
    # link to it from the landing page.
    app = build("epub", buildername="epub", confoverrides={"briefing_pdf_in_html": True})
    assert warnings_of(app) == ""
    assert not list(app.outdir.rglob("*.pdf")) and not list(app.outdir.rglob("*.typ"))
    book = epub_of(app)
    assert not [n for n in book.names if n.endswith(".pdf")]
    landing = book.files["index.xhtml"].decode()
    assert "briefing-articles" in landing or "lavrov-wonsan" in landing
    assert "briefing-download" not in landing and ".pdf" not in landing
