"""Docutils nodes the extension adds to doctrees."""

from __future__ import annotations

from docutils import nodes


class paragraph_number(nodes.Inline, nodes.Element):
    """The visible, permalinked ¶ number at the start of a numbered paragraph.

    Attributes: ``number`` (int) and ``refid`` (the paragraph's anchor id). It has no text
    children, so it stays out of search, gettext messages and the fidelity check.
    """


class section_number(nodes.Inline, nodes.TextElement):
    """The ``§3`` in front of a section title; its text shows in tables of contents."""


class isolated_run(nodes.Inline, nodes.TextElement):
    """A run of left-to-right text (Latin words) isolated inside right-to-left text.

    Attribute ``lang``: the run's language tag, e.g. ``en``.
    """


class article_list(nodes.General, nodes.Element):
    """Placeholder for the landing page's list of articles, filled once all are read."""


class foreign_block(nodes.General, nodes.Element):
    """A block in another language than the page's: ``lang`` and its direction."""


class translation_pair(nodes.General, nodes.Element):
    """A numbered paragraph and, beside it, its translation (a :class:`foreign_block`)."""


class entity_preview(nodes.Inline, nodes.TextElement):
    """The hover/focus preview inside a link to a glossary entry (names, short description)."""


class backlinks(nodes.General, nodes.Element):
    """Placeholder for an entry's "Mentioned in" list, filled once all articles are read.

    Attribute ``entity``: the entry id.
    """


class backlinks_html(nodes.General, nodes.Element):
    """An entry's "Mentioned in" list, rendered (attribute ``html``), for HTML builders.

    Its text is the articles' words, not the page's: it has none of its own (``astext`` is
    empty), so what reads a page's text (the search index, the theme's page description)
    does not go through the thousands of snippets of a large book's entry.
    """

    def astext(self) -> str:
        return ""


#: Nodes whose text is not the article's: skipped when checking that no text was lost.
class set_aside(nodes.container):
    """The lines of a pasted page that are not the article (share buttons, related links,
    captions): kept, listed at the end of the article, collapsed in HTML, never numbered."""


#: Attribute of a section whose text runs in another direction than the page's
#: (``"ltr"``/``"rtl"``): an English article in the Arabic book. HTML writes it as ``dir``.
DIRECTION = "briefing_dir"

GENERATED = (paragraph_number, section_number, entity_preview)


def source_text(block: nodes.Element) -> str:
    """The block's article text, exactly as in its source line: its text nodes in order,
    those inside generated numbers and previews (:data:`GENERATED`) left out."""
    parts: list[str] = []
    _collect_source_text(block, parts)
    return "".join(parts)


def _collect_source_text(node: nodes.Element, parts: list[str]) -> None:
    # One walk down the block, not a search up from each text for a generated ancestor.
    for child in node.children:
        if isinstance(child, nodes.Text):
            parts.append(str(child))
        elif isinstance(child, nodes.Element) and not isinstance(child, GENERATED):
            _collect_source_text(child, parts)
