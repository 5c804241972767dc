"""The parallel view in HTML (each Arabic paragraph with its English translation, the toggle)
and the paragraphs an English edition leaves in Arabic."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from tests.helpers import PARALLEL_ARTICLE, REPO, BuildFn, po, warnings_of

CATALOGUE = REPO / "locales" / "en" / "LC_MESSAGES" / "articles.po"
SEED_PARAGRAPHS = 12  # the lead, nine paragraphs and two list items
SEED_SECTIONS = 7
ARABIC = re.compile(r"[\u0600-\u06ff]")
TOGGLE_LABEL_AR = "الترجمة الإنجليزية"  # sphinx.po: "English translation"


#: A small article: a headline and two paragraphs, Latin words in the first.
def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def page_of(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return soup((app.outdir / name).read_text(encoding="utf-8"))


def english_text(block: Tag) -> str:
    """A translation's text without the mention hover cards (they are the Arabic book's)."""
    copy = soup(str(block))
    for card in copy.select(".briefing-preview"):
        card.decompose()
    return " ".join(copy.get_text().split())


@pytest.fixture
def seed_app(built: BuildFn) -> SphinxTestApp:
    """The seed article with the book's English catalogue: the Arabic book, parallel view."""
    return built("seed", files={"locales/en/LC_MESSAGES/articles.po": CATALOGUE.read_bytes()})


@pytest.fixture
def catalogue_texts() -> set[str]:
    with CATALOGUE.open("rb") as handle:
        return {str(m.string) for m in read_po(handle) if m.id and m.string}


def test_seed_builds_without_warnings(seed_app: SphinxTestApp) -> None:
    assert warnings_of(seed_app) == ""


def test_every_numbered_paragraph_has_its_english_beside_it(
    seed_app: SphinxTestApp, catalogue_texts: set[str]
) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    paragraphs = page.select("p.briefing-para")
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, SEED_PARAGRAPHS + 1)]
    for para in paragraphs:
        pair = para.parent
        assert isinstance(pair, Tag) and "briefing-pair" in pair["class"], para["id"]
        assert pair.find(recursive=False) is para  # the original first, then its translation
        sibling = para.find_next_sibling()
        assert isinstance(sibling, Tag) and "briefing-translation" in sibling["class"]
        assert sibling["lang"] == "en" and sibling["dir"] == "ltr", para["id"]
        english = sibling.select("p.briefing-para-translation")
        assert len(english) == 1, para["id"]
        text = english_text(english[0])
        assert text and not ARABIC.search(text), (para["id"], text)
        assert " ".join(text.split()) in {" ".join(t.split()) for t in catalogue_texts}


def test_the_pair_does_not_repeat_the_paragraph_anchor(seed_app: SphinxTestApp) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    ids = [str(tag["id"]) for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for pair in page.select("div.briefing-pair"):
        assert pair["class"] == ["briefing-pair"] and not pair.has_attr("id")
    target = page.select_one("#p3")
    assert target is not None and target.name == "p"


def test_headings_carry_their_translation_below(
    seed_app: SphinxTestApp, catalogue_texts: set[str]
) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    headings = [page.select_one("section.briefing-article > h1")]
    headings += [page.select_one(f"section#s{n} > h2") for n in range(1, SEED_SECTIONS + 1)]
    for heading in headings:
        assert heading is not None
        block = heading.find_next_sibling()
        assert isinstance(block, Tag) and "briefing-translation" in block["class"]
        assert block["lang"] == "en" and block["dir"] == "ltr"
        translated = block.select_one("p.briefing-heading-translation")
        assert translated is not None
        assert translated.get_text(strip=True) in catalogue_texts


def test_latin_in_the_english_text_is_not_isolated(seed_app: SphinxTestApp) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    assert page.select("div.briefing-translation")
    for block in page.select("div.briefing-translation"):
        for card in block.select(".briefing-preview"):
            card.decompose()
        assert not block.select("span[dir]"), block


def test_translations_are_hidden_until_the_toggle_shows_them(seed_app: SphinxTestApp) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    html = page.find("html")
    assert isinstance(html, Tag)
    assert "briefing-parallel-on" not in (html.get("class") or [])
    sheets = [str(link["href"]) for link in page.select('link[rel="stylesheet"]')]
    assert any(href.startswith("../_static/briefing/parallel.css") for href in sheets)
    css = (seed_app.outdir / "_static" / "briefing" / "parallel.css").read_text("utf-8")
    assert re.search(r"div\.briefing-translation \{\s*display: none;", css)
    assert re.search(
        r"html\.briefing-parallel-on div\.briefing-translation \{\s*display: block;", css
    )


def test_toggle_is_a_labelled_button_driven_from_head(seed_app: SphinxTestApp) -> None:
    page = page_of(seed_app, "articles/lavrov-wonsan.html")
    buttons = page.select("button.briefing-parallel-toggle")
    assert len(buttons) == 1
    button = buttons[0]
    assert button["type"] == "button"
    assert button["aria-pressed"] == "false"
    assert button.get_text(" ", strip=True) == TOGGLE_LABEL_AR  # visible label = its name
    assert not button.has_attr("aria-label")
    # Before the article's headline, inside the page's main content.
    headline = page.select_one("section.briefing-article > h1")
    assert headline is not None and button in headline.find_all_previous("button")
    # The script is in <head>, neither deferred nor async: it runs before the first paint.
    head = page.find("head")
    assert isinstance(head, Tag)
    scripts = [s for s in head.select("script[src]") if "briefing/parallel.js" in s["src"]]
    assert len(scripts) == 1
    assert not scripts[0].has_attr("defer") and not scripts[0].has_attr("async")
    assert (seed_app.outdir / "_static" / "briefing" / "parallel.js").is_file()


def test_pages_without_translations_have_no_toggle(seed_app: SphinxTestApp) -> None:
    for name in ("index.html", "entries.html"):
        page = page_of(seed_app, name)
        assert not page.select("button.briefing-parallel-toggle"), name
        assert not page.select('script[src*="parallel.js"]'), name


def test_without_a_catalogue_there_is_no_parallel_view(build: BuildFn) -> None:
    app = build("seed")
    page = page_of(app, "articles/lavrov-wonsan.html")
    assert not page.select("div.briefing-translation")
    assert not page.select("button.briefing-parallel-toggle")
    assert len(page.select("p.briefing-para")) == SEED_PARAGRAPHS


def test_english_with_an_arabic_word_keeps_its_latin_runs_whole(build: BuildFn) -> None:
    lines = PARALLEL_ARTICLE.splitlines()
    catalogue = po(
        {lines[1]: "Agencies – the minister called the talks with Sergey Lavrov «مثمرة»."}
    )
    app = build(
        "minimal",
        files={
            "articles/talks.txt": PARALLEL_ARTICLE,
            "locales/en/LC_MESSAGES/articles.po": catalogue,
        },
    )
    page = page_of(app, "articles/talks.html")
    arabic = page.select_one("p#p1")
    assert arabic is not None
    assert [s.get_text() for s in arabic.select('span[dir="ltr"][lang="en"]')] == ["Sergey Lavrov"]
    block = arabic.find_next_sibling()
    assert isinstance(block, Tag) and block["lang"] == "en"
    assert "Sergey Lavrov" in block.get_text()
    assert not block.select("span[dir]")


def test_english_edition_marks_untranslated_paragraphs_arabic(build: BuildFn) -> None:
    lines = PARALLEL_ARTICLE.splitlines()
    catalogue = po(
        {
            lines[0]: "Talks in Moscow",
            lines[1]: "Agencies – the minister said the talks with Sergey Lavrov were fruitful.",
        }
    )
    app = build(
        "minimal",
        files={
            "articles/talks.txt": PARALLEL_ARTICLE,
            "locales/en/LC_MESSAGES/articles.po": catalogue,
        },
        confoverrides={"language": "en"},
    )
    html = (app.outdir / "articles" / "talks.html").read_text("utf-8")
    assert re.search(r'<html dir="ltr" lang="en"', html)
    page = soup(html)
    translated, untranslated = page.select_one("p#p1"), page.select_one("p#p2")
    assert translated is not None and untranslated is not None
    assert not translated.has_attr("lang") and "fruitful" in translated.get_text()
    assert untranslated["lang"] == "ar"
    assert lines[2] in untranslated.get_text()
    # No parallel view in a translated edition: the text is already the translation.
    assert not page.select("div.briefing-translation, button.briefing-parallel-toggle")
    # The edition's stylesheet sets such paragraphs right to left (checked in Chromium in
    # test_parallel_browser.py).
    assert any("parallel.css" in str(link["href"]) for link in page.select("link[rel=stylesheet]"))
    css = (app.outdir / "_static" / "briefing" / "parallel.css").read_text("utf-8")
    rule = re.search(
        r'html:not\(\[dir="rtl"\]\) :is\([^)]*\bp\b[^)]*\)\[lang\|="ar"\] \{([^}]*)\}', css
    )
    assert rule is not None and "direction: rtl;" in rule.group(1)
