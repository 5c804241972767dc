"""The linker's rules against wrong links (issue #17): family names, compound names and
names nested in a longer mention, on small synthetic glossaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing.text.linker import Alias, Linker

ALIASES = [
    Alias("كيم جونغ أون", "kim-jong-un"),
    Alias("كيم جونج أون", "kim-jong-un"),
    Alias("كيم", "kim-jong-un"),
    Alias("سيرغي لافروف", "sergey-lavrov"),
    Alias("لافروف", "sergey-lavrov"),
    Alias("روسيا", "russia"),
    Alias("روسيا الاتحادية", "russia"),
    Alias("وونسان", "wonsan"),
    Alias("موسكو", "moscow"),
    Alias("بيونغ يانغ", "pyongyang"),
    Alias("أوكرانيا", "ukraine"),
    Alias("الحرب في أوكرانيا", "russia-ukraine-war"),
    Alias("زيارة لافروف إلى كوريا الشمالية", "lavrov-visit"),
    Alias("كوريا الشمالية", "north-korea"),
    Alias("كورية شمالية", "north-korea", "adjective"),
]
PEOPLE = {"kim-jong-un", "sergey-lavrov"}
LINKER = Linker(ALIASES, PEOPLE)


def found(text: str, named: set[str] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in LINKER.find(text, named)]


# Rule 1: a family name.


def test_family_name_only_after_the_full_name() -> None:
    assert found("وقال كيم إن بلاده مستعدة") == []
    assert found("التقى كيم جونغ أون الوزير، وقال كيم إن بلاده مستعدة") == [
        ("كيم جونغ أون", "kim-jong-un"),
        ("كيم", "kim-jong-un"),
    ]


def test_the_full_name_can_come_from_an_earlier_text() -> None:
    named: set[str] = set()
    assert found("استقبل كيم جونغ أون لافروف.", named) == [
        ("كيم جونغ أون", "kim-jong-un"),
        ("لافروف", "sergey-lavrov"),
    ]
    assert "kim-jong-un" in named
    assert found("وقال كيم إن", named) == [("كيم", "kim-jong-un")]
    assert found("وقال كيم إن", set()) == []


def test_family_name_followed_by_another_name_is_someone_else() -> None:
    named = {"kim-jong-un"}
    assert found("وقالت كيم يو جونغ إن", named) == []
    assert found("ظهرت كيم جو آي مع والدها", named) == []
    assert found("ضريح كيم إيل سونغ", named) == []
    # A stopword, punctuation or the end of the text after it: the family name stands alone.
    assert found("وأكد كيم أن", named) == [("كيم", "kim-jong-un")]
    assert found("بحسب كيم، فإن", named) == [("كيم", "kim-jong-un")]
    assert found("قال كيم", named) == [("كيم", "kim-jong-un")]


def test_family_name_before_the_next_word_of_its_own_name_links() -> None:
    # «كيم جونغ» starts one of his names: a cut or misspelt full name, still him.
    assert found("قال كيم جونغ أوون", {"kim-jong-un"}) == [("كيم", "kim-jong-un")]


def test_a_surname_that_ends_the_full_name_links_anywhere() -> None:
    assert found("صرح لافروف للصحفيين") == [("لافروف", "sergey-lavrov")]


def test_one_word_headword_is_not_a_family_name() -> None:
    # روسيا is a word of روسيا الاتحادية, but it is the headword: the full name.
    assert found("دعم روسيا غير المشروط") == [("روسيا", "russia")]


def test_only_people_have_family_names() -> None:
    aliases = [Alias("واشنطن العاصمة", "washington"), Alias("واشنطن", "washington")]
    places = Linker(aliases, set())
    assert [m.text for m in places.find("وصل إلى واشنطن أمس")] == ["واشنطن"]
    everyone = Linker(aliases)  # no list of people: any entry may have a family name
    assert everyone.find("وصل إلى واشنطن أمس") == []


# Rule 2: the start of a compound name.


def test_name_joined_by_a_dash_to_an_unknown_word_is_a_compound() -> None:
    assert found("منتجع وونسان-كالما") == []
    assert found("منتجع وونسان–كالما") == []
    assert found("منتجع وونسان- كالما") == []
    assert found("منتجع وونسان -كالما") == []


def test_spaced_dash_and_known_pairs_still_link() -> None:
    assert found("في وونسان – حيث") == [("وونسان", "wonsan")]
    assert found("محور موسكو-بيونغ يانغ") == [("موسكو", "moscow"), ("بيونغ يانغ", "pyongyang")]


def test_compound_alias_wins_as_the_longest_match() -> None:
    linker = Linker([*ALIASES, Alias("وونسان-كالما", "wonsan-kalma")], PEOPLE)
    assert [(m.text, m.entity) for m in linker.find("منتجع وونسان–كالما")] == [
        ("وونسان–كالما", "wonsan-kalma")
    ]


# Rule 3: names nested in a longer mention.


def test_nested_names_are_kept_inside_the_outer_mention() -> None:
    (war,) = LINKER.find("منذ بدء الحرب في أوكرانيا")
    assert (war.text, war.entity) == ("الحرب في أوكرانيا", "russia-ukraine-war")
    assert [(m.text, m.entity, m.nested) for m in war.nested] == [("أوكرانيا", "ukraine", ())]
    text = "منذ بدء الحرب في أوكرانيا"
    assert all(text[m.start : m.end] == m.text for m in war.nested)


def test_nested_mentions_are_names_of_other_entities() -> None:
    (visit,) = LINKER.find("زيارة لافروف إلى كوريا الشمالية")
    assert [(m.text, m.entity) for m in visit.nested] == [
        ("لافروف", "sergey-lavrov"),
        ("كوريا الشمالية", "north-korea"),
    ]
    (lone,) = LINKER.find("أوكرانيا")
    assert lone.nested == ()


_PIECES = ["كيم", "جونغ", "أون", "يو", "الحرب", "في", "أوكرانيا", "وونسان", "كالما", "لافروف"]
_OTHERS = ["زيارة", "إلى", "كوريا", "الشمالية", " ", " ", "-", "–", "،", "."]
_TEXT = st.lists(st.sampled_from([*_PIECES, *_OTHERS]), max_size=30).map("".join)


@given(st.lists(_TEXT, max_size=3))
@settings(max_examples=300)
def test_spans_are_exact_and_nested_mentions_lie_inside(texts: list[str]) -> None:
    named: set[str] = set()
    for text in texts:
        previous_end = 0
        for mention in LINKER.find(text, named):
            assert mention.text == text[mention.start : mention.end]
            assert mention.start >= previous_end
            previous_end = mention.end
            inner_end = mention.start
            for inner in mention.nested:
                assert inner.text == text[inner.start : inner.end]
                assert inner_end <= inner.start < inner.end <= mention.end
                assert inner.entity != mention.entity and inner.kind == "name"
                inner_end = inner.end
