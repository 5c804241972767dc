"""The Font Awesome subset: extraction from the theme's fontawesome.js, the build, the browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sphinx.testing.util import SphinxTestApp

from tests.helpers import ROOTS, fontawesome_js, serve

# The browser: real headless Chromium against a build of tests/roots/test-icons
# ---------------------------------------------------------------------------------------

#: Every inline icon: its markup (path data left out) and where it sits.
ICON_STATE = """() => Array.from(document.querySelectorAll("svg.svg-inline--fa")).map((svg) => {
  const box = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  const html = svg.outerHTML.replace(/ d="[^"]*"/, "");
  return [html, Math.round(box.x * 10), Math.round(box.y * 10), box.width, box.height,
    style.verticalAlign, style.fontSize, style.width, style.display, style.transform];
})"""


class Sites:
    def __init__(self, subset: str, real: str) -> None:
        self.subset = subset
        self.real = real


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """test-icons built once; served as built and with the theme's full fontawesome.js."""
    srcdir = tmp_path_factory.mktemp("icons") / "src"
    shutil.copytree(ROOTS / "test-icons", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    real = srcdir.parent / "real"
    shutil.copytree(outdir, real)
    shutil.copyfile(fontawesome_js(), real / "_static" / "scripts" / "fontawesome.js")
    with serve(outdir) as subset_url, serve(real) as real_url:
        yield Sites(subset_url, real_url)


@contextmanager
def open_page(
    browser: Browser, base: str, path: str = "second.html"
) -> Iterator[tuple[Page, list[str]]]:
    """A page of the site at ``base``; yields it and its console warnings; fails on requests
    that leave the site."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    warnings: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((base, "data:")) else outside.append(request.url)
        ),
    )
    page.on(
        "console",
        lambda message: warnings.append(message.text) if message.type == "warning" else None,
    )
    page.goto(base + path)
    page.evaluate("document.fonts.ready")
    try:
        yield page, warnings
    finally:
        context.close()
    assert outside == [], "the icons must not need the network"


@pytest.mark.browser
def test_header_and_sidebar_icons_are_inline_svg(browser: Browser, sites: Sites) -> None:
    with open_page(browser, sites.subset) as (page, warnings):
        # No icon element is left for Font Awesome to replace.
        assert page.locator("i[class*='fa-'], span[class*='fa-']").count() == 0
        for selector in (
            ".bd-header-article svg.fa-bars",  # the primary sidebar toggle
            ".theme-switch-button svg.fa-circle-half-stroke",
            ".search-button-field svg.fa-magnifying-glass",
            ".prev-next-area svg.fa-angle-left",
        ):
            icon = page.locator(f"{selector}.svg-inline--fa").first
            assert icon.is_visible(), selector
            box = icon.bounding_box()
            assert box is not None and box["width"] > 10 and box["height"] > 10, selector
            assert icon.locator("path[fill='currentColor']").count() == 1
        assert page.evaluate(
            "document.documentElement.classList.contains('fontawesome-i2svg-complete')"
        )
        assert warnings == []


@pytest.mark.browser
def test_icons_look_as_font_awesome_draws_them(browser: Browser, sites: Sites) -> None:
    states, shots = [], []
    for base in (sites.real, sites.subset):
        with open_page(browser, base) as (page, _warnings):
            page.wait_for_timeout(300)  # the full Font Awesome swaps icons in an animation frame
            states.append(page.evaluate(ICON_STATE))
            shots.append(page.screenshot(clip={"x": 0, "y": 0, "width": 1400, "height": 160}))
    real, subset = states
    assert len(real) >= 10
    assert subset == real
    assert shots[0] == shots[1], "the header differs from the one Font Awesome draws"


@pytest.mark.browser
def test_icons_added_later_are_replaced_and_missing_ones_warn_once(
    browser: Browser, sites: Sites
) -> None:
    with open_page(browser, sites.subset) as (page, warnings):
        page.evaluate(
            """() => {
              const box = document.createElement("p");
              box.id = "later";
              box.innerHTML = '<i class="fa-solid fa-home" title="بيت"></i>'
                + '<i class="fa-solid fa-rocket"></i><i class="fa-solid fa-rocket"></i>';
              document.querySelector("article").append(box);
            }"""
        )
        home = page.locator("#later svg.svg-inline--fa.fa-house")
        home.wait_for()
        assert home.get_attribute("title") == "بيت"
        assert home.get_attribute("aria-hidden") is None  # a titled icon is not hidden
        # Not in the subset: left to the theme's web font, still drawn, named once.
        rockets = page.locator("#later i.fa-rocket")
        assert rockets.count() == 2
        page.wait_for_timeout(100)
        box = rockets.first.bounding_box()
        assert box is not None and box["width"] > 0
        assert [w for w in warnings if "fa-rocket" in w] == [
            'Font Awesome subset: this build has no icon fa-rocket; add "fa-rocket" to briefing_icons in conf.py.'
        ]
