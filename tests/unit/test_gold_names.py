"""The hand-annotated name gold (issue #17) checks itself: ``names.json`` and the test glossary
of the development set (tests/data/real) and of the held-out set (benchmarks/data/holdout).

``names.json`` maps each text file to its name mentions: ``line`` (1-based), ``start``/``end``
(code-point offsets in that line), ``text``, ``type`` and ``entity``. ``glossary/`` holds an
entry for about half of the entities (the "known" ones), each named after its id.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from sphinx_briefing.glossary import load
from tests.helpers import REPO

SETS = {
    "dev": REPO / "tests" / "data" / "real",
    "holdout": REPO / "benchmarks" / "data" / "holdout",
}
TYPES = {"person", "place", "organization", "agreement", "event", "other"}
KEYS = {"line", "start", "end", "text", "type", "entity"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Attached proclitics a mention may follow inside its word (و ف ب ل ك and their clusters).
PROCLITICS = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"}
#: Mentions whose word boundaries are broken in the source text itself, as (file, line).
GLUED = {("enabbaladi-daraya-grapes.txt", 6)}  # «عنب بلديداريا»: credit and place run together


def lines_of(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    return text.removeprefix("\ufeff").split("\n")


def gold(name: str) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(
        (SETS[name] / "names.json").read_text(encoding="utf-8")
    )
    return data


def roles(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SETS[name] / "roles.json").read_text(encoding="utf-8"))
    return data


def mentions(name: str) -> list[tuple[str, dict[str, Any]]]:
    return [(file, item) for file, items in sorted(gold(name).items()) for item in items]


def entity_types(name: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for _, item in mentions(name):
        found[item["entity"]].add(item["type"])
    return found


def entry_files(name: str) -> dict[str, dict[str, Any]]:
    return {
        path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted((SETS[name] / "glossary").glob("*.toml"))
    }


def is_word_char(char: str) -> bool:
    return char.isalpha() or char == "\u0640"


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_text_of_the_set_has_a_list(name: str) -> None:
    texts = {path.name for path in SETS[name].glob("*.txt")}
    assert set(gold(name)) == texts
    assert all(gold(name)[file] for file in texts), "a text with no name at all"


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_mention_is_well_formed_and_at_its_offsets(name: str) -> None:
    wrong = []
    for file, item in mentions(name):
        lines = lines_of(SETS[name] / file)
        if set(item) != KEYS or not 1 <= item["line"] <= len(lines):
            wrong.append(f"{file}: {item}")
            continue
        line = lines[item["line"] - 1]
        start, end, text = item["start"], item["end"], item["text"]
        if not (0 <= start < end <= len(line)) or line[start:end] != text:
            wrong.append(f"{file}:{item['line']}: {text!r} is not at {start}:{end}")
        if text != text.strip() or item["type"] not in TYPES or not ID.match(item["entity"]):
            wrong.append(f"{file}:{item['line']}: {item}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(SETS))
def test_mentions_are_whole_words_less_their_proclitics(name: str) -> None:
    wrong = []
    for file, item in mentions(name):
        if (file, item["line"]) in GLUED:
            continue
        line = lines_of(SETS[name] / file)[item["line"] - 1]
        word_start = item["start"]
        while word_start > 0 and is_word_char(line[word_start - 1]):
            word_start -= 1
        before = line[word_start : item["start"]]
        after = line[item["end"] : item["end"] + 1]
        if before not in PROCLITICS or (after and is_word_char(after)):
            wrong.append(f"{file}:{item['line']}: {before!r} + {item['text']!r} + {after!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_mention_is_on_an_omitted_or_blank_line(name: str) -> None:
    annotated = roles(name)
    wrong = [
        f"{file}:{item['line']}"
        for file, item in mentions(name)
        if annotated[file]["lines"].get(str(item["line"]), "omitted") == "omitted"
    ]
    assert not wrong


@pytest.mark.parametrize("name", sorted(SETS))
def test_mentions_in_a_line_do_not_overlap(name: str) -> None:
    wrong = []
    for file, items in gold(name).items():
        spans = sorted((i["line"], i["start"], i["end"]) for i in items)
        for (line_a, _, end_a), (line_b, start_b, _) in itertools.pairwise(spans):
            if line_a == line_b and start_b < end_a:
                wrong.append(f"{file}:{line_a}")
    assert not wrong, wrong


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_entity_has_one_type(name: str) -> None:
    assert {e: t for e, t in entity_types(name).items() if len(t) > 1} == {}


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_glossary_loads_with_no_problem(name: str) -> None:
    glossary = load(SETS[name] / "glossary")
    assert [f"{p.path.name}:{p.line}: {p.message}" for p in glossary.problems] == []
    assert len(glossary.entries) == len(list((SETS[name] / "glossary").glob("*.toml")))


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_entry_is_an_annotated_entity_of_the_same_type(name: str) -> None:
    types = entity_types(name)
    for stem, entry in entry_files(name).items():
        assert entry["id"] == stem
        assert types.get(stem) == {entry["type"]}, stem
        assert "adjectives" not in entry, stem


@pytest.mark.parametrize("name", sorted(SETS))
def test_about_half_of_the_entities_are_known(name: str) -> None:
    known, total = len(entry_files(name)), len(entity_types(name))
    assert 0.4 <= known / total <= 0.6, (known, total)


@pytest.mark.parametrize("name", sorted(SETS))
def test_an_entry_lists_every_spelling_of_its_entity_and_no_other(name: str) -> None:
    """Every mention of a known entity is its headword or one of its aliases, except a name
    whose article is contracted after the preposition ل («للسعودية» → «لسعودية»); every alias
    is written so somewhere in the set."""
    seen: dict[str, set[str]] = defaultdict(set)
    for _, item in mentions(name):
        seen[item["entity"]].add(item["text"])
    wrong = []
    for stem, entry in entry_files(name).items():
        names = {entry["names"]["ar"], *entry.get("aliases", {}).get("ar", [])}
        for text in sorted(seen[stem] - names):
            if not (text.startswith("ل") and "ا" + text in names):
                wrong.append(f"{stem}: {text!r} is not a name of the entry")
        for alias in entry.get("aliases", {}).get("ar", []):
            if alias not in seen[stem]:
                wrong.append(f"{stem}: alias {alias!r} never occurs")
    assert not wrong, "\n".join(wrong)
