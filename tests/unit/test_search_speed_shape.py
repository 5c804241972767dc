"""The glossary search's candidate filter: it never drops a hit, and long queries stay cheap.

No timings here (``benchmarks/glossary_search.py`` measures them): these tests check the
algorithm's shape, that only a bounded number of entries is scored.
"""

from __future__ import annotations

import pytest

from sphinx_briefing import glossary
from sphinx_briefing.search import glossary_search as gs
from tests.helpers import REPO, SEED

GLOSSARY = REPO / "docs" / "glossary" / "entries"


@pytest.fixture(scope="module")
def loaded() -> glossary.Glossary:
    return glossary.load(GLOSSARY)


def exhaustive(loaded: glossary.Glossary, query: str) -> list[gs.Hit]:
    """What :func:`gs.search` finds when it scores every entry."""
    index = gs.search_index(loaded)
    words = gs.folded_words(query)
    options = [gs.readings(word) for word in words]
    hits = []
    for number, entry in enumerate(index.entries):
        hit = gs._score(entry, words, options, index.names[number], index.described(number))
        if words and hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, gs._type_rank(h.entry.type), h.entry.id))
    return hits


def typos(word: str) -> list[str]:
    """A dropped letter, a doubled letter and two letters swapped, in the middle of ``word``."""
    middle = len(word) // 2
    return [
        word[:middle] + word[middle + 1 :],
        word[:middle] + word[middle] + word[middle:],
        word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :],
    ]


def queries(loaded: glossary.Glossary) -> list[str]:
    found: set[str] = set()
    for entry in loaded.entries.values():
        for _field, text in gs._names(entry):
            found.add(text)
            words = text.split()
            found.update(words)
            found.update(w[:3] for w in words)
            found.update(t for w in words if len(w) >= 4 for t in typos(w))
            found.add(" ".join(reversed(words)))
    seed = SEED.read_text(encoding="utf-8").split()
    found.update(seed[:120])
    found.update(" ".join(seed[i : i + 2]) for i in range(0, 120, 9))
    return sorted(found)


def test_the_filter_never_drops_a_hit(loaded: glossary.Glossary) -> None:
    for query in queries(loaded)[::3]:
        assert gs.search(loaded, query) == exhaustive(loaded, query), query


def test_long_queries_score_few_entries(loaded: glossary.Glossary) -> None:
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    index = gs.search_index(loaded)
    for size in (200, 1000):
        pasted = text[len(text) // 3 :][:size]
        words = gs.folded_words(pasted)
        options = [gs.readings(word) for word in words]
        assert len(index.candidates(words, options)) <= 3
        assert gs.search(loaded, pasted) == exhaustive(loaded, pasted)


def test_the_index_is_built_once_per_glossary(loaded: glossary.Glossary) -> None:
    assert gs.search_index(loaded) is gs.search_index(loaded)
    other = glossary.load(GLOSSARY)
    assert gs.search_index(other) is not gs.search_index(loaded)


def test_shared_bigrams_bound_holds_for_similar_words() -> None:
    """Two words at least 0.8 similar share at least :func:`gs._shared_needed` bigrams."""
    pairs = [("lavorv", "lavrov"), ("لافرف", "لافروف"), ("abcde", "abxde"), ("tokio", "tokyo")]
    pairs += [(w, t) for w in ("pyongyang", "moscow", "بيونغيانغ", "vladimir") for t in typos(w)]
    for a, b in pairs:
        if gs.similarity(a, b) >= gs.FUZZY_THRESHOLD:
            shared = sum((gs._bigrams(a) & gs._bigrams(b)).values())
            assert shared >= gs._shared_needed(len(a), len(b)), (a, b)
