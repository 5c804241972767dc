"""Coverage at build time: ``_briefing/coverage.json``, the build-log line, the editors' note
at the foot of each article, and incremental builds that keep them right."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.candidates.finder import Finder
from sphinx_briefing.read import coverage as read_coverage
from tests.helpers import ROOTS, BuildFn, run_cli, warnings_of


def coverage(app: SphinxTestApp) -> dict:
    return json.loads((app.outdir / "_briefing" / "coverage.json").read_text(encoding="utf-8"))


def test_coverage_json_log_line_and_note(build: BuildFn) -> None:
    app = build("coverage")
    assert warnings_of(app) == ""
    data = coverage(app)
    names = {c["text"]: c for c in data["candidates"]}
    assert {"ماركو روبيو", "دميتري بيسكوف", "الكرملين", "قازان"} <= set(names)
    assert "سيرغي لافروف" not in names and "فلاديمير بوتين" not in names
    assert names["ماركو روبيو"]["count"] == 4
    assert {m["file"] for m in names["ماركو روبيو"]["mentions"]} == {
        "articles/moscow-talks.txt",
        "articles/seoul-visit.txt",
    }
    assert data["names"] == len(data["candidates"]) and data["articles"] == 2
    moscow = next(a for a in data["by_article"] if a["article"] == "moscow-talks")
    assert moscow["mentions"] >= 5  # لافروف ×2, سيرغي لافروف, موسكو ×2, فلاديمير بوتين
    assert moscow["url"] == "articles/moscow-talks.html"
    # The same names as the command gives for the same files and glossary.
    root = Path(app.srcdir)
    cli = run_cli(
        "candidates",
        *sorted(str(p) for p in (root / "articles").glob("*.txt")),
        "--glossary",
        str(root / "glossary"),
        "--format",
        "json",
    )
    assert {c["text"] for c in json.loads(cli.stdout)} == set(names)
    # One info line in the build log, with the command to run.
    status = app.status.getvalue()
    line = next(s for s in status.splitlines() if "have no glossary entry" in s)
    assert line == (
        f"briefing: {len(names)} names in 2 articles have no glossary entry: briefing "
        "candidates articles/*.txt --glossary glossary --write glossary"
    )
    # The editors' note: collapsed, at the foot of the article, every name listed.
    page = BeautifulSoup(
        (app.outdir / "articles/moscow-talks.html").read_text("utf-8"), "html.parser"
    )
    note = page.select_one("details.briefing-unlinked")
    assert note is not None and note.get("open") is None
    listed = [li.select_one(".briefing-unlinked-name").get_text() for li in note.select("li")]
    assert "دميتري بيسكوف" in listed and "قازان" in listed and "سيرغي لافروف" not in listed
    assert "briefing candidates articles/*.txt" in note.get_text()


def test_the_note_can_be_turned_off(build: BuildFn) -> None:
    article = "خبر\nقال وزير الخارجية جون سميث إن مدينة قازان جميلة.\n"
    app = build(
        "coverage",
        files={"articles/third.txt": article},
        confoverrides={"briefing_show_unlinked": False},
    )
    html = (app.outdir / "articles/third.html").read_text(encoding="utf-8")
    assert "briefing-unlinked" not in html
    # The report is written all the same, the new article in it.
    assert "third" in {a["article"] for a in coverage(app)["by_article"]}


def test_parallel_reading_gives_the_same_report(tmp_path: Path, build: BuildFn) -> None:
    serial = coverage(build("coverage"))
    srcdir = tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-coverage", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, parallel=2)
    app.build()
    parallel = coverage(app)
    app.cleanup()
    assert parallel["candidates"] == serial["candidates"]


def test_incremental_builds_keep_the_report_right(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-coverage", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    assert "دميتري بيسكوف" in {c["text"] for c in coverage(app)["candidates"]}
    app.cleanup()
    (srcdir / "articles" / "seoul-visit.txt").unlink()
    moscow = srcdir / "articles" / "moscow-talks.txt"
    moscow.write_text(moscow.read_text(encoding="utf-8").replace("دميتري بيسكوف", "بيسكوف"))
    again = SphinxTestApp("html", srcdir=srcdir)
    again.build()
    data = coverage(again)
    again.cleanup()
    assert data["articles"] == 1
    assert "دميتري بيسكوف" not in {c["text"] for c in data["candidates"]}
    # The finder read the edited article when reading ended: the saved environment keeps
    # its names, not the lines it was given.
    kept = again.env.get_domain("briefing").data["coverage"]
    assert list(kept) == ["articles/moscow-talks"]
    assert set(kept["articles/moscow-talks"]) == {"mentions", "candidates", "variants", "pack_key"}
    assert all(
        m["file"] == "articles/moscow-talks.txt" for c in data["candidates"] for m in c["mentions"]
    )


def test_rebuilds_reuse_the_cached_results_until_the_glossary_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    runs: list[str] = []
    records = read_coverage._records

    # Counted where the build hands an article to the finder (the finder's own class is
    # compiled, and a compiled class cannot be patched).
    def counted(finder: Finder, docname: str, inputs: Any) -> Any:
        runs.append(docname)
        return records(finder, docname, inputs)

    monkeypatch.setattr(read_coverage, "_records", counted)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-coverage", srcdir)

    def fresh_build() -> dict:
        shutil.rmtree(srcdir / "_build", ignore_errors=True)
        app = SphinxTestApp("html", srcdir=srcdir)
        app.build()
        data = coverage(app)
        app.cleanup()
        return data

    first = fresh_build()
    assert sorted(runs) == ["articles/moscow-talks", "articles/seoul-visit"]
    runs.clear()
    # A fresh build of the same articles and glossary: nothing found again, the same report.
    assert fresh_build() == first and runs == []
    # A new glossary entry: every article is read again, and its name is no longer listed.
    (srcdir / "glossary" / "kazan.toml").write_text(
        'id = "kazan"\ntype = "place"\n\n[names]\nar = "قازان"\nen = "Kazan"\n\n'
        '[description]\nshort_ar = "مدينة روسية."\nshort_en = "A Russian city."\n',
        encoding="utf-8",
    )
    changed = fresh_build()
    assert sorted(runs) == ["articles/moscow-talks", "articles/seoul-visit"]
    assert "قازان" in {c["text"] for c in first["candidates"]}
    assert "قازان" not in {c["text"] for c in changed["candidates"]}
