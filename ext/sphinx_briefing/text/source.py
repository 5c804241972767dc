"""Turn an article file's bytes into clean text, recording every repair as a finding.

Nothing here raises on bad input: each repair (BOM, CRLF, NUL bytes, bidi override
characters, a legacy encoding) is reported with its line so the caller can warn, and
undecodable input becomes a :class:`SourceError` finding rather than a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Explicit embeddings, overrides and isolates. They can reorder what a reader sees
#: (the "Trojan Source" trick), so they are removed from the text; the marks
#: LRM/RLM/ALM are harmless and kept.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)

#: Share of letters that must be Arabic before undecodable UTF-8 is taken for Windows-1256.
_CP1256_MIN_ARABIC_SHARE = 0.6


@dataclass(frozen=True)
class Finding:
    """A problem found in the source, with the 1-based line it was found on."""

    subtype: str
    message: str
    line: int


@dataclass
class SourceText:
    """The decoded, repaired text of an article and what was repaired."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    #: False when the bytes could not be decoded at all; ``text`` is then empty.
    ok: bool = True


def _line_of(data: bytes | str, offset: int) -> int:
    newline: bytes | str = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return arabic / len(letters)


def _looks_like_cp1256_arabic(text: str) -> bool:
    """Text decoded as Windows-1256 that reads as Arabic prose, not as binary junk."""
    controls = any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
    return not controls and _arabic_share(text) >= _CP1256_MIN_ARABIC_SHARE


#: Byte-order marks, longest first (a UTF-32 LE mark starts like a UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
#: A UTF-8 sequence of two to four bytes (lead byte and continuation bytes).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode(data: bytes) -> SourceText:
    """Decode article bytes, line by line where they are damaged.

    - A byte-order mark decides: UTF-8, UTF-16 or UTF-32 (Windows Notepad's "Unicode").
    - UTF-8 with a few bad bytes (a Windows-1252 ``é`` typed into a name, a truncated
      character) stays UTF-8: each bad byte becomes U+FFFD, with a warning for its line.
    - Only a file with no UTF-8 in it at all is read as Windows-1256 (with a warning), if it
      reads as Arabic; anything else is an error naming the first bad line.
    """
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                line = _line_of(data[len(bom) : len(bom) + err.start].decode(codec, "replace"), -1)
                message = f"not valid {name} although its byte-order mark says so"
                findings.append(Finding("encoding", message, line))
                return SourceText("", findings, ok=False)
            findings.append(Finding("encoding", f"{name} (byte-order mark); read as such", 1))
            return clean(text, findings)
    try:
        return clean(data.decode("utf-8"), findings)
    except UnicodeDecodeError as err:
        first_bad, bad_byte = _line_of(data, err.start), data[err.start]
    if _UTF8_SEQUENCE.search(data):
        return clean(_utf8_by_line(data, findings), findings)
    candidate = data.decode("cp1256", errors="replace")
    if _looks_like_cp1256_arabic(candidate):
        findings.append(
            Finding(
                "encoding",
                "not UTF-8 anywhere in the file; decoded as Windows-1256. "
                "Convert the file to UTF-8 to silence this warning",
                first_bad,
            )
        )
        return clean(candidate, findings)
    findings.append(
        Finding(
            "encoding",
            f"not valid UTF-8 (byte 0x{bad_byte:02x} on this line) and not "
            "Windows-1256 Arabic either; save the article as UTF-8",
            first_bad,
        )
    )
    return SourceText("", findings, ok=False)


def _utf8_by_line(data: bytes, findings: list[Finding]) -> str:
    """UTF-8 decoded line by line; each line with bad bytes keeps U+FFFD in their place and
    gets a finding naming them."""
    lines = data.split(b"\n")
    decoded = []
    for number, raw in enumerate(lines, start=1):
        try:
            decoded.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        text = raw.decode("utf-8", errors="replace")
        bad = []
        position = 0
        while position < len(raw):
            try:
                raw[position:].decode("utf-8")
                break
            except UnicodeDecodeError as err:
                bad.append(raw[position + err.start : position + err.end])
                position += err.end
        shown = ", ".join(" ".join(f"0x{b:02x}" for b in chunk) for chunk in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        findings.append(
            Finding(
                "encoding",
                f"invalid UTF-8 bytes on this line ({shown}{more}) shown as \ufffd; the rest of "
                "the file is UTF-8. Correct the line in the file",
                number,
            )
        )
        decoded.append(text)
    return "\n".join(decoded)


def clean(text: str, findings: list[Finding] | None = None) -> SourceText:
    """Normalise line endings and remove NUL bytes and bidi controls, reporting each."""
    findings = [] if findings is None else findings
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if "\x00" in line:
            findings.append(Finding("nul", "NUL bytes removed", number))
            line = line.replace("\x00", "")
        controls = sorted({c for c in line if c in BIDI_CONTROLS})
        if controls:
            names = ", ".join(f"U+{ord(c):04X}" for c in controls)
            findings.append(
                Finding(
                    "bidi-control",
                    f"bidi control characters removed ({names}): they could reorder the text "
                    "a reader sees",
                    number,
                )
            )
            line = "".join(c for c in line if c not in BIDI_CONTROLS)
        lines[number - 1] = line
    return SourceText("\n".join(lines), findings)


def normalise_for_fidelity(text: str) -> str:
    """The form in which article text and doctree text are compared: NFC, whitespace collapsed."""
    folded = unicodedata.normalize("NFC", text)
    return " ".join(folded.split())
