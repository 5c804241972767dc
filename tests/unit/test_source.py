"""Unit tests of decoding and repairing article bytes."""

from __future__ import annotations

from sphinx_briefing.text.source import decode, normalise_for_fidelity

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
