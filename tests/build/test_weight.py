"""What an HTML build ships (issue #19, "Weight"): hover cards once per page, the web font cut
to the pages' characters, no source maps or Font Awesome web fonts, the extension's CSS and
JavaScript minified and bundled, Sphinx's search and highlighting files only where used."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing import resources
from sphinx_briefing.html import assets, font_subset
from sphinx_briefing.html.minify import minify_css, minify_js
from tests.helpers import BuildFn, preview_card, warnings_of

ARTICLE = "articles/lavrov-wonsan.html"
CODE_PAGE = ":orphan:\n\nCode\n====\n\n.. code-block:: python\n\n   answer = 42\n"
ADMONITION_PAGE = (
    ":orphan:\n\nNote\n====\n\n.. note::\n\n   ملاحظة.\n\n:download:`الملف <conf.py>`\n"
)


@pytest.fixture
def seed(built: BuildFn) -> SphinxTestApp:
    return built("seed")


@pytest.fixture
def themed(built: BuildFn) -> SphinxTestApp:
    """The book's theme with a code block, an admonition and a download link."""
    return built("icons", files={"code.rst": CODE_PAGE, "note.rst": ADMONITION_PAGE})


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


# ---------------------------------------------------------------------------------------
# Hover cards
# ---------------------------------------------------------------------------------------


def test_an_entry_mentioned_n_times_has_its_card_once(seed: SphinxTestApp) -> None:
    html = page(seed, ARTICLE)
    mentions = html.select("a.briefing-mention[data-briefing-card]")
    counts = Counter(str(a["data-briefing-card"]) for a in mentions)
    entity, n = counts.most_common(1)[0]
    assert n >= 3, counts
    assert len(html.select(f"template#briefing-card-{entity}")) == 1
    # One template per entry the page mentions, and no card anywhere else.
    templates = {str(t["id"]) for t in html.find_all("template")}
    assert templates == {f"briefing-card-{e}" for e in counts}
    source = (Path(seed.outdir) / ARTICLE).read_text(encoding="utf-8")
    outside = re.sub(r"<template\b.*?</template>", "", source, flags=re.DOTALL)
    assert source.count('class="briefing-preview no-search"') == len(templates)
    assert "briefing-preview" not in outside
    # Every mention is a link that names its card, with its title for assistive technology.
    assert len(mentions) == len(html.select("a.briefing-mention")) == sum(counts.values())
    assert all(a.get("title") for a in mentions)
    card = preview_card(html, mentions[0])
    assert card is not None and card["aria-hidden"] == "true" and card["role"] == "tooltip"


def test_the_card_markup_is_written_once(seed: SphinxTestApp) -> None:
    source = (Path(seed.outdir) / ARTICLE).read_text(encoding="utf-8")
    html = page(seed, ARTICLE)
    entity, n = Counter(re.findall(r'data-briefing-card="([^"]+)"', source)).most_common(1)[0]
    card = preview_card(html, html.select_one(f'a[data-briefing-card="{entity}"]'))
    assert n >= 3 and card is not None
    # The English description is in the card only (the links' titles are in Arabic).
    description = card.select_one(".briefing-preview-desc-en").get_text()
    assert description and source.count(description) == 1


# ---------------------------------------------------------------------------------------
# The web font
# ---------------------------------------------------------------------------------------


def _page_characters(outdir: Path) -> set[str]:
    found: set[str] = set()
    for path in outdir.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all(["script", "style"]):
            script.decompose()
        # find_all(string=True) includes the strings of <template>s (the hover cards).
        found.update("".join(soup.find_all(string=True)))
    for path in (outdir / "_static" / "briefing" / "search").rglob("*.js"):
        found.update(path.read_text(encoding="utf-8"))  # search results: glossary text
    return {c for c in found if c >= " "}


def test_the_web_font_covers_every_character_of_the_pages(seed: SphinxTestApp) -> None:
    outdir = Path(seed.outdir)
    woff2 = outdir / "_static" / font_subset.FONT_PATH
    subset = TTFont(str(woff2))
    source = TTFont(str(font_subset.font_source()), lazy=True)
    shown = {ord(c) for c in _page_characters(outdir)}
    assert {ord(c) for c in "سيرغي لافروفSergey٢"} <= shown | {ord("٢")}
    drawable = shown & set(source.getBestCmap())
    missing = drawable - set(subset.getBestCmap())
    assert not missing, "".join(sorted(map(chr, missing)))
    # A third of the whole font's WOFF2 at most, and the base set is there too.
    assert woff2.stat().st_size < 150_000
    assert font_subset.base_codepoints() & set(source.getBestCmap()) <= set(subset.getBestCmap())
    assert (woff2.parent / font_subset.LICENSE_NAME).is_file()


# ---------------------------------------------------------------------------------------
# Theme files, bundles, per-page files
# ---------------------------------------------------------------------------------------


def test_no_source_map_or_font_awesome_web_font_is_shipped(themed: SphinxTestApp) -> None:
    static = Path(themed.outdir) / "_static"
    assert not list(static.rglob("*.map"))
    assert not list(static.rglob("fa-*.woff2")) and not (static / "vendor").exists()
    for path in [*static.rglob("*.css"), *static.rglob("*.js")]:
        text = path.read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text, path
        assert "webfonts/" not in text, path
    assert warnings_of(themed) == ""


def test_the_extension_css_is_one_minified_bundle(seed: SphinxTestApp) -> None:
    html = page(seed, ARTICLE)
    sheets = [str(link["href"]).split("?")[0] for link in html.select("link[rel=stylesheet]")]
    briefing = [s for s in sheets if "/briefing/" in s]
    assert briefing == [
        "../_static/briefing/briefing-bundle.css",
        "../_static/briefing/parallel.css",
    ]
    static = Path(seed.outdir) / "_static"
    bundle = (static / assets.BUNDLE).read_text(encoding="utf-8")
    position = -1
    for name in assets.BUNDLED_CSS:
        minified = minify_css((resources.STATIC / name).read_text(encoding="utf-8"))
        assert minified in bundle, name
        assert bundle.index(minified) > position, "the cascade order is kept"
        position = bundle.index(minified)
    # Every stylesheet and script of the extension is served minified, under its own name.
    for source in resources.STATIC.rglob("*"):
        if source.suffix in (".css", ".js"):
            text = source.read_text(encoding="utf-8")
            shipped = (static / source.relative_to(resources.STATIC)).read_text(encoding="utf-8")
            minify = minify_css if source.suffix == ".css" else minify_js
            assert shipped == minify(text), source.name


def test_search_files_load_only_on_the_search_page(seed: SphinxTestApp) -> None:
    for name in (ARTICLE, "index.html", "entries.html"):
        sources = [str(s["src"]) for s in page(seed, name).select("script[src]")]
        assert not [s for s in sources if re.search(r"searchindex|searchtools|language_data", s)]
    search = [str(s["src"]) for s in page(seed, "search.html").select("script[src]")]
    assert any("searchindex.js" in s for s in search)
    assert any("searchtools.js" in s for s in search)


def test_highlighting_styles_load_only_with_highlighted_code(themed: SphinxTestApp) -> None:
    def sheets(name: str) -> list[str]:
        return [str(link["href"]) for link in page(themed, name).select("link[rel=stylesheet]")]

    assert any("pygments.css" in s for s in sheets("code.html"))
    assert page(themed, "code.html").select("div.highlight")
    for name in ("index.html", "second.html", "note.html", "search.html"):
        assert not any("pygments.css" in s for s in sheets(name)), name


def test_basic_css_is_minified(themed: SphinxTestApp) -> None:
    basic = (Path(themed.outdir) / "_static" / "basic.css").read_text(encoding="utf-8")
    assert "/*" not in basic and "\n\n" not in basic and "\n    " not in basic
    assert "div.body" in basic
