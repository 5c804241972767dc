"""``briefing init DIR``: a new book that builds cleanly, empty and with an article; a
non-empty directory refused; the starter's glossary pages are this repository's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_briefing.cli import init
from tests.helpers import REPO, SEED

SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")
BRIEFING = [sys.executable, "-m", "sphinx_briefing.cli"]


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BRIEFING, *args], capture_output=True, text=True, check=False)


def sphinx_build(book: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SPHINX_BUILD), "-W", "-q", "-b", "html", str(book / "docs"), str(book / "build/html")],
        capture_output=True,
        text=True,
        check=False,
    )


def test_new_book_builds_cleanly_with_an_article(tmp_path: Path) -> None:
    book = tmp_path / "book"
    made = briefing("init", str(book), "--title", "ملف تجريبي")
    assert made.returncode == 0, made.stderr
    for path in (
        "docs/conf.py",
        "docs/index.md",
        "docs/glance.md",
        "docs/sources.md",
        "docs/glossary/index.md",
        "docs/glossary/people.md",
        "docs/glossary/places.md",
        "docs/glossary/organizations.md",
        "docs/glossary/agreements.md",
        "docs/glossary/events.md",
        "docs/glossary/other.md",
        "docs/glossary/review.md",
        "docs/glossary/entries/.gitkeep",
        "Makefile",
        ".gitignore",
        "README.md",
    ):
        assert (book / path).is_file(), path
    articles = book / "docs" / "articles"
    assert articles.is_symlink() and articles.resolve() == (book / "seeds").resolve()
    conf = (book / "docs" / "conf.py").read_text(encoding="utf-8")
    assert 'project = "ملف تجريبي"' in conf and 'language = "ar"' in conf
    assert 'extensions = ["sphinx_briefing", "myst_parser"]' in conf
    assert "briefing-articles" in (book / "docs" / "index.md").read_text(encoding="utf-8")
    assert "SPHINXBUILD ?= sphinx-build" in (book / "Makefile").read_text(encoding="utf-8")

    empty = sphinx_build(book)  # no article, no glossary entry, no key point yet
    assert empty.returncode == 0, empty.stderr
    assert empty.stderr == ""

    (book / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    built = sphinx_build(book)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    page = (book / "build" / "html" / "articles" / "lavrov-wonsan.html").read_text("utf-8")
    assert 'id="p1"' in page and 'id="p12"' in page
    index = (book / "build" / "html" / "index.html").read_text("utf-8")
    assert "articles/lavrov-wonsan.html" in index

    # The at-a-glance page's example, filled into its empty directive, builds cleanly too.
    glance = book / "docs" / "glance.md"
    text = glance.read_text(encoding="utf-8")
    example = text.split("````markdown\n", 1)[1].split("````", 1)[0]
    empty = "```{briefing-keypoints}\n```\n"
    assert text.count(empty) == 1
    glance.write_text(
        text.replace(empty, example.replace(init.EXAMPLE_SLUG, "lavrov-wonsan")), encoding="utf-8"
    )
    with_points = sphinx_build(book)
    assert with_points.returncode == 0, with_points.stderr
    assert with_points.stderr == ""
    assert "briefing-keypoint" in (book / "build" / "html" / "glance.html").read_text("utf-8")


def test_candidates_draft_a_new_book_s_glossary(tmp_path: Path) -> None:
    """The new user's path: init, one article, ``briefing candidates --write``, a clean build
    with the article's names linked to the drafted entries, listed on the review page."""
    book = tmp_path / "book"
    assert briefing("init", str(book)).returncode == 0
    (book / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    entries = book / "docs" / "glossary" / "entries"
    drafted = briefing(
        "candidates",
        str(book / "seeds" / SEED.name),
        "--glossary",
        str(entries),
        "--write",
        str(entries),
    )
    assert drafted.returncode == 0, drafted.stderr
    drafts = sorted(path.stem for path in entries.glob("*.toml"))
    assert len(drafts) >= 5, drafted.stdout
    assert all('status = "draft"' in (entries / f"{d}.toml").read_text("utf-8") for d in drafts)

    built = sphinx_build(book)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    page = BeautifulSoup(
        (book / "build" / "html" / "articles" / "lavrov-wonsan.html").read_text("utf-8"),
        "html.parser",
    )
    linked = [
        a for a in page.select("a.briefing-mention") if a.get("href", "").split("#")[-1] in drafts
    ]
    assert len(linked) >= 5, [a.get_text() for a in page.select("a.briefing-mention")]
    review = (book / "build" / "html" / "glossary" / "review.html").read_text("utf-8")
    assert all(f"#{d}" in review for d in drafts)


def test_non_empty_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused = briefing("init", str(tmp_path))
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "not empty" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_english_and_arabic_words(tmp_path: Path, language: str) -> None:
    assert init.init(tmp_path / language, language, None, init.output.stdout()) == 0
    conf = (tmp_path / language / "docs" / "conf.py").read_text(encoding="utf-8")
    assert f'language = "{language}"' in conf
    glance = (tmp_path / language / "docs" / "glance.md").read_text(encoding="utf-8")
    assert "briefing-keypoints" in glance and "$" not in glance


def test_the_repository_book_shares_the_starter_pages(tmp_path: Path) -> None:
    """docs/'s glossary and sources pages are the starter's, in Arabic: one set of pages."""
    init.write_book(tmp_path, init.fields("ar", None, 2026))
    own = {Path("docs/conf.py.in"), Path("docs/index.md"), Path("docs/glance.md")}  # the book's own
    shared = [p for p in init.starter_files() if p.parts[0] == "docs" and p not in own]
    assert len(shared) == 10
    for relative in shared:
        assert (REPO / relative).read_text(encoding="utf-8") == (tmp_path / relative).read_text(
            encoding="utf-8"
        ), relative


def test_make_serve_runs_sphinx_autobuild() -> None:
    shown = subprocess.run(
        ["make", "-n", "serve"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    (line,) = [line for line in shown.splitlines() if "sphinx-autobuild" in line]
    assert line.startswith(".venv/bin/sphinx-autobuild -b html")
    assert "--watch seeds" in line and "--ignore build" in line
    assert line.rstrip().endswith("docs build/html")
    assert "http://127.0.0.1:8000/" in shown


def test_new_books_make_serve(tmp_path: Path) -> None:
    init.write_book(tmp_path, init.fields("ar", None, 2026))
    shown = subprocess.run(
        ["make", "-n", "serve"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert "sphinx-autobuild -b html -d build/doctrees" in shown
    assert "--watch seeds" in shown and "--ignore build" in shown
