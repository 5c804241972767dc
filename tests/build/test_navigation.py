"""The sidebar lists only the newest articles (bounded page cost), the full toctree stays."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.html.navigation import shown_entries
from tests.helpers import BuildFn, warnings_of

BOOK_THEME = {"html_theme": "sphinx_book_theme"}


def sidebar(app: SphinxTestApp, page: str) -> BeautifulSoup:
    html = (app.outdir / page).read_text(encoding="utf-8")
    nav = BeautifulSoup(html, "html.parser").select_one("nav.bd-docs-nav")
    assert nav is not None
    return nav


def links(nav: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a["href"], a.get_text(strip=True)) for a in nav.select("ul.bd-sidenav li a")]


def test_shown_entries_keeps_the_newest_and_the_current() -> None:
    entries = [(None, f"a{n}") for n in range(5)]
    assert shown_entries(entries, "a1", 2) == [(None, "a0"), (None, "a1")]
    assert shown_entries(entries, "a4", 2) == [(None, "a0"), (None, "a1"), (None, "a4")]
    assert shown_entries(entries, "index", 2) == [(None, "a0"), (None, "a1")]
    assert shown_entries(entries, "a4", 0) == entries
    assert shown_entries(entries, "a4", 9) == entries


def test_sidebar_caps_articles_and_links_to_the_full_list(build: BuildFn) -> None:
    app = build("library", confoverrides={**BOOK_THEME, "briefing_sidebar_articles": 1})
    assert warnings_of(app) == ""

    newest = links(sidebar(app, "articles/newer.html"))
    assert [href for href, _ in newest] == ["#", "../index.html"]
    assert newest[-1][1] == "كل المقالات (3)"

    # An older article is shown as the current page after the newest ones.
    oldest = sidebar(app, "articles/undated.html")
    assert [href for href, _ in links(oldest)] == [
        "newer.html",
        "#",
        "../index.html",
    ]
    assert "current" in oldest.select("ul.bd-sidenav li")[1]["class"]

    # The full toctree is unchanged: previous/next still walk every article.
    page = BeautifulSoup(
        (app.outdir / "articles" / "undated.html").read_text(encoding="utf-8"), "html.parser"
    )
    previous = page.select_one("a.left-prev")
    assert previous is not None and previous["href"] == "older.html"
    assert app.env.toctree_includes["index"] == [
        "articles/newer",
        "articles/older",
        "articles/undated",
    ]


def test_sidebar_lists_every_article_when_the_cap_is_off(build: BuildFn) -> None:
    app = build("library", confoverrides={**BOOK_THEME, "briefing_sidebar_articles": 0})
    hrefs = [href for href, _ in links(sidebar(app, "articles/older.html"))]
    assert hrefs == ["newer.html", "#", "undated.html"]
    assert "كل المقالات" not in sidebar(app, "articles/older.html").get_text()
