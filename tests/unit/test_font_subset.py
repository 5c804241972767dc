"""The web font subset (html/font_subset.py): which characters, the memo of output files,
and a subset that keeps Arabic shaping."""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest import mock

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing.html import font_subset

ARABIC_TEXT = "قال وزير الخارجية لافروف: «التعاون مستمر» ١٢٣ 2025"


def test_the_base_keeps_latin_arabic_digits_and_punctuation() -> None:
    base = font_subset.base_codepoints()
    for char in "aZ09«»،؛؟ـ٠٩۰۹–—…\u200c\u200d\u200f\u2066\u2069ءيپگ":
        assert ord(char) in base, char
    assert ord("ۓ") not in base  # Urdu letters come only from the pages


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


#: Text with what a page holds: markup, Arabic, Latin, digits, controls, rare characters.
PAGE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list('<p class="x">قال لافروف «نعم» ١٢٣ 2025</p>\n\t\r\x00]^-\\[')),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)


def naive_characters(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    return "".join(sorted({c for c in text if c >= " " and c != "\ufffd"}))


@settings(max_examples=300, deadline=None)
@given(
    head=PAGE_TEXT,
    tail=PAGE_TEXT,
    repeat=st.integers(min_value=0, max_value=60),
    damage=st.lists(st.integers(min_value=0, max_value=255), max_size=3),
    sample=st.sampled_from([1, 8, 64, font_subset._SAMPLE]),
)
def test_a_files_characters_are_every_distinct_printable_character_in_it(
    tmp_path_factory: pytest.TempPathFactory,
    head: str,
    tail: str,
    repeat: int,
    damage: list[int],
    sample: int,
) -> None:
    # Texts longer and shorter than the sample the rest is sifted with (a small sample makes
    # the sifting do most of the work); invalid UTF-8 bytes too.
    data = (head * repeat + tail).encode("utf-8")
    data = data[: len(data) // 2] + bytes(damage) + data[len(data) // 2 :]
    path = tmp_path_factory.mktemp("chars") / "page.html"
    path.write_bytes(data)
    with mock.patch.object(font_subset, "_SAMPLE", sample):
        assert font_subset._characters_of(path) == naive_characters(data)


def test_output_characters_read_every_text_file_once(tmp_path: Path) -> None:
    out, memo = tmp_path / "html", tmp_path / "memo.json"
    _write(out / "index.html", "<p>سلام</p>")
    _write(out / "_static" / "briefing" / "search" / "entities.js", 'var e = "Ωmega";')
    _write(out / "_briefing" / "glossary.json", '{"n": "ڤ"}')
    _write(out / "_sources" / "a.txt", "ژ\x07")
    _write(out / "_images" / "map.svg", "<text>ж</text>")  # a drawing at full size
    _write(out / "objects.inv", "ё")  # not a text file of the pages
    found = font_subset.output_characters(out, memo)
    assert {ord(c) for c in "سلامΩڤژж<p>"} <= found
    assert ord("ё") not in found and 7 not in found
    # An unchanged file is not read again: its characters come from the memo.
    recorded = json.loads(memo.read_text(encoding="utf-8"))
    size, mtime, _chars = recorded["index.html"]
    recorded["index.html"] = [size, mtime, "☃"]
    memo.write_text(json.dumps(recorded), encoding="utf-8")
    assert ord("☃") in font_subset.output_characters(out, memo)
    # A rewritten file is read again.
    _write(out / "index.html", "<p>ن</p>")
    os.utime(out / "index.html", ns=(mtime + 10**9, mtime + 10**9))
    again = font_subset.output_characters(out, memo)
    assert ord("☃") not in again and ord("ن") in again
    # A removed file drops out of the memo.
    (out / "_sources" / "a.txt").unlink()
    assert ord("ژ") not in font_subset.output_characters(out, memo)
    assert "_sources/a.txt" not in json.loads(memo.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> TTFont:
    target = tmp_path_factory.mktemp("font") / "subset.woff2"
    codepoints = {ord(c) for c in ARABIC_TEXT} | set(range(0x20, 0x7F))
    font_subset.make_subset(font_subset.font_source(), codepoints, target)
    assert target.read_bytes()[:4] == b"wOF2"
    return TTFont(str(target))


def test_subset_maps_exactly_the_characters_asked_for(subset: TTFont) -> None:
    source = TTFont(str(font_subset.font_source()), lazy=True)
    wanted = {ord(c) for c in ARABIC_TEXT} | set(range(0x20, 0x7F))
    assert set(subset.getBestCmap()) == wanted & set(source.getBestCmap())


def test_subset_keeps_weights_and_the_normal_width(subset: TTFont) -> None:
    axes = {axis.axisTag: (axis.minValue, axis.maxValue) for axis in subset["fvar"].axes}
    assert axes == {"wght": (100.0, 900.0)}


def _substitutions(font: TTFont, feature: str) -> dict[str, list[str]]:
    """Glyph → the glyphs a feature's single or multiple substitutions put in its place."""
    gsub = font["GSUB"].table
    mapping: dict[str, list[str]] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != feature:
            continue
        for index in record.Feature.LookupListIndex:
            for sub in gsub.LookupList.Lookup[index].SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                if type(sub).__name__ not in ("SingleSubst", "MultipleSubst"):
                    continue
                for glyph, forms in sub.mapping.items():
                    mapping[glyph] = [forms] if isinstance(forms, str) else list(forms)
    return mapping


def test_subset_keeps_the_joining_forms_and_ligatures(subset: TTFont) -> None:
    features = {r.FeatureTag for r in subset["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig", "ccmp"} <= features
    source = TTFont(str(font_subset.font_source()))
    glyphs = set(subset.getGlyphOrder())
    cmap, source_cmap = subset.getBestCmap(), source.getBestCmap()
    checked = 0
    for feature in ("init", "medi", "fina", "ccmp"):
        whole, cut = _substitutions(source, feature), _substitutions(subset, feature)
        for letter in set(ARABIC_TEXT) - set(" :«»0123456789١٢٣"):
            # Every form the whole font has for the letter, the subset has too.
            full = whole.get(source_cmap[ord(letter)])
            if not full:
                continue
            forms = cut.get(cmap[ord(letter)])
            assert forms is not None and len(forms) == len(full), (letter, feature)
            assert set(forms) <= glyphs
            checked += 1
    assert checked > 10
    # More glyphs than characters: the forms and the lam-alef ligatures came along.
    assert len(glyphs) > len(cmap) + 20
