"""The ``briefing-pdf`` builder: the whole book as one Typst document, compiled to PDF.

Fonts come from PyPI packages and are passed by path with system fonts ignored, so the
PDF is the same on every machine and nothing is fetched at build time.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import time
from collections.abc import Collection, Iterator, Set
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.console import bold, darkgreen  # type: ignore[attr-defined]
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.tags import Tags

from sphinx_briefing import resources
from sphinx_briefing.cache import digest
from sphinx_briefing.domain import get_domain
from sphinx_briefing.html.navigation import ARTICLES_TOCTREE
from sphinx_briefing.incremental.fresh_exports import is_current, mark_current
from sphinx_briefing.nodes import article_list
from sphinx_briefing.pdf.textlayer import fix_text_layer, page_count
from sphinx_briefing.pdf.translator import TypstTranslator, string
from sphinx_briefing.vocabulary import HTML_PDF_DIR, is_rtl

logger = logging.getLogger(__name__)

PREAMBLE = resources.TYPST / "book.typ"

#: The font stack of every edition, Latin first: Typst takes each character from the first
#: face that has it, and IBM Plex Sans has no Arabic, so Arabic text (an Arabic book, or the
#: untranslated paragraphs and native names of an English one) falls to the matching IBM Plex
#: Sans Arabic, and Korean or Japanese names to Noto Sans CJK.
FONTS = ("IBM Plex Sans", "IBM Plex Sans Arabic", "Noto Sans CJK JP")


def build_date() -> dt.datetime:
    """The edition's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def font_dirs() -> list[str]:
    """The Arabic face (IBM Plex Sans Arabic), the Latin face (IBM Plex Sans) and, for
    native names in Korean or Japanese, Noto Sans CJK: all from PyPI packages.

    Static fonts, not variable ones: with the variable Noto Sans Arabic the PDF's text
    layer comes out garbled (duplicated letters) when copied or extracted.
    """
    import fontpkg_ibm_plex_sans
    import fontpkg_ibm_plex_sans_arabic
    import noto_cjk_sans_jp_regular

    return [
        str(Path(fontpkg_ibm_plex_sans_arabic.__file__).parent / "files"),
        str(Path(fontpkg_ibm_plex_sans.__file__).parent / "files"),
        str(Path(noto_cjk_sans_jp_regular.__file__).parent),
    ]


def front_matter(tree: nodes.document, first: Collection[str]) -> None:
    """Move the documents in ``first`` (the at-a-glance pages) to the front of the book,
    before the root document's own text, keeping their order."""
    moved: list[addnodes.start_of_file] = []
    for node in tree.findall(addnodes.start_of_file):
        inside = any(node in m.findall(addnodes.start_of_file) for m in moved)
        if node["docname"] in first and node.parent is not None and not inside:
            moved.append(node)
    for node in reversed(moved):
        node.parent.remove(node)
        tree.insert(0, node)


def list_before_articles(tree: nodes.document) -> None:
    """Put the landing page's list of articles before the articles: the toctree that brings
    them in goes after the list's placeholder (in HTML the toctree is hidden)."""
    for toctree in list(tree.findall(addnodes.toctree)):
        if not toctree.get(ARTICLES_TOCTREE):
            continue
        wrapper: nodes.Element = toctree
        if isinstance(toctree.parent, nodes.compound) and len(toctree.parent) == 1:
            wrapper = toctree.parent
        parent = wrapper.parent
        if not isinstance(parent, nodes.Element):
            continue
        after = parent.children[parent.index(wrapper) + 1 :]
        listing = next((node for node in after if isinstance(node, article_list)), None)
        if listing is not None:
            parent.remove(wrapper)
            parent.insert(parent.index(listing) + 1, wrapper)


class BriefingPDFBuilder(Builder):
    """Write ``<outdir>/<briefing_pdf_name>.pdf`` (and the ``.typ`` source beside it)."""

    name = "briefing-pdf"
    format = "typst"
    epilog = "The PDF is in %(outdir)s."
    supported_image_types: ClassVar[list[str]] = ["image/svg+xml", "image/png", "image/jpeg"]
    default_translator_class = TypstTranslator

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        # One PDF from the whole book, written every time. A string (not a list of names)
        # tells Sphinx to write it even when no document was re-read: with an up-to-date
        # environment (a second build sharing the doctrees) a list would write nothing.
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # Resolved links point into the single document: "%docname" (+ "#anchor").
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        started = time.perf_counter()
        master = self.config.root_doc
        root = self.env.get_doctree(master)
        list_before_articles(root)
        tree = inline_all_toctrees(self, set(), master, root, darkgreen, [master])
        tree["docname"] = master
        front_matter(tree, get_domain(self.env).glance_pages)
        self.env.resolve_references(tree, master, self)
        translator = TypstTranslator(
            tree,
            master,
            language=self.config.language or "en",
            parallel=bool(self.config.briefing_pdf_parallel),
        )
        tree.walkabout(translator)
        source = self.preamble() + translator.astext()
        out = Path(self.outdir)
        out.mkdir(parents=True, exist_ok=True)
        name = str(self.config.briefing_pdf_name)
        typ = out / f"{name}.typ"
        typ.write_text(source, encoding="utf-8")
        logger.info(bold("briefing: assembled the book (%.1f s)"), time.perf_counter() - started)
        pdf = out / f"{name}.pdf"
        started = time.perf_counter()
        self.compile(typ, pdf)
        logger.info(
            bold("briefing: compiled with Typst: %d pages (%.1f s)"),
            page_count(pdf),
            time.perf_counter() - started,
        )
        started = time.perf_counter()
        stats = fix_text_layer(
            pdf,
            rtl=is_rtl(self.config.language or "en"),
            mixed=bool(self.config.briefing_pdf_parallel),
        )
        logger.info(
            bold("briefing: corrected the text layer: %d text runs read, %d rewritten (%.1f s)"),
            stats.blocks,
            stats.rewritten,
            time.perf_counter() - started,
        )

    def preamble(self) -> str:
        """Page set-up, title page and table of contents."""
        language = self.config.language or "en"
        direction = "rtl" if is_rtl(language) else "ltr"
        edition = self.config.release or self.config.version or ""
        when = build_date()
        rtl = direction == "rtl"
        numbering = "١" if self.config.briefing_pdf_digits == "arabic-indic" else "1"
        values = {
            "lang": json.dumps(language.split("_")[0]),
            "dir": direction,
            "fonts": f"({', '.join(json.dumps(font) for font in FONTS)})",
            "title": string(str(self.config.project)),
            "author": string(str(self.config.author)),
            "edition": string(f"{_('Edition')} {edition} · {when.date().isoformat()}"),
            "contents": json.dumps(_("Contents"), ensure_ascii=False),
            "pdf_title": json.dumps(str(self.config.project), ensure_ascii=False),
            "pdf_author": f"({json.dumps(str(self.config.author), ensure_ascii=False)},)",
            "date": f"datetime(year: {when.year}, month: {when.month}, day: {when.day}, "
            f"hour: {when.hour}, minute: {when.minute}, second: {when.second})",
            "paper": json.dumps(str(self.config.briefing_pdf_paper)),
            # A right-to-left book is bound on the right: its inside margin is the right one.
            "binding": "right" if rtl else "left",
            "numbering": json.dumps(numbering, ensure_ascii=False),
        }
        text = PREAMBLE.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(f"__{key.upper()}__", value)
        return text

    def compile(self, source: Path, pdf: Path) -> None:
        """Compile with the bundled Typst compiler. Any failure stops the build."""
        import typst

        fonts = font_dirs()
        missing = [d for d in fonts if not any(Path(d).glob("*.[ot]tf"))]
        if missing:
            raise SphinxError(f"PDF fonts not found in {', '.join(missing)}; reinstall the project")
        pdf.unlink(missing_ok=True)
        try:
            typst.compile(
                str(source),
                output=str(pdf),
                root=str(source.parent),
                font_paths=fonts,
                ignore_system_fonts=True,
                timestamp=int(build_date().timestamp()),
            )
        except Exception as err:  # typst raises plain exceptions carrying its diagnostics
            raise SphinxError(f"Typst could not compile {source}:\n{err}") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise SphinxError(f"Typst wrote no PDF for {source}")

    def finish(self) -> None:
        pass


def book_bytes(app: Sphinx) -> int:
    """The size of the book's articles (their source files), in bytes."""
    total = 0
    for article in get_domain(app.env).articles.values():
        try:
            total += os.stat(article["path"]).st_size
        except OSError:  # gone since it was read: the next build notices
            continue
    return total


#: Builders of format "html" that make no web site: the e-book would carry the PDF inside it.
NOT_A_SITE = frozenset({"epub"})


def _pdf_asked(app: Sphinx) -> bool:
    """Whether this build is a web site asked to offer the PDF (``briefing_pdf_in_html``)."""
    builder = app.builder
    return (
        builder.format == "html"
        and builder.name not in NOT_A_SITE
        and bool(app.config.briefing_pdf_in_html)
    )


def pdf_with_html(app: Sphinx) -> bool:
    """Whether the HTML build makes and offers the PDF: asked for on a web site (not the
    e-book), and the articles within ``briefing_pdf_in_html_max_bytes`` (``0``: no limit)."""
    if not _pdf_asked(app):
        return False
    limit = int(app.config.briefing_pdf_in_html_max_bytes)
    return limit <= 0 or book_bytes(app) <= limit


def withdraw_pdf_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: no download link to a PDF the HTML build does not make (the
    landing page's link is read with the page, before the book's size is known)."""
    if app.builder.format != "html":
        return
    links = [
        node for node in doctree.findall(nodes.paragraph) if "briefing-download" in node["classes"]
    ]
    if links and not pdf_with_html(app):
        for node in links:
            node.parent.remove(node)


@contextmanager
def pdf_builder_for(app: Sphinx, outdir: Path) -> Iterator[BriefingPDFBuilder]:
    """A PDF builder working on ``app``'s environment (its doctrees are on disk already),
    writing into ``outdir``. While it works, it is ``app.builder`` and the environment's
    builder class, with its own tags, so ``only`` directives, post-transforms and
    references see a PDF build, as ``make pdf``'s do; the HTML builder comes back after."""
    env = app.env
    html_builder, html_tags, html_class = app.builder, app.tags, env._builder_cls
    own = {html_builder.format, html_builder.name}
    own |= {f"format_{html_builder.format}", f"builder_{html_builder.name}"}
    # A new Tags object: the HTML build's caches the conditions it evaluated.
    app.tags = Tags([tag for tag in html_tags if tag not in own])
    try:
        builder = BriefingPDFBuilder(app, env)  # adds the PDF builder's tags
        builder.outdir = outdir
        builder.init()
        app.builder = builder
        # Post-transforms choose by the environment's builder class (HTML-only ones skip).
        env._builder_cls = BriefingPDFBuilder
        yield builder
    finally:
        app.builder, app.tags, env._builder_cls = html_builder, html_tags, html_class


def build_pdf_for_html(app: Sphinx, exception: Exception | None) -> None:
    """Offer the PDF with the HTML (``build-finished``), made from this build's environment:
    nothing is read again (a second Sphinx run read the whole book a second time).

    Above ``briefing_pdf_in_html_max_bytes`` of articles the PDF is left to ``make pdf``
    (Typst holds the whole book in memory: 3.7 GB for a 1 MB article), with a note; an older
    PDF is removed rather than offered out of date, and the landing page links to none
    (:func:`withdraw_pdf_link`)."""
    if exception is not None or not _pdf_asked(app):
        return
    out = Path(app.outdir) / HTML_PDF_DIR
    name = str(app.config.briefing_pdf_name)
    if not pdf_with_html(app):
        for old in (out / f"{name}.pdf", out / f"{name}.typ"):
            old.unlink(missing_ok=True)
        logger.info(
            bold(
                "briefing: the PDF is not built with the HTML: the articles take %s bytes, "
                "over briefing_pdf_in_html_max_bytes (%s); build it with `make pdf`"
            ),
            f"{book_bytes(app):,}",
            f"{int(app.config.briefing_pdf_in_html_max_bytes):,}",
        )
        return
    inputs = _pdf_inputs(app)
    if is_current(app, "pdf", inputs) and (out / f"{name}.pdf").is_file():
        logger.info("briefing: the PDF for the HTML site is up to date")
        return
    logger.info("briefing: building the PDF for the HTML site")
    with pdf_builder_for(app, out) as builder:
        builder.write_documents(set(app.env.found_docs))
    if not (out / f"{name}.pdf").is_file():
        raise SphinxError(f"the PDF for the HTML site was not written to {out}")
    mark_current(app, "pdf", inputs)


def _pdf_inputs(app: Sphinx) -> str:
    """What the PDF is made from, cheap to digest: when every document was last read (a
    document read again, a glossary or translation change, is a new time), the
    configuration, the code and data of the extension and of Typst, and the edition's date.
    A build that read nothing keeps the PDF: it cost minutes and gigabytes at 1 MB."""
    config = sorted((option.name, _stable_repr(option.value)) for option in app.config)
    return digest(
        sorted(app.env.all_docs.items()),
        config,
        _code_version(),
        build_date().date().isoformat(),
    )


def _stable_repr(value: object) -> str:
    """``repr`` with sets and dicts in a fixed order (a set's order changes between runs);
    a value whose ``repr`` names its address changes every run, and the PDF is remade."""
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_stable_repr(item) for item in value)) + "}"
    if isinstance(value, dict):
        items = sorted(f"{_stable_repr(k)}: {_stable_repr(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_stable_repr(item) for item in value) + "]"
    return repr(value)


@functools.cache
def _code_version() -> str:
    """The extension's code and data (an upgrade or an edit makes a new PDF) and Typst's."""
    from importlib.metadata import version

    package = Path(resources.__file__).parent
    hashed = hashlib.sha256(version("typst").encode("utf-8"))
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".typ", ".json"}:
            hashed.update(path.relative_to(package).as_posix().encode("utf-8"))
            hashed.update(path.read_bytes())
    return hashed.hexdigest()
