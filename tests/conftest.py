"""Shared fixtures: Sphinx test roots under tests/roots and helpers to build them."""

from __future__ import annotations

import base64
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"

BuildFn = Callable[..., SphinxTestApp]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds ``test-<name>`` roots."""
    return ROOTS


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> BuildFn:
    """Copy a root to a fresh directory, add or replace files, build it and return the app.

    ``files`` maps paths relative to the source directory to bytes or text.
    """

    def run(
        root: str = "minimal",
        files: dict[str, bytes | str] | None = None,
        buildername: str = "html",
        **kwargs: object,
    ) -> SphinxTestApp:
        srcdir = tmp_path / f"src-{root}"
        if not srcdir.exists():
            shutil.copytree(ROOTS / f"test-{root}", srcdir, symlinks=False)
        for name, content in (files or {}).items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        return app

    return run


def warnings_of(app: SphinxTestApp) -> str:
    """The build's warning output, without colour codes."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


class BookSite:
    """The real book, built from docs/ once per session and served on loopback."""

    def __init__(self, outdir: Path, url: str, warnings: str) -> None:
        self.outdir = outdir
        self.url = url
        self.warnings = warnings


@pytest.fixture(scope="session")
def book_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BookSite]:
    """Build docs/ with sphinx-build (as ``make html`` does) and serve it over HTTP."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-d",
            str(out / "doctrees"),
            str(REPO / "docs"),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with serve(out / "html") as url:
        yield BookSite(out / "html", url, result.stderr)


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


#: Measured in the page (a canvas decodes the PNG): see :func:`ink`.
_INK = """async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let inked = 0;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) inked++;
    colours.add((data[i] >> 4) + ',' + (data[i + 1] >> 4) + ',' + (data[i + 2] >> 4));
  }
  return {inked: inked / (data.length / 4), colours: colours.size};
}"""


def ink(page: Page, png: bytes) -> dict[str, float]:
    """How much of a screenshot is drawn: ``inked``, the share of pixels that are not
    near-white, and ``colours``, the distinct colours at 4 bits per channel."""
    result: dict[str, float] = page.evaluate(_INK, base64.b64encode(png).decode())
    return result


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (Playwright allows one sync instance)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
