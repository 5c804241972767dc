"""A suggested English spelling of a new Arabic name: a transliteration to be checked.

Not a romanisation standard: a reader's guess at how the name is written in English news,
with the vowel letters read as vowels between consonants (روبيو → Rubio), ال as ``al-``, and
غ read as g (foreign names: سيرغي → Sergi). Every suggestion is marked as a guess.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from sphinx_briefing.text.normalise import fold_char

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "g", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "پ": "p", "ڤ": "v", "چ": "ch", "گ": "g", "ء": "",
}  # fmt: skip
_VOWELS = frozenset("اويى")


def _word(word: str) -> str:
    article = ""
    if word.startswith("ال") and len(word) > 3:
        article, word = "al-", word[2:]
    out: list[str] = []
    for index, char in enumerate(word):
        before = word[index - 1] if index else ""
        after = word[index + 1] if index + 1 < len(word) else ""
        if char == "ع":
            out.append("" if index else "a")
        elif char in ("ا", "ى"):
            out.append("a")
        elif char == "و":
            # A consonant at the start or after a vowel letter; a vowel after a consonant.
            if before == "و" or (before and not after):
                out.append("o")
            elif not before or before in _VOWELS:
                out.append("w")
            else:
                out.append("o" if not after else "u")
        elif char == "ي":
            if not before or (before in _VOWELS and after):
                out.append("y")
            else:
                out.append("i")
        elif char in _CONSONANTS:
            out.append(_CONSONANTS[char])
        elif char.isascii() and char.isalnum():
            out.append(char)
    text = "".join(out)
    return article + text[:1].upper() + text[1:] if text else ""


@lru_cache(maxsize=20_000)
def suggest(name: str) -> str | None:
    """A guess at the English spelling of the Arabic ``name``, or None when it has no
    letter to transliterate."""
    # Folded for the letters' forms (أ, ى, harakat), ة kept: it reads "a", ه reads "h".
    folded = "".join(c if c == "ة" else fold_char(c) for c in unicodedata.normalize("NFC", name))
    words = [_word(word) for word in folded.replace("-", " ").split()]
    text = " ".join(w for w in words if w)
    return text or None
