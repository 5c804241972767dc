"""The briefing at a glance in Chromium, on the real book: the drawings render, their labels
do not overlap, and their links lead somewhere; they fit the column at any width, open alone
at full size (over HTTP and from a file), keep their legends readable in dark mode, and axe
finds nothing wrong with the figures or the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, Page

from sphinx_briefing.glance.drawing import contrast_ratio
from tests.helpers import BookSite, colours, ink

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


# -- the drawings in the column, alone, in dark mode and to assistive technology -------------

#: The content column (the article's content box) and every drawing's box, in CSS pixels.
FIT = """() => {
  const article = document.querySelector('article.bd-article');
  const box = article.getBoundingClientRect();
  const style = getComputedStyle(article);
  const left = box.left + parseFloat(style.paddingLeft);
  const right = box.right - parseFloat(style.paddingRight);
  return {
    column: {left, right, width: right - left},
    page: document.documentElement.scrollWidth,
    drawings: [...document.querySelectorAll('.briefing-figure-drawing svg')].map(svg => {
      const r = svg.getBoundingClientRect();
      // The smallest text as drawn: its font size times the drawing's scale.
      const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')));
      return {cls: svg.getAttribute('class'), left: r.left, right: r.right, width: r.width,
              height: r.height, viewBox: svg.viewBox.baseVal.width,
              smallestText: Math.min(...sizes) * r.width / svg.viewBox.baseVal.width};
    }),
  };
}"""

#: The colours the legend's words are painted in, as #rrggbb.
TEXT_FILLS = """(legend) => [...new Set([...legend.querySelectorAll('text')].map(t => {
  const [r, g, b] = getComputedStyle(t).fill.match(/\\d+/g).map(Number);
  return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
}))]"""

LEGENDS = (".briefing-timeline-legend", ".briefing-map-legend", ".briefing-graph-legend")


def open_glance(
    browser: Browser, site: str, width: int, scheme: Literal["light", "dark"] = "light"
) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(site + "glance.html", wait_until="load")
    page.evaluate("document.fonts.ready")
    return page


@pytest.mark.parametrize("width", [1366, 390])
def test_every_drawing_fits_the_content_column(
    browser: Browser, book_site: BookSite, width: int
) -> None:
    page = open_glance(browser, book_site.url, width)
    try:
        found = page.evaluate(FIT)
    finally:
        page.close()
    column = found["column"]
    assert found["page"] <= width  # nothing makes the page scroll sideways
    assert sorted(d["cls"] for d in found["drawings"]) == [
        "briefing-graph",
        "briefing-locator-map",
        "briefing-timeline",
    ]
    for drawing in found["drawings"]:
        assert drawing["width"] <= column["width"] + 0.5, (drawing, column)
        assert drawing["left"] >= column["left"] - 0.5, (drawing, column)
        assert drawing["right"] <= column["right"] + 0.5, (drawing, column)
        assert drawing["height"] > 100, drawing  # drawn, not squashed
    # The relationship graph is laid out to the column's width: on a desktop it is drawn at
    # its own size or larger, its smallest labels (the relations') 11 px, not shrunk to 7 px.
    graph = next(d for d in found["drawings"] if d["cls"] == "briefing-graph")
    if width >= 1366:
        assert graph["viewBox"] <= column["width"], (graph, column)
        assert graph["width"] >= graph["viewBox"] - 0.5
        assert graph["smallestText"] >= 11, graph
    else:  # a phone's column is narrower than any drawing: scaled down to fit
        assert graph["viewBox"] > column["width"] >= graph["width"] - 0.5


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_the_full_size_link_opens_the_drawing_alone(glance: Page, figure: str) -> None:
    svg, _labels, links = FIGURES[figure]
    title = glance.locator(f"{svg} > title").text_content()
    view_box = glance.locator(svg).get_attribute("viewBox")
    block = glance.locator(".briefing-figure-block", has=glance.locator(svg))
    link = block.locator(".briefing-figure-full a")
    assert link.get_attribute("aria-describedby") == block.locator("figcaption").get_attribute("id")
    link.click()
    glance.wait_for_url(f"**/_images/briefing-{figure}-*.svg")
    alone = glance.evaluate(
        """() => {
          const root = document.documentElement;
          return {tag: root.localName, title: document.title,
                  viewBox: root.getAttribute('viewBox'),
                  width: root.getBoundingClientRect().width,
                  own: root.width.baseVal.value};
        }"""
    )
    assert alone["tag"] == "svg" and alone["title"] == title
    assert alone["viewBox"] == view_box
    assert alone["width"] == pytest.approx(alone["own"], abs=0.5)  # its own size, for zooming
    assert glance.evaluate("document.fonts.check('14px \"Noto Sans Arabic\"', 'كيم')")
    results = glance.evaluate(LINKS, links)
    assert len(results) >= 10
    assert all(status == 200 and found for _href, status, found in results), [
        r for r in results if r[1] != 200 or not r[2]
    ]


def test_the_full_size_drawing_works_from_a_file(browser: Browser, book_site: BookSite) -> None:
    page = open_glance(browser, book_site.outdir.as_uri() + "/", 1366)
    try:
        page.locator(".briefing-figure-graph .briefing-figure-full a").click()
        page.wait_for_url("file://**/_images/briefing-graph-*.svg")
        assert page.evaluate("document.documentElement.localName") == "svg"
        # The book's web font, through the drawing's stylesheet.
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('14px \"Noto Sans Arabic\"', 'كيم')")
        targets = page.evaluate(
            """() => [...document.querySelectorAll('a.briefing-graph-node')]
                .map(a => new URL(a.getAttribute('href'), document.baseURI).href)"""
        )
    finally:
        page.close()
    assert len(targets) >= 10
    for target in targets:
        parts = urlsplit(target)
        path = Path(unquote(parts.path))
        assert path.is_file(), target
        assert f'id="{parts.fragment}"' in path.read_text(encoding="utf-8"), target


def test_legends_are_readable_in_dark_mode(browser: Browser, book_site: BookSite) -> None:
    page = open_glance(browser, book_site.url, 1366, scheme="dark")
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        body = page.evaluate(
            "getComputedStyle(document.querySelector('.bd-article-container')).color"
        )
        # The theme is dark indeed: its text is light.
        assert sum(int(v) for v in re.findall(r"\d+", body)[:3]) > 3 * 180, body
        for selector in LEGENDS:
            legend = page.locator(f".briefing-figure-drawing {selector}")
            legend.scroll_into_view_if_needed()
            counts = colours(page, legend.screenshot())
            background = max(counts, key=lambda colour: counts[colour])
            fills = page.evaluate(TEXT_FILLS, legend.element_handle())
            assert fills, selector
            for fill in fills:
                assert contrast_ratio(fill, background) >= 4.5, (selector, fill, background)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_figures_and_the_article(
    browser: Browser, book_site: BookSite, scheme: Literal["light", "dark"]
) -> None:
    page = open_glance(browser, book_site.url, 1366, scheme=scheme)
    try:
        page.evaluate(AXE_SCRIPT)
        results = {
            scope: page.evaluate(
                "(scope) => axe.run({include: [[scope]]}, {resultTypes: ['violations']})", scope
            )
            for scope in (".briefing-figure-block", "article.bd-article")
        }
        # The drawings are groups of links with a name, not images hiding their links.
        roles = page.evaluate(
            """() => [...document.querySelectorAll('.briefing-figure-drawing svg')].map(s =>
                [s.getAttribute('role'), s.querySelector('a') !== null,
                 document.getElementById(s.getAttribute('aria-labelledby'))?.textContent])"""
        )
    finally:
        page.close()
    for scope, result in results.items():
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == [], (
            scope
        )
        passed = {rule["id"] for rule in result["passes"]} | {
            rule["id"] for rule in result["inapplicable"]
        }
        assert {"nested-interactive", "svg-img-alt", "link-name"} <= passed, scope
    assert len(roles) == 3
    assert all(role == "group" and links and name for role, links, name in roles), roles
