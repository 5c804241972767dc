"""The EPUB 3 e-book (``sphinx-build -b epub``, ``make epub``): Sphinx's builder, made to
read right to left.

Sphinx derives the spine's ``page-progression-direction`` from ``epub_writing_mode`` alone
(``horizontal``: ``ltr``), so an Arabic book would turn its pages the wrong way; here a
horizontal book in a right-to-left language gets ``rtl``, and its pages carry the language
(``lang``/``xml:lang``) for the reader's fonts and hyphenation. The book's web font is a core
EPUB media type (``font/woff2``); what the extension writes beside an HTML build for the web
(the exports, the PDF, the font's licence file: the licence is also in the font) stays out of
the e-book without a warning. Two EPUB rules Sphinx does not follow are kept as well: pages
with inline SVG are declared ``properties="svg"``, and style sheets set no ``direction`` or
``unicode-bidi`` (EPUBCheck finds nothing in the book's e-book).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder

from sphinx_briefing.vocabulary import HTML_PDF_DIR, is_rtl

#: Folders (relative to the output) of web-only by-products: the machine-readable exports
#: (``exports/writer.py``'s ``EXPORT_DIR``) and the PDF.
WEB_ONLY_DIRS = ("_briefing", HTML_PDF_DIR)
#: The web font's licence (html/assets.py); its text is in the font's name table too.
FONT_LICENCE = "_static/briefing/fonts/NotoSansArabic-LICENSE"
#: A ``direction`` or ``unicode-bidi`` declaration (not ``flex-direction``, not a variable).
_BIDI_CSS = re.compile(r"(?<![-\w])(?:direction|unicode-bidi)\s*:[^;}]*;?")
#: A page's line in content.opf, as Sphinx's template writes it.
_XHTML_ITEM = re.compile(
    r'(<item id="[^"]*" href="([^"]+\.xhtml)" media-type="application/xhtml\+xml") />'
)


class BriefingEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder with right-to-left page progression and language tags."""

    media_types = {**Epub3Builder.media_types, ".woff2": "font/woff2"}  # noqa: RUF012

    def init(self) -> None:
        super().init()
        language = html.escape(self.config.epub_language or "", quote=True)
        if language:
            # Read by prepare_writing() into each page's <html> tag.
            self.html_tag = self.html_tag.replace(
                "<html ", f'<html lang="{language}" xml:lang="{language}" ', 1
            )

    def content_metadata(self) -> dict[str, Any]:
        """The OPF metadata, with ``rtl`` page progression for a horizontal right-to-left
        book (Sphinx only ever writes ``ltr`` for ``horizontal``)."""
        metadata = super().content_metadata()
        if self.config.epub_writing_mode == "horizontal" and is_rtl(self.config.epub_language):
            metadata["page_progression_direction"] = "rtl"
        return metadata

    def copy_static_files(self) -> None:
        """The static files, with ``direction`` and ``unicode-bidi`` taken out of the style
        sheets: EPUB forbids them in CSS (the pages' ``dir`` attributes say the same)."""
        super().copy_static_files()
        for sheet in sorted(Path(self.outdir, "_static").rglob("*.css")):
            text = sheet.read_text(encoding="utf-8")
            kept = _BIDI_CSS.sub("", text)
            if kept != text:
                sheet.write_text(kept, encoding="utf-8")

    def build_content(self) -> None:
        """content.opf, without the web-only files an earlier build left in the output."""
        configured = self.config.epub_exclude_files
        self.config.epub_exclude_files = [*configured, *self._web_only_files()]
        try:
            super().build_content()
        finally:
            self.config.epub_exclude_files = configured
        self._declare_svg()

    def _declare_svg(self) -> None:
        """Mark the pages that hold inline SVG (the at-a-glance drawings) with
        ``properties="svg"``, as EPUB 3 requires (Sphinx's template writes no properties)."""
        opf = Path(self.outdir, "content.opf")
        text = opf.read_text(encoding="utf-8")

        def declare(found: re.Match[str]) -> str:
            page = Path(self.outdir, unquote(html.unescape(found.group(2))))
            if "<svg" not in page.read_text(encoding="utf-8"):
                return found.group(0)
            return f'{found.group(1)} properties="svg" />'

        opf.write_text(_XHTML_ITEM.sub(declare, text), encoding="utf-8")

    def _web_only_files(self) -> list[str]:
        # Sphinx keeps the previous build's .buildinfo as .buildinfo.bak when the
        # configuration changed, and leaves only .buildinfo out of the book.
        found = [FONT_LICENCE, ".buildinfo.bak"]
        for folder in WEB_ONLY_DIRS:
            top = Path(self.outdir, folder)
            for root, _dirs, files in os.walk(top):
                found += [(Path(root) / name).relative_to(self.outdir).as_posix() for name in files]
        return found


def setup(app: Sphinx) -> dict[str, Any]:
    """Replace Sphinx's ``epub`` builder with :class:`BriefingEpub3Builder`."""
    app.add_builder(BriefingEpub3Builder, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
