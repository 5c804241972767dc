"""The candidate finder: cues per type, the gazetteer, proclitics, offsets, variants of known
entries, merging over files, the JSON shape, and the dev set's gold names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sphinx_briefing import glossary, resources
from sphinx_briefing.candidates import cues, gazetteer
from sphinx_briefing.candidates.finder import (
    Finder,
    article_text,
    as_record,
    find_candidates,
    from_record,
    merge,
)
from sphinx_briefing.candidates.model import Candidate
from sphinx_briefing.candidates.spans import LineReader
from sphinx_briefing.candidates.variants import Variants
from tests.helpers import REPO

REAL = REPO / "tests" / "data" / "real"
BOOK_GLOSSARY = glossary.load(REPO / "docs" / "glossary" / "entries")


def seeds(line: str, known: glossary.Glossary | None = None) -> list[tuple[str, str]]:
    """(text, type) of the names one line gives, nothing linked."""
    reader = LineReader(cues.load(), gazetteer.load(), Variants.of(known))
    found, _glosses = reader.read(1, line)
    for seed in found:
        assert line[seed.start : seed.end] == seed.text
    return [(seed.text, seed.type) for seed in found]


@pytest.mark.parametrize(
    ("line", "name", "kind"),
    [
        ("قال وزير الخارجية الروسي سيرغي لافروف إنه مستعد", "سيرغي لافروف", "person"),
        ("والتقى نظيره الأميركي ماركو روبيو في العاصمة", "ماركو روبيو", "person"),
        ("وقال المتحدث باسم الخارجية دميتري بيسكوف إن", "دميتري بيسكوف", "person"),
        ("عقد الرئيس المصري عبد الفتاح السيسي اجتماعا", "عبد الفتاح السيسي", "person"),
        ("ووصل الوفد إلى مدينة قازان صباحا", "قازان", "place"),
        ("تفقد محافظ القليوبية المحطة", "القليوبية", "place"),
        ("وقالت وزارة الخارجية الروسية في بيان", "وزارة الخارجية الروسية", "organization"),
        ("ونقلت صحيفة فايننشال تايمز البريطانية عن مصدر", "فايننشال تايمز", "organization"),
        ("وأكدت معاهدة الدعم المتبادل بين البلدين", "معاهدة الدعم المتبادل", "agreement"),
        ("منذ حرب الخليج الأولى لم تتغير", "حرب الخليج الأولى", "event"),
        ("أطلقت صاروخ هواسونغ-18 فجرا", "هواسونغ-18", "other"),
        ("وأظهرت الصور مقاتلات F-35 في السماء", "F-35", "other"),
        ("ونفى الكرملين هذه التقارير", "الكرملين", "organization"),
    ],
)
def test_each_cue_gives_its_type(line: str, name: str, kind: str) -> None:
    assert (name, kind) in seeds(line)


def test_words_that_end_a_name_end_it() -> None:
    assert seeds("قال وزير الدفاع إن القوات مستعدة") == []
    assert ("محمد زكى", "person") in seeds("قال الفريق أول محمد زكى، وزير الدفاع")
    assert seeds("وقال مصدر مسؤول إن الاجتماع انتهى") == []


def test_a_participle_with_its_complement_describes_the_head() -> None:
    # «a bank accused of laundering …»: a description, which must not swallow the country.
    found = seeds("فرضت عقوبات على بنك متهم بغسل أموال كوريا الشمالية")
    assert not [name for name, _kind in found if "بنك" in name or "متهم" in name]
    assert not [name for name, _kind in seeds("على شركة متهمة بتهريب النفط") if "متهمة" in name]
    # A name after the head is still read, «بن» included.
    assert ("استاد جاسم بن حمد", "place") in seeds("افتتح استاد جاسم بن حمد أمس")


def test_a_list_of_people_takes_no_actions_and_no_split_words() -> None:
    # Verbal nouns open descriptions («to revive tourism and revive the local economy»).
    line = "التقى الوزير سامر خليل ونادر حداد لتنشيط السياحة وتنشيط الاقتصاد المحلي"
    assert not [name for name, _kind in seeds(line) if "تنشيط" in name]
    # «وونسان» is a name that starts with و, not «and» + «ونسان».
    line = "أجرى الوزير سيرجي لافروف مباحثات في وونسان مع نظيرته"
    assert not [name for name, kind in seeds(line) if name == "ونسان"]
    # A given name after «و» in a list is still a listed person.
    assert ("علي", "person") in seeds("ضمت القائمة: محمد حسن، وعلي") or (
        "محمد حسن",
        "person",
    ) in seeds("ضمت القائمة: محمد حسن، وعلي")


def test_gazetteer_lookups_and_spellings() -> None:
    places = gazetteer.load()
    usa = places.lookup("أميركا")
    assert usa is not None and (usa.iso, usa.en, usa.kind) == ("USA", "United States", "country")
    assert places.lookup("امريكا") is usa  # hamza seat folded
    assert places.lookup("الولايات المتحدة الأمريكية") is usa
    pyongyang = places.lookup("بيونج يانج")
    assert pyongyang is not None and pyongyang.en == "Pyongyang" and pyongyang.country == "PRK"
    assert (pyongyang.lat, pyongyang.lon) == (39.02, 125.75)
    aleppo = places.lookup("حلب")
    assert aleppo is not None and (aleppo.country, aleppo.lat, aleppo.lon) == ("SYR", 36.2, 37.16)
    assert places.lookup("الكويت").kind == "country"  # type: ignore[union-attr]
    assert places.lookup("مدينة لا وجود لها") is None


def test_gazetteer_data_is_valid_and_modest() -> None:
    path = resources.DATA / "gazetteer.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((resources.SCHEMAS / "gazetteer.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert path.stat().st_size < 300_000
    isos = [p["iso"] for p in data["places"] if p["kind"] == "country"]
    assert len(isos) == len(set(isos)) > 200
    assert {"EGY", "SYR", "PRK", "KOR", "RUS", "USA", "GBR", "PSE"} <= set(isos)
    assert all("CLDR" in data["sources"]["territories"] for _ in [0])


def test_proclitics_are_left_out_of_the_span() -> None:
    assert ("باريس", "place") in seeds("وصل الوفد وبباريس انتهت")
    line = "وللجزائر موقف"
    found = seeds(line)
    assert found and found[0][1] == "place" and not found[0][0].startswith("و")
    assert ("قازان", "place") in seeds("زار ومدينة قازان")


def test_a_place_that_is_a_common_word_needs_its_head_noun() -> None:
    assert seeds("تقديم دعم مالي للأسر") == []
    assert ("مالي", "place") in seeds("في جمهورية مالي")
    assert seeds("في المشهد السياسي") == []


def test_new_spellings_of_known_entries_are_variants() -> None:
    finder = Finder(BOOK_GLOSSARY)
    found = finder.find({"a": {1: "وصل سيرغي لافرف إلى واشنطون أمس"}})
    variants = {c.text: c.variant_of for c in found}
    assert variants == {"سيرغي لافرف": "sergey-lavrov", "واشنطون": "washington"}
    # A demonym is no spelling of its country; a linked name is no candidate at all.
    assert finder.find({"a": {1: "قال المسؤول الأوكراني إن لافروف في موسكو"}}) == []


def test_spellings_merge_over_files_and_recur() -> None:
    texts = {
        "a.txt": "خبر أول\nقال وزير الخارجية الأميركي ماركو روبيو إن المحادثات مفيدة.\n",
        "b.txt": "خبر ثان\nوأكد الوزير ماركو روبيوو أن روبيو سيسافر غدا.\n",
        "c.txt": "خبر ثالث\nالتقى نظيره ماركو روبيو في الصباح.\n",
    }
    found = find_candidates(texts, None)
    rubio = [c for c in found if "روبيو" in c.text]
    assert len(rubio) == 1
    assert rubio[0].text == "ماركو روبيو"  # the most frequent spelling
    assert rubio[0].count == 4  # روبيو alone counts too
    assert {m.file for m in rubio[0].mentions} == set(texts)
    assert set(rubio[0].spellings()) == {"ماركو روبيو", "ماركو روبيوو", "روبيو"}


def test_page_leftovers_give_no_candidates() -> None:
    text = (
        "الرئيسية\nأخبار\n\nالوزير يزور قازان\n"
        "زار وزير الخارجية ماركو روبيو مدينة قازان أمس والتقى مسؤولين محليين.\n\n"
        "اقرأ أيضا\nرحلة إلى باريس\nشارك\n"
    )
    found = {c.text for c in find_candidates({"a.txt": text}, None)}
    assert found == {"ماركو روبيو", "قازان"}


def test_json_shape_and_english_names() -> None:
    text = "عنوان\nقال وزير الخارجية سيرغي لافروف في قازان إن الزيارة مهمة.\n"
    found = {c.text: c for c in find_candidates({"a.txt": text}, None)}
    kazan, lavrov = found["قازان"], found["سيرغي لافروف"]
    assert (kazan.english, kazan.english_is_guess, kazan.place_kind) == ("Kazan", False, "city")
    # A foreign name the table knows is no guess; a name it does not know is transliterated.
    assert (lavrov.english, lavrov.english_is_guess) == ("Sergey Lavrov", False)
    assert "suggestion" not in lavrov.why
    other = find_candidates({"b.txt": "عنوان\nقال الوزير تشو هيون إن الزيارة مهمة.\n"}, None)
    (cho,) = [c for c in other if c.text == "تشو هيون"]
    assert cho.english_is_guess and cho.english and "suggestion" in cho.why
    data = lavrov.as_json()
    assert list(data) == [
        "text", "type", "mentions", "count", "score", "variant_of", "english", "why",
    ]  # fmt: skip
    assert data["mentions"] == [{"file": "a.txt", "line": 2, "start": 18, "end": 30}]
    assert 0 <= data["score"] <= 1 and data["count"] == 1
    json.dumps([c.as_json() for c in found.values()])


def test_records_round_trip_and_merge() -> None:
    text = "عنوان\nقال وزير الخارجية ماركو روبيو في قازان كلاما.\n"
    first = find_candidates({"a.txt": text}, None)
    again = [from_record(as_record(c), "b.txt") for c in first]
    merged = merge([*first, *again])
    assert {c.text for c in merged} == {c.text for c in first}
    assert all(c.count == 2 for c in merged)


def test_credits_name_outlets_and_authors() -> None:
    text = "عنوان الخبر هنا\nتشرين- سامر الشغري\nدمشق – البعث\nنص الخبر الأول طويل بما يكفي ليكون فقرة كاملة من المقال.\n"
    found = {c.text: c.type for c in find_candidates({"a.txt": text}, None)}
    assert found.get("سامر الشغري") == "person"
    assert found.get("البعث") == "organization"
    assert found.get("دمشق") == "place"


_LETTERS = st.sampled_from(
    [*"ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئء ،.:«»-–()\n", "ال", "و", "Lo", "F-35", "ً"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LETTERS, max_size=120).map("".join))
def test_never_crashes_and_offsets_are_valid(text: str) -> None:
    for glossary_ in (None, BOOK_GLOSSARY):
        found = find_candidates({"f": text}, glossary_)
        lines = text.split("\n")
        for candidate in found:
            assert 0 <= candidate.score <= 1
            for mention in candidate.mentions:
                assert lines[mention.line - 1][mention.start : mention.end] == mention.text


def test_offsets_are_valid_on_the_real_articles() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))}
    for candidate in find_candidates(texts, glossary.load(REAL / "glossary")):
        for mention in candidate.mentions:
            line = texts[mention.file].split("\n")[mention.line - 1]
            assert line[mention.start : mention.end] == mention.text
            assert mention.text.strip() == mention.text and mention.text


def test_only_article_lines_are_read() -> None:
    lines, credits = article_text("الرئيسية\n\nعنوان الخبر\nموسكو – رويترز – نص الفقرة الأولى.\n")
    assert 1 not in lines and 3 in lines and 4 in lines
    assert credits[4] == [(0, len("موسكو – رويترز – "))]


def _overlaps(candidate: Candidate, file: str, gold: dict[str, object]) -> bool:
    return any(
        m.file == file
        and m.line == gold["line"]
        and m.start < gold["end"]
        and gold["start"] < m.end  # type: ignore[operator]
        for m in candidate.mentions
    )


def test_dev_set_recall_type_and_precision() -> None:
    """Issue #17's measure on the dev set: the gold names without an entry in the test
    glossary are found (a candidate mention overlaps one of their mentions), with their type,
    and the candidates are real names (they overlap some gold mention)."""
    gold = json.loads((REAL / "names.json").read_text(encoding="utf-8"))
    known = glossary.load(REAL / "glossary")
    texts = {name: (REAL / name).read_text(encoding="utf-8") for name in gold}
    found = find_candidates(texts, known)
    mentions = [(f, m) for f, items in gold.items() for m in items]
    unknown = {m["entity"]: m["type"] for _, m in mentions if m["entity"] not in known.entries}
    hits: dict[str, set[str]] = {}
    real = 0
    for candidate in found:
        matched = [m for f, m in mentions if _overlaps(candidate, f, m)]
        real += bool(matched)
        for m in matched:
            if m["entity"] in unknown:
                hits.setdefault(m["entity"], set()).add(candidate.type)
    recall = len(hits) / len(unknown)
    typed = sum(unknown[e] in kinds for e, kinds in hits.items()) / len(hits)
    precision = real / len(found)
    assert recall >= 0.8, recall
    assert typed >= 0.8, typed
    assert precision >= 0.75, precision


def test_the_cue_file_is_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "cues.json"
    bad.write_text('{"description": "x"}', encoding="utf-8")
    monkeypatch.setattr(cues, "CUES_PATH", bad)
    cues.load.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"cues\.json"):
            cues.load()
    finally:
        cues.load.cache_clear()


# -- rules for names without a cue (sentences written for these tests) ---------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("وحضر اللقاء فراس العتيبي ممثلا عن الشركة", "فراس العتيبي"),
        ("وكان خليل أبو شقرة قد غادر المدينة", "خليل أبو شقرة"),
        ("وفي الختام تسلمت نهلة القاسمي الجائزة", "نهلة القاسمي"),
        ("ثم دخل فابيو ماريني إلى الملعب", "فابيو ماريني"),
        ("وسجل الهدف الثاني فيرجيل فان ديك برأسه", "فيرجيل فان ديك"),
        ("ووقف علي الحسن أمام اللجنة", "علي الحسن"),
        ("ورافقه يزن عبد الهادي في الرحلة", "يزن عبد الهادي"),
    ],
)
def test_a_given_name_and_a_family_name_are_a_person(line: str, name: str) -> None:
    assert (name, "person") in seeds(line)


def test_a_given_name_that_is_a_common_word_needs_a_name_after_it() -> None:
    assert seeds("يعيش الناس هنا حياة كريمة منذ سنوات") == []
    assert seeds("وهناك أمل كبير في نجاح المبادرة") == []
    assert seeds("وتقع القرية على أرض زراعية") == []
    assert ("ماجد حسن", "person") in seeds("وغاب عن التدريب اللاعبان ماجد حسن وسعيد")


def test_a_list_whose_items_include_people_is_a_list_of_people() -> None:
    found = seeds("وضمت القائمة رامي الحلو، ونزيه قسوم، وطلال حمدو، إلى جانب آخرين.")
    assert ("نزيه قسوم", "person") in found  # no given name of its own: the list says so
    assert {("رامي الحلو", "person"), ("طلال حمدو", "person")} <= set(found)
    # No person in the list: nothing to go by.
    assert seeds("وزار الوفد مصانع الحديد، ومزارع القطن، وموانئ الصيد.") == []


def test_a_heading_of_people_makes_its_list_people_with_their_teams() -> None:
    found = seeds("خط الهجوم: فيليكس غرادو (الكرامة)، زكريا بيكانا، توبياس")
    assert ("فيليكس غرادو", "person") in found
    assert ("زكريا بيكانا", "person") in found
    assert ("توبياس", "person") in found  # one word is enough under a heading
    assert ("الكرامة", "organization") in found
    # «حراس مرمى:» heads the list; it is no name of its own.
    found = seeds("حراس مرمى: سليم حداد (الوحدة) وجميل نصار (تشرين).")
    assert [name for name, _ in found].count("حراس مرمى") == 0
    assert {("سليم حداد", "person"), ("الوحدة", "organization")} <= set(found)


def test_an_indefinite_sports_role_is_followed_by_its_team() -> None:
    assert ("أتلتيكو مدريد", "organization") in seeds("وأشاد مدرب الفريق بأداء لاعب أتلتيكو مدريد")
    assert ("سامر عياش", "person") in seeds("وأكد المدافع سامر عياش جاهزيته")


def test_a_name_stops_at_a_verb_and_at_a_pronoun_suffix() -> None:
    found = seeds("وأوضح كنان البيطار ارتفعت أسعار المواد")
    assert ("كنان البيطار", "person") in found
    assert all("ارتفعت" not in name for name, _ in found)
    found = seeds("وتحدث وسيم شحادة ووصفه بالإنجاز الكبير")
    assert ("وسيم شحادة", "person") in found and all("ووصفه" not in n for n, _ in found)
    assert seeds("وكتب مهند تتابع الفرق أخبار البطولة") == []


def test_generic_phrases_of_common_nouns_are_no_names() -> None:
    assert seeds("وأعلن الجهاز الفني اختيار تشكيلة جديدة للمباراة") == []
    assert seeds("وتم وضع حجر أساس المشروع في الموعد") == []
    assert seeds("واتفق الطرفان على اللعب في ملعب محايد") == []
    assert seeds("تقدم القوات المسلحة والمؤسسات الوطنية الدعم") == []


def test_the_name_lists_are_valid_and_apart() -> None:
    known = cues.load()
    assert len(known.given_names) > 500
    assert not known.given_names & known.common_nouns  # a given name is never a common noun
    assert known.common_given <= known.given_names | known.common_nouns | {"كريمه"}
    for name in ("person-names", "common-nouns"):
        data = json.loads((resources.DATA / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((resources.SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
