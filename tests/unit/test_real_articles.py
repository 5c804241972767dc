"""Real articles as they come from web pages (tests/data/real: texts from many outlets, each
line's role annotated by hand): how many lines the reader gets right, measured as
``benchmarks/reading.py`` measures it."""

from __future__ import annotations

import json
import sys

import pytest

from sphinx_briefing.text import article, source
from tests.helpers import REPO, TESTS

sys.path.insert(0, str(REPO / "benchmarks"))

import reading

REAL = TESTS / "data" / "real"
GOLD = json.loads((REAL / "roles.json").read_text(encoding="utf-8"))


def read(name: str) -> article.Article:
    return article.parse(source.decode((REAL / name).read_bytes()).text)


def test_the_development_set_is_large_and_varied() -> None:
    assert len(GOLD) >= 20
    assert len({entry["outlet"] for entry in GOLD.values()}) >= 8


def test_at_least_95_percent_of_lines_get_their_role() -> None:
    result = reading.measure(REAL)
    assert result["lines"] == sum(len(t["lines"]) for t in GOLD.values())  # every line, once
    assert result["coarse"] >= 0.95, "\n".join(result["wrong"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_title_is_longer_than_150_characters(name: str) -> None:
    title, origin = read(name).title()
    assert len(title) <= article.TITLE_MAX
    assert origin in ("headline", "derived")


def test_headlines_are_found_where_the_annotation_has_one() -> None:
    found = sum(
        1
        for name, truth in GOLD.items()
        if truth["title"] and (headline := read(name).headline) and headline.text == truth["title"]
    )
    wanted = sum(1 for truth in GOLD.values() if truth["title"])
    assert found / wanted >= 0.9, f"{found} of {wanted}"
