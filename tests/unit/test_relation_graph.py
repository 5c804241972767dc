"""The relationship graph renderer (briefing.glance.relation_graph): well-formed, complete,
escaped, deterministic and readable SVG, checked on the real glossary and on random graphs,
and in headless Chromium (labels do not overlap, links resolve)."""

from __future__ import annotations

import math
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_briefing.glance import graph_layout, selection
from sphinx_briefing.glance import relation_graph as rg
from sphinx_briefing.glance.drawing import contrast_ratio
from sphinx_briefing.glance.relation_graph import (
    GraphEdge,
    GraphNode,
    draw_relation_graph,
    graph_from_glossary,
)
from sphinx_briefing.glossary import load
from sphinx_briefing.vocabulary import relation_label, relation_types
from tests.drawings import (
    GLOSSARY,
    GRAPH_DESCRIPTION,
    GRAPH_TITLE,
    SVG,
    Box,
    edges_of,
    entry_href,
    parse,
    seed_graph_svg,
    view_box,
)
from tests.drawings import seed_graph as seed_graph_of_book


@pytest.fixture(scope="module")
def seed_graph() -> tuple[list[GraphNode], list[GraphEdge]]:
    """The real glossary's entries and their explicit [[relations]]."""
    return seed_graph_of_book()


@pytest.fixture(scope="module")
def seed_svg() -> str:
    return seed_graph_svg()


def node(id: str, type: str = "place", ar: str | None = None, en: str | None = None) -> GraphNode:
    return GraphNode(id, ar or f"عقدة {id}", en or f"Node {id}", type, f"glossary/{id}.html")


def draw(nodes: list[GraphNode], edges: list[GraphEdge]) -> str:
    return draw_relation_graph(nodes, edges, title="t", description="d")


# -- reading the SVG back -------------------------------------------------------------------


def rect_box(rect: ET.Element) -> Box:
    x, y = float(rect.get("x", "0")), float(rect.get("y", "0"))
    return Box(x, y, x + float(rect.get("width", "0")), y + float(rect.get("height", "0")))


def nodes_of(root: ET.Element) -> dict[str, ET.Element]:
    return {
        a.get("data-entity", ""): a
        for a in root.iter(f"{SVG}a")
        if a.get("class") == "briefing-graph-node"
    }


def curve_points(path: ET.Element) -> list[tuple[float, float]]:
    """Points along a path "M x,y Q cx,cy x,y"."""
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
    assert len(numbers) == 6, path.get("d")
    (x0, y0, cx, cy, x1, y1) = numbers
    points = []
    for k in range(11):
        t = k / 10
        u = 1 - t
        points.append(
            (u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1)
        )
    return points


def check_geometry(svg: str) -> None:
    """No node boxes overlap, no edge label (background) overlaps a box or another label,
    and everything drawn is inside the view box."""
    root = parse(svg)
    frame = view_box(root)
    boxes = [rect_box(a.find(f"{SVG}rect")) for a in nodes_of(root).values()]  # type: ignore[arg-type]
    labels = [
        rect_box(r)
        for r in root.iter(f"{SVG}rect")
        if r.get("class") == "briefing-graph-edge-label-bg"
    ]
    for i, a in enumerate(boxes):
        assert a.inside(frame), (a, frame)
        for b in boxes[:i]:
            assert not a.intersects(b), (a, b)
    for i, a in enumerate(labels):
        assert a.inside(frame), (a, frame)
        for b in boxes + labels[:i]:
            assert not a.intersects(b), (a, b)
    for path in root.iter(f"{SVG}path"):
        if path.get("d", "").startswith("M0,1"):  # the arrowhead marker
            continue
        for x, y in curve_points(path):
            assert frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1, (x, y, frame)
    for text in root.iter(f"{SVG}text"):
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        assert frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1


# -- the SVG: structure ---------------------------------------------------------------------


def test_root_is_a_named_group_of_links(seed_svg: str) -> None:
    root = parse(seed_svg)
    assert root.tag == f"{SVG}svg"
    # Its nodes are links: a group keeps them reachable (an img's children are hidden).
    assert root.get("role") == "group"
    assert root.find(f".//{SVG}a") is not None
    assert root.get("viewBox")
    ids = [root.get("aria-labelledby"), root.get("aria-describedby")]
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert by_id[ids[0]].tag == f"{SVG}title" and by_id[ids[0]].text == GRAPH_TITLE
    assert by_id[ids[1]].tag == f"{SVG}desc" and by_id[ids[1]].text == GRAPH_DESCRIPTION
    assert root.find(f"{SVG}title") is by_id[ids[0]]  # the first child names the figure
    assert rg.FONT_FAMILY in root.get("font-family", "")


def test_a_graph_without_links_is_an_image() -> None:
    root = parse(rg.draw_relation_graph([], [], title="t", description="d"))
    assert (root.get("role"), root.get("aria-labelledby")) == ("img", root[0].get("id"))


def test_every_entry_is_a_labelled_link(
    seed_graph: tuple[list[GraphNode], list[GraphEdge]], seed_svg: str
) -> None:
    nodes, _ = seed_graph
    drawn = nodes_of(parse(seed_svg))
    assert len(nodes) == 27
    assert set(drawn) == {n.id for n in nodes}
    for entry in nodes:
        link = drawn[entry.id]
        assert link.get("href") == entry.href
        title = link.find(f"{SVG}title")
        assert title is not None and entry.label_en in (title.text or "")
        labels = [t for t in link.iter(f"{SVG}text") if t.get("class") == "briefing-graph-label"]
        assert [t.get("lang") for t in labels] == ["ar", "en"]
        assert [t.get("direction") for t in labels] == ["rtl", "ltr"]
        assert [label_text(t) for t in labels] == [
            " ".join(entry.label_ar.split()),
            " ".join(entry.label_en.split()),
        ]
        fill = link.find(f"{SVG}rect")
        assert fill is not None and fill.get("fill") == rg.NODE_STYLES[entry.type].fill


def label_text(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def test_wrapped_labels_keep_every_word(
    seed_graph: tuple[list[GraphNode], list[GraphEdge]], seed_svg: str
) -> None:
    drawn = nodes_of(parse(seed_svg))
    wrapped = 0
    for entry in seed_graph[0]:
        ar, en = [t for t in drawn[entry.id].iter(f"{SVG}text")]
        assert label_text(ar) == " ".join(entry.label_ar.split())
        assert label_text(en) == " ".join(entry.label_en.split())
        wrapped += len(ar.findall(f"{SVG}tspan")) > 1
    assert wrapped >= 3  # the long event and agreement names


def test_every_relation_is_drawn(
    seed_graph: tuple[list[GraphNode], list[GraphEdge]], seed_svg: str
) -> None:
    nodes, edges = seed_graph
    names = {n.id: n.label_en for n in nodes}
    assert len(edges) >= 40
    drawn = edges_of(parse(seed_svg))
    found = {(g.get("data-source"), g.get("data-target"), g.get("data-type")): g for g in drawn}
    assert len(found) == len(drawn)  # one line per pair and type
    for edge in edges:
        forward = found.get((edge.source, edge.target, edge.type))
        backward = found.get((edge.target, edge.source, edge.type))
        group = forward if forward is not None else backward
        assert group is not None, edge
        if forward is None:
            assert group.get("data-mutual") == "true", edge
        ar, en = relation_label(edge.type)
        title = group.find(f"{SVG}title")
        assert title is not None
        assert f"{names[edge.source]} — {en} → {names[edge.target]}" in (title.text or "")
        (label,) = [
            t for t in group.iter(f"{SVG}text") if t.get("class") == "briefing-graph-edge-label"
        ]
        assert label.text == ar and label.get("lang") == "ar" and label.get("direction") == "rtl"
        (path,) = group.iter(f"{SVG}path")
        assert path.get("marker-end", "").startswith("url(#")
    # Every drawn line stands for at least one relation.
    pairs = {(e.source, e.target, e.type) for e in edges}
    for key, group in found.items():
        reverse = (key[1], key[0], key[2])
        assert key in pairs or reverse in pairs
        if group.get("data-mutual") == "true":
            assert key in pairs and reverse in pairs


def test_the_seed_examples_from_the_issue(seed_svg: str) -> None:
    """Lavrov —met→ Kim Jong Un; Russia and North Korea —party-to→ the treaty."""
    found = {
        (g.get("data-source"), g.get("data-target"), g.get("data-type"))
        for g in edges_of(parse(seed_svg))
    }
    assert ("sergey-lavrov", "kim-jong-un", "met") in found
    assert ("russia", "russia-dprk-treaty", "party-to") in found
    assert ("north-korea", "russia-dprk-treaty", "party-to") in found


def test_markers_and_ids_resolve(seed_svg: str) -> None:
    root = parse(seed_svg)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for element in root.iter():
        for name in ("marker-end", "marker-start"):
            value = element.get(name)
            if value:
                found = re.fullmatch(r"url\(#(.+)\)", value)
                assert found and found.group(1) in ids


def test_size_is_reasonable(seed_svg: str) -> None:
    assert len(seed_svg.encode()) < 100_000
    glossary = load(GLOSSARY)
    nodes, edges = graph_from_glossary(glossary, entry_href)
    assert 40 <= len(edges) <= 80
    svg = draw_relation_graph(nodes, edges, title=GRAPH_TITLE, description=GRAPH_DESCRIPTION)
    assert len(svg.encode()) < 100_000
    check_geometry(svg)


def test_graph_from_glossary() -> None:
    glossary = load(GLOSSARY)
    explicit = graph_from_glossary(glossary, entry_href, implicit=False)
    nodes, edges = graph_from_glossary(glossary, entry_href)
    assert nodes == explicit[0]
    assert set(explicit[1]) < set(edges)
    assert len(set(edges)) == len(edges)
    assert GraphEdge("russia", "russia-dprk-treaty", "party-to") in edges
    assert GraphEdge("ukraine", "russia-ukraine-war", "participant-in") in edges  # participants
    assert GraphEdge("tokyo", "japan", "located-in") not in explicit[1]
    lavrov = next(n for n in nodes if n.id == "sergey-lavrov")
    assert lavrov == GraphNode(
        "sergey-lavrov", "سيرغي لافروف", "Sergey Lavrov", "person", "glossary/sergey-lavrov.html"
    )


# -- escaping and errors ---------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & &amp; ]]> \' " \x00\x1b\ud800 <!-- -->'


def test_hostile_text_is_escaped() -> None:
    nodes = [
        GraphNode("a", HOSTILE, HOSTILE, "person", 'a.html?x="1"&y=<2>'),
        GraphNode("b", "ب", "B", "event", "b.html#<frag>"),
    ]
    svg = draw_relation_graph(
        nodes, [GraphEdge("a", "b", "met")], title=HOSTILE, description=HOSTILE
    )
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script" not in svg and "<!--" not in svg
    cleaned = HOSTILE.replace("\x00", "").replace("\x1b", "").replace("\ud800", "")
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == cleaned  # type: ignore[union-attr]
    links = nodes_of(root)
    assert links["a"].get("href") == 'a.html?x="1"&y=<2>'
    assert links["b"].get("href") == "b.html#<frag>"
    texts = [label_text(t) for t in links["a"].iter(f"{SVG}text")]
    assert texts == [" ".join(cleaned.split())] * 2


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:x", "data:text/html,x"])
def test_script_links_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match=r"'a'.*not a page address"):
        draw([GraphNode("a", "أ", "A", "place", url)], [])


def test_ordinary_links_are_kept() -> None:
    nodes = [
        GraphNode("a", "أ", "A", "place", "https://example.org/a"),
        GraphNode("b", "ب", "B", "place", "../glossary/b.html#b"),
    ]
    links = nodes_of(parse(draw(nodes, [])))
    assert links["a"].get("href") == "https://example.org/a"
    assert links["b"].get("href") == "../glossary/b.html#b"


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ([node("a"), node("b")], [GraphEdge("a", "b", "hugged")], "unknown relation type 'hugged'"),
        ([node("a")], [GraphEdge("a", "ghost", "met")], "'ghost' is not a node"),
        ([node("a")], [GraphEdge("ghost", "a", "met")], "'ghost' is not a node"),
        ([node("a"), node("a")], [], "duplicate graph node 'a'"),
        ([node("a", type="planet")], [], "node 'a' has unknown type 'planet'"),
        ([node("a")], [GraphEdge("a", "a", "met")], "'a' -met-> itself"),
    ],
)
def test_bad_graphs_are_clear_errors(
    nodes: list[GraphNode], edges: list[GraphEdge], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        draw(nodes, edges)


# -- merging, determinism, colours ------------------------------------------------------------


def test_parallel_relations_merge_or_are_offset() -> None:
    nodes = [node("a", "person"), node("b", "person"), node("c", "place"), node("d", "place")]
    edges = [
        GraphEdge("a", "b", "met"),
        GraphEdge("a", "b", "met"),  # the same relation twice: drawn once
        GraphEdge("c", "d", "borders"),
        GraphEdge("d", "c", "borders"),  # both ways: one line, two arrowheads
        GraphEdge("c", "d", "allied-with"),  # another type between the same pair: offset
        GraphEdge("a", "c", "located-in"),
    ]
    svg = draw(nodes, edges)
    groups = {
        (g.get("data-source"), g.get("data-target"), g.get("data-type")): g
        for g in edges_of(parse(svg))
    }
    assert set(groups) == {
        ("a", "b", "met"),
        ("c", "d", "borders"),
        ("c", "d", "allied-with"),
        ("a", "c", "located-in"),
    }
    mutual = groups[("c", "d", "borders")]
    assert mutual.get("data-mutual") == "true"
    (path,) = mutual.iter(f"{SVG}path")
    assert path.get("marker-start") == path.get("marker-end")
    assert "and Node d — borders → Node c" in (mutual.find(f"{SVG}title").text or "")  # type: ignore[union-attr]
    assert groups[("a", "b", "met")].get("data-mutual") is None
    one = curve_points(next(groups[("c", "d", "borders")].iter(f"{SVG}path")))
    two = curve_points(next(groups[("c", "d", "allied-with")].iter(f"{SVG}path")))
    assert math.dist(one[5], two[5]) > 20  # apart in the middle
    check_geometry(svg)


def test_same_input_same_bytes(
    seed_graph: tuple[list[GraphNode], list[GraphEdge]], seed_svg: str
) -> None:
    nodes, edges = seed_graph
    shuffled_nodes, shuffled_edges = list(nodes), list(edges)
    random.Random(7).shuffle(shuffled_nodes)
    random.Random(8).shuffle(shuffled_edges)
    again = draw_relation_graph(
        shuffled_nodes, shuffled_edges, title=GRAPH_TITLE, description=GRAPH_DESCRIPTION
    )
    assert again == seed_svg


def test_palette_passes_wcag_aa() -> None:
    for kind, style in rg.NODE_STYLES.items():
        assert contrast_ratio(style.text, style.fill) >= 4.5, kind
        assert contrast_ratio(style.stroke, rg.BACKGROUND) >= 3, kind  # WCAG 1.4.11
    assert contrast_ratio(rg.EDGE_LABEL_COLOUR, rg.BACKGROUND) >= 4.5
    assert contrast_ratio(rg.LEGEND_TEXT_COLOUR, rg.BACKGROUND) >= 4.5
    assert contrast_ratio(rg.EDGE_COLOUR, rg.BACKGROUND) >= 3
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_ratio("#777777", "#ffffff") < 4.5  # the formula is not too lenient


def test_drawn_text_colours_pass_wcag_aa(seed_svg: str) -> None:
    """On the SVG itself: every text on the colour of what is behind it."""
    root = parse(seed_svg)
    background = root.find(f"{SVG}rect")
    assert background is not None and background.get("fill") == rg.BACKGROUND
    for link in nodes_of(root).values():
        fill = link.find(f"{SVG}rect").get("fill", "")  # type: ignore[union-attr]
        for text in link.iter(f"{SVG}text"):
            assert contrast_ratio(text.get("fill", ""), fill) >= 4.5
    for group in edges_of(root):
        bg = next(group.iter(f"{SVG}rect"))
        text = next(group.iter(f"{SVG}text"))
        assert contrast_ratio(text.get("fill", ""), bg.get("fill", "")) >= 4.5
    for legend in root.iter(f"{SVG}text"):
        if legend.get("class") == "briefing-graph-legend-label":
            assert contrast_ratio(legend.get("fill", ""), rg.BACKGROUND) >= 4.5


def test_legend_names_every_type_shown(
    seed_svg: str, seed_graph: tuple[list[GraphNode], list[GraphEdge]]
) -> None:
    root = parse(seed_svg)
    legend = [
        t.text for t in root.iter(f"{SVG}text") if t.get("class") == "briefing-graph-legend-label"
    ]
    for style in (rg.NODE_STYLES[kind] for kind in {n.type for n in seed_graph[0]}):
        assert style.label_ar in legend and style.label_en in legend


def test_empty_and_single_graphs() -> None:
    parse(draw([], []))
    check_geometry(draw([node("a")], []))
    check_geometry(draw([node("a"), node("b"), node("c")], []))


# -- text measurement --------------------------------------------------------------------------


def test_text_measurement_uses_the_fonts() -> None:
    assert all(path is not None for _, path in rg._font_files())
    # Contextual forms are narrower than the isolated letters, and wider text is wider.
    assert 0 < rg.text_width("كيم", 14) < sum(rg.text_width(c, 14) for c in "كيم")
    assert rg.text_width("North Korea", 11) > rg.text_width("Korea", 11) > 0
    assert rg.text_width("لا", 14) < rg.text_width("ل", 14) + rg.text_width("ا", 14)
    assert rg.text_width("\u064e", 14) == 0  # a vowel mark takes no room
    lines = rg.wrap("معاهدة الشراكة الاستراتيجية الشاملة بين روسيا وكوريا الشمالية", 14, 150)
    assert len(lines) >= 2
    assert all(rg.text_width(line, 14) <= 150 for line in lines)
    assert rg.wrap("", 14, 150) == [""]


# -- random graphs -----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["كوريا", "الشمالية", "روسيا", "معاهدة", "الشراكة", "Korea", "North", "treaty", "(2025)", "W"]
)
_LABEL = st.lists(_WORDS, min_size=1, max_size=7).map(" ".join)


@st.composite
def graphs(draw_: st.DrawFn) -> tuple[list[GraphNode], list[GraphEdge]]:
    count = draw_(st.integers(min_value=1, max_value=9))
    ids = [f"n{i}" for i in range(count)]
    nodes = [
        GraphNode(
            i,
            draw_(_LABEL),
            draw_(_LABEL),
            draw_(st.sampled_from(list(rg.NODE_STYLES))),
            f"{i}.html",
        )
        for i in ids
    ]
    edges: list[GraphEdge] = []
    if count > 1:
        pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
        for source, target in draw_(st.lists(pairs, max_size=14)):
            edges.append(
                GraphEdge(source, target, draw_(st.sampled_from(sorted(relation_types()))))
            )
    return nodes, edges


@given(graphs())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_graphs_are_readable(graph: tuple[list[GraphNode], list[GraphEdge]]) -> None:
    nodes, edges = graph
    svg = draw(nodes, edges)
    check_geometry(svg)
    root = parse(svg)
    assert set(nodes_of(root)) == {n.id for n in nodes}
    drawn = {
        (g.get("data-source"), g.get("data-target"), g.get("data-type")) for g in edges_of(root)
    }
    for edge in edges:
        assert (edge.source, edge.target, edge.type) in drawn or (
            edge.target,
            edge.source,
            edge.type,
        ) in drawn


# -- Typst accepts it ---------------------------------------------------------------------------


def test_typst_embeds_the_svg(seed_svg: str, tmp_path: Path) -> None:
    import typst

    from sphinx_briefing.pdf.builder import font_dirs

    (tmp_path / "graph.svg").write_text(seed_svg, encoding="utf-8")
    (tmp_path / "main.typ").write_text(
        '#set page(width: 40cm, height: auto)\n#image(bytes(read("graph.svg")), format: "svg")\n',
        encoding="utf-8",
    )
    pdf = typst.compile(
        str(tmp_path / "main.typ"), font_paths=font_dirs(), ignore_system_fonts=True
    )
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")


# -- at any size: the width of the column, layouts near-linear ---------------------------------


def random_graph(
    count: int, seed: int, degree: float = 1.5
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """A connected graph of ``count`` nodes and about ``degree * count`` relations."""
    rng = random.Random(seed)
    kinds = ["met", "located-in", "member-of", "participant-in", "party-to", "allied-with"]
    nodes = [
        GraphNode(
            f"n{i:03d}",
            f"عقدة رقم {i}",
            f"Node number {i}",
            rng.choice(list(rg.NODE_STYLES)),
            f"n{i}.html",
        )
        for i in range(count)
    ]
    edges = {
        GraphEdge(f"n{i:03d}", f"n{rng.randrange(i):03d}", rng.choice(kinds))
        for i in range(1, count)
    }
    while len(edges) < degree * count:
        a, b = rng.sample(range(count), 2)
        edges.add(GraphEdge(f"n{a:03d}", f"n{b:03d}", rng.choice(kinds)))
    return nodes, sorted(edges, key=lambda e: (e.source, e.target, e.type))


def test_the_seed_graph_is_drawn_at_the_width_of_the_column(seed_svg: str) -> None:
    """Its natural width is the column's (about 720 px at 1366 px), so the column shows it
    at its own size: its 11-unit edge labels stay 11 px, not the 7 px of a drawing twice as
    wide scaled down."""
    frame = view_box(parse(seed_svg))
    assert rg.WIDTH - 60 <= frame.x1 <= rg.WIDTH <= 720
    assert frame.y1 < 3 * rg.WIDTH  # compact, not a thread of boxes


def test_on_paper_the_graph_fits_a_page(
    seed_graph: tuple[list[GraphNode], list[GraphEdge]],
) -> None:
    """An image is not broken across pages: the PDF's drawing is made wider until it is
    no taller than a portrait page allows, scaled to the page's width."""
    nodes, edges = seed_graph
    svg = rg.draw_relation_graph_for_page(
        nodes, edges, title=GRAPH_TITLE, description=GRAPH_DESCRIPTION
    )
    frame = view_box(parse(svg))
    assert frame.y1 <= rg.PAGE_ASPECT * frame.x1
    assert rg.WIDTH < frame.x1 <= max(rg.PAGE_WIDTHS)
    check_geometry(svg)


def test_forty_nodes_are_laid_out_readably_and_deterministically() -> None:
    nodes, edges = random_graph(40, 40)
    svg = draw(nodes, edges)
    check_geometry(svg)
    root = parse(svg)
    assert set(nodes_of(root)) == {n.id for n in nodes}
    assert view_box(root).x1 <= rg.WIDTH
    shuffled_nodes, shuffled_edges = list(nodes), list(edges)
    random.Random(1).shuffle(shuffled_nodes)
    random.Random(2).shuffle(shuffled_edges)
    assert draw(shuffled_nodes, shuffled_edges) == svg


def test_a_large_graph_uses_sparse_stress() -> None:
    """Beyond FULL_STRESS nodes each node is pulled by its neighbours and the pivots only."""
    count = graph_layout.FULL_STRESS + 20
    nodes, edges = random_graph(count, 7, degree=1.2)
    index = {n.id: i for i, n in enumerate(nodes)}
    links = [(index[e.source], index[e.target]) for e in edges]
    sizes = [(120.0, 40.0)] * count
    terms, _unit = graph_layout._terms(sizes, links, 40.0)
    assert max(len(t) for t in terms) < count // 2  # not every pair
    first = graph_layout.stress_layouts(sizes, links, seed=3, edge_room=40.0)
    assert first == graph_layout.stress_layouts(sizes, links, seed=3, edge_room=40.0)
    assert len(first) == graph_layout.starts_for(count)
    # Linked nodes end up nearer each other than nodes picked at random.
    layout = first[0]
    linked = sum(math.dist(layout[a], layout[b]) for a, b in links) / len(links)
    rng = random.Random(5)
    pairs = [rng.sample(range(count), 2) for _ in range(len(links))]
    anywhere = sum(math.dist(layout[a], layout[b]) for a, b in pairs) / len(pairs)
    assert linked < anywhere / 2


_sizes = st.tuples(
    st.floats(min_value=30, max_value=170, allow_nan=False),
    st.floats(min_value=20, max_value=80, allow_nan=False),
)
_centre = st.tuples(
    st.floats(min_value=-400, max_value=400, allow_nan=False),
    st.floats(min_value=-400, max_value=400, allow_nan=False),
)


@given(st.lists(st.tuples(_centre, _sizes), min_size=1, max_size=40))
@settings(max_examples=60, deadline=None)
def test_separated_boxes_do_not_overlap_and_stay_within_the_width(
    boxes: list[tuple[tuple[float, float], tuple[float, float]]],
) -> None:
    half, gap = 340.0, (36.0, 34.0)
    points = graph_layout.upright([c for c, _ in boxes], [s for _, s in boxes], half)
    sizes = [s for _, s in boxes]
    placed = graph_layout.separate(points, sizes, half, gap)
    # Closing the blank bands between parts of the graph keeps them apart.
    placed = graph_layout.close_gaps(placed, sizes, 3 * gap[1])
    for (x, _), (w, _) in zip(placed, sizes, strict=True):
        assert abs(x) + w / 2 <= half + 1e-6
    for i, ((xi, yi), (wi, hi)) in enumerate(zip(placed, sizes, strict=True)):
        for (xj, yj), (wj, hj) in zip(placed[:i], sizes[:i], strict=True):
            apart_x = abs(xi - xj) >= (wi + wj) / 2 + gap[0] - 1e-6
            apart_y = abs(yi - yj) >= (hi + hj) / 2 + gap[1] - 1e-6
            assert apart_x or apart_y
    tops = sorted((y - h / 2, y + h / 2) for (_, y), (_, h) in zip(placed, sizes, strict=True))
    bottom = tops[0][1]
    for top, low in tops[1:]:
        assert top - bottom <= 3 * gap[1] + 1e-6  # no blank band taller than that
        bottom = max(bottom, low)
    again = graph_layout.separate(points, sizes, half, gap)
    assert placed == graph_layout.close_gaps(again, sizes, 3 * gap[1])


# -- what the graph draws of a large glossary ----------------------------------------------------


def test_the_drawn_entries_are_the_most_mentioned_each_with_a_relation() -> None:
    nodes, edges = random_graph(300, 11)
    ids = [n.id for n in nodes]
    links = [(e.source, e.target) for e in edges]
    rng = random.Random(3)
    counts = {node: int(rng.paretovariate(1.2)) - 1 for node in ids}
    chosen = selection.graph_nodes(ids, links, counts, 40)
    assert len(chosen) in (39, 40)
    neighbours: dict[str, set[str]] = {node: set() for node in ids}
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)
    assert all(neighbours[node] & chosen for node in chosen)
    ranked = sorted(ids, key=lambda n: (-counts[n], -len(neighbours[n]), n))
    assert set(ranked[:15]) <= chosen  # the most mentioned, each with a partner if need be
    assert chosen == selection.graph_nodes(list(reversed(ids)), links[::-1], counts, 40)
    assert selection.graph_nodes(ids, links, counts, 0) == set(ids)
    assert selection.graph_nodes(ids[:30], links, counts, 40) == set(ids[:30])
