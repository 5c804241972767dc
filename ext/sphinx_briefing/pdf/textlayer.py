"""The PDF's text layer, corrected after Typst so that copied and extracted Arabic reads right.

Typst draws a right-to-left run as its glyphs in visual order (left to right) and gives each
glyph its text through the font's ToUnicode CMap, or through an ``/ActualText`` span where a
glyph stands for other text than the CMap says. PDF readers (PDFium, MuPDF, poppler) rebuild
the logical order by reversing a right-to-left run *character by character*, so a glyph that
stands for several characters (the لا and في ligatures, a letter with its shadda or tanween)
comes out with its characters swapped, and a glyph inside an ``/ActualText`` span confuses
them further. Typst also draws a combining mark that sits higher or lower than its letter as
a text object of its own, which carries the whole cluster's text again.

This pass rewrites the text layer (the drawing, fonts, links, bookmarks and Typst's tags are
untouched), as measured with the three readers (``benchmarks/pdf_text.py``, manual/pdf.md):

* every glyph of a right-to-left run maps to its text *reversed*, so the reader's reversal
  puts it back in order; Typst's ``/ActualText`` spans inside text objects are taken out;
* no glyph's text starts with a combining mark (MuPDF then breaks the word): a mark that
  would lead moves to the end of the text of the glyph drawn just before (its left
  neighbour in the same word), which leaves the run's reversed text the same;
* a combining mark drawn on its own stands for nothing (its letter's glyph carries it): an
  empty ``/ActualText`` span around it (poppler, MuPDF) and a right-to-left mark in the CMap
  (PDFium ignores empty spans), moved after the text around it in the same graphics state
  (PDFium ends a line where a text object sits higher or lower than the one before, and so
  split words at marks); a zero-width mark drawn inside a word's text object maps to a
  right-to-left mark in every copy of its font, so it never splits the object;
* a gap that kerning leaves inside a word (after the أ of «وأكد») becomes part of the
  glyph before it, in a font copy with that glyph wider, so readers do not see two words;
* neutral punctuation in a right-to-left run (the Arabic comma) is glued to it with
  right-to-left marks, or readers move it to the next word;
* a glyph that must map to different texts (or widths) in different places gets a copy of
  its font (the same embedded font file, another ToUnicode CMap and widths) for the places
  in the minority, instead of an ``/ActualText`` span, which the readers each handle in
  their own way;
* bidi controls in CMap entries are dropped (readers add their own), and so is the word
  joiner Typst puts in the contents' leaders; a soft hyphen that shows is a hyphen;
* on pages of a right-to-left book where Latin letters are about as many, right-to-left
  marks only poppler reads keep its page direction right to left, and the parallel edition
  drops ``/ViewerPreferences /Direction`` (see :func:`fix_text_layer`).

A font copy only changes what readers extract: the glyph outlines come from the same font
file, and a wider glyph is drawn at the same place because the kerning after it is removed.

Content streams are read as bytes (:mod:`sphinx_briefing.pdf.pdfsyntax`); Typst draws a word
the same way each time it occurs, so each distinct text object is read and rewritten once.
Saved with a deterministic /ID, so builds stay byte-identical.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from sphinx_briefing.pdf import pdfsyntax
from sphinx_briefing.pdf.pdfsyntax import parse_cmap, string_bytes, text_string, widths, write_cmap

#: Bidi controls that Typst copies from the source into the text layer, and the word joiner
#: of its outline's leaders: readers would keep it inside the extracted text.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]")
#: Glues neutral punctuation (the Arabic comma) to the right-to-left run it ends.
RLM = "\u200f"
#: The Arabic comma, semicolon and question mark: neutral, but only in right-to-left text.
ARABIC_PUNCTUATION = re.compile("[\u060c\u061b\u061f]")
#: The text of a glyph that stands for nothing in right-to-left text.
SILENT = RLM
#: A gap inside a word from this size (thousandths of an em) on is absorbed into the glyph
#: before it: poppler sees a space from a tenth of an em, PDFium from 75 thousandths before
#: a narrow letter. Smaller gaps stay: a wider glyph raises PDFium's threshold for the
#: space between words (the greater of the two glyphs' widths, divided by four to six).
MIN_GAP = 60


def clean(text: str) -> str:
    """A CMap entry's text without bidi controls (readers add their own). Typst maps the
    hyphen glyph to a soft hyphen (U+00AD) once a word was hyphenated with it, and then every
    hyphen, 2025-07-12's too, would extract as one: a hyphen that shows is a hyphen."""
    return BIDI_CONTROLS.sub("", text).replace("\u00ad", "-")


@lru_cache(maxsize=65536)
def is_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _marks(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) == "Mn")


@lru_cache(maxsize=4096)
def _leading_marks(text: str) -> int:
    """How many combining marks ``text`` starts with."""
    count = 0
    while count < len(text) and unicodedata.category(text[count]) == "Mn":
        count += 1
    return count


@dataclass(slots=True)
class Glyph:
    """One glyph drawn in a text object, and the text it should extract as."""

    font: str  # its font resource name
    code: int
    span: int | None  # the /ActualText span it is in (an index into Block.spans)
    #: The ``TJ`` adjustment right after it (thousandths of an em; negative: a gap).
    gap: float = 0.0
    text: str = ""
    #: What its font copy adds to its advance width (thousandths of an em).
    extra: float = 0.0
    #: Whether it takes the gap after it (then the ``TJ`` adjustment goes).
    takes_gap: bool = False

    def copy(self) -> Glyph:
        return Glyph(
            self.font, self.code, self.span, self.gap, self.text, self.extra, self.takes_gap
        )


@dataclass
class Block:
    """One text object (``BT`` … ``ET``) of a content stream: ``start``/``end`` in bytes."""

    start: int
    end: int
    #: Its place among all the stream's text objects, and the height of its baseline.
    index: int = 0
    y: float | None = None
    glyphs: list[Glyph] = field(default_factory=list)
    spans: list[str] = field(default_factory=list)
    #: Where Typst's /ActualText spans open and close (``BDC`` and ``EMC``), in bytes.
    cuts: list[tuple[int, int]] = field(default_factory=list)
    #: Only combining marks, drawn apart from their letters.
    marks_only: bool = False
    #: Whether ``glyphs`` is shared with identical text objects (copy before a change).
    shared: bool = False

    def own_glyphs(self) -> list[Glyph]:
        """Its glyphs, copied first if they are shared."""
        if self.shared:
            self.glyphs = [glyph.copy() for glyph in self.glyphs]
            self.shared = False
        return self.glyphs


@dataclass
class _Parsed:
    """What a text object's operators give, the same wherever the same operators (with the
    same fonts) are drawn: Typst draws a word the same way each time it occurs."""

    glyphs: list[Glyph]
    spans: list[str]
    cuts: list[tuple[int, int]]  # from the start of its operators
    marks_only: bool
    #: Its left-to-right and right-to-left letters, as poppler counts them.
    letters: tuple[int, int] = (0, 0)


@dataclass
class _Seen:
    """What the text objects read so far gave, by their operators and fonts: Typst draws a
    word the same way each time it occurs."""

    parsed: dict[object, _Parsed] = field(default_factory=dict)
    #: A Latin text object's left-to-right letters.
    letters: dict[object, int] = field(default_factory=dict)


@dataclass
class FontInfo:
    cmap: dict[int, str]
    widths: dict[int, float]
    rtl: bool  # whether any of its glyphs stands for right-to-left text

    def width(self, code: int) -> float:
        return self.widths.get(code, self.widths.get(-1, 1000.0))


@dataclass
class Stats:
    """What the pass did (for the build log and the benchmark)."""

    blocks: int = 0
    rewritten: int = 0
    font_copies: int = 0
    #: Pages given right-to-left marks for poppler.
    leaning: int = 0


class _Stream:
    """One content stream (a page's or a form's) with its font resources."""

    def __init__(self, owner: pikepdf.Object, fonts: pikepdf.Object, data: bytes) -> None:
        self.owner = owner
        self.fonts = fonts
        self.data = data
        self.blocks: list[Block] = []
        #: Each font resource's object number (pikepdf look-ups are slow in a loop).
        self.numbers = {str(name): font.objgen[0] for name, font in fonts.items()}
        #: Left-to-right and right-to-left letters in its text, as poppler counts them
        #: (when the scan counts them).
        self.left = self.right = 0
        #: Each font's ToUnicode entries, by its object number.
        self.cmaps: dict[int, dict[int, str]] = {}

    def scan(self, info: dict[str, FontInfo], seen: _Seen, *, count: bool = False) -> None:
        """Read the text objects that hold right-to-left text or /ActualText spans
        (``seen``: what the text objects read so far gave); with ``count``, count the
        letters of each direction too (:attr:`left`, :attr:`right`)."""
        self.cmaps = {self.numbers[name]: font.cmap for name, font in info.items()}
        names = [re.escape(name.encode()) + rb"\s" for name, font in info.items() if font.rtl]
        rtl = re.compile(b"|".join(names) if names else rb"(?!)")
        # The stream's fonts, for text objects looked up without reading their font names.
        resources = tuple(sorted(self.numbers.items()))
        for index, (start, offset, end) in enumerate(pdfsyntax.text_objects(self.data)):
            body = self.data[offset : end - 3]
            spans = b"/ActualText" in body
            latin = not spans and rtl.search(body) is None
            if latin:  # Latin text only: nothing to correct, its letters counted
                if count:
                    letters = seen.letters.get((body, resources))
                    if letters is None:
                        letters = seen.letters[(body, resources)] = _latin(body, info)
                    self.left += letters
                continue
            fonts = tuple(
                self.numbers.get("/" + name.decode()) for name in pdfsyntax.FONT.findall(body)
            )
            key = (body, fonts)
            found = seen.parsed.get(key)
            if found is None:
                found = seen.parsed[key] = _parse(body, info)
            if not found.glyphs:
                continue
            self.left += found.letters[0]
            self.right += found.letters[1]
            self.blocks.append(
                Block(
                    start,
                    end,
                    index,
                    _baseline(self.data, start),
                    found.glyphs,
                    found.spans,
                    [(offset + a, offset + b) for a, b in found.cuts],
                    found.marks_only,
                    shared=True,
                )
            )
        lead_with_letters(self.blocks)


@lru_cache(maxsize=4096)
def _directions(text: str) -> tuple[int, int]:
    """How many letters of ``text`` read left to right and right to left. poppler counts a
    right-to-left mark as one too, but not those of silent glyphs it never sees: leaving
    them out keeps the count on the safe side."""
    kinds = [unicodedata.bidirectional(char) for char in text if char != RLM]
    return kinds.count("L"), kinds.count("R") + kinds.count("AL")


def _latin(body: bytes, info: dict[str, FontInfo]) -> int:
    """How many left-to-right letters a Latin text object shows."""
    count = 0
    cmap: dict[int, str] = {}
    for token in pdfsyntax.SCAN.finditer(body):
        name, array, string = token.group("font"), token.group("array"), token.group("string")
        if name is not None:
            font = info.get("/" + name.decode())
            cmap = font.cmap if font is not None else {}
            continue
        shown = [string] if string is not None else pdfsyntax.STRINGS.findall(array or b"")
        for token_ in shown:
            data = string_bytes(token_)
            text = "".join(
                cmap.get(int.from_bytes(data[i : i + 2], "big"), "")
                for i in range(0, len(data) - 1, 2)
            )
            count += _directions(text)[0]
    return count


def _parse(body: bytes, info: dict[str, FontInfo]) -> _Parsed:
    """The glyphs of a text object's operators and their texts (none when it needs no
    correction: Latin text only)."""
    result = _Parsed([], [], [], False)
    font = ""
    # Open marked content: its /ActualText span (index) or None, and where it starts.
    stack: list[tuple[int | None, int, int]] = []
    for token in pdfsyntax.SCAN.finditer(body):
        actual, dict_, emc, name, array, string = token.groups()
        if array is not None or string is not None:
            if font in info:
                span = next((s[0] for s in reversed(stack) if s[0] is not None), None)
                _read_shown(result.glyphs, font, span, array, string)
        elif name is not None:
            font = "/" + name.decode()
        elif actual is not None:  # an /ActualText span
            result.spans.append(clean(text_string(actual)))
            stack.append((len(result.spans) - 1, token.start(), token.end()))
        elif dict_ is not None:
            stack.append((None, 0, 0))
        elif emc is not None and stack:
            span, start, end = stack.pop()
            if span is not None:
                result.cuts += [(start, end), (token.start(), token.end())]
    if not result.glyphs or not (result.spans or info[result.glyphs[0].font].rtl):
        return _Parsed([], [], [], False)
    result.marks_only = assign(result.glyphs, result.spans, info)
    result.letters = _directions("".join(glyph.text for glyph in result.glyphs))
    return result


def _read_shown(
    glyphs: list[Glyph], font: str, span: int | None, array: bytes | None, string: bytes | None
) -> None:
    """Append the glyphs of a ``TJ`` array or ``Tj`` string, each with the gap after it."""
    if string is not None:
        data = string_bytes(string)
        glyphs += [
            Glyph(font, int.from_bytes(data[i : i + 2], "big"), span)
            for i in range(0, len(data) - 1, 2)
        ]
        return
    after_glyph = False
    for item in pdfsyntax.ARRAY_ITEM.finditer(array or b""):
        if item.group(1) is not None:
            data = string_bytes(item.group(1))
            glyphs += [
                Glyph(font, int.from_bytes(data[i : i + 2], "big"), span)
                for i in range(0, len(data) - 1, 2)
            ]
            after_glyph = len(data) >= 2
        else:
            if after_glyph:
                glyphs[-1].gap = float(item.group(2))
            after_glyph = False


def _baseline(data: bytes, start: int) -> float | None:
    """The height at which Typst placed the text object starting at ``start``: its ``cm``
    (``q 1 0 0 -1 X Y cm …``) on the line before."""
    found = data.rfind(b" cm", max(0, start - 160), start)
    if found < 0:
        return None
    operands = data[data.rfind(b"\n", 0, found) + 1 : found].split()
    try:
        return round(float(operands[-1]), 2)
    except (IndexError, ValueError):
        return None


def assign(glyphs: list[Glyph], spans: list[str], info: dict[str, FontInfo]) -> bool:
    """Each glyph's text: the CMap's, or its span's (given to the span's widest glyph),
    reversed in a right-to-left run, no glyph's starting with a mark. Whether the glyphs
    are only combining marks drawn on their own (then they stand for nothing)."""
    widest: dict[int, Glyph] = {}
    for glyph in glyphs:
        font = info[glyph.font]
        if glyph.span is None:
            glyph.text = font.cmap.get(glyph.code, "")
        else:
            best = widest.get(glyph.span)
            if best is None or font.width(glyph.code) > info[best.font].width(best.code):
                widest[glyph.span] = glyph
    for span, glyph in widest.items():
        glyph.text = spans[span]
    whole = "".join(glyph.text for glyph in glyphs)
    if all(info[g.font].width(g.code) == 0 for g in glyphs) and (_marks(whole) or is_rtl(whole)):
        # Combining marks drawn on their own: their letter's glyph carries the cluster.
        for glyph in glyphs:
            glyph.text = SILENT
        return True
    if not is_rtl(whole) and not ARABIC_PUNCTUATION.search(whole):
        # Latin text (or text Typst spans): as the CMap says. Arabic punctuation drawn on
        # its own (after a link, a parenthesis) belongs to the right-to-left run around it.
        return False
    previous: Glyph | None = None
    for glyph in glyphs:
        if glyph.text.strip() and not is_rtl(glyph.text):
            glyph.text = RLM + glyph.text + RLM
        elif glyph.gap <= -MIN_GAP and info[glyph.font].width(glyph.code) > 0:
            glyph.extra = -glyph.gap  # a gap inside a word: the glyph takes it
            glyph.takes_gap = True
        # A glyph that stands for nothing (the cluster is its letter's) maps to a
        # right-to-left mark: readers that ignore an empty /ActualText span fall back
        # to the CMap, and a mark there is invisible and keeps the run's direction.
        glyph.text = glyph.text[::-1] or SILENT
        if glyph.text == SILENT:
            continue
        lead = _leading_marks(glyph.text)
        if lead and previous is not None and is_rtl(previous.text):
            # The glyph drawn before (to its left) is the next in the word: its text
            # ends where this one's starts.
            previous.text += glyph.text[:lead]
            glyph.text = glyph.text[lead:] or SILENT
            if glyph.text == SILENT:
                continue
        elif lead:
            # Nothing before it in this text object: a right-to-left mark first keeps it
            # in the run MuPDF reverses (lead_with_letters may still move the marks).
            glyph.text = RLM + glyph.text
        previous = glyph
    return False


def lead_with_letters(blocks: list[Block]) -> None:
    """Where a text object's first letter would start with a combining mark (after the
    right-to-left mark :func:`assign` gave it), move the mark to the end of the last letter
    of the text object before, when that one holds the rest of the word: Typst splits a word
    where it draws a mark apart, so when only marks were drawn in between and both sit on
    the same baseline."""
    previous: tuple[Block, int] | None = None
    last_index, last_y, marks_between = -2, None, 0
    for block in blocks:
        if block.marks_only:
            marks_between += 1
            continue
        same_word = (
            previous is not None
            and block.y is not None
            and block.y == last_y
            and block.index - last_index - 1 == marks_between
        )
        first = _real(block.glyphs, 0, 1)
        if same_word and previous is not None and first is not None:
            text = block.glyphs[first].text
            lead = _leading_marks(text[1:]) if text[:1] == RLM else 0
            if lead and is_rtl(previous[0].glyphs[previous[1]].text):
                before = previous[0].own_glyphs()[previous[1]]
                glyph = block.own_glyphs()[first]
                before.text += text[1 : 1 + lead]
                glyph.text = text[1 + lead :] or SILENT
        last = _real(block.glyphs, len(block.glyphs) - 1, -1)
        previous = None if last is None else (block, last)
        last_index, last_y, marks_between = block.index, block.y, 0


def _real(glyphs: list[Glyph], start: int, step: int) -> int | None:
    """The index of the first glyph from ``start`` (going by ``step``) that has text."""
    index = start
    while 0 <= index < len(glyphs):
        if glyphs[index].text not in ("", SILENT):
            return index
        index += step
    return None


def _font_info(
    fonts: pikepdf.Object, cache: dict[tuple[int, int], FontInfo]
) -> dict[str, FontInfo]:
    info: dict[str, FontInfo] = {}
    for name, font in fonts.items():
        key = font.objgen
        if key not in cache:
            if "/ToUnicode" not in font or font.get("/Subtype") != "/Type0":
                continue
            cmap = {
                code: clean(text) for code, text in parse_cmap(font.ToUnicode.read_bytes()).items()
            }
            cache[key] = FontInfo(cmap, widths(font), any(map(is_rtl, cmap.values())))
        info[str(name)] = cache[key]
    return info


def _streams(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    """(owner, fonts) of every page and every form XObject that has fonts."""
    out: list[tuple[pikepdf.Object, pikepdf.Object]] = []
    seen: set[tuple[int, int]] = set()

    def forms(resources: pikepdf.Object) -> None:
        for _name, xobject in sorted(resources.get("/XObject", {}).items()):
            if xobject.get("/Subtype") != "/Form" or xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            inner = xobject.get("/Resources", Dictionary())
            if "/Font" in inner:
                out.append((xobject, inner.Font))
            forms(inner)

    for page in pdf.pages:
        resources = page.obj.get("/Resources", Dictionary())
        if "/Font" in resources:
            out.append((page.obj, resources.Font))
        forms(resources)
    return out


def _content(owner: pikepdf.Object) -> bytes:
    if owner.get("/Type") == "/Page":
        contents = owner.get("/Contents")
        if isinstance(contents, pikepdf.Array):
            return b"\n".join(part.read_bytes() for part in contents)
        return b"" if contents is None else bytes(contents.read_bytes())
    return bytes(owner.read_bytes())


def page_count(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


#: A glyph's text and what its advance width gains.
_Use = tuple[str, float]


@dataclass
class _Plan:
    """Which copy of its font each glyph is shown with (the font itself is copy 0)."""

    #: (font object number, code, text, extra width) → copy, for the uses not in the font.
    variant_of: dict[tuple[int, int, str, float], int] = field(default_factory=dict)
    #: Zero-width codes that never stand for text (combining marks whose letter carries
    #: them): silent in the font and in every copy, so they join the run they are drawn in.
    wild: set[tuple[int, int]] = field(default_factory=set)

    def variant(self, stream: _Stream, glyph: Glyph) -> tuple[int, bool] | None:
        """The copy a glyph is shown with and whether it stands for no text (then it goes
        in an empty /ActualText span too); None for a wild glyph."""
        number = stream.numbers[glyph.font]
        if (number, glyph.code) in self.wild:
            return None
        silent = glyph.text in ("", SILENT)
        if not glyph.text:
            return 0, silent
        return self.variant_of.get((number, glyph.code, glyph.text, glyph.extra), 0), silent

    def needs_fonts(self, stream: _Stream, block: Block) -> bool:
        """Whether some glyph of the block is shown with a copy of its font or in a span."""
        return any(self.variant(stream, g) not in (None, (0, False)) for g in block.glyphs)


def _plan(
    streams: list[_Stream], cache: dict[tuple[int, int], FontInfo]
) -> tuple[_Plan, dict[tuple[int, int], _Use]]:
    """The text each (font, code) takes most often at its own width goes in the font's own
    CMap (returned too); the others in copies of the font: copy k holds each code's k-th
    other use."""
    usage: dict[tuple[int, int], Counter[_Use]] = defaultdict(Counter)
    zero: set[tuple[int, int]] = set()
    fonts_by_number = {number: font_info for (number, _gen), font_info in cache.items()}
    for stream in streams:
        for block in stream.blocks:
            for glyph in block.glyphs:
                key = (stream.numbers[glyph.font], glyph.code)
                if glyph.text == SILENT and fonts_by_number[key[0]].width(glyph.code) == 0:
                    zero.add(key)
                elif glyph.text:
                    usage[key][(glyph.text, glyph.extra)] += 1
    plan = _Plan(wild=zero - set(usage))
    for key in zero & set(usage):
        usage[key][(SILENT, 0.0)] += 1
    primary: dict[tuple[int, int], _Use] = {}
    for key, counter in usage.items():
        font_info = fonts_by_number[key[0]]
        if not font_info.rtl and key[1] in font_info.cmap:
            # A font without right-to-left glyphs was only read where Typst put /ActualText
            # spans: its other text objects rely on its CMap as it is.
            primary[key] = (font_info.cmap[key[1]], 0.0)
            continue
        plain = [(use, n) for use, n in counter.items() if use[1] == 0]
        if plain:
            primary[key] = min(plain, key=lambda item: (-item[1], item[0]))[0]
        else:  # drawn only wider: the font itself keeps the code's text and width
            primary[key] = (font_info.cmap.get(key[1], ""), 0.0)
    for key, counter in sorted(usage.items()):
        others = sorted(use for use in counter if use != primary[key])
        for number, use in enumerate(others, start=1):
            plan.variant_of[(*key, *use)] = number
    for key in plan.wild:
        primary[key] = (SILENT, 0.0)
    return plan, primary


def fix_text_layer(path: Path, *, rtl: bool = False, mixed: bool = False) -> Stats:
    """Rewrite the text layer of the PDF at ``path`` in place (deterministically).

    ``rtl``: the book reads right to left. poppler takes a page's direction from its letters
    (left-to-right ones against right-to-left ones) and, on a page of the first kind, sets
    each right-to-left line's punctuation and numbers on the wrong side of their words; a
    page where Latin letters are as many (names, a map's labels, English columns) gets
    right-to-left marks that only poppler reads (see :func:`_lean_right`), unless the Latin
    letters are more than half as many again.

    ``mixed``: the pages hold right-to-left and left-to-right paragraphs side by side (the
    parallel edition). Then the PDF does not tell viewers that its text runs right to left
    (``/ViewerPreferences /Direction``): PDFium takes that as every line's direction and
    gives each English line's words backwards; without it, each line goes by its letters.
    """
    stats = Stats()
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    preferences = pdf.Root.get("/ViewerPreferences")
    if mixed and isinstance(preferences, Dictionary) and "/Direction" in preferences:
        del preferences["/Direction"]
    cache: dict[tuple[int, int], FontInfo] = {}
    streams: list[_Stream] = []
    seen = _Seen()
    for owner, fonts in _streams(pdf):
        stream = _Stream(owner, fonts, _content(owner))
        stream.scan(_font_info(fonts, cache), seen, count=rtl)
        streams.append(stream)
        stats.blocks += len(stream.blocks)
    plan, primary = _plan(streams, cache)

    copies: dict[tuple[int, int], pikepdf.Object] = {}
    for (number, gen), font_info in sorted(cache.items()):
        font = pdf.get_object((number, gen))
        own = {code: use[0] for (obj, code), use in primary.items() if obj == number}
        font.ToUnicode = pdf.make_stream(write_cmap({**font_info.cmap, **own}))
        wild = {code: (SILENT, 0.0) for obj, code in plan.wild if obj == number}
        for k in sorted({v for (obj, *_rest), v in plan.variant_of.items() if obj == number}):
            entries = {
                code: (text, extra)
                for (obj, code, text, extra), v in plan.variant_of.items()
                if obj == number and v == k
            }
            copies[(number, k)] = _font_copy(pdf, font, font_info, {**wild, **entries})
            stats.font_copies += 1

    done: dict[object, bytes] = {}
    for stream in streams:
        changed = [
            block
            for block in stream.blocks
            if block.cuts or block.marks_only or plan.needs_fonts(stream, block)
        ]
        page = stream.owner.get("/Type") == "/Page"
        # Only where the Arabic is about as much as the Latin: a page mostly of Latin text
        # reads best left to right (poppler then keeps a paragraph's margin number with it).
        lean = rtl and page and stream.right <= stream.left <= 1.5 * stream.right
        if changed or lean:
            stats.rewritten += len(changed)
            data = _rewrite_stream(pdf, stream, changed, plan, copies, done)
            if lean:
                data = _lean_right(stream, stream.left - stream.right) + data
                stats.leaning += 1
            if page:
                stream.owner.Contents = pdf.make_stream(data)
            else:
                stream.owner.write(data)
    pdf.save(path, deterministic_id=True, compress_streams=True)
    pdf.close()
    return stats


def _lean_right(stream: _Stream, excess: int) -> bytes:
    """An invisible text object, drawn first, whose /ActualText holds enough right-to-left
    marks to outweigh ``excess`` left-to-right letters for poppler: it reads text that is
    clipped away and counts the marks as right-to-left letters, MuPDF leaves out clipped
    text, and PDFium skips a text object whose glyphs draw nothing (a space)."""
    marks = (RLM * (excess + excess // 10 + 8)).encode("utf-16-be").hex().encode()
    # In the right margin's foot: with a page cropped to its halves (two columns), only
    # the right-hand one, where a right-to-left book's columns start, counts the marks.
    box = [float(value) for value in stream.owner.get("/MediaBox", [0, 0, 612, 792])]
    x, y = round(box[2] - 20, 2), round(box[1] + 20, 2)
    font, code = str(next(iter(stream.fonts.keys()))), 0
    for name, number in sorted(stream.numbers.items()):
        spaces = [c for c, text in stream.cmaps.get(number, {}).items() if text == " "]
        if spaces:
            font, code = name, min(spaces)
            break
    show = f"{font} 1 Tf 1 0 0 1 {x} {y} Tm [<{code:04x}>] TJ".encode()
    return (
        b"/Artifact BMC\nq 0 0 0 0 re W n\nBT 3 Tr /Span <</ActualText <FEFF"
        + marks
        + b">>> BDC "
        + show
        + b" EMC ET\nQ\nEMC\n"
    )


def _rewrite_stream(
    pdf: pikepdf.Pdf,
    stream: _Stream,
    changed: list[Block],
    plan: _Plan,
    copies: dict[tuple[int, int], pikepdf.Object],
    done: dict[object, bytes],
) -> bytes:
    """The stream's content with the ``changed`` blocks rewritten (and the font copies
    they use added to its resources); ``done``: the text objects rewritten so far."""
    names: dict[tuple[int, int], str] = {}
    for (number, k), font_copy in sorted(copies.items()):
        for name, font in list(stream.fonts.items()):
            if font.objgen[0] == number:
                alias = f"{str(name)[1:]}.{k}"
                stream.fonts[Name("/" + alias)] = font_copy
                names[(number, k)] = alias
    # (start, end, what replaces the bytes between), insertions having start == end.
    edits: list[tuple[int, int, bytes]] = []
    units = _mark_units(stream.data, [block for block in changed if block.marks_only])
    for block in changed:
        if block.marks_only:
            # Marks drawn on their own: the whole text object in an empty span (PDFium
            # loses the next letter when the span is inside the text object), moved after
            # the text around it (PDFium ends the line at a mark drawn higher or lower, and
            # so split its word); the drawing is the same.
            rewritten = _rewrite(stream, block, plan, names, done)
            if block.start not in units:
                edits.append((block.start, block.end, _SILENCE % rewritten))
                continue
            start, end, target = units[block.start]
            unit = stream.data[start : block.start] + rewritten + stream.data[block.end : end]
            moved = b"/Artifact BMC\n" + _SILENCE % unit + b"\nEMC\n"
            edits += [(start, end, b""), (target, target, moved)]
        elif plan.needs_fonts(stream, block):
            edits.append((block.start, block.end, _rewrite(stream, block, plan, names, done)))
        else:  # only Typst's spans to take out
            edits.append((block.start, block.end, _without_spans(stream.data, block)))
    pieces: list[bytes] = []
    position = 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[:2]):
        pieces += [stream.data[position:start], replacement]
        position = end
    pieces.append(stream.data[position:])
    return b"".join(pieces)


def _font_copy(
    pdf: pikepdf.Pdf,
    font: pikepdf.Object,
    font_info: FontInfo,
    entries: dict[int, _Use],
) -> pikepdf.Object:
    """A copy of the Type0 ``font`` (the same descendant font and file) whose CMap maps each
    code of ``entries`` to its text; where a code is wider, the copy has a descendant of its
    own with those widths (the outlines, descriptor and file stay shared)."""
    keys = [key for key in font.keys() if key != "/ToUnicode"]  # noqa: SIM118
    copy = Dictionary({key: font[key] for key in keys})
    copy.ToUnicode = pdf.make_stream(write_cmap({code: use[0] for code, use in entries.items()}))
    wider = {code: extra for code, (_text, extra) in entries.items() if extra}
    if wider:
        descendant = font.DescendantFonts[0]
        child = Dictionary({key: descendant[key] for key in descendant.keys()})  # noqa: SIM118
        array: list[object] = []
        for code in sorted(entries):
            width = font_info.width(code) + wider.get(code, 0.0)
            array += [code, pikepdf.Array([_number(width)])]
        child.W = pikepdf.Array(array)
        copy.DescendantFonts = pikepdf.Array([pdf.make_indirect(child)])
    return pdf.make_indirect(copy)


#: A text object (or a unit of them) that readers should extract as nothing.
_SILENCE = b"/Span <</ActualText <FEFF>>> BDC\n%b\nEMC"
#: ``q`` and ``Q`` operators: Typst starts a line with them, never a line of a text object.
_GROUPS = re.compile(rb"\n([qQ])(?=\s)")


def _mark_units(data: bytes, blocks: list[Block]) -> dict[int, tuple[int, int, int]]:
    """For each block (by its start) that Typst wrapped in a group of its own (``q`` … ``cm``
    on the line before, ``Q`` after): where the group starts and ends, and where the group
    around it ends (where the unit may move: its graphics state is the same there)."""
    if not blocks:
        return {}
    closing: dict[int, int] = {}  # each q's position → its Q's
    parent: dict[int, int] = {}  # each q's position → the q of the group around it
    open_: list[int] = [0] if data.startswith(b"q ") else []
    for found in _GROUPS.finditer(data):
        if found.group(1) == b"q":
            if open_:
                parent[found.start(1)] = open_[-1]
            open_.append(found.start(1))
        elif open_:
            closing[open_.pop()] = found.start(1)
    units: dict[int, tuple[int, int, int]] = {}
    for block in blocks:
        start = data.rfind(b"\n", 0, block.start - 1) + 1
        head = data[start : block.start]
        if not head.startswith(b"q ") or b"BT" in head or closing.get(start) != block.end + 1:
            continue
        around = parent.get(start)
        target = len(data) if around is None else closing.get(around, len(data))
        units[block.start] = (start, block.end + 2, target)
    return units


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else round(value, 3)


def _without_spans(data: bytes, block: Block) -> bytes:
    """The text object without Typst's /ActualText spans (their BDC and EMC)."""
    pieces: list[bytes] = []
    inner = block.start
    for start, end in sorted(block.cuts):
        pieces += [data[inner:start], b" "]
        inner = end
    pieces.append(data[inner : block.end])
    return b"".join(pieces)


def _rewrite(
    stream: _Stream,
    block: Block,
    plan: _Plan,
    names: dict[tuple[int, int], str],
    done: dict[object, bytes],
) -> bytes:
    """:func:`_rewrite_block`, once for each text object drawn the same way with the same
    fonts shown (``done``: the text objects rewritten so far)."""
    variants = tuple(plan.variant(stream, glyph) for glyph in block.glyphs)
    fonts = tuple(sorted((n, k) for (n, k) in names if any(v and v[0] == k for v in variants)))
    key = (stream.data[block.start : block.end], variants, fonts, tuple(names[f] for f in fonts))
    if key not in done:
        done[key] = _rewrite_block(stream, block, plan, names)
    return done[key]


def _rewrite_block(
    stream: _Stream, block: Block, plan: _Plan, names: dict[tuple[int, int], str]
) -> bytes:
    """The text object without Typst's /ActualText spans, each glyph shown with the font
    copy that maps it to its text (a gap it takes is dropped from the ``TJ`` array), glyphs
    without text in an empty /ActualText span, and wild ones in the run they are drawn in."""
    body = stream.data[block.start : block.end]
    glyphs = iter(block.glyphs)
    out: list[bytes] = []
    operands: list[bytes] = []
    font, size = b"", b"0"
    dropped: list[bool] = []
    fonts = {g.font for g in block.glyphs}
    for token in pdfsyntax.TOKEN.finditer(body):
        if token.group("op") is None:
            operands.append(token.group(0))
            continue
        op = token.group("op")
        if op == b"Tf" and len(operands) == 2:
            font, size = operands[0], operands[1]
        if op == b"BDC":
            actual = b"/ActualText" in operands[-1]
            dropped.append(actual)
            if actual:
                operands = []
                continue
        elif op == b"BMC":
            dropped.append(False)
        elif op == b"EMC" and dropped and dropped.pop():
            operands = []
            continue
        if op not in (b"Tj", b"TJ") or font.decode() not in fonts:
            out.append(b" ".join([*operands, op]))
            operands = []
            continue
        items: list[tuple[bytes | None, bytes]] = []  # (string bytes, or None: a number)
        source = operands[-1]
        if op == b"TJ":
            for item in pdfsyntax.ARRAY_ITEM.finditer(source):
                if item.group(1) is not None:
                    items.append((string_bytes(item.group(1)), b""))
                else:
                    items.append((None, item.group(2)))
        else:
            items.append((string_bytes(source), b""))
        operands = []
        runs: list[tuple[tuple[int, bool], list[bytes]]] = []
        last: Glyph | None = None
        # Adjustments before the first glyph go with it, in its run: PDFium places a text
        # object by where its ``TJ`` starts, and a mark apart from its letter's run would
        # be read as a gap.
        leading: list[bytes] = []
        for data, adjustment in items:
            if data is None:
                if last is not None and last.takes_gap:
                    last = None
                    continue  # the gap is now part of the glyph before it
                (runs[-1][1] if runs else leading).append(adjustment)
                last = None
                continue
            for offset in range(0, len(data) - 1, 2):
                last = next(glyphs)
                piece = b"<" + data[offset : offset + 2].hex().encode() + b">"
                wild = plan.variant(stream, last)
                if wild is None:  # silent everywhere: with the run it is drawn in
                    (runs[-1][1] if runs else leading).append(piece)
                    continue
                key = wild
                if runs and runs[-1][0] == key and runs[-1][1] and runs[-1][1][-1][:1] == b"<":
                    runs[-1][1][-1] = runs[-1][1][-1][:-1] + piece[1:]
                elif runs and runs[-1][0] == key:
                    runs[-1][1].append(piece)
                else:
                    runs.append((key, [*leading, piece]))
                    leading = []
        if leading:  # adjustments only
            runs.append(((0, False), leading))
        number = stream.numbers[font.decode()]
        for (k, silent), parts in runs:
            show = [b"[" + b" ".join(parts) + b"] TJ"]
            if k > 0:
                alias = names[(number, k)].encode()
                show = [b"/" + alias + b" " + size + b" Tf", *show, font + b" " + size + b" Tf"]
            if silent:
                show = [b"/Span <</ActualText <FEFF>>> BDC", *show, b"EMC"]
            out += show
    return b"\n".join(out) + b"\n"
