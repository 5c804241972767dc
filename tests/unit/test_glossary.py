"""Glossary data: schema validation with file, line and field; the real glossary."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx_briefing.glossary import arabic_sort_key, load, locate
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


def test_duplicate_id(tmp_path: Path) -> None:
    entry(tmp_path, "a", valid())
    entry(tmp_path, "b", valid(aliases='"وونسانا"'))
    found = load(tmp_path).problems
    assert [(p.path.name, p.line, p.field, p.subtype) for p in found] == [
        ("b.toml", 1, "id", "duplicate-id")
    ]
    assert "a.toml" in found[0].message


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


def test_alias_claimed_twice_is_an_ambiguity(tmp_path: Path) -> None:
    entry(tmp_path, "a", valid(id="a", ar="كوريا", en="A", aliases='"كوريا الشمالية"'))
    entry(tmp_path, "b", valid(id="b", ar="بيونغ يانغ", en="B", aliases='"كوريا  الشماليّة"'))
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
