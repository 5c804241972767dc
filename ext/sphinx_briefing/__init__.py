"""sphinx-briefing: turn plain-text news articles into a cross-referenced briefing book.

Enable with ``extensions = ["sphinx_briefing"]``. ``setup()`` only registers; each stage
lives in its own folder (``manual/architecture.md`` maps them).
"""

from __future__ import annotations

from typing import Any

from docutils.nodes import rubric, section
from sphinx.application import Sphinx

from sphinx_briefing import nodes as bnodes
from sphinx_briefing.config import add_config_values
from sphinx_briefing.domain import BriefingDomain, fix_revision, release_revision
from sphinx_briefing.editions.interface import register_catalogs, write_search_catalog
from sphinx_briefing.editions.status import write_report
from sphinx_briefing.editions.translation import use_project_translation
from sphinx_briefing.exports.writer import embed_citations, write_exports
from sphinx_briefing.html import visitors as html
from sphinx_briefing.html.assets import add_static_files, drop_unused_pygments, finish_static
from sphinx_briefing.html.cards import add_card_templates
from sphinx_briefing.html.font_subset import write_font_subset
from sphinx_briefing.html.icons import write_icon_subset
from sphinx_briefing.html.isolate_latin import IsolateLatin
from sphinx_briefing.html.navigation import use_bounded_sidebar
from sphinx_briefing.html.page import add_templates, use_direction_bridge
from sphinx_briefing.html.parallel import add_parallel_toggle
from sphinx_briefing.incremental import (
    build_lock,
    completion,
    gc_tuning,
    index_entries,
    stable_config,
)
from sphinx_briefing.incremental.fragments import save_fragments
from sphinx_briefing.incremental.outdated_pages import (
    glossary_pages,
    new_sidecars,
    note_reading,
    refresh_glossary,
    sidebar_pages,
)
from sphinx_briefing.incremental.stale_output import remove_stale_output
from sphinx_briefing.pages.glossary_pages import (
    FillBacklinks,
    GlossaryDirective,
    GlossaryDraftsDirective,
    GlossaryIndexDirective,
    report_drafts,
)
from sphinx_briefing.pages.landing import ArticlesDirective, FillArticleLists, SourcesDirective
from sphinx_briefing.pdf.builder import (
    BriefingPDFBuilder,
    build_pdf_for_html,
    withdraw_pdf_link,
)
from sphinx_briefing.pdf.translator import TypstTranslator
from sphinx_briefing.read import coverage
from sphinx_briefing.read.codec import use_lenient_encoding
from sphinx_briefing.read.fidelity import FidelityCheck
from sphinx_briefing.read.mentions import LinkMentions
from sphinx_briefing.read.parser import FILETYPE, ArticleParser, refuse_large_articles
from sphinx_briefing.read.project_files import refuse_outside_links
from sphinx_briefing.search.language import SearchArabic, glossary_names
from sphinx_briefing.search.page_data import add_search_scripts, write_search_data

__version__ = "0.1.0"

_SKIP = (html.skip, None)
_TEXT = (html.visit_text_element, html.depart_text_element)
_OTHER_FORMATS = ("latex", "text", "man", "texinfo")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's parts with Sphinx."""
    add_config_values(app)

    app.add_source_suffix(".txt", FILETYPE)
    app.add_source_parser(ArticleParser)
    app.add_domain(BriefingDomain)
    app.add_search_language(SearchArabic)
    app.add_builder(BriefingPDFBuilder)
    app.add_directive("briefing-articles", ArticlesDirective)
    app.add_directive("briefing-sources", SourcesDirective)
    app.add_directive("briefing-glossary", GlossaryDirective)
    app.add_directive("briefing-glossary-index", GlossaryIndexDirective)
    app.add_directive("briefing-glossary-drafts", GlossaryDraftsDirective)
    app.add_transform(LinkMentions)
    app.add_transform(FidelityCheck)
    app.add_post_transform(FillArticleLists)
    app.add_post_transform(FillBacklinks)
    app.add_post_transform(IsolateLatin)

    app.add_node(
        bnodes.paragraph_number,
        html=(html.visit_paragraph_number, None),
        **dict.fromkeys(_OTHER_FORMATS, _SKIP),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.section_number,
        html=(html.visit_section_number, html.depart_section_number),
        **dict.fromkeys(_OTHER_FORMATS, _TEXT),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.isolated_run,
        html=(html.visit_isolated_run, html.depart_isolated_run),
        **dict.fromkeys(_OTHER_FORMATS, _TEXT),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.foreign_block,
        html=(html.visit_foreign_block, html.depart_foreign_block),
        **dict.fromkeys(_OTHER_FORMATS, _TEXT),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.entity_preview,
        html=(html.visit_entity_preview, html.depart_entity_preview),
        **dict.fromkeys(_OTHER_FORMATS, _SKIP),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.translation_pair,
        html=(html.visit_translation_pair, html.depart_translation_pair),
        **dict.fromkeys(_OTHER_FORMATS, _TEXT),  # type: ignore[arg-type]
    )
    app.add_node(
        bnodes.backlinks_html,
        html=(html.visit_backlinks_html, None),
        **dict.fromkeys(_OTHER_FORMATS, _SKIP),  # type: ignore[arg-type]
    )
    # Sphinx's sections, with ``dir`` on an article written the other way than the page.
    app.add_node(section, override=True, html=(html.visit_section, html.depart_section))
    # Page leftovers: collapsed in HTML, a plain block elsewhere (the PDF's container).
    app.add_node(
        bnodes.set_aside,
        html=(html.visit_set_aside, html.depart_set_aside),
        typst=(TypstTranslator.visit_container, TypstTranslator.depart_container),
        **dict.fromkeys(_OTHER_FORMATS, _TEXT),  # type: ignore[arg-type]
    )
    app.add_node(
        rubric, override=True, html=(html.visit_set_aside_rubric, html.depart_set_aside_rubric)
    )
    app.add_node(bnodes.article_list)
    app.add_node(bnodes.backlinks)

    app.setup_extension("sphinx_briefing.glance")
    coverage.setup(app)  # names without a glossary entry: coverage.json, log, note
    app.setup_extension("sphinx_briefing.html.epub")  # the e-book reads right to left
    register_catalogs(app)
    stable_config.setup(app)  # a rebuild that changed nothing says so
    build_lock.setup(app)  # one build of a book at a time
    completion.setup(app)  # a build that did not finish is made whole by the next
    index_entries.setup(app)  # the search index keeps its index entries on a rebuild
    app.connect("env-before-read-docs", use_lenient_encoding)
    app.connect("env-before-read-docs", note_reading)
    gc_tuning.setup(app)  # the collector: a higher threshold, the environment frozen to write
    app.connect("config-inited", refuse_outside_links, priority=900)
    app.connect("config-inited", refuse_large_articles, priority=900)
    app.connect("config-inited", use_direction_bridge)
    app.connect("config-inited", add_templates)
    app.connect("config-inited", write_search_catalog)
    app.connect("config-inited", use_project_translation)
    app.connect("builder-inited", add_static_files)
    app.connect("html-collect-pages", finish_static)  # before EPUB packs the output
    app.connect("build-finished", write_font_subset, priority=800)  # after the data files
    app.connect("html-page-context", add_card_templates)
    app.connect("html-page-context", drop_unused_pygments)
    app.connect("builder-inited", write_icon_subset)
    app.connect("env-get-outdated", new_sidecars)
    app.connect("env-get-outdated", refresh_glossary)
    app.connect("env-get-updated", glossary_pages)
    app.connect("env-updated", report_drafts)
    app.connect("env-get-updated", sidebar_pages)
    app.connect("build-finished", write_exports)
    app.connect("write-started", glossary_names)  # before Sphinx makes the indexer
    app.connect("write-started", fix_revision)
    app.connect("write-started", write_search_data, priority=600)  # with the revision fixed
    app.connect("build-finished", release_revision, priority=950)  # after every export
    app.connect("build-finished", write_report)
    app.connect("build-finished", build_pdf_for_html)
    app.connect("doctree-resolved", withdraw_pdf_link)
    app.connect("build-finished", save_fragments, priority=900)  # after the exports
    app.connect("build-finished", remove_stale_output)
    app.connect("html-page-context", use_bounded_sidebar)
    app.connect("html-page-context", add_search_scripts)
    app.connect("html-page-context", embed_citations)
    app.connect("html-page-context", add_parallel_toggle)

    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
