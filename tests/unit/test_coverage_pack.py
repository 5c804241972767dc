"""The coverage report's machine cache (``read/coverage.py``): one pack per glossary and
finder version, read once per build, each article's results found by its exact inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sphinx_briefing.candidates.finder import Finder
from sphinx_briefing.read import coverage


def _article(name: str) -> tuple[Any, Any, Any]:
    return ({1: f"قال وزير الخارجية {name} إن المحادثات كانت مثمرة."}, {}, {})


def test_results_are_packed_reused_and_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    made: list[int] = []

    def make() -> Finder:
        made.append(1)
        return Finder(None)

    pending = {"a": _article("ماركو روبيو"), "b": _article("وانغ يي")}
    first, keys = coverage.find_all(make, "glossary-1", pending)
    assert [c["text"] for c in first["a"]["candidates"]] == ["ماركو روبيو"]
    assert len(list((tmp_path / coverage.CACHE_KIND).iterdir())) == 1  # one file, not one each
    made.clear()
    # The same inputs under another name: read from the pack, the finder never made.
    again, _ = coverage.find_all(make, "glossary-1", {"c": pending["a"], "d": pending["b"]})
    assert made == [] and again == {"c": first["a"], "d": first["b"]}
    # Another glossary: another pack, found again.
    coverage.find_all(make, "glossary-2", {"a": pending["a"]})
    assert made and len(list((tmp_path / coverage.CACHE_KIND).iterdir())) == 2
    # A pack grown past its book (a read again, its old text's results left behind) is cut
    # to the book's articles: those read now and the others (by their keys).
    monkeypatch.setattr(coverage, "PACK_GROWTH", 1)
    monkeypatch.setattr(coverage, "PACK_SLACK", 0)
    coverage.find_all(make, "glossary-1", {"a": _article("سيرغي لافروف")}, [keys["b"]])
    made.clear()
    coverage.find_all(make, "glossary-1", {"a": _article("سيرغي لافروف"), "b": pending["b"]})
    assert made == []  # both kept
    coverage.find_all(make, "glossary-1", {"a": pending["a"]})
    assert made  # the old text of a: dropped when the pack was cut
