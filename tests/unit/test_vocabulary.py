"""The shared vocabulary: relation types from one data file, entry types, text direction."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_briefing import vocabulary
from sphinx_briefing.glossary import SCHEMA_PATH
from sphinx_briefing.vocabulary import (
    TYPE_LABELS,
    TYPES,
    edition_language,
    is_rtl,
    relation_label,
    relation_types,
    symmetric_relations,
)


def test_relation_types_are_the_glossary_schemas_enum() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    enum = schema["properties"]["relations"]["items"]["properties"]["type"]["enum"]
    assert sorted(relation_types()) == sorted(enum)


@pytest.mark.parametrize("frame", ["graph", "entry"])
def test_every_relation_type_has_both_labels_in_both_frames(frame: str) -> None:
    for kind in relation_types():
        ar, en = relation_label(kind, frame)  # type: ignore[arg-type]
        assert re.search("[\u0600-\u06ff]", ar), kind
        assert re.fullmatch(r"[a-z][a-z ]*", en), kind


def test_graph_labels_are_clauses_and_entry_labels_need_no_agreement() -> None:
    # The graph reads "A met B" between two boxes; an entry page reads "<label> B" under A,
    # where A may be a woman or a country, so the entry label is a noun phrase.
    assert relation_label("met") == ("التقى", "met")
    assert relation_label("met", "entry") == ("لقاء مع", "met")
    assert relation_label("party-to") == ("طرف في", "party to")


def test_symmetric_relations_come_from_the_data_file() -> None:
    assert symmetric_relations() == {"met", "allied-with", "at-war-with", "borders"}
    assert "capital-of" not in symmetric_relations()


def test_unknown_relation_type_is_named() -> None:
    with pytest.raises(ValueError, match=r"unknown relation type 'hugged'"):
        relation_label("hugged")


@pytest.fixture
def fresh_relation_types() -> Iterator[None]:
    relation_types.cache_clear()
    yield
    relation_types.cache_clear()


def test_relation_types_file_is_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_relation_types: None
) -> None:
    bad = tmp_path / "relation-types.json"
    bad.write_text(
        json.dumps({"met": {"symmetric": True, "graph": {"ar": "التقى"}, "entry": {}}}),
        encoding="utf-8",
    )
    monkeypatch.setattr(vocabulary, "RELATION_TYPES_PATH", bad)
    with pytest.raises(ValueError, match=r"relation-types\.json: met/graph: 'en' is a required"):
        relation_types()


def test_entry_types_have_labels() -> None:
    assert set(TYPE_LABELS) == set(TYPES)


@pytest.mark.parametrize(
    ("language", "rtl"),
    [("ar", True), ("ar_EG", True), ("fa-IR", True), ("he", True), ("en", False), (None, False)],
)
def test_is_rtl(language: str | None, rtl: bool) -> None:
    assert is_rtl(language) is rtl


def test_edition_language() -> None:
    assert edition_language("ar") == "ar"
    assert edition_language(None) == "ar"
    assert edition_language("en") == "en"
    assert edition_language("fr") == "en"
