"""Search the glossary by name, alias, adjective or description, best match first.

Queries and glossary text are compared after the project's one normalisation
(:func:`sphinx_briefing.text.normalise.fold_text`), split into word tokens. An Arabic query word is
also read without attached proclitics (``بلافروف`` as ``لافروف``, ``والكورية`` as
``كورية``), the way the linker reads the first word of a name, and a glossary word is
also read without its article ``ال``.

A hit falls in one of four tiers, and every hit of a tier outranks every hit of a lower
one:

``exact`` (score 4.x)
    the query is a whole name, alias or adjective (token for token, or with the spaces
    left out: ``بيونغيانغ`` is ``بيونغ يانغ``);
``tokens`` (3.x)
    every query word is a word of one name, or the beginning of one (``Lav``);
``fuzzy`` (2.x)
    as ``tokens``, but some word is only similar (similarity at least
    :data:`FUZZY_THRESHOLD`: ``Lavrof``, ``لافرف``, ``Pyongyng``), or the whole query is
    similar to a whole name with the spaces left out (``Kim Jung Un``); a month's name is
    never a typo of another (يونيو, June, is not يوليو, July);
``description`` (1.x)
    every query word occurs in a short or long description, in either language.

The fraction orders hits within a tier: how well each word matched, how much of the
name the query covers, whether proclitics had to be stripped, whether the match was a
name or only an adjective, a short description or only a long one.

:func:`search` scores only the entries that can match at all, found through an index built
once per glossary (:class:`SearchIndex`): the words of every name (and their readings without
``ال``) by character bigram, a sorted list of them for prefixes, whole names with the spaces
left out, and the words of every description. A name can only be a hit if every query word
matches one of its words, and two words at least :data:`FUZZY_THRESHOLD` similar always share
enough bigrams (see :func:`_shared_needed`), so the filter never drops a hit: results are
those of scoring every entry. Long queries (a pasted sentence) look for candidates with at
most :data:`MAX_FILTER_WORDS` of their longest words; the candidates are then scored with
every word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from sphinx_briefing.glossary import Entry, Glossary
from sphinx_briefing.text.linker import (
    MIN_STEM_AFTER_KAF,
    first_word_stems,
    later_word_stems,
    tokens,
)
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.text.search_terms import month_names
from sphinx_briefing.vocabulary import TYPES

Tier = Literal["exact", "tokens", "fuzzy", "description"]
Field = Literal["name", "alias", "adjective", "short_ar", "short_en", "long_ar", "long_en"]

#: The integer part of a hit's score, by tier.
TIER_SCORES: dict[Tier, int] = {"exact": 4, "tokens": 3, "fuzzy": 2, "description": 1}
#: Two words are "similar" from this similarity (0..1) on.
FUZZY_THRESHOLD = 0.8
#: Shorter words are never compared fuzzily: one letter off in ``Kim`` is another name.
MIN_FUZZY = 4
#: Shortest query word read as the beginning of a longer word (3 after stripping proclitics).
MIN_PREFIX = 2
#: Cost of reading a query word without its proclitics.
STRIP_PENALTY = 0.02
#: Cost of matching an adjective (``روسي``) rather than a name (``روسيا``).
ADJECTIVE_PENALTY = 0.05
#: Candidates are looked for with at most this many query words (the longest ones).
MAX_FILTER_WORDS = 20

_NAME_FIELDS: tuple[Field, ...] = ("name", "alias", "adjective")
_DESCRIPTION_FIELDS: tuple[Field, ...] = ("short_ar", "short_en", "long_ar", "long_en")


@dataclass(frozen=True)
class Hit:
    """One glossary entry found by a query, and why."""

    entry: Entry
    #: Tier score plus a fraction in [0, 1): higher is better.
    score: float
    tier: Tier
    #: Where the query matched: a name, an alias, an adjective or a description field.
    field: Field
    #: The text that matched (a name as written, or a whole description).
    matched: str


@dataclass(frozen=True)
class _Reading:
    """One way to read a query word: as written, or without its proclitics."""

    text: str
    penalty: float

    @property
    def stripped(self) -> bool:
        return self.penalty > 0


@dataclass(frozen=True)
class _WordMatch:
    """How well one query word matched one word of a name."""

    kind: Literal["equal", "prefix", "fuzzy"]
    score: float
    position: int


def folded_words(text: str) -> list[str]:
    """The word tokens of ``text`` after :func:`fold_text`."""
    return [t.text for t in tokens(fold_text(text))]


def readings(word: str) -> list[_Reading]:
    """A folded query word as written, then without each possible proclitic cluster."""
    found = [_Reading(word, 0.0)]
    seen = {word}
    for stem, skip in first_word_stems(word):
        if skip == 0 or stem in seen:
            continue
        if "ك" in word[:skip] and len(stem) < MIN_STEM_AFTER_KAF:
            continue  # كيم is not ك + يم
        seen.add(stem)
        found.append(_Reading(stem, STRIP_PENALTY))
    return found


def similarity(a: str, b: str) -> float:
    """Similarity of two words in [0, 1]: the better of difflib's ratio and one minus the
    optimal-string-alignment distance (transpositions count once) over the longer length."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return max(ratio, 1.0 - _osa_distance(a, b) / max(len(a), len(b)))


def _lengths_allow(a: str, b: str) -> bool:
    """Whether two words' lengths allow a similarity of :data:`FUZZY_THRESHOLD` (0.8).

    Both measures are at most ``2 * shorter / (len(a) + len(b))``, under 0.8 when the shorter
    word has less than two thirds of the longer one's letters."""
    return 3 * min(len(a), len(b)) >= 2 * max(len(a), len(b))


def _may_be_similar(a: str, b: str) -> bool:
    """False when ``a`` and ``b`` cannot be :data:`FUZZY_THRESHOLD` similar: their lengths
    are too far apart, or they share too few bigrams (:func:`_shared_needed`)."""
    if not _lengths_allow(a, b):
        return False
    return sum((_bigrams(a) & _bigrams(b)).values()) >= _shared_needed(len(a), len(b))


def _osa_distance(a: str, b: str) -> int:
    """Levenshtein distance plus adjacent transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _match_word(options: list[_Reading], name: list[str]) -> _WordMatch | None:
    """The best match of one query word (in any reading) against any word of a name."""
    best: _WordMatch | None = None
    for position, word in enumerate(name):
        for variant in later_word_stems(word):
            for reading in options:
                candidate = _compare(reading, variant, position)
                if candidate is not None and (best is None or _better(candidate, best)):
                    best = candidate
    return best


_KIND_RANK = {"equal": 2, "prefix": 1, "fuzzy": 0}


def _better(a: _WordMatch, b: _WordMatch) -> bool:
    return (_KIND_RANK[a.kind], a.score) > (_KIND_RANK[b.kind], b.score)


def _compare(reading: _Reading, word: str, position: int) -> _WordMatch | None:
    text = reading.text
    if text == word:
        return _WordMatch("equal", 1.0 - reading.penalty, position)
    shortest = MIN_PREFIX + 1 if reading.stripped else MIN_PREFIX
    if len(text) >= shortest and len(text) < len(word) and word.startswith(text):
        return _WordMatch("prefix", 0.6 + 0.3 * len(text) / len(word) - reading.penalty, position)
    if (
        min(len(text), len(word)) >= MIN_FUZZY
        and not _is_month(text)
        and not _is_month(word)
        and _may_be_similar(text, word)
    ):
        ratio = similarity(text, word)
        if ratio >= FUZZY_THRESHOLD:
            return _WordMatch("fuzzy", ratio - reading.penalty, position)
    return None


def _is_month(word: str) -> bool:
    """Whether a folded word is a month's name: يونيو is not a typo of يوليو."""
    return word in month_names()


def _compacts(query: list[list[_Reading]]) -> Iterator[tuple[str, float]]:
    """The query with the spaces left out, its first word as written or stripped."""
    rest = "".join(options[0].text for options in query[1:])
    for reading in query[0]:
        yield reading.text + rest, reading.penalty


def _exact(query: list[list[_Reading]], name: list[str]) -> float | None:
    """The penalty of the best exact reading of ``query`` as ``name``, or None."""
    best: float | None = None
    if len(query) == len(name):
        penalty = 0.0
        for options, word in zip(query, name, strict=True):
            costs = [r.penalty for r in options if r.text in set(later_word_stems(word))]
            if not costs:
                break
            penalty += min(costs)
        else:
            best = penalty
    whole = "".join(name)
    for compact, penalty in _compacts(query):
        if compact == whole and (best is None or penalty < best):
            best = penalty
    return best


def _name_score(query: list[list[_Reading]], name: list[str]) -> tuple[Tier, float] | None:
    """(tier, fraction) of ``query`` against one name, alias or adjective (folded words)."""
    if not name:
        return None
    penalty = _exact(query, name)
    if penalty is not None:
        return "exact", 0.95 - penalty
    matches = [_match_word(options, name) for options in query]
    found = [m for m in matches if m is not None]
    if len(found) == len(matches):
        mean = sum(m.score for m in found) / len(found)
        coverage = len({m.position for m in found}) / len(name)
        tier: Tier = "fuzzy" if any(m.kind == "fuzzy" for m in found) else "tokens"
        return tier, 0.5 * mean + 0.4 * coverage
    whole = "".join(name)
    best = 0.0
    for compact, cost in _compacts(query):
        if min(len(compact), len(whole)) >= MIN_FUZZY and _may_be_similar(compact, whole):
            ratio = similarity(compact, whole)
            if ratio >= FUZZY_THRESHOLD:
                best = max(best, 0.5 * (ratio - cost) + 0.4)
    return ("fuzzy", best) if best else None


def name_texts(entry: Entry) -> Iterator[tuple[Field, str]]:
    """Every name, alias and adjective of an entry, in every language, with its field (what
    the search page's entity matcher gets too, see :mod:`sphinx_briefing.search.page_data`)."""
    for text in entry.names.values():
        yield "name", text
    for texts in entry.data.get("aliases", {}).values():
        for text in texts:
            yield "alias", text
    for texts in entry.data.get("adjectives", {}).values():
        for text in texts:
            yield "adjective", text


#: The former private name (tests/unit/test_search_speed_shape.py reads it).
_names = name_texts


def _description_words(words: Iterable[str]) -> frozenset[str]:
    """Every word of a description, also without proclitics and without ال."""
    return _vocabulary(tuple(words))


@lru_cache(maxsize=65536)
def _vocabulary(words: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for word in words:
        for reading in readings(word):
            found.update(later_word_stems(reading.text))
    return frozenset(found)


def _description_score(
    query: list[list[_Reading]], phrase: str, words: list[str], short: bool
) -> float | None:
    """The fraction of a description hit: every query word must occur in ``words``."""
    vocabulary = _description_words(words)
    penalty = 0.0
    for options in query:
        costs = [r.penalty for r in options if r.text in vocabulary]
        if not costs:
            return None
        penalty += min(costs)
    fraction = (0.6 if short else 0.3) - penalty
    if f" {phrase} " in f" {' '.join(words)} ":
        fraction += 0.2
    return fraction


def score_entry(entry: Entry, query: str) -> Hit | None:
    """The best hit of ``query`` on ``entry``, or None when nothing matches."""
    words = folded_words(query)
    if not words:
        return None
    names = [(f, text, folded_words(text)) for f, text in name_texts(entry)]
    descriptions = [
        (f, entry.description.get(f, ""), folded_words(entry.description.get(f, "")))
        for f in _DESCRIPTION_FIELDS
    ]
    return _score(entry, words, [readings(word) for word in words], names, descriptions)


_Texts = list[tuple[Field, str, list[str]]]


def _score(
    entry: Entry,
    words: list[str],
    options: list[list[_Reading]],
    names: _Texts,
    descriptions: _Texts,
) -> Hit | None:
    """:func:`score_entry` with the query and the entry's texts already folded."""
    best: Hit | None = None

    def offer(tier: Tier, fraction: float, field: Field, text: str) -> None:
        nonlocal best
        score = round(TIER_SCORES[tier] + max(0.0, min(fraction, 0.999)), 3)
        if best is None or score > best.score:
            best = Hit(entry, score, tier, field, text)

    for field, text, name in names:
        found = _name_score(options, name)
        if found is not None:
            tier, fraction = found
            offer(tier, fraction - (ADJECTIVE_PENALTY if field == "adjective" else 0), field, text)
    if best is None:
        phrase = " ".join(words)
        for field, text, described in descriptions:
            found_in = _description_score(options, phrase, described, field.startswith("short"))
            if found_in is not None:
                offer("description", found_in, field, text)
    return best


def _bigrams(word: str) -> Counter[str]:
    return Counter(word[i : i + 2] for i in range(len(word) - 1))


def _shared_needed(a: int, b: int) -> float:
    """Fewest bigrams (counted with repetition) that words of lengths ``a`` and ``b`` share
    when their :func:`similarity` is at least 0.8.

    difflib's ratio: ``M >= 0.4 (a + b)`` letters match, in blocks; each block boundary
    needs a letter left out on one side, so there are at most ``a + b - 2M + 1`` blocks and
    at least ``M - blocks >= 0.2 (a + b) - 1`` shared bigrams. Distance ``d <= 0.2 max(a, b)``:
    each edit breaks at most three bigrams of the longer word, leaving at least
    ``0.4 max(a, b) - 1``, no fewer.
    """
    return 0.2 * (a + b) - 1


@dataclass
class _Grams:
    """Strings indexed by (bigram, length): for words similar to a query word."""

    strings: list[str] = dataclass_field(default_factory=list)
    ids: dict[str, int] = dataclass_field(default_factory=dict)
    postings: dict[tuple[str, int], list[tuple[int, int]]] = dataclass_field(default_factory=dict)

    def add(self, text: str) -> int:
        known = self.ids.get(text)
        if known is not None:
            return known
        number = self.ids[text] = len(self.strings)
        self.strings.append(text)
        for gram, count in _bigrams(text).items():
            self.postings.setdefault((gram, len(text)), []).append((number, count))
        return number

    def similar(self, text: str) -> Iterator[int]:
        """Ids of the strings that may be at least 0.8 similar to ``text`` (a superset)."""
        size = len(text)
        if size < MIN_FUZZY:
            return
        grams = _bigrams(text)
        for length in range(max(MIN_FUZZY, -(-2 * size // 3)), 3 * size // 2 + 1):
            shared: dict[int, int] = {}
            for gram, count in grams.items():
                for number, other in self.postings.get((gram, length), ()):
                    shared[number] = shared.get(number, 0) + min(count, other)
            needed = _shared_needed(size, length)
            yield from (number for number, n in shared.items() if n >= needed)


@dataclass
class SearchIndex:
    """What :func:`search` looks candidates up in, built once per glossary."""

    entries: list[Entry]
    names: list[_Texts]
    #: Each entry's four descriptions, folded and joined by line breaks.
    descriptions: list[str]
    #: Every word of every name, alias and adjective, also without ال.
    words: _Grams
    #: Entries (by position) with each word of :attr:`words`, by word id.
    word_entries: list[set[int]]
    #: The words of :attr:`words`, sorted, for prefixes.
    sorted_words: list[str]
    #: Whole names with the spaces left out.
    wholes: _Grams
    whole_entries: list[set[int]]
    folded_descriptions: dict[int, _Texts] = dataclass_field(default_factory=dict)

    @classmethod
    def build(cls, glossary: Glossary) -> SearchIndex:
        index = cls(list(glossary.entries.values()), [], [], _Grams(), [], [], _Grams(), [])
        for number, entry in enumerate(index.entries):
            names = [(f, text, folded_words(text)) for f, text in name_texts(entry)]
            index.names.append(names)
            for _field, _text, name in names:
                for word in name:
                    for variant in later_word_stems(word):
                        index._link(index.words, index.word_entries, variant, number)
                if name:
                    index._link(index.wholes, index.whole_entries, "".join(name), number)
            texts = (entry.description.get(f, "") for f in _DESCRIPTION_FIELDS)
            index.descriptions.append(fold_text("\n".join(texts)))
        index.sorted_words = sorted(index.words.strings)
        return index

    @staticmethod
    def _link(grams: _Grams, entries: list[set[int]], text: str, number: int) -> None:
        word = grams.add(text)
        if word == len(entries):
            entries.append(set())
        entries[word].add(number)

    def _word_candidates(self, options: list[_Reading]) -> set[int]:
        """Entries with a name word that one query word (in any reading) may match."""
        found: set[int] = set()
        for reading in options:
            text = reading.text
            numbers = set(self.words.similar(text))
            known = self.words.ids.get(text)
            if known is not None:
                numbers.add(known)
            if len(text) >= (MIN_PREFIX + 1 if reading.stripped else MIN_PREFIX):
                at = bisect_left(self.sorted_words, text)
                while at < len(self.sorted_words) and self.sorted_words[at].startswith(text):
                    numbers.add(self.words.ids[self.sorted_words[at]])
                    at += 1
            for number in numbers:
                found |= self.word_entries[number]
        return found

    def candidates(self, words: list[str], options: list[list[_Reading]]) -> set[int]:
        """Positions of the entries that may match the query: a superset of the hits."""
        # Name words: each query word must match a word of the name.
        chosen = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))
        by_name: set[int] | None = None
        for position in chosen[:MAX_FILTER_WORDS]:
            found = self._word_candidates(options[position])
            by_name = found if by_name is None else by_name & found
            if not by_name:
                break
        result = set(by_name or ())
        # The whole query without spaces, equal or similar to a whole name.
        for compact, _cost in _compacts(options):
            numbers = set(self.wholes.similar(compact))
            known = self.wholes.ids.get(compact)
            if known is not None:
                numbers.add(known)
            for number in numbers:
                result |= self.whole_entries[number]
        # Descriptions: every query word occurs in one. A description word's readings are
        # parts of it, or ال and a part (لليابان as اليابان).
        for number, described in enumerate(self.descriptions):
            if number not in result and all(
                any(
                    r.text in described or (r.text.startswith("ال") and r.text[2:] in described)
                    for r in reading_options
                )
                for reading_options in options
            ):
                result.add(number)
        return result

    def described(self, number: int) -> _Texts:
        """The descriptions of the entry at ``number``, as :func:`_score` takes them (folded
        on first use: most entries are never scored)."""
        found = self.folded_descriptions.get(number)
        if found is None:
            entry = self.entries[number]
            found = self.folded_descriptions[number] = [
                (f, entry.description.get(f, ""), folded_words(entry.description.get(f, "")))
                for f in _DESCRIPTION_FIELDS
            ]
        return found


_INDEXES: dict[int, tuple[Glossary, int, SearchIndex]] = {}


def search_index(glossary: Glossary) -> SearchIndex:
    """The :class:`SearchIndex` of ``glossary``, built on first use (and again if its
    entries changed in number)."""
    cached = _INDEXES.get(id(glossary))
    if cached is not None and cached[0] is glossary and cached[1] == len(glossary.entries):
        return cached[2]
    if len(_INDEXES) >= 4:
        _INDEXES.clear()
    index = SearchIndex.build(glossary)
    _INDEXES[id(glossary)] = (glossary, len(glossary.entries), index)
    return index


def search(
    glossary: Glossary, query: str, kind: str | None = None, limit: int | None = None
) -> list[Hit]:
    """Entries matching ``query`` (of type ``kind`` if given), best first.

    Ties are broken by type (in :data:`sphinx_briefing.vocabulary.TYPES` order), then by id.
    """
    words = folded_words(query)
    if not words:
        return []
    options = [readings(word) for word in words]
    index = search_index(glossary)
    hits = []
    for number in index.candidates(words, options):
        entry = index.entries[number]
        if kind is not None and entry.type != kind:
            continue
        hit = _score(entry, words, options, index.names[number], index.described(number))
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, _type_rank(h.entry.type), h.entry.id))
    return hits if limit is None else hits[:limit]


def _type_rank(kind: str) -> int:
    return TYPES.index(kind) if kind in TYPES else len(TYPES)


def mention_counts(export: Any) -> dict[str, int]:
    """``{id: number of mentions}`` from the content of ``_briefing/glossary.json``.

    Only the mentions in the text the edition shows count: a mention marked
    ``"shown": false`` (in a parallel translation, or in the original behind a translated
    edition) names the same place in the book again. Exports from before editions carry no
    ``shown``: all their mentions count. Entries of an unexpected shape are left out (their
    count is unknown).
    """
    counts: dict[str, int] = {}
    entries = export.get("entries") if isinstance(export, dict) else None
    for item in entries if isinstance(entries, list) else []:
        if not isinstance(item, dict):
            continue
        entry_id, mentions = item.get("id"), item.get("mentions")
        if isinstance(entry_id, str) and isinstance(mentions, list):
            counts[entry_id] = sum(
                1 for m in mentions if not (isinstance(m, dict) and m.get("shown") is False)
            )
    return counts


__all__ = [
    "FUZZY_THRESHOLD",
    "MAX_FILTER_WORDS",
    "TIER_SCORES",
    "Hit",
    "SearchIndex",
    "folded_words",
    "mention_counts",
    "name_texts",
    "readings",
    "score_entry",
    "search",
    "search_index",
    "similarity",
]
