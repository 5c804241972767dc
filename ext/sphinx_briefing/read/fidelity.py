"""Check that no article text was lost between the file and the doctree.

Every character of the article (NFC, whitespace collapsed) must appear in the doctree's
text, in order. Text the extension generates (¶ and § numbers) is not counted; text added
elsewhere (a kicker, link titles) is allowed, text missing is a warning at ``file:line``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_briefing.nodes import GENERATED
from sphinx_briefing.report import warn
from sphinx_briefing.text.source import normalise_for_fidelity

_ATTRIBUTE = "_briefing_source_text"


def remember_source(document: nodes.document, text: str) -> None:
    """Keep the cleaned article text on the document until :class:`FidelityCheck` runs."""
    setattr(document, _ATTRIBUTE, text)


def doctree_text(node: nodes.Node) -> str:
    """The text of ``node``'s subtree, leaving out generated numbers."""
    parts: list[str] = []

    def visit(current: nodes.Node) -> None:
        if isinstance(current, GENERATED):
            return
        if isinstance(current, nodes.Text):
            parts.append(str(current))
            return
        for child in current.children:
            visit(child)
        # Block boundaries are word boundaries.
        if isinstance(current, nodes.TextElement):
            parts.append(" ")

    visit(node)
    return "".join(parts)


def first_missing(source: str, rendered: str) -> int | None:
    """The 1-based line of ``source`` holding the first character not found, in order, in
    ``rendered``; None when all of ``source`` is there."""
    target = normalise_for_fidelity(rendered)
    position = 0
    for number, line in enumerate(source.split("\n"), start=1):
        for char in normalise_for_fidelity(line):
            found = target.find(char, position)
            if found < 0:
                return number
            position = found + 1
    return None


class FidelityCheck(SphinxTransform):
    """Warn (``briefing.fidelity``) when an article's doctree lost some of its text."""

    # Late, so that text changes by every other read transform are covered.
    default_priority = 880

    def apply(self, **kwargs: object) -> None:
        text: str | None = getattr(self.document, _ATTRIBUTE, None)
        if text is None:
            return
        # Not pickled with the doctree.
        delattr(self.document, _ATTRIBUTE)
        if self.config.language not in (None, "", self._article_language()):
            return  # a translated edition replaces the text on purpose
        line = first_missing(text, doctree_text(self.document))
        if line is not None:
            warn(
                "text of this line is missing from the built book (fidelity check)",
                "fidelity",
                self.document["source"],
                line,
            )

    def _article_language(self) -> str:
        from sphinx_briefing.domain import get_domain

        record = get_domain(self.env).articles.get(self.env.docname)
        return record["language"] if record else ""
