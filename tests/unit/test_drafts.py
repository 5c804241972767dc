"""The draft writer (``briefing candidates --write``): new entries that validate and load
cleanly, aliases added to existing files with their comments and layout kept, free ids, no
alias twice, nothing written outside the directory."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sphinx_briefing.candidates.drafts import GUESS_NOTE, write_drafts
from sphinx_briefing.candidates.model import Candidate, CandidateType, Occurrence, Source
from sphinx_briefing.glossary import Glossary, load

WONSAN = """\
# Wonsan: the venue of the July 2025 talks.
id = "wonsan"
type = "place"

[names]
ar = "وونسان"   # the spelling most outlets use
en = "Wonsan"

[aliases]
# Spellings seen in the seeds.
ar = [
  "ونسان",  # Al Mayadeen
  "وون سان",
]
en = ["Wŏnsan"]

[description]
short_ar = "مدينة ساحلية."
short_en = "A port city."

[place]
kind = "city"
"""

KCNA = """\
id = "kcna"
type = "organization"

[names]
ar = "وكالة الأنباء المركزية الكورية"
en = "Korean Central News Agency"

[aliases]
ar = ["كيه سي إن إيه"]  # the initials, as read

[description]
short_ar = "وكالة الأنباء الرسمية."
short_en = "The state news agency."
"""

NO_ALIASES = """\
id = "pyongyang"
type = "place"

[names]
ar = "بيونغ يانغ"
en = "Pyongyang"

[description]
short_ar = "عاصمة كوريا الشمالية."
short_en = "The capital of North Korea."

[[sources]]
title = "Pyongyang"
"""

SOURCES: dict[str, Source] = {
    "seeds/a.txt": {
        "title": "Lavrov in Wonsan",
        "publisher": "KCNA",
        "url": "https://example.org/a",
        "date": "2025-07-12",
    },
    "seeds/b.txt": {"title": "Missile test", "url": "javascript:alert(1)"},
}


def seen(*spellings: str, files: tuple[str, ...] = ("seeds/a.txt",)) -> list[Occurrence]:
    return [
        Occurrence(files[i % len(files)], i + 1, 0, len(text), text)
        for i, text in enumerate(spellings)
    ]


def candidate(
    text: str,
    kind: CandidateType = "person",
    *others: str,
    files: tuple[str, ...] = ("seeds/a.txt",),
    **fields: object,
) -> Candidate:
    return Candidate(text, kind, seen(text, *others, files=files), **fields)  # type: ignore[arg-type]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    entries = tmp_path / "entries"
    entries.mkdir()
    (entries / "wonsan.toml").write_text(WONSAN, encoding="utf-8")
    (entries / "kcna.toml").write_text(KCNA, encoding="utf-8")
    (entries / "pyongyang.toml").write_text(NO_ALIASES, encoding="utf-8")
    return entries


def loaded(directory: Path) -> Glossary:
    glossary = load(directory)
    assert glossary.problems == []
    return glossary


def test_a_new_entry_validates_loads_cleanly_and_reads_back(book: Path) -> None:
    lavrov = candidate(
        "سيرغي لافروف",
        "person",
        "سيرجي لافروف",
        "سيرغي لافروف",
        "سيرجي لافروف",
        "سيرغى لافروف",
        files=("seeds/a.txt", "seeds/b.txt"),
        english="Sergey Lavrov",
    )
    report = write_drafts([lavrov], book, loaded(book), SOURCES)
    assert report.created == [book / "sergey-lavrov.toml"] and report.skipped == []
    assert report.aliased == {}
    glossary = loaded(book)
    entry = glossary.entries["sergey-lavrov"]
    assert entry.status == "draft" and entry.is_draft and entry.type == "person"
    data = tomllib.loads((book / "sergey-lavrov.toml").read_text(encoding="utf-8"))
    assert data["names"] == {"ar": "سيرغي لافروف", "en": "Sergey Lavrov"}
    # The other spellings, most frequent first; «سيرغى» folds like the headword: not again;
    # the family name last (the linker links it only after the full name).
    assert data["aliases"] == {"ar": ["سيرجي لافروف", "لافروف"]}
    assert data["description"] == {"short_ar": "", "short_en": ""}
    # One source per article, each once; the script address is left out.
    assert data["sources"] == [
        {
            "title": "Lavrov in Wonsan",
            "publisher": "KCNA",
            "url": "https://example.org/a",
            "date": "2025-07-12",
        },
        {"title": "Missile test"},
    ]
    assert "place" not in data
    # The empty descriptions show the placeholder, in both languages.
    assert entry.unwritten == {"short_ar", "short_en"}
    assert entry.description == {
        "short_ar": "الوصف لم يُكتب بعد",
        "short_en": "Description to be written",
    }
    assert GUESS_NOTE not in (book / "sergey-lavrov.toml").read_text(encoding="utf-8")


def test_a_name_without_english_gets_a_marked_transliteration(book: Path) -> None:
    report = write_drafts([candidate("شويغو", "person")], book, loaded(book), {})
    (path,) = report.created
    text = path.read_text(encoding="utf-8")
    assert path.name == "shwyghw.toml"
    assert f'en = "Shwyghw" # {GUESS_NOTE}' in text
    assert "sources" not in tomllib.loads(text)
    assert loaded(book).entries["shwyghw"].names["en"] == "Shwyghw"
    guessed = candidate("مدفيديف", "person", english="Medvedev", english_is_guess=True)
    (path,) = write_drafts([guessed], book, loaded(book), {}).created
    assert f'en = "Medvedev" # {GUESS_NOTE}' in path.read_text(encoding="utf-8")


def test_an_alias_is_added_keeping_comments_and_layout_byte_for_byte(book: Path) -> None:
    variant = candidate("ونسن", "place", "وونسن", "ونسن", variant_of="wonsan")
    report = write_drafts([variant], book, loaded(book), SOURCES)
    assert report.created == [] and report.skipped == []
    assert report.aliased == {book / "wonsan.toml": ["ونسن", "وونسن"]}
    text = (book / "wonsan.toml").read_text(encoding="utf-8")
    added = '  "ونسن",\n  "وونسن",\n'
    assert added in text
    assert text.replace(added, "", 1) == WONSAN
    assert loaded(book).entries["wonsan"].aliases("ar") == [
        "وونسان",
        "ونسان",
        "وون سان",
        "ونسن",
        "وونسن",
    ]


def test_an_alias_is_added_to_a_one_line_list_before_its_comment(book: Path) -> None:
    report = write_drafts(
        [candidate("كي سي إن إيه", "organization", variant_of="kcna")], book, loaded(book), {}
    )
    assert report.aliased == {book / "kcna.toml": ["كي سي إن إيه"]}
    text = (book / "kcna.toml").read_text(encoding="utf-8")
    assert text == KCNA.replace('"كيه سي إن إيه"]', '"كيه سي إن إيه", "كي سي إن إيه"]')


def test_a_file_without_aliases_gets_the_table_after_its_names(book: Path) -> None:
    variant = candidate("بيونغيانغ", "place", variant_of="pyongyang")
    write_drafts([variant], book, loaded(book), {})
    text = (book / "pyongyang.toml").read_text(encoding="utf-8")
    block = '[aliases]\nar = ["بيونغيانغ"]\n\n'
    assert text.index("[names]") < text.index(block) < text.index("[description]")
    assert text.replace(block, "", 1) == NO_ALIASES
    assert loaded(book).entries["pyongyang"].aliases("ar") == ["بيونغ يانغ", "بيونغيانغ"]


def test_no_alias_twice_folded_forms_compared(book: Path) -> None:
    # «ونسان» with a fatha and «وون سان» are already there; «كيه سي إن إيه» is KCNA's.
    variant = candidate("وَنسان", "place", "وون سان", "كيه سي إن إيه", variant_of="wonsan")
    before = (book / "wonsan.toml").read_bytes()
    report = write_drafts([variant], book, loaded(book), {})
    assert report.aliased == {}
    assert [s.reason for s in report.skipped] == ["every spelling is already a name of 'wonsan'"]
    assert (book / "wonsan.toml").read_bytes() == before
    # The same new spelling twice in one run is added once.
    again = [candidate("ونسن", "place", variant_of="wonsan")] * 2
    report = write_drafts(again, book, loaded(book), {})
    assert report.aliased == {book / "wonsan.toml": ["ونسن"]} and len(report.skipped) == 1
    assert (book / "wonsan.toml").read_text(encoding="utf-8").count('"ونسن"') == 1


def test_a_new_name_already_in_the_glossary_or_written_twice_is_skipped(book: Path) -> None:
    known = candidate("الونسان", "place")  # another text once folded: the writer strips nothing
    taken = candidate("ونسان", "place")  # Wonsan's alias
    twice = [candidate("شويغو", "person"), candidate("شويغو", "person")]
    report = write_drafts([taken, *twice, known], book, loaded(book), {})
    assert [p.name for p in report.created] == ["shwyghw.toml", "alwnsan.toml"]
    assert [s.reason for s in report.skipped] == [
        "already a name of 'wonsan'",
        "already a name of 'shwyghw'",
    ]


def test_ids_never_collide_with_entries_or_files(book: Path) -> None:
    # A file named like the id that the loader refuses (no glossary entry) still counts.
    (book / "wonsan-2.toml").write_text("not = [valid", encoding="utf-8")
    glossary = load(book)
    first = candidate("وونسان الجديدة", "place", english="Wonsan")
    second = candidate("وونسان القديمة", "place", english="Wonsan")
    report = write_drafts([first, second], book, glossary, {})
    assert [p.name for p in report.created] == ["wonsan-3.toml", "wonsan-4.toml"]
    assert (book / "wonsan-2.toml").read_text(encoding="utf-8") == "not = [valid"
    assert (book / "wonsan.toml").read_text(encoding="utf-8") == WONSAN
    ids = {tomllib.loads(p.read_text(encoding="utf-8"))["id"] for p in report.created}
    assert ids == {"wonsan-3", "wonsan-4"}


def test_the_other_type(book: Path) -> None:
    missile = candidate("هواسونغ-19", "other", english="Hwasong-19")
    (path,) = write_drafts([missile], book, loaded(book), SOURCES).created
    entry = loaded(book).entries["hwasong-19"]
    assert path.name == "hwasong-19.toml" and entry.type == "other" and entry.is_draft


def test_a_place_gets_what_the_gazetteer_knows(book: Path) -> None:
    tokyo = candidate(
        "طوكيو",
        "place",
        english="Tokyo",
        iso="JPN",
        lat=35.68,
        lon=139,
        place_kind="capital",
    )
    odd = candidate("مكان ما", "place", english="Somewhere", iso="jp", lat=95.0, lon=10.0)
    report = write_drafts([tokyo, odd], book, loaded(book), {})
    glossary = loaded(book)
    assert glossary.entries["tokyo"].data["place"] == {
        "kind": "capital",
        "iso": "JPN",
        "lat": 35.68,
        "lon": 139.0,
    }
    # What the schema would refuse is left out, not written.
    assert "place" not in glossary.entries["somewhere"].data
    assert len(report.created) == 2


def test_nothing_outside_the_directory_is_touched(book: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "drafts"
    before = (book / "wonsan.toml").read_bytes()
    report = write_drafts(
        [candidate("ونسن", "place", variant_of="wonsan"), candidate("شويغو", "person")],
        elsewhere,
        loaded(book),
        {},
    )
    assert (book / "wonsan.toml").read_bytes() == before
    assert report.created == [elsewhere / "shwyghw.toml"]
    (skipped,) = report.skipped
    assert "outside" in skipped.reason and skipped.candidate.variant_of == "wonsan"
    missing = write_drafts([candidate("س", "place", variant_of="nowhere")], book, load(book), {})
    assert missing.skipped[0].reason == "no glossary entry 'nowhere' to add the spellings to"


def test_the_summary_names_every_file_and_skip(book: Path) -> None:
    report = write_drafts(
        [candidate("شويغو", "person"), candidate("ونسان", "place", variant_of="wonsan")],
        book,
        loaded(book),
        {},
    )
    assert report.summary() == [
        f"created {book / 'shwyghw.toml'}",
        "skipped 'ونسان': every spelling is already a name of 'wonsan'",
    ]


def test_a_person_draft_carries_the_family_name_only_when_it_is_safe(book: Path) -> None:
    people = [
        candidate("فراس العتيبي", "person", english="Firas al-Otaibi"),
        candidate("سامي كامل", "person", english="Sami Kamel"),  # كامل: a common word
        candidate("هشام أبو النصر", "person", english="Hisham Abu al-Nasr"),
        candidate("فيرجيل فان ديك", "person", english="Virgil van Dijk"),
        candidate("بيت لحم", "place", english="Bethlehem"),
    ]
    write_drafts(people, book, loaded(book), SOURCES)
    glossary = loaded(book)

    def aliases(entry_id: str) -> list[str]:
        return glossary.entries[entry_id].aliases("ar")[1:]

    assert aliases("firas-al-otaibi") == ["العتيبي"]
    assert aliases("sami-kamel") == []
    assert aliases("hisham-abu-al-nasr") == ["أبو النصر"]
    assert aliases("virgil-van-dijk") == []
    assert aliases("bethlehem") == []
