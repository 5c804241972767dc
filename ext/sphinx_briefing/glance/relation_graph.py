"""The relationship graph: glossary entries and their typed relations as one accessible SVG.

A pure renderer (no Sphinx): :func:`draw_relation_graph` takes nodes and edges and returns SVG
markup that a browser shows inline and Typst embeds with ``image(bytes(svg), format: "svg")``.

Layout, all in pure Python and deterministic (the same nodes and edges, in any order, give a
byte-identical SVG):

1. Each node is a box holding its Arabic label (wrapped) over its English label, sized by
   measuring the text with fontTools in the fonts the book ships (Noto Sans Arabic for HTML,
   IBM Plex Sans Arabic for the PDF; the wider of the two counts).
2. Stress majorization places the boxes so that their distances follow the graph's
   hop distances, from several seeded random starts (``glance/graph_layout.py``: sparse,
   with pivots, for large graphs).
3. Each layout is turned so that its longer axis runs down the page and fitted to
   :data:`WIDTH`, about the book's column, so the column shows the drawing at its own size;
   overlapping boxes are pushed apart (sideways only within the width) until no two boxes
   (with a gap for edges) overlap; of the candidate layouts, the one with the fewest edge
   crossings and edges through boxes is kept.
4. Edges are quadratic curves between the boxes: relations of different types between the
   same pair are offset from each other, the same relation in both directions is one line
   with two arrowheads, and a line that would cross another box is bent around it (within
   the width).
5. Each edge label is placed on its line where it hits no box and no other label (and
   preferably no other line), found through grids of what is drawn
   (``glance/spatial.py``); if some label finds no room, the drawing is spread down the
   page once and steps 4-5 are repeated; a label that still finds none goes to the nearest
   free spot by its line.

Text is drawn with ``font-family`` :data:`FONT_FAMILY`, Arabic with ``lang="ar"`` and
``direction="rtl"``, English with ``lang="en"`` and ``direction="ltr"`` (so it reads right
inline in a right-to-left page); all data text goes through ElementTree, so it is escaped,
and characters XML cannot hold are dropped. Inline the SVG in HTML (not ``<img>``) for the
links and the page's web font to work.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_briefing.glance import graph_layout
from sphinx_briefing.glance.drawing import name_drawing, segment_hits_box
from sphinx_briefing.glance.spatial import BoxGrid, segment_box
from sphinx_briefing.vocabulary import relation_label

if TYPE_CHECKING:
    from sphinx_briefing.glossary import Entry, Glossary


#: Usable both in HTML (the book serves Noto Sans Arabic) and in Typst (IBM Plex Sans Arabic).
FONT_FAMILY = "'Noto Sans Arabic', 'IBM Plex Sans Arabic', 'IBM Plex Sans', sans-serif"


@dataclass(frozen=True)
class GraphNode:
    """One glossary entry as a node of the graph."""

    id: str  # glossary entry id
    label_ar: str
    label_en: str
    type: str  # person | place | organization | agreement | event
    href: str  # relative URL of the entry


@dataclass(frozen=True)
class GraphEdge:
    """One typed relation from ``source`` to ``target``."""

    source: str  # node id
    target: str  # node id
    type: str  # relation type (key of relation-types.json)


@dataclass(frozen=True)
class NodeStyle:
    """How nodes of one type are drawn; ``text`` is the label colour on ``fill``."""

    fill: str
    stroke: str
    text: str
    corner: float  # corner radius; a large one makes a pill
    dash: str  # stroke-dasharray, "" for solid
    label_ar: str
    label_en: str


#: Node styles by entry type: colour and shape both differ, so colour is not the only cue.
NODE_STYLES: dict[str, NodeStyle] = {
    "person": NodeStyle("#fde3c8", "#9a4d00", "#1a1a1a", 16.0, "", "شخص", "person"),
    "place": NodeStyle("#d5eed8", "#2a6b30", "#1a1a1a", 6.0, "", "مكان", "place"),
    "organization": NodeStyle("#d8e6f7", "#1d5a9e", "#1a1a1a", 0.0, "", "منظمة", "organization"),
    "agreement": NodeStyle("#ecdff4", "#6e3a8c", "#1a1a1a", 0.0, "5 3", "اتفاقية", "agreement"),
    "event": NodeStyle("#f9dadd", "#a3232f", "#1a1a1a", 6.0, "5 3", "حدث", "event"),
    "other": NodeStyle("#e8e8e8", "#595959", "#1a1a1a", 3.0, "2 3", "أخرى", "other"),
}
BACKGROUND = "#ffffff"
EDGE_COLOUR = "#5c6166"
EDGE_LABEL_COLOUR = "#303336"
LEGEND_TEXT_COLOUR = "#1a1a1a"

AR_SIZE = 14.0  # node label, Arabic
EN_SIZE = 11.0  # node label, English
EDGE_SIZE = 11.0  # edge label
LEGEND_SIZE = 12.0
WRAP_WIDTH = 150.0  # longest label line before wrapping
PAD_X, PAD_Y = 10.0, 3.0  # inside a node box, around the text
LINE_STEP = 1.5  # between wrapped lines, in em
BOX_GAP_X, BOX_GAP_Y = 36.0, 34.0  # least space between two node boxes (room for a label)
LABEL_PAD = 3.0  # around an edge label's text, kept clear of everything else
#: Coordinates are written with one decimal: labels that touch keep this much apart, or the
#: rounding could make them overlap by a tenth of a pixel.
ROUNDING_GAP = 0.1
MARGIN = 10.0
PARALLEL_OFFSET = 30.0  # between relations of different types joining the same pair
SPREAD = 1.15  # how much the layout grows when an edge label finds no room
MAX_SPREADS = 1
SEED = 20250712
EDGE_ROOM = 40.0  # added to the average node size for one hop of distance
#: The drawing's natural width: a little less than the book's content column (718 px in a
#: 1366 px window), so the column shows it at its own size and its smallest labels
#: (11 units) stay 11 px. The layout keeps every box, line and label within it.
WIDTH = 700.0
#: On paper the drawing is made wider, until it is no taller than this times its width
#: (what fits a portrait page with its caption), trying each of :data:`PAGE_WIDTHS`.
PAGE_ASPECT = 1.3
PAGE_WIDTHS = (WIDTH, 875.0, 1100.0, 1400.0)
GRID_CELL = 60.0  # the cells of the grids that find what may collide


# -- colour contrast -----------------------------------------------------------------------


# -- text measurement ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Face:
    """Advance widths (in em) by code point and the vertical metrics of one font."""

    name: str
    advances: dict[int, float]
    ascent: float  # em, positive
    descent: float  # em, positive


def _font_files() -> list[tuple[str, Path | None]]:
    """The fonts of :data:`FONT_FAMILY`, in order, from their PyPI packages (None: missing)."""
    found: list[tuple[str, Path | None]] = []
    for name, module, pattern in (
        ("Noto Sans Arabic", "fontpkg_noto_sans_arabic", "NotoSansArabic*.ttf"),
        ("IBM Plex Sans Arabic", "fontpkg_ibm_plex_sans_arabic", "IBMPlexSansArabic-Regular.ttf"),
        ("IBM Plex Sans", "fontpkg_ibm_plex_sans", "IBMPlexSans[[]*.ttf"),
    ):
        try:
            package = importlib.import_module(module)
        except ImportError:
            package = None
        if package is None or package.__file__ is None:
            found.append((name, None))
            continue
        files = sorted((Path(package.__file__).parent / "files").glob(pattern))
        found.append((name, files[0] if files else None))
    return found


@cache
def _faces() -> tuple[_Face, ...]:
    from fontTools.ttLib import TTFont

    faces = []
    for name, path in _font_files():
        if path is None:
            continue
        font = TTFont(str(path), lazy=True)
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"]
        advances = {cp: hmtx[glyph][0] / upm for cp, glyph in font.getBestCmap().items()}
        hhea = font["hhea"]
        faces.append(_Face(name, advances, hhea.ascent / upm, -hhea.descent / upm))
        font.close()
    if not faces:  # no font package at all: a rough but safe estimate
        faces.append(_Face("fallback", {}, 1.4, 0.75))
    return tuple(faces)


@cache
def _presentation_forms() -> dict[tuple[str, str], str]:
    """(letters, form) -> presentation form, from the Unicode decompositions.

    ``letters`` is one Arabic letter or lam + alef (the ligature); ``form`` one of
    isolated, final, initial, medial.
    """
    forms: dict[tuple[str, str], str] = {}
    for cp in [*range(0xFB50, 0xFDFF), *range(0xFE70, 0xFEFF)]:
        found = re.fullmatch(r"<(isolated|final|initial|medial)> ([0-9A-F ]+)", _decomp(cp))
        if found:
            letters = "".join(chr(int(h, 16)) for h in found.group(2).split())
            forms.setdefault((letters, found.group(1)), chr(cp))
    return forms


def _decomp(cp: int) -> str:
    return unicodedata.decomposition(chr(cp))


def _joining(char: str) -> str:
    """Joining type: D (dual), R (right), T (transparent) or U (none), enough for widths."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return "T"
    if char == "\u0640":  # tatweel joins both ways
        return "D"
    forms = _presentation_forms()
    if (char, "medial") in forms or (char, "initial") in forms:
        return "D"
    if (char, "final") in forms:
        return "R"
    return "U"


def _shaped(text: str) -> list[str]:
    """The text's characters with Arabic letters replaced by their contextual forms."""
    forms = _presentation_forms()
    kinds = [_joining(c) for c in text]
    out: list[str] = []
    i = 0
    while i < len(text):
        char, kind = text[i], kinds[i]
        if kind in ("U", "T"):
            out.append(char)
            i += 1
            continue
        prev = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != "T"), "U")
        nxt_index = next((j for j in range(i + 1, len(text)) if kinds[j] != "T"), None)
        joins_prev = prev == "D"
        if char == "\u0644" and nxt_index is not None:  # lam + alef: one ligature
            ligature = char + text[nxt_index]
            form = "final" if joins_prev else "isolated"
            if (ligature, form) in forms:
                out.append(forms[(ligature, form)])
                out.extend(c for c in text[i + 1 : nxt_index])
                i = nxt_index + 1
                continue
        joins_next = kind == "D" and nxt_index is not None and kinds[nxt_index] in ("D", "R")
        form = {
            (True, True): "medial",
            (True, False): "final",
            (False, True): "initial",
            (False, False): "isolated",
        }[(joins_prev, joins_next)]
        out.append(forms.get((char, form), char))
        i += 1
    return out


def _chain_width(chars: Sequence[str], start: int) -> float:
    """Width in em with the font fallback chain starting at face ``start``."""
    faces = _faces()[start:]
    total = 0.0
    for char in chars:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        base = unicodedata.normalize("NFKC", char) if ord(char) >= 0xFB50 else char
        for face in faces:
            if ord(char) in face.advances:
                total += face.advances[ord(char)]
                break
            if len(base) == 1 and ord(base) in face.advances:
                total += face.advances[ord(base)]
                break
        else:
            total += 0.6
    return total


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at ``size`` px: advance widths of the shaped characters,
    the wider of the fallback chains starting at each Arabic face (browser and Typst)."""
    chars = _shaped(text)
    starts = range(min(2, len(_faces())))
    return size * max(_chain_width(chars, start) for start in starts)


def ascent(size: float) -> float:
    """Highest ascent of the faces at ``size`` px (what a browser's text box extends to)."""
    return size * max(face.ascent for face in _faces())


def descent(size: float) -> float:
    """Deepest descent of the faces at ``size`` px, positive."""
    return size * max(face.descent for face in _faces())


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to lines at most ``width`` px wide (a longer word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


# -- geometry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle."""

    x0: float
    y0: float
    x1: float
    y1: float

    @staticmethod
    def around(cx: float, cy: float, w: float, h: float) -> Rect:
        """The ``w`` x ``h`` rectangle centred on (cx, cy)."""
        return Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    def grow(self, by: float) -> Rect:
        """The rectangle enlarged by ``by`` on every side."""
        return Rect(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def intersects(self, other: Rect) -> bool:
        """Whether the two overlap (touching edges do not count)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def contains(self, x: float, y: float) -> bool:
        """Whether the point is inside or on the border."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


Point = tuple[float, float]


def _bezier(p0: Point, c: Point, p2: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * c[0] + t * t * p2[0],
        u * u * p0[1] + 2 * u * t * c[1] + t * t * p2[1],
    )


def _bezier_part(
    p0: Point, c: Point, p2: Point, t0: float, t1: float
) -> tuple[Point, Point, Point]:
    """The quadratic curve's piece between t0 and t1, as (start, control, end)."""
    u0, u1 = 1 - t0, 1 - t1
    control = (
        u0 * u1 * p0[0] + (u0 * t1 + t0 * u1) * c[0] + t0 * t1 * p2[0],
        u0 * u1 * p0[1] + (u0 * t1 + t0 * u1) * c[1] + t0 * t1 * p2[1],
    )
    return _bezier(p0, c, p2, t0), control, _bezier(p0, c, p2, t1)


def _segment_hits(a: Point, b: Point, rect: Rect) -> bool:
    """Whether the segment a-b passes through the rectangle."""
    return segment_hits_box(a, b, (rect.x0, rect.y0, rect.x1, rect.y1))


def _polyline_hits(points: Sequence[Point], rect: Rect) -> bool:
    return any(_segment_hits(a, b, rect) for a, b in itertools.pairwise(points))


# -- the model of a drawing ----------------------------------------------------------------


@dataclass
class _Box:
    """A node with its measured label lines and its box size; (x, y) is the centre."""

    node: GraphNode
    lines_ar: list[str]
    lines_en: list[str]
    w: float
    h: float
    x: float = 0.0
    y: float = 0.0

    @property
    def rect(self) -> Rect:
        return Rect.around(self.x, self.y, self.w, self.h)


def _sizes(lang: str) -> dict[str, float]:
    """Node label sizes by language: the edition's language (``ar``, else English) is the
    larger, first line."""
    return {"ar": AR_SIZE, "en": EN_SIZE} if lang == "ar" else {"en": AR_SIZE, "ar": EN_SIZE}


def _measure(node: GraphNode, lang: str = "ar") -> _Box:
    size = _sizes(lang)
    lines_ar = wrap(node.label_ar, size["ar"], WRAP_WIDTH)
    lines_en = wrap(node.label_en, size["en"], WRAP_WIDTH)
    widths = [text_width(t, size["ar"]) for t in lines_ar]
    widths += [text_width(t, size["en"]) for t in lines_en]
    w = max(widths) + 2 * PAD_X
    h = _block_height(len(lines_ar), size["ar"]) + _block_height(len(lines_en), size["en"])
    return _Box(node, lines_ar, lines_en, w, h + 2 * PAD_Y + 1)


def _block_height(lines: int, size: float) -> float:
    """Height of a text element of ``lines`` lines as a browser boxes it."""
    return ascent(size) + descent(size) + (lines - 1) * LINE_STEP * size


@dataclass
class _Edge:
    """One drawn line: a relation type between a pair, in one or both directions."""

    source: str
    target: str
    type: str
    mutual: bool
    label_ar: str
    label_en: str
    base_offset: float = 0.0
    label_w: float = 0.0
    label_h: float = 0.0
    # Set by routing: the whole curve between the centres, the visible part [t0, t1].
    curve: tuple[Point, Point, Point] = ((0.0, 0.0), (0.0, 0.0), (0.0, 0.0))
    t0: float = 0.0
    t1: float = 1.0
    points: list[Point] = field(default_factory=list)
    label: Rect | None = None

    @property
    def visible(self) -> tuple[Point, Point, Point]:
        """The drawn piece of the curve: (start, control, end)."""
        return _bezier_part(*self.curve, self.t0, self.t1)


_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = ("http", "https", "mailto")


def _check(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> None:
    ids: set[str] = set()
    for node in nodes:
        if node.id in ids:
            raise ValueError(f"duplicate graph node {node.id!r}")
        scheme = _SCHEME.match(node.href)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            raise ValueError(f"node {node.id!r}: link {node.href!r} is not a page address")
        if node.type not in NODE_STYLES:
            known = ", ".join(NODE_STYLES)
            raise ValueError(f"node {node.id!r} has unknown type {node.type!r} (known: {known})")
        ids.add(node.id)
    for edge in edges:
        relation_label(edge.type)
        for end in (edge.source, edge.target):
            if end not in ids:
                raise ValueError(
                    f"relation {edge.source!r} -{edge.type}-> {edge.target!r}: "
                    f"{end!r} is not a node of the graph"
                )
        if edge.source == edge.target:
            raise ValueError(f"relation {edge.source!r} -{edge.type}-> itself: not drawable")


def _merge(edges: Iterable[GraphEdge], lang: str = "ar") -> list[_Edge]:
    """One drawn edge per (pair, type): both directions become one line with two arrows."""
    directions: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for edge in edges:
        a, b = min(edge.source, edge.target), max(edge.source, edge.target)
        directions.setdefault((a, b, edge.type), set()).add((edge.source, edge.target))
    merged = []
    for (a, b, kind), seen in sorted(directions.items()):
        source, target = (a, b) if (a, b) in seen else (b, a)
        ar, en = relation_label(kind)
        merged.append(_Edge(source, target, kind, len(seen) == 2, ar, en))
    by_pair: dict[tuple[str, str], list[_Edge]] = {}
    for item in merged:
        pair_key = (min(item.source, item.target), max(item.source, item.target))
        by_pair.setdefault(pair_key, []).append(item)
        shown = item.label_ar if lang == "ar" else item.label_en
        item.label_w = text_width(shown, EDGE_SIZE) + 2 * LABEL_PAD
        item.label_h = ascent(EDGE_SIZE) + descent(EDGE_SIZE)
    for group in by_pair.values():
        for index, item in enumerate(group):
            sign = 1.0 if item.source < item.target else -1.0  # offsets are relative to a->b
            item.base_offset = sign * (index - (len(group) - 1) / 2) * PARALLEL_OFFSET
    return merged


# -- layout --------------------------------------------------------------------------------


def _extent(rect: Rect) -> tuple[float, float, float, float]:
    return (rect.x0, rect.y0, rect.x1, rect.y1)


def _points_extent(points: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _walls(half: float) -> list[Rect]:
    """Everything beyond the width the drawing keeps to, as two obstacles."""
    far = 1e9
    return [Rect(-far, -far, -half, far), Rect(half, -far, far, far)]


def _crossings(boxes: Sequence[_Box], edges: Sequence[_Edge]) -> int:
    """How untidy a placement is: straight edges crossing each other, plus three for each
    edge passing through a box that is not one of its ends (pairs found through grids)."""
    by_id = {box.node.id: box for box in boxes}
    segments = [
        (
            e.source,
            e.target,
            (by_id[e.source].x, by_id[e.source].y),
            (by_id[e.target].x, by_id[e.target].y),
        )
        for e in edges
    ]
    lines, rects = BoxGrid(GRID_CELL), BoxGrid(GRID_CELL)
    for _s, _t, a, b in segments:
        lines.add(segment_box(a, b))
    for box in boxes:
        rects.add(_extent(box.rect))
    count = 0
    for k, (s1, t1, a, b) in enumerate(segments):
        span = segment_box(a, b)
        for m in lines.near(span):
            if m >= k:
                break  # each crossing pair once
            s2, t2, c, d = segments[m]
            if not {s1, t1} & {s2, t2} and _segments_cross(a, b, c, d):
                count += 1
        for m in rects.near(span):
            box = boxes[m]
            if box.node.id not in (s1, t1) and _segment_hits(a, b, box.rect):
                count += 3
    return count


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _spread(boxes: Sequence[_Box], factor: float) -> None:
    """Spread the boxes down the page (not sideways: the width is kept)."""
    cy = sum(b.y for b in boxes) / len(boxes)
    for box in boxes:
        box.y = cy + (box.y - cy) * factor


def _clip(rect: Rect, curve: tuple[Point, Point, Point], from_start: bool) -> float:
    """Parameter where the curve leaves ``rect`` (from its start) or enters it (at its end)."""
    inside: Callable[[float], bool] = lambda t: rect.contains(*_bezier(*curve, t))  # noqa: E731
    steps = 64
    lo, hi = (0.0, 1.0) if from_start else (1.0, 0.0)
    for k in range(1, steps + 1):
        t = k / steps if from_start else 1 - k / steps
        if not inside(t):
            hi = t
            break
        lo = t
    for _ in range(30):
        mid = (lo + hi) / 2
        if inside(mid):
            lo = mid
        else:
            hi = mid
    return hi


def _route(edge: _Edge, boxes: dict[str, _Box], offset: float) -> None:
    a, b = boxes[edge.source], boxes[edge.target]
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    mid = ((a.x + b.x) / 2, (a.y + b.y) / 2)
    control = (mid[0] + 2 * offset * nx, mid[1] + 2 * offset * ny)
    edge.curve = ((a.x, a.y), control, (b.x, b.y))
    edge.t0 = _clip(a.rect, edge.curve, from_start=True)
    edge.t1 = _clip(b.rect, edge.curve, from_start=False)
    if edge.t1 <= edge.t0:  # cannot happen with separated boxes; keep a sane curve anyway
        edge.t0, edge.t1 = 0.0, 1.0
    steps = 24
    edge.points = [
        _bezier(*edge.curve, edge.t0 + (edge.t1 - edge.t0) * k / steps) for k in range(steps + 1)
    ]


#: Routes that leave the drawing's width count as crossing this many boxes.
OUTSIDE = 100


def _route_all(edges: Sequence[_Edge], boxes: dict[str, _Box], half: float) -> None:
    """Route every edge; a line that would cross another box is bent around it if it can
    (and if the bend stays within the width)."""
    keys = list(boxes)
    rects = [boxes[key].rect.grow(4) for key in keys]
    grid = BoxGrid(GRID_CELL)
    for rect in rects:
        grid.add(_extent(rect))
    inner = half - 5  # drawn points are kept this far inside, with their margin
    for edge in edges:
        best: tuple[int, float] | None = None
        for bend in (0, 40, -40, 80, -80, 120, -120, 170, -170):
            offset = edge.base_offset + (bend if edge.source < edge.target else -bend)
            _route(edge, boxes, offset)
            crossed = sum(
                1
                for m in grid.near(_points_extent(edge.points))
                if keys[m] not in (edge.source, edge.target)
                and _polyline_hits(edge.points, rects[m])
            )
            if any(abs(x) > inner for x, _ in edge.points):
                crossed += OUTSIDE
            if crossed == 0:
                best = None
                break
            if best is None or crossed < best[0]:
                best = (crossed, offset)
        if best is not None:
            _route(edge, boxes, best[1])


def _label_candidates(edge: _Edge) -> list[tuple[int, Rect]]:
    """Where the edge's label may go, best first, each with a rank (0: on the line)."""
    out = []
    curve = edge.visible
    start, _, end = curve
    length = math.dist(start, end) or 1.0
    nx, ny = -(end[1] - start[1]) / length, (end[0] - start[0]) / length
    for shift_rank, shift in enumerate((0.0, 1.0, -1.0)):
        for k in range(8):
            for sign in (1, -1) if k else (1,):
                f = 0.5 + sign * 0.045 * k
                x, y = _bezier(*curve, f)
                d = shift * (edge.label_h / 2 + 3)
                rect = Rect.around(x + nx * d, y + ny * d, edge.label_w, edge.label_h)
                out.append((shift_rank, rect))
    return out


class _Rects:
    """Rectangles in a grid: does a rectangle overlap any of them?"""

    def __init__(self, rects: Iterable[Rect] = ()) -> None:
        self.rects: list[Rect] = []
        self.grid = BoxGrid(GRID_CELL)
        for rect in rects:
            self.add(rect)

    def add(self, rect: Rect) -> None:
        self.rects.append(rect)
        self.grid.add(_extent(rect))

    def hit(self, rect: Rect) -> bool:
        rects = self.rects
        return any(rect.intersects(rects[m]) for m in self.grid.near(_extent(rect)))


def _place_labels(edges: Sequence[_Edge], boxes: dict[str, _Box], half: float) -> int:
    """Put each edge label where it overlaps no box and no other label, near its line;
    returns how many found no such place (their ``label`` stays None)."""
    obstacles = _Rects([*(box.rect.grow(LABEL_PAD) for box in boxes.values()), *_walls(half)])
    placed = _Rects()
    # Every piece of every line, by the edge it belongs to.
    pieces = BoxGrid(GRID_CELL)
    owner: list[int] = []
    for number, edge in enumerate(edges):
        for a, b in itertools.pairwise(edge.points):
            pieces.add(segment_box(a, b))
            owner.append(number)
    number_of = {id(edge): number for number, edge in enumerate(edges)}
    order = sorted(edges, key=lambda e: (math.dist(e.points[0], e.points[-1]), e.source, e.type))
    failed = 0
    for edge in order:
        edge.label = None
        own = number_of[id(edge)]
        best: tuple[int, int, int, Rect] | None = None
        for rank, (shift_rank, rect) in enumerate(_label_candidates(edge)):
            if obstacles.hit(rect) or placed.hit(rect):
                continue
            others = {owner[m] for m in pieces.near(_extent(rect))} - {own}
            crossings = sum(1 for other in others if _polyline_hits(edges[other].points, rect))
            score = (crossings, shift_rank, rank, rect)
            if best is None or score[:3] < best[:3]:
                best = score
            if crossings == 0 and shift_rank == 0:
                break
        if best is None:
            failed += 1
            continue
        edge.label = best[3]
        placed.add(best[3].grow(ROUNDING_GAP))
    return failed


def _place_leftover_labels(edges: Sequence[_Edge], boxes: dict[str, _Box], half: float) -> None:
    """Last resort: labels that found no room go to the nearest free spot around the line's
    middle (searching outward ring by ring, which always ends)."""
    obstacles = _Rects([*(box.rect.grow(LABEL_PAD) for box in boxes.values()), *_walls(half)])
    for edge in edges:
        if edge.label is not None:
            obstacles.add(edge.label.grow(ROUNDING_GAP))
    for edge in edges:
        if edge.label is not None:
            continue
        cx, cy = _bezier(*edge.visible, 0.5)
        ring = 0
        while edge.label is None:
            ring += 1
            for i in range(-ring, ring + 1):
                for j in (-ring, ring):
                    for dx, dy in ((i, j), (j, i)):
                        rect = Rect.around(cx + dx * 6, cy + dy * 6, edge.label_w, edge.label_h)
                        if edge.label is None and not obstacles.hit(rect):
                            edge.label = rect
        obstacles.add(edge.label.grow(ROUNDING_GAP))


def _layout(boxes: list[_Box], edges: list[_Edge], width: float) -> None:
    half = width / 2 - MARGIN  # from the middle to either side of what is drawn
    by_id = {box.node.id: box for box in boxes}
    index = {box.node.id: i for i, box in enumerate(boxes)}
    sizes = [(box.w, box.h) for box in boxes]
    links = [(index[edge.source], index[edge.target]) for edge in edges]
    best: tuple[int, list[Point]] | None = None
    for layout in graph_layout.stress_layouts(sizes, links, seed=SEED, edge_room=EDGE_ROOM):
        centres = graph_layout.upright(layout, sizes, half)
        centres = graph_layout.separate(centres, sizes, half, (BOX_GAP_X, BOX_GAP_Y))
        centres = graph_layout.close_gaps(centres, sizes, 3 * BOX_GAP_Y)
        for box, (x, y) in zip(boxes, centres, strict=True):
            box.x, box.y = x, y
        untidy = _crossings(boxes, edges)
        if best is None or untidy < best[0]:
            best = (untidy, centres)
    assert best is not None
    for box, (x, y) in zip(boxes, best[1], strict=True):
        box.x, box.y = x, y
    for spreads in range(MAX_SPREADS + 1):
        _route_all(edges, by_id, half)
        if not _place_labels(edges, by_id, half):
            return
        if spreads < MAX_SPREADS:
            _spread(boxes, SPREAD)
    _place_leftover_labels(edges, by_id, half)


# -- SVG -----------------------------------------------------------------------------------


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    )
    element.text = text
    return element


def _text_lines(
    parent: ET.Element,
    lines: Sequence[str],
    x: float,
    top: float,
    size: float,
    lang: str,
    cls: str,
    colour: str,
) -> None:
    """A text element of centred lines whose box (ascent to descent) starts at ``top``."""
    # The direction is explicit: inline in a right-to-left page, text would inherit "rtl".
    attrs = {"class": cls, "lang": lang, "direction": "rtl" if lang == "ar" else "ltr"}
    first = top + ascent(size)
    text = _sub(
        parent,
        "text",
        x=_num(x),
        y=_num(first),
        font_size=_num(size),
        text_anchor="middle",
        fill=colour,
        **attrs,
    )
    if len(lines) == 1:
        text.text = lines[0]
        return
    for k, line in enumerate(lines):
        _sub(text, "tspan", line, x=_num(x), y=_num(first + k * LINE_STEP * size))


def _legend_items(types: Sequence[str]) -> list[tuple[str, float, float, float]]:
    """(type, item width, Arabic width, English width) for each type in the legend."""
    items = []
    for kind in types:
        style = NODE_STYLES[kind]
        w_ar = text_width(style.label_ar, LEGEND_SIZE)
        w_en = text_width(style.label_en, LEGEND_SIZE)
        items.append((kind, 24 + 6 + w_ar + 8 + w_en, w_ar, w_en))
    return items


def _legend_rows(
    items: Sequence[tuple[str, float, float, float]], width: float
) -> list[list[tuple[str, float, float, float]]]:
    rows: list[list[tuple[str, float, float, float]]] = [[]]
    used = 0.0
    for item in items:
        if rows[-1] and used + 20 + item[1] > width:
            rows.append([])
            used = 0.0
        used += (20 if rows[-1] else 0) + item[1]
        rows[-1].append(item)
    return rows


def draw_relation_graph(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    *,
    title: str,
    description: str,
    lang: str = "ar",
    width: float = WIDTH,
) -> str:
    """SVG markup (no XML declaration; root <svg xmlns viewBox> named by its <title> and
    described by its <desc>, ``role="group"`` as its nodes are links), at most ``width``
    units wide (unless its legend needs more).

    Nodes are boxes coloured and shaped by type (with a legend), each an ``<a>`` to the entry;
    edges are arrows labelled with the relation's Arabic word (English in their ``<title>``).
    Relations repeated between the same pair in the same direction are drawn once; the same
    type in both directions is one line with two arrowheads (``data-mutual="true"``).
    ``lang`` is the edition's language (``ar``; any other: English): its name is each node's
    first, larger line and its word labels the edges.
    Raises ValueError naming an unknown relation type, a missing node or a duplicate id.
    """
    _check(nodes, edges)
    ordered = sorted(nodes, key=lambda n: n.id)
    boxes = [_measure(node, lang) for node in ordered]
    by_id = {box.node.id: box for box in boxes}
    drawn = _merge(sorted(set(edges), key=lambda e: (e.source, e.target, e.type)), lang)
    if boxes:
        _layout(boxes, drawn, width)

    # Everything drawn, to size the view box.
    extent: list[Rect] = [box.rect for box in boxes]
    extent += [e.label for e in drawn if e.label is not None]
    extent += [Rect(x - 5, y - 5, x + 5, y + 5) for e in drawn for x, y in e.points]
    if extent:
        x0 = min(r.x0 for r in extent) - MARGIN
        y0 = min(r.y0 for r in extent) - MARGIN
        x1 = max(r.x1 for r in extent) + MARGIN
        y1 = max(r.y1 for r in extent) + MARGIN
    else:
        x0 = y0 = 0.0
        x1 = y1 = 2 * MARGIN
    present = [kind for kind in NODE_STYLES if any(b.node.type == kind for b in boxes)]
    items = _legend_items(present)
    rows = _legend_rows(items, max(x1 - x0 - 2 * MARGIN, 200.0))
    row_h = ascent(LEGEND_SIZE) + descent(LEGEND_SIZE) + 4
    legend_h = (len(rows) * row_h + MARGIN) if present else 0.0
    width = max(x1 - x0, max((sum(i[1] + 20 for i in r) + 2 * MARGIN for r in rows), default=0))
    height = y1 - y0 + legend_h
    shift_x = -x0 + (width - (x1 - x0)) / 2
    shift_y = -y0

    key = hashlib.sha256(json.dumps([title, [n.id for n in ordered]]).encode()).hexdigest()[:8]
    prefix = f"briefing-graph-{key}"
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "width": _num(width),
            "height": _num(height),
            "class": "briefing-graph",
            "font-family": FONT_FAMILY,
        },
    )
    _sub(svg, "title", title, id=f"{prefix}-title")
    _sub(svg, "desc", description, id=f"{prefix}-desc")
    defs = _sub(svg, "defs")
    marker = _sub(
        defs,
        "marker",
        id=f"{prefix}-arrow",
        viewBox="0 0 10 10",
        refX="9",
        refY="5",
        markerWidth="9",
        markerHeight="9",
        markerUnits="userSpaceOnUse",
        orient="auto-start-reverse",
    )
    _sub(marker, "path", d="M0,1 L10,5 L0,9 z", fill=EDGE_COLOUR)
    _sub(svg, "rect", x="0", y="0", width=_num(width), height=_num(height), fill=BACKGROUND)

    def at(point: Point) -> str:
        return f"{_num(point[0] + shift_x)},{_num(point[1] + shift_y)}"

    edges_group = _sub(svg, "g", class_="briefing-graph-edges")
    for edge in drawn:
        source, target = by_id[edge.source].node, by_id[edge.target].node
        if edge.mutual:
            name = (
                f"{source.label_en} — {edge.label_en} → {target.label_en}, and "
                f"{target.label_en} — {edge.label_en} → {source.label_en}"
            )
        else:
            name = f"{source.label_en} — {edge.label_en} → {target.label_en}"
        attrs = {
            "class": "briefing-graph-edge",
            "data-source": edge.source,
            "data-target": edge.target,
            "data-type": edge.type,
        }
        if edge.mutual:
            attrs["data-mutual"] = "true"
        group = ET.SubElement(edges_group, "g", attrs)
        _sub(group, "title", name)
        start, control, end = edge.visible
        path = _sub(
            group,
            "path",
            d=f"M{at(start)} Q{at(control)} {at(end)}",
            fill="none",
            stroke=EDGE_COLOUR,
            stroke_width="1.4",
            marker_end=f"url(#{prefix}-arrow)",
        )
        if edge.mutual:
            path.set("marker-start", f"url(#{prefix}-arrow)")
        label = edge.label
        assert label is not None
        lx, ly = label.x0 + shift_x, label.y0 + shift_y
        ink_top = ly + ascent(EDGE_SIZE) - EDGE_SIZE
        _sub(
            group,
            "rect",
            class_="briefing-graph-edge-label-bg",
            x=_num(lx),
            y=_num(ink_top),
            width=_num(label.x1 - label.x0),
            height=_num(EDGE_SIZE * 1.45),
            rx="3",
            fill=BACKGROUND,
            fill_opacity="0.92",
        )
        _text_lines(
            group,
            [edge.label_ar if lang == "ar" else edge.label_en],
            (label.x0 + label.x1) / 2 + shift_x,
            ly,
            EDGE_SIZE,
            "ar" if lang == "ar" else "en",
            "briefing-graph-edge-label",
            EDGE_LABEL_COLOUR,
        )

    nodes_group = _sub(svg, "g", class_="briefing-graph-nodes")
    for box in boxes:
        node, style = box.node, NODE_STYLES[box.node.type]
        link = ET.SubElement(
            nodes_group,
            "a",
            {"href": node.href, "class": "briefing-graph-node", "data-entity": node.id},
        )
        names = (node.label_ar, node.label_en) if lang == "ar" else (node.label_en, node.label_ar)
        _sub(link, "title", "{} ({})".format(*names))
        rect = box.rect
        shape = _sub(
            link,
            "rect",
            x=_num(rect.x0 + shift_x),
            y=_num(rect.y0 + shift_y),
            width=_num(box.w),
            height=_num(box.h),
            rx=_num(min(style.corner, box.h / 2)),
            fill=style.fill,
            stroke=style.stroke,
            stroke_width="1.5",
        )
        if style.dash:
            shape.set("stroke-dasharray", style.dash)
        top = rect.y0 + shift_y + PAD_Y
        cx = box.x + shift_x
        size = _sizes(lang)
        order = [("ar", box.lines_ar), ("en", box.lines_en)]
        for line_lang, lines in order if lang == "ar" else order[::-1]:
            cls = "briefing-graph-label"
            _text_lines(link, lines, cx, top, size[line_lang], line_lang, cls, style.text)
            top += _block_height(len(lines), size[line_lang]) + 1

    if present:
        legend = _sub(svg, "g", class_="briefing-graph-legend")
        y = y1 - y0 + MARGIN / 2
        for row in rows:
            # Right to left, as the book reads: the first type at the right.
            x = width - (width - sum(i[1] + 20 for i in row) + 20) / 2
            for kind, item_w, w_ar, w_en in row:
                style = NODE_STYLES[kind]
                swatch = _sub(
                    legend,
                    "rect",
                    x=_num(x - 24),
                    y=_num(y + (row_h - 14) / 2),
                    width="24",
                    height="14",
                    rx=_num(min(style.corner, 7)),
                    fill=style.fill,
                    stroke=style.stroke,
                    stroke_width="1.5",
                )
                if style.dash:
                    swatch.set("stroke-dasharray", style.dash)
                _text_lines(
                    legend,
                    [style.label_ar],
                    x - 30 - w_ar / 2,
                    y + 2,
                    LEGEND_SIZE,
                    "ar",
                    "briefing-graph-legend-label",
                    LEGEND_TEXT_COLOUR,
                )
                _text_lines(
                    legend,
                    [style.label_en],
                    x - 30 - w_ar - 8 - w_en / 2,
                    y + 2,
                    LEGEND_SIZE,
                    "en",
                    "briefing-graph-legend-label",
                    LEGEND_TEXT_COLOUR,
                )
                x -= item_w + 20
            y += row_h
    for element in svg.iter():
        element.text = _xml_text(element.text)
        element.tail = _xml_text(element.tail)
        for name, value in element.attrib.items():
            element.set(name, _xml_text(value) or "")
    name_drawing(svg, f"{prefix}-title", f"{prefix}-desc")
    return ET.tostring(svg, encoding="unicode")


def draw_relation_graph_for_page(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    *,
    title: str,
    description: str,
    lang: str = "ar",
) -> str:
    """:func:`draw_relation_graph` for paper: drawn at the narrowest of
    :data:`PAGE_WIDTHS` that keeps it no taller than :data:`PAGE_ASPECT` times its width,
    so that scaled to a page's width it fits the page (an image is not broken across
    pages)."""
    svg = ""
    for width in PAGE_WIDTHS:
        svg = draw_relation_graph(
            nodes, edges, title=title, description=description, lang=lang, width=width
        )
        found = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
        if found and float(found.group(2)) <= PAGE_ASPECT * float(found.group(1)):
            break
    return svg


#: Characters XML 1.0 does not allow (ElementTree would write them and break the document).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str | None) -> str | None:
    return None if text is None else _NOT_XML.sub("", text)


# -- from the glossary ---------------------------------------------------------------------


def graph_from_glossary(
    glossary: Glossary,
    href: Callable[[Entry], str],
    *,
    implicit: bool = True,
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Nodes for every entry and edges for their relations.

    The ``[[relations]]`` of each entry always count; with ``implicit`` also the facts that
    are relations in all but name: an event's ``participants`` (participant-in), an
    agreement's ``parties`` (party-to), an event's ``place`` and a place's ``country``
    (located-in). References to entries that are not in the glossary are left out (the
    glossary loader reports them). Positions are left to the caller: whether a title makes
    its holder head or member of the organization is not in the data.
    """
    nodes = [
        GraphNode(
            entry.id,
            entry.names["ar"],
            entry.names.get("en", entry.id),
            entry.type,
            href(entry),
        )
        for entry in sorted(glossary.entries.values(), key=lambda e: e.id)
    ]
    found: list[GraphEdge] = []
    seen: set[GraphEdge] = set()  # a list's `in` made this quadratic in the relations

    def add(source: str, target: str, kind: str) -> None:
        if source != target and source in glossary.entries and target in glossary.entries:
            edge = GraphEdge(source, target, kind)
            if edge not in seen:
                seen.add(edge)
                found.append(edge)

    for entry in sorted(glossary.entries.values(), key=lambda e: e.id):
        for relation in entry.data.get("relations", []):
            add(entry.id, relation["target"], relation["type"])
        if not implicit:
            continue
        facts: dict[str, Any] = entry.data.get(entry.type, {})
        if entry.type == "event":
            for participant in facts.get("participants", []):
                add(participant, entry.id, "participant-in")
            if "place" in facts:
                add(entry.id, facts["place"], "located-in")
        elif entry.type == "agreement":
            for party in facts.get("parties", []):
                add(party, entry.id, "party-to")
        elif entry.type == "place" and "country" in facts:
            add(entry.id, facts["country"], "located-in")
    return nodes, found
