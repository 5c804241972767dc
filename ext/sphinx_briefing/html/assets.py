"""Static files for HTML output: the extension's CSS/JS, minified and bundled, and the web
font, served locally.

At ``builder-inited`` :func:`add_static_files` writes into ``<doctreedir>/briefing-static``
(after the theme and the extension's own ``static/`` on ``html_static_path``, so its files
win): a minified copy of each of the extension's CSS and JavaScript files under its own name
(:mod:`sphinx_briefing.html.minify`; the sources stay as they are), one stylesheet bundling
:data:`BUNDLED_CSS`, and the theme's files without source maps or Font Awesome web fonts
(:mod:`sphinx_briefing.html.theme_assets`). The web font is cut to the characters of the
pages once they are written (:mod:`sphinx_briefing.html.font_subset`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_briefing import resources
from sphinx_briefing.html import font_subset, theme_assets
from sphinx_briefing.html.minify import minify_css, minify_js

STATIC_DIR = resources.STATIC
#: Every page's stylesheets, in cascade order.
CSS_FILES = (
    "briefing/briefing.css",
    "briefing/rtl.css",
    "briefing/glossary.css",
    "briefing/cite.css",
    "briefing/glance.css",
    # The parallel view, and the Arabic paragraphs of an edition in another language.
    "briefing/parallel.css",
)
#: The stylesheets served as one file (:data:`BUNDLE`), in the same order. parallel.css keeps
#: its own link: the parallel view's pages and tests find its sheet by name.
BUNDLED_CSS = CSS_FILES[:-1]
BUNDLE = "briefing/briefing-bundle.css"
#: parallel.js is not here: only pages that carry translations load it (html/parallel.py).
JS_FILES = ("briefing/briefing.js", "briefing/glossary.js", "briefing/cite.js")
#: The generated directory (shared with html/icons.py).
GENERATED_DIR = "briefing-static"
#: The web font's path under ``_static``.
FONT_FILE = font_subset.FONT_PATH.name
#: Sphinx's stylesheets of highlighted code, and the classes of highlighted code.
PYGMENTS_CSS = frozenset({"_static/pygments.css", "_static/pygments_dark.css"})
_HIGHLIGHT = re.compile(r"""class=["'][^"']*\bhighlight\b""")
#: Sphinx's own stylesheet (written from a template, with comments and indentation).
BASIC_CSS = "basic.css"


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # a dotfile: Sphinx never copies it
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_minified(generated: Path) -> None:
    """Minified copies of the extension's CSS and JS (same names) and the CSS bundle."""
    minified: dict[str, str] = {}
    for source in sorted(STATIC_DIR.rglob("*")):
        if source.suffix not in (".css", ".js") or not source.is_file():
            continue
        relative = source.relative_to(STATIC_DIR).as_posix()
        text = source.read_text(encoding="utf-8")
        minified[relative] = minify_css(text) if source.suffix == ".css" else minify_js(text)
        _write_if_changed(generated / relative, minified[relative])
    bundle = "".join(
        f"/* {name.rsplit('/', 1)[-1]} */\n{minified[name]}"
        for name in BUNDLED_CSS
        if name in minified
    )
    _write_if_changed(generated / BUNDLE, bundle)


def add_static_files(app: Sphinx) -> None:
    """Add the extension's static files, minified, and the cleaned theme files to HTML
    builds; link the stylesheets and scripts every page needs."""
    if app.builder.format != "html":
        return
    generated = Path(app.doctreedir) / GENERATED_DIR
    # The whole font of earlier versions: never copied over the subset again.
    (generated / font_subset.FONT_PATH).unlink(missing_ok=True)
    write_minified(generated)
    theme_assets.write_theme_files(app, generated)
    app.config.html_static_path = [
        *app.config.html_static_path,
        str(STATIC_DIR),
        str(generated),
    ]
    app.add_css_file(BUNDLE)
    for css in CSS_FILES:
        if css not in BUNDLED_CSS:
            app.add_css_file(css)
    for js in JS_FILES:
        app.add_js_file(js, defer="defer")


def drop_unused_pygments(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Leave Sphinx's code-highlighting stylesheet (13 KB) off pages without highlighted
    code (``html-page-context``): a briefing book rarely has any."""
    body = context.get("body")
    files = context.get("css_files")
    # Pages without a body (search, the index) are drawn by templates: no code there.
    if not isinstance(files, list) or (isinstance(body, str) and _HIGHLIGHT.search(body)):
        return
    # A new list: Sphinx's own is shared by every page.
    context["css_files"] = [
        css for css in files if getattr(css, "filename", str(css)) not in PYGMENTS_CSS
    ]


def finish_static(app: Sphinx) -> list[Any]:
    """Once every page is written (``html-collect-pages``, before a builder packs the
    output, as EPUB does): the source maps and Font Awesome web fonts out of ``_static``,
    Sphinx's ``basic.css`` minified, the web font cut to the pages' characters. Adds no
    page."""
    if app.builder.format != "html":
        return []
    theme_assets.remove_unshipped(app, None)
    basic = Path(app.outdir) / "_static" / BASIC_CSS
    if basic.is_file():
        # Sphinx writes it afresh on every build, so this never minifies twice.
        _write_if_changed(basic, minify_css(basic.read_text(encoding="utf-8")))
    font_subset.write_font_subset(app, None)
    return []
