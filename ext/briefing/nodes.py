"""Docutils nodes the extension adds to doctrees."""

from __future__ import annotations

from docutils import nodes


class paragraph_number(nodes.Inline, nodes.Element):  # noqa: N801 (docutils naming)
    """The visible, permalinked ¶ number at the start of a numbered paragraph.

    Attributes: ``number`` (int) and ``refid`` (the paragraph's anchor id). It has no text
    children, so it stays out of search, gettext messages and the fidelity check.
    """


class section_number(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The ``§3`` in front of a section title; its text shows in tables of contents."""


class isolated_run(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A run of left-to-right text (Latin words) isolated inside right-to-left text.

    Attribute ``lang``: the run's language tag, e.g. ``en``.
    """


class article_list(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the landing page's list of articles, filled once all are read."""


#: Nodes whose text is not the article's: skipped when checking that no text was lost.
GENERATED = (paragraph_number, section_number)
