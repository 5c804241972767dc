"""How much of the seed article's Arabic the book PDF's text layer gives back, per PDF reader.

Builds the book's PDF (``briefing-pdf``, ``SOURCE_DATE_EPOCH`` set), compiles the Typst
source it leaves beside the PDF again to get Typst's own PDF, then writes one copy of that
PDF per way of correcting its text layer and extracts the text of each with three readers:
PDFium (pypdfium2, as in Chrome), MuPDF (PyMuPDF) and poppler (``pdftotext``, as in Evince
and Okular).

The score is the issue's (#18): the share of the distinct Arabic words of the seed article
(``seeds/lavrov-wonsan.txt``; a word is a run of characters of the Arabic block U+0600-U+06FF,
so «آخر،» with its comma is one) found among the words of the extracted text, after removing
bidi marks and tatweel and normalising both to NFC.

Variants:

* ``typst``: Typst's PDF as it is;
* ``cmap-reversed``: every ToUnicode entry of several Arabic characters reversed (the ligature
  fix measured in the issue), nothing else;
* ``actualtext-logical`` / ``actualtext-visual``: each right-to-left text object wrapped in an
  ``/ActualText`` span holding its text in logical / visual order (Typst's spans removed);
* ``glyph-text``: what the build does (:func:`sphinx_briefing.pdf.textlayer.fix_text_layer`);
* ``glyph-text-marks-apart``: the same with each combining mark mapped on its own glyph.

It also times the post-processing against the Typst compilation and the whole build (median
of ``--runs``). Usage::

    python benchmarks/pdf_text.py [--runs N] [--json PATH]

It prints a table and writes ``build/bench/pdf_text.json``.
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

from sphinx_briefing.pdf import textlayer
from sphinx_briefing.pdf.builder import font_dirs

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
OUT = REPO / "build" / "bench" / "pdf-text"
DEFAULT_JSON = REPO / "build" / "bench" / "pdf_text.json"
EPOCH = "1752278400"

#: Bidi marks and tatweel, removed from the extracted text before comparing.
IGNORED = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u0640]")
ARABIC_WORD = re.compile("[\u0600-\u06ff]+")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", IGNORED.sub("", text))


def arabic_words(text: str) -> set[str]:
    """The distinct Arabic words of ``text``, as the issue counts them."""
    return set(ARABIC_WORD.findall(normalise(text)))


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


def score(pdf: Path, words: set[str]) -> dict[str, dict[str, object]]:
    """Per reader: the share of ``words`` found and the words missing."""
    result: dict[str, dict[str, object]] = {}
    for name, read in READERS.items():
        found = arabic_words(read(pdf))
        missing = sorted(words - found)
        result[name] = {"share": round(1 - len(missing) / len(words), 4), "missing": missing}
    return result


# -- the variants ------------------------------------------------------------------------------


def cmap_reversed(pdf_path: Path) -> None:
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        done: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for _name, font in page.obj.Resources.get("/Font", {}).items():
                if font.objgen in done or "/ToUnicode" not in font:
                    continue
                done.add(font.objgen)
                entries = textlayer.parse_cmap(font.ToUnicode.read_bytes())
                fixed = {
                    code: text[::-1] if len(text) > 1 and textlayer.is_rtl(text) else text
                    for code, text in entries.items()
                }
                font.ToUnicode = pdf.make_stream(textlayer.write_cmap(fixed))
        pdf.save(pdf_path, deterministic_id=True)


def actualtext(pdf_path: Path, *, visual: bool) -> None:
    """Each right-to-left text object in one /ActualText span (Typst's spans dropped)."""
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        cache: dict[tuple[int, int], textlayer.FontInfo] = {}
        for owner, fonts in textlayer._streams(pdf):
            stream = textlayer._Stream(owner, fonts, textlayer._content(owner))
            info = textlayer._font_info(fonts, cache)
            stream.scan(info, marks_apart=False)
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
    "glyph-text": textlayer.fix_text_layer,
    "glyph-text-marks-apart": lambda p: textlayer.fix_text_layer(p, marks_apart=True),
}


# -- the run -------------------------------------------------------------------------------------


def build() -> float:
    """Build the book's PDF as ``make pdf`` does; its wall time."""
    shutil.rmtree(OUT, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "briefing-pdf", "-q", "-d"]
    command += [str(OUT / "doctrees"), str(REPO / "docs"), str(OUT / "pdf")]
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)

    build_s = statistics.median(build() for _ in range(args.runs))
    source = OUT / "pdf" / "briefing.typ"
    raw = OUT / "compiled.pdf"
    compile_s = statistics.median(compile_typst(source, raw) for _ in range(args.runs))
    post: list[float] = []
    for _ in range(args.runs):
        copy = OUT / "timed.pdf"
        shutil.copyfile(raw, copy)
        started = time.perf_counter()
        textlayer.fix_text_layer(copy)
        post.append(time.perf_counter() - started)
    post_s = statistics.median(post)

    words = arabic_words(SEED.read_text(encoding="utf-8"))
    results: dict[str, dict[str, dict[str, object]]] = {}
    for name, variant in VARIANTS.items():
        pdf = OUT / f"{name}.pdf"
        shutil.copyfile(raw, pdf)
        if variant is not None:
            variant(pdf)
        results[name] = score(pdf, words)
    built = score(OUT / "pdf" / "briefing.pdf", words)

    print(f"{len(words)} distinct Arabic words in {SEED.name}; share found per reader\n")
    print(f"| variant | {' | '.join(READERS)} |")
    print(f"|---|{'---|' * len(READERS)}")
    for name, result in [*results.items(), ("the build's PDF", built)]:
        cells = " | ".join(f"{float(str(result[r]['share'])):.3f}" for r in READERS)
        print(f"| {name} | {cells} |")
    print(
        f"\nbuild {build_s:.2f} s, Typst compile {compile_s:.2f} s, text layer {post_s:.2f} s "
        f"({post_s / build_s:.0%} of the build)"
    )
    report = {
        "words": len(words),
        "variants": results,
        "build": built,
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
