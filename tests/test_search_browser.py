"""Searching the real book in headless Chromium: every form of a word, names in any
spelling, entries first, paragraph-level hits; over HTTP and from file://."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from .conftest import BookSite

pytestmark = pytest.mark.browser
ARTICLE = "articles/lavrov-wonsan.html"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def search(page: Page, base: str, query: str) -> list[dict[str, object]]:
    page.goto(f"{base}search.html?q={quote(query)}")
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')"
        " && document.querySelector('#search-results .search-summary').textContent.trim()",
        timeout=15000,
    )
    page.wait_for_timeout(300)  # paragraph hits load on demand
    return page.eval_on_selector_all(
        "#search-results ul.search > li",
        """items => items.map(li => ({
            kind: [...li.classList].find(c => c.startsWith('kind-')),
            href: li.querySelector('a').getAttribute('href'),
            text: li.innerText,
            paragraphs: [...li.querySelectorAll('.briefing-search-paragraphs > li > a')]
                .map(a => a.getAttribute('href').split('#')[1]),
            marks: [...li.querySelectorAll('.briefing-search-paragraphs mark')].map(m => m.textContent),
        }))""",
    )


def article_hit(results: list[dict[str, object]]) -> dict[str, object]:
    return next(r for r in results if str(r["href"]).startswith(ARTICLE))


@pytest.mark.parametrize(
    ("query", "paragraphs"),
    [
        ("موسكو", ["s1", "p3", "p7", "p9"]),
        ("بموسكو", ["s1", "p3", "p7", "p9"]),  # a prefix the text does not have
        ("لروسيا", ["p2", "p4", "p5", "p7", "p9", "p10", "p11"]),  # روسيًا in p10 too
        ("يحذّر", ["s3"]),  # shadda
        ("يحذر", ["s3"]),
        ("يـحـذر", ["s3"]),  # tatweel
        ("اكد", ["p9"]),  # alef form: وأكد
        ("الكوريه", ["p2", "p7", "p8", "p10"]),  # ة written as ه
        ("مستوي", []),  # ى written as ي: المستويين is another word, found nowhere as مستوى
    ],
)
def test_every_form_of_a_word_finds_its_paragraphs(
    page: Page, book_site: BookSite, query: str, paragraphs: list[str]
) -> None:
    results = search(page, book_site.url, query)
    if not paragraphs:
        assert not any(str(r["href"]).startswith(ARTICLE) for r in results)
        return
    hit = article_hit(results)
    assert hit["paragraphs"] == paragraphs
    assert hit["marks"], "the matched words are highlighted"


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("بيونج يانج", "glossary/places.html#pyongyang"),
        ("سيرجي لافروف", "glossary/people.html#sergey-lavrov"),
        ("سيرغي لافروف", "glossary/people.html#sergey-lavrov"),
        ("Lavrov", "glossary/people.html#sergey-lavrov"),
        ("KCNA", "glossary/organizations.html#kcna"),
        ("تشوي سونغ هوي", "glossary/people.html#choe-son-hui"),
    ],
)
def test_names_in_any_spelling_list_the_entry_first(
    page: Page, book_site: BookSite, query: str, entry: str
) -> None:
    results = search(page, book_site.url, query)
    first = results[0]
    assert (first["kind"], first["href"]) == ("kind-object", entry)
    assert any(label in str(first["text"]) for label in ("شخص", "مكان", "منظمة"))


def test_words_not_in_the_text_find_nothing(page: Page, book_site: BookSite) -> None:
    for query in ("قطار", "Zanzibar"):
        assert search(page, book_site.url, query) == []


def test_search_works_from_file_urls(page: Page, book_site: BookSite) -> None:
    base = book_site.outdir.as_uri() + "/"
    results = search(page, base, "بموسكو")
    assert results[0]["href"] == "glossary/places.html#moscow"
    assert article_hit(results)["paragraphs"] == ["s1", "p3", "p7", "p9"]


def test_paragraph_links_open_the_paragraph(page: Page, book_site: BookSite) -> None:
    search(page, book_site.url, "موسكو")
    page.click(".briefing-search-paragraphs a[href$='#p7']")
    page.wait_for_load_state()
    assert page.url.endswith(f"{ARTICLE}#p7")
    assert "موسكو" in page.inner_text("p#p7")
