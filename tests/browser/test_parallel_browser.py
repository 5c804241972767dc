"""The parallel view in Chromium: hidden by default; the toggle (mouse and keyboard) shows
the English text with lang="en"; the choice survives a reload; side by side on wide
screens, interleaved on narrow ones. And an English edition's untranslated paragraph
reads right to left."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import PARALLEL_ARTICLE, BookSite, BuildFn, po, serve

ARTICLE_PAGE = "articles/lavrov-wonsan.html"
TOGGLE = "button.briefing-parallel-toggle"
WIDE = {"width": 1400, "height": 1000}
NARROW = {"width": 600, "height": 900}
#: The English text beside ¶3, as a locator (its block is the paragraph's next sibling).
ENGLISH_OF_P3 = "p#p3 + div.briefing-translation"
#: The box of an element's text (its last text node, one line) and of the element.
LINE_AND_BLOCK = """el => {
  const texts = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
  const range = document.createRange();
  range.selectNodeContents(texts[texts.length - 1]);
  const line = range.getBoundingClientRect();
  const block = el.getBoundingClientRect();
  return [{left: line.left, right: line.right}, {left: block.left, right: block.right}];
}"""


@pytest.fixture
def page(browser: Browser, book_site: BookSite) -> Iterator[Page]:
    """A fresh context (empty local storage) at a wide viewport, on the seed article."""
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(book_site.url + ARTICLE_PAGE)
    yield page
    context.close()


def shown(page: Page) -> bool:
    """Whether the translations are on: ¶3's English is visible."""
    return page.locator(ENGLISH_OF_P3).is_visible()


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


def test_translations_are_hidden_by_default(page: Page) -> None:
    toggle = page.locator(TOGGLE)
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.get_by_role("button", name="الترجمة الإنجليزية").count() == 1
    translations = page.locator("div.briefing-translation")
    assert translations.count() > 12
    assert all(not translations.nth(i).is_visible() for i in range(translations.count()))
    assert page.locator("p#p3").is_visible()


def test_clicking_the_toggle_shows_the_english_text(page: Page) -> None:
    page.locator(TOGGLE).click()
    assert page.locator(TOGGLE).get_attribute("aria-pressed") == "true"
    english = page.locator(ENGLISH_OF_P3)
    assert english.is_visible()
    text = english.locator("p.briefing-para-translation")
    assert text.is_visible()
    assert "Pyongyang" in text.inner_text()
    # The language and direction the reader's tools see: lang="en" on the nearest element.
    assert text.evaluate("el => el.closest('[lang]').getAttribute('lang')") == "en"
    assert text.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # Heading translations too.
    heading = page.locator("section#s1 > h2 + div.briefing-translation")
    assert heading.is_visible() and heading.get_attribute("lang") == "en"
    page.locator(TOGGLE).click()
    assert not shown(page)
    assert page.locator(TOGGLE).get_attribute("aria-pressed") == "false"


def test_the_toggle_works_from_the_keyboard(page: Page) -> None:
    toggle = page.locator(TOGGLE)
    # Reachable with Tab from the top of the page.
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the toggle is not reachable with Tab")
    page.keyboard.press("Enter")
    assert shown(page) and toggle.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert not shown(page) and toggle.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Space")
    assert shown(page) and toggle.get_attribute("aria-pressed") == "true"
    english = page.locator(ENGLISH_OF_P3)
    assert english.get_attribute("lang") == "en" and english.get_attribute("dir") == "ltr"


def test_the_choice_survives_a_reload(page: Page) -> None:
    page.locator(TOGGLE).click()
    assert page.evaluate("localStorage.getItem('briefing-parallel')") == "on"
    page.reload()
    assert shown(page)
    assert page.locator(TOGGLE).get_attribute("aria-pressed") == "true"
    # Applied by the script in <head>, before the body is parsed.
    assert page.evaluate("document.documentElement.classList.contains('briefing-parallel-on')")
    page.locator(TOGGLE).click()
    page.reload()
    assert not shown(page)
    assert page.locator(TOGGLE).get_attribute("aria-pressed") == "false"


def test_on_wide_screens_the_english_sits_left_of_its_paragraph(page: Page) -> None:
    page.locator(TOGGLE).click()
    for n in (1, 3, 8):
        arabic = box(page, f"p#p{n}")
        english = box(page, f"p#p{n} + div.briefing-translation")
        # Arabic on the right, English on the left, starting level with each other.
        assert english["x"] + english["width"] <= arabic["x"] + 1, n
        assert abs(english["y"] - arabic["y"]) <= 2, n
        assert english["width"] >= 0.6 * arabic["width"], n


def test_on_narrow_screens_the_english_follows_its_paragraph(
    browser: Browser, book_site: BookSite
) -> None:
    context = browser.new_context(viewport=NARROW)
    try:
        page = context.new_page()
        page.goto(book_site.url + ARTICLE_PAGE)
        page.locator(TOGGLE).click()
        for n in (1, 3, 8):
            arabic = box(page, f"p#p{n}")
            english = box(page, f"p#p{n} + div.briefing-translation")
            assert english["y"] >= arabic["y"] + arabic["height"] - 1, n
            # The same column: they overlap horizontally for most of their width.
            left = max(english["x"], arabic["x"])
            right = min(english["x"] + english["width"], arabic["x"] + arabic["width"])
            assert right - left >= 0.8 * min(english["width"], arabic["width"]), n
    finally:
        context.close()


def test_in_print_the_english_follows_its_paragraph(page: Page) -> None:
    page.locator(TOGGLE).click()
    page.emulate_media(media="print")
    arabic = box(page, "p#p3")
    english = box(page, ENGLISH_OF_P3)
    assert english["y"] >= arabic["y"] + arabic["height"] - 1
    assert not page.locator(TOGGLE).is_visible()


def test_english_edition_untranslated_paragraph_reads_right_to_left(
    build: BuildFn, browser: Browser
) -> None:
    lines = PARALLEL_ARTICLE.splitlines()
    catalogue = po({lines[0]: "Talks in Moscow", lines[1]: "Agencies – the talks were fruitful."})
    app = build(
        "minimal",
        files={
            "articles/talks.txt": PARALLEL_ARTICLE,
            "locales/en/LC_MESSAGES/articles.po": catalogue,
        },
        confoverrides={"language": "en"},
    )
    with serve(app.outdir) as url:
        context = browser.new_context(viewport=WIDE)
        try:
            page = context.new_page()
            page.goto(url + "articles/talks.html")
            style = "el => [getComputedStyle(el).direction, getComputedStyle(el).textAlign]"
            assert page.locator("p#p1").evaluate(style)[0] == "ltr"
            direction, align = page.locator("p#p2").evaluate(style)
            assert direction == "rtl" and align in ("start", "right")
            # Its one line of text hugs the right edge of the column, not the left.
            line, para = page.locator("p#p2").evaluate(LINE_AND_BLOCK)
            assert abs(line["right"] - para["right"]) <= 2
            assert line["left"] - para["left"] > 20
            # Its number stays in the margin column, with the translated paragraph's.
            first, second = box(page, "p#p1 > a.briefing-pnum"), box(page, "p#p2 > a.briefing-pnum")
            assert abs((first["x"] + first["width"]) - (second["x"] + second["width"])) <= 2
        finally:
            context.close()
