"""Unit and property tests of the normaliser and the mention linker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing.text.linker import PROCLITICS, Alias, Linker, tokens
from sphinx_briefing.text.normalise import fold, fold_text

ALIASES = [
    Alias("سيرجي لافروف", "sergey-lavrov"),
    Alias("سيرغي لافروف", "sergey-lavrov"),
    Alias("لافروف", "sergey-lavrov"),
    Alias("كيم جونج أون", "kim-jong-un"),
    Alias("كيم جونغ أون", "kim-jong-un"),
    Alias("بيونغ يانغ", "pyongyang"),
    Alias("بيونج يانج", "pyongyang"),
    Alias("بيونغيانغ", "pyongyang"),
    Alias("روسيا", "russia"),
    Alias("روسي", "russia", "adjective"),
    Alias("روسيا", "russia", "adjective"),
    Alias("روس", "russia", "adjective"),
    Alias("كوريا الشمالية", "north-korea"),
    Alias("كوري شمالي", "north-korea", "adjective"),
    Alias("كورية شمالية", "north-korea", "adjective"),
    Alias("وكالة الأنباء المركزية الكورية الشمالية", "kcna"),
    Alias("اليابان", "japan"),
    Alias("الولايات المتحدة", "united-states"),
    Alias("وونسان", "wonsan"),
    Alias("وونسان–كالما", "wonsan-kalma"),
    Alias("سول", "seoul"),
    Alias("واشنطن", "washington"),
    Alias("Sergey Lavrov", "sergey-lavrov"),
    Alias("KCNA", "kcna"),
]
LINKER = Linker(ALIASES)


def found(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity, m.kind) for m in LINKER.find(text)]


def test_fold_removes_diacritics_tatweel_and_unifies_letters() -> None:
    assert fold_text("يحذّر") == "يحذر"
    assert fold_text("مـؤكـدًا") == "موكدا"
    assert fold_text("أإآٱ") == "اااا"
    assert fold_text("مستوى") == "مستوي"
    assert fold_text("الكورية") == "الكوريه"
    assert fold_text("رئيس") == "رييس"
    assert fold_text("وونسان–كالما") == "وونسان-كالما"
    assert fold_text("“دون قيد”") == '"دون قيد"'
    assert fold_text("٢٠٢٥") == "2025"
    assert fold_text("Lavrov") == "lavrov"
    assert fold_text("a\u200cb\u200dc") == "abc"


def test_fold_maps_back_to_original_spans() -> None:
    text = "مؤكّدًا كيمُ"
    folded = fold(text)
    start = folded.text.index("كيم")
    assert folded.span(start, start + 3) == (text.index("كيم"), len(text))


def test_proclitics_cover_the_combinations() -> None:
    for prefix in ("و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "فب", "بال", "وال", "لل", "وبال"):
        assert prefix in PROCLITICS


def test_prefixes_are_excluded_from_the_span() -> None:
    assert found("بين موسكو وبيونغ يانغ") == [("بيونغ يانغ", "pyongyang", "name")]
    assert found("دعمًا لبيونغ يانغ.") == [("بيونغ يانغ", "pyongyang", "name")]
    assert found("حربها بروسيا") == [("روسيا", "russia", "name")]
    assert found("وباليابان") == [("اليابان", "japan", "name")]


def test_contracted_article_after_lam() -> None:
    assert found("لليابان") == [("ليابان", "japan", "name")]


def test_spelling_variants_and_diacritics() -> None:
    assert found("كيم جونج أون") == [("كيم جونج أون", "kim-jong-un", "name")]
    assert found("كيم جونغ أون") == [("كيم جونغ أون", "kim-jong-un", "name")]
    assert found("بيونج يانج") == [("بيونج يانج", "pyongyang", "name")]
    assert found("سيرغي لافروفُ") == [("سيرغي لافروفُ", "sergey-lavrov", "name")]
    assert found("بيونغ-يانغ") == [("بيونغ-يانغ", "pyongyang", "name")]


def test_whole_words_only() -> None:
    assert found("رسول") == []
    assert found("كسول") == []  # "lazy", not "like Seoul"
    assert found("لافروفية") == []
    assert found("وسول") == [("سول", "seoul", "name")]


def test_word_starting_with_waw_is_not_split() -> None:
    assert found("واشنطن") == [("واشنطن", "washington", "name")]
    assert found("وونسان") == [("وونسان", "wonsan", "name")]


def test_longest_match_wins_and_links_never_nest() -> None:
    assert found("وأكدت وكالة الأنباء المركزية الكورية الشمالية") == [
        ("وكالة الأنباء المركزية الكورية الشمالية", "kcna", "name")
    ]
    assert found("بمنطقة “وونسان–كالما”") == [("وونسان–كالما", "wonsan-kalma", "name")]
    assert found("سيرجي لافروف") == [("سيرجي لافروف", "sergey-lavrov", "name")]


def test_nisba_adjectives() -> None:
    assert found("وزير الخارجية الروسي") == [("روسي", "russia", "adjective")]
    assert found("التقارب الروسي الكوري الشمالي") == [
        ("روسي", "russia", "adjective"),
        ("كوري الشمالي", "north-korea", "adjective"),
    ]
    assert found("الحكومة الكورية الشمالية") == [("كورية الشمالية", "north-korea", "adjective")]
    assert found("شكرًا روسيًا") == [("روسيًا", "russia", "adjective")]
    assert found("السياح الروس") == [("روس", "russia", "adjective")]
    assert found("روسيا") == [("روسيا", "russia", "name")]


def test_latin_aliases_are_case_insensitive() -> None:
    assert found("قالت kcna إن SERGEY LAVROV وصل") == [
        ("kcna", "kcna", "name"),
        ("SERGEY LAVROV", "sergey-lavrov", "name"),
    ]


def test_tokens_split_on_punctuation_and_dashes() -> None:
    assert [t.text for t in tokens("a-b, c“d”")] == ["a", "b", "c", "d"]


def test_cost_does_not_depend_on_the_number_of_aliases() -> None:
    # Structural, not timed: the trie walk per position is bounded by the longest alias.
    many = Linker([*ALIASES, *(Alias(f"اسم{n} عائلة{n}", f"e{n}") for n in range(5000))])
    assert many.longest == LINKER.longest
    assert [(m.text, m.entity) for m in many.find("لافروف في وونسان")] == [
        ("لافروف", "sergey-lavrov"),
        ("وونسان", "wonsan"),
    ]


_TEXT = st.text(
    st.sampled_from(list("وبالكسيرجلافروفونانغيبيةى ًّـ–-“”.،:أإآ abcKCNA\u200c\n")), max_size=80
)


@given(_TEXT)
@settings(max_examples=500)
def test_linker_never_raises_and_spans_are_exact(text: str) -> None:
    previous_end = 0
    for mention in LINKER.find(text):
        assert mention.text == text[mention.start : mention.end]
        assert mention.start >= previous_end  # ordered, never overlapping
        assert mention.end > mention.start
        previous_end = mention.end


@given(st.text(max_size=60))
def test_fold_origins_are_monotonic(text: str) -> None:
    folded = fold(text)
    assert len(folded.origins) == len(folded.text) + 1
    assert list(folded.origins) == sorted(folded.origins)
    assert folded.origins[-1] == len(text)
