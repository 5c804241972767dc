"""English spellings of new names: the table of foreign names (data/foreign-names.json), read
longest run of words first, and the transliteration of the words it does not know."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing import resources
from sphinx_briefing.candidates.cues import words_of
from sphinx_briefing.candidates.english import (
    TABLE_PATH,
    TABLE_SCHEMA_PATH,
    english_name,
    read_table,
    suggest,
)

#: Every spelling of the data file with its English, as written.
SPELLINGS = [
    (spelling, english)
    for group in json.loads(TABLE_PATH.read_text(encoding="utf-8"))["names"].values()
    for english, spellings in group.items()
    for spelling in spellings
]


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("سيرغي لافروف", "Sergey Lavrov"),
        ("سيرجي لافروف", "Sergey Lavrov"),
        ("كيم جونغ أون", "Kim Jong Un"),
        ("كيم جونج أون", "Kim Jong Un"),
        ("كيم جونغ اون", "Kim Jong Un"),  # hamza seat folded
        ("شي جين بينغ", "Xi Jinping"),  # two words, one English name
        ("شي جينبينغ", "Xi Jinping"),
        ("دونالد ترامب", "Donald Trump"),
        ("دونالد ترمب", "Donald Trump"),
        ("إيمانويل ماكرون", "Emmanuel Macron"),
        ("ايمانويل ماكرون", "Emmanuel Macron"),
        ("أنطونيو غوتيريش", "Antonio Guterres"),
        ("فولوديمير زيلينسكي", "Volodymyr Zelensky"),
        ("فولوديمير زيلينسكى", "Volodymyr Zelensky"),  # ى folded to ي
        ("بنيامين نتنياهو", "Benjamin Netanyahu"),
        ("فيرجيل فان ديك", "Virgil van Dijk"),
        ("جان-إيف لودريان", "Jean-Yves Le Drian"),  # a hyphen splits words as a space does
        ("كيم إيل سونغ", "Kim Il Sung"),
    ],
)
def test_known_names_come_from_the_table(name: str, english: str) -> None:
    assert english_name(name) == (english, False)
    assert suggest(name) == english


def test_harakat_do_not_hide_a_name() -> None:
    assert english_name("سَيرغي لافْروف") == ("Sergey Lavrov", False)


def test_a_known_given_name_and_an_unknown_family_name_is_a_guess() -> None:
    assert english_name("دونالد زلطة") == ("Donald Zlta", True)
    assert english_name("سيرغي كوزمين") == ("Sergey Kuzmin", True)
    assert english_name("ماركو روبيوو") == ("Marco Rubiwo", True)  # a misspelled family name


@pytest.mark.parametrize(
    ("name", "english"),
    [
        # The transliteration as it was before the table: Arabic names are not in it.
        ("محمد بن سلمان", "Mhmd Bn Slman"),
        ("عبد الفتاح السيسي", "Abd al-Ftah al-Sisi"),
        ("هشام أبو النصر", "Hsham Abo al-Nsr"),
        ("سامر الشغري", "Samr al-Shgri"),
        ("فيصل بن فرحان", "Fisl Bn Frhan"),
    ],
)
def test_unknown_names_are_transliterated(name: str, english: str) -> None:
    assert english_name(name) == (english, True)
    assert suggest(name) == english


def test_a_name_without_letters_has_no_english() -> None:
    assert english_name("") == (None, False)
    assert english_name("ء") == (None, False)
    assert suggest("«»") is None


def test_every_spelling_is_reachable_and_folded_once() -> None:
    table = read_table()
    keys = [" ".join(words_of(spelling)) for spelling, _ in SPELLINGS]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []  # one spelling per folded form is enough
    assert len(table) == len(SPELLINGS) >= 300
    for spelling, english in SPELLINGS:
        assert english_name(spelling) == (english, False), spelling


def test_the_table_holds_no_arabic_given_name() -> None:
    names = json.loads((resources.DATA / "person-names.json").read_text(encoding="utf-8"))
    arabic = {" ".join(words_of(n)) for n in names["given"]["male"] + names["given"]["female"]}
    assert {key for key in read_table() if " " not in key} & arabic == set()
    assert not {"محمد", "علي", "احمد", "بن", "ابو", "عبد"} & set(read_table())


def test_a_bad_file_is_refused_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "foreign-names.json"
    bad.write_text(
        json.dumps({"description": "x", "names": {"russian": {"Sergey": ["Sergey"]}}}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"foreign-names\.json: names/russian/Sergey/0"):
        read_table(bad, TABLE_SCHEMA_PATH)
    clash = tmp_path / "clash.json"
    clash.write_text(
        json.dumps(
            {"description": "x", "names": {"a": {"Sergey": ["سيرغي"], "Sergei": ["سيرغى"]}}},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"clash\.json: .*both Sergey and Sergei"):
        read_table(clash)


def test_the_shipped_file_reads_from_another_place(tmp_path: Path) -> None:
    copy = shutil.copy(TABLE_PATH, tmp_path / "copy.json")
    assert read_table(Path(copy)) == read_table()


_LETTERS = st.sampled_from([*"ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئءپڤچگ", " ", "-", "ال", "َ", "ـ"])
_ENGLISH = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")


@settings(max_examples=300, deadline=None)
@given(st.lists(_LETTERS, max_size=40).map("".join))
def test_suggestions_are_english_words_or_nothing(name: str) -> None:
    english, guess = english_name(name)
    assert suggest(name) == english
    assert english is None or _ENGLISH.fullmatch(english), english
    assert not (english is None and guess)
