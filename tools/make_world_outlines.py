"""Make ``ext/sphinx_briefing/data/world/outlines.json`` from the ``world-atlas`` npm package.

Run once, by hand, when the outline data should change; nothing imports this at build time
and the build never needs the network. Steps (see ``ext/sphinx_briefing/data/world/README.md``)::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    pip install pycountry          # ISO 3166-1 numeric -> alpha-3, for this script only
    .venv/bin/python tools/make_world_outlines.py /tmp/package

It decodes the TopoJSON (delta-decoded quantized arcs -> rings), keys the countries by
ISO 3166-1 alpha-3, simplifies the rings (Douglas-Peucker in degrees), drops tiny islands,
clips the detailed layer to its box, rounds to 0.01 degree and writes compact JSON (each
ring a flat ``[lon, lat, ...]`` list) that matches
``ext/sphinx_briefing/schemas/world-outlines.schema.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

from sphinx_briefing.glance.locator_map import (
    OUTLINES_PATH,
    _area,
    clip_ring,
    load_outlines,
    simplify_ring,
)

Ring = list[tuple[float, float]]

#: Natural Earth features that have no ISO 3166-1 code, given user-assigned X codes.
EXTRA_CODES = {
    "Kosovo": "XKX",
    "N. Cyprus": "XNC",
    "Somaliland": "XSL",
    "Indian Ocean Ter.": "XIO",
    "Siachen Glacier": "XSG",
}

#: (name, file, bbox or None for the whole world, tolerance in degrees, smallest ring in deg²)
LAYERS = (
    ("world", "countries-110m.json", None, 0.06, 0.04),
    ("east-asia", "countries-50m.json", (110.0, 25.0, 150.0, 50.0), 0.012, 0.0015),
)


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Arcs as lists of (lon, lat): quantized positions are deltas from the previous one."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    """A ring from arc indices (``~i`` is arc ``i`` reversed), shared end points once."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def polygons_of(geometry: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    """The geometry's polygons, each a list of rings (outer ring first, then holes)."""
    if geometry["type"] == "Polygon":
        return [[ring_of(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_of(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def split_antimeridian(ring: Ring) -> list[Ring]:
    """Natural Earth rings that cross the antimeridian jump from 180 to -180 (Chukotka,
    Fiji): unwrap such a ring and cut it into one piece on each side. Rings around a pole
    (Antarctica) are left alone."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring)):
        return [ring]
    unwrapped = [ring[0]]
    offset = 0.0
    for a, b in itertools.pairwise(ring):
        step = b[0] - a[0]
        offset += -360.0 if step > 180 else 360.0 if step < -180 else 0.0
        unwrapped.append((b[0] + offset, b[1]))
    if abs(unwrapped[-1][0] - unwrapped[0][0]) > 180:
        return [ring]
    pieces = []
    for west, east, shift in (
        (-540.0, -180.0, 360.0),
        (-180.0, 180.0, 0.0),
        (180.0, 540.0, -360.0),
    ):
        piece = clip_ring(unwrapped, (west, -90.0, east, 90.0))
        if len(piece) >= 3 and _area(piece) > 0:
            pieces.append([(lon + shift, lat) for lon, lat in piece])
    return pieces


def alpha3(geometry: dict[str, Any]) -> str:
    """ISO 3166-1 alpha-3 of a world-atlas feature (its id is the numeric code)."""
    import pycountry  # type: ignore[import-not-found]

    name = geometry.get("properties", {}).get("name", "")
    if geometry.get("id") is None:
        return EXTRA_CODES[name]
    country = pycountry.countries.get(numeric=geometry["id"])
    if country is None:
        raise SystemExit(f"no ISO 3166-1 code for {geometry['id']} ({name})")
    return str(country.alpha_3)


def make_layer(
    source: Path, bbox: tuple[float, float, float, float] | None, tolerance: float, smallest: float
) -> dict[str, Any]:
    """One layer of the output: countries keyed by alpha-3, sorted."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries: dict[str, dict[str, Any]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha3(geometry)
        polygons = []
        for polygon in polygons_of(geometry, arcs):
            rings = []
            for ring in (piece for whole in polygon for piece in split_antimeridian(whole)):
                if bbox is not None:
                    ring = clip_ring(ring, bbox)
                ring = simplify_ring(ring, tolerance)
                rounded: Ring = []
                for lon, lat in ring:
                    point = (round(lon, 2) + 0.0, round(lat, 2) + 0.0)
                    if not rounded or rounded[-1] != point:
                        rounded.append(point)
                while len(rounded) > 1 and rounded[0] == rounded[-1]:
                    rounded.pop()
                if len(rounded) >= 3 and _area(rounded) >= smallest:
                    rings.append([c for point in rounded for c in point])
            if rings:
                polygons.append(rings)
        if polygons:
            entry = countries.setdefault(
                code, {"name": geometry["properties"]["name"], "polygons": []}
            )
            entry["polygons"].extend(polygons)
    return {code: countries[code] for code in sorted(countries)}


def main(argv: list[str] | None = None) -> int:
    """Write the outline file from an unpacked world-atlas package directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package directory")
    parser.add_argument("--output", type=Path, default=OUTLINES_PATH)
    args = parser.parse_args(argv)
    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    layers = []
    for name, file, bbox, tolerance, smallest in LAYERS:
        layers.append(
            {
                "name": name,
                "resolution": file.removeprefix("countries-").removesuffix(".json"),
                "bbox": list(bbox) if bbox else [-180.0, -90.0, 180.0, 90.0],
                "countries": make_layer(args.package / file, bbox, tolerance, smallest),
            }
        )
    data = {
        "source": (
            f"Natural Earth Admin 0 countries (public domain) via world-atlas {meta['version']} "
            "(ISC licence), decoded and simplified by tools/make_world_outlines.py"
        ),
        "layers": layers,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One country per line keeps diffs readable.
    text = text.replace(',"', ',\n"').replace('{"', '{\n"')
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    load_outlines.cache_clear()
    load_outlines(args.output)  # validates against the schema
    print(f"{args.output}: {len(text):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
