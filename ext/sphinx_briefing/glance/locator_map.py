"""The locator map: every place with coordinates as a labelled, linked point on one SVG.

A pure renderer (no Sphinx, no network): :func:`draw_locator_map` takes the places and the
ISO 3166-1 alpha-3 codes of the countries to shade and returns SVG markup that a browser
shows inline and Typst embeds with ``image(bytes(svg), format: "svg")``.

The drawing, all in pure Python and deterministic (the same points and codes, in any order,
give a byte-identical SVG):

1. **Outlines** come from ``data/world/outlines.json`` (Natural Earth country outlines via
   the ``world-atlas`` package, decoded and simplified once by
   ``tools/make_world_outlines.py``; see ``data/world/README.md``), checked against
   ``schemas/world-outlines.schema.json`` when first loaded. Two layers: the whole world at
   1:110m for the main map, East Asia at 1:50m for the inset.
2. **Projection**: Equal Earth (an equal-area pseudo-cylindrical projection with straight
   parallels) centred on the map's middle meridian. The main map spans the smallest arc of
   longitude holding every point (plus the inset's area), so far places such as Washington
   stay on the map without a world-wide frame; the outlines are cut at the seam opposite
   the central meridian, projected, simplified (Douglas-Peucker, 0.35 units) and clipped to
   the panel.
3. **Inset**: places inside the Korean Peninsula's box (:data:`KOREAN_PENINSULA`), where most
   places cluster, are drawn in a second, larger-scale panel below the main map; the main
   map frames that area. Without places both inside and outside the box there is one panel.
4. **Markers**: capitals are rings with a dot, other places filled dots; markers that would
   overlap (Wonsan and Wonsan-Kalma lie 4 km apart) are moved apart, with a hairline to the
   true position. Country and peninsula entries (``kind`` ``country``, ``peninsula``,
   ``sea``) get no dot: their label is set on the area, at their coordinates.
5. **Labels**: the Arabic name over the English one, measured with fontTools in the fonts the
   book ships (Noto Sans Arabic for HTML, IBM Plex Sans Arabic / IBM Plex Sans for the PDF;
   the wider and taller counts, with the fonts' full ascent and descent). Each label tries
   the eight positions around its marker, then rings of positions further out with a leader
   line, and takes the first that overlaps no other label, marker, leader or frame and stays
   inside its panel.

Every place is an ``<a href>`` (class ``briefing-map-point``, ``data-entity`` = entry id)
holding a ``<title>`` (its accessible name), its marker and its label (``<g
class="briefing-map-label">`` with one ``<text lang="ar" direction="rtl">`` and one ``<text
lang="en">``). All data text goes through ElementTree, so it is escaped. Colours meet WCAG AA:
see :data:`PALETTE` and :func:`sphinx_briefing.glance.drawing.contrast_ratio`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from sphinx_briefing import resources
from sphinx_briefing.glance.drawing import name_drawing, segment_hits_box
from sphinx_briefing.glance.spatial import BoxGrid, segment_box

OUTLINES_PATH = resources.DATA / "world" / "outlines.json"
OUTLINES_SCHEMA_PATH = resources.SCHEMAS / "world-outlines.schema.json"

#: Fonts for HTML (the site's web font) and for Typst (the PDF's fonts), then generic.
FONT_FAMILY = "'Noto Sans Arabic', 'IBM Plex Sans Arabic', 'IBM Plex Sans', sans-serif"

#: Every colour the map uses. Text is checked against every surface it can lie on
#: (4.5:1), markers and lines against the surfaces (3:1): see ``tests/test_locator_map.py``.
PALETTE: dict[str, str] = {
    "sea": "#e3edf5",
    "land": "#f7f5ef",
    "border": "#a7a39a",
    "shaded": "#efc88f",
    "shaded_border": "#8a5a1c",
    "text": "#1b1b1b",
    "area_text": "#5b3510",
    "halo": "#ffffff",
    "marker": "#b0281f",
    "leader": "#4d4d4d",
    "frame": "#33393f",
    "caption_bg": "#ffffff",
}
#: Surfaces text and markers can be drawn on (labels also get a halo of ``halo``).
SURFACES = ("sea", "land", "shaded", "halo", "caption_bg")

#: Place kinds drawn as an area label (no dot) rather than a marker.
AREA_KINDS = frozenset({"country", "peninsula", "sea"})

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapPoint:
    """One place to put on the map."""

    id: str  # glossary entry id
    name_ar: str
    name_en: str
    lat: float
    lon: float
    href: str  # link target (relative URL), put on an <a> around marker+label
    kind: str  # place kind: city, capital, region, zone, peninsula, country, ...


@dataclass(frozen=True)
class Inset:
    """A geographic box drawn larger in its own panel, with its caption."""

    west: float
    south: float
    east: float
    north: float
    caption_ar: str
    caption_en: str

    def holds(self, lat: float, lon: float, margin: float = 0.5) -> bool:
        """Whether the point lies inside the box, ``margin`` degrees from its edges."""
        return (
            self.west + margin <= lon <= self.east - margin
            and self.south + margin <= lat <= self.north - margin
        )


#: The Korean Peninsula with the Yellow Sea and the Sea of Japan around it for the labels.
KOREAN_PENINSULA = Inset(
    west=119.5,
    south=33.6,
    east=134.5,
    north=43.1,
    caption_ar="شبه الجزيرة الكورية (تكبير)",
    caption_en="Korean Peninsula (enlarged)",
)

# Sizes, in viewBox units (the map is WIDTH wide; at a 46rem column that is about 1:1).
WIDTH = 720.0
_GAP = 12.0  # between panels
_MAIN_MIN_HEIGHT = 200.0
_MAIN_MAX_HEIGHT = 400.0
_INSET_WIDTH = 452.0
_LABEL = (12.0, 10.0)  # Arabic and English font sizes of place labels
_AREA_LABEL = (13.0, 10.5)
_SMALL = (11.0, 9.5)  # captions and the legend
_R_CAPITAL = 4.5
_R_PLACE = 3.6
_R_ANCHOR = 1.8
_MARGIN = 3.0  # labels keep this far from a panel's edge
_PAD = 1.5  # and this far from each other
_TOLERANCE = 0.35  # Douglas-Peucker tolerance for outlines
_KIND_RANK = {"capital": 0, "city": 1, "region": 2, "zone": 3}

_LEGEND_ITEMS = (
    ("shaded", "دولة ورد ذكرها", "Country mentioned"),
    ("capital", "عاصمة", "Capital"),
    ("place", "مدينة أو موقع", "City or site"),
    ("frame", "المنطقة المكبّرة", "Enlarged area"),
)


class OutlineDataError(ValueError):
    """The outline data file is missing, not JSON, or does not match its schema."""


# --------------------------------------------------------------------------- outline data


@dataclass(frozen=True, eq=False)
class Layer:
    """Country outlines at one resolution: ISO alpha-3 code -> polygons -> rings."""

    name: str
    resolution: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    countries: dict[str, list[list[Ring]]]

    def covers(self, west: float, south: float, east: float, north: float) -> bool:
        """Whether the layer has every outline inside the given box."""
        w, s, e, n = self.bbox
        return w <= west and s <= south and east <= e and north <= n


@dataclass(frozen=True, eq=False)
class Outlines:
    """The world outline data: its layers, coarsest first."""

    layers: tuple[Layer, ...]
    source: str

    def layer_for(self, west: float, south: float, east: float, north: float) -> Layer:
        """The most detailed layer covering the box (the first one otherwise)."""
        covering = [layer for layer in self.layers if layer.covers(west, south, east, north)]
        return covering[-1] if covering else self.layers[0]


@cache
def _outlines_validator() -> Draft202012Validator:
    schema = json.loads(OUTLINES_SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


@cache
def load_outlines(path: Path = OUTLINES_PATH) -> Outlines:
    """Read and validate the outline data (once per path).

    Raises :class:`OutlineDataError` naming the file and, for schema errors, the JSON path
    of the first wrong value.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutlineDataError(f"{path}: cannot read world outlines: {error}") from error
    errors = sorted(_outlines_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "(root)"
        raise OutlineDataError(
            f"{path}: world outlines do not match {OUTLINES_SCHEMA_PATH.name} at {where}: "
            f"{first.message}"
        )
    layers = []
    for index, layer in enumerate(data["layers"]):
        countries: dict[str, list[list[Ring]]] = {}
        for code, country in layer["countries"].items():
            polygons = []
            for i, polygon in enumerate(country["polygons"]):
                rings = []
                for j, flat in enumerate(polygon):
                    where = f"layers/{index}/countries/{code}/polygons/{i}/{j}"
                    if len(flat) % 2:
                        raise OutlineDataError(f"{path}: odd number of coordinates at {where}")
                    ring = list(zip(flat[0::2], flat[1::2], strict=True))
                    if any(not -90 <= lat <= 90 for _, lat in ring):
                        raise OutlineDataError(f"{path}: latitude out of range at {where}")
                    rings.append(ring)
                polygons.append(rings)
            countries[code] = polygons
        west, south, east, north = layer["bbox"]
        layers.append(
            Layer(layer["name"], layer["resolution"], (west, south, east, north), countries)
        )
    return Outlines(layers=tuple(layers), source=data["source"])


# --------------------------------------------------------------------------- geometry

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth projection (Šavrič, Patterson, Jenny 2018) of degrees relative to the
    central meridian, y pointing down, in units of the Earth's radius."""
    lam = math.radians(lon)
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, -y


def _wrap(lon: float) -> float:
    """Longitude in [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points of an open polyline within ``tolerance`` of the line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            if distance > worst:
                worst, worst_at = distance, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring:
    """Douglas-Peucker for a closed ring (first point not repeated at the end)."""
    if len(ring) < 4:
        return list(ring)
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    first = simplify(ring[: far + 1], tolerance)
    second = simplify([*ring[far:], ring[0]], tolerance)
    return first[:-1] + second[:-1]


def clip_ring(ring: Sequence[Point], box: Box) -> Ring:
    """Sutherland-Hodgman: the ring clipped to the rectangle ``box`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    out = list(ring)
    for axis, limit, low in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not out:
            break
        points, out = out, []
        previous = points[-1]
        was_inside = previous[axis] >= limit if low else previous[axis] <= limit
        for current in points:
            is_inside = current[axis] >= limit if low else current[axis] <= limit
            if is_inside != was_inside:
                out.append(_crossing(previous, current, axis, limit))
            if is_inside:
                out.append(current)
            previous, was_inside = current, is_inside
    return out


def _crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    """Where segment ab crosses the line ``x = limit`` (axis 0) or ``y = limit`` (axis 1)."""
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (limit, other) if axis == 0 else (other, limit)


def _area(ring: Sequence[Point]) -> float:
    return abs(
        sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))) / 2
    )


def _split_at_seam(ring: Ring, seam: float) -> list[Ring]:
    """The parts of a ring (longitudes in [-180, 180]) on either side of meridian ``seam``."""
    if abs(abs(seam) - 180.0) < 1e-9 or all(p[0] <= seam for p in ring):
        return [ring]
    if all(p[0] >= seam for p in ring):
        return [ring]
    west = clip_ring(ring, (-360.0, -90.0, seam, 90.0))
    east = clip_ring(ring, (seam, -90.0, 360.0, 90.0))
    return [part for part in (west, east) if len(part) >= 3]


@dataclass
class _Panel:
    """A rectangle of the SVG showing one geographic area in Equal Earth."""

    name: str
    lon0: float
    scale: float
    ox: float  # projected coordinates of the rectangle's top left corner
    oy: float
    box: Box  # in viewBox units
    layer: Layer

    def xy(self, lon: float, lat: float) -> Point:
        """ViewBox coordinates of a longitude and latitude."""
        x, y = equal_earth(_wrap(lon - self.lon0), lat)
        return self.box[0] + (x - self.ox) * self.scale, self.box[1] + (y - self.oy) * self.scale

    def moved(self, dx: float, dy: float) -> _Panel:
        """The same panel with its rectangle moved."""
        x0, y0, x1, y1 = self.box
        return _Panel(
            self.name,
            self.lon0,
            self.scale,
            self.ox,
            self.oy,
            (x0 + dx, y0 + dy, x1 + dx, y1 + dy),
            self.layer,
        )


def _projected_bounds(
    west: float, south: float, east: float, north: float, lon0: float
) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for i in range(33):
        lon = west + (east - west) * i / 32
        for lat in (south, north):
            x, y = equal_earth(lon - lon0, lat)
            xs.append(x)
            ys.append(y)
    for i in range(33):
        lat = south + (north - south) * i / 32
        for lon in (west, east):
            x, y = equal_earth(lon - lon0, lat)
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _panel(
    name: str,
    extent: tuple[float, float, float, float],
    width: float,
    heights: tuple[float, float],
    layer: Layer,
) -> _Panel:
    """A panel ``width`` wide showing ``extent`` (west, south, east, north; east may exceed
    180), its height between ``heights`` (the view grows to fill the rectangle)."""
    west, south, east, north = extent
    lon0 = (west + east) / 2
    x0, y0, x1, y1 = _projected_bounds(west, south, east, north, lon0)
    scale = width / (x1 - x0)
    height = (y1 - y0) * scale
    low, high = heights
    if height < low:
        grow = (low / scale - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
        height = low
    elif height > high:
        scale = high / (y1 - y0)
        grow = (width / scale - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
        height = high
    return _Panel(name, lon0, scale, x0, y0, (0.0, 0.0, width, round(height, 1)), layer)


def _country_paths(panel: _Panel) -> list[tuple[str, str]]:
    """(ISO code, SVG path data) of every country visible in the panel, in code order."""
    seam = _wrap(panel.lon0 + 180.0)
    x0, y0, x1, y1 = panel.box
    clip = (x0 - 1, y0 - 1, x1 + 1, y1 + 1)
    paths = []
    for code in sorted(panel.layer.countries):
        parts = []
        for polygon in panel.layer.countries[code]:
            for ring in polygon:
                for piece in _split_at_seam(ring, seam):
                    rel = [p[0] - panel.lon0 for p in piece]
                    shift = 360.0 if min(rel) < -180.0001 else -360.0 if max(rel) > 180.0001 else 0
                    projected = []
                    for (_, lat), lon in zip(piece, rel, strict=True):
                        x, y = equal_earth(lon + shift, lat)
                        projected.append(
                            (x0 + (x - panel.ox) * panel.scale, y0 + (y - panel.oy) * panel.scale)
                        )
                    if not _overlaps(_bounds(projected), clip):
                        continue
                    ring_out = clip_ring(simplify_ring(projected, _TOLERANCE), clip)
                    ring_out = _dedupe([(_round(x), _round(y)) for x, y in ring_out])
                    if len(ring_out) >= 3 and _area(ring_out) >= 0.6:
                        parts.append(ring_out)
        if parts:
            paths.append((code, "".join(_path(ring) for ring in parts)))
    return paths


def _bounds(points: Sequence[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _dedupe(ring: Ring) -> Ring:
    out: Ring = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _round(value: float) -> float:
    return round(value, 1) + 0.0


def _num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    text = f"{round(value, 1) + 0.0:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(ring: Ring) -> str:
    head, *rest = ring
    return (
        f"M{_num(head[0])} {_num(head[1])}L"
        + " ".join(f"{_num(x)} {_num(y)}" for x, y in rest)
        + "Z"
    )


# --------------------------------------------------------------------------- text metrics


@dataclass(frozen=True, eq=False)
class _Font:
    advances: dict[int, float]  # code point -> advance in em
    ascent: float  # in em
    descent: float


def _font_files() -> list[Path]:
    """The faces the map's text is drawn in: the site's web font and the PDF's fonts."""
    import fontpkg_ibm_plex_sans
    import fontpkg_ibm_plex_sans_arabic
    import fontpkg_noto_sans_arabic

    noto = Path(fontpkg_noto_sans_arabic.__file__).parent / "files"
    plex_arabic = Path(fontpkg_ibm_plex_sans_arabic.__file__).parent / "files"
    plex = Path(fontpkg_ibm_plex_sans.__file__).parent / "files"
    return [
        *sorted(noto.glob("NotoSansArabic*.ttf"))[:1],
        plex_arabic / "IBMPlexSansArabic-Regular.ttf",
        *sorted(p for p in plex.glob("IBMPlexSans*.ttf") if "Italic" not in p.name)[:1],
    ]


@cache
def _fonts() -> tuple[_Font, ...]:
    from fontTools.ttLib import TTFont

    fonts = []
    for path in _font_files():
        font = TTFont(str(path), lazy=True)
        upem = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        advances = {code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
        hhea, os2 = font["hhea"], font["OS/2"]
        ascent = max(hhea.ascent, os2.sTypoAscender) / upem
        descent = max(-hhea.descent, -os2.sTypoDescender) / upem
        fonts.append(_Font(advances, ascent, descent))
        font.close()
    return tuple(fonts)


@cache
def _arabic_forms() -> dict[tuple[str, str], str]:
    """(letter or lam-alef pair, form) -> presentation form, from Unicode's decompositions
    of the Arabic Presentation Forms blocks (forms: isolated, final, initial, medial)."""
    forms: dict[tuple[str, str], str] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        decomposition = unicodedata.decomposition(chr(code)).split()
        if len(decomposition) < 2 or not decomposition[0].startswith("<"):
            continue
        form = decomposition[0].strip("<>")
        if form in ("isolated", "final", "initial", "medial"):
            base = "".join(chr(int(part, 16)) for part in decomposition[1:])
            forms.setdefault((base, form), chr(code))
    return forms


_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"


def _shaped(text: str) -> list[tuple[str, str]]:
    """The text as the glyphs an Arabic shaper would pick, approximately: each letter in its
    contextual form (by Unicode's joining data) and lam-alef as one ligature: a list of
    (presentation form, the characters it stands for)."""
    forms = _arabic_forms()
    solid = [i for i, char in enumerate(text) if unicodedata.category(char) != "Mn"]
    out: list[tuple[str, str]] = []
    skip = -1
    for n, i in enumerate(solid):
        char = text[i]
        if i == skip:
            continue
        before = text[solid[n - 1]] if n > 0 else ""
        after = text[solid[n + 1]] if n + 1 < len(solid) else ""
        joins_before = (before, "medial") in forms or (before, "initial") in forms
        joins_before = joins_before and (char, "final") in forms
        if char == _LAM and after and after in _ALEFS:
            ligature = forms.get((char + after, "final" if joins_before else "isolated"))
            if ligature:
                out.append((ligature, char + after))
                skip = solid[n + 1]
                continue
        joins_after = (char, "initial") in forms and (after, "final") in forms
        form = {
            (True, True): "medial",
            (True, False): "final",
            (False, True): "initial",
            (False, False): "isolated",
        }[(joins_before, joins_after)]
        out.append((forms.get((char, form), char), char))
    return out


def text_width(text: str, size: float) -> float:
    """Estimated advance width of ``text`` at ``size``: the widest of the map's fonts, each
    summing the advances of the contextual forms (combining marks count as zero; a character
    a font lacks counts as in the font that has it, or 0.6 em)."""
    glyphs = _shaped(text)
    fonts = _fonts()
    widths = []
    for font in fonts:
        total = 0.0
        for glyph, base in glyphs:
            advance = font.advances.get(ord(glyph))
            if advance is None and all(ord(c) in font.advances for c in base):
                advance = sum(font.advances[ord(c)] for c in base)
            if advance is None:
                known = [f.advances.get(ord(glyph), 0.0) for f in fonts]
                advance = max(known) or 0.6 * len(base)
            total += advance
        widths.append(total)
    return max(widths) * size


def _ascent() -> float:
    return max(f.ascent for f in _fonts())


def _descent() -> float:
    return max(f.descent for f in _fonts())


@dataclass(frozen=True)
class _TextBlock:
    """Two lines (Arabic over English) centred on one another."""

    lines: tuple[tuple[str, str, float], ...]  # (text, lang, size)
    width: float
    height: float
    baselines: tuple[float, ...]  # from the top of the block


def _block(ar: str, en: str, sizes: tuple[float, float], lang: str = "ar") -> _TextBlock:
    """The box two lines take with the fonts' full ascent and descent (what browsers report
    as the text's bounding box), plus a little room for the estimate's error. The edition's
    language (``lang``: ``ar``, else English) is the first, larger line."""
    texts = ((ar, "ar"), (en, "en")) if lang == "ar" else ((en, "en"), (ar, "ar"))
    (text1, lang1), (text2, lang2) = texts
    size1, size2 = sizes
    first = _ascent() * size1
    second = first + 0.3 * size1 + 1.02 * size2
    height = second + _descent() * size2
    width = max(text_width(text1, size1), text_width(text2, size2)) * 1.02 + 2
    return _TextBlock(
        ((text1, lang1, size1), (text2, lang2, size2)), width, height, (first, second)
    )


# --------------------------------------------------------------------------- placement


def _overlaps(a: Box, b: Box, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _inside(a: Box, b: Box, margin: float) -> bool:
    return (
        a[0] >= b[0] + margin
        and a[1] >= b[1] + margin
        and a[2] <= b[2] - margin
        and a[3] <= b[3] - margin
    )


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0)


def _overlap_area(a: Box, b: Box, pad: float) -> float:
    width = min(a[2], b[2]) + pad - max(a[0], b[0])
    height = min(a[3], b[3]) + pad - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


#: Side of the cells of the scenes' grids (about a label's height).
_CELL = 32.0


class _Scene:
    """What is already on a panel: label boxes must avoid all of it.

    Each kind of thing is a list, in the order it was added, and a grid of its boxes
    (:class:`~sphinx_briefing.glance.spatial.BoxGrid`), so that a label is checked only
    against what is near it: placement stays near-linear in the number of places, and the
    costs are those of a check against everything, bit for bit (see :meth:`cost`)."""

    def __init__(self, panel: _Panel) -> None:
        self.panel = panel
        self.labels: list[Box] = []
        self.markers: list[Box] = []
        self.lines: list[tuple[Point, Point]] = []
        self.obstacles: list[Box] = []
        self._labels = BoxGrid(_CELL)
        self._markers = BoxGrid(_CELL)
        self._lines = BoxGrid(_CELL)
        self._obstacles = BoxGrid(_CELL)

    def add_label(self, box: Box) -> None:
        """A label's box, placed."""
        self.labels.append(box)
        self._labels.add(box)

    def add_marker(self, box: Box) -> None:
        """A marker's box (with its outline)."""
        self.markers.append(box)
        self._markers.add(box)

    def add_line(self, line: tuple[Point, Point]) -> None:
        """A leader line, or the line from a displaced marker to its place."""
        self.lines.append(line)
        self._lines.add(segment_box(*line))

    def add_obstacle(self, box: Box) -> None:
        """Something else labels keep off (the inset's frame, its caption)."""
        self.obstacles.append(box)
        self._obstacles.add(box)

    def copy(self) -> _Scene:
        """An independent copy (to try another placement order)."""
        twin = _Scene(self.panel)
        twin.labels, twin.markers = [*self.labels], [*self.markers]
        twin.lines, twin.obstacles = [*self.lines], [*self.obstacles]
        twin._labels, twin._markers = self._labels.copy(), self._markers.copy()
        twin._lines, twin._obstacles = self._lines.copy(), self._obstacles.copy()
        return twin

    def take(self, other: _Scene) -> None:
        """Become ``other`` (the placement kept)."""
        self.labels, self.markers, self.lines, self.obstacles = (
            other.labels,
            other.markers,
            other.lines,
            other.obstacles,
        )
        self._labels, self._markers = other._labels, other._markers
        self._lines, self._obstacles = other._lines, other._obstacles

    def markers_near(self, box: Box, pad: float) -> list[Box]:
        """The marker boxes that may come within ``pad`` of ``box``."""
        return list(self._markers.near_boxes(box, pad))

    def cost(
        self,
        box: Box,
        leader: tuple[Point, Point] | None,
        own: Box | None,
        dot: Box | None,
        bound: float = math.inf,
    ) -> float:
        """How badly a label box (with its leader, and the dot it points at) collides with
        what is there: 0 when it fits, the overlapping area plus a penalty per crossing line
        otherwise; infinite outside the panel, or when it is sure to exceed ``bound`` (the
        cost of a candidate already found: this one cannot be better).

        Each sum runs over what the grids find near the box, in the order it was added:
        everything else adds exact zeros, so the result equals the sum over everything."""
        if not _inside(box, self.panel.box, _MARGIN):
            return math.inf
        labels, markers, obstacles = self.labels, self.markers, self.obstacles
        lines = self.lines
        # Each group of terms is made only when the cost so far is below the bound.
        groups: list[tuple[float, Callable[[], Iterable[float]]]] = [
            (
                1.0,
                lambda: (_overlap_area(box, labels[i], _PAD) for i in self._labels.near(box, _PAD)),
            ),
            (
                1.0,
                lambda: (_overlap_area(box, markers[i], 0.5) for i in self._markers.near(box, 0.5)),
            ),
            (
                1.0,
                lambda: (
                    _overlap_area(box, obstacles[i], _PAD) for i in self._obstacles.near(box, _PAD)
                ),
            ),
            (50.0, lambda: (segment_hits_box(*lines[i], box) for i in self._lines.near(box))),
        ]
        if dot is not None:
            groups.append(
                (
                    1.0,
                    lambda: (
                        _overlap_area(dot, labels[i], 0.5) for i in self._labels.near(dot, 0.5)
                    ),
                )
            )
        if leader is not None:
            a, b = leader
            span = segment_box(a, b)
            groups.append(
                (
                    50.0,
                    lambda: itertools.chain(
                        (segment_hits_box(a, b, labels[i]) for i in self._labels.near(span)),
                        (segment_hits_box(a, b, obstacles[i]) for i in self._obstacles.near(span)),
                    ),
                )
            )
            groups.append(
                (
                    50.0,
                    lambda: (
                        segment_hits_box(a, b, markers[i])
                        for i in self._markers.near(span)
                        if markers[i] != own
                    ),
                )
            )
            groups.append(
                (50.0, lambda: (_segments_cross(a, b, *lines[i]) for i in self._lines.near(span)))
            )
        cost: float = 0
        for weight, terms in groups:
            found = _bounded_terms(terms(), cost, weight, bound)
            if found is None:
                return math.inf
            # sum() of the same terms in the same order as a sum over everything.
            cost += weight * sum(found) if weight != 1.0 else sum(found)
        return cost


def _bounded_terms(
    terms: Iterable[float], spent: float, weight: float, bound: float
) -> list[float] | None:
    """The terms, or None as soon as their running total shows the cost will exceed
    ``bound`` (with a margin far above the rounding of any order of summation)."""
    found = []
    total = 0.0
    limit = bound * (1 + 1e-6)
    for term in terms:
        if term:
            found.append(term)
            total += term
            if spent + weight * total > limit:
                return None
    return found


@dataclass
class _Placed:
    """One point, drawn: marker (if any), label and leader."""

    point: MapPoint
    anchor: Point  # the true position
    marker: Point | None  # the marker's centre (displaced if needed), None for area labels
    radius: float
    block: _TextBlock
    label: Box = (0.0, 0.0, 0.0, 0.0)
    leader: tuple[Point, Point] | None = None


# The eight positions next to a marker, in order of preference: right, left, the corners,
# above, below (x and y signs of the box's offset; y grows downwards).
_NEAR = ((1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1))
_FAR_ANGLES = (0, 180, -30, -150, 30, 150, -60, -120, 60, 120, -90, 90, -15, -165, 15, 165)
_FAR_DISTANCES = (10.0, 20.0, 32.0, 46.0, 62.0, 80.0, 100.0, 125.0, 155.0)


def _box_at(cx: float, cy: float, block: _TextBlock) -> Box:
    return (
        cx - block.width / 2,
        cy - block.height / 2,
        cx + block.width / 2,
        cy + block.height / 2,
    )


def _candidates(
    anchor: Point, radius: float, block: _TextBlock, area: bool
) -> Iterable[tuple[Box, tuple[Point, Point] | None]]:
    """Label boxes to try, best first, each with its leader line (or None)."""
    x, y = anchor
    w, h = block.width, block.height
    if area:
        yield _box_at(x, y, block), None
        for dx, dy in ((0, -1), (0, 1), (1, 0), (-1, 0)):
            yield _box_at(x + dx * w * 0.3, y + dy * h * 0.3, block), None
    else:
        gap = 2.0
        for dx, dy in _NEAR:
            if dx and dy:
                corner = radius * 0.7 + gap
                cx, cy = x + dx * (corner + w / 2), y + dy * (corner + h / 2)
            elif dx:
                cx, cy = x + dx * (radius + gap + w / 2), y
            else:
                cx, cy = x, y + dy * (radius + gap + h / 2)
            yield _box_at(cx, cy, block), None
    for distance in _FAR_DISTANCES:
        for angle in _FAR_ANGLES:
            ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            support = abs(ux) * w / 2 + abs(uy) * h / 2
            reach = radius + distance + support
            cx, cy = x + ux * reach, y + uy * reach
            # Where the line from the anchor to the box's centre enters the box.
            t = min(
                (w / 2) / abs(ux) if abs(ux) > 1e-9 else math.inf,
                (h / 2) / abs(uy) if abs(uy) > 1e-9 else math.inf,
            )
            start = (x + ux * (radius + 0.8), y + uy * (radius + 0.8))
            end = (cx - ux * t, cy - uy * t)
            yield _box_at(cx, cy, block), (start, end)


def _marker_box(centre: Point, radius: float) -> Box:
    r = radius + 1.2  # the marker's white outline
    return centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r


def _place_markers(placed: list[_Placed], scene: _Scene) -> None:
    """Put every marker at its position, moving apart those that would overlap."""
    order = sorted(
        (p for p in placed if p.marker is not None),
        key=lambda p: (_KIND_RANK.get(p.point.kind, 9), p.point.id),
    )
    for item in order:
        x, y = item.anchor
        spot = _marker_box(item.anchor, item.radius)
        if any(_overlaps(spot, other, 0.8) for other in scene.markers_near(spot, 0.8)):
            step = 2 * item.radius + 3.5
            found = None
            for ring in (1, 2, 3, 4):
                for angle in range(0, 360, 30):
                    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
                    centre = (x + ux * step * ring, y + uy * step * ring)
                    box = _marker_box(centre, item.radius)
                    if _inside(box, scene.panel.box, 1) and not any(
                        _overlaps(box, other, 0.8) for other in scene.markers_near(box, 0.8)
                    ):
                        found = centre
                        break
                if found:
                    break
            if found:
                item.marker = found
                scene.add_line((item.anchor, found))
        assert item.marker is not None
        scene.add_marker(_marker_box(item.marker, item.radius))


#: Beyond this many places on a panel, labels are placed in one order only.
_MANY_PLACES = 100
#: Places closer than this to a place crowd it (its label is placed early).
_CROWD = 60.0


def _crowding(placed: Sequence[_Placed]) -> dict[int, int]:
    """How many other places lie within :data:`_CROWD` of each (by ``id()``), found through
    a grid of the anchors rather than by comparing every pair."""
    grid = BoxGrid(_CROWD)
    for item in placed:
        grid.add((*item.anchor, *item.anchor))
    counts = {}
    for index, item in enumerate(placed):
        x, y = item.anchor
        counts[id(item)] = sum(
            1
            for other in grid.near((x, y, x, y), _CROWD)
            if other != index
            and math.hypot(placed[other].anchor[0] - x, placed[other].anchor[1] - y) < _CROWD
        )
    return counts


def _label_once(order: Sequence[_Placed], scene: _Scene) -> tuple[float, list[Any]]:
    """Greedy placement in one order: each label takes its first free candidate (or, if none
    is free, the least bad). Returns a score (lower is better) and the choices."""
    score = 0.0
    choices: list[Any] = []
    for item in order:
        area = item.marker is None
        origin = item.anchor if area else item.marker
        assert origin is not None
        radius = 0.0 if area else item.radius
        own = None if area else _marker_box(origin, radius)
        best: tuple[float, int, Box, tuple[Point, Point] | None] | None = None
        for index, (box, leader) in enumerate(_candidates(origin, radius, item.block, area)):
            dot = _marker_box(origin, _R_ANCHOR) if area and leader is not None else None
            cost = scene.cost(box, leader, own, dot, math.inf if best is None else best[0])
            if best is None or cost < best[0]:
                best = (cost, index, box, leader)
            if cost == 0:
                break
        assert best is not None
        cost, index, box, leader = best
        if math.isinf(cost):
            box, leader = _box_at(origin[0], origin[1], item.block), None
        # A country's name away from the country reads worse than a city's name further out.
        score += index * (3 if area else 1) + (1e6 * (1 + min(cost, 1e6)) if cost else 0.0)
        choices.append((item, box, leader))
        scene.add_label(box)
        if leader is not None:
            scene.add_line(leader)
            if area:
                scene.add_marker(_marker_box(origin, _R_ANCHOR))
    return score, choices


def _place_labels(placed: list[_Placed], scene: _Scene) -> None:
    """Label placement: greedy, in a few orders (crowded points first or area labels first),
    keeping the order whose labels all fit with the fewest leaders and far positions."""
    crowding = _crowding(placed)
    points = sorted(
        (p for p in placed if p.marker is not None),
        key=lambda p: (-crowding[id(p)], _KIND_RANK.get(p.point.kind, 9), p.point.id),
    )
    areas = sorted(
        (p for p in placed if p.marker is None),
        key=lambda p: (-crowding[id(p)], p.point.id),
    )
    orders = [points + areas, areas + points, areas[::-1] + points, points[::-1] + areas]
    if len(placed) > _MANY_PLACES:
        # Hundreds of places (a directive's ``:limit: 0``): one order, not four, keeps the
        # work linear; the map is crowded in any order.
        orders = orders[:1]
    best: tuple[float, int, list[Any], _Scene] | None = None
    for number, order in enumerate(orders):
        trial = scene.copy()
        score, choices = _label_once(order, trial)
        if best is None or score < best[0]:
            best = (score, number, choices, trial)
    assert best is not None
    for item, box, leader in best[2]:
        item.label, item.leader = box, leader
    scene.take(best[3])


# --------------------------------------------------------------------------- extents


def _longitude_arc(lons: Sequence[float]) -> tuple[float, float]:
    """The shortest arc (west, east; east may exceed 180) holding every longitude."""
    ordered = sorted(_wrap(lon) for lon in lons)
    if len(ordered) == 1:
        return ordered[0], ordered[0]
    gaps = [
        ((ordered[(i + 1) % len(ordered)] - ordered[i]) % 360.0, i) for i in range(len(ordered))
    ]
    _, at = max(gaps, key=lambda g: (g[0], -g[1]))
    west = ordered[(at + 1) % len(ordered)]
    east = ordered[at]
    if east < west:
        east += 360.0
    return west, east


def _main_extent(
    points: Sequence[MapPoint], inset: Inset | None
) -> tuple[float, float, float, float]:
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    if inset is not None:
        lons += [inset.west, inset.east]
        lats += [inset.south, inset.north]
    if not lons:
        return 20.0, 20.0, 150.0, 70.0
    west, east = _longitude_arc(lons)
    south, north = min(lats), max(lats)
    span = east - west
    pad = max(12.0, 0.1 * span)
    if span + 2 * pad < 50:
        pad = (50 - span) / 2
    west, east = west - pad, east + pad
    if east - west > 359:
        west, east = -179.9, 179.9
    lat_pad = max(8.0, 0.15 * (north - south))
    if north - south + 2 * lat_pad < 30:
        lat_pad = (30 - (north - south)) / 2
    return west, max(-80.0, south - lat_pad), east, min(84.0, north + lat_pad + 6)


# --------------------------------------------------------------------------- SVG


def _el(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    """A child element; ``class_`` and ``data_iso`` become ``class`` and ``data-iso``."""
    return _set(ET.SubElement(parent, tag), **attributes)


def _set(element: ET.Element, **attributes: str) -> ET.Element:
    for key, value in attributes.items():
        element.set(key.rstrip("_").replace("_", "-"), value)
    return element


def _safe_href(href: str) -> str:
    """The link, unless it is a script URL (those become ``#``)."""
    scheme = "".join(href.split()).lower()
    if scheme.startswith(("javascript:", "vbscript:", "data:")):
        return "#"
    return href


def _text_lines(
    parent: ET.Element, block: _TextBlock, box: Box, colour: str, cls: str = ""
) -> None:
    """The block's lines centred in ``box``, in a group carrying their colour and halo."""
    group = _el(parent, "g", class_=cls) if cls else _el(parent, "g")
    _set(
        group,
        fill=colour,
        stroke=PALETTE["halo"],
        stroke_width="3",
        stroke_linejoin="round",
        paint_order="stroke",
        text_anchor="middle",
    )
    cx = _num((box[0] + box[2]) / 2)
    for (text, lang, size), baseline in zip(block.lines, block.baselines, strict=True):
        position = {"x": cx, "y": _num(box[1] + baseline), "font-size": _num(size)}
        if lang == "ar":
            attributes = {"lang": "ar", "direction": "rtl", "unicode-bidi": "embed", **position}
        else:
            attributes = {"lang": "en", "direction": "ltr", **position}
        ET.SubElement(group, "text", attributes).text = text


def _draw_panel(svg: ET.Element, panel: _Panel, shaded: frozenset[str], uid: str) -> ET.Element:
    """The panel's sea and countries (the shaded ones last, so their outline shows)."""
    x0, y0, x1, y1 = panel.box
    rect = {"x": _num(x0), "y": _num(y0), "width": _num(x1 - x0), "height": _num(y1 - y0)}
    group = _el(svg, "g", class_="briefing-map-panel", data_panel=panel.name)
    clip_id = f"{uid}-clip-{panel.name}"
    defs = _el(group, "defs")
    ET.SubElement(_el(defs, "clipPath", id=clip_id), "rect", rect)
    _el(group, "rect", class_="briefing-map-sea", fill=PALETTE["sea"], **rect)
    land = _el(
        group,
        "g",
        class_="briefing-map-countries",
        clip_path=f"url(#{clip_id})",
        fill_rule="evenodd",
        stroke_linejoin="round",
        aria_hidden="true",
    )
    paths = _country_paths(panel)
    for code, d in paths:
        if code in shaded:
            continue
        _el(
            land,
            "path",
            class_="briefing-map-country",
            data_iso=code,
            fill=PALETTE["land"],
            stroke=PALETTE["border"],
            stroke_width="0.5",
            d=d,
        )
    for code, d in paths:
        if code not in shaded:
            continue
        _el(
            land,
            "path",
            class_="briefing-map-country briefing-map-shaded",
            data_iso=code,
            fill=PALETTE["shaded"],
            stroke=PALETTE["shaded_border"],
            stroke_width="0.8",
            d=d,
        )
    return group


def _draw_points(group: ET.Element, placed: list[_Placed], lang: str = "ar") -> None:
    layer = _el(group, "g", class_="briefing-map-points")
    for item in sorted(placed, key=lambda p: p.point.id):
        point = item.point
        link = _el(
            layer,
            "a",
            href=_safe_href(point.href),
            class_="briefing-map-point",
            data_entity=point.id,
            data_kind=point.kind,
        )
        names = (point.name_ar, point.name_en) if lang == "ar" else (point.name_en, point.name_ar)
        _el(link, "title").text = " — ".join(names)
        if item.marker is not None and item.marker != item.anchor:
            _line(link, item.anchor, item.marker, "briefing-map-offset", "0.8")
        if item.leader is not None:
            _line(link, *item.leader, "briefing-map-leader", "0.8")
            if item.marker is None:
                _el(
                    link,
                    "circle",
                    class_="briefing-map-anchor",
                    cx=_num(item.anchor[0]),
                    cy=_num(item.anchor[1]),
                    r=_num(_R_ANCHOR),
                    fill=PALETTE["leader"],
                )
        if item.marker is not None:
            _marker(link, item.marker, point.kind == "capital")
        colour = PALETTE["area_text"] if item.marker is None else PALETTE["text"]
        _text_lines(link, item.block, item.label, colour, "briefing-map-label")


def _line(parent: ET.Element, a: Point, b: Point, cls: str, width: str) -> None:
    _el(
        parent,
        "line",
        class_=cls,
        x1=_num(a[0]),
        y1=_num(a[1]),
        x2=_num(b[0]),
        y2=_num(b[1]),
        stroke=PALETTE["leader"],
        stroke_width=width,
    )


def _marker(parent: ET.Element, centre: Point, capital: bool) -> None:
    cx, cy = _num(centre[0]), _num(centre[1])
    if capital:
        _el(
            parent,
            "circle",
            class_="briefing-map-marker",
            cx=cx,
            cy=cy,
            r=_num(_R_CAPITAL),
            fill=PALETTE["halo"],
            stroke=PALETTE["marker"],
            stroke_width="2",
        )
        _el(parent, "circle", cx=cx, cy=cy, r="1.7", fill=PALETTE["marker"])
    else:
        _el(
            parent,
            "circle",
            class_="briefing-map-marker",
            cx=cx,
            cy=cy,
            r=_num(_R_PLACE),
            fill=PALETTE["marker"],
            stroke=PALETTE["halo"],
            stroke_width="1.2",
        )


def _frame(parent: ET.Element, box: Box, cls: str, width: str) -> None:
    _el(
        parent,
        "rect",
        class_=cls,
        x=_num(box[0]),
        y=_num(box[1]),
        width=_num(box[2] - box[0]),
        height=_num(box[3] - box[1]),
        fill="none",
        stroke=PALETTE["frame"],
        stroke_width=width,
    )


def _caption(parent: ET.Element, block: _TextBlock, box: Box) -> None:
    group = _el(parent, "g", class_="briefing-map-caption")
    _el(
        group,
        "rect",
        x=_num(box[0]),
        y=_num(box[1]),
        width=_num(box[2] - box[0]),
        height=_num(box[3] - box[1]),
        fill=PALETTE["caption_bg"],
        stroke=PALETTE["frame"],
        stroke_width="0.8",
    )
    _text_lines(group, block, box, PALETTE["text"])


def _legend(
    parent: ET.Element,
    box: Box,
    items: Sequence[tuple[str, str, str]],
    horizontal: bool,
    lang: str = "ar",
) -> None:
    """Each symbol with its meaning to its left (the book reads right to left): stacked from
    the top right corner of ``box``, or in one row from right to left."""
    group = _el(parent, "g", class_="briefing-map-legend", aria_hidden="true")
    x, y = box[2], box[1]
    for kind, ar, en in items:
        block = _block(ar, en, _SMALL, lang)
        symbol_x = x - 10
        middle = y + block.height / 2
        if kind == "shaded":
            _el(
                group,
                "rect",
                x=_num(symbol_x - 8),
                y=_num(middle - 6),
                width="16",
                height="12",
                fill=PALETTE["shaded"],
                stroke=PALETTE["shaded_border"],
                stroke_width="0.8",
            )
        elif kind == "frame":
            _frame(group, (symbol_x - 8, middle - 6, symbol_x + 8, middle + 6), "", "1.2")
        else:
            _marker(group, (symbol_x, middle), kind == "capital")
        text_box = (symbol_x - 14 - block.width, y, symbol_x - 14, y + block.height)
        _text_lines(group, block, text_box, PALETTE["text"])
        if horizontal:
            x = text_box[0] - 16
        else:
            y += block.height + 2


def _legend_height(
    items: Sequence[tuple[str, str, str]], horizontal: bool, lang: str = "ar"
) -> float:
    heights = [_block(ar, en, _SMALL, lang).height for _, ar, en in items]
    if horizontal:
        return max(heights, default=0.0)
    return sum(h + 2 for h in heights)


def _build_placed(points: Sequence[MapPoint], panel: _Panel, lang: str = "ar") -> list[_Placed]:
    placed = []
    for point in points:
        anchor = panel.xy(point.lon, point.lat)
        area = point.kind in AREA_KINDS
        sizes = _AREA_LABEL if area else _LABEL
        radius = _R_CAPITAL if point.kind == "capital" else _R_PLACE
        placed.append(
            _Placed(
                point=point,
                anchor=anchor,
                marker=None if area else anchor,
                radius=radius,
                block=_block(point.name_ar, point.name_en, sizes, lang),
            )
        )
    return placed


def draw_locator_map(
    points: Sequence[MapPoint],
    shaded: Collection[str],
    *,
    title: str,
    description: str,
    lang: str = "ar",
) -> str:
    """SVG markup (no XML declaration, root <svg> with xmlns and viewBox, named by its
    <title> and described by its <desc>; ``role="group"`` when places are links, else
    ``img``). ``lang``: the edition's language, whose names are
    the first line of each label (``ar``; any other: English first)."""
    outlines = load_outlines()
    unique = {p.id: p for p in sorted(points, key=lambda p: (p.id, p.lat, p.lon))}
    ordered = [unique[key] for key in sorted(unique)]
    codes = frozenset(code.upper() for code in shaded)

    # The Korean Peninsula gets an inset when places lie both in it and elsewhere; when all
    # lie in it, the main map is that box.
    inside = [p for p in ordered if KOREAN_PENINSULA.holds(p.lat, p.lon)]
    outside = [p for p in ordered if not KOREAN_PENINSULA.holds(p.lat, p.lon)]
    inset = KOREAN_PENINSULA if inside and outside else None
    if inside and not outside:
        box = KOREAN_PENINSULA
        extent = (box.west, box.south, box.east, box.north)
        outside, inside = inside, []
    else:
        extent = _main_extent(outside, inset)
    main = _panel(
        "main",
        extent,
        WIDTH,
        (_MAIN_MIN_HEIGHT, _MAIN_MAX_HEIGHT),
        outlines.layer_for(*extent),
    )
    main_scene = _Scene(main)
    main_placed = _build_placed(outside, main, lang)
    frame_box: Box | None = None
    panels: list[tuple[_Scene, list[_Placed]]] = [(main_scene, main_placed)]
    drawn = {
        "shaded": any(code in outlines.layers[0].countries for code in codes),
        "capital": any(p.kind == "capital" for p in ordered),
        "place": any(p.kind != "capital" and p.kind not in AREA_KINDS for p in ordered),
        "frame": inset is not None,
    }
    legend_items = [item for item in _LEGEND_ITEMS if drawn[item[0]]]
    horizontal = inset is None
    legend_top = main.box[3] + _GAP
    height = (
        legend_top + _legend_height(legend_items, horizontal, lang) if legend_items else main.box[3]
    )
    inset_scene: _Scene | None = None
    caption: tuple[_TextBlock, Box] | None = None
    if inset is not None:
        # The inset's area on the main map, framed; main-map labels keep off it.
        corners = [
            main.xy(lon, lat)
            for lon in (inset.west, (inset.west + inset.east) / 2, inset.east)
            for lat in (inset.south, inset.north)
        ]
        frame_box = _bounds(corners)
        main_scene.add_obstacle(frame_box)
        geo = (inset.west, inset.south, inset.east, inset.north)
        small = _panel("inset", geo, _INSET_WIDTH, (150.0, 600.0), outlines.layer_for(*geo))
        small = small.moved(WIDTH - _INSET_WIDTH, main.box[3] + _GAP)
        inset_scene = _Scene(small)
        block = _block(inset.caption_ar, inset.caption_en, _SMALL, lang)
        x1, y0 = small.box[2], small.box[1]
        caption_box = (x1 - block.width - 6, y0, x1, y0 + block.height + 2)
        caption = (block, (caption_box[0], caption_box[1] + 1, caption_box[2], caption_box[3] - 1))
        inset_scene.add_obstacle(caption_box)
        panels.append((inset_scene, _build_placed(inside, small, lang)))
        height = max(height, small.box[3])

    for scene, placed in panels:
        _place_markers(placed, scene)
        _place_labels(placed, scene)

    uid = (
        "briefing-map-"
        + hashlib.sha256(
            json.dumps(
                [[vars(p) for p in ordered], sorted(codes), title, description]
                + ([lang] if lang != "ar" else []),
                ensure_ascii=False,
            ).encode()
        ).hexdigest()[:10]
    )
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {_num(WIDTH)} {_num(height)}",
            "width": _num(WIDTH),
            "height": _num(height),
            "class": "briefing-locator-map",
            "font-family": FONT_FAMILY,
        },
    )
    _el(svg, "title", id=f"{uid}-title").text = title
    _el(svg, "desc", id=f"{uid}-desc").text = description
    _el(
        svg, "style"
    ).text = (
        ".briefing-map-point:hover text,.briefing-map-point:focus text{text-decoration:underline}"
    )
    for scene, placed in panels:
        group = _draw_panel(svg, scene.panel, codes, uid)
        if scene is main_scene and frame_box is not None:
            _frame(group, frame_box, "briefing-map-inset-frame", "1.2")
        if scene is inset_scene and caption is not None:
            _caption(group, *caption)
        _draw_points(group, placed, lang)
        x0, y0, x1, y1 = scene.panel.box
        _frame(group, (x0 + 0.5, y0 + 0.5, x1 - 0.5, y1 - 0.5), "briefing-map-frame", "1")
    if legend_items:
        legend_right = (WIDTH - _INSET_WIDTH - _GAP) if inset is not None else WIDTH
        _legend(svg, (0.0, legend_top, legend_right, height), legend_items, horizontal, lang)
    name_drawing(svg, f"{uid}-title", f"{uid}-desc")
    ET.indent(svg, space="")
    return ET.tostring(svg, encoding="unicode")


# --------------------------------------------------------------------------- colour
