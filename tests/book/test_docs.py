"""The book in docs/ itself: it builds cleanly, from the seed, byte for byte."""

from __future__ import annotations

import hashlib
import re

from tests.helpers import REPO, BookSite

SEED_SHA256 = "6340dc269778d8e5c256e88128bff81df684304411c6e82c88a1709df9d7ac4a"


def test_book_builds_without_warnings(book_site: BookSite) -> None:
    assert re.sub(r"\x1b\[[0-9;]*m", "", book_site.warnings).strip() == ""


def test_seed_is_copied_byte_for_byte() -> None:
    ours = hashlib.sha256((REPO / "seeds" / "lavrov-wonsan.txt").read_bytes()).hexdigest()
    shared = REPO.parent / "shared" / "seeds" / "000_21316536660795d3.txt"
    if shared.is_file():
        assert ours == hashlib.sha256(shared.read_bytes()).hexdigest()
    # Pinned as well, so the check holds where shared/ is not beside the clone.
    assert ours == SEED_SHA256


def test_articles_link_points_at_seeds() -> None:
    link = REPO / "docs" / "articles"
    assert link.is_symlink() and link.resolve() == (REPO / "seeds").resolve()


def test_glossary_export_names_the_seed_file(book_site: BookSite) -> None:
    import json

    data = json.loads(
        (book_site.outdir / "_briefing" / "glossary.json").read_text(encoding="utf-8")
    )
    lavrov = next(e for e in data["entries"] if e["id"] == "sergey-lavrov")
    assert lavrov["url"] == "glossary/people.html#sergey-lavrov"
    assert {m["source"] for m in lavrov["mentions"]} == {"seeds/lavrov-wonsan.txt"}
    assert lavrov["mentions"][1]["url"] == "articles/lavrov-wonsan.html#p1"
