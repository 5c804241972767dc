"""Recognise the structure of a plain-text article: headline, headings, paragraphs, lists.

This is the pure part of the parser: text in, a list of :class:`Block` out, every block
carrying the 1-based line it came from. It never raises and never drops a non-blank
line; the heuristics and the author's overrides are documented in ``manual/articles.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum

from sphinx_briefing.text import line_roles

#: Characters that end a sentence (Latin and Arabic) and so rule out a heading.
FINAL_PUNCTUATION = frozenset(".!?؟:;؛…,،")
#: Closing quotes and brackets looked through when finding a line's final punctuation.
_CLOSERS = "\"'”’»)]}›"


class Kind(Enum):
    """What a line of the article is."""

    HEADLINE = "headline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    #: A dateline on its own line («سيؤول (وكالات)»): shown as a dateline, never numbered.
    DATELINE = "dateline"
    #: An author line («بقلم: …»): metadata, shown but not numbered.
    BYLINE = "byline"
    #: A publication or update line («نشرت في …»): metadata, shown but not numbered.
    PUBLISHED = "published"
    #: A leftover of the web page (share buttons, related links, captions): set aside.
    OMITTED = "omitted"


#: The role of each kind as ``briefing outline --format json`` names it (a pinned format).
ROLE_NAMES = {
    Kind.HEADLINE: "headline",
    Kind.HEADING: "heading",
    Kind.PARAGRAPH: "paragraph",
    Kind.LIST_ITEM: "item",
    Kind.DATELINE: "dateline",
    Kind.BYLINE: "byline",
    Kind.PUBLISHED: "published",
    Kind.OMITTED: "omitted",
}
#: Kinds that are numbered (§ for headings, ¶ for the others).
NUMBERED = frozenset({Kind.HEADING, Kind.PARAGRAPH, Kind.LIST_ITEM})
#: Kinds that carry facts about the article rather than its text.
METADATA = frozenset({Kind.DATELINE, Kind.BYLINE, Kind.PUBLISHED})
#: Longest headline: a longer first line is the article's first paragraph.
HEADLINE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 20
#: Longest derived title (the first clause of ¶1), and the longest title shown at all.
DERIVED_TITLE_MAX = 80
TITLE_MAX = 150


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
    #: Lines kept as article text whatever they look like, and lines set aside.
    keep: frozenset[int] = frozenset()
    omit: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Block:
    """One unit of the article: its kind, its text (stripped) and the line it starts on."""

    kind: Kind
    text: str
    line: int
    #: Where the text starts in its line (leading whitespace is not part of the block).
    column: int = 0
    #: Why the reader gave the line this kind (shown by ``briefing outline``).
    why: str = ""
    #: The dateline that opens this paragraph («موسكو – رويترز – »), if any.
    dateline: str = ""


@dataclass
class Article:
    """The recognised structure of one article."""

    blocks: list[Block] = field(default_factory=list)
    #: The agency of the dateline (``وكالات``, ``رويترز``), kept in the text too.
    dateline: str | None = None
    #: What the text says about itself: ``source``, ``date``, ``author``, ``place``.
    found: dict[str, str] = field(default_factory=dict)

    @property
    def headline(self) -> Block | None:
        """The headline block, if the text has one."""
        return next((b for b in self.blocks if b.kind is Kind.HEADLINE), None)

    @property
    def body(self) -> list[Block]:
        """Every block but the headline (metadata and set-aside lines included)."""
        return [b for b in self.blocks if b.kind is not Kind.HEADLINE]

    @property
    def set_aside(self) -> list[Block]:
        """The page leftovers: kept in the source, listed apart, never numbered."""
        return [b for b in self.blocks if b.kind is Kind.OMITTED]

    def title(self) -> tuple[str, str]:
        """The title and where it came from: ``("…", "headline")``, or derived from the first
        paragraph (``"derived"``), or ``("", "none")`` for an article without text."""
        if self.headline is not None:
            return shorten(self.headline.text, TITLE_MAX), "headline"
        first = next((b for b in self.blocks if b.kind in NUMBERED), None)
        if first is None:
            return "", "none"
        return derive_title(first.text[len(first.dateline) :]), "derived"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ،,.:؛;-–—") + "…"


def derive_title(text: str) -> str:
    """A title from a paragraph: its first clause (up to the first full stop, question mark,
    colon or Arabic comma), at most :data:`DERIVED_TITLE_MAX` characters."""
    clause = re.split(r"(?<=\S)[.!?؟:؛،](?:\s|$)", text.strip(), maxsplit=1)[0]
    return shorten(clause.strip(_CLOSERS + " "), DERIVED_TITLE_MAX)


def numbered(blocks: Iterable[Block]) -> Iterable[tuple[Block, int]]:
    """Each block with its ordinal: § for headings, ¶ (continuous) for paragraphs and list
    items, 0 for the headline. These ordinals are the ``s``/``p`` anchor ids."""
    sections = paragraphs = 0
    for block in blocks:
        if block.kind is Kind.HEADING:
            sections += 1
            yield block, sections
        elif block.kind in NUMBERED:
            paragraphs += 1
            yield block, paragraphs
        else:
            yield block, 0


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
    if number in layout.omit:
        return Kind.OMITTED
    return None


def _numbered_lines(text: str) -> Iterable[tuple[int, str, int]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line.strip(), len(line) - len(line.lstrip())


def _page_line(line: str) -> tuple[Kind, str, str] | None:
    """A line of the web page around the article: (kind, why, the fact it gives)."""
    why = line_roles.leftover(line)
    if why:
        return Kind.OMITTED, why, ""
    date = line_roles.published(line)
    if date is not None:
        return Kind.PUBLISHED, "a publication or update line", date
    author = line_roles.byline(line)
    if author:
        return Kind.BYLINE, "an author line", author
    dateline = line_roles.dateline_alone(line)
    if dateline:
        return Kind.DATELINE, "a dateline on its own line", _dateline_text(dateline)
    return None


def _dateline_text(dateline: line_roles.Dateline) -> str:
    return dateline.agency or dateline.place


def looks_like_headline(line: str) -> str | None:
    """Why ``line`` cannot be a headline, or None when it can: short, no sentence-final
    full stop or comma (a question or an ellipsis may end a headline), not a quotation, list
    item or dateline, two words at least."""
    if len(line) > HEADLINE_MAX_CHARS or len(line.split()) > HEADLINE_MAX_WORDS:
        return "too long for a headline"
    if len(line.split()) < 2:
        return "a single word"
    end = line.rstrip().rstrip(_CLOSERS)
    if final_character(line) in FINAL_PUNCTUATION and not end.endswith(("..", "…", "؟", "?", "!")):
        return "ends like a sentence"
    if line_roles.is_quotation(line):
        return "a quotation"
    if line_roles.is_list_marker(line):
        return "a list item"
    return None


def parse(text: str, layout: Layout | None = None) -> Article:
    """Recognise the blocks of ``text`` (already decoded and cleaned, ``\\n`` line ends).

    A text pasted from a web page holds more than the article: the page's navigation before
    the headline, captions and tags between the headline and the text, related links and
    footers after it. The article starts at its first line of running text; its headline is
    the longest headline-like line before that; what surrounds them is set aside.
    """
    layout = layout or Layout()
    article = Article()
    lines = list(_numbered_lines(text))
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff") > len(text) // 4
    forced = {number: _forced(number, layout) for number, _line, _c in lines}
    page = {
        number: (None if forced[number] is not None or number in layout.keep else _page_line(line))
        for number, line, _c in lines
    }
    # The text starts at the first line that cannot be a headline: running text that ends
    # like a sentence, or is longer than any headline, or a quotation or list item.
    start = next(
        (
            i
            for i, (number, line, _c) in enumerate(lines)
            if page[number] is None
            and looks_like_headline(line) not in (None, "a single word")
            and not (arabic and line_roles.is_latin_chrome(line))
        ),
        len(lines),
    )
    headline_at = _choose_headline(lines, start, page, forced, arabic)
    # The last line that reads as text (not a short unpunctuated line): after it, short lines
    # are the page's footer, related links or tags, not headings of text that never comes.
    last_prose = max(
        (
            i
            for i, (number, line, _c) in enumerate(lines)
            if page[number] is None and not looks_like_heading(line, layout)
        ),
        default=-1,
    )
    seen: set[str] = set()
    in_list = False
    items_punctuated: bool | None = None
    in_related = False
    previous_number = 0
    for index, (number, line, column) in enumerate(lines):
        if number > previous_number + 1:
            in_list = False
            in_related = False
        previous_number = number
        kind, why = forced[number], "forced by the sidecar" if forced[number] else ""
        found = page[number]
        if kind is not None:
            pass
        elif index == headline_at:
            kind, why = Kind.HEADLINE, "the headline: the longest short line before the text"
        elif found is None and index < start and _credit(line):
            kind, why = (
                Kind.DATELINE,
                "a place or site and a name joined by a dash, before the text",
            )
        elif found is not None:
            kind, why, fact = found
            if headline_at is not None and index < headline_at and not _stated(kind, line):
                kind, why = Kind.OMITTED, f"before the headline ({why})"
            else:
                _note(article, kind, fact)
            in_related = kind is Kind.OMITTED and _opens_related(line)
        elif number not in layout.keep and (
            why := _set_aside(
                line, index, start, headline_at, last_prose, in_related, seen, arabic, layout
            )
        ):
            kind = Kind.OMITTED
        else:
            kind = _guess(line, layout, in_list, items_punctuated)
            why = _why(kind)
        seen.add(line)
        if kind in NUMBERED:
            in_related = False
        if kind is Kind.LIST_ITEM:
            punctuated = final_character(line) in FINAL_PUNCTUATION
            items_punctuated = punctuated if items_punctuated is None else items_punctuated
            in_list = True
        elif kind in NUMBERED or kind is Kind.HEADLINE:
            in_list = kind is Kind.PARAGRAPH and introduces_list(line)
            items_punctuated = None
        article.blocks.append(Block(kind, line, number, column, why))
    _find_dateline(article, layout)
    _find_attribution(article)
    return article


def _choose_headline(
    lines: list[tuple[int, str, int]],
    start: int,
    page: dict[int, tuple[Kind, str, str] | None],
    forced: dict[int, Kind | None],
    arabic: bool,
) -> int | None:
    """The index of the headline: the longest headline-like line before the first line of
    running text (the last of equals), if text follows it."""
    best: int | None = None
    for index in range(min(start, len(lines))):
        number, line, _c = lines[index]
        if page[number] is not None or forced[number] is not None:
            continue
        if (arabic and line_roles.is_latin_chrome(line)) or _credit(line):
            continue
        # The longest candidate; the first of equals (a page repeats its headline).
        reason = looks_like_headline(line)
        if reason == "a single word" and index == 0:
            reason = None  # a one-word title on the first line («عنوان»)
        if reason is None and (best is None or len(line) > len(lines[best][1])):
            best = index
    if best is None or not any(page[number] is None for number, _l, _c in lines[best + 1 :]):
        return None
    return best


_CREDIT = re.compile(r"^[^\s\-–—ـ.:؛،,]+(?: [^\s\-–—ـ.:؛،,]+){0,2} ?[\-–—ـ] ?[^\-–—ـ.؛،,]{2,30}$")


def _credit(line: str) -> bool:
    """«شام تايمز – متابعة», «دبي – صوت الإمارات»: a short credit line near the top."""
    return len(line.split()) <= 6 and bool(_CREDIT.match(line))


def _stated(kind: Kind, line: str) -> bool:
    """Before the headline, only lines that say what they are keep their role: a
    publication line with its keyword, a byline, a dateline (a bare date is the site's)."""
    if kind is Kind.PUBLISHED:
        return line_roles.has_keyword_date(line)
    return kind in (Kind.BYLINE, Kind.DATELINE)


def _opens_related(line: str) -> bool:
    return any(word in line for word in ("أيضا", "أيضاً", "ايضا", "ذات صلة", "متعلقة", "المزيد"))


def _set_aside(
    line: str,
    index: int,
    start: int,
    headline_at: int | None,
    last_prose: int,
    in_related: bool,
    seen: set[str],
    arabic: bool,
    layout: Layout,
) -> str:
    """Why a line that is neither page furniture by its words nor running text is still not
    the article's, or ``""``."""
    short = looks_like_heading(line, layout) or len(line.split()) <= 3
    if line in seen and index < start:
        return "a repeated line before the text"
    if arabic and line_roles.is_latin_chrome(line):
        return "a short line without Arabic in an Arabic page"
    if in_related and short:
        return "a related link after «اقرأ أيضا»"
    if headline_at is not None and index < headline_at:
        return "before the headline (page navigation)"
    if headline_at is not None and headline_at < index < start and short:
        return "between the headline and the text (a caption or tag)"
    if index > last_prose >= 0 and short:
        return "after the last paragraph, followed by no text"
    return ""


def _why(kind: Kind) -> str:
    return {
        Kind.HEADING: "a short line without final punctuation",
        Kind.LIST_ITEM: "a short line after a line ending in a colon",
        Kind.PARAGRAPH: "article text",
    }.get(kind, "")


def _note(article: Article, kind: Kind, fact: str) -> None:
    key = {Kind.PUBLISHED: "date", Kind.BYLINE: "author", Kind.DATELINE: "source"}.get(kind)
    if key and fact and key not in article.found:
        article.found[key] = fact


def _guess(line: str, layout: Layout, in_list: bool, items_punctuated: bool | None) -> Kind:
    heading_like = looks_like_heading(line, layout) and not line_roles.is_quotation(line)
    # After punctuated items, an unpunctuated short line is the next heading, not an item.
    short = len(line.split()) <= layout.list_item_max_words
    if in_list and short and not (heading_like and items_punctuated):
        return Kind.LIST_ITEM
    if line_roles.is_list_marker(line) and short:
        return Kind.LIST_ITEM
    return Kind.HEADING if heading_like else Kind.PARAGRAPH


def _find_dateline(article: Article, layout: Layout) -> None:
    """The dateline that opens the first paragraph, or stands alone before it."""
    if not layout.dateline:
        return
    alone = next((b for b in article.blocks if b.kind is Kind.DATELINE), None)
    if alone is not None:
        found = line_roles.dateline_alone(alone.text)
        if found:
            _record_dateline(article, found)
    first = next((b for b in article.blocks if b.kind in NUMBERED), None)
    if first is None or first.kind is Kind.HEADING:
        return
    found = line_roles.dateline_opening(first.text)
    if found is None:
        return
    index = article.blocks.index(first)
    article.blocks[index] = replace(
        first, dateline=first.text[: found.length], why=f"{first.why}, opening with a dateline"
    )
    if alone is None:
        _record_dateline(article, found)


def _record_dateline(article: Article, found: line_roles.Dateline) -> None:
    article.dateline = found.agency or None
    if found.agency:
        article.found.setdefault("source", found.agency)
    if found.place:
        article.found.setdefault("place", found.place)


def _find_attribution(article: Article) -> None:
    """«وفقا لوكالة رويترز»: the agency an article quotes, when nothing else names its source."""
    if "source" in article.found:
        return
    for block in article.blocks:
        if block.kind in NUMBERED:
            agency = line_roles.attribution(block.text)
            if agency:
                article.found["source"] = agency
                return
