"""Isolate Latin runs and ISO dates inside right-to-left HTML text (a post-transform, run at
write time and never stored in the environment)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_briefing.nodes import foreign_block, isolated_run
from sphinx_briefing.text.bidi import LTR_RUN, has_rtl
from sphinx_briefing.vocabulary import is_rtl

_SKIP_PARENTS = (nodes.literal, nodes.raw, isolated_run, nodes.FixedTextElement)


class IsolateLatin(SphinxPostTransform):
    """Wrap Latin runs (``lang="en"``) and ISO dates inside right-to-left text in
    ``isolated_run`` nodes, so they keep their left-to-right order."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        if self.config.briefing_isolate_latin and is_rtl(self.config.language):
            isolate_latin(self.document)


def isolate_latin(tree: nodes.Element) -> None:
    """Wrap the Latin runs and ISO dates of right-to-left text in ``tree``.

    Text inside a left-to-right block (the parallel view's English translation) is left
    alone: the block already sets its language and direction, and a right-to-left word
    in it must not turn its Latin runs into isolated islands.
    """
    ltr = {
        id(text)
        for block in tree.findall(foreign_block)
        if not is_rtl(block.get("lang"))
        for text in block.findall(nodes.Text)
    }
    for text in list(tree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, _SKIP_PARENTS) or id(text) in ltr:
            continue
        value = str(text)
        if not LTR_RUN.search(value) or not has_rtl(_context(parent)):
            continue
        parent.replace(text, list(_split(value)))


def _context(node: nodes.Element) -> str:
    block = node
    while block.parent is not None and not isinstance(block, nodes.TextElement):
        block = block.parent
    return block.astext()


def _split(value: str) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    position = 0
    for match in LTR_RUN.finditer(value):
        if match.start() > position:
            parts.append(nodes.Text(value[position : match.start()]))
        # Latin words are English where known; a date has no language of its own.
        lang = "en" if match.group("latin") else ""
        parts.append(isolated_run(match.group(), match.group(), lang=lang))
        position = match.end()
    if position < len(value):
        parts.append(nodes.Text(value[position:]))
    return parts
