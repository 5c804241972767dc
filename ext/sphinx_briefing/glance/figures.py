"""The drawn parts of the briefing at a glance: the timeline, the locator map and the
relationship graph, each an SVG with the list or table it is drawn from.

The directives only leave a :class:`~sphinx_briefing.glance.nodes.glance_placeholder`; the drawing
needs every article (mention counts, the paragraphs that mention a fact) and the builder
(links), so :class:`FillGlance` draws it when the page is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinx_briefing.cache import cached_text, digest, source_digest
from sphinx_briefing.domain import BriefingDomain, get_domain
from sphinx_briefing.glance import drawing, graph_layout, spatial, whoswho
from sphinx_briefing.glance.common import Links, MentionIndex, label, name, place_kind
from sphinx_briefing.glance.dates import PartialDate
from sphinx_briefing.glance.nodes import glance_details, glance_figure, glance_placeholder
from sphinx_briefing.glance.selection import DEFAULT_LIMIT, counts_text, top
from sphinx_briefing.glance.selection import graph_nodes as graph_nodes_of
from sphinx_briefing.glance.timeline import (
    KIND_GROUP,
    Fact,
    TimelineItem,
    TimelineRow,
    collect_facts,
    draw_timeline,
    timeline_items,
)
from sphinx_briefing.glossary import Entry, Glossary, sort_key
from sphinx_briefing.nodes import foreign_block, isolated_run
from sphinx_briefing.report import warn

#: The helpers the cached drawings are made with: part of their cache keys.
DRAWING_PATH = Path(drawing.__file__)
SPATIAL_PATH = Path(spatial.__file__)
LAYOUT_PATH = Path(graph_layout.__file__)

#: Timeline rows per drawing on paper: a longer timeline is drawn in parts, each fitting a page.
PDF_ROWS = 18


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", value) if w]


def _kinds(value: str) -> list[str]:
    words = _words(value)
    unknown = [w for w in words if w not in KIND_GROUP]
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r} (one of {', '.join(KIND_GROUP)})")
    return words


def _date(value: str) -> str:
    PartialDate.parse(value)
    return value.strip()


class _FigureDirective(SphinxDirective):
    what = ""
    has_content = False

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).glance_pages[self.env.docname] = True
        placeholder = glance_placeholder(what=self.what, options=dict(self.options))
        self.set_source_info(placeholder)
        return [placeholder]


class TimelineDirective(_FigureDirective):
    """``.. briefing-timeline::`` — the dated events and facts of the glossary, in order.

    Options: ``:kinds:`` (of ``event signed in-force position relation born founded``;
    default all), ``:from:`` and ``:to:`` (partial dates: only facts that overlap),
    ``:limit:`` (rows drawn, default 40: the facts of the most mentioned entries; 0: all;
    the list under the drawing has every fact), ``:title:`` (the drawing's title).
    """

    what = "timeline"
    option_spec = {  # noqa: RUF012
        "kinds": _kinds,
        "from": _date,
        "to": _date,
        "limit": directives.nonnegative_int,
        "title": directives.unchanged,
    }


class MapDirective(_FigureDirective):
    """``.. briefing-map::`` — the places of the glossary on a locator map.

    Options: ``:places:`` (entry ids; default the places with coordinates), ``:limit:``
    (places drawn, default 40 of those the articles mention most, or every place of
    ``:places:``; 0: all; the table under the map has every place), ``:shade:`` (country
    entry ids or ISO 3166-1 alpha-3 codes; default the country entries with an ``iso``
    code that the articles mention, at most ``:limit:``), ``:title:``.
    """

    what = "map"
    option_spec = {  # noqa: RUF012
        "places": _words,
        "limit": directives.nonnegative_int,
        "shade": _words,
        "title": directives.unchanged,
    }


class GraphDirective(_FigureDirective):
    """``.. briefing-graph::`` — entries and the typed relations between them.

    Options: ``:entries:`` (only these entries and the relations among them), ``:types:``
    (only these relation types), ``:explicit:`` (flag: only ``[[relations]]``, not the
    relations implied by participants, parties, places and countries), ``:limit:``
    (entries drawn, default 40: the most mentioned, each with a relation to another drawn
    entry, or every entry of ``:entries:``; 0: all; the list under the drawing has every
    relation), ``:title:``.
    """

    what = "graph"
    option_spec = {  # noqa: RUF012
        "entries": _words,
        "types": _words,
        "explicit": directives.flag,
        "limit": directives.nonnegative_int,
        "title": directives.unchanged,
    }


def _limit(options: dict[str, Any], chosen: str = "") -> int:
    """The directive's ``:limit:``; without it, all of an explicit choice (the ``chosen``
    option, if given) or :data:`~sphinx_briefing.glance.selection.DEFAULT_LIMIT`."""
    if "limit" in options:
        return int(options["limit"])
    return 0 if chosen and options.get(chosen) else DEFAULT_LIMIT


def _shown_note(key: str, shown: int, total: int, lang: str, **more: int) -> nodes.paragraph:
    """The line under a drawing that leaves things out: how many it draws, of how many."""
    first, second = counts_text(shown, total, lang)
    extra = {name: counts_text(value, value, lang)[0] for name, value in more.items()}
    text = label(key).format(shown=first, total=second, **extra)
    return nodes.paragraph("", text, classes=["briefing-figure-note"])


# -- timeline ------------------------------------------------------------------------------


def _selected(items: Sequence[TimelineItem], options: dict[str, Any]) -> list[TimelineItem]:
    kinds = set(options.get("kinds") or KIND_GROUP)
    start = PartialDate.parse(options["from"]).first() if options.get("from") else None
    end = PartialDate.parse(options["to"]).last() if options.get("to") else None
    chosen = []
    for item in items:
        item = TimelineItem(item.fact, [f for f in item.folded if f.kind in kinds])
        if item.fact.kind not in kinds:
            continue
        if start is not None and item.fact.span.last() < start:
            continue
        if end is not None and item.fact.span.first() > end:
            continue
        chosen.append(item)
    return chosen


def _fact_text(fact: Fact, lang: str) -> tuple[str, str]:
    """(label, note) of a fact in the edition's language."""
    if lang == "ar":
        return fact.label_ar, fact.note_ar
    return fact.label_en, fact.note_en


def _fact_line(fact: Fact, links: Links) -> nodes.paragraph:
    text, note = _fact_text(fact, links.lang)
    line = nodes.paragraph(classes=["briefing-timeline-fact"])
    line += links.entry(fact.subject, nodes.Text(text))
    line += nodes.Text(f" ({fact.span.format(links.lang)})")
    if note:
        line += nodes.Text(f": {note}")
    return line


#: Paragraphs linked from one timeline item; the rest are on the item's glossary entry.
MAX_PINPOINTS = 12


def _timeline_list(
    items: Sequence[TimelineItem], links: Links, mentions: MentionIndex
) -> nodes.bullet_list:
    """One item per timeline item (drawn or not): date, linked label (and note), the
    paragraphs that mention it, the English line (in the Arabic edition), and the relations
    folded into it."""
    lang = links.lang
    listing = nodes.bullet_list(classes=["briefing-timeline-list"])
    for item in items:
        fact = item.fact
        text, note = _fact_text(fact, lang)
        entry = nodes.list_item(classes=["briefing-timeline-entry"])
        entry["entity"] = fact.subject
        head = nodes.paragraph(classes=["briefing-timeline-head"])
        head += nodes.strong("", fact.span.format(lang), classes=["briefing-timeline-when"])
        head += nodes.Text(" — ")
        head += links.entry(fact.subject, nodes.Text(text))
        if note:
            head += nodes.Text(f": {note}")
        found = mentions.mentioning(item.evidence)
        where = nodes.inline(classes=["briefing-timeline-mentions"])
        where += nodes.Text(label("mentioned-in"))
        if found:
            # A large book mentions an event in thousands of paragraphs: the first few, then
            # the entry, whose page lists them all.
            where.extend(links.paragraphs(found[:MAX_PINPOINTS]))
            if len(found) > MAX_PINPOINTS:
                more = label("more").format(len(found) - MAX_PINPOINTS)
                where += nodes.Text(" ")
                where += links.entry(fact.subject, nodes.Text(more))
        else:
            where += nodes.Text(label("not-mentioned"))
        head += nodes.Text(" ")
        head += where
        entry += head
        if lang == "ar":
            english = foreign_block(lang="en", classes=["briefing-timeline-en"])
            english += nodes.paragraph("", f"{fact.span.format('en')} — {fact.label_en}")
            entry += english
        if item.folded:
            also = nodes.bullet_list(classes=["briefing-timeline-also"])
            for folded in item.folded:
                also += nodes.list_item("", _fact_line(folded, links))
            entry += also
        listing += entry
    return listing


def build_timeline(
    domain: BriefingDomain, links: Links, options: dict[str, Any]
) -> tuple[list[nodes.Node], list[str]]:
    """(nodes, problems): the drawing(s) and the list."""
    glossary = domain.glossary()
    items = _selected(timeline_items(collect_facts(glossary)), options)
    mentions = domain.derived(links.builder, "mention-index", MentionIndex)
    counts = mentions.counts
    # The rows drawn: the facts of the most mentioned entries (the list keeps every one).
    drawn = top(
        items,
        _limit(options),
        lambda item: (
            -counts[item.fact.subject],
            -max(counts[e] for e in item.fact.entities),
            item.fact.sort_key(),
        ),
    )
    rows = [TimelineRow.of(item, links.entry_href(item.fact.subject)) for item in drawn]
    title = options.get("title") or label("timeline-title")
    listing = glance_details(summary=label("timeline-list"), classes=["briefing-figure-data"])
    listing += _timeline_list(items, links, mentions)
    if not rows:
        return [listing], []
    arabic = links.lang == "ar"
    description = label("timeline-desc").format(
        count=len(rows),
        first=rows[0].when_ar if arabic else rows[0].when_en,
        last=rows[-1].when_ar if arabic else rows[-1].when_en,
    )
    parts = [rows]
    if links.builder.format != "html" and len(rows) > PDF_ROWS:
        count = -(-len(rows) // PDF_ROWS)
        size = -(-len(rows) // count)
        parts = [rows[i : i + size] for i in range(0, len(rows), size)]
    out: list[nodes.Node] = []
    for number, part in enumerate(parts, start=1):
        caption = label("timeline-caption")
        if len(parts) > 1:
            caption = f"{caption} ({number}/{len(parts)})"
        svg = draw_timeline(part, title=title, description=description, lang=links.lang)
        out.append(_figure("timeline", svg, title, caption))
    if len(drawn) < len(items):
        out.append(_shown_note("timeline-shown", len(drawn), len(items), links.lang))
    out.append(listing)
    return out, []


def _figure(kind: str, svg: str, alt: str, caption: str) -> glance_figure:
    return glance_figure(
        svg=svg, kind=kind, alt=alt, caption=caption, classes=[f"briefing-figure-{kind}"]
    )


# -- map -------------------------------------------------------------------------------------


def _places(
    glossary: Glossary, options: dict[str, Any], lang: str = "ar"
) -> tuple[list[Entry], list[str]]:
    problems = []
    if options.get("places"):
        chosen = []
        for entity in options["places"]:
            entry = glossary.entries.get(entity)
            if entry is None or entry.type != "place":
                problems.append(f"{entity!r} is not a place of the glossary")
            elif "lat" not in entry.data["place"] or "lon" not in entry.data["place"]:
                problems.append(f"{entity!r} has no coordinates (place.lat, place.lon)")
            else:
                chosen.append(entry)
        return chosen, problems
    return [
        e
        for e in glossary.of_type("place", lang)
        if "lat" in e.data.get("place", {}) and "lon" in e.data.get("place", {})
    ], problems


def _shaded(
    glossary: Glossary, options: dict[str, Any], counts: Mapping[str, int]
) -> tuple[list[str], list[str]]:
    problems = []
    if options.get("shade"):
        codes = []
        for word in options["shade"]:
            entry = glossary.entries.get(word)
            if entry is not None and entry.data.get("place", {}).get("iso"):
                codes.append(str(entry.data["place"]["iso"]))
            elif re.fullmatch(r"[A-Z]{3}", word):
                codes.append(word)
            else:
                problems.append(
                    f"{word!r} is neither a country entry with an iso code nor an ISO 3166-1 "
                    "alpha-3 code"
                )
        return codes, problems
    # The legend says "country mentioned": the countries the articles mention (of a large
    # glossary, the most mentioned, as many as places are drawn).
    countries = [
        e
        for e in glossary.of_type("place")
        if e.data.get("place", {}).get("kind") == "country"
        and e.data["place"].get("iso")
        and counts[e.id]
    ]
    chosen = top(countries, _limit(options), lambda e: (-counts[e.id], e.id))
    return [str(e.data["place"]["iso"]) for e in chosen], problems


def _cell(*children: nodes.Node | str) -> nodes.entry:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return nodes.entry("", paragraph)


def table(headers: Sequence[str], rows: Sequence[Sequence[nodes.entry]], css: str) -> nodes.table:
    """A simple table with a header row."""
    found = nodes.table(classes=[css])
    group = nodes.tgroup(cols=len(headers))
    found += group
    for _header in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += _cell(header)
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        line = nodes.row()
        line.extend(cells)
        body += line
    group += body
    return found


def build_map(
    domain: BriefingDomain, links: Links, options: dict[str, Any]
) -> tuple[list[nodes.Node], list[str]]:
    from sphinx_briefing.glance.locator_map import OUTLINES_PATH, MapPoint, draw_locator_map

    glossary = domain.glossary()
    places, problems = _places(glossary, options, links.lang)
    mentions = domain.derived(links.builder, "mention-index", MentionIndex)
    counts = mentions.counts
    shaded, more = _shaded(glossary, options, counts)
    problems += more
    # The places drawn: the most mentioned (capitals first among equals); the table has all.
    drawn = top(
        places,
        _limit(options, "places"),
        lambda e: (-counts[e.id], str(e.data["place"].get("kind") != "capital"), e.id),
    )
    points = [
        MapPoint(
            id=e.id,
            name_ar=e.names["ar"],
            name_en=e.names["en"],
            lat=float(e.data["place"]["lat"]),
            lon=float(e.data["place"]["lon"]),
            href=links.entry_href(e.id),
            kind=str(e.data["place"].get("kind", "other")),
        )
        for e in drawn
    ]
    lang = links.lang
    other = "en" if lang == "ar" else "ar"
    separator = "، " if lang == "ar" else ", "
    shaded_names = [
        name(e, lang)
        for e in glossary.of_type("place", lang)
        if e.data.get("place", {}).get("iso") in shaded
    ]
    title = options.get("title") or label("map-title")
    description = label("map-desc").format(
        count=len(points),
        names=separator.join(name(e, lang) for e in drawn),
        shaded=separator.join(shaded_names) or "—",
    )
    rows = []
    for e in places:
        data = e.data["place"]
        country = str(data.get("country", ""))
        coordinates = f"{data['lat']:.4f}, {data['lon']:.4f}"
        rows.append(
            [
                _cell(links.entry(e.id, nodes.Text(name(e, lang)))),
                _cell(isolated_run(e.names[other], e.names[other], lang=other)),
                _cell(place_kind(str(data.get("kind", "")))),
                _cell(
                    links.entry(country, nodes.Text(name(glossary.entries[country], lang)))
                    if country in glossary.entries
                    else ""
                ),
                _cell(isolated_run(coordinates, coordinates, lang="en")),
                _cell(str(mentions.counts[e.id])),
            ]
        )
    places_table = table(
        [
            label("place"),
            label("english" if lang == "ar" else "arabic"),
            label("kind"),
            label("country"),
            label("coordinates"),
            label("count"),
        ],
        rows,
        "briefing-map-table",
    )
    details = glance_details(summary=label("map-table"), classes=["briefing-figure-data"])
    details += places_table
    # Like the graph's layout: seconds of label placement, pure in these inputs.
    code = source_digest(draw_locator_map, OUTLINES_PATH, DRAWING_PATH, SPATIAL_PATH)
    key = digest(code, points, sorted(shaded), title, description, lang)
    svg = cached_text(
        "locator-map",
        key + ".svg",
        lambda: draw_locator_map(points, shaded, title=title, description=description, lang=lang),
    )
    out: list[nodes.Node] = [_figure("map", svg, title, label("map-caption"))]
    if len(drawn) < len(places):
        out.append(_shown_note("map-shown", len(drawn), len(places), lang))
    return [*out, details], problems


# -- graph -----------------------------------------------------------------------------------


def build_graph(
    domain: BriefingDomain, links: Links, options: dict[str, Any]
) -> tuple[list[nodes.Node], list[str]]:
    from sphinx_briefing.glance.relation_graph import (
        draw_relation_graph,
        draw_relation_graph_for_page,
        graph_from_glossary,
    )
    from sphinx_briefing.vocabulary import RELATION_TYPES_PATH, relation_label

    glossary = domain.glossary()
    problems = []
    all_nodes, edges = graph_from_glossary(
        glossary, lambda e: links.entry_href(e.id), implicit="explicit" not in options
    )
    if options.get("entries"):
        wanted = set(options["entries"])
        problems += [
            f"{w!r} is not a glossary entry" for w in sorted(wanted - set(glossary.entries))
        ]
        edges = [e for e in edges if e.source in wanted and e.target in wanted]
    if options.get("types"):
        types = set(options["types"])
        edges = [e for e in edges if e.type in types]
    linked = {e.source for e in edges} | {e.target for e in edges}
    if options.get("entries"):
        linked |= set(options["entries"]) & set(glossary.entries)
    counts = domain.derived(links.builder, "mention-index", MentionIndex).counts
    # What is drawn: the most mentioned entries and the relations among them (the list
    # under the drawing has every relation).
    chosen = graph_nodes_of(
        sorted(linked),
        ((e.source, e.target) for e in edges),
        counts,
        _limit(options, "entries"),
    )
    graph_nodes = [n for n in all_nodes if n.id in chosen]
    drawn_edges = [e for e in edges if e.source in chosen and e.target in chosen]
    title = options.get("title") or label("graph-title")
    description = label("graph-desc").format(nodes=len(graph_nodes), edges=len(drawn_edges))
    lang = links.lang

    def shown(entity: str) -> str:
        return name(glossary.entries[entity], lang)

    def order(entity: str) -> str:
        return sort_key(glossary.entries[entity], lang)

    ordered = sorted(edges, key=lambda e: (order(e.source), e.type, order(e.target)))
    listing = nodes.bullet_list(classes=["briefing-graph-list"])
    for edge in ordered:
        label_ar, label_en = relation_label(edge.type)
        line = nodes.paragraph()
        line += links.entry(edge.source, nodes.Text(shown(edge.source)))
        line += nodes.Text(f" — {label_ar if lang == 'ar' else label_en} — ")
        line += links.entry(edge.target, nodes.Text(shown(edge.target)))
        item = nodes.list_item("", line)
        if lang == "ar":
            english = " ".join(
                [
                    glossary.entries[edge.source].names["en"],
                    label_en,
                    glossary.entries[edge.target].names["en"],
                ]
            )
            english_line = foreign_block(lang="en", classes=["briefing-graph-en"])
            english_line += nodes.paragraph("", english)
            item += english_line
        item["source"] = edge.source
        item["target"] = edge.target
        item["relation"] = edge.type
        listing += item
    details = glance_details(summary=label("graph-list"), classes=["briefing-figure-data"])
    details += listing
    # The layout takes seconds and depends only on these inputs and the renderer's code.
    code = source_digest(
        draw_relation_graph, RELATION_TYPES_PATH, DRAWING_PATH, SPATIAL_PATH, LAYOUT_PATH
    )
    # In a column, the column's width; on paper, a shape that fits a page.
    draw = draw_relation_graph if links.builder.format == "html" else draw_relation_graph_for_page
    key = digest(code, graph_nodes, drawn_edges, title, description, lang, draw.__name__)
    svg = cached_text(
        "relation-graph",
        key + ".svg",
        lambda: draw(graph_nodes, drawn_edges, title=title, description=description, lang=lang),
    )
    out: list[nodes.Node] = [_figure("graph", svg, title, label("graph-caption"))]
    if len(graph_nodes) < len(linked):
        note = _shown_note(
            "graph-shown", len(graph_nodes), len(linked), lang, edges=len(drawn_edges)
        )
        out.append(note)
    return [*out, details], problems


# -- filling the placeholders ----------------------------------------------------------------

Builder = Callable[[BriefingDomain, Links, dict[str, Any]], tuple[list[nodes.Node], list[str]]]


def _whoswho(
    domain: BriefingDomain, links: Links, options: dict[str, Any]
) -> tuple[list[nodes.Node], list[str]]:
    return whoswho.build(domain, links, options), []


BUILDERS: dict[str, Builder] = {
    "whoswho": _whoswho,
    "timeline": build_timeline,
    "map": build_map,
    "graph": build_graph,
}


class FillGlance(SphinxPostTransform):
    """Replace each ``glance_placeholder`` with its cards, drawing and lists (before
    references are resolved, once every article is read)."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(glance_placeholder))
        if not placeholders:
            return
        domain = get_domain(self.env)
        # As Sphinx's own ReferencesResolver does (transforms have no public builder).
        links = Links(domain, self.env._app.builder, self.env.docname)
        for placeholder in placeholders:
            what = str(placeholder["what"])
            source = placeholder.source or self.env.doc2path(self.env.docname)
            try:
                built, problems = BUILDERS[what](domain, links, dict(placeholder["options"]))
            except (ImportError, ValueError) as err:
                warn(f"briefing-{what}: {err}", "glance", source, placeholder.line)
                placeholder.replace_self(
                    nodes.paragraph("", label("missing-renderer").format(what))
                )
                continue
            for problem in problems:
                warn(f"briefing-{what}: {problem}", "glance", source, placeholder.line)
            placeholder.replace_self(built)


__all__ = [
    "FillGlance",
    "GraphDirective",
    "MapDirective",
    "TimelineDirective",
    "build_graph",
    "build_map",
    "build_timeline",
    "table",
]
