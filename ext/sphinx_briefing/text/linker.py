"""Find mentions of glossary entities in text: Arabic-aware, whole words, longest match.

Matching runs on a folded copy (:mod:`sphinx_briefing.text.normalise`) split into word tokens. The
first word of a name may carry attached proclitics (و ف ب ل ك, ال and combinations such
as وبال or لل); later words may carry ال. Aliases live in a token trie, so the work per
token is bounded by the longest alias (in words), not by the number of aliases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from sphinx_briefing.text.normalise import TABLES, Folded, fold, fold_text

Kind = Literal["name", "adjective"]

_CONJUNCTIONS: tuple[str, ...] = ("", *TABLES["conjunctions"])
_PREPOSITIONS: tuple[str, ...] = ("", *TABLES["prepositions"])
_ARTICLES: tuple[str, ...] = ("", *TABLES["articles"])
#: Folded proclitic clusters, longest first. ل + ال contracts to لل (للصحفيين).
PROCLITICS: tuple[str, ...] = tuple(
    sorted(
        {c + p + a for c in _CONJUNCTIONS for p in _PREPOSITIONS for a in _ARTICLES}
        | {c + TABLES["contracted_article"] for c in _CONJUNCTIONS},
        key=len,
        reverse=True,
    )
)
_LONGEST_PROCLITIC = max(len(p) for p in PROCLITICS)
_PROCLITICS_BY_LENGTH: dict[int, frozenset[str]] = {
    n: frozenset(p for p in PROCLITICS if len(p) == n) for n in range(_LONGEST_PROCLITIC + 1)
}
#: A stem shorter than this is never taken from a prefixed word (ب+ل is not a name).
MIN_STEM = 2
#: Stems shorter than this never take the preposition ك: كسول is "lazy", not "like Seoul".
MIN_STEM_AFTER_KAF = 4
#: Fathatan: "روسيًا" folds to "روسيا" (Russia) but is the adverbial adjective.
_TANWEEN_FATH = "\u064b"


@dataclass(frozen=True)
class Alias:
    """One way an entity is written."""

    text: str
    entity: str
    kind: Kind = "name"


@dataclass(frozen=True)
class Mention:
    """A mention found in a text: ``text == source[start:end]`` (proclitics excluded)."""

    start: int
    end: int
    text: str
    entity: str
    kind: Kind


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    #: (entity, kind) pairs ending here, in alias order.
    ends: list[tuple[str, Kind]] = field(default_factory=list)


@dataclass(frozen=True)
class _Token:
    start: int  # in the folded text
    end: int
    text: str


def tokens(folded: str) -> list[_Token]:
    """Maximal runs of letters and digits in a folded text."""
    found: list[_Token] = []
    start = -1
    for index, char in enumerate(folded):
        if char.isalnum():
            if start < 0:
                start = index
        elif start >= 0:
            found.append(_Token(start, index, folded[start:index]))
            start = -1
    if start >= 0:
        found.append(_Token(start, len(folded), folded[start:]))
    return found


def first_word_stems(word: str) -> Iterator[tuple[str, int]]:
    """(stem, length of the stripped proclitics) for each reading of a name's first word."""
    yield word, 0
    # Longest first; a set lookup per length instead of testing every cluster.
    for length in range(min(_LONGEST_PROCLITIC, len(word) - MIN_STEM), 0, -1):
        prefix = word[:length]
        if prefix not in _PROCLITICS_BY_LENGTH[length]:
            continue
        rest = word[length:]
        yield rest, length
        if prefix.endswith("لل"):
            # لليابان = ل + اليابان: the name's own ال was contracted.
            yield "ال" + rest, length - 1


def later_word_stems(word: str) -> Iterator[str]:
    """Readings of a later word of a name: as written, or without ال."""
    yield word
    if word.startswith("ال") and len(word) - 2 >= MIN_STEM:
        yield word[2:]


class Linker:
    """Finds every mention of a set of aliases in a text."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        self._root = _Node()
        self.longest = 0
        for alias in aliases:
            words = [t.text for t in tokens(fold_text(alias.text))]
            if not words:
                continue
            node = self._root
            for word in words:
                node = node.children.setdefault(word, _Node())
            if (alias.entity, alias.kind) not in node.ends:
                node.ends.append((alias.entity, alias.kind))
            self.longest = max(self.longest, len(words))

    def find(self, text: str) -> list[Mention]:
        """Mentions in ``text``, left to right; the longest match wins and none overlap."""
        folded = fold(text)
        words = tokens(folded.text)
        mentions: list[Mention] = []
        index = 0
        while index < len(words):
            match = self._longest_at(words, index)
            if match is None:
                index += 1
                continue
            count, skip, ends = match
            first, last = words[index], words[index + count - 1]
            start, end = folded.span(first.start + skip, last.end)
            entity, kind = _choose(ends, text[start:end])
            mentions.append(Mention(start, end, text[start:end], entity, kind))
            index += count
        return mentions

    def _longest_at(
        self, words: list[_Token], index: int
    ) -> tuple[int, int, list[tuple[str, Kind]]] | None:
        """(words matched, proclitic chars skipped, what ends there) of the best match."""
        best: tuple[int, int, list[tuple[str, Kind]]] | None = None
        word = words[index].text
        for stem, skip in first_word_stems(word):
            if "ك" in word[:skip] and len(stem) < MIN_STEM_AFTER_KAF:
                continue
            node = self._root.children.get(stem)
            if node is None:
                continue
            for count, ends in self._walk(node, words, index + 1, 1):
                # Longer wins; on equal length the reading with fewer stripped letters.
                if best is None or count > best[0] or (count == best[0] and skip < best[1]):
                    best = (count, skip, ends)
        return best

    def _walk(
        self, node: _Node, words: list[_Token], index: int, count: int
    ) -> Iterator[tuple[int, list[tuple[str, Kind]]]]:
        if node.ends:
            yield count, node.ends
        if index >= len(words) or count >= self.longest:
            return
        for stem in later_word_stems(words[index].text):
            child = node.children.get(stem)
            if child is not None:
                yield from self._walk(child, words, index + 1, count + 1)


def _choose(ends: list[tuple[str, Kind]], original: str) -> tuple[str, Kind]:
    entity, kind = ends[0]
    if kind == "name" and _TANWEEN_FATH in original:
        for other, other_kind in ends:
            if other == entity and other_kind == "adjective":
                return entity, "adjective"
    return entity, kind


__all__ = ["Alias", "Folded", "Linker", "Mention", "tokens"]
