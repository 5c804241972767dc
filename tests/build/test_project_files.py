"""Which files become articles: links that leave the project are refused; every file name,
Arabic ones included, gives its own ASCII slug."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.helpers import ROOTS, BuildFn, warnings_of

SECRET = "root:x:0:0:root:/root:/bin/bash\n"


@pytest.fixture
def linked_root(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal root with one article linking out of the project and one linking in."""
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd"
    outside.write_text(SECRET, encoding="utf-8")
    srcdir = tmp_path / "src-minimal"
    shutil.copytree(ROOTS / "test-minimal", srcdir)
    (srcdir / "articles").mkdir()
    (srcdir / "articles" / "leak.txt").symlink_to(outside)
    (tmp_path / "notes.txt").write_text("عنوان\n\nنص داخل المشروع.\n", encoding="utf-8")
    (srcdir / "articles" / "inside.txt").symlink_to(tmp_path / "notes.txt")
    return srcdir


def test_a_link_out_of_the_project_is_refused(build: BuildFn, linked_root: Path) -> None:
    app = build()
    warnings = warnings_of(app)
    assert re.search(
        r"articles/leak\.txt:: WARNING: a link to .*/passwd, outside the project .*: left out",
        warnings,
    ), warnings
    assert "[briefing.outside-link]" in warnings
    assert not (app.outdir / "articles" / "leak.html").exists()
    assert not list(app.outdir.rglob("leak.txt*"))
    assert all(
        SECRET not in p.read_text("utf-8", "replace")
        for p in app.outdir.rglob("*.*")
        if p.is_file() and p.suffix in (".html", ".js", ".json", ".txt")
    )
    # A link that stays inside the project is an article like any other.
    assert (app.outdir / "articles" / "inside.html").is_file()


def test_the_project_can_allow_outside_links(build: BuildFn, linked_root: Path) -> None:
    app = build(confoverrides={"briefing_allow_outside_links": True})
    assert "outside-link" not in warnings_of(app)
    assert (app.outdir / "articles" / "leak.html").is_file()


def test_arabic_file_names_get_distinct_slugs(build: BuildFn) -> None:
    app: SphinxTestApp = build(
        files={
            "articles/لافروف.txt": "عنوان أول\n\nنص.\n",
            "articles/بيونغ يانغ.txt": "عنوان ثان\n\nنص.\n",
        }
    )
    assert "duplicate-slug" not in warnings_of(app)
    slugs = {r["slug"] for r in app.env.domaindata["briefing"]["articles"].values()}
    assert {"lafrwf", "bywngh-yangh"} <= slugs
