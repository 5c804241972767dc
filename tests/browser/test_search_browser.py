"""Searching in headless Chromium: every form of a word, names in any spelling and with
typos, years and months, entries first and then the articles that mention them, paragraph-level
hits, the query highlighted on the page a result opens, over HTTP and from file:// (the real
book); the same first entry as ``briefing search``; paragraph hits loaded lazily past the first
20 results (a generated library of 45 articles); hover previews kept out of the index
(tests/roots/test-search-previews); names never stemmed into common words
(tests/roots/test-search-names: «بوتين» and an article about figs, «التين»)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page
from sphinx.testing.util import SphinxTestApp

from tests.helpers import REPO, ROOTS, BookSite, run_cli, serve

pytestmark = pytest.mark.browser
ARTICLE = "articles/lavrov-wonsan.html"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


#: The search is complete: the status line is written and the results whose paragraph hits
#: load at once (the first 20) have them (or have none).
COMPLETE = """() => {
    const summary = document.querySelector('#search-results .search-summary');
    if (!summary || !summary.textContent.trim()) return false;
    const items = [...document.querySelectorAll('#search-results ul.search > li')].slice(0, 20);
    return items.every(li => li.classList.contains('kind-object')
        || (li.dataset.briefingExpanded && !li.hasAttribute('aria-busy')));
}"""


def search(page: Page, base: str, query: str) -> list[dict[str, object]]:
    """The results of ``query``: kind, link (without its ?highlight=), highlight words,
    text, paragraph anchors listed and marked words."""
    page.goto(f"{base}search.html?q={quote(query)}")
    page.wait_for_function(COMPLETE, timeout=15000)
    results: list[dict[str, object]] = page.eval_on_selector_all(
        "#search-results ul.search > li",
        """items => items.map(li => {
            const link = li.querySelector('a').getAttribute('href');
            const search = (link.match(/\\?[^#]*/) || [''])[0];
            return {
                kind: [...li.classList].find(c => c.startsWith('kind-')),
                href: link.replace(/\\?[^#]*/, ''),
                highlight: new URLSearchParams(search).get('highlight'),
                text: li.innerText,
                paragraphs: [...li.querySelectorAll('.briefing-search-paragraphs > li > a')]
                    .map(a => a.getAttribute('href').split('#')[1]),
                marks: [...li.querySelectorAll('.briefing-search-paragraphs mark')]
                    .map(m => m.textContent),
            };
        })""",
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


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("لافرف", "glossary/people.html#sergey-lavrov"),  # a letter left out
        ("بلافرف", "glossary/people.html#sergey-lavrov"),  # and a proclitic
        ("Lavrof", "glossary/people.html#sergey-lavrov"),
        ("Lavorv", "glossary/people.html#sergey-lavrov"),  # two letters swapped
        ("Pyongyng", "glossary/places.html#pyongyang"),
        ("Kim Jung Un", "glossary/people.html#kim-jong-un"),
        ("فلاديمر بوتين", "glossary/people.html#vladimir-putin"),
        ("Moskow", "glossary/places.html#moscow"),
    ],
)
def test_typos_find_the_entry_then_the_article(
    page: Page, book_site: BookSite, query: str, entry: str
) -> None:
    results = search(page, book_site.url, query)
    assert (results[0]["kind"], results[0]["href"]) == ("kind-object", entry)
    assert str(results[1]["href"]).startswith(ARTICLE)  # the article that mentions it
    hit = results[1]
    assert hit["paragraphs"] and hit["marks"], "the paragraphs that name it, marked"


@pytest.mark.parametrize(
    "query", ["2025", "٢٠٢٥", "يوليو 2025", "تموز 2025", "July 2025", "12 يوليو 2025", "2025-07"]
)
def test_years_and_months_find_the_articles_date(
    page: Page, book_site: BookSite, query: str
) -> None:
    results = search(page, book_site.url, query)
    hit = article_hit(results)
    assert hit["paragraphs"] == ["sources"]  # its Sources section: the date of the events
    assert hit["marks"] == ["2025-07-12"]


def test_a_month_and_a_year_find_the_entries_of_that_month(page: Page, book_site: BookSite) -> None:
    results = search(page, book_site.url, "تموز 2025")  # the Levantine name of July
    people = next(r for r in results if r["href"] == "glossary/people.html")
    assert "sergey-lavrov" in people["paragraphs"]  # «أجرى في يوليو 2025 محادثات …»
    assert "يوليو" in people["marks"] and "2025" in people["marks"]
    # June is not July: the article (July only) is not found, nor the July entries by name.
    june = search(page, book_site.url, "يونيو 2025")
    assert not any(str(r["href"]).startswith(ARTICLE) for r in june)
    assert not any(str(r["href"]).endswith("#lavrov-wonsan-visit") for r in june)


@pytest.mark.parametrize(
    "query",
    ["Lavrov", "لافروف", "سيرغي لافروف", "Kim Jong Un", "كيم جونغ أون", "Pyongyang", "بيونج يانج"],
)
def test_the_entry_comes_first_then_the_article(
    page: Page, book_site: BookSite, query: str
) -> None:
    results = search(page, book_site.url, query)
    assert results[0]["kind"] == "kind-object"
    hrefs = [str(r["href"]) for r in results]
    assert any(h.startswith(ARTICLE) for h in hrefs[:3]), hrefs[:5]
    if "Lavrov" in query or "لافروف" in query:
        assert hrefs[:2] == ["glossary/people.html#sergey-lavrov", ARTICLE]
    # The glossary pages come after the articles that mention the entry.
    pages = [
        i for i, r in enumerate(results) if r["kind"] == "kind-text" and "glossary/" in r["href"]
    ]
    assert all(i > hrefs.index(ARTICLE) for i in pages)


@pytest.mark.parametrize(
    ("query", "marked"),
    [("لافرف", "لافروف"), ("Lavrov", "Lavrov"), ("يحذر", "يحذّر"), ("تموز 2025", "2025-07-12")],
)
def test_the_page_a_result_opens_highlights_the_words_found(
    page: Page, book_site: BookSite, query: str, marked: str
) -> None:
    results = search(page, book_site.url, query)
    assert marked in str(article_hit(results)["highlight"]).split()
    page.click(f"#search-results ul.search > li > a[href^='{ARTICLE}']")
    page.wait_for_function(
        "() => document.querySelector('div.body span.highlighted, span.highlighted')"
    )
    found = page.eval_on_selector_all("span.highlighted", "spans => spans.map(s => s.textContent)")
    assert marked.lower() in [text.lower() for text in found]
    assert "highlight=" not in page.url  # sphinx_highlight.js takes it out of the address


def test_the_search_page_lists_the_same_first_entry_as_the_cli(
    page: Page, book_site: BookSite
) -> None:
    glossary_dir = REPO / "docs" / "glossary" / "entries"
    for query in ["لافرف", "Lavrof", "Pyongyng", "Kim Jung Un", "بيونج يانج", "Seol", "روسي"]:
        cli = run_cli(
            "search", query, "--format", "json", "--glossary", str(glossary_dir),
            "--export", str(book_site.outdir / "no-export.json"),
        )  # fmt: skip
        first = json.loads(cli.stdout)[0]["id"]
        results = search(page, book_site.url, query)
        assert results[0]["kind"] == "kind-object", query
        assert str(results[0]["href"]).endswith(f"#{first}"), (query, first)


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
        # The entities' script carries the build's checksum (?v=): compared by its path.
        if "/_static/briefing/search/" in url and not urlsplit(url).path.endswith("/entities.js")
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
        # The last article among the results (the landing page, which lists headlines,
        # comes after the articles and has no paragraph hits of its own).
        article = "#search-results ul.search > li:has(> a[href^='articles/'])"
        last = page.locator(article).last
        assert last.get_attribute("data-briefing-expanded") is None
        last.locator(":scope > a").focus()
        page.wait_for_function(
            f'() => [...document.querySelectorAll("{article}")]'
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


# ---------------------------------------------------------------------------------------
# Names are never stemmed into common words (tests/roots/test-search-names)
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def names_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    srcdir = tmp_path_factory.mktemp("names") / "src"
    shutil.copytree(ROOTS / "test-search-names", srcdir)  # follows the seed and glossary links
    with built(srcdir) as site:
        yield site


def articles_of(results: list[dict[str, object]]) -> list[str]:
    return [str(r["href"]) for r in results if str(r["href"]).startswith("articles/")]


def test_putin_finds_no_article_about_figs(page: Page, names_site: Site) -> None:
    results = search(page, names_site.url, "بوتين")
    assert str(results[0]["href"]).endswith("#vladimir-putin")
    # Putin in the headline first, then the article that names him in its text; never figs.
    assert articles_of(results) == [
        "articles/putin-delegation.html",
        "articles/lavrov-wonsan.html",
    ]
    for query in ("لبوتين", "وبوتين", "Putin"):
        assert "articles/figs.html" not in articles_of(search(page, names_site.url, query))
    figs = search(page, names_site.url, "التين")
    assert articles_of(figs) == ["articles/figs.html"]
    assert figs[0]["paragraphs"] == ["p1", "p2", "p3"]
    assert "بوتين" not in figs[0]["marks"]


def test_with_figs_in_the_book_lavrov_still_lists_his_article_second(
    page: Page, names_site: Site
) -> None:
    results = search(page, names_site.url, "لافروف")
    assert [str(r["href"]) for r in results[:2]] == [
        "entries.html#sergey-lavrov",
        "articles/lavrov-wonsan.html",
    ]
    assert "articles/figs.html" not in articles_of(results)


def test_a_levantine_month_finds_the_paragraph_and_the_dates(page: Page, names_site: Site) -> None:
    results = search(page, names_site.url, "تموز 2025")
    hits = {
        str(r["href"]): r["paragraphs"] for r in results if str(r["href"]).startswith("articles/")
    }
    assert hits == {
        "articles/putin-delegation.html": ["p1", "sources"],  # «في 3 تموز 2025»
        "articles/lavrov-wonsan.html": ["sources"],  # 2025-07-12
    }
