"""The candidate finder's line splitting (``candidates/words.py``): whatever the line, the
fast split (:func:`split_line`, the finder's) gives the words :func:`tokenize` finds with
the word pattern, at the same places; and the words a link covers are found by bisection as
the definition says, one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sphinx_briefing.candidates.spans import _linked_words
from sphinx_briefing.candidates.words import split_line, tokenize

#: Arabic letters and marks, Latin letters, digits, «_», spaces and punctuation, tatweel and
#: joiners: every kind of character the two ways of splitting treat differently.
_CHARS = st.sampled_from(
    list("وأكدَّ لافروف كيمُ جونغ-أون abc XYZ 2025 ٢٠٢٥ _ ، . : « » ( ) ـ \u200c\u200d\u00ad\t")
)


@given(st.lists(_CHARS, max_size=60).map("".join))
def test_fast_split_matches_the_word_pattern(line: str) -> None:
    split = split_line(line)
    assert list(zip(split.starts, split.ends, split.words, strict=True)) == tokenize(line)
    for start, end, raw, word in zip(
        split.starts, split.ends, split.raws, split.words, strict=True
    ):
        assert word.raw == raw == line[start:end]


@given(st.lists(_CHARS, max_size=60).map("".join))
def test_gaps_and_words_make_the_line(line: str) -> None:
    split = split_line(line)
    tokens, gaps = tokenize(line), split.gaps
    assert (split.starts, split.ends, split.words) == (
        [t.start for t in tokens],
        [t.end for t in tokens],
        [t.word for t in tokens],
    )
    assert len(gaps) == len(tokens) + 1
    assert "".join(g + t.word.raw for g, t in zip(gaps, tokens, strict=False)) + gaps[-1] == line
    for index, token in enumerate(tokens):
        before = tokens[index - 1].end if index else 0
        assert gaps[index] == line[before : token.start]


def test_underscore_parts_words_as_the_word_pattern_does() -> None:
    assert split_line("a_b وزير_الخارجية").raws == [
        "a",
        "b",
        "وزير",
        "الخارجية",
    ]


def _linked_one_by_one(
    starts: list[int], ends: list[int], spans: list[tuple[int, int, str]]
) -> list[str | None]:
    """The definition: per word, the first span (in order) that ends after the word starts,
    when that span starts before the word ends."""
    found: list[str | None] = []
    for start, end in zip(starts, ends, strict=True):
        after = [span for span in spans if span[1] > start]
        found.append(after[0][2] if after and after[0][0] < end else None)
    return found


@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=10),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 9)), max_size=5),
)
def test_linked_words_by_bisection_match_the_definition(
    words: list[tuple[int, int]], links: list[tuple[int, int]]
) -> None:
    starts, ends, position = [], [], 0
    for gap, length in words:
        starts.append(position + gap)
        ends.append(position + gap + length)
        position = ends[-1]
    spans = sorted((start, start + length, f"e{n}") for n, (start, length) in enumerate(links))
    assert _linked_words(starts, ends, spans) == _linked_one_by_one(starts, ends, spans)
