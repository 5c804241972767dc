"""The Arabic search language: Python indexing and the generated JavaScript agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_briefing.search.language import SearchArabic, javascript
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.text.stemmer import index_keys, query_key
from tests.helpers import SEED

LANG = SearchArabic({})


def indexed(word: str) -> set[str]:
    return {LANG.stem(w) for w in LANG.split(word)}


def queried(word: str) -> str:
    return query_key(fold_text(word))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("موسكو", "بموسكو"),
        ("بموسكو", "موسكو"),
        ("وموسكو", "لموسكو"),
        ("روسيا", "لروسيا"),
        ("لروسيا", "روسيا"),
        ("الكورية", "والكوريّة"),
        ("الكوريه", "الكورية"),
        ("يحذر", "يحذّر"),
        ("احمد", "أحمد"),
        ("إعلان", "اعلان"),
        ("مستوى", "مستوي"),
        ("مـوسـكـو", "موسكو"),
        ("لافروف", "بلافروف"),
        ("للولايات", "الولايات"),
        ("مؤكدا", "مؤكدًا"),
    ],
)
def test_a_query_finds_every_form_of_the_word(query: str, text: str) -> None:
    assert queried(query) in indexed(text)


def test_different_words_stay_apart() -> None:
    assert queried("موسكو") not in indexed("سول")
    assert queried("روسيا") not in indexed("روسي")  # the country, not the adjective


def test_diacritics_never_split_a_word() -> None:
    assert LANG.split("يحذّر") == ["يحذر"]


def test_latin_words_use_english_stemming() -> None:
    assert LANG.stem("agencies") == LANG._english.stem("agencies")


def words_of_the_corpus() -> list[str]:
    """Every whitespace-separated token of the seed, as written (diacritics, punctuation)."""
    return sorted(set(SEED.read_text(encoding="utf-8").split()))


@pytest.fixture(scope="module")
def node_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js runs the generated search JavaScript"
    directory = tmp_path_factory.mktemp("js")
    (directory / "language.js").write_text(javascript(), encoding="utf-8")
    words = words_of_the_corpus()
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line]
    (directory / "input.json").write_text(json.dumps({"words": words, "lines": lines}), "utf-8")
    (directory / "run.js").write_text(
        """
const fs = require("fs");
const vm = require("vm");
const context = { module: { exports: {} } };
vm.createContext(context);
vm.runInContext(fs.readFileSync(__dirname + "/language.js", "utf8") + "\\nmodule.exports.EnglishStemmer = EnglishStemmer;", context);
const { splitQuery, Stemmer } = context.module.exports;
const input = JSON.parse(fs.readFileSync(__dirname + "/input.json", "utf8"));
const stemmer = new Stemmer();
const out = {
  stems: Object.fromEntries(
    input.words.flatMap((w) => splitQuery(w.toLowerCase())).map((part) => [part, stemmer.stemWord(part)]),
  ),
  splits: input.lines.map((line) => splitQuery(line)),
};
process.stdout.write(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    result = subprocess.run(
        [node, str(directory / "run.js")], capture_output=True, text=True, check=True
    )
    data: dict[str, object] = json.loads(result.stdout)
    data["words"], data["lines"] = words, lines
    return data


def test_js_query_form_of_every_corpus_word_is_among_its_indexed_forms(node_results: dict) -> None:
    stems: dict[str, str] = node_results["stems"]
    assert len(stems) > 300
    for word, js_key in stems.items():
        keys = {LANG.stem(w) for w in LANG.split(word) if LANG.word_filter(LANG.stem(w))}
        if not keys:
            continue  # a one-letter or numeric token: not indexed, not searched
        assert js_key in keys, (word, js_key, keys)


def test_js_and_python_agree_on_every_arabic_word(node_results: dict) -> None:
    stems: dict[str, str] = node_results["stems"]
    for word, js_key in stems.items():
        folded = fold_text(word)
        if re.fullmatch(r"\w+", folded) and any("\u0600" <= c <= "\u06ff" for c in folded):
            assert js_key == query_key(folded), word
            assert js_key in index_keys(folded)


def test_js_splits_lines_like_python(node_results: dict) -> None:
    for line, js_words in zip(node_results["lines"], node_results["splits"], strict=True):
        assert js_words == re.findall(r"\w+", fold_text(line)), line


def test_generated_javascript_has_no_placeholder() -> None:
    code = javascript()
    assert "__TABLES__" not in code and "EnglishStemmer" in code
    assert Path(__file__).exists()
