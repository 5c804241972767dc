"""A uniform grid of boxes: which of the things already drawn may touch a new one.

The renderers place labels one at a time, each checked against everything already placed.
Checking against all of it makes placement quadratic in what is drawn; the grid hands back
only the things in the cells a box covers (a superset of those it can touch), in the order
they were added, so a sum over them adds the same terms in the same order as a sum over
everything would (the terms left out are exact zeros) and the result is the same, bit for
bit. Pure; no Sphinx.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

#: x0, y0, x1, y1.
Box = tuple[float, float, float, float]

#: A box over more cells than this is kept aside and handed back by every query (a long line
#: across the drawing would otherwise fill thousands of cells).
MAX_CELLS = 256


class BoxGrid:
    """Boxes in the cells of a square grid; each box has the index it was added with."""

    def __init__(self, cell: float) -> None:
        if not cell > 0:
            raise ValueError(f"cell size must be positive, not {cell!r}")
        self.cell = cell
        self.boxes: list[Box] = []
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._wide: list[int] = []

    def __len__(self) -> int:
        return len(self.boxes)

    def _span(self, box: Box, pad: float) -> tuple[int, int, int, int]:
        size = self.cell
        return (
            math.floor((box[0] - pad) / size),
            math.floor((box[1] - pad) / size),
            math.floor((box[2] + pad) / size),
            math.floor((box[3] + pad) / size),
        )

    def add(self, box: Box) -> int:
        """Add a box; returns its index."""
        index = len(self.boxes)
        self.boxes.append(box)
        i0, j0, i1, j1 = self._span(box, 0.0)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
            self._wide.append(index)
            return index
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                self._cells.setdefault((i, j), []).append(index)
        return index

    def near(self, box: Box, pad: float = 0.0) -> list[int]:
        """Indices, ascending, of every box that may come within ``pad`` of ``box`` (all
        that do, and perhaps a few more)."""
        size = self.cell
        i0 = math.floor((box[0] - pad) / size)
        j0 = math.floor((box[1] - pad) / size)
        i1 = math.floor((box[2] + pad) / size)
        j1 = math.floor((box[3] + pad) / size)
        cells = self._cells
        if (i1 - i0 + 1) * (j1 - j0 + 1) > len(cells):
            # A query larger than the occupied grid: every occupied cell is cheaper to read.
            lists = [
                members for (i, j), members in cells.items() if i0 <= i <= i1 and j0 <= j <= j1
            ]
        else:
            lists = []
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    members = cells.get((i, j))
                    if members:
                        lists.append(members)
        if self._wide:
            lists.append(self._wide)
        if not lists:
            return []
        if len(lists) == 1:
            return lists[0][:]  # a cell's members are in the order they were added
        found: set[int] = set()
        for members in lists:
            found.update(members)
        return sorted(found)

    def near_boxes(self, box: Box, pad: float = 0.0) -> Iterator[Box]:
        """The boxes of :meth:`near`, in the order they were added."""
        boxes = self.boxes
        return (boxes[index] for index in self.near(box, pad))

    def copy(self) -> BoxGrid:
        """An independent copy."""
        twin = BoxGrid(self.cell)
        twin.boxes = [*self.boxes]
        twin._cells = {key: [*members] for key, members in self._cells.items()}
        twin._wide = [*self._wide]
        return twin


def segment_box(a: tuple[float, float], b: tuple[float, float]) -> Box:
    """The bounding box of segment ab."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
