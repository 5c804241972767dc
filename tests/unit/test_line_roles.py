"""Each form of dateline, byline, publication line and page leftover that Arabic outlets use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_briefing.text import line_roles as lr


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("سيؤول (وكالات)", "سيؤول", "وكالات"),
        ("موسكو – رويترز", "موسكو", "رويترز"),
        ("موسكو - رويترز", "موسكو", "رويترز"),
        ("(أ ف ب)", "", "أ ف ب"),
        ("واشنطن ـ", "واشنطن", ""),
        ("وكالات", "", "وكالات"),
        ("وكالات –", "", "وكالات"),
        ('القاهرة - "الشروق":', "القاهرة", "الشروق"),
    ],
)
def test_datelines_standing_alone(line: str, place: str, agency: str) -> None:
    found = lr.dateline_alone(line)
    assert found is not None and (found.place, found.agency) == (place, agency)


@pytest.mark.parametrize(
    ("line", "place", "agency", "prefix"),
    [
        ("وكالات – عقد وزير الخارجية مباحثات", "", "وكالات", "وكالات – "),
        ("موسكو – رويترز – قال الوزير إن", "موسكو", "رويترز", "موسكو – رويترز – "),
        ("سيؤول (وكالات) - أعلنت كوريا الجنوبية", "سيؤول", "وكالات", "سيؤول (وكالات) - "),
        ("(أ ف ب) – أعلن البيت الأبيض", "", "أ ف ب", "(أ ف ب) – "),
        ('القاهرة - "الشروق": قال المحافظ', "القاهرة", "الشروق", 'القاهرة - "الشروق": '),
        ("واشنطن ـ أعلن البيت الأبيض", "واشنطن", "", "واشنطن ـ "),
    ],
)
def test_datelines_opening_a_paragraph(line: str, place: str, agency: str, prefix: str) -> None:
    found = lr.dateline_opening(line)
    assert found is not None and (found.place, found.agency) == (place, agency)
    assert line[: found.length] == prefix


@pytest.mark.parametrize(
    "line",
    [
        "قال الرئيس الأمريكي إن المحادثات جيدة.",
        "الديلي تلغراف: السعودية رأس حربة التحالف",
        "بالفيديو: السيسي بذكرى تحرير سيناء",
        "الدول المشاركة:",
        "-",
        "1-",
    ],
)
def test_sentences_are_not_datelines(line: str) -> None:
    assert lr.dateline_opening(line) is None
    assert lr.dateline_alone(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("بقلم: أحمد علي", "أحمد علي"),
        ("كتب - محمد حسن", "محمد حسن"),
        ("كتبت سارة علي", "سارة علي"),
        ("إعداد: فريق التحرير", "فريق التحرير"),
        ("تقرير: منى خالد", "منى خالد"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    assert lr.byline(line) == author


def test_a_sentence_starting_with_a_byline_word_is_not_a_byline() -> None:
    assert lr.byline("كتب الرئيس رسالة طويلة إلى نظيره الروسي عن العلاقات بين البلدين.") is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("نشرت في 12 يوليو 2025", "2025-07-12"),
        ("آخر تحديث: 12/07/2025 - 10:30 ص", "2025-07-12"),
        ("الأحد 12 تموز 2025", "2025-07-12"),
        ("السبت، 1 شباط/فبراير 2025 - 08:00", "2025-02-01"),
        ("الخميس 3 أيار 2024", "2024-05-03"),
        ("الإثنين 10 جويلية 2023", "2023-07-10"),
        ("السبت 10/يناير/2026 - 01:07 م", "2026-01-10"),
        ("٢٠٢٥/٠٧/١٢", "2025-07-12"),
        ("الاثنين 1427/4/9 هـ - الموافق 8/5/2006 م (آخر تحديث) الساعة 14:53", "2006-05-08"),
        ("12:45 م", ""),
        ("منذ 3 ساعات", ""),
        ("نشر", ""),
    ],
)
def test_publication_lines(line: str, date: str) -> None:
    assert lr.published(line) == date


def test_a_sentence_with_a_date_is_not_a_publication_line() -> None:
    assert lr.published("وصل الوزير في 12 يوليو 2025 إلى بيونغ يانغ في زيارة رسمية") is None


@pytest.mark.parametrize(
    "line",
    [
        "اقرأ أيضا",
        "اقرأ أيضاً:",
        "أقرأ أيضًا:رئيس مجلس النواب يلتقي الوزير",
        'اقرأ.. "مصر مش للبيع": عنوان خبر آخر طويل بعض الشيء عن موضوع مختلف تماما',
        "اظهر المزيد",
        "زر الذهاب إلى الأعلى",
        "شارك",
        "طباعة",
        "الوسوم: روسيا، كوريا",
        "#روسيا #كوريا",
        "صورة أرشيفية",
        "الرئيس الروسي (رويترز)",
        "3 دقائق قراءة",
        "جميع الحقوق محفوظة",
        "·",
    ],
)
def test_page_leftovers(line: str) -> None:
    assert lr.leftover(line) is not None


@pytest.mark.parametrize(
    "line",
    ["قال الوزير إن المحادثات مثمرة.", "تأييد بيونغ يانغ لمواقف موسكو", "روسيا وكوريا"],
)
def test_article_text_is_not_a_leftover(line: str) -> None:
    assert lr.leftover(line) is None


def test_attribution_names_the_agency() -> None:
    assert lr.attribution("وقال المسؤول وفقا لوكالة رويترز إن") == "رويترز"
    assert lr.attribution('نقلت عن وكالة "يونهاب" أن') == "يونهاب"
    assert lr.attribution("قال الوزير إن المحادثات مثمرة") is None


@given(
    st.lists(
        st.sampled_from(list("موسكو رويترز (أ ف ب) وكالات قال الوزير - – — ـ : ، . « »")),
        max_size=40,
    ).map("".join)
)
def test_the_quick_test_for_an_opening_dateline_never_misses_one(line: str) -> None:
    # Without a dash or colon the pattern cannot match: the quick test skips only those.
    match = lr._patterns()["dateline_opening"].match(line)
    if not any(mark in line for mark in "-–—ـ:"):
        assert match is None and lr.dateline_opening(line) is None
    elif match is None:
        assert lr.dateline_opening(line) is None
