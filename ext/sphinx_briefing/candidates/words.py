"""Words of a line as the candidate finder reads them: spans in the line, folded forms,
readings without proclitics, and a spelling skeleton for approximate matching.

Tokens are found in the line itself (not in a folded copy), so their offsets are code points
of the line as ``briefing annotate`` gives them; each distinct word is analysed once and
remembered (:func:`analyse`), which keeps the finder linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from sphinx_briefing.text.linker import MIN_STEM_AFTER_KAF, first_word_stems, later_word_stems
from sphinx_briefing.text.normalise import TABLES, fold_char, fold_text

#: A word: letters and digits, with the marks folding drops (harakat, tatweel, joiners)
#: inside it, as the linker's tokens of the folded text.
_MARKS = "\u064b-\u065f\u0610-\u061a\u06d6-\u06ed\u0670\u0640\u200c\u200d\u00ad"
#: (Runs of each kind, possessive: the same spans as ``(?:[^\W_]|[marks])+``, a third faster.)
WORD = re.compile(rf"(?:[^\W_]++|[{_MARKS}]++)++")

#: Conjunction and preposition clusters that may stand before a cue word (وبـ, فلـ, كـ).
_CLITICS = sorted(
    {c + p for c in ("", *TABLES["conjunctions"]) for p in ("", *TABLES["prepositions"])} - {""},
    key=len,
    reverse=True,
)

#: Letters that transliterations of one foreign sound alternate between (جونغ/جونج,
#: تايبيه/طايبيه), folded to one; vowel letters are left out after the first letter.
_SKELETON = str.maketrans({"غ": "ج", "ق": "ك", "ط": "ت", "ص": "س", "ث": "س", "ض": "د",
                           "ظ": "ز", "ذ": "ز", "ة": "ه", "ى": "ي", "ء": "", "ڤ": "ف",
                           "پ": "ب", "چ": "ج", "گ": "ك"})  # fmt: skip
_VOWELS = frozenset("اوي")


@dataclass(frozen=True)
class Word:
    """One distinct word (as written) and what the finder needs to know about it."""

    raw: str
    folded: str
    #: Only Latin letters and digits.
    latin: bool
    #: Only digits.
    number: bool
    #: (reading, raw offset) without a leading cluster of و ف ب ل ك (ال kept): the word
    #: as written first. Where the reading starts in ``raw`` is its offset.
    bare: tuple[tuple[str, int], ...]
    #: Starts with the article ال (or لل, بال, وال...): a descriptor, not a name's start.
    definite: bool
    #: (stem, raw offset) of each reading as a name's first word (:func:`stems`).
    stems: tuple[tuple[str, int], ...] = ()
    #: Readings as a name's later word: as written, or without ال.
    later: tuple[str, ...] = ()
    #: The stems of :attr:`stems` alone, for set operations.
    stem_set: frozenset[str] = frozenset()
    #: Folded, starts with و (perhaps «and» + a name: a list's next item).
    waw: bool = False


class Token(NamedTuple):
    """A word at a place in a line: ``line[start:end] == word.raw`` (a named tuple: lines
    have many)."""

    start: int
    end: int
    word: Word


def raw_offset(raw: str, folded_chars: int) -> int:
    """Where in ``raw`` the folded character ``folded_chars`` comes from."""
    count = 0
    for index, char in enumerate(raw):
        if count >= folded_chars:
            return index
        count += len(fold_char(char))
    return len(raw)


@lru_cache(maxsize=200_000)
def analyse(raw: str) -> Word:
    """What the finder needs to know about one word (remembered: words repeat)."""
    folded = fold_text(raw)
    bare = [(folded, 0)]
    for clitic in _CLITICS:
        rest = folded[len(clitic) :]
        if folded.startswith(clitic) and len(rest) >= 2:
            if "ك" in clitic and len(rest) < MIN_STEM_AFTER_KAF:
                continue
            bare.append((rest, raw_offset(raw, len(clitic))))
            if rest.startswith("ل") and clitic.endswith("ل"):
                # للرئيس = ل + الرئيس: the article's alef was dropped.
                bare.append(("ا" + rest, raw_offset(raw, len(clitic))))
    # The article is written with a bare alef (ألمانيا, إلهام are not ال + name), or was
    # contracted after ل (للأمم).
    definite = any(
        reading.startswith("ال") and raw[offset:].startswith(("ال", "ٱل", "ل"))
        for reading, offset in bare
    )
    found = tuple(_stems(raw, folded))
    return Word(
        raw=raw,
        folded=folded,
        latin=raw.isascii(),
        number=folded.isdigit(),
        bare=tuple(bare),
        definite=definite and not raw.isascii(),
        stems=found,
        later=tuple(later_word_stems(folded)),
        stem_set=frozenset(stem for stem, _ in found),
        waw=folded[:1] == "و",
    )


def tokenize(line: str) -> list[Token]:
    """The words of ``line`` with their spans."""
    return [Token(m.start(), m.end(), analyse(m.group())) for m in WORD.finditer(line)]


class Split(NamedTuple):
    """A line's words and where they are, as lists side by side (:func:`split_line`)."""

    #: Where each word starts and ends in the line (code points).
    starts: list[int]
    ends: list[int]
    #: Each word as written, and what the finder knows of it.
    raws: list[str]
    words: list[Word]
    #: ``gaps[i]``: the text before word ``i`` (after word ``i - 1``); ``gaps[-1]``: the text
    #: after the last word.
    gaps: list[str]


def split_line(line: str) -> Split:
    """The words of ``line`` (as :func:`tokenize`) and the gaps around them, at C speed:
    the line split once into its gaps and words, the offsets summed from their lengths, the
    analysis looked up in a plain dict (the common case; :func:`analyse` on a miss)."""
    # gap, word, gap, word, ..., gap
    parts = _SPLIT(line) if "_" in line else _SPLIT_WITHOUT_UNDERSCORE(line)
    if len(parts) == 1:
        return Split([], [], [], [], parts)
    bounds = list(accumulate(map(len, parts)))  # bounds[2i]: start of word i; [2i+1]: end
    known = _KNOWN
    if len(known) > 200_000:
        known.clear()
    # bounds[::2] ends with the line's end (after the last gap): one more than the words.
    raws = parts[1::2]
    return Split(bounds[0:-1:2], bounds[1::2], raws, list(map(known.__getitem__, raws)), parts[::2])


class _Known(dict[str, Word]):
    """Each word's analysis, computed on a miss (a dict: looked up at C speed)."""

    def __missing__(self, raw: str) -> Word:
        word = self[raw] = analyse(raw)
        return word


_SPLIT = re.compile(f"({WORD.pattern})").split
#: The same split for a line without «_» (the only word character that parts words): one
#: character class, a third faster.
_SPLIT_WITHOUT_UNDERSCORE = re.compile(rf"([\w{_MARKS}]++)").split
_KNOWN = _Known()


def stems(word: Word) -> tuple[tuple[str, int], ...]:
    """(stem, raw offset) for each reading of a name's first word without proclitics, as the
    linker reads it (ال included), the word as written first."""
    return word.stems


def _stems(raw: str, folded: str) -> list[tuple[str, int]]:
    found = []
    for stem, skip in first_word_stems(folded):
        if skip and "ك" in folded[:skip] and len(stem) < MIN_STEM_AFTER_KAF:
            continue
        found.append((stem, raw_offset(raw, skip) if skip else 0))
    return found


@lru_cache(maxsize=200_000)
def skeleton(folded: str) -> str:
    """A folded word's spelling skeleton: alternating letters as one, vowel letters after the
    first letter left out, doubled letters once (بيونغيانغ, بيونج يانج → بنجنج)."""
    text = folded.translate(_SKELETON).replace("تش", "ش").replace("دج", "ج")
    out: list[str] = []
    for index, char in enumerate(text):
        if index and char in _VOWELS:
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    return "".join(out)
