"""Paths, constants and plain helpers the tests share (no fixtures: those are in conftest.py).

Import what you need: ``from tests.helpers import REPO, warnings_of``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.html import icons

if TYPE_CHECKING:
    from playwright.sync_api import Page

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
#: The seed article's page in the built book.
ARTICLE = "articles/lavrov-wonsan.html"

BuildFn = Callable[..., SphinxTestApp]


def warnings_of(app: SphinxTestApp) -> str:
    """The build's warning output, without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


#: A page's pointer to its citation script (``_briefing/cite/<name>.js``, loaded on demand).
CITE_POINTER = re.compile(
    r'<script id="briefing-cite-data" type="application/json">(.*?)</script>', re.S
)


def page_citations(page: Path) -> dict[str, dict[str, str]]:
    """The citations a built page's Cite panel offers, ``{key: {style: text}}``: read from
    the citation script its pointer names (``{}`` for a page without one)."""
    match = CITE_POINTER.search(page.read_text(encoding="utf-8"))
    if match is None:
        return {}
    pointer = json.loads(match.group(1))
    script = (page.parent / pointer["src"]).read_text(encoding="utf-8")
    assignment = f"window.BRIEFING_CITATIONS[{json.dumps(pointer['key'])}] = "
    body = script[script.index(assignment) + len(assignment) :].rstrip().removesuffix(";")
    data = json.loads(body)
    return {
        row[0]: {style: text for style, text in zip(data["styles"], row[1:], strict=True) if text}
        for row in data["items"]
    }


class BookSite:
    """A built edition of the real book, served on loopback."""

    def __init__(self, outdir: Path, url: str, warnings: str) -> None:
        self.outdir = outdir
        self.url = url
        self.warnings = warnings


def sphinx_build(
    source: Path, out: Path, *options: str, builder: str = "html", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build`` as the Makefile does (doctrees in ``out/doctrees``, output in
    ``out/<builder>``), in a subprocess so each build has a fresh interpreter."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-q",
            *options,
            "-d",
            str(out / "doctrees"),
            str(source),
            str(out / builder),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output readable."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


#: Every colour of a screenshot with its pixel count, decoded in the page (a canvas).
_COLOURS = """async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = '#' + [data[i], data[i + 1], data[i + 2]]
      .map(v => v.toString(16).padStart(2, '0')).join('');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [...counts.entries()];
}"""


def colours(page: Page, png: bytes) -> dict[str, int]:
    """The colours of a screenshot (``#rrggbb``) and how many pixels have each."""
    pairs: list[list[object]] = page.evaluate(_COLOURS, base64.b64encode(png).decode())
    return {str(colour): int(str(count)) for colour, count in pairs}


def ink(page: Page, png: bytes) -> dict[str, float]:
    """How much of a screenshot is drawn: ``inked``, the share of pixels that are not
    near-white, and ``colours``, the distinct colours at 4 bits per channel (from
    :func:`colours`)."""
    counts = colours(page, png)
    channels = {colour: [int(colour[k : k + 2], 16) for k in (1, 3, 5)] for colour in counts}
    inked = sum(n for colour, n in counts.items() if min(channels[colour]) < 245)
    coarse = {tuple(v >> 4 for v in rgb) for rgb in channels.values()}
    return {"inked": inked / sum(counts.values()), "colours": len(coarse)}


CHROMIUM = "/usr/bin/chromium"
#: Headless flags for this closed network: no background requests, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# -- hover cards ---


def preview_card(page: Any, link: Any) -> Any:
    """The hover card (``span.briefing-preview``) of mention ``link`` in the BeautifulSoup
    ``page``: written once per page in ``<template id="briefing-card-ENTITY">``
    (html/cards.py), which the link names in ``data-briefing-card``."""
    from bs4 import BeautifulSoup

    entity = link.get("data-briefing-card")
    template = page.find("template", id=f"briefing-card-{entity}") if entity else None
    if template is None:
        return None
    # Parsed again: BeautifulSoup's get_text() leaves out the strings of a <template>.
    return BeautifulSoup(template.decode_contents(), "html.parser").select_one(".briefing-preview")


# -- PDF text ---

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftotext(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return BIDI_MARKS.sub("", result.stdout)


def letters(text: str) -> list[str]:
    """Words as sorted letters: pdftotext may swap the two letters of an Arabic ligature
    (لا, في), never the order of words, which is what "logical order" is about."""
    return ["".join(sorted(word)) for word in re.findall(r"\d+|[^\W\d_]+", text)]


def contains_in_order(haystack: list[str], needle: list[str]) -> bool:
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


# -- translations ---

#: A small article with a Latin name inside Arabic, for the parallel view's tests.
PARALLEL_ARTICLE = (
    "محادثات في موسكو\n"
    "وكالات – قال وزير الخارجية إن المحادثات مع Sergey Lavrov كانت مثمرة.\n"
    "وأضاف أن الجانبين اتفقا على مواصلة الحوار.\n"
)
PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
)


def po(messages: dict[str, str]) -> str:
    """A small ``.po`` catalogue (msgids and msgstrs without quotes or newlines)."""
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in messages.items())
    return PO_HEADER + body


# -- themes ---


def package_dir(name: str) -> Path:
    """Where an installed package lives."""
    from importlib.util import find_spec

    spec = find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return Path(spec.origin).parent


def theme_dirs() -> list[Path]:
    """The two themes' template directories (sphinx-book-theme on pydata-sphinx-theme)."""
    return [
        package_dir("sphinx_book_theme") / "theme" / "sphinx_book_theme",
        package_dir("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme",
    ]


def fontawesome_js() -> Path:
    """pydata-sphinx-theme's Font Awesome script, the source of the icon subset."""
    return theme_dirs()[1] / icons.FA_SCRIPT


# -- the command line ---


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``briefing ARGS`` run in this process (the console script's ``main``), with its exit
    status and output as a subprocess would give them; no interpreter start per call."""
    from sphinx_briefing import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            status = exit.code if isinstance(exit.code, int) else 2
    return subprocess.CompletedProcess(["briefing", *args], status, out.getvalue(), err.getvalue())


def run_console_script(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``briefing`` console script, in a subprocess."""
    script = Path(sys.executable).parent / "briefing"
    return subprocess.run([str(script), *args], capture_output=True, text=True, check=False)
