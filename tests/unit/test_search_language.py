"""The Arabic search language: Python indexing and the generated JavaScript agree; numbers,
dates and months are searchable; names are never stemmed into common words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from sphinx_briefing import glossary
from sphinx_briefing.search import language
from sphinx_briefing.search.language import SearchArabic, javascript
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.text.search_terms import (
    TABLE_NAMES,
    Keys,
    Token,
    protected_words,
    tokens,
)
from tests.helpers import REPO, SEED

GLOSSARY = REPO / "docs" / "glossary" / "entries"


@cache
def book_names() -> frozenset[str]:
    """The protected words of the real glossary, as a build of the book gets them."""
    loaded = glossary.load(GLOSSARY)
    texts: list[str] = []
    for entry in loaded.entries.values():
        texts += entry.names.values()
        for aliases in entry.data.get("aliases", {}).values():
            texts += aliases
    return protected_words(texts)


def book_language() -> SearchArabic:
    """The search language of a build of the book (with its glossary's names)."""
    language._next_names = book_names()
    return SearchArabic({})


LANG = book_language()
KEYS = LANG.keys


def indexed(text: str) -> set[str]:
    return {LANG.stem(w) for w in LANG.split(text) if LANG.word_filter(LANG.stem(w))}


def queried(word: str) -> str:
    """The key the browser looks a one-token query up by (Latin words are stemmed there)."""
    (token,) = tokens(fold_text(word))
    return LANG.stem(KEYS.query_key(token))


def word(text: str) -> Token:
    return Token("word", text, 0, len(text))


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
        ("الشمالي", "الشمالية"),  # a word of a name, not a name: still stemmed
        ("يحذر", "يحذّر"),
        ("احمد", "أحمد"),
        ("إعلان", "اعلان"),
        ("مستوى", "مستوي"),
        ("مـوسـكـو", "موسكو"),
        ("لافروف", "بلافروف"),
        ("للولايات", "الولايات"),
        ("مؤكدا", "مؤكدًا"),
        ("بوتين", "وبوتين"),  # وب + وتين is not read: the name is
        ("بوتين", "لبوتين"),
        ("كوريا", "وكوريا"),
        ("اليابان", "واليابان"),
        ("اليابان", "لليابان"),
        ("واشنطن", "وواشنطن"),
        ("Lavrov", "Lavrov's"),
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


# -- numbers, dates, months -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("2025", {"2025"}),
        ("٢٠٢٥", {"2025"}),  # Arabic-Indic digits
        ("۲۰۲۵", {"2025"}),  # Persian digits
        ("20,000", {"20000"}),
        ("٢٠٬٠٠٠", {"20000"}),  # the Arabic thousands separator
        ("20000", {"20000"}),
        ("07", {"7"}),
        ("2025م", {"2025"}),  # the era letter is a word of its own (too short to index)
        ("2025-07-12", {"2025", "m07", "12"}),
        ("12/07/2025", {"2025", "m07", "12"}),
        ("2000-2008", {"2000", "2008"}),  # a range, not a date
    ],
)
def test_numbers_and_dates_are_indexed(text: str, keys: set[str]) -> None:
    assert indexed(text) == keys


@pytest.mark.parametrize(
    ("names", "month"),
    [
        (["يوليو", "يوليه", "تموز", "جويلية", "July", "ويوليو", "وتموز", "JULY"], "m07"),
        (["يناير", "كانون الثاني", "وكانون الثاني", "January"], "m01"),
        (["ديسمبر", "كانون الأول", "كانون الاول", "December"], "m12"),
        (["أكتوبر", "اكتوبر", "تشرين الأول", "October"], "m10"),
        (["نوفمبر", "تشرين الثاني", "November"], "m11"),
        (["أغسطس", "آب", "August"], "m08"),
        (["أبريل", "إبريل", "نيسان", "April"], "m04"),
    ],
)
def test_every_name_of_a_month_is_one_key(names: list[str], month: str) -> None:
    for name in names:
        assert indexed(name) == {month}, name
        assert [t.text for t in tokens(fold_text(name))] == [month], name


def test_a_month_and_a_year_find_their_paragraph() -> None:
    text = indexed("زار كوريا الشمالية من 11 إلى 13 تموز 2025، ثم عاد في 2025-08-02.")
    for query in ("يوليو 2025", "تموز 2025", "July 2025", "آب 2025", "August 2025"):
        keys = [LANG.stem(KEYS.query_key(t)) for t in tokens(fold_text(query))]
        assert len(keys) == 2 and set(keys) <= text, query
    assert "m06" not in text


def test_a_levantine_month_word_alone_is_a_word() -> None:
    assert [t.kind for t in tokens(fold_text("كانون"))] == ["word"]
    assert [t.kind for t in tokens(fold_text("كانون، الثاني"))] == ["word", "word"]


def test_numbers_are_kept_by_the_word_filter() -> None:
    assert LANG.word_filter("2025") and LANG.word_filter("7")
    assert not LANG.word_filter("و")


# -- names ------------------------------------------------------------------------------

#: Words the light stemmer used to make of names (بوتين → تين, كوريا → ريا, …) and words
#: that share letters with names, as they occur in text.
COMMON_WORDS = [
    "التين", "تين", "وتين", "الوتين", "تينا", "بوت", "بالتين", "والتين",
    "ريا", "الريا", "وريا", "رية", "الرية",
    "افروف", "اشنطن", "اديمير", "الما", "الماء", "رسك", "نسان", "النساء", "يونغ", "يانغ",
    "سيرج", "تشو", "كيمياء", "الكيمياء", "روسي", "الروسية", "الكوري", "الكورية", "كوريين",
    "جونة", "سولار", "هوية", "سونار", "يابس", "سوق", "بيت", "موس", "مسك",
]  # fmt: skip


def test_names_and_common_words_never_share_a_key() -> None:
    names = KEYS.names
    assert {"بوتين", "لافروف", "كوريا", "واشنطن", "فلاديمير", "موسكو"} <= names
    corpus = SEED.read_text(encoding="utf-8") + " ".join(
        " ".join(e.description.values()) for e in glossary.load(GLOSSARY).entries.values()
    )
    words = {t.text for t in tokens(fold_text(corpus)) if t.kind == "word"}
    words |= {fold_text(w) for w in COMMON_WORDS}
    common = [w for w in sorted(words) if re.search("[\u0600-\u06ff]", w) and not KEYS.name_of(w)]
    assert len(common) > 500
    for name in sorted(names):
        name_keys = set(KEYS.index_keys(word(name)))
        assert name_keys == {name}, name  # whole, unstemmed
        for other in common:
            other_keys = set(KEYS.index_keys(word(other)))
            assert not name_keys & other_keys, (name, other)
            assert KEYS.query_key(word(other)) not in name_keys, (name, other)
            assert KEYS.query_key(word(name)) not in other_keys, (name, other)


def test_putin_is_not_figs() -> None:
    assert indexed("بوتين") == indexed("لبوتين") == indexed("بوتيني") == {"بوتين"}
    assert not indexed("التين") & indexed("بوتين")
    assert queried("التين") not in indexed("وبوتين")
    # Protected in every build, glossary or not: it is one of the table's names.
    assert "بوتين" in Keys().names
    assert Keys().index_keys(word("وبوتين")) == ("بوتين",)


def test_which_words_of_a_name_are_protected() -> None:
    found = protected_words(
        [
            "كوريا الشمالية",
            "منطقة وونسان كالما السياحية",
            "الولايات المتحدة وكوريا الجنوبية واليابان",
        ]
    )
    assert {"كوريا", "وونسان", "كالما"} <= found
    # Common words of names keep their stems; a prefixed name word is its name.
    assert not found & {"الشماليه", "منطقه", "السياحيه", "وكوريا", "واليابان", "المتحده"}
    assert {"بوتين", "ترامب", "لبنان", "بغداد"} <= TABLE_NAMES


# -- the JavaScript twin (run in Node) --------------------------------------------------

#: Lines with dates, numbers, months and names, besides the seed's.
EXTRA_LINES = [
    "في 12 يوليو 2025 وتموز، كانون الثاني 2024 وتشرين الأول ١٢/٠٧/٢٠٢٥",
    "2025-07-12 و20,000 و٢٠٬٠٠٠ زائر و۱۹۸۴ و3.5 و007",
    "July 2025, the 3rd of May; بوتين لبوتين التين بوتيني وبوتين",
    "والكورية لافروف سيرجي ويوليو وكوريا واليابان لليابان 2000–2008",
]


def lines_of_the_corpus() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line] + EXTRA_LINES


@pytest.fixture(scope="module")
def node_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "Node.js runs the generated search JavaScript"
    directory = tmp_path_factory.mktemp("js")
    (directory / "language.js").write_text(javascript(book_names()), encoding="utf-8")
    lines = lines_of_the_corpus()
    (directory / "input.json").write_text(json.dumps({"lines": lines}), "utf-8")
    (directory / "run.js").write_text(
        """
const fs = require("fs");
const vm = require("vm");
const context = { module: { exports: {} } };
vm.createContext(context);
vm.runInContext(fs.readFileSync(__dirname + "/language.js", "utf8"), context);
const js = context.module.exports;
const input = JSON.parse(fs.readFileSync(__dirname + "/input.json", "utf8"));
const stemmer = new js.Stemmer();
const out = input.lines.map((line) => {
  const folded = js.briefingFold(line);
  return {
    folded,
    tokens: js.briefingTokens(folded).map((t) => [t.kind, t.text, t.start, t.end,
      js.briefingIndexKeys(t), js.briefingQueryKey(t)]),
    spans: js.briefingTextTokens(line).map((t) => line.slice(t.start, t.end)),
    split: js.splitQuery(line),
    stems: js.splitQuery(line).map((w) => stemmer.stemWord(w)),
  };
});
process.stdout.write(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    result = subprocess.run(
        [node, str(directory / "run.js")], capture_output=True, text=True, check=True
    )
    return {"lines": lines, "out": json.loads(result.stdout)}


def python_tokens(line: str) -> list[list[object]]:
    found: list[list[object]] = []
    for t in tokens(fold_text(line)):
        stem = LANG.stem
        keys = [stem(k) for k in KEYS.index_keys(t)]
        found.append([t.kind, t.text, t.start, t.end, keys, stem(KEYS.query_key(t))])
    return found


def test_js_folds_like_python(node_results: dict) -> None:
    for line, js in zip(node_results["lines"], node_results["out"], strict=True):
        assert js["folded"] == fold_text(line), line
    digits = "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٫٬"
    assert fold_text(digits) == "0123456789 0123456789 .,"


def test_js_tokens_and_keys_are_pythons(node_results: dict) -> None:
    tested = 0
    for line, js in zip(node_results["lines"], node_results["out"], strict=True):
        assert js["tokens"] == python_tokens(line), line
        tested += len(js["tokens"])
    assert tested > 400


def test_js_query_key_is_among_the_indexed_keys(node_results: dict) -> None:
    for line, js in zip(node_results["lines"], node_results["out"], strict=True):
        for _kind, _text, _start, _end, keys, query_key in js["tokens"]:
            assert query_key in keys, line
        # searchtools.js's path (splitQuery, then Stemmer.stemWord on each word) agrees.
        assert js["stems"] == [t[5] for t in js["tokens"]], line


def test_js_token_spans_are_the_words_as_written(node_results: dict) -> None:
    for line, js in zip(node_results["lines"], node_results["out"], strict=True):
        for span in js["spans"]:
            assert span in line and fold_text(span).strip()
    spans = node_results["out"][0]["spans"]
    assert "لافروف" in spans and "سيرجي" in spans
    harakat = next(js for line, js in zip(node_results["lines"], node_results["out"], strict=True)
                   if "يحذّر" in line)  # fmt: skip
    assert "يحذّر" in harakat["spans"]  # the shadda stays inside the word


def test_generated_javascript_has_the_tables_and_the_names() -> None:
    code = javascript(book_names())
    assert "__TABLES__" not in code and "EnglishStemmer" in code
    assert '"protected"' in code and "لافروف" in code and '"m07"' in code
    assert Path(__file__).exists()
