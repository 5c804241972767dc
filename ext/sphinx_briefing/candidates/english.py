"""A suggested English spelling of a new Arabic name: a known spelling or a transliteration.

Foreign names are read first in ``data/foreign-names.json`` (سيرغي لافروف → Sergey Lavrov,
جين بينغ → Jinping), the longest run of words first; the words it does not know are
transliterated. The transliteration is not a romanisation standard: a reader's guess at how the
name is written in English news, with the vowel letters read as vowels between consonants
(روبيو → Rubio), ال as ``al-``, and غ read as g. A name is a guess unless every word of it came
from the table.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from sphinx_briefing import resources
from sphinx_briefing.candidates.cues import validated, words_of
from sphinx_briefing.text.normalise import fold_char, fold_text

TABLE_PATH = resources.DATA / "foreign-names.json"
TABLE_SCHEMA_PATH = resources.SCHEMAS / "foreign-names.schema.json"

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


def read_table(path: Path | None = None, schema_path: Path | None = None) -> dict[str, str]:
    """The English spelling of each foreign name part, by its folded Arabic spelling (words
    joined by one space), checked against its schema: a bad file, or a spelling that folds like
    another with a different English, raises ValueError naming the file."""
    path = path or TABLE_PATH
    data = validated(path, schema_path or TABLE_SCHEMA_PATH)
    table: dict[str, str] = {}
    for group in data["names"].values():
        for english, spellings in group.items():
            for spelling in spellings:
                key = " ".join(words_of(spelling))
                if table.setdefault(key, english) != english:
                    raise ValueError(f"{path}: {spelling}: both {table[key]} and {english}")
    return table


@cache
def _table() -> tuple[dict[str, str], int]:
    """The table, read once per process, and the most words a spelling of it has."""
    table = read_table()
    return table, max(key.count(" ") + 1 for key in table)


@lru_cache(maxsize=20_000)
def english_name(name: str) -> tuple[str | None, bool]:
    """The English spelling of the Arabic ``name`` and whether it is a guess: (None, False)
    when the name has no letter to transliterate, not a guess when every word of it is in the
    table of foreign names."""
    # Folded for the letters' forms (أ, ى, harakat), ة kept: it reads "a", ه reads "h".
    folded = "".join(c if c == "ة" else fold_char(c) for c in unicodedata.normalize("NFC", name))
    words = folded.replace("-", " ").split()
    # The table's keys are folded with ة as ه.
    keys = [fold_text(word) for word in words]
    table, longest = _table()
    out: list[str] = []
    guess = False
    index = 0
    while index < len(words):
        # The longest run of words the table knows, so that جين بينغ reads as one name.
        for size in range(min(longest, len(words) - index), 0, -1):
            english = table.get(" ".join(keys[index : index + size]))
            if english is not None:
                break
        else:
            size, english = 1, _word(words[index])
            guess = guess or bool(english)
        if english:
            out.append(english)
        index += size
    return (" ".join(out), guess) if out else (None, False)


def suggest(name: str) -> str | None:
    """The English spelling of the Arabic ``name`` (:func:`english_name`), or None when it has
    no letter to transliterate."""
    return english_name(name)[0]
