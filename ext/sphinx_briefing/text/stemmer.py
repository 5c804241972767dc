"""The Arabic light stemmer of the search language, from the shared tables.

Indexing and querying use the same rules (the JavaScript twin is generated from the same
table, see :mod:`sphinx_briefing.search.language`):

- a word is folded (:func:`sphinx_briefing.text.normalise.fold_text`);
- its **readings** are the word and every form reachable by stripping proclitic clusters
  (و ف, ب ل ك, ال, لل and their combinations) while at least ``min_stem`` letters remain;
- a reading's **key** is the reading without its longest light suffix (ها ان ات ون ين يه ه ي).

A page is indexed under the keys of every reading of its words; a query word is looked up
by one key, that of its fully reduced reading, which is always among the indexed ones.
"""

from __future__ import annotations

from functools import lru_cache

from sphinx_briefing.text.linker import PROCLITICS
from sphinx_briefing.text.normalise import TABLES

MIN_STEM: int = TABLES["min_stem"]
SUFFIXES: tuple[str, ...] = tuple(sorted(TABLES["suffixes"], key=len, reverse=True))
STOPWORDS: frozenset[str] = frozenset(TABLES["stopwords"])
_CLUSTERS: tuple[str, ...] = tuple(p for p in PROCLITICS if p)


def is_arabic(word: str) -> bool:
    """Whether ``word`` has an Arabic letter."""
    return any("\u0600" <= c <= "\u06ff" for c in word)


def strip_once(word: str) -> list[str]:
    """Every form of ``word`` without one leading proclitic cluster, longest cluster first."""
    return [
        word[len(p) :] for p in _CLUSTERS if word.startswith(p) and len(word) - len(p) >= MIN_STEM
    ]


def reduce(word: str) -> str:
    """Strip the longest proclitic cluster again and again: the query reading."""
    while True:
        shorter = strip_once(word)
        if not shorter:
            return word
        word = shorter[0]


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[str, ...]:
    """The word and every form reachable by stripping clusters (the indexed readings)."""
    seen = [word]
    position = 0
    while position < len(seen):
        for shorter in strip_once(seen[position]):
            if shorter not in seen:
                seen.append(shorter)
        position += 1
    return tuple(seen)


def key(reading: str) -> str:
    """A reading without its longest light suffix."""
    for suffix in SUFFIXES:
        if reading.endswith(suffix) and len(reading) - len(suffix) >= MIN_STEM:
            return reading[: -len(suffix)]
    return reading


def query_key(folded_word: str) -> str:
    """The one key a (folded) query word is looked up by."""
    return key(reduce(folded_word))


def index_keys(folded_word: str) -> set[str]:
    """Every key a (folded) word of the text is indexed under."""
    return {key(r) for r in readings(folded_word)}
