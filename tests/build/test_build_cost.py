"""Work a build does once, not once per article: the book's revision while pages are
written, the glossary's aliases for the linker. Counted, not timed: the counts are the same
for a book of two articles and for one of eight."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.domain import BriefingDomain
from sphinx_briefing.glossary import Glossary
from tests.helpers import ROOTS, warnings_of

ARTICLES = ROOTS / "test-coverage" / "articles"


def _extra_articles(count: int) -> dict[str, str]:
    """``count`` more articles, copies of the root's under new names."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return {f"articles/copy-{n}.txt": texts[n % len(texts)] for n in range(count)}


def _counting(monkeypatch: pytest.MonkeyPatch, owner: type, name: str, calls: list[int]) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


@pytest.mark.parametrize(
    ("owner", "name"),
    [(BriefingDomain, "revision"), (Glossary, "aliases")],
    ids=["book-revision", "linker-aliases"],
)
def test_per_build_work_does_not_grow_with_the_articles(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    owner: type,
    name: str,
) -> None:
    counts = []
    for extra in (0, 6):
        srcdir = tmp_path / f"book-{extra}"
        shutil.copytree(ROOTS / "test-coverage", srcdir)
        for path, text in _extra_articles(extra).items():
            (srcdir / path).write_text(text, encoding="utf-8")
        calls: list[int] = []
        _counting(monkeypatch, owner, name, calls)
        app = make_app("html", srcdir=srcdir)
        app.build()
        monkeypatch.undo()
        assert warnings_of(app) == ""
        assert len(list((app.outdir / "articles").glob("*.html"))) == 2 + extra
        app.cleanup()  # one live application at a time
        counts.append(len(calls))
    assert counts[0] > 0
    assert counts[1] == counts[0], f"{name}: {counts[0]} calls for 2 articles, {counts[1]} for 8"
