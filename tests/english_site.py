"""The real book's two editions, built without the PDF once per session.

``english_site`` is the English edition (``make html-en``: ``language = "en"`` with the
translations in ``locales/en``), served on loopback for the browser tests;
``arabic_book`` is the Arabic original built the same way, to compare with. Import the
fixtures into a test module to use them (``from .english_site import english_site``).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, BookSite, serve


def build_edition(out: Path, language: str | None) -> subprocess.CompletedProcess[str]:
    """Build docs/ into ``out/html`` as the Makefile does, in ``language`` (None: the book's
    own), without the PDF (the tests here do not look at it, and it is slow)."""
    options = ["-D", f"language={language}"] if language else []
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            *options,
            "-D",
            "briefing_pdf_in_html=0",
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
    return result


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BookSite]:
    """The English edition of docs/, built once and served over HTTP."""
    out = tmp_path_factory.mktemp("book-en")
    result = build_edition(out, "en")
    with serve(out / "html") as url:
        yield BookSite(out / "html", url, result.stderr)


@pytest.fixture(scope="session")
def arabic_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Arabic original of docs/ (HTML output directory), built once."""
    out = tmp_path_factory.mktemp("book-ar")
    build_edition(out, None)
    return out / "html"
