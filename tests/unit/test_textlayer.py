"""The text-layer pass's pure parts: PDF syntax, and the text each glyph of a right-to-left
run is given (the whole pass is read back by three PDF readers in tests/book/)."""

from __future__ import annotations

from sphinx_briefing.pdf import pdfsyntax
from sphinx_briefing.pdf.textlayer import (
    RLM,
    SILENT,
    Block,
    FontInfo,
    Glyph,
    assign,
    lead_with_letters,
)

#: A font whose codes 1-6 stand for Arabic letters with their widths; 7 is a mark drawn with
#: no width (Typst gives it its cluster's text), 8 a comma.
CMAP = {1: "د", 2: "ع", 3: "مً", 4: "ا", 5: "ك", 6: "أ", 7: "مً", 8: "،"}
WIDTHS = {-1: 1000.0, 1: 468, 2: 479, 3: 524, 4: 270, 5: 332, 6: 224, 7: 0, 8: 250}
INFO = {"/f0": FontInfo(CMAP, WIDTHS, True)}


def glyphs(*codes: int, gaps: dict[int, float] | None = None) -> list[Glyph]:
    found = [Glyph("/f0", code, None) for code in codes]
    for index, gap in (gaps or {}).items():
        found[index].gap = gap
    return found


def test_cmaps_round_trip() -> None:
    entries = {1: "د", 2: "لا", 40: "\u200f،\u200f"}
    assert pdfsyntax.parse_cmap(pdfsyntax.write_cmap(entries)) == entries


def test_string_tokens_and_text_objects() -> None:
    assert pdfsyntax.string_bytes(rb"(\000\001\(x\))") == b"\x00\x01(x)"
    assert pdfsyntax.string_bytes(b"<0001 02>") == b"\x00\x01\x02"
    data = b"q 1 0 0 -1 10 20 cm\nBT/f0 10.5 Tf[(\\000\\001)-140(\\000\\002)]TJ\nET\nQ\n"
    ((start, operators, end),) = pdfsyntax.text_objects(data)
    assert data[start:end].startswith(b"BT") and data[start:end].endswith(b"\nET")
    assert data[operators:].startswith(b"/f0")


def test_a_run_reads_reversed_glyph_by_glyph() -> None:
    """Visual order د ع مً ا (دعمًا drawn left to right is ا مً ع د): each glyph's text is
    reversed, so the reader's reversal of the whole run gives the word back."""
    run = glyphs(4, 3, 2, 1)
    assert assign(run, [], INFO) is False
    text = "".join(glyph.text for glyph in run)
    assert text[::-1] == "دعمًا"
    # No glyph's text starts with a mark: ً went to the glyph drawn before.
    assert [glyph.text for glyph in run] == ["اً", "م", "ع", "د"]


def test_a_word_final_mark_gets_a_right_to_left_mark_first() -> None:
    run = glyphs(3, 2, 1)  # دعمً: the word's last letter is drawn first
    assign(run, [], INFO)
    assert run[0].text == RLM + "ًم"
    assert "".join(glyph.text for glyph in run)[::-1].replace(RLM, "") == "دعمً"


def test_marks_drawn_apart_are_silent() -> None:
    assert assign(glyphs(7), [], INFO) is True
    marks = glyphs(7)
    assign(marks, [], INFO)
    assert marks[0].text == SILENT


def test_kerning_gaps_inside_a_word_become_the_glyphs() -> None:
    """وأكد drawn as د ك [gap] أ و: the glyph before the gap takes it."""
    run = glyphs(1, 5, 6, 4, gaps={1: -140, 2: -40})
    assign(run, [], INFO)
    assert (run[1].extra, run[1].takes_gap) == (140, True)
    assert (run[2].extra, run[2].takes_gap) == (0, False)  # too small to be read as a space


def test_punctuation_is_glued_to_its_run() -> None:
    run = glyphs(8, 1)
    assign(run, [], INFO)
    assert run[0].text == RLM + "،" + RLM


def test_marks_move_across_text_objects_of_one_word() -> None:
    """Typst splits دعمًا where it draws the tanween apart: [ا] [mark] [مً ع د]."""
    first, last = glyphs(4), glyphs(3, 2, 1)
    for run in (first, last):
        assign(run, [], INFO)
    mark = glyphs(7)
    assign(mark, [], INFO)
    blocks = [
        Block(0, 10, 0, 28.35, first),
        Block(20, 30, 1, 29.19, mark, marks_only=True),
        Block(40, 50, 2, 28.35, last),
    ]
    lead_with_letters(blocks)
    assert [glyph.text for glyph in first + last] == ["اً", "م", "ع", "د"]
    # Not across a space (a text object of its own) or onto another line.
    first, last = glyphs(4), glyphs(3, 2, 1)
    for run in (first, last):
        assign(run, [], INFO)
    lead_with_letters([Block(0, 10, 0, 28.35, first), Block(40, 50, 2, 28.35, last)])
    assert last[0].text == RLM + "ًم" and first[0].text == "ا"
