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
    # Larger articles are left out with a warning (0: no limit); the exclusion itself is the
    # configuration Sphinx compares (exclude_patterns), so the value needs no rebuild of its own.
    ("briefing_max_article_bytes", 5_000_000, "", int),
    ("briefing_link_density", "first-per-section", "env", ENUM(*DENSITIES)),
    ("briefing_link_adjectives", False, "env", bool),
    # HTML pages.
    ("briefing_isolate_latin", True, "html", bool),
    ("briefing_web_font", True, "html", bool),
    ("briefing_source_root", "..", "html", str),
    ("briefing_base_url", "", "html", str),
    ("briefing_editor", "", "html", str),
    ("briefing_sidebar_articles", 20, "html", int),
    # The editors' note at the foot of each article: names without a glossary entry.
    ("briefing_show_unlinked", False, "html", bool),
    # Regenerated on every build; pages need not be rewritten when it changes.
    ("briefing_icons", [], "", list),
    # The PDF.
    ("briefing_pdf_name", "briefing", "", str),
    ("briefing_pdf_paper", "a4", "", str),
    ("briefing_pdf_digits", "western", "", ENUM("western", "arabic-indic")),
    ("briefing_pdf_in_html", False, "env", bool),
    # The PDF is not built with the HTML above this many bytes of articles (0: no limit);
    # "html": the landing page's download link follows it.
    ("briefing_pdf_in_html_max_bytes", 1_000_000, "html", int),
    ("briefing_pdf_parallel", False, "", bool),
    # Editions and translations.
    ("briefing_parallel_language", "en", "env", str),
    ("briefing_project_translations", {}, "env", dict),
    ("briefing_author_translations", {}, "env", dict),
    # The translation status goes to the build log and _briefing/translation.json; this
    # also puts it on the landing page of the HTML (never the PDF).
    ("briefing_show_translation_status", False, "html", bool),
    # The build itself.
    ("briefing_gc_threshold", 10_000, "", int),
)


def add_config_values(app: Sphinx) -> None:
    """Register every ``briefing_*`` value with Sphinx."""
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types)
