"""The HTML page around the article: text direction on ``<html>``, fonts, static assets."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader

from sphinx_briefing import resources
from sphinx_briefing.report import warn
from sphinx_briefing.vocabulary import is_rtl

#: Languages written right to left (primary subtags).

_HTML_TAG = re.compile(r"<html(?![^>]*\sdir=)", re.IGNORECASE)
BRIDGE = "sphinx_briefing.html.page.DirectionTemplateBridge"


class DirectionTemplateBridge(BuiltinTemplateLoader):
    """Sphinx's template loader, plus ``dir`` on the ``<html>`` tag.

    pydata-sphinx-theme builds the ``<html>`` tag in a template variable that neither a
    child template nor ``html_context`` can change, so the rendered page is amended here.
    """

    # Sphinx annotates TemplateBridge.render as returning None, though every loader returns str.
    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        return _with_direction(super().render(template, context), context)

    def render_string(self, source: str, context: dict[str, Any]) -> str:
        return _with_direction(super().render_string(source, context), context)


def _with_direction(page: str, context: dict[str, Any]) -> str:
    direction = "rtl" if is_rtl(context.get("language")) else "ltr"
    if "<html" not in page[:2000]:
        return page
    return _HTML_TAG.sub(f'<html dir="{direction}"', page, count=1)


TEMPLATES_DIR = resources.TEMPLATES


@functools.cache
def _environment() -> jinja2.Environment:
    # The extension's own fragments (templates/briefing/), whatever the theme; autoescaped.
    # They are the package's files: not checked for changes on every page (a stat each).
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render one of the extension's HTML fragments (``templates/briefing/*.html``)."""
    return _environment().get_template(name).render(**context)


#: The themes the template overrides were written for (they extend these themes' templates).
THEMED = frozenset({"sphinx_book_theme", "pydata_sphinx_theme"})


def add_templates(app: Sphinx, config: Config) -> None:
    """Put the extension's template overrides after the project's own, before the theme's."""
    if config.html_theme not in THEMED:
        return
    path = str(TEMPLATES_DIR)
    if path not in config.templates_path:
        config.templates_path = [*config.templates_path, path]


def use_direction_bridge(app: Sphinx, config: Config) -> None:
    """Install the bridge unless the project configured its own (then warn: no ``dir``)."""
    if config.template_bridge in (None, "", BRIDGE):
        config.template_bridge = BRIDGE
    else:
        warn(
            f"template_bridge is set to {config.template_bridge!r}; pages get no dir attribute",
            "config",
            Path(app.confdir) / "conf.py",
        )
