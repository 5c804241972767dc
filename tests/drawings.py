"""The real glossary's drawings (relationship graph, locator map) and how to read an SVG back,
shared by the renderers' unit tests and their browser tests."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from sphinx_briefing.glance.locator_map import MapPoint, draw_locator_map
from sphinx_briefing.glance.relation_graph import (
    GraphEdge,
    GraphNode,
    draw_relation_graph,
    graph_from_glossary,
)
from sphinx_briefing.glossary import Entry, Glossary, load
from tests.helpers import REPO

SVG = "{http://www.w3.org/2000/svg}"
GLOSSARY = REPO / "docs" / "glossary" / "entries"
GRAPH_TITLE = "الكيانات وعلاقاتها"
GRAPH_DESCRIPTION = "Entries of the glossary and how they relate."
#: Coordinates are written with one decimal: anything below this is rounding, not overlap.
EPSILON = 1e-6


@functools.cache
def seed_glossary() -> Glossary:
    """The book's glossary (docs/glossary/entries), loaded once."""
    return load(GLOSSARY)


def entry_href(entry: Entry) -> str:
    return f"glossary/{entry.id}.html"


@functools.cache
def seed_graph() -> tuple[list[GraphNode], list[GraphEdge]]:
    """The real glossary's entries and their explicit [[relations]]."""
    glossary = seed_glossary()
    assert glossary.problems == []
    return graph_from_glossary(glossary, entry_href, implicit=False)


@functools.cache
def seed_graph_svg() -> str:
    nodes, edges = seed_graph()
    return draw_relation_graph(nodes, edges, title=GRAPH_TITLE, description=GRAPH_DESCRIPTION)


def seed_points() -> list[MapPoint]:
    """Every glossary place with coordinates, as the integrator builds them."""
    points = []
    for entry in seed_glossary().of_type("place"):
        place = entry.data.get("place", {})
        if "lat" in place and "lon" in place:
            points.append(
                MapPoint(
                    id=entry.id,
                    name_ar=entry.names["ar"],
                    name_en=entry.names["en"],
                    lat=place["lat"],
                    lon=place["lon"],
                    href=f"glossary/places.html#{entry.id}",
                    kind=place.get("kind", "other"),
                )
            )
    return points


def seed_shaded() -> list[str]:
    return [
        entry.data["place"]["iso"]
        for entry in seed_glossary().of_type("place")
        if "iso" in entry.data.get("place", {})
    ]


def draw_map(points: list[MapPoint], shaded: list[str] | None = None) -> str:
    return draw_locator_map(
        points,
        seed_shaded() if shaded is None else shaded,
        title="خريطة الأماكن — Places in the articles",
        description="A locator map of the places the articles mention.",
    )


@functools.cache
def seed_map_svg() -> str:
    return draw_map(seed_points())


# -- reading an SVG back ---------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box) -> bool:
        """Whether the boxes overlap; boxes that touch do not (within float rounding: a label
        placed right after another ends at 1155.8 and starts at 1155.8000000000002)."""
        e = EPSILON
        return (
            self.x0 < other.x1 - e
            and other.x0 < self.x1 - e
            and self.y0 < other.y1 - e
            and other.y0 < self.y1 - e
        )

    def inside(self, other: Box) -> bool:
        return (
            other.x0 <= self.x0
            and self.x1 <= other.x1
            and other.y0 <= self.y0
            and self.y1 <= other.y1
        )


def parse(svg: str) -> ET.Element:
    assert not svg.startswith("<?xml")
    return ET.fromstring(svg)


def view_box(root: ET.Element) -> Box:
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    return Box(x, y, x + w, y + h)


def edges_of(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "briefing-graph-edge"]
