"""The extension's configuration values: name, default, what a change rebuilds, and type.

Each is documented in ``manual/configuration.md``. The rebuild column follows Sphinx:
``"env"`` re-reads every document, ``"html"`` rewrites every page, ``""`` neither (the value
is read fresh on each build, so no page depends on it).
"""

from __future__ import annotations

from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM

from sphinx_briefing.read.mentions import DENSITIES

Rebuild = Literal["", "env", "html"]

CONFIG_VALUES: tuple[tuple[str, Any, Rebuild, Any], ...] = (
    # Reading articles: the heading and list heuristics (a sidecar may override per article).
    ("briefing_heading_max_words", 12, "env", int),
    ("briefing_heading_max_chars", 90, "env", int),
    ("briefing_list_item_max_words", 20, "env", int),
    # Glossary and linking.
    ("briefing_glossary_dir", "glossary/entries", "env", str),
    # Articles that are links to files outside the project (briefing_source_root) are refused.
    ("briefing_allow_outside_links", False, "env", bool),
    ("briefing_link_density", "first-per-section", "env", ENUM(*DENSITIES)),
    ("briefing_link_adjectives", False, "env", bool),
    # HTML pages.
    ("briefing_isolate_latin", True, "html", bool),
    ("briefing_web_font", True, "html", bool),
    ("briefing_source_root", "..", "html", str),
    ("briefing_base_url", "", "html", str),
    ("briefing_editor", "", "html", str),
    ("briefing_sidebar_articles", 20, "html", int),
    # Regenerated on every build; pages need not be rewritten when it changes.
    ("briefing_icons", [], "", list),
    # The PDF.
    ("briefing_pdf_name", "briefing", "", str),
    ("briefing_pdf_paper", "a4", "", str),
    ("briefing_pdf_digits", "western", "", ENUM("western", "arabic-indic")),
    ("briefing_pdf_in_html", False, "env", bool),
    ("briefing_pdf_parallel", False, "", bool),
    # Editions and translations.
    ("briefing_parallel_language", "en", "env", str),
    ("briefing_project_translations", {}, "env", dict),
    ("briefing_author_translations", {}, "env", dict),
    # The build itself.
    ("briefing_gc_threshold", 10_000, "", int),
)


def add_config_values(app: Sphinx) -> None:
    """Register every ``briefing_*`` value with Sphinx."""
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types)
