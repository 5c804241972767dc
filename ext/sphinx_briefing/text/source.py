"""Turn an article file's bytes into clean text, recording every repair as a finding.

Nothing here raises on bad input: each repair (BOM, CRLF, NUL bytes, bidi override
characters, a legacy encoding) is reported with its line so the caller can warn, and
undecodable input becomes a :class:`SourceError` finding rather than a traceback.
"""

from __future__ import annotations

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


def decode(data: bytes) -> SourceText:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1256 with a warning."""
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = _line_of(data, err.start)
        candidate = data.decode("cp1256", errors="replace")
        if _looks_like_cp1256_arabic(candidate):
            findings.append(
                Finding(
                    "encoding",
                    "not valid UTF-8 (first bad byte on this line); decoded as Windows-1256. "
                    "Convert the file to UTF-8 to silence this warning",
                    line,
                )
            )
            text = candidate
        else:
            findings.append(
                Finding(
                    "encoding",
                    f"not valid UTF-8 (byte 0x{data[err.start]:02x} on this line) and not "
                    "Windows-1256 Arabic either; save the article as UTF-8",
                    line,
                )
            )
            return SourceText("", findings, ok=False)
    return clean(text, findings)


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
