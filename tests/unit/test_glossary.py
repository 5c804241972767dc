"""Glossary data: schema validation with file, line and field; the real glossary."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing import glossary as glossary_module
from sphinx_briefing.glossary import (
    STOPWORDS_PATH,
    Glossary,
    alias_refusal,
    arabic_sort_key,
    load,
    locate,
    locate_item,
    stopwords,
)
from sphinx_briefing.text.linker import Linker, tokens
from sphinx_briefing.text.normalise import TABLES, fold_text
from sphinx_briefing.text.stemmer import STOPWORDS as SEARCH_STOPWORDS
from tests.helpers import REPO

ENTRIES = REPO / "docs" / "glossary" / "entries"

VALID = """\
id = "{id}"
type = "{type}"

[names]
ar = "{ar}"
en = "{en}"

[aliases]
ar = [{aliases}]

[description]
short_ar = "وصف قصير."
short_en = "A short description."
"""


def entry(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def valid(
    id: str = "wonsan",
    type: str = "place",
    ar: str = "وونسان",
    en: str = "Wonsan",
    aliases: str = '"ونسان"',
) -> str:
    return VALID.format(id=id, type=type, ar=ar, en=en, aliases=aliases)


def problems(directory: Path) -> list[tuple[str, int, str, str]]:
    return [(p.path.name, p.line, p.field, p.subtype) for p in load(directory).problems]


def test_a_valid_entry_loads(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", valid())
    glossary = load(tmp_path)
    assert glossary.problems == []
    assert glossary.entries["wonsan"].aliases("ar") == ["وونسان", "ونسان"]


def test_unknown_type_names_file_line_and_field(tmp_path: Path) -> None:
    entry(tmp_path, "x", valid(type="city"))
    assert problems(tmp_path) == [("x.toml", 2, "type", "schema")]
    assert "'city' is not one of" in load(tmp_path).problems[0].message


def test_missing_required_name(tmp_path: Path) -> None:
    entry(tmp_path, "x", valid().replace('en = "Wonsan"\n', ""))
    ((name, line, field, subtype),) = problems(tmp_path)
    assert (name, field, subtype) == ("x.toml", "names", "schema")
    assert line == 4  # the [names] table
    assert "'en' is a required property" in load(tmp_path).problems[0].message


def test_duplicate_id_neither_named_after_it_keeps_the_first(tmp_path: Path) -> None:
    entry(tmp_path, "a", valid())
    entry(tmp_path, "b", valid(aliases='"وونسانا"'))
    glossary = load(tmp_path)
    found = glossary.problems
    assert [(p.path.name, p.line, p.field, p.subtype) for p in found] == [
        ("b.toml", 1, "id", "duplicate-id")
    ]
    assert found[0].message == (
        "duplicate id 'wonsan': a.toml is used, as it comes first in sorted order and no "
        "file is named wonsan.toml; this file is left out"
    )
    assert glossary.entries["wonsan"].path.name == "a.toml"


@pytest.mark.parametrize("other", ["a-copy", "z-copy"])
def test_duplicate_id_the_file_named_after_it_wins(tmp_path: Path, other: str) -> None:
    """Whether the other file sorts before or after ``wonsan.toml``."""
    entry(tmp_path, "wonsan", valid())
    entry(tmp_path, other, valid(aliases='"وونسانا"'))
    glossary = load(tmp_path)
    assert [(p.path.name, p.line, p.field, p.subtype) for p in glossary.problems] == [
        (f"{other}.toml", 1, "id", "duplicate-id")
    ]
    assert glossary.problems[0].message == (
        "duplicate id 'wonsan': wonsan.toml is used, as it is named after the id; "
        "this file is left out"
    )
    assert glossary.entries["wonsan"].path.name == "wonsan.toml"
    assert glossary.entries["wonsan"].aliases("ar") == ["وونسان", "ونسان"]


def test_duplicate_id_in_a_subfolder_names_it(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    entry(tmp_path / "old", "wonsan", valid(aliases='"وونسانا"'))
    entry(tmp_path, "copy", valid())
    glossary = load(tmp_path)
    assert glossary.entries["wonsan"].path == tmp_path / "old" / "wonsan.toml"
    (problem,) = glossary.problems
    assert problem.path == tmp_path / "copy.toml"
    assert problem.message.startswith(
        "duplicate id 'wonsan': old/wonsan.toml is used, as it is named after the id"
    )


def test_relation_to_a_missing_id(tmp_path: Path) -> None:
    text = valid() + '\n[[relations]]\ntype = "located-in"\ntarget = "north-korea"\n'
    entry(tmp_path, "wonsan", text)
    assert problems(tmp_path) == [("wonsan.toml", 17, "relations.0.target", "missing-target")]


def test_bad_coordinates(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", valid() + '\n[place]\nkind = "city"\nlat = 139.15\nlon = 127.44\n')
    assert problems(tmp_path) == [("wonsan.toml", 17, "place.lat", "schema")]


def test_bad_dates(tmp_path: Path) -> None:
    entry(
        tmp_path,
        "a",
        valid() + '\n[place]\nkind = "city"\n' + '\n[[sources]]\ntitle = "t"\ndate = "July 2025"\n',
    )
    entry(
        tmp_path,
        "b",
        valid(id="b", aliases='"ب ب"') + '\n[[sources]]\ntitle = "t"\ndate = "2025-02-30"\n',
    )
    assert problems(tmp_path) == [
        ("a.toml", 20, "sources.0.date", "schema"),
        ("b.toml", 17, "sources.0.date", "date"),
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    entry(tmp_path, "x", 'id = "x"\ntype = \n')
    ((name, line, _field, subtype),) = problems(tmp_path)
    assert (name, line, subtype) == ("x.toml", 2, "schema")


def test_toml_nested_too_deeply_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    entry(tmp_path, "deep", "x = " + "[" * 100_000)
    entry(tmp_path, "wonsan", valid())
    glossary = load(tmp_path)
    assert [(p.path.name, p.line, p.message) for p in glossary.problems] == [
        ("deep.toml", 1, "nested too deeply to read")
    ]
    assert list(glossary.entries) == ["wonsan"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/a"])
def test_a_script_source_address_is_left_out_and_the_entry_kept(tmp_path: Path, url: str) -> None:
    text = (
        valid()
        + f'\n[[sources]]\ntitle = "t"\nurl = "{url}"\n\n[[sources]]\ntitle = "u"\nurl = "https://example.org/"\n'
    )
    entry(tmp_path, "wonsan", text)
    glossary = load(tmp_path)
    assert problems(tmp_path) == [
        ("wonsan.toml", text.split("\n").index(f'url = "{url}"') + 1, "sources.0.url", "url")
    ]
    sources = glossary.entries["wonsan"].data["sources"]
    assert sources == [{"title": "t"}, {"title": "u", "url": "https://example.org/"}]


def test_alias_claimed_twice_is_an_ambiguity(tmp_path: Path) -> None:
    entry(tmp_path, "a", valid(id="a", ar="كوريا", en="Korea", aliases='"كوريا الشمالية"'))
    entry(
        tmp_path, "b", valid(id="b", ar="بيونغ يانغ", en="Pyongyang", aliases='"كوريا  الشماليّة"')
    )
    found = load(tmp_path)
    assert [(p.path.name, p.line, p.field, p.subtype) for p in found.problems] == [
        ("b.toml", 9, "aliases.ar", "ambiguous-alias")
    ]
    assert set(found.entries) == {"a", "b"}  # a warning, not an error


def test_locate_walks_tables_and_arrays_of_tables() -> None:
    text = 'id = "x"\n[person]\nborn = "1"\n[[person.positions]]\ntitle_ar = "a"\n[[person.positions]]\ntitle_ar = "b"\nstart = "c"\n'
    assert locate(text, ["id"]) == 1
    assert locate(text, ["person", "born"]) == 3
    assert locate(text, ["person", "positions", 1, "start"]) == 8
    assert locate(text, ["person", "positions", 0]) == 4
    assert locate(text, ["nothing"]) == 1


def test_arabic_sort_key_ignores_the_article() -> None:
    names = ["اليابان", "موسكو", "أوكرانيا", "بيونغ يانغ", "الولايات المتحدة"]
    assert sorted(names, key=arabic_sort_key) == [
        "أوكرانيا",
        "بيونغ يانغ",
        "موسكو",
        "الولايات المتحدة",
        "اليابان",
    ]


def test_the_real_glossary_is_clean_and_covers_the_gold() -> None:
    glossary = load(ENTRIES)
    assert glossary.problems == []
    for path in ENTRIES.glob("*.toml"):
        assert path.stem in glossary.entries, "file name equals the id"
    required = {
        "sergey-lavrov",
        "kim-jong-un",
        "vladimir-putin",
        "choe-son-hui",
        "wonsan",
        "wonsan-kalma",
        "pyongyang",
        "moscow",
        "seoul",
        "washington",
        "tokyo",
        "kursk-region",
        "korean-peninsula",
        "north-korea",
        "south-korea",
        "russia",
        "ukraine",
        "united-states",
        "japan",
        "kcna",
        "russia-dprk-treaty",
        "lavrov-wonsan-visit",
        "trilateral-air-exercise-2025",
        "wonsan-kalma-opening",
        "russia-ukraine-war",
        "kursk-fighting",
    }
    assert required <= set(glossary.entries)
    types = {e.id: e.type for e in glossary.entries.values()}
    assert types["russia-dprk-treaty"] == "agreement" and types["kcna"] == "organization"
    gold = json.loads((REPO / "tests" / "data" / "seed_gold.json").read_text(encoding="utf-8"))
    assert {m["entity"] for m in gold["mentions"]} <= set(glossary.entries)
    for entry_ in glossary.entries.values():
        assert entry_.names["ar"] and entry_.names["en"]
        assert entry_.description["short_ar"] and entry_.description["short_en"]


# Glossary data that cannot hurt the book: refused aliases, duplicate ids, relations.

NORTH_KOREA = valid(id="north-korea", ar="كوريا الشمالية", en="North Korea", aliases='"كوريا"')

#: An entry with good and bad aliases; the line numbers are asserted below.
MIXED = """\
id = "wonsan"
type = "place"

[names]
ar = "وونسان"
en = "Wonsan"

[aliases]
ar = [
  "ونسان",
  "في",
  "فى",
  "ـو",
  "",
  "  ",
  "مدينة وونسان",
]
en = ["Wonsan city", "The", "of the", "A."]

[adjectives]
ar = ["ونساني", "من"]

[description]
short_ar = "وصف قصير."
short_en = "A short description."

[[relations]]
type = "located-in"
target = "north-korea"
"""


def located(glossary: Glossary) -> list[tuple[str, int, str, str, str]]:
    return [(p.path.name, p.line, p.field, p.subtype, p.message) for p in glossary.problems]


def test_bad_aliases_are_refused_one_by_one(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", MIXED)
    entry(tmp_path, "north-korea", NORTH_KOREA)
    glossary = load(tmp_path)
    refused = "refused-alias"
    assert located(glossary) == [
        ("wonsan.toml", 11, "aliases.ar.1", refused, "alias 'في' is a stopword: left out, never linked"),
        ("wonsan.toml", 12, "aliases.ar.2", refused, "alias 'فى' is a stopword: left out, never linked"),
        ("wonsan.toml", 13, "aliases.ar.3", refused, "alias 'ـو' is a single letter: left out, never linked"),
        ("wonsan.toml", 14, "aliases.ar.4", refused, "alias '' is empty: left out, never linked"),
        ("wonsan.toml", 15, "aliases.ar.5", refused, "alias '  ' is empty: left out, never linked"),
        ("wonsan.toml", 18, "aliases.en.1", refused, "alias 'The' is a stopword: left out, never linked"),
        ("wonsan.toml", 18, "aliases.en.2", refused, "alias 'of the' is only stopwords: left out, never linked"),
        ("wonsan.toml", 18, "aliases.en.3", refused, "alias 'A.' is a single letter: left out, never linked"),
        ("wonsan.toml", 21, "adjectives.ar.1", refused, "adjective 'من' is a stopword: left out, never linked"),
    ]  # fmt: skip
    # The entry stays, with its other names and its relations.
    wonsan = glossary.entries["wonsan"]
    assert wonsan.aliases("ar") == ["وونسان", "ونسان", "مدينة وونسان"]
    assert wonsan.aliases("en") == ["Wonsan", "Wonsan city"]
    assert wonsan.adjectives("ar") == ["ونساني"]
    assert wonsan.data["relations"] == [{"type": "located-in", "target": "north-korea"}]
    assert {a.text for a in glossary.aliases("ar") if a.entity == "wonsan"} == {
        "وونسان",
        "ونسان",
        "مدينة وونسان",
        "ونساني",
    }
    # What was refused is never found: not «في», not «فى», not «وفي».
    found = Linker(glossary.aliases("ar")).find("وصل في الصباح إلى وونسان وفي المساء فى المدينة")
    assert [(m.text, m.entity) for m in found] == [("وونسان", "wonsan")]


def test_an_entry_whose_aliases_are_all_refused_keeps_its_names(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", valid(aliases='"", "في"'))
    glossary = load(tmp_path)
    assert [(p.line, p.field) for p in glossary.problems] == [
        (9, "aliases.ar.0"),
        (9, "aliases.ar.1"),
    ]
    assert glossary.entries["wonsan"].aliases("ar") == ["وونسان"]
    assert glossary.entries["wonsan"].data["aliases"] == {"ar": []}


def test_a_stopword_or_one_letter_name_stays_the_headword_unlinked(tmp_path: Path) -> None:
    entry(tmp_path, "x", valid(id="x", ar="ى", en="Of", aliases='"اكس"'))
    glossary = load(tmp_path)
    assert located(glossary) == [
        ("x.toml", 5, "names.ar", "refused-alias", "name 'ى' is a single letter: it stays the headword but is never linked"),
        ("x.toml", 6, "names.en", "refused-alias", "name 'Of' is a stopword: it stays the headword but is never linked"),
    ]  # fmt: skip
    x = glossary.entries["x"]
    assert x.names == {"ar": "ى", "en": "Of"}
    assert [a.text for a in x.linker_aliases("ar")] == ["اكس"]
    assert list(x.linker_aliases("en")) == []


def test_an_alias_listed_twice_is_kept_once(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", valid(aliases='"ونسان", "ونسان"'))
    glossary = load(tmp_path)
    assert located(glossary) == [
        ("wonsan.toml", 9, "aliases.ar.1", "refused-alias", "alias 'ونسان' is listed twice: left out, never linked")
    ]  # fmt: skip
    assert glossary.entries["wonsan"].aliases("ar") == ["وونسان", "ونسان"]


def test_an_alias_that_is_not_a_string_is_still_a_schema_error(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", valid(aliases='"ونسان", 3'))
    assert problems(tmp_path) == [("wonsan.toml", 9, "aliases.ar.1", "schema")]


@pytest.mark.parametrize(
    "text",
    ["في", "فى", "فِي", "في ", "في\u0640", "إلى", "الى", "على", "علٰى", "وفي", "بهذا", "والتي", "لأن",
     "the", "The", "THE", "of", "and", "in", "a", "An", "of the", "in the", "",
     " ", "\t", "\u200f", "-", "ب", "A", "7", "ـبـ", "ئ"],
)  # fmt: skip
def test_alias_refusal_refuses(text: str) -> None:
    assert alias_refusal(text) is not None


@pytest.mark.parametrize(
    "text",
    ["وونسان", "كوريا", "US", "U.S.", "UN", "The Hague", "بان كي مون", "Bank of Korea", "ب ب",
     "كيم", "لافروف", "Lavrov"],
)  # fmt: skip
def test_alias_refusal_accepts(text: str) -> None:
    assert alias_refusal(text) is None


def test_locate_item_finds_each_string_of_a_multiline_array() -> None:
    text = (
        'id = "x"\n'  # 1
        "[aliases]\n"  # 2
        'ar = [ "a]b", # "not", [an item]\n'  # 3
        "  'c[',\n"  # 4
        '  """d\n'  # 5
        'e""", "f\\"",\n'  # 6
        '  "g" ]\n'  # 7
        'en = ["h"]\n'  # 8
        "[adjectives]\n"  # 9
        'ar = ["i"]\n'  # 10
    )
    assert [locate_item(text, ["aliases", "ar"], i) for i in range(6)] == [3, 4, 5, 6, 7, 3]
    assert locate_item(text, ["aliases", "en"], 0) == 8
    assert locate_item(text, ["adjectives", "ar"], 0) == 10
    inline = 'id = "x"\naliases = { ar = [\n"a", "b"] }\n'
    assert locate_item(inline, ["aliases", "ar"], 1) == 2  # the key's line


SELF = (
    valid()
    + '\n[[relations]]\ntype = "part-of"\ntarget = "wonsan"\n'  # lines 14-17
    + '\n[[relations]]\ntype = "located-in"\ntarget = "nowhere"\n'  # lines 18-21
    + '\n[[relations]]\ntype = "located-in"\ntarget = "north-korea"\n'  # lines 22-25
)


def test_a_relation_to_itself_is_left_out(tmp_path: Path) -> None:
    entry(tmp_path, "wonsan", SELF)
    entry(tmp_path, "north-korea", NORTH_KOREA)
    glossary = load(tmp_path)
    assert located(glossary) == [
        ("wonsan.toml", 17, "relations.0.target", "self-relation", "'part-of' relation of 'wonsan' to itself: left out"),
        ("wonsan.toml", 21, "relations.1.target", "missing-target", "refers to 'nowhere', which is not a glossary entry"),
    ]  # fmt: skip
    assert glossary.entries["wonsan"].data["relations"] == [
        {"type": "located-in", "target": "nowhere"},
        {"type": "located-in", "target": "north-korea"},
    ]


def related(entry_id: str, *relations: tuple[str, str]) -> str:
    text = valid(
        id=entry_id, ar=f"اسم {entry_id}", en=f"Name {entry_id}", aliases=f'"كنية {entry_id}"'
    )
    for kind, target in relations:
        text += f'\n[[relations]]\ntype = "{kind}"\ntarget = "{target}"\n'
    return text


@pytest.mark.parametrize("first", ["a", "b"])
def test_a_two_entry_circle_is_reported_and_kept(tmp_path: Path, first: str) -> None:
    second = "b" if first == "a" else "a"
    entry(tmp_path, first, related(first, ("part-of", second)))
    entry(tmp_path, second, related(second, ("met", "c"), ("part-of", first)))
    entry(tmp_path, "c", related("c", ("part-of", "a")))
    glossary = load(tmp_path)
    # a's part-of b is its first relation when a is written first, else its second.
    line, field = (17, "relations.0.target") if first == "a" else (21, "relations.1.target")
    circle = "part-of/located-in relations go round in a circle: a part-of b, b part-of a"
    expected = ("a.toml", line, field, "relation-cycle", f"{circle} (kept as written)")
    assert located(glossary) == [expected]
    assert glossary.entries["a"].data["relations"][-1] == {"type": "part-of", "target": "b"}
    assert glossary.entries["b"].data["relations"][-1] == {"type": "part-of", "target": "a"}


def test_longer_circles_each_once_with_the_shortest_path(tmp_path: Path) -> None:
    # a → b → c → a, and the longer a → b → d → c → a; e → a leads in, not round.
    entry(tmp_path, "a", related("a", ("located-in", "b")))
    entry(tmp_path, "b", related("b", ("part-of", "d"), ("part-of", "c")))
    entry(tmp_path, "c", related("c", ("located-in", "a")))
    entry(tmp_path, "d", related("d", ("part-of", "c")))
    entry(tmp_path, "e", related("e", ("part-of", "a")))
    # A second, separate circle: x ↔ y through located-in only.
    entry(tmp_path, "x", related("x", ("located-in", "y")))
    entry(tmp_path, "y", related("y", ("located-in", "x")))
    glossary = load(tmp_path)
    assert located(glossary) == [
        ("a.toml", 17, "relations.0.target", "relation-cycle", "part-of/located-in relations go round in a circle: a located-in b, b part-of c, c located-in a (kept as written)"),
        ("x.toml", 17, "relations.0.target", "relation-cycle", "part-of/located-in relations go round in a circle: x located-in y, y located-in x (kept as written)"),
    ]  # fmt: skip
    assert set(glossary.entries) == {"a", "b", "c", "d", "e", "x", "y"}


def test_other_relation_types_may_go_both_ways(tmp_path: Path) -> None:
    entry(tmp_path, "a", related("a", ("met", "b"), ("part-of", "c")))
    entry(tmp_path, "b", related("b", ("met", "a"), ("borders", "c")))
    entry(tmp_path, "c", related("c", ("borders", "b"), ("head-of", "a")))
    assert load(tmp_path).problems == []


# The stopword list.


def test_the_stopword_list_covers_the_common_words_and_the_search_stopwords() -> None:
    data = json.loads(STOPWORDS_PATH.read_text(encoding="utf-8"))
    arabic = "في من إلى على عن مع هذا هذه ذلك التي الذي أن إن كان قال بعد قبل"
    english = "the of and in on at to a an for with by from"
    for word in [*arabic.split(), *english.split()]:
        assert fold_text(word) in stopwords(), word
    assert {fold_text(w) for w in SEARCH_STOPWORDS} <= stopwords()
    # Prefixed forms are listed as written.
    assert {"وفي", "ومن", "بهذا", "لذلك", "والتي", "بأن", "لأن"} <= set(data["ar"])
    # "us" is the US; the list must not refuse it.
    assert "us" not in stopwords()


def test_a_bad_stopword_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "stopwords.json"
    bad.write_text('{"description": "x", "ar": ["في من"], "en": []}', encoding="utf-8")
    monkeypatch.setattr(glossary_module, "STOPWORDS_PATH", bad)
    with pytest.raises(ValueError, match=r"ar/0"):
        stopwords.__wrapped__()  # type: ignore[attr-defined]


#: For each folded letter, the letters that fold to it (أ إ آ ٱ → ا, ى → ي, ة → ه …).
_VARIANTS: dict[str, list[str]] = {}
for _raw, _folded in TABLES["map"].items():
    _VARIANTS.setdefault(_folded, [_folded]).append(_raw)
_MARKS = [
    "",
    "",
    "",
    "\u064e",
    "\u0650",
    "\u0651",
    "\u0652",
    "\u064b",
    "\u0640",
    "\u200c",
    "\u0670",
]
_WORDS = sorted(
    {*json.loads(STOPWORDS_PATH.read_text(encoding="utf-8"))["ar"], *SEARCH_STOPWORDS}
    | set(json.loads(STOPWORDS_PATH.read_text(encoding="utf-8"))["en"])
)


@st.composite
def disguised_stopwords(draw: st.DrawFn) -> str:
    """A stopword as an author might type it: any spelling variant, harakat, tatweel,
    joiners, case and surrounding spaces that fold away."""
    word = fold_text(draw(st.sampled_from(_WORDS)))
    out = draw(st.sampled_from(["", " ", "\t", "\u200f"]))
    for char in word:
        out += draw(st.sampled_from(_VARIANTS.get(char, [char])))
        if char.isascii():
            out = out[:-1] + draw(st.sampled_from([char.lower(), char.upper()]))
        else:
            out += draw(st.sampled_from(_MARKS))
    return out + draw(st.sampled_from(["", " ", "\u0640"]))


@given(disguised_stopwords())
@settings(max_examples=300)
def test_any_alias_that_folds_to_a_stopword_is_refused(text: str) -> None:
    assert next(t.text for t in tokens(fold_text(text))) in stopwords()
    assert alias_refusal(text) in {"is a stopword", "is a single letter"}


@given(disguised_stopwords())
@settings(max_examples=40, deadline=None)
def test_a_disguised_stopword_alias_never_links(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        entry(
            directory,
            "wonsan",
            valid(aliases=json.dumps(["ونسان", text], ensure_ascii=False)[1:-1]),
        )
        glossary = load(directory)
    ((line, field, subtype),) = [(p.line, p.field, p.subtype) for p in glossary.problems]
    assert (line, field, subtype) == (9, "aliases.ar.1", "refused-alias")
    assert glossary.entries["wonsan"].aliases("ar") == ["وونسان", "ونسان"]
    linker = Linker([*glossary.aliases("ar"), *glossary.aliases("en")])
    assert linker.find(f"قال إنه {text} المدينة وفي the end") == []


@given(st.text(st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإء")), min_size=2, max_size=8))
def test_other_words_of_two_letters_or_more_are_accepted(word: str) -> None:
    if fold_text(word) not in stopwords():
        assert alias_refusal(word) is None


def test_an_entry_that_passed_the_schema_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    checked: list[str] = []
    validator = glossary_module._validator

    class Counting:
        """The schema's validator, counting the entries it checks."""

        def iter_errors(self, data: dict[str, Any]) -> Any:
            checked.append(data["id"])
            return validator().iter_errors(data)

    monkeypatch.setattr(glossary_module, "_validator", Counting)
    entries = tmp_path / "entries"
    entries.mkdir()
    entry(entries, "wonsan", valid())
    entry(entries, "bad", valid(id="bad", type="city", ar="باد", en="Bad", aliases=""))
    first = load(entries)
    assert sorted(checked) == ["bad", "wonsan"] and len(first.problems) == 1
    checked.clear()
    # Unchanged: the valid entry is not checked again; the invalid one is, and still fails.
    again = load(entries)
    assert checked == ["bad"]
    assert [(p.path.name, p.subtype) for p in again.problems] == [("bad.toml", "schema")]
    assert again.entries["wonsan"].names == first.entries["wonsan"].names
    checked.clear()
    # An edited entry is checked again: here it has become invalid, and says so.
    entry(entries, "wonsan", valid(type="town"))
    edited = load(entries)
    assert sorted(checked) == ["bad", "wonsan"]
    assert sorted(p.path.name for p in edited.problems) == ["bad.toml", "wonsan.toml"]
