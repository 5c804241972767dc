"""Text direction in plain strings: Latin runs and ISO dates inside right-to-left text.

Shared by the HTML post-transform that isolates them, the glossary pages and the PDF writer.
"""

from __future__ import annotations

import re
import unicodedata

#: A run of Latin words, with the digits and punctuation that join them ("KCNA", "G7 summit").
LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9'’&./\-]|,? (?=[A-Za-z\u00c0-\u024f]))*"
)
#: An ISO date (2025-07-12, 2024-06): after Arabic letters its parts would be reordered
#: (12-07-2025), because the hyphen does not join Arabic-context numbers.
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")
LTR_RUN = re.compile(f"(?P<latin>{LATIN_RUN.pattern})|(?P<date>{ISO_DATE.pattern})")


def latin_runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (text, lang) runs, as the HTML post-transform would wrap it on its own:
    lang None for plain text, ``""`` for an ISO date, ``"en"`` for a Latin run."""
    if not LTR_RUN.search(text) or not has_rtl(text):
        return [(text, None)]
    runs: list[tuple[str, str | None]] = []
    position = 0
    for match in LTR_RUN.finditer(text):
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


def dominant_script(text: str) -> str:
    """``"arabic"`` or ``"latin"``: the script most of ``text``'s letters are written in
    (Arabic when there are no letters, or as many of each)."""
    arabic = latin = 0
    for char in text:
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
            arabic += 1
        elif char.isalpha() and char < "\u0250":
            latin += 1
    return "latin" if latin > arabic else "arabic"


def has_rtl(text: str) -> bool:
    """Whether ``text`` has a letter of a right-to-left script (Hebrew, Arabic and their
    presentation forms)."""
    return any("\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" for c in text)
