"""Recognise the structure of a plain-text article: headline, headings, paragraphs, lists.

This is the pure part of the parser: text in, a list of :class:`Block` out, every block
carrying the 1-based line it came from. It never raises and never drops a non-blank
line; the heuristics and the author's overrides are documented in ``manual/articles.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

#: Characters that end a sentence (Latin and Arabic) and so rule out a heading.
FINAL_PUNCTUATION = frozenset(".!?؟:;؛…,،")
#: Closing quotes and brackets looked through when finding a line's final punctuation.
_CLOSERS = "\"'”’»)]}›"

#: A leading dateline: a few words of attribution, then a dash, e.g. ``وكالات – ``.
_DATELINE = re.compile(r"^(?P<source>[^\s–—\-.:؛،,]+(?: [^\s–—\-.:؛،,]+){0,3}) ?[–—-] ")


class Kind(Enum):
    """What a line of the article is."""

    HEADLINE = "headline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"


@dataclass(frozen=True)
class Layout:
    """Heuristic thresholds and the author's per-line overrides (from the sidecar)."""

    heading_max_words: int = 12
    heading_max_chars: int = 90
    list_item_max_words: int = 20
    #: Lines forced to a kind, by 1-based line number.
    headings: frozenset[int] = frozenset()
    paragraphs: frozenset[int] = frozenset()
    list_items: frozenset[int] = frozenset()
    #: Whether a leading ``source – `` is read as the dateline.
    dateline: bool = True


@dataclass(frozen=True)
class Block:
    """One unit of the article: its kind, its text (stripped) and the line it starts on."""

    kind: Kind
    text: str
    line: int
    #: Where the text starts in its line (leading whitespace is not part of the block).
    column: int = 0


@dataclass
class Article:
    """The recognised structure of one article."""

    blocks: list[Block] = field(default_factory=list)
    #: The attribution of a leading dateline (``وكالات``), kept in the text too.
    dateline: str | None = None

    @property
    def headline(self) -> Block | None:
        """The headline block, if the article has any text."""
        first = self.blocks[0] if self.blocks else None
        return first if first is not None and first.kind is Kind.HEADLINE else None

    @property
    def body(self) -> list[Block]:
        """Every block after the headline."""
        return self.blocks[1:] if self.headline is not None else list(self.blocks)


def numbered(blocks: Iterable[Block]) -> Iterable[tuple[Block, int]]:
    """Each block with its ordinal: § for headings, ¶ (continuous) for paragraphs and list
    items, 0 for the headline. These ordinals are the ``s``/``p`` anchor ids."""
    sections = paragraphs = 0
    for block in blocks:
        if block.kind is Kind.HEADING:
            sections += 1
            yield block, sections
        elif block.kind is Kind.HEADLINE:
            yield block, 0
        else:
            paragraphs += 1
            yield block, paragraphs


def final_character(line: str) -> str:
    """The line's last character, looking through closing quotes and brackets."""
    stripped = line.rstrip().rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def looks_like_heading(line: str, layout: Layout) -> bool:
    """A short line without final punctuation."""
    text = line.strip()
    return (
        bool(text)
        and len(text) <= layout.heading_max_chars
        and len(text.split()) <= layout.heading_max_words
        and final_character(text) not in FINAL_PUNCTUATION
    )


def introduces_list(line: str) -> bool:
    """A line ending in a colon announces list items on the following lines."""
    return line.rstrip().endswith((":", "："))


def _forced(number: int, layout: Layout) -> Kind | None:
    if number in layout.headings:
        return Kind.HEADING
    if number in layout.list_items:
        return Kind.LIST_ITEM
    if number in layout.paragraphs:
        return Kind.PARAGRAPH
    return None


def _numbered_lines(text: str) -> Iterable[tuple[int, str, int]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line.strip(), len(line) - len(line.lstrip())


def parse(text: str, layout: Layout | None = None) -> Article:
    """Recognise the blocks of ``text`` (already decoded and cleaned, ``\\n`` line ends)."""
    layout = layout or Layout()
    article = Article()
    in_list = False
    # Whether the list's items so far end in punctuation; None before the first item.
    items_punctuated: bool | None = None
    previous_number = 0
    for number, line, column in _numbered_lines(text):
        # A blank line ends a list, as it would in a word processor.
        if number > previous_number + 1:
            in_list = False
        previous_number = number
        kind = _forced(number, layout)
        if not article.blocks:
            kind = Kind.HEADLINE if kind is None else kind
        elif kind is None:
            kind = _guess(line, layout, in_list, items_punctuated)
        if kind is Kind.LIST_ITEM:
            punctuated = final_character(line) in FINAL_PUNCTUATION
            items_punctuated = punctuated if items_punctuated is None else items_punctuated
            in_list = True
        else:
            in_list = kind is Kind.PARAGRAPH and introduces_list(line)
            items_punctuated = None
        article.blocks.append(Block(kind, line, number, column))
    _find_dateline(article, layout)
    return article


def _guess(line: str, layout: Layout, in_list: bool, items_punctuated: bool | None) -> Kind:
    heading_like = looks_like_heading(line, layout)
    # After punctuated items, an unpunctuated short line is the next heading, not an item.
    short = len(line.split()) <= layout.list_item_max_words
    if in_list and short and not (heading_like and items_punctuated):
        return Kind.LIST_ITEM
    return Kind.HEADING if heading_like else Kind.PARAGRAPH


def _find_dateline(article: Article, layout: Layout) -> None:
    if not layout.dateline:
        return
    first = next((b for b in article.body if b.kind is not Kind.HEADING), None)
    if first is None or first is not next(iter(article.body), None):
        return
    match = _DATELINE.match(first.text)
    if match:
        article.dateline = match.group("source")
