"""Searching in headless Chromium: every form of a word, names in any spelling, entries
first, paragraph-level hits, over HTTP and from file:// (the real book); paragraph hits
loaded lazily past the first 20 results (a generated library of 45 articles); hover previews
kept out of the index (tests/roots/test-search-previews)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page
from sphinx.testing.util import SphinxTestApp

from tests.helpers import ROOTS, BookSite, serve

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
    page.wait_for_timeout(300)  # paragraph hits load on demand (the first 20 results)
    results: list[dict[str, object]] = page.eval_on_selector_all(
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
    return results


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


# ---------------------------------------------------------------------------------------
# Lazy paragraph hits: test-library plus 45 generated articles, all saying موسكو
# ---------------------------------------------------------------------------------------

#: Results whose paragraph hits load at once (EAGER in search.js).
EAGER = 20
GENERATED = 45


def talks_article(number: int) -> str:
    """An article with موسكو in three paragraphs (long enough to wrap), not in its headline."""
    return (
        f"جولة المحادثات رقم {number}\n"
        f"وكالات – عقد الوفدان في موسكو جولة المحادثات رقم {number} وتناولا فيها التعاون "
        "الاقتصادي والتبادل التجاري والسياحي بين البلدين، واتفقا على مواصلة اللقاءات في "
        "موسكو خلال الأشهر المقبلة.\n"
        "الخلفية\n"
        "بدأت المحادثات بعد زيارة سابقة إلى موسكو، وشارك فيها مسؤولون من وزارات الخارجية "
        "والاقتصاد والنقل، وقال المشاركون إن الجولة المقبلة ستعقد في موسكو أيضا.\n"
        "النتائج\n"
        "أعلن الجانبان في ختام الجولة عن خطة لتوسيع الرحلات الجوية بين موسكو والعاصمة "
        "الأخرى، وعن لجنة مشتركة تجتمع كل ثلاثة أشهر لمتابعة تنفيذ ما اتفق عليه.\n"
    )


class Site:
    """A test build: where it is on disk and where it is served."""

    def __init__(self, outdir: Path, url: str) -> None:
        self.outdir = outdir
        self.url = url

    def base(self, scheme: str) -> str:
        return self.url if scheme == "http" else self.outdir.as_uri() + "/"


@contextmanager
def built(srcdir: Path, **confoverrides: object) -> Iterator[Site]:
    """Build ``srcdir`` (HTML) and serve it on loopback for the duration of the block."""
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides=confoverrides)
    try:
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    with serve(outdir) as url:
        yield Site(outdir, url)


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    srcdir = tmp_path_factory.mktemp("many") / "src"
    shutil.copytree(ROOTS / "test-library", srcdir)
    for number in range(1, GENERATED + 1):
        path = srcdir / "articles" / f"talks-{number:02d}.txt"
        path.write_text(talks_article(number), encoding="utf-8")
    with built(srcdir, html_show_search_summary=False) as site:
        yield site


#: Per result: its kind, whether it is an article, whether its hits were expanded (or are
#: loading) and how many paragraph hits it lists.
RESULT_STATE = """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
    kind: [...li.classList].find(c => c.startsWith('kind-')),
    article: li.querySelector(':scope > a').getAttribute('href').startsWith('articles/'),
    expanded: li.dataset.briefingExpanded === '1',
    busy: li.hasAttribute('aria-busy'),
    paragraphs: li.querySelectorAll('.briefing-search-paragraphs > li').length,
}))"""
SETTLED = """n => {
    const items = [...document.querySelectorAll('#search-results ul.search > li')];
    return (document.querySelector('#search-results .search-summary') || {}).textContent
        && items.slice(0, n).every(li => li.classList.contains('kind-object')
            || (li.dataset.briefingExpanded && !li.hasAttribute('aria-busy')));
}"""


def paragraph_scripts(requests: list[str]) -> list[str]:
    return [
        url
        for url in requests
        if "/_static/briefing/search/" in url and not url.endswith("/entities.js")
    ]


def scroll_to_the_end(page: Page) -> None:
    """Scroll down one screen at a time, as a reader would, until the end stays put."""
    for _ in range(200):
        page.evaluate("() => window.scrollBy(0, Math.round(window.innerHeight * 0.8))")
        page.wait_for_timeout(60)
        if page.evaluate(
            "() => window.scrollY + window.innerHeight"
            " >= document.documentElement.scrollHeight - 2"
            " && !document.querySelector('#search-results [aria-busy]')"
        ):
            return
    raise AssertionError("never reached the end of the results")


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_paragraph_hits_load_for_the_first_results_then_on_scrolling(
    browser: Browser, library_site: Site, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{library_site.base(scheme)}search.html?q={quote('موسكو')}")
        page.wait_for_function(SETTLED, arg=EAGER, timeout=15000)
        page.wait_for_timeout(500)  # time for any (wrong) lazy expansion to happen

        before = page.evaluate(RESULT_STATE)
        articles = [r for r in before if r["article"]]
        assert len(articles) > EAGER + 20  # the generated ones and «موسكو تستضيف محادثات»
        first, rest = before[:EAGER], before[EAGER:]
        assert all(r["expanded"] for r in first if r["kind"] != "kind-object")
        assert all(r["paragraphs"] for r in first if r["article"])
        assert not any(r["expanded"] or r["paragraphs"] for r in rest)
        loaded = paragraph_scripts(requests)
        assert len(loaded) == sum(1 for r in first if r["article"])
        assert page.evaluate("() => window.scrollY") == 0

        scroll_to_the_end(page)
        page.wait_for_function(SETTLED, arg=len(before), timeout=15000)
        after = page.evaluate(RESULT_STATE)
        assert len(after) == len(before)
        assert all(r["expanded"] for r in after if r["kind"] != "kind-object")
        assert all(r["paragraphs"] for r in after if r["article"])
        generated = [r for r in after if r["paragraphs"] == 3]
        assert len(generated) == GENERATED  # all three paragraphs of each, no more
        assert len(paragraph_scripts(requests)) == len(articles)  # each loaded once
    finally:
        context.close()


def test_a_focused_result_gets_its_paragraph_hits(browser: Browser, library_site: Site) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(f"{library_site.url}search.html?q={quote('موسكو')}")
        page.wait_for_function(SETTLED, arg=EAGER, timeout=15000)
        last = page.locator("#search-results ul.search > li").last
        assert last.get_attribute("data-briefing-expanded") is None
        last.locator(":scope > a").focus()
        page.wait_for_function(
            "() => [...document.querySelectorAll('#search-results ul.search > li')]"
            ".pop().querySelector('.briefing-search-paragraphs a')",
            timeout=15000,
        )
        page.keyboard.press("Tab")  # the focus moves on to the result's first ¶ link
        focused = page.evaluate("() => document.activeElement.className")
        assert focused == "briefing-search-pnum"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------
# Hover previews are not the article's text (tests/roots/test-search-previews)
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def previews_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    srcdir = tmp_path_factory.mktemp("previews") / "src"
    shutil.copytree(ROOTS / "test-search-previews", srcdir)  # follows the glossary link
    with built(srcdir) as site:
        yield site


def test_a_preview_description_does_not_make_an_article_a_result(
    page: Page, previews_site: Site
) -> None:
    # wonsan-port links Wonsan, whose hover card says "venue of the Lavrov–Kim talks"; its
    # own text never names Lavrov (لافروف or any other alias).
    html = (previews_site.outdir / "articles" / "wonsan-port.html").read_text(encoding="utf-8")
    assert "Lavrov" in html and "briefing-preview no-search" in html
    source = (ROOTS / "test-search-previews" / "articles" / "wonsan-port.txt").read_text(
        encoding="utf-8"
    )
    assert "لافروف" not in source and "Lavrov" not in source

    results = search(page, previews_site.url, "Lavrov")
    hrefs = [str(r["href"]) for r in results]
    assert results[0]["kind"] == "kind-object"
    assert str(results[0]["href"]).endswith("#sergey-lavrov")
    assert not any(h.startswith("articles/wonsan-port") for h in hrefs)
    statement = next(r for r in results if str(r["href"]).startswith("articles/minister"))
    assert statement["paragraphs"] == ["p1"]
    # The glossary page is found through Wonsan's description, and says so.
    page_hit = next(r for r in results if r["href"] == "entries.html")
    entries = page_hit["paragraphs"]
    assert isinstance(entries, list) and "wonsan" in entries

    # The article is still found by its own words, and its card still opens on focus.
    assert any(
        str(r["href"]).startswith("articles/wonsan-port")
        for r in search(page, previews_site.url, "سفن")
    )
    page.goto(f"{previews_site.url}articles/wonsan-port.html")
    link = page.locator("a.briefing-mention").first
    card = link.locator(":scope > .briefing-preview")
    assert not card.is_visible()
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus (:focus-visible)
    assert card.is_visible()
    assert "Lavrov" in card.inner_text()


def test_words_in_different_paragraphs_list_the_paragraphs_with_some_of_them(
    page: Page, library_site: Site
) -> None:
    # Each generated article has اللقاءات in ¶1 and النتائج as the heading of §2: no
    # paragraph has both, so the ones with either are listed, with the word marked.
    results = search(page, library_site.url, "اللقاءات النتائج")
    assert len(results) == GENERATED
    expanded = [r for r in results if r["paragraphs"]]
    assert len(expanded) == EAGER
    for result in expanded:
        assert result["paragraphs"] == ["p1", "s2"]
        assert result["marks"] == ["اللقاءات", "النتائج"]
