"""The parallel view in HTML: the toggle that shows each paragraph's translation beside it.

:func:`sphinx_briefing.editions.translation.attach_parallel` puts every block's translation in
the page (``div.briefing-translation``, ``lang``/``dir`` of the translation); the styles in
``static/briefing/parallel.css`` hide them until the reader turns the view on with the
toggle rendered here (``templates/briefing/parallel-toggle.html``). ``parallel.js``
remembers the choice; it is loaded synchronously in ``<head>`` so a reader who turned the
view on never sees the page drawn without it first.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from sphinx_briefing.html.page import render_template
from sphinx_briefing.nodes import foreign_block

#: The class attach_parallel gives every translation shown beside its original.
TRANSLATION_CLASS = "briefing-translation"
#: The behaviour; the styles are on every page (assets.CSS_FILES).
SCRIPT = "briefing/parallel.js"


def translation_language(doctree: nodes.Node) -> str | None:
    """The language of the page's parallel translations, or None when it has none."""
    for block in doctree.findall(foreign_block):
        if TRANSLATION_CLASS in block.get("classes", ()):
            return str(block.get("lang") or "") or None
    return None


def toggle_label(language: str) -> str:
    """The toggle's visible label (its accessible name) for translations in ``language``."""
    if language.split("-")[0].lower() == "en":
        return str(_("English translation"))
    return str(_("Translation"))


def add_parallel_toggle(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On a page that carries translations, put the toggle at the top of the article and
    load the script that drives it (``html-page-context``)."""
    if app.builder.format != "html" or not isinstance(doctree, nodes.Node):
        return
    language = translation_language(doctree)
    if language is None or "body" not in context:
        return
    # Not deferred: it marks <html> from local storage before the body is drawn.
    app.add_js_file(SCRIPT)
    toggle = render_template(
        "briefing/parallel-toggle.html", label=toggle_label(language), lang=language
    )
    context["body"] = toggle + context["body"]
