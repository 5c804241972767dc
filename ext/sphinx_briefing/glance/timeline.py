"""The timeline: every dated event and dated fact in the glossary, in order, and its SVG.

Pure (no Sphinx). :func:`collect_facts` reads the dated facts of a glossary:

- an event's ``start``/``end`` (a range, or a point when it has no end),
- an agreement's ``signed`` and ``in_force``,
- a person's ``born`` and each of their ``positions`` (``start``/``end``; a position
  without an end is *ongoing*: "since …"),
- an organization's ``founded``,
- every ``relations[]`` entry with a ``date``.

:func:`timeline_items` turns them into the items of the timeline. A relation listed on
both of its ends (``met``, ``allied-with``, …) counts once, and a dated relation joins an
event, agreement or position fact when their dates overlap and the relation either
involves that fact's own entry or has both ends among its entries (Lavrov *met* Kim on
12 July 2025 is part of his visit to Wonsan, 11–13 July 2025); of several such facts the
shortest wins. So every dated fact is shown once: as an item, or under one.

Each fact also says which paragraphs *mention* it (:attr:`Fact.evidence`): those that
mention every entry of one of its entry sets. For an event, the event itself, or its place
together with one of its participants; for an agreement, the agreement; for a relation,
both its ends; for a position, the person and the organization (the person alone without
one); for a birth or a founding, the entry.

:func:`draw_timeline` draws the items as an SVG: time runs down a vertical axis, one row per
item with its date on the start side (the right, in Arabic) and its label on the other,
wrapped so that no two labels overlap; ranges are bars beside the axis from their start to
their end, long gaps in time are dashed stretches of the axis. Deterministic, escaped
(ElementTree), colours with WCAG AA contrast on the white background.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sphinx_briefing.glance.dates import DateSpan
from sphinx_briefing.glance.drawing import name_drawing
from sphinx_briefing.glance.relation_graph import (
    FONT_FAMILY,
    ascent,
    descent,
    text_width,
    wrap,
)
from sphinx_briefing.glossary import Entry, Glossary
from sphinx_briefing.vocabulary import relation_label, symmetric_relations

#: Fact kinds, and the legend group each is drawn as.
KIND_GROUP = {
    "event": "event",
    "signed": "agreement",
    "in-force": "agreement",
    "position": "position",
    "relation": "relation",
    "born": "life",
    "founded": "life",
}
#: Legend groups: (colour, Arabic label, English label). Each colour has at least 4.5:1
#: contrast with the white background (text AA, so also enough for the markers).
GROUPS: dict[str, tuple[str, str, str]] = {
    "event": ("#b3261e", "حدث", "event"),
    "agreement": ("#6a3d9a", "اتفاقية", "agreement"),
    "position": ("#1f5fa8", "منصب", "position"),
    "relation": ("#1b6e3a", "علاقة", "relation"),
    "life": ("#8a4b00", "ميلاد أو تأسيس", "born or founded"),
}
_ORDER = {kind: rank for rank, kind in enumerate(KIND_GROUP)}

BACKGROUND = "#ffffff"
LABEL_COLOUR = "#1d4f91"  # the book's link colour: 8.6:1 on white
DATE_COLOUR = "#3b3b3b"
AXIS_COLOUR = "#595959"
LEGEND_COLOUR = "#1a1a1a"


# -- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One dated fact of the glossary."""

    kind: str  # event | signed | in-force | position | relation | born | founded
    subject: str  # the entry the fact belongs to (its link)
    span: DateSpan
    label_ar: str
    label_en: str
    #: Every entry the fact involves (its subject included).
    entities: frozenset[str]
    #: A paragraph mentions the fact when it mentions all the entries of one of these sets.
    evidence: tuple[frozenset[str], ...]
    note_ar: str = ""
    note_en: str = ""
    #: (source, type, target) for a relation.
    relation: tuple[str, str, str] | None = None
    #: Where the fact is written: the glossary field (``event.start``, ``relations.2``).
    field: str = ""

    @property
    def group(self) -> str:
        return KIND_GROUP[self.kind]

    def sort_key(self) -> tuple[Any, ...]:
        return (*self.span.sort_key(), _ORDER[self.kind], self.label_en, self.subject)


@dataclass
class TimelineItem:
    """A fact shown on the timeline, with the dated relations that belong to it."""

    fact: Fact
    folded: list[Fact] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        return [self.fact, *self.folded]

    @property
    def evidence(self) -> list[frozenset[str]]:
        """Every entry set that makes a paragraph mention this item, without repeats."""
        found: list[frozenset[str]] = []
        for fact in self.facts:
            found += [s for s in fact.evidence if s not in found]
        return found


def _names(glossary: Glossary, entity: str) -> tuple[str, str]:
    entry = glossary.entries.get(entity)
    if entry is None:
        return entity, entity
    return entry.names["ar"], entry.names["en"]


def _span(start: str, end: str | None = None, *, ongoing: bool = False) -> DateSpan | None:
    try:
        return DateSpan.of(start, end, ongoing=ongoing)
    except ValueError:
        return None  # the glossary loader reports impossible dates


def _event_facts(entry: Entry) -> Iterable[Fact]:
    data: dict[str, Any] = entry.data.get("event", {})
    span = _span(data["start"], data.get("end")) if data.get("start") else None
    if span is None:
        return
    place = data.get("place")
    participants = list(data.get("participants", []))
    evidence = [frozenset({entry.id})]
    if place:
        evidence += [frozenset({place, p}) for p in participants if p != place]
    yield Fact(
        "event",
        entry.id,
        span,
        entry.names["ar"],
        entry.names["en"],
        frozenset({entry.id, *participants, *([place] if place else [])}),
        tuple(evidence),
        field="event.start",
    )


def _agreement_facts(entry: Entry) -> Iterable[Fact]:
    data: dict[str, Any] = entry.data.get("agreement", {})
    involved = frozenset(
        {entry.id, *data.get("parties", []), *([data["signed_at"]] if "signed_at" in data else [])}
    )
    name_ar, name_en = entry.names["ar"], entry.names["en"]
    labels = {
        "signed": (f"توقيع {name_ar}", f"{name_en} signed"),
        "in_force": (f"دخول {name_ar} حيز النفاذ", f"{name_en} enters into force"),
    }
    for key, kind in (("signed", "signed"), ("in_force", "in-force")):
        span = _span(data[key]) if data.get(key) else None
        if span is not None:
            label_ar, label_en = labels[key]
            yield Fact(
                kind,
                entry.id,
                span,
                label_ar,
                label_en,
                involved,
                (frozenset({entry.id}),),
                field=f"agreement.{key}",
            )


def _person_facts(entry: Entry, glossary: Glossary) -> Iterable[Fact]:
    data: dict[str, Any] = entry.data.get("person", {})
    name_ar, name_en = entry.names["ar"], entry.names["en"]
    span = _span(data["born"]) if data.get("born") else None
    if span is not None:
        yield Fact(
            "born",
            entry.id,
            span,
            f"ولادة {name_ar}",
            f"{name_en} born",
            frozenset({entry.id}),
            (frozenset({entry.id}),),
            field="person.born",
        )
    for index, position in enumerate(data.get("positions", [])):
        if not position.get("start"):
            continue
        span = _span(position["start"], position.get("end"), ongoing=not position.get("end"))
        if span is None:
            continue
        organization = position.get("organization")
        involved = frozenset({entry.id, *([organization] if organization else [])})
        yield Fact(
            "position",
            entry.id,
            span,
            f"{name_ar}: {position['title_ar']}",
            f"{name_en}: {position['title_en']}",
            involved,
            (involved,),
            field=f"person.positions.{index}",
        )


def _organization_facts(entry: Entry) -> Iterable[Fact]:
    data: dict[str, Any] = entry.data.get("organization", {})
    span = _span(data["founded"]) if data.get("founded") else None
    if span is not None:
        yield Fact(
            "founded",
            entry.id,
            span,
            f"تأسيس {entry.names['ar']}",
            f"{entry.names['en']} founded",
            frozenset({entry.id}),
            (frozenset({entry.id}),),
            field="organization.founded",
        )


def _relation_facts(entry: Entry, glossary: Glossary) -> Iterable[Fact]:
    for index, relation in enumerate(entry.data.get("relations", [])):
        span = _span(relation["date"]) if relation.get("date") else None
        if span is None:
            continue
        target = str(relation["target"])
        kind = str(relation["type"])
        rel_ar, rel_en = relation_label(kind)
        source_ar, source_en = entry.names["ar"], entry.names["en"]
        target_ar, target_en = _names(glossary, target)
        yield Fact(
            "relation",
            entry.id,
            span,
            f"{source_ar} {rel_ar} {target_ar}",
            f"{source_en} {rel_en} {target_en}",
            frozenset({entry.id, target}),
            (frozenset({entry.id, target}),),
            note_ar=str(relation.get("note_ar", "")),
            note_en=str(relation.get("note_en", "")),
            relation=(entry.id, kind, target),
            field=f"relations.{index}",
        )


def collect_facts(glossary: Glossary) -> list[Fact]:
    """Every dated fact of the glossary, in chronological order (relations listed on both
    ends once)."""
    facts: list[Fact] = []
    seen: set[tuple[Any, ...]] = set()
    for entry_id in sorted(glossary.entries):
        entry = glossary.entries[entry_id]
        found: list[Fact] = []
        if entry.type == "event":
            found += _event_facts(entry)
        elif entry.type == "agreement":
            found += _agreement_facts(entry)
        elif entry.type == "person":
            found += _person_facts(entry, glossary)
        elif entry.type == "organization":
            found += _organization_facts(entry)
        found += _relation_facts(entry, glossary)
        for fact in found:
            if fact.relation is not None:
                source, kind, target = fact.relation
                ends = (
                    tuple(sorted((source, target)))
                    if kind in symmetric_relations()
                    else (source, target)
                )
                key: tuple[Any, ...] = ("relation", kind, ends, fact.span)
            else:
                key = (fact.kind, fact.subject, fact.field)
            if key not in seen:
                seen.add(key)
                facts.append(fact)
    return sorted(facts, key=Fact.sort_key)


def _joins(relation: Fact, host: Fact) -> bool:
    if host.relation is not None or host.kind in ("born", "founded"):
        return False
    if not relation.span.overlaps(host.span) or relation.relation is None:
        return False
    source, _kind, target = relation.relation
    if {source, target} <= host.entities:
        return True
    # An event or agreement also takes the relations of its own entry (reported-by, …).
    return host.kind != "position" and host.subject in (source, target)


def timeline_items(facts: Sequence[Fact]) -> list[TimelineItem]:
    """The timeline's items, in order: dated relations that belong to an event, agreement
    or position fact are folded into it (see the module's docstring)."""
    hosts = [f for f in facts if f.relation is None]
    items = {id(f): TimelineItem(f) for f in hosts}
    # A relation can only join a fact that involves one of its ends (see _joins): the
    # hosts by the entries they involve, so a large glossary is not scanned per relation.
    involving: dict[str, list[int]] = {}
    for number, host in enumerate(hosts):
        for entity in host.entities | {host.subject}:
            involving.setdefault(entity, []).append(number)
    loose: list[TimelineItem] = []
    for fact in facts:
        if fact.relation is None:
            continue
        source, _kind, target = fact.relation
        near = sorted({*involving.get(source, ()), *involving.get(target, ())})
        candidates = [hosts[n] for n in near if _joins(fact, hosts[n])]
        if candidates:
            # A fact that starts when the relation happens, else the shortest.
            host = min(
                candidates,
                key=lambda h: (
                    not fact.span.overlaps(DateSpan(h.span.start)),
                    h.span.days(),
                    h.sort_key(),
                ),
            )
            items[id(host)].folded.append(fact)
        else:
            loose.append(TimelineItem(fact))
    every = [*items.values(), *loose]
    return sorted(every, key=lambda item: item.fact.sort_key())


# -- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """One item as the SVG draws it."""

    entity: str  # entry id (``data-entity``)
    label_ar: str
    label_en: str
    when_ar: str
    when_en: str
    span: DateSpan
    group: str  # a key of GROUPS
    href: str

    @classmethod
    def of(cls, item: TimelineItem, href: str) -> TimelineRow:
        """The row that draws ``item``, linked to ``href``."""
        fact = item.fact
        return cls(
            entity=fact.subject,
            label_ar=fact.label_ar,
            label_en=fact.label_en,
            when_ar=fact.span.format("ar"),
            when_en=fact.span.format("en"),
            span=fact.span,
            group=fact.group,
            href=href,
        )


WIDTH = 600.0
MARGIN = 12.0
LABEL_SIZE = 13.0
DATE_SIZE = 12.0
LEGEND_SIZE = 12.0
LINE_STEP = 1.45  # between wrapped label lines, in em
ROW_GAP = 9.0  # between the text blocks of two rows
LANE_WIDTH = 6.0
LANE_GAP = 3.0
MARKER = 5.5  # marker radius
GAP_DAYS = 3 * 365  # a longer pause between two rows is drawn as a dashed, longer axis
BREAK = 16.0  # extra room for such a pause


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    )
    element.text = text
    return element


def _marker(parent: ET.Element, group: str, x: float, y: float, *, ongoing: bool) -> None:
    colour = GROUPS[group][0]
    r = MARKER
    if group == "agreement":
        points = f"{_num(x)},{_num(y - r - 1)} {_num(x + r + 1)},{_num(y)} "
        points += f"{_num(x)},{_num(y + r + 1)} {_num(x - r - 1)},{_num(y)}"
        _sub(parent, "polygon", points=points, fill=colour)
    elif group == "position":
        side = r * 1.7
        _sub(
            parent,
            "rect",
            x=_num(x - side / 2),
            y=_num(y - side / 2),
            width=_num(side),
            height=_num(side),
            fill=colour,
        )
    elif group == "relation":
        _sub(
            parent,
            "circle",
            cx=_num(x),
            cy=_num(y),
            r=_num(r - 1),
            fill=BACKGROUND,
            stroke=colour,
            stroke_width="2.5",
        )
    elif group == "life":
        points = f"{_num(x)},{_num(y - r - 0.5)} {_num(x + r + 0.5)},{_num(y + r - 0.5)} "
        points += f"{_num(x - r - 0.5)},{_num(y + r - 0.5)}"
        _sub(parent, "polygon", points=points, fill=colour)
    else:
        _sub(parent, "circle", cx=_num(x), cy=_num(y), r=_num(r), fill=colour)
    if ongoing:
        _sub(
            parent,
            "circle",
            cx=_num(x),
            cy=_num(y),
            r=_num(r + 3.5),
            fill="none",
            stroke=colour,
            stroke_width="1.5",
        )


def _text(
    parent: ET.Element,
    lines: Sequence[str],
    x: float,
    baseline: float,
    size: float,
    cls: str,
    colour: str,
    lang: str = "ar",
) -> ET.Element:
    """Lines whose start is at ``x``: the right edge for Arabic (``direction="rtl"``), the
    left edge for English."""
    attrs = {"class": cls} if cls else {}
    text = _sub(
        parent,
        "text",
        x=_num(x),
        y=_num(baseline),
        font_size=_num(size),
        fill=colour,
        text_anchor="start",
        direction="rtl" if lang == "ar" else "ltr",
        lang=lang,
        **attrs,
    )
    if len(lines) == 1:
        text.text = lines[0]
    else:
        for k, line in enumerate(lines):
            _sub(text, "tspan", line, x=_num(x), y=_num(baseline + k * LINE_STEP * size))
    return text


def _legend(
    svg: ET.Element, groups: Sequence[str], ongoing: bool, ranges: bool, lang: str = "ar"
) -> float:
    """Draw the legend along the top, right to left (mirrored with the rest of an English
    drawing); returns its height."""
    arabic = lang == "ar"
    entries: list[tuple[str, str]] = [(g, GROUPS[g][1 if arabic else 2]) for g in groups]
    if ranges:
        entries.append(("range", "مدة" if arabic else "period"))
    if ongoing:
        entries.append(("ongoing", "مستمر" if arabic else "ongoing"))
    legend = _sub(svg, "g", class_="briefing-timeline-legend")
    row_h = LEGEND_SIZE * 1.8
    x, y = WIDTH - MARGIN, MARGIN + row_h / 2
    for key, label in entries:
        width = text_width(label, LEGEND_SIZE)
        if x - 18 - width < MARGIN:
            x, y = WIDTH - MARGIN, y + row_h
        item = _sub(legend, "g", class_="briefing-timeline-legend-item")
        if key == "range":
            _sub(
                item,
                "rect",
                x=_num(x - LANE_WIDTH - 2),
                y=_num(y - 8),
                width=_num(LANE_WIDTH),
                height="16",
                rx="2",
                fill=AXIS_COLOUR,
            )
        elif key == "ongoing":
            _marker(item, "event", x - 7, y, ongoing=True)
        else:
            _marker(item, key, x - 7, y, ongoing=False)
        _text(item, [label], x - 18, y + LEGEND_SIZE * 0.35, LEGEND_SIZE, "", LEGEND_COLOUR, lang)
        x -= 18 + width + 22
    return (y + row_h / 2) - MARGIN


def _lanes(bars: Sequence[tuple[int, float, float]]) -> dict[int, int]:
    """Greedy lanes for (row, top, bottom) bars so that no two bars in a lane touch."""
    ends: list[float] = []
    lane_of: dict[int, int] = {}
    for row, top, bottom in sorted(bars, key=lambda b: (b[1], b[2], b[0])):
        for lane, end in enumerate(ends):
            if end + 4 < top:
                ends[lane] = bottom
                lane_of[row] = lane
                break
        else:
            lane_of[row] = len(ends)
            ends.append(bottom)
    return lane_of


def _position(day: int, anchors: Sequence[tuple[int, float]], bottom: float) -> float:
    """Where a day falls on the axis, between the rows that bracket it."""
    before = [(d, y) for d, y in anchors if d <= day]
    after = [(d, y) for d, y in anchors if d > day]
    if not before:
        return anchors[0][1]
    d0, y0 = max(before, key=lambda a: (a[0], a[1]))
    if not after:
        return bottom
    d1, y1 = min(after, key=lambda a: (a[0], a[1]))
    return y0 + (y1 - y0) * (day - d0) / (d1 - d0)


def draw_timeline(
    rows: Sequence[TimelineRow], *, title: str, description: str, lang: str = "ar"
) -> str:
    """SVG markup of the timeline (no XML declaration): root ``<svg role="group">`` (its
    rows are links) named by its ``<title>`` and described by its ``<desc>``; one
    ``g.briefing-timeline-item`` per row (``data-entity``, ``data-start``, ``data-end``),
    its label in ``<a href>`` as ``text.briefing-timeline-label`` (the date too, with
    ``briefing-timeline-date``).

    ``lang`` is the edition's language: ``ar`` draws the Arabic labels and dates right to
    left (dates at the right); any other draws the English ones, mirrored (dates at the
    left, text left to right).

    Rows are drawn in the order given (callers sort them)."""
    arabic = lang == "ar"
    lang = "ar" if arabic else "en"

    def label(row: TimelineRow) -> str:
        return row.label_ar if arabic else row.label_en

    def when(row: TimelineRow) -> str:
        return row.when_ar if arabic else row.when_en

    key = hashlib.sha256(
        json.dumps(
            [title, [(r.entity, r.when_en, r.label_en) for r in rows]], ensure_ascii=False
        ).encode()
    ).hexdigest()[:8]
    prefix = f"briefing-timeline-{key}"
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "briefing-timeline",
            "font-family": FONT_FAMILY,
        },
    )
    _sub(svg, "title", title, id=f"{prefix}-title")
    _sub(svg, "desc", description, id=f"{prefix}-desc")
    background = _sub(svg, "rect", x="0", y="0", width="100%", height="100%", fill=BACKGROUND)

    groups = [g for g in GROUPS if any(r.group == g for r in rows)]
    top = MARGIN + _legend(
        svg,
        groups,
        ongoing=any(r.span.ongoing for r in rows),
        ranges=any(r.span.is_range for r in rows),
        lang=lang,
    )
    top += 14

    date_width = max((text_width(when(r), DATE_SIZE) for r in rows), default=0.0)
    date_right = WIDTH - MARGIN
    lanes_right = date_right - date_width - 12

    # Vertical layout: rows one under the other, a pause in time adds room.
    ascent_l, descent_l = ascent(LABEL_SIZE), descent(LABEL_SIZE)
    layout: list[tuple[float, float, list[str]]] = []  # (top, marker y, lines) per row
    y = top
    previous: TimelineRow | None = None
    pauses: list[int] = []
    # The label column's width depends on the lanes, which depend on the rows' heights:
    # lay out with a guess, then again with the lanes found.
    lane_count = 0
    for _attempt in range(3):
        axis_x = lanes_right - lane_count * (LANE_WIDTH + LANE_GAP) - 10
        label_right = axis_x - 14
        label_width = label_right - MARGIN
        layout, pauses, y, previous = [], [], top, None
        for index, row in enumerate(rows):
            if previous is not None and (row.span.first() - previous.span.first()).days > GAP_DAYS:
                y += BREAK
                pauses.append(index)
            lines = wrap(label(row), LABEL_SIZE, label_width)
            baseline = y + ascent_l
            layout.append((y, baseline - LABEL_SIZE * 0.32, lines))
            block = ascent_l + descent_l + (len(lines) - 1) * LINE_STEP * LABEL_SIZE
            y += max(block, ascent(DATE_SIZE) + descent(DATE_SIZE)) + ROW_GAP
            previous = row
        bottom = y - ROW_GAP + 6
        anchors = [(r.span.first().toordinal(), layout[i][1]) for i, r in enumerate(rows)]
        bars = []
        for index, row in enumerate(rows):
            if row.span.is_range and not row.span.ongoing:
                end = _position(row.span.last().toordinal(), anchors, bottom)
                bars.append((index, layout[index][1], max(end, layout[index][1] + 6)))
        lane_of = _lanes(bars)
        needed = max(lane_of.values(), default=-1) + 1
        if needed == lane_count:
            break
        lane_count = needed
    height = bottom + MARGIN
    background.set("height", _num(height))
    background.set("width", _num(WIDTH))
    svg.set("viewBox", f"0 0 {_num(WIDTH)} {_num(height)}")
    svg.set("width", _num(WIDTH))
    svg.set("height", _num(height))

    # The axis: solid between close rows, dashed across a pause.
    axis = _sub(svg, "g", class_="briefing-timeline-axis", stroke=AXIS_COLOUR, stroke_width="2")
    if rows:
        marks = [m for _t, m, _l in layout]
        stops = [marks[0] - 10, *marks[1:], bottom]
        for index in range(len(stops) - 1):
            dashed = index + 1 in pauses
            _sub(
                axis,
                "line",
                x1=_num(axis_x),
                y1=_num(stops[index]),
                x2=_num(axis_x),
                y2=_num(stops[index + 1]),
                **({"stroke_dasharray": "4 4"} if dashed else {}),
            )

    bar_of = {index: (top_y, end_y) for index, top_y, end_y in bars}
    for index, row in enumerate(rows):
        row_top, mark_y, lines = layout[index]
        baseline = row_top + ascent_l
        item = _sub(
            svg,
            "g",
            class_="briefing-timeline-item",
            data_entity=row.entity,
            data_kind=row.group,
            data_start=row.span.first().isoformat(),
            data_end="" if row.span.ongoing else row.span.last().isoformat(),
        )
        colour = GROUPS[row.group][0]
        if index in bar_of:
            bar_top, bar_bottom = bar_of[index]
            lane_x = axis_x + 10 + lane_of[index] * (LANE_WIDTH + LANE_GAP) + LANE_WIDTH / 2
            _sub(
                item,
                "line",
                x1=_num(axis_x),
                y1=_num(bar_top),
                x2=_num(lane_x),
                y2=_num(bar_top),
                stroke=colour,
                stroke_width="1.5",
            )
            _sub(
                item,
                "rect",
                x=_num(lane_x - LANE_WIDTH / 2),
                y=_num(bar_top - 2),
                width=_num(LANE_WIDTH),
                height=_num(bar_bottom - bar_top + 4),
                rx="2",
                fill=colour,
            )
        _marker(item, row.group, axis_x, mark_y, ongoing=row.span.ongoing)
        _text(
            item,
            [when(row)],
            date_right,
            baseline,
            DATE_SIZE,
            "briefing-timeline-label briefing-timeline-date",
            DATE_COLOUR,
            lang,
        )
        link = _sub(item, "a", href=row.href)
        _sub(link, "title", f"{row.label_en} — {row.when_en}")
        _text(
            link,
            lines,
            label_right,
            baseline,
            LABEL_SIZE,
            "briefing-timeline-label",
            LABEL_COLOUR,
            lang,
        )
    if not arabic:
        _mirror(svg)
    name_drawing(svg, f"{prefix}-title", f"{prefix}-desc")
    return ET.tostring(svg, encoding="unicode")


def _mirror(svg: ET.Element) -> None:
    """Flip the drawing left to right, for text that reads from the left: every x becomes
    ``WIDTH - x`` (a rectangle's left edge is its old right edge). Texts keep
    ``text-anchor="start"``, which for their ``direction="ltr"`` is their left edge; the
    markers are symmetric about their centre."""
    for element in svg.iter():
        tag = element.tag
        for name in ("x", "cx", "x1", "x2"):
            value = element.get(name)
            if value is None or value.endswith("%"):
                continue
            x = float(value)
            if tag == "rect" and name == "x":
                x += float(element.get("width", "0"))
            element.set(name, _num(WIDTH - x))
        points = element.get("points")
        if points:
            pairs = [pair.split(",") for pair in points.split()]
            element.set("points", " ".join(f"{_num(WIDTH - float(x))},{y}" for x, y in pairs))
