"""The relationship graph renderer (briefing.glance.relation_graph): well-formed, complete,
escaped, deterministic and readable SVG, checked on the real glossary and on random graphs,
and in headless Chromium (labels do not overlap, links resolve)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sphinx_briefing.glance import relation_graph as rg
from sphinx_briefing.glance.relation_graph import (
    GraphNode,
)
from tests.drawings import edges_of, parse, seed_graph, seed_graph_svg, view_box
from tests.helpers import ink, serve

# -- in the browser ----------------------------------------------------------------------------

LABEL_BOXES = """() => [...document.querySelectorAll(
    '.briefing-graph-label, .briefing-graph-edge-label')].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent, cls: e.getAttribute('class'), x0: r.left, y0: r.top,
          x1: r.right, y1: r.bottom};
})"""

LABELS_IN_BOXES = """() => [...document.querySelectorAll('a.briefing-graph-node')].flatMap(a => {
  const box = a.querySelector('rect').getBoundingClientRect();
  return [...a.querySelectorAll('text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left || r.right > box.right || r.top < box.top - 0.5
      || r.bottom > box.bottom + 0.5;
  }).map(t => a.dataset.entity + ': ' + t.textContent);
})"""

LINKS_RESOLVE = """async () => {
  const links = [...document.querySelectorAll('a.briefing-graph-node')];
  const results = await Promise.all(links.map(async a => {
    const url = new URL(a.getAttribute('href'), document.baseURI);
    const response = await fetch(url);
    return [a.dataset.entity, url.pathname, response.status];
  }));
  return results;
}"""


def graph_page(directory: Path, svg: str, nodes: list[GraphNode]) -> None:
    """An RTL page with the SVG inline and the book's web font, and a page for every entry."""
    font = rg._font_files()[0][1]
    assert font is not None
    (directory / "NotoSansArabic.ttf").write_bytes(font.read_bytes())
    (directory / "index.html").write_text(
        f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>graph</title><style>
@font-face {{ font-family: "Noto Sans Arabic"; src: url("NotoSansArabic.ttf"); }}
body {{ margin: 0; background: #fff; }}
</style></head><body><figure style="margin: 0">{svg}</figure></body></html>""",
        encoding="utf-8",
    )
    for entry in nodes:
        page = directory / entry.href
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><title>{entry.id}</title>", encoding="utf-8")


@pytest.mark.browser
def test_graph_in_the_browser(
    browser: Browser,
    tmp_path: Path,
) -> None:
    nodes, _ = seed_graph()
    seed_svg = seed_graph_svg()
    graph_page(tmp_path, seed_svg, nodes)
    width = view_box(parse(seed_svg)).x1
    with serve(tmp_path) as url:
        page = browser.new_page(viewport={"width": math.ceil(width) + 40, "height": 900})
        try:
            page.goto(url + "index.html")
            page.evaluate("document.fonts.ready")
            assert page.evaluate("document.fonts.check('14px \"Noto Sans Arabic\"', 'كيم')")

            # Non-blank: ink and the palette's colours.
            png = page.locator("svg.briefing-graph").screenshot()
            shot = ink(page, png)
            assert shot["inked"] > 0.05, shot
            assert shot["colours"] >= 8, shot

            # No label overlaps another one (node labels and edge labels).
            boxes = page.evaluate(LABEL_BOXES)
            assert len(boxes) == 2 * len(nodes) + len(edges_of(parse(seed_svg)))
            for i, a in enumerate(boxes):
                assert a["x1"] - a["x0"] > 5 and a["y1"] - a["y0"] > 5, a
                for b in boxes[:i]:
                    overlap = (
                        a["x0"] < b["x1"]
                        and b["x0"] < a["x1"]
                        and a["y0"] < b["y1"]
                        and b["y0"] < a["y1"]
                    )
                    assert not overlap, (a, b)

            # The measured text fits its box: the estimate is not too small.
            assert page.evaluate(LABELS_IN_BOXES) == []

            # Every link resolves, and a click goes there.
            results = page.evaluate(LINKS_RESOLVE)
            assert len(results) == len(nodes)
            assert all(status == 200 for _, _, status in results), results
            page.locator("a.briefing-graph-node[data-entity='sergey-lavrov']").click()
            page.wait_for_url("**/glossary/sergey-lavrov.html")
        finally:
            page.close()
