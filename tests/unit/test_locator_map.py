"""The locator map renderer (briefing.glance.locator_map): SVG structure, places, shading,
escaping, determinism, outline data, colours, Typst, and the map as Chromium draws it."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing.glance import locator_map as lm
from sphinx_briefing.glance.drawing import contrast_ratio
from sphinx_briefing.glance.locator_map import MapPoint, draw_locator_map
from tests.drawings import draw_map as draw
from tests.drawings import seed_map_svg, seed_points, seed_shaded
from tests.helpers import REPO

SVG_NS = "{http://www.w3.org/2000/svg}"
GLOSSARY = REPO / "docs" / "glossary" / "entries"
KOREAN = ("wonsan", "wonsan-kalma", "pyongyang", "seoul")
COUNTRIES = {
    "russia": "RUS",
    "north-korea": "PRK",
    "south-korea": "KOR",
    "japan": "JPN",
    "united-states": "USA",
    "ukraine": "UKR",
}


@pytest.fixture(scope="module")
def seed_svg() -> str:
    return seed_map_svg()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def links(root: ET.Element) -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for a in root.iter(f"{SVG_NS}a"):
        assert a.get("class") == "briefing-map-point"
        entity = a.get("data-entity")
        assert entity is not None and entity not in found, entity
        found[entity] = a
    return found


def panel_of(root: ET.Element, entity: str) -> str:
    for panel in root.iter(f"{SVG_NS}g"):
        if panel.get("class") == "briefing-map-panel":
            for a in panel.iter(f"{SVG_NS}a"):
                if a.get("data-entity") == entity:
                    return panel.get("data-panel", "")
    raise AssertionError(f"{entity} is in no panel")


# --------------------------------------------------------------------------- structure


def test_seed_glossary_has_the_places_and_country_codes() -> None:
    ids = {p.id for p in seed_points()}
    assert {*KOREAN, "tokyo", "moscow", "washington", "kursk-region", "korean-peninsula"} <= ids
    assert set(COUNTRIES) <= ids
    assert sorted(seed_shaded()) == sorted(COUNTRIES.values())
    outlines = lm.load_outlines()
    for code in COUNTRIES.values():
        assert code in outlines.layers[0].countries, code


def test_svg_is_well_formed_and_accessible(seed_svg: str) -> None:
    assert seed_svg.startswith("<svg ")  # no XML declaration: it goes inline into HTML
    root = parse(seed_svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "group"  # its places are links: reachable in a group
    x, y, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0) and width > 600 and height > 300
    assert (float(root.get("width", 0)), float(root.get("height", 0))) == (width, height)
    title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
    assert title is not None and desc is not None
    assert title.text == "خريطة الأماكن — Places in the articles"
    assert desc.text == "A locator map of the places the articles mention."
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for name in ("Noto Sans Arabic", "IBM Plex Sans Arabic", "IBM Plex Sans"):
        assert f"'{name}'" in root.get("font-family", "")


def test_every_place_appears_once_with_its_link_and_labels(seed_svg: str) -> None:
    root = parse(seed_svg)
    found = links(root)
    points = seed_points()
    assert set(found) == {p.id for p in points}
    for point in points:
        a = found[point.id]
        assert a.get("href") == point.href
        assert a.get("data-kind") == point.kind
        title = a.find(f"{SVG_NS}title")
        assert title is not None and title.text == f"{point.name_ar} — {point.name_en}"
        (label,) = [g for g in a.iter(f"{SVG_NS}g") if g.get("class") == "briefing-map-label"]
        ar, en = label.iter(f"{SVG_NS}text")
        assert (ar.text, ar.get("lang"), ar.get("direction")) == (point.name_ar, "ar", "rtl")
        assert (en.text, en.get("lang")) == (point.name_en, "en")
        markers = [c for c in a.iter(f"{SVG_NS}circle") if c.get("class") == "briefing-map-marker"]
        if point.kind in lm.AREA_KINDS:
            assert markers == []  # a country is labelled on its area
        else:
            assert len(markers) == 1


def test_korean_places_are_in_the_inset_and_far_places_on_the_main_map(seed_svg: str) -> None:
    root = parse(seed_svg)
    for entity in (*KOREAN, "korean-peninsula", "north-korea", "south-korea"):
        assert panel_of(root, entity) == "inset", entity
    for entity in ("washington", "moscow", "tokyo", "kursk-region", "russia", "united-states"):
        assert panel_of(root, entity) == "main", entity
    frames = [r for r in root.iter(f"{SVG_NS}rect") if r.get("class") == "briefing-map-inset-frame"]
    assert len(frames) == 1


def test_korean_markers_are_apart(seed_svg: str) -> None:
    """Wonsan and Wonsan-Kalma lie 4 km apart: their markers are moved apart, readable."""
    found = links(parse(seed_svg))
    centres = {}
    for entity in KOREAN:
        (marker,) = [
            c
            for c in found[entity].iter(f"{SVG_NS}circle")
            if c.get("class") == "briefing-map-marker"
        ]
        centres[entity] = (
            float(marker.get("cx", 0)),
            float(marker.get("cy", 0)),
            float(marker.get("r", 0)),
        )
    for i, a in enumerate(KOREAN):
        for b in KOREAN[:i]:
            (ax, ay, ar), (bx, by, br) = centres[a], centres[b]
            assert math.hypot(ax - bx, ay - by) >= ar + br + 1, (a, b)
    offsets = [
        line
        for line in found["wonsan-kalma"].iter(f"{SVG_NS}line")
        if line.get("class") == "briefing-map-offset"
    ] + [
        line
        for line in found["wonsan"].iter(f"{SVG_NS}line")
        if line.get("class") == "briefing-map-offset"
    ]
    assert len(offsets) == 1  # a hairline to the true position of the one moved


def test_mentioned_countries_are_shaded(seed_svg: str) -> None:
    root = parse(seed_svg)
    shaded: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    for panel in root.iter(f"{SVG_NS}g"):
        if panel.get("class") != "briefing-map-panel":
            continue
        name = panel.get("data-panel", "")
        for path in panel.iter(f"{SVG_NS}path"):
            classes = path.get("class", "").split()
            assert "briefing-map-country" in classes
            code = path.get("data-iso", "")
            assert re.fullmatch("[A-Z]{3}", code)
            target = shaded if "briefing-map-shaded" in classes else plain
            target.setdefault(name, set()).add(code)
            assert path.get("fill") == (
                lm.PALETTE["shaded"] if "briefing-map-shaded" in classes else lm.PALETTE["land"]
            )
    assert shaded["main"] == set(COUNTRIES.values())
    assert {"PRK", "KOR", "JPN", "RUS"} <= shaded["inset"]
    assert {"CHN", "DEU", "CAN"} <= plain["main"]
    assert "CHN" in plain["inset"]


def test_shading_takes_codes_in_any_case_and_ignores_unknown_ones() -> None:
    points = [p for p in seed_points() if p.id in ("moscow", "seoul")]
    a = draw(points, ["rus", "KOR", "ZZZ"])
    b = draw(points, ["KOR", "RUS", "ZZZ", "RUS"])
    shaded = {
        p.get("data-iso") for p in parse(a).iter(f"{SVG_NS}path") if "shaded" in p.get("class", "")
    }
    assert shaded == {"RUS", "KOR"}
    assert a == b


def test_size_is_reasonable(seed_svg: str) -> None:
    assert len(seed_svg.encode()) < 150_000
    coordinates = re.findall(r"\d+\.\d+", seed_svg)
    assert all(len(c.split(".")[1]) == 1 for c in coordinates)  # one decimal at most


# --------------------------------------------------------------------------- input


def test_hostile_names_and_links_are_escaped() -> None:
    nasty = [
        MapPoint(
            "x",
            "<script>alert(1)</script>",
            "A & B \"q\" 'x' </text>",
            50.0,
            10.0,
            'p.html#"><script>',
            "city",
        ),
        MapPoint("y", "]]>", "<b>bold</b>", 40.0, 20.0, "javascript:alert(1)", "capital"),
        MapPoint("z", "&amp;", "&lt;", 45.0, 15.0, " JavaScript:alert(2)", "country"),
    ]
    svg = draw(nasty, ["<RUS>", "DEU"])
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)
    found = links(root)
    texts = {e: [t.text for t in found[e].iter(f"{SVG_NS}text")] for e in found}
    assert texts["x"] == ["<script>alert(1)</script>", "A & B \"q\" 'x' </text>"]
    assert texts["y"] == ["]]>", "<b>bold</b>"]
    assert texts["z"] == ["&amp;", "&lt;"]
    assert found["x"].get("href") == 'p.html#"><script>'
    assert found["y"].get("href") == "#" and found["z"].get("href") == "#"
    title = draw_locator_map([], [], title="<title>&", description='"</desc>')
    assert parse(title).find(f"{SVG_NS}title").text == "<title>&"  # type: ignore[union-attr]
    # No places, no links: the map is an image.
    assert parse(title).get("role") == "img"


def test_output_is_deterministic_whatever_the_input_order() -> None:
    points = seed_points()
    first = draw(points)
    assert draw(points) == first
    shuffled = points[:]
    random.Random(7).shuffle(shuffled)
    assert draw(shuffled, list(reversed(seed_shaded()))) == first
    assert draw(points[:-1]) != first


@pytest.mark.parametrize(
    "points",
    [
        [],
        [MapPoint("tokyo", "طوكيو", "Tokyo", 35.69, 139.69, "t.html", "capital")],
        [
            MapPoint("seoul", "سول", "Seoul", 37.57, 126.98, "s.html", "capital"),
            MapPoint("pyongyang", "بيونغ يانغ", "Pyongyang", 39.02, 125.74, "p.html", "capital"),
        ],
        [  # across the antimeridian
            MapPoint("suva", "سوفا", "Suva", -18.14, 178.44, "s.html", "capital"),
            MapPoint("apia", "آبيا", "Apia", -13.83, -171.76, "a.html", "capital"),
        ],
    ],
    ids=["empty", "one", "korea-only", "antimeridian"],
)
def test_other_inputs_give_a_sound_map(points: list[MapPoint]) -> None:
    svg = draw(points, ["FJI", "WSM", "KOR"])
    root = parse(svg)
    assert set(links(root)) == {p.id for p in points}
    panels = [
        g.get("data-panel")
        for g in root.iter(f"{SVG_NS}g")
        if g.get("class") == "briefing-map-panel"
    ]
    assert panels == ["main"]  # an inset only when places are both in and out of Korea
    width = float(root.get("width", 0))
    main = next(r for r in root.iter(f"{SVG_NS}rect") if r.get("class") == "briefing-map-sea")
    height = float(main.get("height", 0))
    for path in root.iter(f"{SVG_NS}path"):
        for ring in path.get("d", "").split("M")[1:]:
            xy = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", ring)]
            assert all(-2 <= x <= width + 2 and -2 <= y <= height + 2 for x, y in xy)
            # No edge runs across the map except along the panel's clipped top or bottom:
            # the antimeridian is cut, not drawn across.
            for (x0, y0), (x1, y1) in itertools.pairwise(xy):
                if abs(x1 - x0) > width * 0.5:
                    assert y0 == y1 and (y0 <= 0 or y0 >= height), ((x0, y0), (x1, y1))


# --------------------------------------------------------------------------- data


def test_outline_data_loads_and_is_keyed_by_iso_alpha3() -> None:
    outlines = lm.load_outlines()
    assert "Natural Earth" in outlines.source and "world-atlas" in outlines.source
    world, east_asia = outlines.layers
    assert world.resolution == "110m" and east_asia.resolution == "50m"
    assert {"RUS", "PRK", "KOR", "JPN", "USA", "UKR", "CHN", "FJI"} <= set(world.countries)
    assert {"PRK", "KOR", "JPN", "CHN", "RUS"} <= set(east_asia.countries)
    assert outlines.layer_for(119.5, 33.6, 134.5, 43.1) is east_asia
    assert outlines.layer_for(-100, 20, 160, 80) is world
    readme = (lm.OUTLINES_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme and "ISC" in readme


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["layers"][0]["countries"].__setitem__(
                "ru", d["layers"][0]["countries"]["RUS"]
            ),
            "layers/0/countries",
        ),
        (
            lambda d: d["layers"][0]["countries"]["RUS"]["polygons"][0].__setitem__(
                0, [1, 2, "x", 4, 5, 6]
            ),
            "layers/0/countries/RUS/polygons/0/0/2",
        ),
        (lambda d: d["layers"][1].pop("bbox"), "layers/1: 'bbox' is a required property"),
        (
            lambda d: d["layers"][0]["countries"]["JPN"]["polygons"][0].__setitem__(
                0, [1, 2, 3, 4, 5, 6, 7]
            ),
            "odd number of coordinates at layers/0/countries/JPN/polygons/0/0",
        ),
        (
            lambda d: d["layers"][0]["countries"]["JPN"]["polygons"][0].__setitem__(
                0, [1, 2, 3, 4, 5, 96]
            ),
            "latitude out of range at layers/0/countries/JPN",
        ),
    ],
    ids=["lower-case-code", "string-coordinate", "missing-bbox", "odd-count", "latitude"],
)
def test_a_broken_outline_file_is_named_with_the_place_of_the_error(
    tmp_path: Path, change: object, expected: str
) -> None:
    data = json.loads(lm.OUTLINES_PATH.read_text(encoding="utf-8"))
    for layer in data["layers"]:  # a small file, valid until changed
        layer["countries"] = {k: v for k, v in layer["countries"].items() if k in ("RUS", "JPN")}
    change(data)  # type: ignore[operator]
    path = tmp_path / "outlines.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(lm.OutlineDataError) as error:
        lm.load_outlines(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_an_unreadable_outline_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "outlines.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(lm.OutlineDataError, match=re.escape(f"{path}: cannot read world outlines")):
        lm.load_outlines(path)
    with pytest.raises(lm.OutlineDataError, match="cannot read"):
        lm.load_outlines(tmp_path / "missing.json")


# --------------------------------------------------------------------------- geometry, text


def test_equal_earth_is_symmetric_and_keeps_parallels_straight() -> None:
    assert lm.equal_earth(0, 0) == (0.0, 0.0)
    x1, y1 = lm.equal_earth(30, 40)
    x2, y2 = lm.equal_earth(-30, 40)
    assert x1 == -x2 and y1 == y2 < 0  # north is up (y grows downwards)
    assert lm.equal_earth(100, 40)[1] == y1
    # Equal Earth's published extent: x 2.7064 at the equator's ends (unit sphere).
    assert math.isclose(lm.equal_earth(180, 0)[0], 2.7064, abs_tol=1e-3)


def test_clip_and_simplify() -> None:
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)]
    clipped = lm.clip_ring(square, (0, 0, 10, 10))
    assert sorted(set(clipped)) == [(0.0, 0.0), (0.0, 5.0), (5.0, 0.0), (5.0, 5.0)]
    assert lm.clip_ring(square, (20, 20, 30, 30)) == []
    wiggly = [(float(i), 0.01 * (i % 2)) for i in range(50)]
    assert lm.simplify(wiggly, 0.1) == [(0.0, 0.0), (49.0, 0.01)]


def test_text_width_follows_arabic_joining() -> None:
    # Joined letters are narrower than the isolated forms would be.
    joined = lm.text_width("موسكو", 12)
    isolated = lm.text_width(" ".join("موسكو"), 12) - 4 * lm.text_width(" ", 12)
    assert joined < isolated
    assert lm.text_width("Moscow", 10) == pytest.approx(38.6, abs=1.5)  # Chromium: 38.6
    assert lm.text_width("", 12) == 0


# --------------------------------------------------------------------------- colour


def test_colours_pass_wcag_aa() -> None:
    palette = lm.PALETTE
    for text in ("text", "area_text"):
        for surface in lm.SURFACES:
            ratio = contrast_ratio(palette[text], palette[surface])
            assert ratio >= 4.5, (text, surface, ratio)
    # Graphical objects (markers, leaders, frames, the shaded outline): 3:1 (WCAG 1.4.11).
    for ink in ("marker", "leader", "frame"):
        for surface in lm.SURFACES:
            ratio = contrast_ratio(palette[ink], palette[surface])
            assert ratio >= 3, (ink, surface, ratio)
    assert contrast_ratio(palette["shaded_border"], palette["land"]) >= 3
    assert contrast_ratio(palette["shaded_border"], palette["sea"]) >= 3
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_svg_uses_only_palette_colours(seed_svg: str) -> None:
    used = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', seed_svg))
    assert used <= set(lm.PALETTE.values()), used - set(lm.PALETTE.values())


# --------------------------------------------------------------------------- Typst


def test_typst_renders_the_map(tmp_path: Path, seed_svg: str) -> None:
    """The PDF embeds the SVG with image(bytes(svg), format: "svg"): Typst must take it."""
    import typst

    from sphinx_briefing.pdf.builder import font_dirs

    (tmp_path / "map.svg").write_text(seed_svg, encoding="utf-8")
    (tmp_path / "map.typ").write_text(
        "#set page(width: 200mm, height: auto, margin: 5mm)\n"
        '#image(bytes(read("map.svg")), format: "svg", width: 100%)\n',
        encoding="utf-8",
    )
    png = typst.compile(
        str(tmp_path / "map.typ"),
        format="png",
        ppi=40,
        font_paths=font_dirs(),
        ignore_system_fonts=True,
    )
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")
    assert len(png) > 10_000  # not a blank page


# --------------------------------------------------------------------------- label placement


class QuadraticScene(lm._Scene):
    """The scene as it was before its grids: every label checked against everything."""

    def markers_near(self, box: lm.Box, pad: float) -> list[lm.Box]:
        return list(self.markers)

    def cost(
        self,
        box: lm.Box,
        leader: tuple[lm.Point, lm.Point] | None,
        own: lm.Box | None,
        dot: lm.Box | None,
        bound: float = math.inf,
    ) -> float:
        if not lm._inside(box, self.panel.box, lm._MARGIN):
            return math.inf
        hits = lm.segment_hits_box
        cost = sum(lm._overlap_area(box, other, lm._PAD) for other in self.labels)
        cost += sum(lm._overlap_area(box, other, 0.5) for other in self.markers)
        cost += sum(lm._overlap_area(box, other, lm._PAD) for other in self.obstacles)
        cost += 50.0 * sum(hits(a, b, box) for a, b in self.lines)
        if dot is not None:
            cost += sum(lm._overlap_area(dot, other, 0.5) for other in self.labels)
        if leader is not None:
            a, b = leader
            cost += 50.0 * sum(hits(a, b, other) for other in self.labels + self.obstacles)
            cost += 50.0 * sum(hits(a, b, m) for m in self.markers if m != own)
            cost += 50.0 * sum(lm._segments_cross(a, b, c, d) for c, d in self.lines)
        return cost


_AREA = (100.0, 60.0, 700.0, 420.0)
_coordinate = st.floats(min_value=90.0, max_value=710.0, allow_nan=False)
_size = st.floats(min_value=0.5, max_value=140.0, allow_nan=False)
_boxes = st.lists(
    st.tuples(_coordinate, _coordinate, _size, _size).map(
        lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
    ),
    max_size=25,
)
_segments = st.lists(
    st.tuples(st.tuples(_coordinate, _coordinate), st.tuples(_coordinate, _coordinate)),
    max_size=12,
)


@given(
    labels=_boxes,
    markers=_boxes,
    obstacles=_boxes,
    lines=_segments,
    box=_boxes.filter(bool).map(lambda b: b[0]),
    leader=st.none() | _segments.filter(bool).map(lambda s: s[0]),
    with_dot=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_the_scene_grid_gives_the_costs_of_checking_everything(
    labels: list[lm.Box],
    markers: list[lm.Box],
    obstacles: list[lm.Box],
    lines: list[tuple[lm.Point, lm.Point]],
    box: lm.Box,
    leader: tuple[lm.Point, lm.Point] | None,
    with_dot: bool,
) -> None:
    panel = lm._Panel("main", 0.0, 1.0, 0.0, 0.0, _AREA, lm.load_outlines().layers[0])
    indexed, quadratic = lm._Scene(panel), QuadraticScene(panel)
    for scene in (indexed, quadratic):
        for item in labels:
            scene.add_label(item)
        for item in markers:
            scene.add_marker(item)
        for item in obstacles:
            scene.add_obstacle(item)
        for line in lines:
            scene.add_line(line)
    own = markers[0] if markers else None
    dot = (box[0] - 3, box[1] - 3, box[0] + 3, box[1] + 3) if with_dot else None
    # Equal, not approximately: the same terms are added in the same order.
    assert indexed.cost(box, leader, own, dot) == quadratic.cost(box, leader, own, dot)
    near = set(indexed.markers_near(box, 0.8))
    assert {m for m in markers if lm._overlaps(box, m, 0.8)} <= near


def many_places(count: int, seed: int) -> list[MapPoint]:
    rng = random.Random(seed)
    kinds = ("city", "city", "capital", "region", "country")
    return [
        MapPoint(
            f"p{i:04d}",
            f"مكان {i}",
            f"Place {i}",
            round(rng.gauss(42.0, 6.0), 3),
            round(rng.gauss(60.0, 25.0), 3),
            f"p{i}.html",
            rng.choice(kinds),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("points", [seed_points(), many_places(30, 1), many_places(12, 2)])
def test_label_placement_with_the_grid_draws_the_same_map(
    points: list[MapPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed = draw(points)
    monkeypatch.setattr(lm, "_Scene", QuadraticScene)
    assert draw(points) == indexed


def test_a_map_of_many_places_is_drawn_in_reasonable_work() -> None:
    """Hundreds of places (``:limit: 0``) still finish: label checks go through the grid."""
    points = many_places(200, 3)
    calls = 0
    original = lm.segment_hits_box

    def counted(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return original(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lm, "segment_hits_box", counted)
        svg = draw(points)
    assert set(links(parse(svg))) == {p.id for p in points}
    # Checking each candidate against every label and line would take over ten million
    # calls (200 labels, 157 candidates each, some 400 labels and leaders to check).
    assert calls < 1_000_000, calls
