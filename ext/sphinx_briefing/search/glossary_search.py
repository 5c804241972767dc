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
    similar to a whole name with the spaces left out (``Kim Jung Un``);
``description`` (1.x)
    every query word occurs in a short or long description, in either language.

The fraction orders hits within a tier: how well each word matched, how much of the
name the query covers, whether proclitics had to be stripped, whether the match was a
name or only an adjective, a short description or only a long one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from sphinx_briefing.glossary import Entry, Glossary
from sphinx_briefing.text.linker import (
    MIN_STEM_AFTER_KAF,
    first_word_stems,
    later_word_stems,
    tokens,
)
from sphinx_briefing.text.normalise import fold_text
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
    if min(len(text), len(word)) >= MIN_FUZZY:
        ratio = similarity(text, word)
        if ratio >= FUZZY_THRESHOLD:
            return _WordMatch("fuzzy", ratio - reading.penalty, position)
    return None


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
        if min(len(compact), len(whole)) >= MIN_FUZZY:
            ratio = similarity(compact, whole)
            if ratio >= FUZZY_THRESHOLD:
                best = max(best, 0.5 * (ratio - cost) + 0.4)
    return ("fuzzy", best) if best else None


def _names(entry: Entry) -> Iterator[tuple[Field, str]]:
    for text in entry.names.values():
        yield "name", text
    for texts in entry.data.get("aliases", {}).values():
        for text in texts:
            yield "alias", text
    for texts in entry.data.get("adjectives", {}).values():
        for text in texts:
            yield "adjective", text


def _description_words(words: Iterable[str]) -> set[str]:
    """Every word of a description, also without proclitics and without ال."""
    found: set[str] = set()
    for word in words:
        for reading in readings(word):
            found.update(later_word_stems(reading.text))
    return found


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
    options = [readings(word) for word in words]
    best: Hit | None = None

    def offer(tier: Tier, fraction: float, field: Field, text: str) -> None:
        nonlocal best
        score = round(TIER_SCORES[tier] + max(0.0, min(fraction, 0.999)), 3)
        if best is None or score > best.score:
            best = Hit(entry, score, tier, field, text)

    for field, text in _names(entry):
        found = _name_score(options, folded_words(text))
        if found is not None:
            tier, fraction = found
            offer(tier, fraction - (ADJECTIVE_PENALTY if field == "adjective" else 0), field, text)
    if best is None:
        phrase = " ".join(words)
        for field in _DESCRIPTION_FIELDS:
            text = entry.description.get(field, "")
            found_in = _description_score(
                options, phrase, folded_words(text), field.startswith("short")
            )
            if found_in is not None:
                offer("description", found_in, field, text)
    return best


def search(
    glossary: Glossary, query: str, kind: str | None = None, limit: int | None = None
) -> list[Hit]:
    """Entries matching ``query`` (of type ``kind`` if given), best first.

    Ties are broken by type (in :data:`sphinx_briefing.vocabulary.TYPES` order), then by id.
    """
    hits = []
    for entry in glossary.entries.values():
        if kind is not None and entry.type != kind:
            continue
        hit = score_entry(entry, query)
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
    "TIER_SCORES",
    "Hit",
    "folded_words",
    "mention_counts",
    "readings",
    "score_entry",
    "search",
    "similarity",
]
