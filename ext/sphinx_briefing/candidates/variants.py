"""Names that are new spellings of a glossary entry's name (جونج for جونغ, لافرف for لافروف).

The glossary's Arabic and English names and aliases are indexed by the spelling skeleton of
their first word (:func:`~sphinx_briefing.candidates.words.skeleton`) and of the whole name
with the spaces left out. A span of text is a variant of a name when it has as many words
and each word is the name's word, or has the same skeleton and is close enough to it
(:func:`~sphinx_briefing.search.glossary_search.similarity`, the measure of ``briefing
search``), or is at least :data:`~sphinx_briefing.search.glossary_search.FUZZY_THRESHOLD`
similar. A span the linker would link as it is written is not a variant: it is covered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sphinx_briefing.candidates.cues import words_of
from sphinx_briefing.candidates.words import skeleton
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.search.glossary_search import FUZZY_THRESHOLD, MIN_FUZZY, similarity

#: Similarity a word needs besides an equal skeleton (جونج/جونغ: 0.75; ماسك/موسكو: 0.67).
SKELETON_SIMILARITY = 0.7
#: A one-word name needs at least this many letters to have a variant (كيم/كم: never).
MIN_SINGLE = 5


def _plain(word: str) -> str:
    """A folded word without its article, as the linker reads a name's later words."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@dataclass(frozen=True)
class Name:
    """One name or alias of an entry, folded."""

    entity: str
    words: tuple[str, ...]
    text: str


@dataclass
class Variants:
    """What the finder compares spans with: the glossary's names."""

    #: Folded names, aliases and adjectives as the linker would link them (article-less).
    covered: set[tuple[str, ...]] = field(default_factory=set)
    by_skeleton: dict[str, list[Name]] = field(default_factory=dict)
    by_joined: dict[str, list[Name]] = field(default_factory=dict)
    #: Each entry's English name and type.
    english: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    #: The longest name, in words.
    longest: int = 1
    #: Answers already given (spans repeat).
    _matches: dict[tuple[str, ...], tuple[str, float] | None] = field(default_factory=dict)
    _firsts: dict[str, list[Name]] = field(default_factory=dict)

    @classmethod
    def of(cls, glossary: Glossary | None) -> Variants:
        """The index of ``glossary`` (empty for None)."""
        index = cls()
        for entry in glossary.entries.values() if glossary else ():
            index.english[entry.id] = entry.names["en"]
            index.types[entry.id] = entry.type
            for alias in entry.linker_aliases("ar"):
                index.covered.add(tuple(_plain(w) for w in words_of(alias.text)))
            for alias in entry.linker_aliases("en"):
                index.covered.add(tuple(_plain(w) for w in words_of(alias.text)))
            for text in [*entry.aliases("ar"), *entry.aliases("en")]:
                words = words_of(text)
                if not words:
                    continue
                name = Name(entry.id, words, text)
                index.by_skeleton.setdefault(skeleton(words[0]), []).append(name)
                if len(words) > 1:
                    index.by_joined.setdefault(skeleton("".join(words)), []).append(name)
                index.longest = max(index.longest, len(words))
        return index

    def is_covered(self, words: Sequence[str]) -> bool:
        """Whether the linker links these folded words as they are (a known name)."""
        return tuple(_plain(w) for w in words) in self.covered

    def match(self, words: Sequence[str]) -> tuple[str, float] | None:
        """(entry id, similarity) of the name the folded ``words`` are a new spelling of."""
        key = tuple(words)
        if key not in self._matches:
            if len(self._matches) > 100_000:
                self._matches.clear()
            self._matches[key] = self._match(key)
        return self._matches[key]

    def _match(self, words: tuple[str, ...]) -> tuple[str, float] | None:
        if not words or self.is_covered(words):
            return None
        best: tuple[str, float] | None = None
        candidates = [*self.by_skeleton.get(skeleton(words[0]), ())]
        if len(words) == 1:
            candidates += self.by_joined.get(skeleton(words[0]), ())
        for name in candidates:
            score = _compare(words, name.words)
            if score is not None and (best is None or score > best[1]):
                best = (name.entity, score)
        return best

    def firsts(self, word: str) -> list[Name]:
        """The names whose first word has the skeleton of ``word`` (or, for one word, whose
        whole skeleton it has)."""
        found = self._firsts.get(word)
        if found is None:
            if len(self._firsts) > 100_000:
                self._firsts.clear()
            key = skeleton(word)
            found = self._firsts[word] = [
                *self.by_skeleton.get(key, ()),
                *self.by_joined.get(key, ()),
            ]
        return found


@lru_cache(maxsize=100_000)
def _word_score(word: str, known: str) -> float | None:
    if _plain(word) == _plain(known):
        return 1.0
    if min(len(word), len(known)) < 3:
        return None
    ratio = similarity(_plain(word), _plain(known))
    if skeleton(_plain(word)) == skeleton(_plain(known)) and ratio >= SKELETON_SIMILARITY - 0.1:
        return ratio
    if min(len(word), len(known)) >= MIN_FUZZY and ratio >= FUZZY_THRESHOLD:
        return ratio
    return None


#: Endings of nisba adjectives and demonyms: لبناني is Lebanon's adjective, not its name.
_NISBA = ("يين", "يون", "يه", "يا", "ي")


def _ending(word: str) -> str:
    return next((end for end in _NISBA if word.endswith(end)), "")


def _compare(words: Sequence[str], name: Sequence[str]) -> float | None:
    """How close ``words`` are to ``name`` (both folded), or None when they are not a
    spelling of it (a demonym, كوري الشمالي for كوريا الشمالية, is not)."""
    if _ending(words[-1]) != _ending(name[-1]):
        return None
    if len(words) == len(name):
        scores = [_word_score(w, n) for w, n in zip(words, name, strict=True)]
        if all(s is not None for s in scores):
            values = [s for s in scores if s is not None]
            if len(words) == 1 and (len(words[0]) < MIN_SINGLE or values[0] < FUZZY_THRESHOLD):
                return None
            return sum(values) / len(values)
    joined, whole = "".join(words), "".join(name)
    if len(joined) >= 2 * MIN_FUZZY and skeleton(joined) == skeleton(whole):
        ratio = similarity(joined, whole)
        if ratio >= FUZZY_THRESHOLD:
            return ratio
    return None
