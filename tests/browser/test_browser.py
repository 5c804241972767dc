"""Browser tests: headless Chromium (Playwright) against the real build of docs/."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from tests import ui_strings
from tests.helpers import ARTICLE, REPO, BookSite

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, book_site: BookSite) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((book_site.url, "data:"))
            else outside.append(request.url)
        ),
    )
    yield page
    context.close()
    assert outside == [], "the book must work offline"


def test_page_is_rtl_arabic(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_paragraph_numbers_are_visible_permalinks(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    numbers = page.locator("a.briefing-pnum")
    assert numbers.count() == 12
    assert [numbers.nth(i).inner_text().strip() for i in range(12)] == [
        f"¶{n}" for n in range(1, 13)
    ]
    for i in range(12):
        assert numbers.nth(i).is_visible()
    numbers.nth(6).click()
    assert page.url.endswith("#p7")
    assert page.evaluate("document.querySelector(':target').id") == "p7"
    # The number sits at the paragraph's start: the right edge in RTL.
    para = page.locator("p#p7").bounding_box()
    mark = page.locator("p#p7 a.briefing-pnum").bounding_box()
    assert para is not None and mark is not None
    assert mark["x"] + mark["width"] / 2 > para["x"] + para["width"] / 2


def test_sections_are_numbered_and_permalinked(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    ids = page.eval_on_selector_all("section.briefing-section", "els => els.map(e => e.id)")
    assert ids == [f"s{n}" for n in range(1, 8)]
    assert page.locator("section#s3 h2 .briefing-secnum").inner_text() == "§3"
    link = page.locator("section#s3 h2 a.headerlink")
    assert link.get_attribute("href") == "#s3"


def test_landing_page_links_the_article(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + "index.html")
    entry = page.locator("ul.briefing-articles li").first
    assert "وكالات" in entry.inner_text() and "2025-07-12" in entry.inner_text()
    entry.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(ARTICLE)


def test_arabic_web_font_is_served_locally(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    page.evaluate("document.fonts.ready")
    family = page.evaluate("getComputedStyle(document.querySelector('p#p1')).fontFamily")
    assert "Noto Sans Arabic" in family
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Arabic\"', 'سلام')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Noto Sans Arabic" in f for f in loaded)


def test_no_horizontal_overflow_on_a_phone(browser: Browser, book_site: BookSite) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(book_site.url + ARTICLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    numbers = page.locator("a.briefing-pnum")
    for i in range(numbers.count()):
        box = numbers.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 400
    context.close()


def _allowed() -> list[str]:
    return ui_strings.ALLOWED_LATIN + ui_strings.allowed_from_conf(REPO / "docs" / "conf.py")


def test_no_english_ui_strings_in_written_pages(book_site: BookSite) -> None:
    problems: list[str] = []
    for name in ui_strings.PAGES:
        html = (book_site.outdir / name).read_text(encoding="utf-8")
        problems += ui_strings.check_html(html, name, _allowed())
    assert problems == []


def test_no_english_ui_strings_after_scripts_ran(page: Page, book_site: BookSite) -> None:
    problems: list[str] = []
    for name in ui_strings.PAGES:
        page.goto(book_site.url + name, wait_until="load")
        page.wait_for_timeout(200)
        problems += ui_strings.check_html(page.content(), name, _allowed())
    assert problems == []


def test_search_status_speaks_arabic(page: Page, book_site: BookSite) -> None:
    page.goto(f"{book_site.url}search.html?q={quote(ui_strings.QUERY)}", wait_until="load")
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')"
        " && document.querySelector('#search-results .search-summary').textContent.trim()",
        timeout=15000,
    )
    status = page.inner_text("#search-results .search-summary").strip()
    heading = page.inner_text("#search-results h2").strip()
    assert ui_strings.ARABIC.search(status), status
    assert ui_strings.ARABIC.search(heading), heading
    assert not ui_strings.LATIN_WORD.search(status)


def test_article_sits_beside_the_right_hand_sidebar(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    sidebar = page.locator("#pst-primary-sidebar").bounding_box()
    article = page.locator("article.bd-article").bounding_box()
    assert sidebar is not None and article is not None
    # RTL: navigation on the right, the article immediately to its left (no drift, D2).
    assert sidebar["x"] > article["x"]
    gap = sidebar["x"] - (article["x"] + article["width"])
    assert 0 <= gap < 120, gap


def test_sidebar_toggle_collapses_the_navigation(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    toggle = page.locator("button.primary-toggle:visible").first
    toggle.click()
    page.wait_for_timeout(400)
    box = sidebar.bounding_box()
    assert box is None or box["x"] >= 1400 - 5 or not sidebar.is_visible()
    toggle.click()
    page.wait_for_timeout(400)
    assert sidebar.is_visible()


def test_phone_drawers_open_from_the_right_sides(browser: Browser, book_site: BookSite) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(book_site.url + ARTICLE)
    page.locator("button.primary-toggle:visible").first.click()
    drawer = page.locator("#pst-primary-sidebar-modal")
    drawer.wait_for(state="visible")
    page.wait_for_timeout(300)
    box = drawer.bounding_box()
    assert box is not None and box["x"] + box["width"] >= 400 - 2  # anchored to the right
    assert (drawer.get_attribute("aria-label") or "").strip()
    assert ui_strings.ARABIC.search(drawer.get_attribute("aria-label") or "")
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    page.locator("button.secondary-toggle:visible").first.click()
    toc = page.locator("#pst-secondary-sidebar-modal")
    toc.wait_for(state="visible")
    page.wait_for_timeout(300)
    box = toc.bounding_box()
    assert box is not None and box["x"] <= 2  # the page contents open from the left
    context.close()


def test_landing_date_reads_left_to_right(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + "index.html")
    date = page.locator("p.briefing-article-meta span[dir='ltr']")
    assert date.inner_text() == "2025-07-12"


def test_landing_page_offers_the_pdf(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + "index.html")
    link = page.locator("a.briefing-pdf-download")
    assert ui_strings.ARABIC.search(link.inner_text())
    response = page.request.get(book_site.url + str(link.get_attribute("href")))
    assert response.ok and response.body()[:5] == b"%PDF-"
