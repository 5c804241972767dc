"""The web font cut down to the characters the book shows.

Noto Sans Arabic (variable: weight 100-900, width 62.5-100) is 845 KB as TTF and 360 KB as
WOFF2, for some 1,600 glyphs the book never shows (Urdu, Sindhi, Kurdish and Koranic letters,
presentation forms of other languages, widths it never asks for). At ``build-finished``
:func:`write_font_subset` keeps:

- every character of every page and data file the HTML build has in its output directory
  (``.html``, ``.js``, ``.json``, ``.txt``, ``.svg``: the pages with their hover-card
  templates and interface words, the search page's entity and paragraph data, the exports,
  the article sources, the drawings opened at full size), whichever pages this build rewrote;
- a fixed base, so text that reaches a page later (a search query, a number the browser
  formats) rarely falls back to a system font: printable ASCII, Latin-1, general punctuation,
  the Arabic letters, marks, digits and punctuation of :data:`BASE_RANGES`;

with all OpenType layout features and the glyphs they reach (``fontTools.subset``: joining
forms, ligatures, marks), the weight axis whole and the width axis pinned at 100 % (no rule
asks for another width). The result, about 70 KB, is cached machine-wide by its character
set (:mod:`sphinx_briefing.cache`) and written to ``_static/briefing/fonts/`` only when it
changes. The characters of each output file are remembered by size and time in the
doctree directory, so a rebuild reads only the files it wrote.
"""

from __future__ import annotations

import json
import logging as logging_module
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_briefing.cache import cached_file, digest, source_digest, write_atomically

logger = logging.getLogger(__name__)

#: Where the font goes, under ``_static`` (briefing.css and cite.css name it).
FONT_PATH = Path("briefing") / "fonts" / "NotoSansArabic.woff2"
LICENSE_NAME = "NotoSansArabic-LICENSE"
#: The output files whose characters the font keeps.
TEXT_SUFFIXES = frozenset({".html", ".js", ".json", ".txt", ".svg"})
#: The characters of each output file (``{path: [size, mtime_ns, characters]}``).
MEMO = "briefing-font-characters.json"
#: Kept whatever the pages hold (inclusive ranges).
BASE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: no-break space, «», ×, accented letters
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, …, bidi marks and isolates
    (0x060C, 0x066D),  # Arabic punctuation, letters, harakat, Arabic-Indic digits, ٪ ٫ ٬
    (0x0670, 0x0671),  # superscript alef, alef wasla
    (0x06F0, 0x06F9),  # extended Arabic-Indic (Persian) digits
    (0x067E, 0x067E),  # پ  Persian letters of foreign names
    (0x0686, 0x0686),  # چ
    (0x0698, 0x0698),  # ژ
    (0x06A4, 0x06A4),  # ڤ  (v in Gulf and Levantine spellings)
    (0x06A9, 0x06A9),  # ک
    (0x06AF, 0x06AF),  # گ
    (0x06CC, 0x06CC),  # ی
    (0xFD3E, 0xFD3F),  # ornate parentheses
)
#: The width every rule uses (the ``font-stretch`` of ``normal``).
WIDTH = 100.0


def base_codepoints() -> set[int]:
    """The code points kept in every build."""
    return {code for start, end in BASE_RANGES for code in range(start, end + 1)}


def font_source() -> Path:
    """The installed Noto Sans Arabic variable font (TTF)."""
    import fontpkg_noto_sans_arabic

    files = Path(fontpkg_noto_sans_arabic.__file__).parent / "files"
    return next(files.glob("NotoSansArabic*.ttf"))


# --------------------------------------------------------------------------------------
# Which characters
# --------------------------------------------------------------------------------------


#: Bytes below 0x80. In valid UTF-8 each is a whole character, never part of another.
_ASCII = bytes(range(0x80))
#: ASCII from the space up (DEL too): the characters the filter of _characters_of keeps.
_ASCII_KEPT = tuple((chr(byte), bytes((byte,))) for byte in range(0x20, 0x80))
#: How much of a text gives the characters removed before the rest is walked.
_SAMPLE = 4096


def _characters_of(path: Path) -> str:
    """The distinct printable characters of a text file, sorted.

    A 1,000-article book writes about 180 MB of them; walking every character in Python took
    a tenth of such a build, so the walk is left to C: ASCII by a byte search per character,
    the rest by :func:`_distinct`.
    """
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        found = _distinct(data.decode("utf-8", errors="replace"))
    else:
        found = _distinct(data.translate(None, _ASCII).decode("utf-8"))
        found.update(character for character, byte in _ASCII_KEPT if byte in data)
    # Control characters and the replacement character name no glyph worth keeping.
    return "".join(sorted(c for c in found if c >= " " and c != "\ufffd"))


def _distinct(text: str) -> set[str]:
    """The distinct characters of ``text``: those of its start, then the few others, found
    in what is left once a regular expression has removed all of those (linear in C)."""
    seen = set(text[:_SAMPLE])
    if len(text) > _SAMPLE:
        known = "".join(re.escape(character) for character in sorted(seen))
        text = re.sub(f"[{known}]+", "", text[_SAMPLE:])
        seen.update(text)
    return seen


def output_characters(outdir: Path, memo: Path | None = None) -> set[int]:
    """The code points of every text file of the HTML output in ``outdir``.

    ``memo`` (a JSON file) keeps each file's characters by size and modification time, so a
    file the build did not rewrite is not read again.
    """
    known: dict[str, list[object]] = {}
    if memo is not None and memo.is_file():
        try:
            loaded = json.loads(memo.read_text(encoding="utf-8"))
            known = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            known = {}
    fresh: dict[str, list[object]] = {}
    found: set[str] = set()
    for path in sorted(outdir.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(outdir).as_posix()
        stat = path.stat()
        entry = known.get(relative)
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and entry[:2] == [stat.st_size, stat.st_mtime_ns]
            and isinstance(entry[2], str)
        ):
            characters = entry[2]
        else:
            characters = _characters_of(path)
        fresh[relative] = [stat.st_size, stat.st_mtime_ns, characters]
        found.update(characters)
    if memo is not None and fresh != known:
        text = json.dumps(fresh)

        def write_memo(tmp: Path) -> None:
            tmp.write_text(text, encoding="utf-8")

        write_atomically(memo, write_memo)
    return {ord(c) for c in found}


# --------------------------------------------------------------------------------------
# The subset
# --------------------------------------------------------------------------------------


def make_subset(source: Path, codepoints: Iterable[int], target: Path) -> None:
    """Write the WOFF2 of ``source`` cut to ``codepoints`` (with everything their shaping
    needs) to ``target``."""
    # fontTools logs every step at INFO; the build's output is no place for that.
    quiet = logging_module.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging_module.WARNING)
    try:
        _make_subset(source, codepoints, target)
    finally:
        quiet.setLevel(level)


def _make_subset(source: Path, codepoints: Iterable[int], target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = ["*"]  # joining forms, ligatures, marks, numerals: all kept
    options.name_IDs = ["*"]  # the licence and the family names
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(set(codepoints)))
    subsetter.subset(font)
    axes = {axis.axisTag: axis for axis in font["fvar"].axes} if "fvar" in font else {}
    width = axes.get("wdth")
    if width is not None and width.minValue <= WIDTH <= width.maxValue:
        from fontTools.varLib import instancer

        # Pinned after subsetting: the instancer is much faster on the few glyphs left.
        font = instancer.instantiateVariableFont(font, {"wdth": WIDTH})
    font.flavor = "woff2"
    font.save(str(target))


def subset_woff2(source: Path, codepoints: set[int], target: Path) -> bool:
    """Write the subset to ``target`` (from the machine-wide cache when it has it); False
    when ``target`` already held it."""
    import fontTools

    stat = source.stat()
    key = digest(
        source_digest(make_subset),
        str(source),
        stat.st_size,
        stat.st_mtime_ns,
        fontTools.version,
        sorted(codepoints),
    )
    cached = cached_file(
        "woff2-subset", key + ".woff2", lambda path: make_subset(source, codepoints, path)
    )
    if cached is None:
        made = target.with_name(f".{target.name}.new")
        make_subset(source, codepoints, made)
        data = made.read_bytes()
        made.unlink()
    else:
        data = cached.read_bytes()
    if target.is_file() and target.read_bytes() == data:
        return False

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(target, write)
    return True


def write_font_subset(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``_static/briefing/fonts/NotoSansArabic.woff2`` for the characters of this HTML
    build's output (``build-finished``, after the other writers)."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    if not app.config.briefing_web_font:
        return
    outdir = Path(app.outdir)
    codepoints = output_characters(outdir, Path(app.doctreedir) / MEMO) | base_codepoints()
    source = font_source()
    target = outdir / "_static" / FONT_PATH
    if subset_woff2(source, codepoints, target):
        logger.info(
            "briefing: web font cut to %d characters (%d bytes)",
            len(codepoints),
            target.stat().st_size,
        )
    license_file = source.parent.parent / "LICENSE"
    if license_file.is_file():
        shutil.copyfile(license_file, target.parent / LICENSE_NAME)
