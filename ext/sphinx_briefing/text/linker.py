"""Find mentions of glossary entities in text: Arabic-aware, whole words, longest match.

Matching runs on a folded copy (:mod:`sphinx_briefing.text.normalise`) split into word tokens. The
first word of a name may carry attached proclitics (و ف ب ل ك, ال and combinations such
as وبال or لل); later words may carry ال. Aliases live in a token trie, so the work per
token is bounded by the longest alias (in words), not by the number of aliases.

Three rules keep a match from linking the wrong entity:

- a *family name* (a one-word name alias of a person that other words follow in a longer
  name of the same entity, whose headword is longer than one word: «كيم» of «كيم جونغ أون»)
  counts only once the text (or the ``named`` set passed to :meth:`Linker.find`) has named
  the entity in full, and not when the next word, with nothing between, is neither a
  stopword nor the next word of one of the entity's names (كيم يو جونغ is someone else).
  A surname that ends the full name («لافروف» of «سيرغي لافروف») links anywhere;
- a name directly joined by a dash to a word that starts no known name is the start of a
  compound name (وونسان-كالما when only وونسان is an alias), not a mention;
- the names inside a longer mention (أوكرانيا in «الحرب في أوكرانيا») are kept as its
  :attr:`Mention.nested` mentions: the outer, longest one is the link.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from sphinx_briefing import resources
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
#: Words after a family name that do not continue a name: the glossary's stopwords
#: (data/stopwords.json and the search language's), folded.
_STOPWORD_LISTS = json.loads((resources.DATA / "stopwords.json").read_text(encoding="utf-8"))
STOPWORDS: frozenset[str] = frozenset(
    fold_text(word)
    for word in [*_STOPWORD_LISTS["ar"], *_STOPWORD_LISTS["en"], *TABLES["stopwords"]]
)


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
    #: Names of other entities inside this one (never linked; recorded as nested).
    nested: tuple[Mention, ...] = ()


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    #: (entity, kind) pairs ending here, in alias order.
    ends: list[tuple[str, Kind]] = field(default_factory=list)
    #: Entities with a name alias through this node.
    names: set[str] = field(default_factory=set)


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

    def __init__(self, aliases: Iterable[Alias], people: Collection[str] | None = None) -> None:
        """``people``: the entities whose one-word names may be family names (persons, not
        the Kursk of «مقاطعة كورسك»); None for every entity."""
        self._root = _Node()
        self.longest = 0
        #: Per entity, the words of its multi-word names that another word follows.
        inner: dict[str, set[str]] = {}
        single: dict[str, set[str]] = {}
        headword_words: dict[str, int] = {}
        for alias in aliases:
            words = [t.text for t in tokens(fold_text(alias.text))]
            if not words:
                continue
            node = self._root
            for word in words:
                node = node.children.setdefault(word, _Node())
                if alias.kind == "name":
                    node.names.add(alias.entity)
            if (alias.entity, alias.kind) not in node.ends:
                node.ends.append((alias.entity, alias.kind))
            self.longest = max(self.longest, len(words))
            if alias.kind != "name" or (people is not None and alias.entity not in people):
                continue
            # The first name alias of an entity is its headword (Glossary.aliases' order).
            headword_words.setdefault(alias.entity, len(words))
            if len(words) == 1:
                single.setdefault(alias.entity, set()).add(words[0])
            else:
                inner.setdefault(alias.entity, set()).update(words[:-1])
        #: (family name, entity): a one-word name that begins or is inside a longer name of a
        #: person whose headword is longer than one word (كيم of كيم جونغ أون). A surname
        #: that ends the full name (لافروف of سيرغي لافروف) is not one: it links anywhere.
        self._family: set[tuple[str, str]] = {
            (word, entity)
            for entity, words_ in single.items()
            if headword_words.get(entity, 1) >= 2  # a one-word headword (روسيا) is a full name
            for word in words_
            if word in inner.get(entity, set())
        }

    def find(self, text: str, named: set[str] | None = None) -> list[Mention]:
        """Mentions in ``text``, left to right; the longest match wins and none overlap.

        ``named``: the entities already named in full before ``text`` (a family name of
        any other is not a mention); the entities ``text`` names in full are added to it.
        """
        named = set() if named is None else named
        folded = fold(text)
        words = tokens(folded.text)
        mentions: list[Mention] = []
        index = 0
        while index < len(words):
            found = self._mention_at(text, folded, words, index, len(words), None, named)
            if found is None:
                index += 1
                continue
            count, mention = found
            if count > 1:
                inside = self._nested(text, folded, words, index, count, mention.entity, named)
                if inside:
                    mention = Mention(
                        mention.start,
                        mention.end,
                        mention.text,
                        mention.entity,
                        mention.kind,
                        tuple(inside),
                    )
            mentions.append(mention)
            index += count
        return mentions

    def _nested(
        self,
        text: str,
        folded: Folded,
        words: list[_Token],
        index: int,
        count: int,
        outer: str,
        named: set[str],
    ) -> list[Mention]:
        """The names of other entities within words ``index`` to ``index + count``."""
        inside: list[Mention] = []
        stop = index + count
        position = index
        while position < stop:
            limit = count - 1 if position == index else stop - position
            found = self._mention_at(text, folded, words, position, stop, limit, named)
            if found is None:
                position += 1
                continue
            inner_count, mention = found
            if mention.entity != outer and mention.kind == "name":
                inside.append(mention)
            position += inner_count
        return inside

    def _mention_at(
        self,
        text: str,
        folded: Folded,
        words: list[_Token],
        index: int,
        stop: int,
        limit: int | None,
        named: set[str],
    ) -> tuple[int, Mention] | None:
        """(words taken, the mention) at ``words[index]``, or None; words up to ``stop``
        only, at most ``limit`` of them."""
        match = self._longest_at(words, index, limit, stop)
        if match is None:
            return None
        count, skip, stem, ends = match
        last = words[index + count - 1]
        if self._compound(folded.text, words, index + count):
            return None
        if count == 1:
            ends = [
                (entity, kind)
                for entity, kind in ends
                if kind != "name"
                or self._family_allowed(stem, entity, folded.text, words, index, named)
            ]
            if not ends:
                return None
        first = words[index]
        start, end = folded.span(first.start + skip, last.end)
        entity, kind = _choose(ends, text[start:end])
        if kind == "name" and (count > 1 or (stem, entity) not in self._family):
            named.add(entity)
        return count, Mention(start, end, text[start:end], entity, kind)

    def _family_allowed(
        self,
        stem: str,
        entity: str,
        folded: str,
        words: list[_Token],
        index: int,
        named: set[str],
    ) -> bool:
        """Whether the one-word name ``stem`` at ``words[index]`` may stand for ``entity``."""
        if (stem, entity) not in self._family:
            return True
        return entity in named and not self._continues(stem, entity, folded, words, index)

    def _continues(
        self, stem: str, entity: str, folded: str, words: list[_Token], index: int
    ) -> bool:
        """Whether another name goes on after the family name at ``words[index]``."""
        if index + 1 >= len(words):
            return False
        following = words[index + 1]
        if folded[words[index].end : following.start].strip():
            return False  # punctuation between
        if any(reading in STOPWORDS for reading, _ in first_word_stems(following.text)):
            return False
        node = self._root.children[stem]
        return not any(
            entity in child.names
            for reading in later_word_stems(following.text)
            if (child := node.children.get(reading)) is not None
        )

    def _compound(self, folded: str, words: list[_Token], after: int) -> bool:
        """Whether the match ending before ``words[after]`` is joined to it by a dash, and
        that word starts no known name: the match is the start of a compound name."""
        if after >= len(words):
            return False
        end = words[after - 1].end
        between = folded[end : words[after].start]
        if between not in ("-", "- ", " -"):
            return False
        return self._longest_at(words, after, None) is None

    def _longest_at(
        self, words: list[_Token], index: int, limit: int | None = None, stop: int | None = None
    ) -> tuple[int, int, str, list[tuple[str, Kind]]] | None:
        """(words matched, proclitic chars skipped, first word's stem, what ends there) of the
        best match of at most ``limit`` words, none at or after ``words[stop]``."""
        best: tuple[int, int, str, list[tuple[str, Kind]]] | None = None
        word = words[index].text
        most = self.longest if limit is None else min(limit, self.longest)
        end = len(words) if stop is None else stop
        for stem, skip in first_word_stems(word):
            if "ك" in word[:skip] and len(stem) < MIN_STEM_AFTER_KAF:
                continue
            node = self._root.children.get(stem)
            if node is None:
                continue
            for count, ends in self._walk(node, words, index + 1, 1, most, end):
                # Longer wins; on equal length the reading with fewer stripped letters.
                if best is None or count > best[0] or (count == best[0] and skip < best[1]):
                    best = (count, skip, stem, ends)
        return best

    def _walk(
        self, node: _Node, words: list[_Token], index: int, count: int, most: int, stop: int
    ) -> Iterator[tuple[int, list[tuple[str, Kind]]]]:
        if node.ends:
            yield count, node.ends
        if index >= stop or count >= most:
            return
        for stem in later_word_stems(words[index].text):
            child = node.children.get(stem)
            if child is not None:
                yield from self._walk(child, words, index + 1, count + 1, most, stop)


def _choose(ends: list[tuple[str, Kind]], original: str) -> tuple[str, Kind]:
    entity, kind = ends[0]
    if kind == "name" and _TANWEEN_FATH in original:
        for other, other_kind in ends:
            if other == entity and other_kind == "adjective":
                return entity, "adjective"
    return entity, kind


__all__ = ["Alias", "Folded", "Linker", "Mention", "tokens"]
