"""``briefing candidates``: the JSON and text output, ``--min-count``, ``--write``, and bad
input ending with one line and status 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import REPO, run_cli

ROOT = REPO / "tests" / "roots" / "test-coverage"
ARTICLES = sorted(str(p) for p in (ROOT / "articles").glob("*.txt"))
GLOSSARY = str(ROOT / "glossary")


def test_json_lists_names_by_count_then_text() -> None:
    result = run_cli("candidates", *ARTICLES, "--glossary", GLOSSARY, "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    keys = [(-c["count"], c["text"]) for c in found]
    assert keys == sorted(keys)
    by_text = {c["text"]: c for c in found}
    assert by_text["ماركو روبيو"]["type"] == "person" and by_text["ماركو روبيو"]["count"] == 4
    assert by_text["قازان"]["english"] == "Kazan"
    assert by_text["الكرملين"]["type"] == "organization"
    assert "سيرغي لافروف" not in by_text and "موسكو" not in by_text  # in the glossary
    texts = {path: Path(path).read_text(encoding="utf-8").split("\n") for path in ARTICLES}
    for candidate in found:
        assert set(candidate) == {
            "text", "type", "mentions", "count", "score", "variant_of", "english", "why",
        }  # fmt: skip
        for mention in candidate["mentions"]:
            line = texts[mention["file"]][mention["line"] - 1]
            assert line[mention["start"] : mention["end"]] in candidate["text"] or candidate[
                "text"
            ].endswith(line[mention["start"] : mention["end"]])


def test_text_shows_a_block_with_context_per_name() -> None:
    result = run_cli("candidates", *ARTICLES, "--glossary", GLOSSARY)
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    peskov = next(b for b in blocks if b.startswith("دميتري بيسكوف"))
    assert "(person, 1×, score" in peskov
    assert "English: Dmitry Peskov" in peskov and "(suggested)" not in peskov
    cho = next(b for b in blocks if b.startswith("تشو هيون"))
    assert "English: " in cho and "(suggested)" in cho
    assert "moscow-talks.txt:4: وقال المتحدث باسم الكرملين ⟦دميتري بيسكوف⟧ إن" in peskov


def test_min_count_keeps_the_frequent_names() -> None:
    result = run_cli(
        "candidates", *ARTICLES, "--glossary", GLOSSARY, "--format", "json", "--min-count", "2"
    )
    assert [c["text"] for c in json.loads(result.stdout)] == ["ماركو روبيو"]
    bad = run_cli("candidates", *ARTICLES, "--min-count", "0")
    assert bad.returncode == 2 and "must be 1 or more" in bad.stderr


def test_bad_input_is_one_line_and_status_2(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    cases = [
        ([str(tmp_path / "missing.txt")], GLOSSARY, "missing.txt: No such file or directory"),
        ([str(binary)], GLOSSARY, "image.txt:1: not valid UTF-8"),
        (ARTICLES, str(tmp_path / "nowhere"), "nowhere: no glossary here"),
        ([str(tmp_path)], GLOSSARY, "is a directory"),
    ]
    for files, glossary_dir, message in cases:
        result = run_cli("candidates", *files, "--glossary", glossary_dir)
        assert result.returncode == 2, message
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_write_drafts_new_names_and_reports_them(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    result = run_cli(
        "candidates", *ARTICLES, "--glossary", GLOSSARY, "--format", "json", "--write", str(entries)
    )
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)  # the JSON stays clean: the report is on standard error
    written = sorted(p.name for p in entries.glob("*.toml"))
    assert written and any("created" in line for line in result.stderr.splitlines())
    assert len(written) == len(json.loads(result.stdout))
