"""The glossary grows from real articles (issue #17), measured on the development set's hand
annotation (``tests/data/real/names.json``) with a test glossary that holds half its entities.

The measuring is ``benchmarks/glossary_growth.py`` (one definition); the held-out set is measured
by running that script, never here, so nothing is tuned on it.
"""

from __future__ import annotations

import sys

import pytest

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import glossary_growth

DEV = REPO / "tests" / "data" / "real"


@pytest.fixture(scope="module")
def scores() -> glossary_growth.Scores:
    return glossary_growth.measure(DEV)


def test_known_entities_are_linked_with_high_recall(scores: glossary_growth.Scores) -> None:
    assert scores.known_mentions > 200
    assert scores.link_recall >= 0.97, scores.missed_links


def test_links_are_right(scores: glossary_growth.Scores) -> None:
    assert scores.link_precision >= 0.97, scores.wrong_links


def test_candidates_find_the_names_the_glossary_lacks(scores: glossary_growth.Scores) -> None:
    assert scores.unknown_entities > 80
    assert scores.candidate_recall >= 0.8, scores.missed_names


def test_candidates_have_the_right_type(scores: glossary_growth.Scores) -> None:
    assert scores.right_type >= 0.8


def test_candidates_are_names(scores: glossary_growth.Scores) -> None:
    assert scores.candidate_precision >= 0.75, scores.false_candidates


def test_drafts_link_the_new_names_without_losing_known_ones(
    scores: glossary_growth.Scores,
) -> None:
    assert scores.drafted_links >= 0.6
    assert scores.link_recall_after_drafts >= scores.link_recall
