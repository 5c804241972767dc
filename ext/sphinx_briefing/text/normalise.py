"""Fold Arabic (and Latin) text for matching and searching, never for display.

:func:`fold` returns the folded copy together with, for every folded character, the
index of the original character it came from, so a match in the folded copy maps back
to an exact span of the text the reader sees.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from sphinx_briefing import resources

SCHEMA_PATH = resources.SCHEMAS / "arabic.schema.json"


def load_tables() -> dict[str, Any]:
    """The table, validated against its schema (a bad file raises ValueError)."""
    data: dict[str, Any] = json.loads((resources.DATA / "arabic.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise ValueError(f"data/arabic.json: {where}: {errors[0].message}")
    return data


#: The folding tables, shared with the search language's JavaScript (data/arabic.json).
TABLES: dict[str, Any] = load_tables()

#: Harakat, Quranic marks, superscript alef, tatweel, and invisible joiners: dropped.
_DROPPED = frozenset(
    [chr(c) for low, high in TABLES["drop_ranges"] for c in range(int(low, 16), int(high, 16) + 1)]
    + [chr(int(c, 16)) for c in TABLES["drop"]]
)

#: One character in, one character out: alef forms and hamza seats, ى, ة, dashes, quotes,
#: Arabic-Indic and Persian digits (to ASCII) and the Arabic decimal and thousands separators.
_MAPPED: dict[str, str] = dict(TABLES["map"])


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
