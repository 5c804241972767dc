"""Property-based tests: the parser never raises and never loses text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_briefing.read import doctree, fidelity
from sphinx_briefing.read.parser import shown_order
from sphinx_briefing.text import article, source
from sphinx_briefing.text.sidecar import ArticleMeta

# Lines drawn from Arabic, Latin, digits, punctuation that drives the heuristics, and anything.
_ALPHABET = st.sampled_from(list("كيم جونج أون.:؛،؟!”«» –-abc 123\t\u202e\u200f\x00\r"))
_LINE = st.one_of(st.text(_ALPHABET, max_size=60), st.text(max_size=40))
_ARTICLE = st.lists(_LINE, max_size=25).map("\n".join)


@given(_ARTICLE)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_parse_never_raises_and_keeps_every_line(text: str) -> None:
    cleaned = source.clean(text).text
    parsed = article.parse(cleaned)
    expected = [line.strip() for line in cleaned.split("\n") if line.strip()]
    assert [block.text for block in parsed.blocks] == expected
    # Every line has exactly one role; at most one headline, before any numbered block.
    kinds = [block.kind for block in parsed.blocks]
    assert kinds.count(article.Kind.HEADLINE) <= 1
    if article.Kind.HEADLINE in kinds:
        before = kinds[: kinds.index(article.Kind.HEADLINE)]
        assert not article.NUMBERED & set(before)
    title, _origin = parsed.title()
    assert len(title) <= article.TITLE_MAX


@given(st.binary(max_size=300))
def test_decode_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    result = source.decode(data)
    assert result.ok or result.text == ""
    assert all(f.line >= 1 for f in result.findings)


@given(_ARTICLE)
@settings(max_examples=200)
def test_doctree_keeps_all_text(text: str) -> None:
    cleaned = source.clean(text).text
    parsed = article.parse(cleaned)
    top = doctree.build(parsed, ArticleMeta(slug="t"), "t.txt")
    # In the order the page shows the lines (headline first, lines set aside last).
    shown = shown_order(cleaned, parsed)
    assert sorted(shown.split("\n")) == sorted(cleaned.split("\n"))
    assert fidelity.first_missing(shown, fidelity.doctree_text(top)) is None


@given(_ARTICLE, st.integers(min_value=0, max_value=10_000))
@settings(max_examples=200)
def test_fidelity_check_detects_a_dropped_character(text: str, seed: int) -> None:
    cleaned = source.clean(text).text
    visible = [i for i, c in enumerate(cleaned) if not c.isspace()]
    if not visible:
        return
    drop = visible[seed % len(visible)]
    damaged = cleaned[:drop] + cleaned[drop + 1 :]
    # Dropping a character is only invisible when the same character follows it.
    if cleaned[drop] not in cleaned[drop + 1 :]:
        assert fidelity.first_missing(cleaned, damaged) is not None
