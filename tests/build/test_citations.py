"""Citations: the exports parsed by real parsers, the CLI, stable keys, intersphinx."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rispy
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.exports.writer import cite_script_name
from tests.helpers import ROOTS, BuildFn, page_citations, warnings_of

SECTIONS, PARAGRAPHS, ENTRIES = 7, 12, 27
RECORDS = 1 + 1 + SECTIONS + PARAGRAPHS + ENTRIES  # book, article, sections, paragraphs, entries


@pytest.fixture
def seed(built: BuildFn) -> SphinxTestApp:
    return built("seed")


def exported(app: SphinxTestApp, name: str) -> Path:
    return app.outdir / "_briefing" / name


def test_bibtex_parses_with_pybtex(seed: SphinxTestApp) -> None:
    bib = parse_file(str(exported(seed, "citations.bib")), "bibtex")
    assert len(bib.entries) == RECORDS
    entry = bib.entries["briefing:lavrov-wonsan:p7"]
    assert entry.type == "incollection"
    assert entry.fields["title"].startswith("¶7 of لافروف يبحث مع كيم جونغ أون")
    assert entry.fields["chapter"] == "§3 «لافروف يحذّر من تحالف غربي» ¶7"
    assert entry.fields["url"] == "articles/lavrov-wonsan.html#p7"
    assert bib.entries["briefing:book"].type == "book"
    assert "briefing:entry:sergey-lavrov" in bib.entries


def test_ris_parses_with_rispy(seed: SphinxTestApp) -> None:
    with exported(seed, "citations.ris").open(encoding="utf-8") as handle:
        records = rispy.load(handle)
    assert len(records) == RECORDS
    by_id = {r["id"]: r for r in records}
    section = by_id["briefing:lavrov-wonsan:s3"]
    assert section["type_of_reference"] == "CHAP"
    assert section["urls"] == ["articles/lavrov-wonsan.html#s3"]
    assert section["secondary_title"] == "Seed book"


def test_csl_json_renders_with_citeproc(seed: SphinxTestApp) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(exported(seed, "citations.json").read_text(encoding="utf-8"))
    assert len(items) == RECORDS
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem("briefing:lavrov-wonsan:p7")]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert "لافروف يبحث مع كيم جونغ أون" in rendered
    assert "فريق sphinx-briefing" in rendered and "2025" in rendered


def test_rendered_styles_carry_the_pinpoint(seed: SphinxTestApp) -> None:
    from sphinx_briefing.exports.citations import apa, chicago, mla

    items = {
        i["id"]: i for i in json.loads(exported(seed, "citations.json").read_text(encoding="utf-8"))
    }
    paragraph = items["briefing:lavrov-wonsan:p7"]
    for text in (chicago(paragraph), apa(paragraph), mla(paragraph)):
        assert "¶7" in text and "§3" in text
        assert "لافروف يبحث مع كيم جونغ أون" in text  # the Arabic headline kept
        assert "Arabic news article" in text  # an English description added
        assert "articles/lavrov-wonsan.html#p7" in text
        assert "2026.1" in text  # the edition


def test_base_url_makes_permalinks_absolute(build: BuildFn) -> None:
    app = build("seed", confoverrides={"briefing_base_url": "https://briefing.example.org/book/"})
    items = json.loads(exported(app, "citations.json").read_text(encoding="utf-8"))
    urls = {i["id"]: i["URL"] for i in items}
    assert (
        urls["briefing:lavrov-wonsan:p7"]
        == "https://briefing.example.org/book/articles/lavrov-wonsan.html#p7"
    )


def test_embedded_citations_cannot_break_out(build: BuildFn) -> None:
    hostile = "عنوان </script><script>alert(1)</script>\nنص <!-- </script> --> & نهاية.\n"
    app = build(files={"articles/hostile.txt": hostile})
    page = app.outdir / "articles" / "hostile.html"
    html = page.read_text(encoding="utf-8")
    data = page_citations(page)  # from the page's citation script, which it names
    assert "</script>" in data["briefing:hostile"]["chicago"]
    assert "<script>alert(1)" not in html
    # The script (a file of its own) carries no markup either: "<" is escaped.
    script = app.outdir / "_briefing" / "cite" / cite_script_name("articles/hostile")
    assert "<" not in script.read_text(encoding="utf-8")


def cite(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "briefing"
    return subprocess.run([str(script), "cite", *args], capture_output=True, text=True, check=False)


def test_cli_prints_each_style(seed: SphinxTestApp) -> None:
    export = str(exported(seed, "citations.json"))
    chicago = cite("lavrov-wonsan:p7", "--export", export)
    assert chicago.returncode == 0 and "¶7" in chicago.stdout
    bib = cite("lavrov-wonsan:s3", "--style", "bibtex", "--export", export)
    assert bib.stdout.startswith("@incollection{briefing:lavrov-wonsan:s3,")
    ris = cite("sergey-lavrov", "--style", "ris", "--export", export)
    assert "ID  - briefing:entry:sergey-lavrov" in ris.stdout
    csl = cite("lavrov-wonsan", "--style", "csl-json", "--export", export)
    assert json.loads(csl.stdout)["id"] == "briefing:lavrov-wonsan"


def test_cli_unknown_target_suggests_the_closest(seed: SphinxTestApp) -> None:
    result = cite("lavrov-wonsn:p7", "--export", str(exported(seed, "citations.json")))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "lavrov-wonsan:p7" in result.stderr
    missing = cite("x", "--export", "/nonexistent/citations.json")
    assert missing.returncode == 2 and "make html" in missing.stderr


def ids(app: SphinxTestApp) -> list[str]:
    return [
        i["id"] for i in json.loads(exported(app, "citations.json").read_text(encoding="utf-8"))
    ]


def test_keys_are_stable_when_the_book_grows(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "seed"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    first = make_app("html", srcdir=srcdir)
    first.build()
    first.cleanup()
    before = ids(first)
    (srcdir / "articles" / "added.txt").write_text(
        "خبر مضاف\nفقرة أولى.\nقسم\nفقرة ثانية.\n", encoding="utf-8"
    )
    entry = (srcdir / "glossary" / "seoul.toml").read_text(encoding="utf-8")
    (srcdir / "glossary" / "busan.toml").write_text(
        entry.replace('id = "seoul"', 'id = "busan"').replace('ar = "سول"', 'ar = "بوسان"', 1),
        encoding="utf-8",
    )
    second = make_app("html", srcdir=srcdir)
    second.build()
    second.cleanup()
    after = ids(second)
    assert set(before) <= set(after)
    assert {"briefing:added", "briefing:added:p1", "briefing:added:s1"} <= set(after)
    old = (
        json.loads(exported(first, "citations.json").read_text(encoding="utf-8")) if False else None
    )
    assert old is None


def test_intersphinx_from_another_project(seed: SphinxTestApp, make_app, tmp_path: Path) -> None:
    seed.cleanup()  # the second project's app registers the same nodes
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx', 'sphinx_briefing']\n"
        f"intersphinx_mapping = {{'book': ({str(seed.outdir)!r}, None)}}\n"
        "html_theme = 'basic'\nproject = 'Report'\nexclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    (other / "index.rst").write_text(
        "Report\n======\n\n"
        "See :ref:`lavrov-wonsan:s3`, :ref:`the warning <lavrov-wonsan:p7>` and "
        ":briefing:person:`sergey-lavrov`, and :ref:`entry:kcna`.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=other)
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    base = str(seed.outdir)
    assert f'href="{base}/articles/lavrov-wonsan.html#s3"' in html
    assert f'href="{base}/articles/lavrov-wonsan.html#p7"' in html
    assert f'href="{base}/entries.html#sergey-lavrov"' in html
    assert f'href="{base}/entries.html#kcna"' in html
    assert "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ, §3" in html
