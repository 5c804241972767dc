"""Unit tests of the pure article parser (structure recognition)."""

from __future__ import annotations

from sphinx_briefing.text import source
from sphinx_briefing.text.article import Kind, Layout, final_character, looks_like_heading, parse
from tests.helpers import SEED


def seed_article():
    return parse(source.decode(SEED.read_bytes()).text)


def test_seed_headline_lead_and_seven_sections() -> None:
    article = seed_article()
    assert article.headline is not None
    assert article.headline.text == "سيرجي لافروف"
    assert article.headline.line == 2
    headings = [b for b in article.blocks if b.kind is Kind.HEADING]
    assert [h.line for h in headings] == [4, 6, 11, 13, 15, 17, 20]
    assert headings[0].text == "تأييد بيونغ يانغ لمواقف موسكو"
    lead = article.body[0]
    assert lead.kind is Kind.PARAGRAPH and lead.line == 3


def test_seed_list_found_after_colon_line() -> None:
    article = seed_article()
    kinds = {b.line: b.kind for b in article.blocks}
    assert kinds[7] is Kind.PARAGRAPH  # the line ending in ':' introduces the list
    assert kinds[8] is Kind.LIST_ITEM
    assert kinds[9] is Kind.LIST_ITEM
    assert kinds[10] is Kind.PARAGRAPH  # long commentary line ends the list


def test_seed_dateline_is_source_attribution() -> None:
    article = seed_article()
    assert article.dateline == "وكالات"
    # ...and it stays in the text.
    assert article.body[0].text.startswith("وكالات – ")


def test_every_nonblank_line_is_a_block_in_order() -> None:
    text = SEED.read_text(encoding="utf-8")
    article = parse(text)
    expected = [line.strip() for line in text.split("\n") if line.strip()]
    assert [b.text for b in article.blocks] == expected


def test_final_character_looks_through_closing_quotes() -> None:
    assert final_character("قال «نعم.»") == "."
    assert final_character("روسيا.”") == "."
    assert final_character("عنوان") == "ن"


def test_heading_rules() -> None:
    layout = Layout()
    assert looks_like_heading("أسباب التقارب الروسي الكوري الشمالي", layout)
    assert not looks_like_heading("هذه جملة تامة.", layout)
    assert not looks_like_heading("سؤال؟", layout)
    assert not looks_like_heading(" ".join(["كلمة"] * 13), layout)


def test_short_unpunctuated_line_after_punctuated_items_is_a_heading() -> None:
    text = (
        "عنوان\nمقدمة طويلة بعض الشيء تسبق القائمة:\nالبند الأول.\nالبند الثاني.\nقسم جديد\nفقرة."
    )
    kinds = [b.kind for b in parse(text).blocks]
    assert kinds == [
        Kind.HEADLINE,
        Kind.PARAGRAPH,
        Kind.LIST_ITEM,
        Kind.LIST_ITEM,
        Kind.HEADING,
        Kind.PARAGRAPH,
    ]


def test_unpunctuated_items_stay_items_and_blank_line_ends_list() -> None:
    text = "عنوان\nالدول المشاركة:\nروسيا\nكوريا الشمالية\n\nقسم بعد القائمة\nنص."
    kinds = [b.kind for b in parse(text).blocks]
    assert kinds == [
        Kind.HEADLINE,
        Kind.PARAGRAPH,
        Kind.LIST_ITEM,
        Kind.LIST_ITEM,
        Kind.HEADING,
        Kind.PARAGRAPH,
    ]


def test_overrides_force_each_kind() -> None:
    text = "عنوان\nسطر قصير\nسطر آخر قصير\nجملة تنتهي بنقطة."
    layout = Layout(paragraphs=frozenset({2}), list_items=frozenset({3}), headings=frozenset({4}))
    kinds = [b.kind for b in parse(text, layout).blocks]
    assert kinds == [Kind.HEADLINE, Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.HEADING]


def test_dateline_can_be_switched_off() -> None:
    text = "عنوان\nوكالات – نص الخبر."
    assert parse(text).dateline == "وكالات"
    assert parse(text, Layout(dateline=False)).dateline is None


def test_no_dateline_when_lead_has_no_dash() -> None:
    assert parse("عنوان\nنص الخبر بلا مصدر.").dateline is None


def test_empty_and_blank_text() -> None:
    assert parse("").blocks == []
    assert parse(" \n\t\n").blocks == []
