"""Static files for HTML output: the extension's CSS/JS and the web font, served locally."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

from sphinx_briefing import resources
from sphinx_briefing.cache import cached_file, digest

STATIC_DIR = resources.STATIC
CSS_FILES = (
    "briefing/briefing.css",
    "briefing/rtl.css",
    "briefing/glossary.css",
    "briefing/cite.css",
    "briefing/glance.css",
    # The parallel view, and the Arabic paragraphs of an edition in another language.
    "briefing/parallel.css",
)
#: parallel.js is not here: only pages that carry translations load it (writers/parallel.py).
JS_FILES = ("briefing/briefing.js", "briefing/glossary.js", "briefing/cite.js")
#: The Arabic text face (it also covers Latin), from the fontpkg-noto-sans-arabic package.
FONT_FILE = "NotoSansArabic.woff2"


def font_source() -> Path:
    """The installed Noto Sans Arabic variable font (TTF)."""
    import fontpkg_noto_sans_arabic

    files = Path(fontpkg_noto_sans_arabic.__file__).parent / "files"
    return next(files.glob("NotoSansArabic*.ttf"))


def _compress(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    font.flavor = "woff2"
    font.save(str(target))


def _woff2(source: Path, target: Path) -> None:
    """Compress the TTF to WOFF2 (a third of the size, and slow); cached across builds."""
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return
    import fontTools

    target.parent.mkdir(parents=True, exist_ok=True)
    stat = source.stat()
    key = digest(str(source), stat.st_size, stat.st_mtime_ns, fontTools.version)
    tmp = target.with_suffix(".tmp")
    cached = cached_file("woff2", key + ".woff2", lambda path: _compress(source, path))
    if cached is not None:
        shutil.copyfile(cached, tmp)
    else:
        _compress(source, tmp)
    tmp.replace(target)
    license_file = source.parent.parent / "LICENSE"
    if license_file.is_file():
        shutil.copyfile(license_file, target.parent / "NotoSansArabic-LICENSE")


def add_static_files(app: Sphinx) -> None:
    """Add the extension's static directory, the web font and the CSS/JS to HTML builds."""
    if app.builder.format != "html":
        return
    generated = Path(app.doctreedir) / "briefing-static"
    if app.config.briefing_web_font:
        _woff2(font_source(), generated / "briefing" / "fonts" / FONT_FILE)
    app.config.html_static_path = [
        *app.config.html_static_path,
        str(STATIC_DIR),
        str(generated),
    ]
    for css in CSS_FILES:
        app.add_css_file(css)
    for js in JS_FILES:
        app.add_js_file(js, defer="defer")
