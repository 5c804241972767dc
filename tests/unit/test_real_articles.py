"""Real articles as they come from web pages (tests/data/real: 34 texts from 31 outlets, each
line's role annotated by hand): how many lines the reader gets right."""

from __future__ import annotations

import json

import pytest

from sphinx_briefing.text import article, source
from tests.helpers import TESTS

REAL = TESTS / "data" / "real"
GOLD = json.loads((REAL / "roles.json").read_text(encoding="utf-8"))
ROLES = {
    article.Kind.HEADLINE: "headline",
    article.Kind.HEADING: "heading",
    article.Kind.PARAGRAPH: "paragraph",
    article.Kind.LIST_ITEM: "item",
    article.Kind.DATELINE: "dateline",
    article.Kind.BYLINE: "byline",
    article.Kind.PUBLISHED: "published",
    article.Kind.OMITTED: "omitted",
}
#: The issue's measure: headline, heading, body, or set aside / metadata.
COARSE = {
    "headline": "headline",
    "heading": "heading",
    "paragraph": "body",
    "item": "body",
    "dateline": "aside",
    "byline": "aside",
    "published": "aside",
    "omitted": "aside",
}


def read(name: str) -> article.Article:
    return article.parse(source.decode((REAL / name).read_bytes()).text)


def test_the_development_set_is_large_and_varied() -> None:
    assert len(GOLD) >= 20
    assert len({entry["outlet"] for entry in GOLD.values()}) >= 8


def test_at_least_95_percent_of_lines_get_their_role() -> None:
    total = right = 0
    for name, truth in GOLD.items():
        for block in read(name).blocks:
            total += 1
            right += COARSE[ROLES[block.kind]] == COARSE[truth["lines"][str(block.line)]]
    assert total == sum(len(t["lines"]) for t in GOLD.values())  # every line, one role
    assert right / total >= 0.95, f"{right} of {total}"


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
