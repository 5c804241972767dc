"""Unit tests of decoding and repairing article bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_briefing.text.source import BIDI_CONTROLS, decode, normalise_for_fidelity

ARABIC = "كيم جونج أون في وونسان\nنص الخبر."


def test_utf8_passes_unchanged() -> None:
    result = decode(ARABIC.encode("utf-8"))
    assert result.ok and result.text == ARABIC and result.findings == []


def test_bom_is_dropped_silently() -> None:
    result = decode(b"\xef\xbb\xbf" + ARABIC.encode("utf-8"))
    assert result.text == ARABIC and result.findings == []


def test_crlf_and_cr_become_lf() -> None:
    result = decode(ARABIC.replace("\n", "\r\n").encode("utf-8"))
    assert result.text == ARABIC
    assert decode(b"a\rb").text == "a\nb"


def test_nul_bytes_removed_with_line() -> None:
    result = decode("سطر\nنص\x00 آخر".encode())
    assert result.text == "سطر\nنص آخر"
    assert [(f.subtype, f.line) for f in result.findings] == [("nul", 2)]


def test_one_stray_byte_leaves_the_rest_of_a_utf8_file_intact() -> None:
    # A Windows-1252 "é" typed into a name on line 2, a truncated character on line 3.
    data = (
        ARABIC.split("\n")[0].encode()
        + b"\nAndr\xe9 "
        + "لافروف".encode()
        + b"\n"
        + "نص".encode()
        + "خبر".encode()[:-1]
        + b"\n"
        + ARABIC.split("\n")[1].encode()
    )
    result = decode(data)
    assert result.ok
    lines = result.text.split("\n")
    assert lines[0] == ARABIC.split("\n")[0] and lines[3] == ARABIC.split("\n")[1]
    assert lines[1] == "Andr\ufffd لافروف"
    assert lines[2].startswith("نصخ")
    assert [(f.subtype, f.line) for f in result.findings] == [("encoding", 2), ("encoding", 3)]
    assert "0xe9" in result.findings[0].message and "\ufffd" in result.findings[0].message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(codec: str) -> None:
    data = ARABIC.encode(codec)
    if not codec.endswith(("le", "be")):
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Python writes the mark itself
    else:
        data = ("\ufeff" + ARABIC).encode(codec)
    result = decode(data)
    assert result.ok and result.text == ARABIC
    assert [f.subtype for f in result.findings] == ["encoding"]
    assert "byte-order mark" in result.findings[0].message


def test_a_broken_utf16_file_is_an_error_not_a_guess() -> None:
    result = decode(b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8")
    assert not result.ok and "UTF-16" in result.findings[0].message


#: Bytes that are not a line break (a stray byte never adds a line).
JUNK = st.binary(min_size=1, max_size=3).filter(lambda b: b"\n" not in b and b"\r" not in b)


@given(st.text(), JUNK, st.integers(min_value=0))
def test_stray_bytes_never_lose_the_other_lines(text: str, junk: bytes, where: int) -> None:
    # A first line of real UTF-8: the file is UTF-8 and never starts with a byte-order mark.
    lines = ["عربي", *text.replace("\r", "").split("\n")]
    position = where % len(lines)
    data = b"\n".join(
        line.encode() + (junk if i == position else b"") for i, line in enumerate(lines)
    )
    result = decode(data)
    assert result.ok
    kept = result.text.split("\n")
    assert len(kept) == len(lines)
    for i, line in enumerate(lines):
        if i != position:
            assert kept[i] == "".join(c for c in line.replace("\x00", "") if c not in BIDI_CONTROLS)


def test_windows_1256_is_detected_and_decoded() -> None:
    result = decode(ARABIC.encode("cp1256"))
    assert result.ok
    assert result.text == ARABIC
    assert [(f.subtype, f.line) for f in result.findings] == [("encoding", 1)]
    assert "Windows-1256" in result.findings[0].message


def test_undecodable_bytes_are_an_error_naming_the_line() -> None:
    result = decode(b"ok line\n\xff\xfe\x00garbage \x80\x81")
    assert not result.ok and result.text == ""
    (finding,) = result.findings
    assert finding.subtype == "encoding" and finding.line == 2
    assert "UTF-8" in finding.message


def test_bidi_controls_removed_and_reported_per_line() -> None:
    text = "سطر نظيف\nنص \u202eمقلوب\u202c هنا\n\u2067معزول\u2069"
    result = decode(text.encode("utf-8"))
    assert "\u202e" not in result.text and "\u2067" not in result.text
    assert result.text.split("\n")[1] == "نص مقلوب هنا"
    assert [(f.subtype, f.line) for f in result.findings] == [
        ("bidi-control", 2),
        ("bidi-control", 3),
    ]
    assert "U+202E" in result.findings[0].message


def test_harmless_marks_are_kept() -> None:
    text = "نص\u200fمع\u200eعلامات\u061c"
    assert decode(text.encode("utf-8")).text == text


def test_fidelity_normal_form_is_nfc_and_collapsed() -> None:
    decomposed = "e\u0301  \n\t x"
    assert normalise_for_fidelity(decomposed) == "\u00e9 x"
