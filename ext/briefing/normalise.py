"""Fold Arabic (and Latin) text for matching and searching, never for display.

:func:`fold` returns the folded copy together with, for every folded character, the
index of the original character it came from, so a match in the folded copy maps back
to an exact span of the text the reader sees.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Harakat, Quranic marks, superscript alef, tatweel, and invisible joiners: dropped.
_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan … sukun, maddah, hamza marks
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorifics and Quranic signs
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
    + ["\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00ad"]
)

#: One character in, one character out.
_MAPPED = {
    # Alef forms and hamza seats.
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    # Final forms that outlets write either way.
    "ى": "ي",
    "ة": "ه",
    # Persian/Urdu letters seen in Arabic-script names.
    "ی": "ي",
    "ک": "ك",
    "ە": "ه",
    # Dashes and hyphens.
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    # Quotation marks.
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‹": "'",
    "›": "'",
}
# Arabic-Indic and Eastern Arabic-Indic digits match ASCII ones.
_MAPPED.update({chr(0x0660 + d): str(d) for d in range(10)})
_MAPPED.update({chr(0x06F0 + d): str(d) for d in range(10)})


@dataclass(frozen=True)
class Folded:
    """A folded copy of a text and where each of its characters came from."""

    text: str
    #: The original text.
    source: str
    #: ``origins[i]`` is the index in the original text of ``text[i]``; one extra entry
    #: at the end holds the original length, so spans map with ``origins[end]``.
    origins: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``[start, end)``, including the marks
        (harakat, tatweel) that follow its last character."""
        first = self.origins[start]
        last = self.origins[end - 1] + 1 if end > start else first
        while last < len(self.source) and not fold_char(self.source[last]):
            last += 1
        return first, last


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character: possibly empty, possibly several characters."""
    if char in _DROPPED:
        return ""
    mapped = _MAPPED.get(char)
    if mapped is not None:
        return mapped
    if char.isascii():
        return char.lower()
    if unicodedata.category(char) == "Mn":
        return ""  # any other combining mark (e.g. on Latin letters)
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return base.casefold() if base else ""


def fold(text: str) -> Folded:
    """Fold ``text`` for matching: see the module docstring."""
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        for piece in folded:
            out.append(piece)
            origins.append(index)
    origins.append(len(text))
    return Folded("".join(out), text, tuple(origins))


def fold_text(text: str) -> str:
    """Just the folded string (for keys and queries)."""
    return "".join(fold_char(c) for c in text)
