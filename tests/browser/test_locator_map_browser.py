"""The locator map renderer (briefing.glance.locator_map): SVG structure, places, shading,
escaping, determinism, outline data, colours, Typst, and the map as Chromium draws it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sphinx_briefing.glance import locator_map as lm
from tests.drawings import seed_map_svg, seed_points
from tests.helpers import colours, serve

# --------------------------------------------------------------------------- browser

BOXES = """() => {
  const svg = document.querySelector('svg.briefing-locator-map').getBoundingClientRect();
  const box = (e) => { const r = e.getBoundingClientRect();
    return {id: e.closest('a') ? e.closest('a').dataset.entity : '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  return {
    svg: {x0: svg.left, y0: svg.top, x1: svg.right, y1: svg.bottom},
    labels: [...document.querySelectorAll('.briefing-map-label')].map(box),
    markers: [...document.querySelectorAll('.briefing-map-marker')].map(box),
    texts: [...document.querySelectorAll('.briefing-map-label text')].map(
      t => [t.textContent, +t.getAttribute('font-size'), t.getComputedTextLength()]),
  };
}"""


def intersect(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


def map_page(directory: Path, svg: str) -> None:
    """An RTL page with the SVG inline and the site's web font (Noto Sans Arabic, declared
    as briefing.css declares it), and the glossary page the links point to."""
    (directory / "NotoSansArabic.ttf").write_bytes(lm._font_files()[0].read_bytes())
    (directory / "index.html").write_text(
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<style>@font-face{font-family:"Noto Sans Arabic";src:url(NotoSansArabic.ttf);'
        "font-weight:100 900;font-stretch:62.5% 100%;font-style:normal}"
        "body{margin:20px;background:#fff}</style></head>"
        f"<body><figure>{svg}</figure></body></html>",
        encoding="utf-8",
    )
    (directory / "glossary").mkdir()
    (directory / "glossary" / "places.html").write_text(
        "<!doctype html><title>places</title>", encoding="utf-8"
    )


@pytest.mark.browser
def test_map_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    seed_svg = seed_map_svg()
    map_page(tmp_path, seed_svg)
    points = seed_points()
    with serve(tmp_path) as url:
        page = browser.new_page(viewport={"width": 800, "height": 900})
        try:
            page.goto(url + "index.html")
            page.evaluate("document.fonts.ready")
            assert page.evaluate("document.fonts.check('12px \"Noto Sans Arabic\"', 'وونسان')")

            # It renders: many colours, not one, and the palette's shaded and sea colours.
            png = page.locator("svg.briefing-locator-map").screenshot()
            counts = colours(page, png)
            top = max(counts.values()) / sum(counts.values())
            assert len(counts) > 50 and top < 0.6, len(counts)
            for colour in ("shaded", "sea", "land"):
                assert lm.PALETTE[colour] in counts, colour

            boxes = page.evaluate(BOXES)
            labels, markers, svg = boxes["labels"], boxes["markers"], boxes["svg"]
            assert sorted(label["id"] for label in labels) == sorted(p.id for p in points)
            for i, a in enumerate(labels):
                assert a["x1"] - a["x0"] > 10 and a["y1"] - a["y0"] > 10, a
                # Inside the SVG.
                assert svg["x0"] <= a["x0"] and a["x1"] <= svg["x1"], a
                assert svg["y0"] <= a["y0"] and a["y1"] <= svg["y1"], a
                # No label overlaps another label, or any marker.
                for b in labels[:i]:
                    assert not intersect(a, b), (a, b)
                for marker in markers:
                    assert not intersect(a, marker), (a, marker)
            # The fonts' measure agrees with the browser's (the boxes were placed with it).
            assert len(boxes["texts"]) == 2 * len(points)
            for text, size, length in boxes["texts"]:
                assert 0 < length <= lm.text_width(text, size) * 1.02 + 0.5, (text, length)

            # A place is a link to its entry.
            page.locator("a.briefing-map-point[data-entity='wonsan']").click()
            page.wait_for_url("**/glossary/places.html#wonsan")
        finally:
            page.close()
