"""How much of each article the book's PDFs give back as text, per PDF reader.

Builds the PDFs as ``make pdf``, ``make pdf-en`` and ``make pdf-parallel`` do
(``briefing-pdf``, ``SOURCE_DATE_EPOCH`` set) and extracts their text with three readers:
PDFium (pypdfium2, as in Chrome), MuPDF (PyMuPDF) and poppler (``pdftotext``, as in Evince
and Okular).

The score is the issue's (#18): the share of an article's distinct words found among the
words of the extracted text, after removing bidi marks and tatweel and normalising both to
NFC. An Arabic word is a run of characters of the Arabic block U+0600-U+06FF (so «آخر،» with
its comma is one), counted in the Arabic and the parallel PDF; an English word is a run of
Latin letters (with an apostrophe inside), counted from the article's English translation
(``locales/en``) in the English and the parallel PDF.

For the Arabic PDF it also compiles the Typst source the build leaves beside it again and
corrects its text layer in other ways, to compare:

* ``typst``: Typst's PDF as it is;
* ``cmap-reversed``: every ToUnicode entry of several Arabic characters reversed (the ligature
  fix measured in the issue), nothing else;
* ``actualtext-logical`` / ``actualtext-visual``: each right-to-left text object wrapped in an
  ``/ActualText`` span holding its text in logical / visual order (Typst's spans removed);
* ``glyph-text``: what the build does (:func:`sphinx_briefing.pdf.textlayer.fix_text_layer`).

It times the text-layer pass against the Typst compilation and the whole build (median of
``--runs``). Usage::

    python benchmarks/pdf_text.py [--runs N] [--json PATH] [--out DIR]

It prints tables and writes ``build/bench/pdf_text.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf
from babel.messages.pofile import read_po

from sphinx_briefing.pdf import pdfsyntax, textlayer
from sphinx_briefing.pdf.builder import font_dirs

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
#: The book's articles (``docs/articles`` links to ``seeds``).
ARTICLES = REPO / "docs" / "articles"
CATALOGUE = REPO / "locales" / "en" / "LC_MESSAGES" / "articles.po"
OUT = REPO / "build" / "bench" / "pdf-text"
DEFAULT_JSON = REPO / "build" / "bench" / "pdf_text.json"
EPOCH = "1752278400"

#: Bidi marks, word joiners and tatweel, removed from the extracted text before comparing.
IGNORED = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u0640]")
ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

#: The editions: their ``-D`` options and which words of an article each one shows.
EDITIONS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "briefing": ([], ("arabic",)),
    "briefing-en": (["-D", "language=en", "-D", "briefing_pdf_name=briefing-en"], ("english",)),
    "briefing-parallel": (
        ["-D", "briefing_pdf_parallel=1", "-D", "briefing_pdf_name=briefing-parallel"],
        ("arabic", "english"),
    ),
}


def normalise(text: str) -> str:
    """``text`` without bidi marks, word joiners and tatweel, in NFC."""
    return unicodedata.normalize("NFC", IGNORED.sub("", text))


def arabic_words(text: str) -> set[str]:
    """The distinct Arabic words of ``text``, as the issue counts them."""
    return set(ARABIC_WORD.findall(normalise(text)))


def english_words(text: str) -> set[str]:
    """The distinct English words of ``text``."""
    return set(ENGLISH_WORD.findall(normalise(text)))


def articles() -> list[Path]:
    """The book's articles."""
    return sorted(ARTICLES.glob("*.txt"))


def translation(article: Path, catalogue: Path = CATALOGUE) -> str:
    """The English translation of ``article`` (its messages in ``catalogue``)."""
    with catalogue.open("rb") as file:
        messages = read_po(file)
    return "\n".join(
        str(message.string)
        for message in messages
        if message.id
        and message.string
        and any(Path(location).name == article.name for location, _line in message.locations)
    )


def article_words(article: Path, language: str) -> set[str]:
    """The distinct words of ``article`` in ``language`` (``arabic`` or ``english``)."""
    if language == "arabic":
        return arabic_words(article.read_text(encoding="utf-8"))
    return english_words(translation(article))


# -- the readers -----------------------------------------------------------------------------


def pdfium_text(pdf: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def mupdf_text(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(str(pdf)) as document:
        return "\n".join(str(page.get_text()) for page in document)


def poppler_text(pdf: Path) -> str:
    command = ["pdftotext", "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


READERS: dict[str, Callable[[Path], str]] = {
    "pdfium": pdfium_text,
    "mupdf": mupdf_text,
    "poppler": poppler_text,
}


def score(texts: dict[str, str], words: set[str], language: str) -> dict[str, dict[str, object]]:
    """Per reader (``texts``: its extracted text): the share of ``words`` found and the
    words missing."""
    split = arabic_words if language == "arabic" else english_words
    result: dict[str, dict[str, object]] = {}
    for name, text in texts.items():
        missing = sorted(words - split(text))
        result[name] = {"share": round(1 - len(missing) / len(words), 4), "missing": missing}
    return result


def extract(pdf: Path) -> dict[str, str]:
    """The text of ``pdf`` as each reader gives it."""
    return {name: read(pdf) for name, read in READERS.items()}


# -- the variants ------------------------------------------------------------------------------


def cmap_reversed(pdf_path: Path) -> None:
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        done: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for _name, font in page.obj.Resources.get("/Font", {}).items():
                if font.objgen in done or "/ToUnicode" not in font:
                    continue
                done.add(font.objgen)
                entries = pdfsyntax.parse_cmap(font.ToUnicode.read_bytes())
                fixed = {
                    code: text[::-1] if len(text) > 1 and textlayer.is_rtl(text) else text
                    for code, text in entries.items()
                }
                font.ToUnicode = pdf.make_stream(pdfsyntax.write_cmap(fixed))
        pdf.save(pdf_path, deterministic_id=True)


def actualtext(pdf_path: Path, *, visual: bool) -> None:
    """Each right-to-left text object in one /ActualText span (Typst's spans dropped)."""
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        cache: dict[tuple[int, int], textlayer.FontInfo] = {}
        seen = textlayer._Seen()
        for owner, fonts in textlayer._streams(pdf):
            stream = textlayer._Stream(owner, fonts, textlayer._content(owner))
            stream.scan(textlayer._font_info(fonts, cache), seen)
            pieces: list[bytes] = []
            position = 0
            for block in stream.blocks:
                text = "".join(glyph.text for glyph in block.glyphs)  # reversed per glyph
                if not textlayer.is_rtl(text):
                    continue
                logical = text[::-1]
                body = stream.data[block.start : block.end]
                body = re.sub(rb"/Span\s*<</ActualText[^>]*>>>\s*BDC", b"/Typst BMC", body)
                wanted = (logical[::-1] if visual else logical).encode("utf-16-be")
                span = b"/Span <</ActualText <FEFF" + wanted.hex().encode() + b">>> BDC\n"
                pieces += [stream.data[position : block.start], span, body, b"\nEMC"]
                position = block.end
            pieces.append(stream.data[position:])
            data = b"".join(pieces)
            if owner.get("/Type") == "/Page":
                owner.Contents = pdf.make_stream(data)
            else:
                owner.write(data)
        pdf.save(pdf_path, deterministic_id=True)


VARIANTS: dict[str, Callable[[Path], object] | None] = {
    "typst": None,
    "cmap-reversed": cmap_reversed,
    "actualtext-logical": lambda p: actualtext(p, visual=False),
    "actualtext-visual": lambda p: actualtext(p, visual=True),
    "glyph-text": lambda p: textlayer.fix_text_layer(p, rtl=True),
}


# -- the run -------------------------------------------------------------------------------------


def build(out: Path, edition: str = "briefing") -> float:
    """Build one edition's PDF into ``out/pdf`` as ``make pdf`` does; its wall time."""
    options, _languages = EDITIONS[edition]
    doctrees = out / f"doctrees-{edition}"
    shutil.rmtree(doctrees, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "briefing-pdf", "-q", *options, "-d"]
    command += [str(doctrees), str(REPO / "docs"), str(out / "pdf")]
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return time.perf_counter() - started


def compile_typst(source: Path, pdf: Path) -> float:
    import typst

    started = time.perf_counter()
    typst.compile(
        str(source),
        output=str(pdf),
        root=str(source.parent),
        font_paths=font_dirs(),
        ignore_system_fonts=True,
        timestamp=int(EPOCH),
    )
    return time.perf_counter() - started


def table(rows: dict[str, dict[str, dict[str, object]]]) -> list[str]:
    """A Markdown table of shares: one row per key, one column per reader."""
    lines = [f"| | {' | '.join(READERS)} |", f"|---|{'---|' * len(READERS)}"]
    for name, result in rows.items():
        cells = " | ".join(f"{float(str(result[r]['share'])):.3f}" for r in READERS)
        lines.append(f"| {name} | {cells} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--out", type=Path, default=OUT, help="where to build (emptied first)")
    args = parser.parse_args(argv)
    out: Path = args.out

    shutil.rmtree(out, ignore_errors=True)
    build_s = statistics.median(build(out) for _ in range(args.runs))
    source = out / "pdf" / "briefing.typ"
    raw = out / "compiled.pdf"
    compile_s = statistics.median(compile_typst(source, raw) for _ in range(args.runs))
    post: list[float] = []
    for _ in range(args.runs):
        copy = out / "timed.pdf"
        shutil.copyfile(raw, copy)
        started = time.perf_counter()
        textlayer.fix_text_layer(copy, rtl=True)
        post.append(time.perf_counter() - started)
    post_s = statistics.median(post)
    for edition in EDITIONS:
        if edition != "briefing":
            build(out, edition)

    seed = arabic_words(SEED.read_text(encoding="utf-8"))
    variants: dict[str, dict[str, dict[str, object]]] = {}
    for name, variant in VARIANTS.items():
        pdf = out / f"{name}.pdf"
        shutil.copyfile(raw, pdf)
        if variant is not None:
            variant(pdf)
        variants[name] = score(extract(pdf), seed, "arabic")
    editions: dict[str, dict[str, dict[str, object]]] = {}
    for edition, (_options, languages) in EDITIONS.items():
        texts = extract(out / "pdf" / f"{edition}.pdf")
        for article in articles():
            for language in languages:
                words = article_words(article, language)
                editions[f"{edition}.pdf, {article.stem}, {language}"] = score(
                    texts, words, language
                )

    print(f"{len(seed)} distinct Arabic words in {SEED.name}; share found per reader\n")
    print("\n".join(table(variants)))
    print("\nEach edition's PDF as built: the share of each article's words found\n")
    print("\n".join(table(editions)))
    print(
        f"\nbuild {build_s:.2f} s, Typst compile {compile_s:.2f} s, text layer {post_s:.2f} s "
        f"({post_s / build_s:.0%} of the build)"
    )
    report = {
        "words": len(seed),
        "variants": variants,
        "editions": editions,
        "build_s": round(build_s, 3),
        "compile_s": round(compile_s, 3),
        "post_s": round(post_s, 3),
        "post_share_of_build": round(post_s / build_s, 3),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
