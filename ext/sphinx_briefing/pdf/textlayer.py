"""The PDF's text layer, corrected after Typst so that copied and extracted Arabic reads right.

Typst draws a right-to-left run as its glyphs in visual order (left to right) and gives each
glyph its text through the font's ToUnicode CMap, or through an ``/ActualText`` span where a
glyph stands for other text than the CMap says. PDF readers (PDFium, MuPDF, poppler) rebuild
the logical order by reversing a right-to-left run *character by character*, so a glyph that
stands for several characters (the لا and في ligatures, a letter with its shadda or tanween)
comes out with its characters swapped, and a glyph inside an ``/ActualText`` span confuses
them further. Typst also draws some combining marks as text objects of their own that carry
the whole cluster's text again, so the letter is extracted twice.

This pass rewrites the text layer (the drawing, fonts, links and bookmarks are untouched),
as measured with the three readers (``benchmarks/pdf_text.py``, manual/pdf.md):

* every glyph of a right-to-left run maps to its text *reversed*, so the reader's reversal
  puts it back in order; Typst's ``/ActualText`` spans inside text objects are taken out;
* a combining mark drawn apart from its letter stands for nothing (its letter's glyph
  carries the cluster): an empty ``/ActualText`` span around it (poppler, MuPDF) and a
  right-to-left mark in the CMap (PDFium ignores empty spans);
* neutral punctuation in a right-to-left run (the Arabic comma) is glued to it with
  right-to-left marks, or readers move it to the next word;
* a glyph that must map to different texts in different places gets a copy of its font (the
  same embedded font file and widths, another ToUnicode CMap) for the places in the minority,
  instead of an ``/ActualText`` span, which the readers each handle in their own way;
* bidi controls in CMap entries are dropped (readers add their own) and a soft hyphen that
  shows is a hyphen.

Content streams are read as bytes with regular expressions (Typst starts each text object on
a line of its own and escapes line feeds in strings): parsing them into pikepdf objects took
twenty times as long. Saved with a deterministic /ID, so builds stay byte-identical.
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

#: Bidi controls that Typst copies from the source into the text layer.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Glues neutral punctuation (the Arabic comma) to the right-to-left run it ends.
RLM = "\u200f"
#: The text of a glyph that stands for nothing in right-to-left text.
SILENT = RLM
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
#: A text object of Typst's content streams. Typst escapes line feeds inside strings, so a
#: line holding only ``ET`` ends the object.
_BLOCK = re.compile(rb"^BT(?=[\s/\[(<])(.*?)\nET(?=\s|$)", re.S | re.M)


def _literal(depth: int) -> bytes:
    """A literal string: balanced parentheses need no escape, so up to ``depth`` levels."""
    inner = rb"[^()\\]++|\\."
    for _level in range(depth):
        inner = rb"[^()\\]++|\\.|\((?:" + inner + rb")*+\)"
    return rb"\((?:" + inner + rb")*+\)"


_LITERAL = _literal(4)
_STRINGS = re.compile(_LITERAL + rb"|<[0-9A-Fa-f\s]*>")
#: What matters inside a text object, in order.
_SCAN = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*(<[0-9A-Fa-f\s]*>|" + _LITERAL + rb")\s*>>\s*BDC"
    rb"|(?P<dict><<(?:[^<>]|<[^<>]*>)*>>\s*BDC|BMC)"
    rb"|(?P<emc>EMC)"
    rb"|/(?P<font>[^\s/\[\]()<>]+)\s+(?P<size>[-+\d.]+)\s+Tf"
    rb"|(?P<string>" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>)",
    re.S,
)
_FONT = re.compile(rb"(/[^\s/\[\]()<>]+)\s+[-+\d.]+\s+Tf")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)


def _unescape(match: re.Match[bytes]) -> bytes:
    value = match.group(1)
    if value[:1].isdigit():
        return bytes([int(value, 8) & 0xFF])
    if value in (b"\n", b"\r", b"\r\n"):
        return b""
    return _ESCAPES.get(value, value)


@lru_cache(maxsize=65536)
def string_bytes(token: bytes) -> bytes:
    """The bytes of a PDF string token, literal ``(…)`` or hexadecimal ``<…>``."""
    if token[:1] == b"<":
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return _ESCAPE.sub(_unescape, token[1:-1])


def text_string(token: bytes) -> str:
    """A PDF text string (UTF-16 with a byte order mark, else PDFDocEncoding ≈ Latin-1)."""
    data = string_bytes(token)
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be", "replace")
    return data.decode("latin-1")


def parse_cmap(data: bytes) -> dict[int, str]:
    """The code → text entries of a ToUnicode CMap (``bfchar`` and ``bfrange``)."""
    entries: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        tokens = _HEX.findall(block)
        for code, text in zip(tokens[0::2], tokens[1::2], strict=False):
            entries[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            tokens = _HEX.findall(line)
            if len(tokens) != 3:
                continue
            low, high = int(tokens[0], 16), int(tokens[1], 16)
            base = bytes.fromhex(tokens[2].decode()).decode("utf-16-be", "replace")
            for offset in range(high - low + 1):
                if base:
                    entries[low + offset] = base[:-1] + chr(ord(base[-1]) + offset)
    return entries


def write_cmap(entries: dict[int, str]) -> bytes:
    """A ToUnicode CMap for two-byte codes (Identity-H)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted((code, text) for code, text in entries.items() if text)
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [
            f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in chunk
        ]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", ""]
    return "\n".join(lines).encode("ascii")


def widths(font: pikepdf.Object) -> dict[int, float]:
    """Glyph advance widths of a Type0 font (its descendant's ``/W``; ``-1``: ``/DW``)."""
    out: dict[int, float] = {}
    descendant = font.get("/DescendantFonts")
    if descendant is None or len(descendant) == 0:
        return out
    out[-1] = float(descendant[0].get("/DW", 1000))
    array = list(descendant[0].get("/W", []))
    index = 0
    while index + 1 < len(array):
        first = int(array[index])
        second = array[index + 1]
        if isinstance(second, pikepdf.Array):
            for offset, width in enumerate(second):
                out[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(second) + 1):
                out[code] = float(array[index + 2])
            index += 3
    return out


def clean(text: str) -> str:
    """A CMap entry's text without bidi controls (readers add their own). Typst maps the
    hyphen glyph to a soft hyphen (U+00AD) once a word was hyphenated with it, and then every
    hyphen, 2025-07-12's too, would extract as one: a hyphen that shows is a hyphen."""
    return BIDI_CONTROLS.sub("", text).replace("\u00ad", "-")


@lru_cache(maxsize=65536)
def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _marks(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) == "Mn")


@dataclass
class Glyph:
    """One glyph drawn in a text object, and the text it should extract as."""

    font: str  # its font resource name
    code: int
    span: int | None  # the /ActualText span it is in (an index into Block.spans)
    text: str = ""


@dataclass
class Block:
    """One text object (``BT`` … ``ET``) of a content stream: ``start``/``end`` in bytes."""

    start: int
    end: int
    glyphs: list[Glyph] = field(default_factory=list)
    spans: list[str] = field(default_factory=list)
    #: Where Typst's /ActualText spans open and close (``BDC`` and ``EMC``), in bytes.
    cuts: list[tuple[int, int]] = field(default_factory=list)


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


class _Stream:
    """One content stream (a page's or a form's) with its font resources."""

    def __init__(self, owner: pikepdf.Object, fonts: pikepdf.Object, data: bytes) -> None:
        self.owner = owner
        self.fonts = fonts
        self.data = data
        self.blocks: list[Block] = []
        #: Each font resource's object number (pikepdf look-ups are slow in a loop).
        self.numbers = {str(name): font.objgen[0] for name, font in fonts.items()}

    def scan(self, info: dict[str, FontInfo], marks_apart: bool) -> None:
        rtl = {name.encode() for name, font in info.items() if font.rtl}
        for found in _BLOCK.finditer(self.data):
            body = found.group(1)
            fonts = _FONT.findall(body)
            spans = b"/ActualText" in body
            if not spans and not rtl.intersection(fonts):
                continue  # Latin text only: nothing to correct
            block = Block(found.start(), found.end())
            if not spans and len(set(fonts)) == 1:
                # The common case, read faster: one font, no spans.
                name = "/" + fonts[0][1:].decode()
                for string in _STRINGS.findall(body):
                    data = string_bytes(string)
                    block.glyphs += [
                        Glyph(name, int.from_bytes(data[i : i + 2], "big"), None)
                        for i in range(0, len(data) - 1, 2)
                    ]
                if block.glyphs and name in info:
                    assign(block, info, marks_apart)
                    self.blocks.append(block)
                continue
            offset = found.start(1)
            font = ""
            # Open marked content: its /ActualText span (index) or None, and where it starts.
            stack: list[tuple[int | None, int, int]] = []
            for token in _SCAN.finditer(body):
                actual, dict_, emc, name, _size, string = token.groups()
                if string is not None:
                    if font in info:
                        data = string_bytes(string)
                        span = next((s[0] for s in reversed(stack) if s[0] is not None), None)
                        block.glyphs += [
                            Glyph(font, int.from_bytes(data[i : i + 2], "big"), span)
                            for i in range(0, len(data) - 1, 2)
                        ]
                elif name is not None:
                    font = "/" + name.decode()
                elif actual is not None:  # an /ActualText span
                    block.spans.append(clean(text_string(actual)))
                    stack.append((len(block.spans) - 1, token.start(), token.end()))
                elif dict_ is not None:
                    stack.append((None, 0, 0))
                elif emc is not None and stack:
                    span, start, end = stack.pop()
                    if span is not None:
                        block.cuts += [(offset + start, offset + end)]
                        block.cuts += [(offset + token.start(), offset + token.end())]
            if block.glyphs and (block.spans or info[block.glyphs[0].font].rtl):
                assign(block, info, marks_apart)
                self.blocks.append(block)


def assign(block: Block, info: dict[str, FontInfo], marks_apart: bool) -> None:
    """Each glyph's text: the CMap's, or its span's (given to the span's widest glyph),
    reversed in a right-to-left run."""
    widest: dict[int, Glyph] = {}
    for glyph in block.glyphs:
        font = info[glyph.font]
        if glyph.span is None:
            glyph.text = font.cmap.get(glyph.code, "")
        else:
            best = widest.get(glyph.span)
            if best is None or font.width(glyph.code) > info[best.font].width(best.code):
                widest[glyph.span] = glyph
    for span, glyph in widest.items():
        glyph.text = block.spans[span]
    whole = "".join(glyph.text for glyph in block.glyphs)
    if marks_apart:
        # Each mark's own glyph stands for the mark, its letter's for the letter.
        for glyph in block.glyphs:
            marks = _marks(glyph.text)
            if marks and info[glyph.font].width(glyph.code) == 0:
                glyph.text = marks
            elif marks and is_rtl(glyph.text):
                glyph.text = "".join(c for c in glyph.text if c not in marks)
    elif all(info[g.font].width(g.code) == 0 for g in block.glyphs) and (
        _marks(whole) or is_rtl(whole)
    ):
        # Combining marks drawn on their own: their letter's glyph carries the cluster.
        for glyph in block.glyphs:
            glyph.text = SILENT
        return
    if is_rtl(whole):
        for glyph in block.glyphs:
            if glyph.text.strip() and not is_rtl(glyph.text):
                glyph.text = RLM + glyph.text + RLM
            # A glyph that stands for nothing (the cluster is its letter's) maps to a
            # right-to-left mark: readers that ignore an empty /ActualText span fall back
            # to the CMap, and a mark there is invisible and keeps the run's direction.
            glyph.text = glyph.text[::-1] or SILENT


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


def fix_text_layer(path: Path, *, marks_apart: bool = False) -> Stats:
    """Rewrite the text layer of the PDF at ``path`` in place (deterministically).

    ``marks_apart`` maps each combining mark's glyph to the mark (MuPDF reads that best)
    instead of giving the whole cluster to its letter's glyph (poppler and PDFium do).
    """
    stats = Stats()
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    cache: dict[tuple[int, int], FontInfo] = {}
    streams: list[_Stream] = []
    for owner, fonts in _streams(pdf):
        stream = _Stream(owner, fonts, _content(owner))
        stream.scan(_font_info(fonts, cache), marks_apart)
        streams.append(stream)
        stats.blocks += len(stream.blocks)

    # The text each (font, code) takes most often goes in the font's own CMap; the others
    # in copies of the font: copy k holds each code's k-th other text.
    usage: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for stream in streams:
        for block in stream.blocks:
            for glyph in block.glyphs:
                if glyph.text:
                    usage[(stream.numbers[glyph.font], glyph.code)][glyph.text] += 1
    primary = {
        key: min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
        for key, counter in usage.items()
    }
    # A font without right-to-left glyphs was only read where Typst put /ActualText spans:
    # its other text objects rely on its CMap as it is.
    for (number, gen), font_info in cache.items():
        if not font_info.rtl:
            for (obj, code), _text in list(primary.items()):
                if obj == number and code in font_info.cmap:
                    primary[(obj, code)] = font_info.cmap[code]
            _ = gen
    variant_of: dict[tuple[int, int, str], int] = {}
    for key, counter in sorted(usage.items()):
        others = sorted(text for text in counter if text != primary[key])
        for number, text in enumerate(others, start=1):
            variant_of[(*key, text)] = number

    copies: dict[tuple[int, int], pikepdf.Object] = {}
    for (number, _gen), font_info in sorted(cache.items()):
        font = pdf.get_object((number, _gen))
        base = font_info.cmap
        own = {code: text for (obj, code), text in primary.items() if obj == number}
        font.ToUnicode = pdf.make_stream(write_cmap({**base, **own}))
        for k in sorted({v for (obj, _c, _t), v in variant_of.items() if obj == number}):
            entries = {
                code: text
                for (obj, code, text), v in variant_of.items()
                if obj == number and v == k
            }
            keys = [key for key in font.keys() if key != "/ToUnicode"]  # noqa: SIM118
            copy = Dictionary({key: font[key] for key in keys})
            copy.ToUnicode = pdf.make_stream(write_cmap(entries))
            copies[(number, k)] = pdf.make_indirect(copy)
            stats.font_copies += 1

    for stream in streams:
        changed = [
            block
            for block in stream.blocks
            if block.cuts or _needs_fonts(stream, block, variant_of)
        ]
        if not changed:
            continue
        names: dict[tuple[int, int], str] = {}
        for (number, k), font_copy in sorted(copies.items()):
            for name, font in list(stream.fonts.items()):
                if font.objgen[0] == number:
                    alias = f"{str(name)[1:]}.{k}"
                    stream.fonts[Name("/" + alias)] = font_copy
                    names[(number, k)] = alias
        pieces: list[bytes] = []
        position = 0
        for block in changed:
            pieces.append(stream.data[position : block.start])
            kinds = {_variant(stream, glyph, variant_of) for glyph in block.glyphs}
            if kinds == {(0, True)}:
                # Marks drawn on their own: the whole text object in an empty span (PDFium
                # loses the next letter when the span is inside the text object).
                span = b"/Span <</ActualText <FEFF>>> BDC\n"
                pieces += [span, _without_spans(stream.data, block), b"\nEMC"]
            elif _needs_fonts(stream, block, variant_of):
                pieces.append(_rewrite(stream, block, variant_of, names))
            else:  # only Typst's spans to take out
                pieces.append(_without_spans(stream.data, block))
            position = block.end
            stats.rewritten += 1
        pieces.append(stream.data[position:])
        data = b"".join(pieces)
        if stream.owner.get("/Type") == "/Page":
            stream.owner.Contents = pdf.make_stream(data)
        else:
            stream.owner.write(data)
    pdf.save(path, deterministic_id=True, compress_streams=True)
    pdf.close()
    return stats


def _without_spans(data: bytes, block: Block) -> bytes:
    """The text object without Typst's /ActualText spans (their BDC and EMC)."""
    pieces: list[bytes] = []
    inner = block.start
    for start, end in sorted(block.cuts):
        pieces += [data[inner:start], b" "]
        inner = end
    pieces.append(data[inner : block.end])
    return b"".join(pieces)


def _variant(
    stream: _Stream, glyph: Glyph, variant_of: dict[tuple[int, int, str], int]
) -> tuple[int, bool]:
    """Which copy of its font a glyph is shown with (0: the font itself), and whether it
    stands for no text (then it goes in an empty /ActualText span too)."""
    silent = glyph.text in ("", SILENT)
    if not glyph.text:
        return 0, silent
    return variant_of.get((stream.numbers[glyph.font], glyph.code, glyph.text), 0), silent


def _needs_fonts(
    stream: _Stream, block: Block, variant_of: dict[tuple[int, int, str], int]
) -> bool:
    """Whether some glyph of the block is shown with a copy of its font or without text."""
    return any(_variant(stream, g, variant_of) != (0, False) for g in block.glyphs)


_TOKEN = re.compile(
    rb"(?P<str>" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>)|(?P<dict><<(?:[^<>]|<[^<>]*>)*>>)"
    rb"|(?P<arr>\[(?:" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>|[^\]()<>])*\])"
    rb"|(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]*)|(?P<other>/[^\s/\[\]()<>]+|[-+\d.]+)",
    re.S,
)
_ARRAY_ITEM = re.compile(rb"(" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>)|([-+\d.]+)", re.S)


def _rewrite(
    stream: _Stream,
    block: Block,
    variant_of: dict[tuple[int, int, str], int],
    names: dict[tuple[int, int], str],
) -> bytes:
    """The text object without Typst's /ActualText spans, each glyph shown with the font
    copy that maps it to its text, and glyphs without text in an empty /ActualText span."""
    body = stream.data[block.start : block.end]
    glyphs = iter(block.glyphs)
    out: list[bytes] = []
    operands: list[bytes] = []
    font, size = b"", b"0"
    dropped: list[bool] = []
    for token in _TOKEN.finditer(body):
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
        if op not in (b"Tj", b"TJ") or font.decode() not in {g.font for g in block.glyphs}:
            out.append(b" ".join([*operands, op]))
            operands = []
            continue
        items: list[tuple[bytes | None, bytes]] = []  # (string bytes, or None: a number)
        source = operands[-1]
        if op == b"TJ":
            for item in _ARRAY_ITEM.finditer(source):
                if item.group(1) is not None:
                    items.append((string_bytes(item.group(1)), b""))
                else:
                    items.append((None, item.group(2)))
        else:
            items.append((string_bytes(source), b""))
        operands = []
        runs: list[tuple[tuple[int, bool], list[bytes]]] = []
        for data, adjustment in items:
            if data is None:
                if runs:
                    runs[-1][1].append(adjustment)
                else:
                    runs.append(((0, False), [adjustment]))
                continue
            for offset in range(0, len(data) - 1, 2):
                key = _variant(stream, next(glyphs), variant_of)
                piece = b"<" + data[offset : offset + 2].hex().encode() + b">"
                if runs and runs[-1][0] == key and runs[-1][1] and runs[-1][1][-1][:1] == b"<":
                    runs[-1][1][-1] = runs[-1][1][-1][:-1] + piece[1:]
                elif runs and runs[-1][0] == key:
                    runs[-1][1].append(piece)
                else:
                    runs.append((key, [piece]))
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
