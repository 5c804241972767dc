"""Where the relationship graph's boxes go: stress majorization on hop distances, turned
upright and fitted to a width, then boxes pushed apart without leaving that width.

Pure and deterministic (seeded random starts, every tie broken by index). The cost is kept
near-linear in what is drawn:

- up to :data:`FULL_STRESS` nodes every pair of nodes pulls (all-pairs stress, a few
  milliseconds per iteration at 40 nodes); beyond, each node only feels its neighbours and
  :data:`PIVOTS` pivot nodes weighted by the share of the graph nearest to them (sparse
  stress), so an iteration costs O(n · (degree + pivots));
- iterations stop once no centre moves by more than :data:`TOLERANCE` of a hop;
- overlapping boxes are found by a sweep along y (each box against the boxes within reach
  below it), not by comparing every pair.

The drawing is read in a column about :data:`sphinx_briefing.glance.relation_graph.WIDTH`
wide: a graph drawn twice as wide would be shown at half size, its labels too small to
read. So the layout is turned so that its longer axis runs down the page, squeezed
sideways into the width when needed, and the boxes are pushed apart sideways only while
they stay inside it (otherwise up and down).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence

Point = tuple[float, float]
#: A box's width and height.
Size = tuple[float, float]

#: Up to this many nodes, stress uses every pair; beyond it, pivots.
FULL_STRESS = 100
#: Pivot nodes of the sparse stress.
PIVOTS = 30
ITERATIONS = 300
#: Iterations stop once no centre moves more than this share of one hop.
TOLERANCE = 0.01
#: The layout is made in (x / STRETCH, y): boxes are wider than tall.
STRETCH = 1.6
#: How much a narrow layout may be widened to use the width it has.
MAX_WIDEN = 2.0
#: Passes of pushing boxes apart before they are stacked instead (which always ends).
SEPARATION_PASSES = 400


def starts_for(count: int) -> int:
    """How many seeded starts to try: the tidiest layout is kept, and small graphs can
    afford more tries."""
    if count <= 30:
        return 8
    if count <= 60:
        return 4
    return 2


def _neighbours(count: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    found: list[set[int]] = [set() for _ in range(count)]
    for a, b in links:
        if a != b:
            found[a].add(b)
            found[b].add(a)
    return [sorted(n) for n in found]


def _hops_from(start: int, neighbours: Sequence[Sequence[int]]) -> list[float]:
    """Hop distances from ``start`` (breadth first); unreachable nodes are infinite."""
    dist = [math.inf] * len(neighbours)
    dist[start] = 0.0
    frontier = [start]
    while frontier:
        following = []
        for i in frontier:
            for j in neighbours[i]:
                if dist[j] == math.inf:
                    dist[j] = dist[i] + 1
                    following.append(j)
        frontier = following
    return dist


def _finite(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    """Unreachable pairs one hop beyond the farthest reachable pair."""
    far = max((d for row in rows for d in row if d != math.inf), default=1.0) + 1
    return [[far if d == math.inf else d for d in row] for row in rows]


def _pivots(neighbours: Sequence[Sequence[int]], count: int) -> list[int]:
    """Max-min pivots: the best-connected node, then each time the node farthest from
    those chosen (ties: the lowest index)."""
    n = len(neighbours)
    first = min(range(n), key=lambda i: (-len(neighbours[i]), i))
    chosen = [first]
    nearest = _hops_from(first, neighbours)
    while len(chosen) < min(count, n):
        # Unreachable nodes first (they start components of their own), then the farthest.
        best = max(
            (i for i in range(n) if i not in chosen),
            key=lambda i: (nearest[i], -i),
        )
        chosen.append(best)
        nearest = [min(a, b) for a, b in zip(nearest, _hops_from(best, neighbours), strict=True)]
    return chosen


def _terms(
    sizes: Sequence[Size], links: Sequence[tuple[int, int]], edge_room: float
) -> tuple[list[list[tuple[int, float, float]]], float]:
    """For each node, the (other node, target distance, weight) it is pulled by, and the
    length of one hop."""
    n = len(sizes)
    neighbours = _neighbours(n, links)
    scale = [(w / STRETCH + h) / 2 for w, h in sizes]
    mean = sum(scale) / n
    unit = mean + edge_room

    def target(i: int, j: int, hops: float) -> float:
        return hops * unit + (scale[i] + scale[j]) / 2 - mean

    terms: list[list[tuple[int, float, float]]] = [[] for _ in range(n)]
    if n <= FULL_STRESS:
        hops = _finite([_hops_from(i, neighbours) for i in range(n)])
        for i in range(n):
            row = hops[i]
            terms[i] = [(j, target(i, j, row[j]), 1 / row[j] ** 2) for j in range(n) if j != i]
        return terms, unit
    pivots = _pivots(neighbours, PIVOTS)
    rows = _finite([_hops_from(p, neighbours) for p in pivots])
    # Each node belongs to its nearest pivot's region; a pivot pulls as hard as its region
    # is large (it stands for those nodes).
    region = [0] * len(pivots)
    for i in range(n):
        region[min(range(len(pivots)), key=lambda k: (rows[k][i], k))] += 1
    for i in range(n):
        pulls: dict[int, tuple[float, float]] = {}
        for k, p in enumerate(pivots):
            if p != i:
                d = rows[k][i]
                pulls[p] = (target(i, p, d), region[k] / d**2)
        for j in neighbours[i]:
            pulls[j] = (target(i, j, 1.0), 1.0)
        terms[i] = [(j, t, w) for j, (t, w) in sorted(pulls.items())]
    return terms, unit


def stress_layouts(
    sizes: Sequence[Size],
    links: Sequence[tuple[int, int]],
    *,
    seed: int,
    edge_room: float,
    starts: int | None = None,
) -> list[list[Point]]:
    """Box centres by stress majorization on hop distances, one layout per seeded start
    (``starts``; default :func:`starts_for`). Nodes are indices into ``sizes``; ``links``
    joins them. Deterministic."""
    n = len(sizes)
    if n == 0:
        return [[]]
    if n == 1:
        return [[(0.0, 0.0)]]
    terms, unit = _terms(sizes, links, edge_room)
    layouts = []
    for attempt in range(starts_for(n) if starts is None else starts):
        rng = random.Random(seed + attempt)
        spread = unit * math.sqrt(n)
        xs = [rng.uniform(-spread, spread) for _ in range(n)]
        ys = [rng.uniform(-spread, spread) for _ in range(n)]
        for _ in range(ITERATIONS):
            moved = 0.0
            for i in range(n):
                sx = sy = total = 0.0
                xi, yi = xs[i], ys[i]
                for j, want, w in terms[i]:
                    xj, yj = xs[j], ys[j]
                    dx, dy = xi - xj, yi - yj
                    d = math.sqrt(dx * dx + dy * dy) or 1e-9
                    sx += w * (xj + want * dx / d)
                    sy += w * (yj + want * dy / d)
                    total += w
                nx, ny = sx / total, sy / total
                moved = max(moved, abs(nx - xi), abs(ny - yi))
                xs[i], ys[i] = nx, ny
            if moved < TOLERANCE * unit:
                break
        layouts.append(list(zip(xs, ys, strict=True)))
    return layouts


def upright(points: Sequence[Point], sizes: Sequence[Size], half: float) -> list[Point]:
    """The layout turned so that its longer axis runs down the page, x stretched for the
    wide boxes (:data:`STRETCH`), then scaled sideways so that the boxes reach ``half``
    from the middle and no further (widened at most :data:`MAX_WIDEN` times)."""
    n = len(points)
    if n == 0:
        return []
    cx = sum(x for x, _ in points) / n
    cy = sum(y for _, y in points) / n
    sxx = sum((x - cx) ** 2 for x, _ in points)
    syy = sum((y - cy) ** 2 for _, y in points)
    sxy = sum((x - cx) * (y - cy) for x, y in points)
    # The angle of the principal axis, turned onto the y axis.
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    turn = math.pi / 2 - angle
    cos, sin = math.cos(turn), math.sin(turn)
    turned = [((x - cx) * cos - (y - cy) * sin, (x - cx) * sin + (y - cy) * cos) for x, y in points]
    # Which way up is arbitrary: the first node (by index) in the upper half, for stability.
    if turned[0][1] > 0:
        turned = [(-x, -y) for x, y in turned]
    stretched = [(x * STRETCH, y) for x, y in turned]
    # Sideways to the width: squeezed into it, or widened up to MAX_WIDEN to use it.
    fit = MAX_WIDEN
    for (x, _), (w, _) in zip(stretched, sizes, strict=True):
        room = max(half - w / 2, 0.0)
        if abs(x) * fit > room:
            fit = room / abs(x)
    return [(x * fit, y) for x, y in stretched]


def _overlap(
    i: int, j: int, xs: list[float], ys: list[float], sizes: Sequence[Size], gap: Size
) -> tuple[float, float]:
    """How much two boxes (with the gap between them) overlap in x and in y (<= 0: apart)."""
    return (
        (sizes[i][0] + sizes[j][0]) / 2 + gap[0] - abs(xs[i] - xs[j]),
        (sizes[i][1] + sizes[j][1]) / 2 + gap[1] - abs(ys[i] - ys[j]),
    )


def _push_sideways(
    i: int, j: int, need: float, xs: list[float], sizes: Sequence[Size], half: float
) -> bool:
    """Move boxes i and j apart by ``need`` in x, each staying within ``half`` of the
    middle; False (and nothing moved) if they cannot."""
    sign = 1.0 if (xs[i], -i) >= (xs[j], -j) else -1.0  # i goes this way, j the other
    room_i = half - sizes[i][0] / 2 - sign * xs[i]
    room_j = half - sizes[j][0] / 2 + sign * xs[j]
    room_i, room_j = max(room_i, 0.0), max(room_j, 0.0)
    if room_i + room_j < need:
        return False
    move_i = min(room_i, max(need / 2, need - room_j))
    xs[i] += sign * move_i
    xs[j] -= sign * (need - move_i)
    return True


def separate(points: Sequence[Point], sizes: Sequence[Size], half: float, gap: Size) -> list[Point]:
    """Centres moved so that no two boxes (with ``gap`` between them) overlap: each pair
    that does is pushed apart along the axis of least overlap (sideways preferred, as it
    costs less height, while both stay within ``half`` of the middle), until none does; if
    that does not settle, boxes are stacked downwards instead."""
    n = len(points)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    order = sorted(range(n), key=lambda i: (xs[i], ys[i], i))
    for previous, i in itertools.pairwise(order):
        # Identical centres cannot be pushed apart: nudge them first.
        if abs(xs[i] - xs[previous]) < 1e-6 and abs(ys[i] - ys[previous]) < 1e-6:
            ys[i] += 0.5 + i % 7
    reach = max((h for _, h in sizes), default=0.0) + gap[1]
    for _ in range(SEPARATION_PASSES):
        moved = False
        order = sorted(range(n), key=lambda i: (ys[i], xs[i], i))
        for at, i in enumerate(order):
            for j in order[at + 1 :]:
                if ys[j] - ys[i] >= reach:
                    break
                ox, oy = _overlap(i, j, xs, ys, sizes, gap)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox * 0.6 <= oy and _push_sideways(i, j, ox + 0.01, xs, sizes, half):
                    continue
                push = (oy + 0.01) / 2 * (1 if (ys[i], i) >= (ys[j], j) else -1)
                ys[i] += push
                ys[j] -= push
        if not moved:
            return list(zip(xs, ys, strict=True))
    return _stack(xs, ys, sizes, gap)


def _stack(xs: list[float], ys: list[float], sizes: Sequence[Size], gap: Size) -> list[Point]:
    """Top to bottom, each box moved down below every box it still overlaps."""
    placed: list[int] = []
    for i in sorted(range(len(xs)), key=lambda i: (ys[i], xs[i], i)):
        while True:
            clash = [j for j in placed if min(_overlap(i, j, xs, ys, sizes, gap)) > 0]
            if not clash:
                break
            ys[i] = max(ys[j] + (sizes[i][1] + sizes[j][1]) / 2 + gap[1] + 0.01 for j in clash)
        placed.append(i)
    return list(zip(xs, ys, strict=True))


def close_gaps(points: Sequence[Point], sizes: Sequence[Size], most: float) -> list[Point]:
    """Centres moved up so that no empty band across the drawing is taller than ``most``:
    parts of a graph that share no relation are laid out far apart (one hop beyond the
    farthest pair), which would leave the page blank between them. Boxes keep their order
    down the page and the distance between those not moved apart."""
    order = sorted(range(len(points)), key=lambda i: (points[i][1] - sizes[i][1] / 2, i))
    moved = [*points]
    shift = 0.0
    bottom = -math.inf
    for i in order:
        x, y = points[i]
        top = y - sizes[i][1] / 2
        if top - bottom > most and bottom > -math.inf:
            shift += top - bottom - most
        moved[i] = (x, y - shift)
        bottom = max(bottom, y + sizes[i][1] / 2)
    return moved
