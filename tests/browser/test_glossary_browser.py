"""Browser tests of the glossary: mention previews in the article, links to the entry pages,
the "Mentioned in" backlinks and the order of the entries (headless Chromium, real build)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page

from sphinx_briefing.glossary import Glossary, arabic_sort_key, load
from sphinx_briefing.vocabulary import TYPES
from tests.helpers import ARTICLE, REPO, BookSite

pytestmark = pytest.mark.browser

WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 400, "height": 800}
PAGES = {
    "person": "glossary/people.html",
    "place": "glossary/places.html",
    "organization": "glossary/organizations.html",
    "agreement": "glossary/agreements.html",
    "event": "glossary/events.html",
}
MENTION = "a.briefing-mention"
#: Mentions in the article's own text (the parallel English translations are hidden by default).
SHOWN_MENTION = "a.briefing-mention:not(.briefing-translation a)"
PREVIEW = ".briefing-preview"
OPEN_CARDS = (
    "[...document.querySelectorAll('a.briefing-mention > .briefing-preview')]"
    ".filter(e => e.checkVisibility()).length"
)
#: The visible text of an element: without preview cards and paragraph numbers.
SHOWN_TEXT = """el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.briefing-preview, .briefing-pnum, .headerlink').forEach(e => e.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    data = load(REPO / "docs" / "glossary" / "entries")
    assert data.entries and not data.problems
    return data


class Site:
    """A browser context on the served book that records requests leaving the server."""

    def __init__(self, browser: Browser, book_site: BookSite) -> None:
        self.browser = browser
        self.url = book_site.url
        self.outside: list[str] = []
        self._contexts: list[Any] = []

    def open(self, path: str, viewport: dict[str, int] = WIDE, **options: Any) -> Page:
        context = self.browser.new_context(viewport=viewport, **options)
        self._contexts.append(context)
        context.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((self.url, "data:", "about:"))
                else self.outside.append(request.url)
            ),
        )
        page = context.new_page()
        page.goto(self.url + path)
        page.evaluate("document.fonts.ready")
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture
def site(browser: Browser, book_site: BookSite) -> Iterator[Site]:
    opened = Site(browser, book_site)
    yield opened
    opened.close()
    assert opened.outside == [], "the book must work offline"


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box


def _entry_id(mention: Locator) -> str:
    return (mention.get_attribute("href") or "").rsplit("#", 1)[1]


def _check_open_preview(page: Page, mention: Locator, glossary: Glossary) -> None:
    """The mention's card is shown, names its entry, sits below the link and on screen."""
    entry = glossary.entries[_entry_id(mention)]
    card = mention.locator(PREVIEW)
    assert card.is_visible()
    assert card.locator(".briefing-preview-ar").inner_text().strip() == entry.names["ar"]
    assert card.locator(".briefing-preview-en").inner_text().strip() == entry.names["en"]
    assert card.locator(".briefing-preview-desc").is_visible()
    assert card.locator(".briefing-preview-desc-en").is_visible()
    viewport = page.viewport_size
    assert viewport is not None
    box, link = _box(card), _box(mention)
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (entry.id, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (entry.id, box)
    # Next to the name: below it, or above it when there is no room below.
    assert box["y"] >= link["y"] + link["height"] - 1 or box["y"] + box["height"] <= link["y"] + 1
    # The open card never widens the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _move_away(page: Page) -> None:
    """Put the pointer on the page title (no mention there)."""
    page.locator("article h1").first.hover(position={"x": 2, "y": 2})


# ---------------------------------------------------------------------------------------------
# (a) hover previews
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_hovering_a_mention_shows_its_preview(
    site: Site, glossary: Glossary, viewport: dict[str, int]
) -> None:
    page = site.open(ARTICLE, viewport)
    mentions = page.locator(f"article {SHOWN_MENTION}")
    assert mentions.count() >= 10
    assert page.evaluate(OPEN_CARDS) == 0
    for i in range(mentions.count()):
        mention = mentions.nth(i)
        page.mouse.move(1, 1)  # off every mention, so no open card is in the way
        assert not mention.locator(PREVIEW).is_visible()
        mention.hover()
        _check_open_preview(page, mention, glossary)
        assert page.evaluate(OPEN_CARDS) == 1  # only the hovered mention's
    _move_away(page)
    expect_hidden(mentions.last.locator(PREVIEW))
    assert page.evaluate(OPEN_CARDS) == 0


def test_preview_hides_when_the_pointer_leaves(site: Site) -> None:
    page = site.open(ARTICLE)
    mention = page.locator(f"p#p7 {MENTION}").first
    card = mention.locator(PREVIEW)
    mention.hover()
    expect_visible(card)
    # The pointer can travel onto the card (to read it) without closing it.
    box = _box(card)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    expect_visible(card)
    _move_away(page)
    expect_hidden(card)


def test_preview_opens_at_the_start_of_the_name(site: Site) -> None:
    """RTL: the card's right edge lines up with the right edge of the name (room permitting)."""
    page = site.open(ARTICLE)
    mention = page.locator(f"p#p1 {MENTION}").first
    mention.hover()
    card, link = _box(mention.locator(PREVIEW)), _box(mention)
    assert abs((card["x"] + card["width"]) - (link["x"] + link["width"])) <= 2
    assert card["y"] >= link["y"] + link["height"]


def test_preview_at_the_left_edge_of_a_phone_stays_on_screen(
    site: Site, glossary: Glossary
) -> None:
    """A card opening at a name near the left edge (its inline-start side is the right, so it
    would grow past the edge) is shifted back on screen."""
    page = site.open(ARTICLE, PHONE)
    mentions = page.locator(f"article {SHOWN_MENTION}")
    near_left = [
        i
        for i in range(mentions.count())
        if (mentions.nth(i).bounding_box() or {"x": 999})["x"] < 150
    ]
    assert near_left, "the article has names near the left edge of a phone"
    shifted = 0
    for i in near_left:
        mention = mentions.nth(i)
        page.mouse.move(1, 1)
        mention.hover()
        _check_open_preview(page, mention, glossary)
        card, link = _box(mention.locator(PREVIEW)), _box(mention)
        shifted += card["x"] + card["width"] > link["x"] + link["width"] + 1
    assert shifted, "no card had to move"


def test_preview_is_not_copied_and_keeps_the_line_height(site: Site) -> None:
    page = site.open(ARTICLE)
    paragraph = page.locator("p#p1")
    mention = paragraph.locator(MENTION).first
    height = _box(paragraph)["height"]
    mention.hover()
    expect_visible(mention.locator(PREVIEW))
    assert _box(paragraph)["height"] == height
    # The cards add nothing to the layout: without them the paragraph is as tall.
    bare = page.evaluate(
        """() => {
            const p = document.querySelector('p#p1');
            const cards = [...p.querySelectorAll('.briefing-preview')];
            const links = cards.map(card => card.parentNode);
            cards.forEach(card => card.remove());
            const height = p.getBoundingClientRect().height;
            cards.forEach((card, i) => links[i].appendChild(card));
            return height;
        }"""
    )
    assert bare == height
    assert mention.locator(PREVIEW).evaluate("e => getComputedStyle(e).userSelect") == "none"
    # Select the paragraph while a card is open: the copied text has no card text.
    copied = page.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('p#p1'));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return selection.toString();
        }"""
    )
    assert "لافروف" in copied
    assert "Sergey Lavrov" not in copied and "Russia's foreign minister" not in copied


def test_preview_follows_the_dark_theme(site: Site) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = site.open(ARTICLE, color_scheme=scheme)
        mention = page.locator(f"p#p1 {MENTION}").first
        mention.hover()
        colours[scheme] = mention.locator(PREVIEW).evaluate(
            """e => {
                const lum = c => {
                    const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
                    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
                };
                const s = getComputedStyle(e);
                return [lum(s.backgroundColor), lum(s.color)];
            }"""
        )
    (light_bg, light_fg), (dark_bg, dark_fg) = colours["light"], colours["dark"]
    assert light_bg > 0.8 and light_fg < 0.3
    assert dark_bg < 0.25 and dark_fg > 0.6


# ---------------------------------------------------------------------------------------------
# (b) keyboard
# ---------------------------------------------------------------------------------------------


def _tab_to(page: Page, selector: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_tab_to_a_mention_shows_its_preview(site: Site, glossary: Glossary) -> None:
    page = site.open(ARTICLE)
    _tab_to(page, MENTION)
    focused = page.locator(f"{MENTION}:focus")
    assert focused.count() == 1
    assert focused.evaluate("e => e.matches(':focus-visible')")
    _check_open_preview(page, focused, glossary)
    assert page.evaluate(OPEN_CARDS) == 1
    # The next Tab moves the preview to the next mention.
    focused.evaluate("e => e.setAttribute('data-test-first', '')")
    page.keyboard.press("Tab")
    following = page.locator(f"{MENTION}:focus")
    assert following.count() == 1 and following.get_attribute("data-test-first") is None
    _check_open_preview(page, following, glossary)
    assert page.evaluate(OPEN_CARDS) == 1


def test_escape_dismisses_the_preview(site: Site) -> None:
    page = site.open(ARTICLE)
    _tab_to(page, MENTION)
    card = page.locator(f"{MENTION}:focus > {PREVIEW}")
    expect_visible(card)
    page.keyboard.press("Escape")
    expect_hidden(card)
    # Focus stays on the link; the next mention opens its card again.
    assert page.evaluate("document.activeElement.matches('a.briefing-mention')")
    page.keyboard.press("Tab")
    expect_visible(page.locator(f"{MENTION}:focus > {PREVIEW}"))
    # Hover too.
    mention = page.locator(f"p#p7 {MENTION}").first
    mention.hover()
    expect_visible(mention.locator(PREVIEW))
    page.keyboard.press("Escape")
    expect_hidden(mention.locator(PREVIEW))


# ---------------------------------------------------------------------------------------------
# (c) following a mention
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "entry_id", "page_name"),
    [
        ("p7", "choe-son-hui", "people.html"),
        ("p2", "kcna", "organizations.html"),
        ("p10", "russia-dprk-treaty", "agreements.html"),
    ],
)
def test_clicking_a_mention_opens_its_entry(
    site: Site, glossary: Glossary, paragraph: str, entry_id: str, page_name: str
) -> None:
    page = site.open(ARTICLE)
    mention = page.locator(f'p#{paragraph} {MENTION}[href$="#{entry_id}"]').first
    mention.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"glossary/{page_name}#{entry_id}")
    target = page.locator(":target")
    assert target.count() == 1
    assert target.evaluate("e => e.id") == entry_id
    assert "briefing-entry" in (target.get_attribute("class") or "")
    assert target.locator("h2").evaluate(SHOWN_TEXT) == glossary.entries[entry_id].names["ar"]
    heading = _box(target.locator("h2"))
    assert 0 <= heading["y"] < 900


# ---------------------------------------------------------------------------------------------
# (d) "Mentioned in" backlinks
# ---------------------------------------------------------------------------------------------


def test_backlinks_lead_to_paragraphs_that_mention_the_entry(site: Site) -> None:
    page = site.open("glossary/people.html#sergey-lavrov")
    links = page.locator("section#sergey-lavrov ul.briefing-backlinks a")
    numbered = []
    for i in range(links.count()):
        link = links.nth(i)
        number = link.locator(".briefing-backlink-number").inner_text().strip()
        if number.startswith("¶"):
            snippet = link.locator("xpath=following-sibling::span[1]").inner_text()
            numbered.append((number, link.get_attribute("href") or "", snippet))
    assert len(numbered) >= 3
    for number, href, _snippet in numbered:
        assert re.fullmatch(r"\.\./articles/lavrov-wonsan\.html#p\d+", href), href
        assert href.endswith(f"#p{number[1:]}")
    for number, href, snippet in numbered:
        page.goto(site.url + "glossary/people.html#sergey-lavrov")
        page.locator(f'section#sergey-lavrov ul.briefing-backlinks a[href="{href}"]').click()
        page.wait_for_load_state()
        assert page.url.endswith(href.removeprefix(".."))
        target = page.locator(":target")
        assert target.evaluate("e => e.id") == f"p{number[1:]}"
        assert target.locator(f'{MENTION}[href$="#sergey-lavrov"]').count() >= 1
        text = target.evaluate(SHOWN_TEXT)
        for piece in re.split(r"…", snippet):
            assert " ".join(piece.split()) in text, (number, piece)


def test_backlink_badges_read_as_numbers(site: Site) -> None:
    page = site.open("glossary/people.html#sergey-lavrov")
    badge = page.locator("section#sergey-lavrov .briefing-backlink-number", has_text="¶").first
    assert badge.is_visible()
    assert badge.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    snippet = badge.locator("xpath=../../span[contains(@class, 'briefing-snippet')]")
    # RTL: the badge comes first, on the right of its snippet.
    assert _box(badge)["x"] > _box(snippet)["x"]


# ---------------------------------------------------------------------------------------------
# (e) Arabic alphabetical order
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [kind for kind in TYPES if kind in PAGES])  # the book's
def test_entries_are_in_arabic_alphabetical_order(
    site: Site, glossary: Glossary, kind: str
) -> None:
    page = site.open(PAGES[kind])
    sections = page.locator("section.briefing-entry")
    listed = [
        (sections.nth(i).locator("h2").evaluate(SHOWN_TEXT), sections.nth(i).get_attribute("id"))
        for i in range(sections.count())
    ]
    assert listed, kind
    assert listed == sorted(listed, key=lambda item: (arabic_sort_key(item[0]), item[1]))
    expected = {(e.names["ar"], e.id) for e in glossary.of_type(kind)}
    assert set(listed) == expected


# ---------------------------------------------------------------------------------------------
# Entry pages: layout
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_entry_page_layout(site: Site, viewport: dict[str, int]) -> None:
    page = site.open("glossary/people.html#sergey-lavrov", viewport)
    entry = page.locator("section#sergey-lavrov")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    english = entry.locator("div.briefing-entry-long[lang='en']")
    style = english.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.direction, s.textAlign, s.borderLeftWidth, s.borderRightWidth]; }"
    )
    assert style[0] == "ltr" and style[1] in ("start", "left")
    # A border on the inline-start side, which for LTR text is the left.
    assert float(style[2].removesuffix("px")) > 0 and style[3] == "0px"
    facts = entry.locator("dl.briefing-facts")
    label, value = facts.locator("dt").first, facts.locator("dd").first
    if viewport["width"] > 600:
        # Two columns, the labels on the right.
        assert _box(label)["x"] > _box(value)["x"]
        assert abs(_box(label)["y"] - _box(value)["y"]) < 2
    else:
        # Stacked on a phone: the value under its label.
        assert _box(value)["y"] >= _box(label)["y"] + _box(label)["height"] - 1


def test_mentions_on_entry_pages_have_previews(site: Site, glossary: Glossary) -> None:
    page = site.open("glossary/people.html#sergey-lavrov", PHONE)
    for selector in ("dl.briefing-facts", "ul.briefing-relations"):
        mention = page.locator(f"section#sergey-lavrov {selector} {MENTION}").first
        mention.hover()
        _check_open_preview(page, mention, glossary)


# ---------------------------------------------------------------------------------------------
# (f) offline
# ---------------------------------------------------------------------------------------------


def test_glossary_pages_request_nothing_from_outside(site: Site) -> None:
    for path in [ARTICLE, *PAGES.values(), "glossary/english.html", "glossary/index.html"]:
        page = site.open(path)
        page.wait_for_load_state("networkidle")
        mentions = page.locator(MENTION)
        for i in range(min(mentions.count(), 3)):
            mentions.nth(i).hover()
    assert site.outside == []


# ---------------------------------------------------------------------------------------------


def expect_visible(locator: Locator) -> None:
    locator.wait_for(state="visible", timeout=2000)


def expect_hidden(locator: Locator) -> None:
    locator.wait_for(state="hidden", timeout=2000)
