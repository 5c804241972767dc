"""Browser tests of the Cite panel in the English edition: English words from the
catalogue's English messages, English citations that name the Arabic original, left to
right."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import ui_strings
from tests.helpers import REPO, BookSite, page_citations

pytestmark = pytest.mark.browser

ARTICLE = "articles/lavrov-wonsan.html"
KEY = "briefing:lavrov-wonsan:p7"
BUTTON = f'p#p7 > button.briefing-cite[data-cite="{KEY}"]'
SECTION_BUTTON = 'section#s3 h2 > button.briefing-cite[data-cite="briefing:lavrov-wonsan:s3"]'
DIALOG = "dialog.briefing-cite-dialog"
STYLES = ("chicago", "apa", "mla", "bibtex", "ris", "csl-json")
ENGLISH_HEADLINE = (
    "Lavrov discusses cooperation between Moscow and Pyongyang with Kim Jong Un in Wonsan"
)


def _arabic_headline() -> str:
    with (REPO / "docs" / "articles" / "lavrov-wonsan.meta.toml").open("rb") as handle:
        return str(tomllib.load(handle)["article"]["headline"])


@pytest.fixture
def page(browser: Browser, english_site: BookSite) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((english_site.url, "data:"))
            else outside.append(request.url)
        ),
    )
    page.goto(english_site.url + ARTICLE)
    yield page
    context.close()
    assert outside == [], "the cite panel must work offline"


def _open_by_keyboard(page: Page) -> None:
    page.locator("p#p7 > a.briefing-pnum").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", BUTTON)
    page.keyboard.press("Enter")
    page.locator(DIALOG).wait_for(state="visible")


def _shown_text(page: Page, style: str) -> str:
    return str(page.locator(f"{DIALOG} pre[data-style='{style}']").evaluate("e => e.textContent"))


def _interface_texts(page: Page) -> list[str]:
    """The dialog's text and labels, without the citations and the style names."""
    texts: list[str] = page.evaluate(
        """s => {
          const out = [];
          const walk = (node) => {
            if (node.nodeType === Node.TEXT_NODE) {
              if (node.textContent.trim()) out.push(node.textContent.trim());
              return;
            }
            if (node.matches('pre, h3')) return;
            for (const name of ['aria-label', 'title']) {
              if (node.getAttribute(name)) out.push(node.getAttribute(name));
            }
            node.childNodes.forEach(walk);
          };
          walk(document.querySelector(s));
          return out;
        }""",
        DIALOG,
    )
    return texts


def test_english_panel_speaks_english(page: Page, english_site: BookSite) -> None:
    assert page.evaluate("document.documentElement.lang") == "en"
    data = page_citations(english_site.outdir / ARTICLE)  # what the panel loads
    _open_by_keyboard(page)
    dialog = page.locator(DIALOG)
    assert dialog.get_attribute("dir") == "ltr"
    assert page.locator("#briefing-cite-title").inner_text().strip() == "Cite this part"
    assert page.locator("#briefing-cite-subject").inner_text().strip() == (
        "Paragraph 7 of the article"
    )
    close = dialog.locator("button.briefing-cite-close")
    assert close.get_attribute("aria-label") == "Close"
    copies = dialog.locator("button.briefing-cite-copy")
    assert [copies.nth(i).inner_text().strip() for i in range(len(STYLES))] == ["Copy"] * len(
        STYLES
    )
    texts = _interface_texts(page)
    assert texts
    for text in texts:
        assert not ui_strings.ARABIC.search(text), text
    assert all(ui_strings.LATIN_WORD.search(text) for text in texts if text != "×")

    # The citations: English, naming the Arabic original, read left to right.
    for style in STYLES:
        assert _shown_text(page, style) == data[KEY][style]
        pre = dialog.locator(f"pre[data-style='{style}']")
        assert pre.get_attribute("dir") == "ltr"
        assert pre.evaluate("e => getComputedStyle(e).direction") == "ltr"
    chicago = _shown_text(page, "chicago")
    assert ENGLISH_HEADLINE in chicago and "¶7" in chicago
    assert f"Translated from the Arabic original: «{_arabic_headline()}»" in chicago
    assert "origlanguage = {arabic}" in _shown_text(page, "bibtex")
    # Latin type for the English panel (the Arabic book's panel uses its Arabic face).
    font = str(dialog.evaluate("d => getComputedStyle(d).fontFamily"))
    assert re.match(r'"?Noto Sans"?,', font), font
    prose = dialog.locator("pre[data-style='chicago']").evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    assert re.match(r'"?Noto Sans"?,', str(prose)), prose
    code = dialog.locator("pre[data-style='bibtex']").evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    assert "monospace" in str(code)


def test_english_section_subject_and_copy(page: Page, english_site: BookSite) -> None:
    data = page_citations(english_site.outdir / ARTICLE)  # what the panel loads
    page.locator(SECTION_BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert page.locator("#briefing-cite-subject").inner_text().strip() == (
        "Section 3 of the article"
    )
    page.evaluate("navigator.clipboard.writeText('-')")
    button = page.locator(f"{DIALOG} button.briefing-cite-copy[data-style='ris']")
    button.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '-')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == data["briefing:lavrov-wonsan:s3"]["ris"]
    assert "\nLA  - en\n" in copied and f"\nOP  - {_arabic_headline()}\n" in copied
    page.wait_for_function(
        "s => document.querySelector(s).textContent.trim() === 'Copied'",
        arg=f"{DIALOG} [role='status']",
    )
    assert button.inner_text().strip() == "Copied"
    page.keyboard.press("Escape")
    page.locator(DIALOG).wait_for(state="hidden")
    # The focus is back on the opener when the panel closes, not a task later.
    expect(page.locator(SECTION_BUTTON)).to_be_focused()
