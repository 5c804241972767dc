"""The briefing at a glance in Chromium, on the real book: the drawings render, their labels
do not overlap, and their links lead somewhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import BookSite, ink

pytestmark = pytest.mark.browser

BOXES = """(selector) => [...document.querySelectorAll(selector)].map(e => {
  const r = e.getBoundingClientRect();
  const svg = e.closest('svg').getBoundingClientRect();
  return {text: e.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
          inside: r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5
                  && r.top >= svg.top - 0.5 && r.bottom <= svg.bottom + 0.5};
})"""

LINKS = """async (selector) => {
  const links = [...document.querySelectorAll(selector)];
  return Promise.all(links.map(async a => {
    const url = new URL(a.getAttribute('href'), document.baseURI);
    const response = await fetch(url);
    const html = await response.text();
    const found = !url.hash || new DOMParser().parseFromString(html, 'text/html')
      .getElementById(decodeURIComponent(url.hash.slice(1))) !== null;
    return [a.getAttribute('href'), response.status, found];
  }));
}"""

FIGURES = {
    "timeline": ("svg.briefing-timeline", ".briefing-timeline-label", "a[href]"),
    "map": ("svg.briefing-locator-map", ".briefing-map-label", "a.briefing-map-point"),
    "graph": (
        "svg.briefing-graph",
        ".briefing-graph-label, .briefing-graph-edge-label",
        "a.briefing-graph-node",
    ),
}


@pytest.fixture
def glance(browser: Browser, book_site: BookSite) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(book_site.url + "glance.html", wait_until="load")
    page.evaluate("document.fonts.ready")
    yield page
    page.close()


def overlaps(boxes: list[dict[str, float]]) -> list[tuple[object, object]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[:i]:
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                found.append((a["text"], b["text"]))
    return found


def test_the_arabic_web_font_draws_the_labels(glance: Page) -> None:
    assert glance.evaluate("document.fonts.check('13px \"Noto Sans Arabic\"', 'كيم')")
    family = glance.evaluate(
        "getComputedStyle(document.querySelector('.briefing-timeline-label')).fontFamily"
    )
    assert "Noto Sans Arabic" in family


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_drawings_render_and_labels_do_not_overlap(glance: Page, figure: str) -> None:
    svg, labels, _links = FIGURES[figure]
    drawing = glance.locator(svg)
    drawing.scroll_into_view_if_needed()
    png = drawing.screenshot()
    shot = ink(glance, png)
    assert shot["inked"] > 0.02, shot
    assert shot["colours"] >= 6, shot
    boxes = glance.evaluate(BOXES, f"{svg} :is({labels})")
    assert len(boxes) >= 10, figure
    for box in boxes:
        assert box["x1"] - box["x0"] > 3 and box["y1"] - box["y0"] > 3, box
        assert box["inside"], box  # nothing cut off at the drawing's edge
    assert overlaps(boxes) == []


def test_the_timeline_labels_every_row(glance: Page) -> None:
    rows = glance.locator("svg.briefing-timeline g.briefing-timeline-item").count()
    listed = glance.locator("ul.briefing-timeline-list > li").count()
    assert rows == listed > 20
    labels = glance.locator("svg.briefing-timeline .briefing-timeline-label").count()
    assert labels == 2 * rows  # a date and a label each


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_drawing_links_resolve(glance: Page, figure: str) -> None:
    svg, _labels, links = FIGURES[figure]
    results = glance.evaluate(LINKS, f"{svg} {links}")
    assert len(results) >= 10
    assert all(status == 200 and found for _href, status, found in results), [
        r for r in results if r[1] != 200 or not r[2]
    ]


def test_every_link_in_the_text_resolves(glance: Page) -> None:
    results = glance.evaluate(
        LINKS, "article :is(.briefing-keypoints, .briefing-whoswho, .briefing-figure-data) a[href]"
    )
    assert len(results) > 100
    assert all(status == 200 and found for _href, status, found in results), [
        r for r in results if r[1] != 200 or not r[2]
    ]


def test_key_points_read_right_to_left_with_english_lines(glance: Page) -> None:
    point = glance.locator(".briefing-keypoint").first
    assert (
        point.locator(".briefing-keypoint-text").evaluate("e => getComputedStyle(e).direction")
        == "rtl"
    )
    english = point.locator("div[lang=en]")
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "Sergey Lavrov" in english.inner_text()
    link = point.locator("a.briefing-pinpoint").first
    link.click()
    glance.wait_for_url("**/articles/lavrov-wonsan.html#p1")
