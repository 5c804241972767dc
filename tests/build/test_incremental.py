"""Incremental and parallel builds: state lives in the environment, not in globals."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from tests.helpers import ROOTS, SEED, warnings_of


def copy_root(name: str, target: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def rebuild(
    make_app: Callable[..., SphinxTestApp], srcdir: Path
) -> tuple[SphinxTestApp, list[str]]:
    """Build ``srcdir`` again (same build dir) and return the docnames that were re-read."""
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
    app.build()
    # Unregister the app's nodes so the next app in this test starts clean.
    app.cleanup()
    return app, sorted(read)


def test_editing_one_article_rereads_only_it(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("library", tmp_path / "lib")
    _, read = rebuild(make_app, srcdir)
    assert read == ["articles/newer", "articles/older", "articles/undated", "index"]
    _, read = rebuild(make_app, srcdir)
    assert read == []
    touch_later(srcdir / "articles" / "older.txt", "عنوان معدل\nنص معدل.\n")
    app, read = rebuild(make_app, srcdir)
    assert read == ["articles/older"]
    html = (app.outdir / "articles" / "older.html").read_text(encoding="utf-8")
    assert "نص معدل." in html
    assert "عنوان معدل" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_editing_a_sidecar_rereads_its_article_and_the_landing_page(
    make_app, tmp_path: Path
) -> None:
    srcdir = copy_root("library", tmp_path / "lib")
    rebuild(make_app, srcdir)
    touch_later(srcdir / "articles" / "older.meta.toml", "[article]\npublished = 2026-01-01\n")
    app, read = rebuild(make_app, srcdir)
    assert read == ["articles/older", "index"]
    assert app.env.toctree_includes["index"][0] == "articles/older"


def test_a_new_sidecar_is_noticed(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("library", tmp_path / "lib")
    rebuild(make_app, srcdir)
    (srcdir / "articles" / "undated.meta.toml").write_text('[article]\nslug = "dated"\n')
    app, read = rebuild(make_app, srcdir)
    assert "articles/undated" in read
    assert app.env.domains["briefing"].data["articles"]["articles/undated"]["slug"] == "dated"


def test_adding_and_removing_articles(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("library", tmp_path / "lib")
    rebuild(make_app, srcdir)
    (srcdir / "articles" / "added.txt").write_text("مقال مضاف\nنص.\n", encoding="utf-8")
    (srcdir / "articles" / "older.txt").unlink()
    (srcdir / "articles" / "older.meta.toml").unlink()
    app, read = rebuild(make_app, srcdir)
    assert read == ["articles/added", "index"]
    articles = app.env.domains["briefing"].data["articles"]
    assert sorted(articles) == ["articles/added", "articles/newer", "articles/undated"]
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "articles/added.html" in index and "articles/older.html" not in index


def library_of(n: int, target: Path) -> Path:
    """The library root plus ``n`` articles made from the seed, with distinct dates."""
    srcdir = copy_root("library", target)
    seed = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (srcdir / "articles" / f"copy-{i:02d}.txt").write_text(seed, encoding="utf-8")
        (srcdir / "articles" / f"copy-{i:02d}.meta.toml").write_text(
            f"[article]\npublished = 2025-{1 + i % 12:02d}-{1 + i:02d}\n"
        )
    return srcdir


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_build_equals_serial_build(make_app, tmp_path: Path) -> None:
    serial_src = library_of(12, tmp_path / "serial")
    parallel_src = library_of(12, tmp_path / "parallel")
    serial = make_app("html", srcdir=serial_src, parallel=1)
    serial.build()
    serial.cleanup()
    parallel = make_app("html", srcdir=parallel_src, parallel=2)
    parallel.build()
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    assert parallel.builder.parallel_ok, "the extension must allow parallel writing"
    assert warnings_of(serial) == warnings_of(parallel) == ""
    serial_html, parallel_html = html_files(serial.outdir), html_files(parallel.outdir)
    assert serial_html.keys() == parallel_html.keys()
    assert len(serial_html) >= 15
    for name in serial_html:
        assert serial_html[name] == parallel_html[name], name
    # Domain data merged from the worker processes is complete.
    assert len(parallel.env.domains["briefing"].data["articles"]) == 15


def test_duplicate_slugs_warn(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("library", tmp_path / "lib")
    (srcdir / "articles" / "undated.meta.toml").write_text('[article]\nslug = "older"\n')
    app, _ = rebuild(make_app, srcdir)
    warnings = warnings_of(app)
    assert (
        "articles/undated.txt:1: WARNING: slug 'older' is already used by articles/older"
        in warnings
    )
    assert "[briefing.duplicate-slug]" in warnings


def test_fidelity_check_reports_lost_text(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("minimal", tmp_path / "min")
    (srcdir / "articles").mkdir(exist_ok=True)
    (srcdir / "articles" / "lossy.txt").write_text(
        "عنوان\nفقرة أولى سليمة.\nفقرة ثانية ستفقد كلمة محذوفة هنا.\n", encoding="utf-8"
    )
    # A project transform that drops a word, as a buggy extension might.
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text()
        + """
from docutils import nodes
from sphinx.transforms import SphinxTransform

class DropWord(SphinxTransform):
    default_priority = 500
    def apply(self):
        for text in list(self.document.findall(nodes.Text)):
            if "محذوفة" in text:
                text.parent.replace(text, nodes.Text(str(text).replace("محذوفة ", "")))

def setup(app):
    app.add_transform(DropWord)
"""
    )
    app, _ = rebuild(make_app, srcdir)
    warnings = warnings_of(app)
    assert "articles/lossy.txt:3: WARNING: text of this line is missing" in warnings
    assert "[briefing.fidelity]" in warnings


def written_pages(
    make_app: Callable[..., SphinxTestApp], srcdir: Path
) -> tuple[SphinxTestApp, list[str]]:
    """Build ``srcdir`` again and return the documents whose pages were written."""
    app = make_app("html", srcdir=srcdir)
    pages: list[str] = []
    app.connect("html-page-context", lambda _a, name, _t, _c, doctree: pages.append(name))
    app.build()
    app.cleanup()
    return app, sorted(name for name in pages if name in app.env.all_docs)


def test_glossary_pages_are_written_again_only_when_an_article_changed(
    make_app, tmp_path: Path
) -> None:
    srcdir = copy_root("seed", tmp_path / "seed")
    written_pages(make_app, srcdir)
    # Nothing changed: nothing is read, and no page is written.
    _, pages = written_pages(make_app, srcdir)
    assert pages == []
    # An edited article changes the backlinks: the glossary pages follow.
    article = srcdir / "articles" / "lavrov-wonsan.txt"
    text = SEED.read_text(encoding="utf-8").replace("وونسان", "مدينة وونسان الساحلية", 1)
    touch_later(article, text)
    app, pages = written_pages(make_app, srcdir)
    assert {"articles/lavrov-wonsan", "entries", "english"} <= set(pages)
    entries = (app.outdir / "entries.html").read_text(encoding="utf-8")
    assert "مدينة وونسان الساحلية" in entries  # the new backlink snippet


def test_editing_an_entry_rewrites_the_articles_that_show_its_card(
    make_app, tmp_path: Path
) -> None:
    srcdir = copy_root("seed", tmp_path / "seed")
    written_pages(make_app, srcdir)
    entry = srcdir / "glossary" / "wonsan.toml"
    text = entry.read_text(encoding="utf-8")
    edited = text.replace('short_en = "', 'short_en = "Edited card. ', 1)
    assert edited != text
    touch_later(entry, edited)
    app, pages = written_pages(make_app, srcdir)
    assert "articles/lavrov-wonsan" in pages  # not read again, but written with the new card
    html = (app.outdir / "articles" / "lavrov-wonsan.html").read_text(encoding="utf-8")
    assert "Edited card." in html


def test_sidebars_never_keep_a_removed_article_or_an_old_headline(make_app, tmp_path: Path) -> None:
    srcdir = library_of(3, tmp_path / "lib")
    written_pages(make_app, srcdir)
    # A new article: only what it changes is written (older sidebars still work).
    new = srcdir / "articles" / "newest.txt"
    touch_later(new, "أحدث مقال\nنص المقال الجديد.\n")
    (srcdir / "articles" / "newest.meta.toml").write_text("[article]\npublished = 2026-06-01\n")
    _, pages = written_pages(make_app, srcdir)
    assert "articles/older" not in pages and "articles/newest" in pages
    # A listed article's headline changes: every sidebar shows the new one.
    touch_later(new, "عنوان جديد للمقال\nنص المقال الجديد.\n")
    app, pages = written_pages(make_app, srcdir)
    assert pages == sorted(app.env.found_docs)
    for page in app.outdir.rglob("*.html"):
        assert "أحدث مقال" not in page.read_text(encoding="utf-8"), page
    # A listed article is removed: no page keeps a link to it.
    new.unlink()
    app, pages = written_pages(make_app, srcdir)
    assert pages == sorted(app.env.found_docs)
    for page in app.outdir.rglob("*.html"):
        if page.name != "newest.html":  # Sphinx leaves the removed page's file in place
            assert "newest.html" not in page.read_text(encoding="utf-8"), page
    # Nothing changed: nothing is written.
    _, pages = written_pages(make_app, srcdir)
    assert pages == []
