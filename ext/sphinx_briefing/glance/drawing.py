"""Geometry and colour shared by the at-a-glance renderers (map, graph, timeline)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

Point = tuple[float, float]
#: x0, y0, x1, y1.
Box = tuple[float, float, float, float]


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """Whether segment ab passes through the rectangle (Liang-Barsky)."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an ``#rrggbb`` colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def name_drawing(svg: ET.Element, title_id: str, desc_id: str) -> None:
    """Give a drawing's root ``<svg>`` its role and accessible name: named by its ``<title>``,
    described by its ``<desc>``. A drawing with links is a ``group``: the children of an
    ``img`` are hidden from assistive technology, so its links could not be reached (axe's
    nested-interactive); one without links stays an ``img``."""
    svg.set("role", "group" if svg.find(".//a") is not None else "img")
    svg.set("aria-labelledby", title_id)
    svg.set("aria-describedby", desc_id)
