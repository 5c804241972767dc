"""The machine-wide cache of slow pure computations (font compression, graph layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_briefing import cache


def test_cached_text_computes_once_per_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    calls: list[str] = []

    def make(value: str) -> str:
        calls.append(value)
        return value * 2

    key = cache.digest("inputs", 1)
    assert cache.cached_text("kind", key, lambda: make("a")) == "aa"
    assert cache.cached_text("kind", key, lambda: make("b")) == "aa"  # from the cache
    assert cache.cached_text("kind", cache.digest("inputs", 2), lambda: make("c")) == "cc"
    assert calls == ["a", "c"]
    assert (tmp_path / "kind" / key).read_text(encoding="utf-8") == "aa"


def test_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    calls: list[int] = []
    for _ in range(2):
        cache.cached_text("kind", "key", lambda: str(calls.append(1) or len(calls)))
    assert calls == [1, 1]


def test_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocked))
    assert cache.cached_text("kind", "key", lambda: "value") == "value"


def test_source_digest_follows_code_and_data(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text("{}", encoding="utf-8")
    before = cache.source_digest(cache.digest, data)
    assert before == cache.source_digest(cache.digest, data)
    data.write_text('{"changed": 1}', encoding="utf-8")
    assert cache.source_digest(cache.digest, data) != before


def test_a_file_is_checked_once_per_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.json"
    data.write_text("[1]", encoding="utf-8")
    checks: list[str] = []

    def check() -> None:
        checks.append(data.read_text(encoding="utf-8"))
        if "bad" in checks[-1]:
            raise ValueError("bad data")

    cache.checked_once(check, data)
    cache.checked_once(check, data)
    assert checks == ["[1]"]
    data.write_text('["bad"]', encoding="utf-8")
    for _ in range(2):  # a file that fails is checked, and fails, every time
        with pytest.raises(ValueError, match="bad data"):
            cache.checked_once(check, data)
    assert checks == ["[1]", '["bad"]', '["bad"]']
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    data.write_text("[1]", encoding="utf-8")
    cache.checked_once(check, data)  # no cache: always checked
    assert checks[-1] == "[1]" and len(checks) == 4


def test_checked_contents_remember_what_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    first = cache.CheckedContents("check-v1")
    assert not first.passed("a") and not first.passed("b")
    first.add("a")
    first.save()
    again = cache.CheckedContents("check-v1")
    assert again.passed("a") and not again.passed("b")
    # Another version of the check knows nothing of the first's.
    assert not cache.CheckedContents("check-v2").passed("a")


def test_checked_contents_drop_old_digests_past_their_growth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache.CheckedContents, "SLACK", 0)
    checked = cache.CheckedContents("check")
    for text in ("old 1", "old 2", "old 3", "old 4"):
        checked.add(text)
    checked.save()  # 4 known, 4 used: all kept
    later = cache.CheckedContents("check")
    assert later.passed("old 1")
    later.add("new")
    later.save()  # 5 known, 2 used: past 2 × 2, only the used ones are kept
    kept = cache.CheckedContents("check")
    assert kept.passed("old 1") and kept.passed("new") and not kept.passed("old 2")


def test_checked_contents_without_a_cache_check_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    checked = cache.CheckedContents("check")
    checked.add("a")
    checked.save()
    assert not cache.CheckedContents("check").passed("a")
