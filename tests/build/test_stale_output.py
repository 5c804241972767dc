"""Pages and source copies of removed articles leave the HTML output."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.incremental.stale_output import record_path
from tests.helpers import ROOTS


def build_once(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    return app


def test_a_removed_article_leaves_the_output(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "book"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    articles = srcdir / "articles"
    articles.mkdir()
    (articles / "kept.txt").write_text("مقال باق\nنص.\n", encoding="utf-8")
    (articles / "gone.txt").write_text("مقال محذوف\nنص.\n", encoding="utf-8")
    app = build_once(make_app, srcdir)
    out = Path(app.outdir)
    assert (out / "articles" / "gone.html").is_file()
    assert list((out / "_sources" / "articles").glob("gone.*"))
    record = json.loads(record_path(app).read_text(encoding="utf-8"))
    assert record["docnames"] == ["articles/gone", "articles/kept", "index"]

    (articles / "gone.txt").unlink()
    app = build_once(make_app, srcdir)
    assert not (out / "articles" / "gone.html").exists()
    assert not list((out / "_sources" / "articles").glob("gone.*"))
    assert (out / "articles" / "kept.html").is_file()
    assert list((out / "_sources" / "articles").glob("kept.*"))
    assert (out / "index.html").is_file()
    record = json.loads(record_path(app).read_text(encoding="utf-8"))
    assert record["docnames"] == ["articles/kept", "index"]
