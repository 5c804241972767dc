"""Transforms over resolved doctrees (run at write time, never stored in the environment)."""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_briefing.html.page import is_rtl
from sphinx_briefing.nodes import foreign_block, isolated_run

#: A run of Latin words, with the digits and punctuation that join them ("KCNA", "G7 summit").
LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9'’&./\-]|,? (?=[A-Za-z\u00c0-\u024f]))*"
)
#: An ISO date (2025-07-12, 2024-06): after Arabic letters its parts would be reordered
#: (12-07-2025), because the hyphen does not join Arabic-context numbers.
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")
_LTR_RUN = re.compile(f"(?P<latin>{LATIN_RUN.pattern})|(?P<date>{ISO_DATE.pattern})")
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
        if not _LTR_RUN.search(value) or not _has_rtl(_context(parent)):
            continue
        parent.replace(text, list(_split(value)))


def _context(node: nodes.Element) -> str:
    block = node
    while block.parent is not None and not isinstance(block, nodes.TextElement):
        block = block.parent
    return block.astext()


def latin_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (text, lang) runs, as :func:`isolate_latin` would wrap it on its own:
    lang None for plain text, ``""`` for an ISO date, ``"en"`` for a Latin run."""
    if not _LTR_RUN.search(text) or not _has_rtl(text):
        return [(text, None)]
    runs: list[tuple[str, str | None]] = []
    position = 0
    for match in _LTR_RUN.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], None))
        runs.append((match.group(), "en" if match.group("latin") else ""))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], None))
    return runs


def starts_ltr(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is left to right."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return True
        if kind in ("R", "AL"):
            return False
    return False


def _has_rtl(text: str) -> bool:
    return any("\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" for c in text)


def _split(value: str) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    position = 0
    for match in _LTR_RUN.finditer(value):
        if match.start() > position:
            parts.append(nodes.Text(value[position : match.start()]))
        # Latin words are English where known; a date has no language of its own.
        lang = "en" if match.group("latin") else ""
        parts.append(isolated_run(match.group(), match.group(), lang=lang))
        position = match.end()
    if position < len(value):
        parts.append(nodes.Text(value[position:]))
    return parts
