"""The store of per-article output kept between builds (``briefing.fragments``), and the
property it exists for: after an edit, an incremental build writes what a fresh build of
the same sources writes."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from pathlib import Path

from sphinx.builders.html._assets import _file_checksum_inner
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.incremental.fragments import FragmentStore
from tests.helpers import ROOTS, SEED, warnings_of


def make(calls: list[str], value: str) -> str:
    calls.append(value)
    return value.upper()


def test_a_piece_is_made_once_then_loaded_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "store.fragments"
    calls: list[str] = []
    store = FragmentStore(path, "v1")
    assert store.get(("rev-1", "a"), make, calls, "a") == "A"
    assert store.get(("rev-1", "a"), make, calls, "a") == "A"  # within the build
    assert calls == ["a"]
    store.save()
    again = FragmentStore(path, "v1")
    assert again.get(("rev-1", "a"), make, calls, "a") == "A"
    assert calls == ["a"]  # loaded, not made
    assert not again.changed
    mtime = path.stat().st_mtime_ns
    again.save()
    assert path.stat().st_mtime_ns == mtime  # nothing changed: nothing written


def test_pieces_not_used_in_a_build_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "store.fragments"
    calls: list[str] = []
    store = FragmentStore(path, "v1")
    store.get("old", make, calls, "old")
    store.get("kept", make, calls, "kept")
    store.save()
    store = FragmentStore(path, "v1")
    store.get("kept", make, calls, "kept")
    store.get("new", make, calls, "new")
    store.save()
    with path.open("rb") as stream:
        _version, items = pickle.load(stream)
    assert items == {"kept": "KEPT", "new": "NEW"}
    assert calls == ["old", "kept", "new"]


def test_another_version_or_a_damaged_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "store.fragments"
    calls: list[str] = []
    store = FragmentStore(path, "v1")
    store.get("k", make, calls, "k")
    store.save()
    FragmentStore(path, "v2").get("k", make, calls, "k")  # the code changed
    assert calls == ["k", "k"]
    path.write_bytes(b"not a pickle")
    assert FragmentStore(path, "v1").get("k", make, calls, "k") == "K"
    assert calls == ["k", "k", "k"]


def touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def seed_library(root: Path) -> Path:
    """The seed root with three more articles (distinct slugs and dates)."""
    srcdir = root / "src"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    seed = SEED.read_text(encoding="utf-8")
    for i in range(3):
        (srcdir / "articles" / f"copy-{i}.txt").write_text(seed, encoding="utf-8")
        (srcdir / "articles" / f"copy-{i}.meta.toml").write_text(
            f"[article]\npublished = 2025-0{i + 1}-1{i}\n", encoding="utf-8"
        )
    return srcdir


def build(make_app, srcdir: Path) -> SphinxTestApp:  # type: ignore[no-untyped-def]
    # Sphinx remembers each asset's checksum (the pages' ?v=) per path for the life of the
    # process; every sphinx-build starts without them, and so does each build here.
    _file_checksum_inner.cache_clear()
    app: SphinxTestApp = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert warnings_of(app) == ""
    return app


def stored_keys(path: Path) -> set[tuple[str, ...]]:
    with path.open("rb") as stream:
        _version, items = pickle.load(stream)
    return set(items)


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every page, export and search data file of a build."""
    search = outdir / "_static" / "briefing" / "search"
    exports = (p for p in (outdir / "_briefing").rglob("*") if p.is_file())  # cite/ too
    files = [*outdir.rglob("*.html"), *exports, *search.glob("*.js")]
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(files)}


def test_an_incremental_build_after_edits_writes_what_a_fresh_build_writes(
    make_app, tmp_path: Path
) -> None:
    srcdir = seed_library(tmp_path / "incremental")
    first = build(make_app, srcdir)
    revisions = {d: a["revision"] for d, a in first.env.domains["briefing"].articles.items()}
    before = stored_keys(Path(first.doctreedir) / "briefing-backlinks-html.fragments")
    # One article gains a paragraph that mentions Putin and loses one of its mentions of
    # Wonsan.
    article = srcdir / "articles" / "copy-1.txt"
    text = article.read_text(encoding="utf-8").replace("وونسان", "المدينة", 1)
    touch_later(article, text.rstrip("\n") + "\nوأشاد بوتين بالزيارة.\n")
    incremental = build(make_app, srcdir)

    fresh_src = seed_library(tmp_path / "fresh")
    shutil.copy(article, fresh_src / "articles" / "copy-1.txt")
    fresh = build(make_app, fresh_src)

    # The incremental build kept the unchanged articles' pieces (same revision: not read
    # again) and made the edited article's anew.
    after = stored_keys(Path(incremental.doctreedir) / "briefing-backlinks-html.fragments")
    edited = revisions["articles/copy-1"]
    assert {k for k in before if k[0] != edited} <= after
    assert not any(k[0] == edited for k in after)
    new = incremental.env.domains["briefing"].articles["articles/copy-1"]["revision"]
    assert any(k[0] == new for k in after)
    assert (Path(incremental.doctreedir) / "briefing-exports-html.fragments").is_file()
    got, expected = outputs(incremental.outdir), outputs(fresh.outdir)
    assert got.keys() == expected.keys()
    for name in ("entries.html", "english.html", "_briefing/glossary.json"):
        assert got[name] == expected[name], name
    added = "وأشاد بوتين بالزيارة"
    assert added in got["entries.html"].decode("utf-8")
    assert [name for name in got if name.endswith(".js") and added in got[name].decode()]
    assert [name for name in got if got[name] != expected[name]] == []
