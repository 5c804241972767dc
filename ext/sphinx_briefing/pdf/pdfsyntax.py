"""PDF syntax as the text-layer pass reads and writes it, as bytes: string tokens, the
text objects of Typst's content streams and their operators, ToUnicode CMaps and CID font
widths (:mod:`sphinx_briefing.pdf.textlayer`). Regular expressions over bytes: parsing the
streams into pikepdf objects took twenty times as long.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pikepdf

#: A hexadecimal string's digits.
HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
#: Where a text object of Typst's content streams starts: ``BT`` at the start of a line.
BT = re.compile(rb"\nBT(?=[\s/\[(<])")
#: The fonts a text object sets (``/f0 10.5 Tf``).
FONT = re.compile(rb"/([^\s/\[\]()<>]+)\s+[-+\d.]+\s+Tf")


def literal(depth: int) -> bytes:
    """A literal string: balanced parentheses need no escape, so up to ``depth`` levels."""
    inner = rb"[^()\\]++|\\."
    for _level in range(depth):
        inner = rb"[^()\\]++|\\.|\((?:" + inner + rb")*+\)"
    return rb"\((?:" + inner + rb")*+\)"


LITERAL = literal(4)
STRING = LITERAL + rb"|<[0-9A-Fa-f\s]*>"
#: What matters inside a text object, in order: /ActualText spans, other marked content,
#: font changes and the strings shown (``TJ`` arrays with their adjustments, ``Tj``).
SCAN = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*(?P<actual>" + STRING + rb")\s*>>\s*BDC"
    rb"|(?P<dict><<(?:[^<>()]|<[^<>]*>|" + LITERAL + rb")*>>\s*BDC|BMC)"
    rb"|(?P<emc>EMC)"
    rb"|/(?P<font>[^\s/\[\]()<>]+)\s+[-+\d.]+\s+Tf"
    rb"|\[(?P<array>(?:" + STRING + rb"|[^\]()<>])*)\]\s*TJ"
    rb"|(?P<string>" + STRING + rb")\s*Tj",
    re.S,
)
#: The strings of a ``TJ`` array.
STRINGS = re.compile(STRING, re.S)
#: A ``TJ`` array's items: strings and adjustments.
ARRAY_ITEM = re.compile(rb"(" + STRING + rb")|([-+]?[\d.]+)", re.S)
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
        tokens = HEX.findall(block)
        for code, text in zip(tokens[0::2], tokens[1::2], strict=False):
            entries[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            tokens = HEX.findall(line)
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


def text_objects(data: bytes) -> list[tuple[int, int, int]]:
    """Where each text object starts (``BT``), where its operators start and where it ends
    (after ``ET``). Typst escapes line feeds inside strings, so a line holding only ``ET``
    ends the object."""
    out: list[tuple[int, int, int]] = []
    starts = [found.start() + 1 for found in BT.finditer(data)]
    if data.startswith(b"BT") and data[2:3] in (b" ", b"\n", b"/", b"[", b"(", b"<"):
        starts.insert(0, 0)
    for start in starts:
        end = data.find(b"\nET", start)
        while end >= 0 and data[end + 3 : end + 4] not in (b"", b" ", b"\n", b"\r"):
            end = data.find(b"\nET", end + 1)
        if end < 0:
            break
        out.append((start, start + 2, end + 3))
    return out


#: The operands and operators of a text object, for rewriting it.
TOKEN = re.compile(
    rb"(?P<str>" + STRING + rb")|(?P<dict><<(?:[^<>()]|<[^<>]*>|" + LITERAL + rb")*>>)"
    rb"|(?P<arr>\[(?:" + STRING + rb"|[^\]()<>])*\])"
    rb"|(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]*)|(?P<other>/[^\s/\[\]()<>]+|[-+\d.]+)",
    re.S,
)
