"""Page weight in Chromium (issue #19, "Weight"): every byte an article and the at-a-glance
page download, all requests counted; no source map or Font Awesome web font requested or
shipped; the theme's web-font icons drawn as masks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response

from tests.helpers import ARTICLE, BookSite, BuildFn, serve

pytestmark = pytest.mark.browser

KB = 1000
#: Uncompressed bytes of all responses. The issue's limits are 800 KB and 1 MB; the checks
#: hold the margin the builds have now, so that growth shows here first.
LIMITS = {ARTICLE: 740 * KB, "glance.html": 960 * KB}
NOTE_PAGE = ":orphan:\n\nNote\n====\n\n.. note::\n\n   ملاحظة.\n\n:download:`الملف <conf.py>`\n"


@dataclass
class Load:
    """What loading one page fetched."""

    responses: list[tuple[str, int, int]] = field(default_factory=list)  # url, status, bytes
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for _url, _status, size in self.responses)

    def urls(self) -> list[str]:
        return [url for url, _status, _size in self.responses]


@contextmanager
def loaded(browser: Browser, url: str) -> Iterator[tuple[Page, Load]]:
    """``url`` loaded with its fonts; yields the page and every response it received."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    load = Load()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.on("requestfailed", lambda request: load.failed.append(request.url))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    for response in responses:
        load.responses.append((response.url, response.status, len(response.body())))
    try:
        yield page, load
    finally:
        context.close()


def _report(load: Load) -> str:
    rows = sorted(load.responses, key=lambda r: -r[2])
    return "\n".join(f"{size:>9} {url}" for url, _status, size in rows)


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_page_weight_all_requests_counted(browser: Browser, book_site: BookSite, name: str) -> None:
    with loaded(browser, book_site.url + name) as (page, load):
        assert load.failed == []
        assert [u for u, status, _ in load.responses if status >= 400] == []
        assert load.total <= LIMITS[name], _report(load)
        urls = load.urls()
        assert not [u for u in urls if ".map" in u.split("?")[0]]
        assert not [u for u in urls if "fontawesome/webfonts" in u or "/fa-" in u]
        # Nothing on an article or the glance page uses the search index.
        assert not [u for u in urls if "searchindex.js" in u]
        # The book's text is drawn with its own (subset) font, fetched once.
        fonts = [u for u in urls if u.split("?")[0].endswith(".woff2")]
        assert len(fonts) == 1 and fonts[0].endswith("briefing/fonts/NotoSansArabic.woff2")
        assert page.evaluate(
            """() => [...document.fonts].some(
                f => f.family.replace(/"/g, "") === "Noto Sans Arabic" && f.status === "loaded")"""
        )


def test_the_output_has_no_source_maps_or_web_fonts(book_site: BookSite) -> None:
    static = book_site.outdir / "_static"
    assert not list(book_site.outdir.rglob("*.map"))
    assert not list(static.rglob("fa-*.woff2")) and not list(static.rglob("fa-*.ttf"))
    woff2 = sorted(p.relative_to(static).as_posix() for p in static.rglob("*.woff2"))
    assert woff2 == ["briefing/fonts/NotoSansArabic.woff2"]


@pytest.fixture(scope="module")
def icons_site(built: BuildFn) -> Iterator[tuple[Path, str]]:
    app = built("icons", files={"note.rst": NOTE_PAGE})
    outdir = Path(app.outdir)
    with serve(outdir) as url:
        yield outdir, url


#: The box and mask of a pseudo-element.
PSEUDO = """([selector, pseudo]) => {
  const element = document.querySelector(selector);
  const style = getComputedStyle(element, pseudo);
  return {mask: style.webkitMaskImage || style.maskImage, width: parseFloat(style.width),
          height: parseFloat(style.height), colour: style.backgroundColor,
          content: style.content};
}"""


def test_web_font_icons_are_drawn_as_masks(browser: Browser, icons_site: tuple[Path, str]) -> None:
    _outdir, url = icons_site
    with loaded(browser, url + "note.html") as (page, load):
        assert not [u for u in load.urls() if "webfonts" in u or ".map" in u.split("?")[0]]
        for selector, pseudo in (
            ("div.admonition.note > .admonition-title", "::after"),
            ("a.reference.download", "::before"),
        ):
            drawn = page.evaluate(PSEUDO, [selector, pseudo])
            assert drawn["mask"].startswith('url("data:image/svg+xml'), (selector, drawn)
            assert drawn["width"] > 5 and drawn["height"] > 5, (selector, drawn)
            assert drawn["content"] == '""'
            assert drawn["colour"] not in ("rgba(0, 0, 0, 0)", "transparent")
        # The note's icon is painted: hiding it changes the title's pixels.
        title = page.locator("div.admonition.note > .admonition-title")
        with_icon = title.screenshot()
        page.add_style_tag(content=".admonition-title::after { visibility: hidden; }")
        assert title.screenshot() != with_icon
