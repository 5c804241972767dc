"""The briefing at a glance (``briefing.glance``): dates, the timeline's facts and drawing, the
Typst rewrite of right-to-left SVG text, and the directives built into a book."""

from __future__ import annotations

import itertools
import json
import posixpath
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.glance import html as glance_html
from sphinx_briefing.glance import svg_pdf
from sphinx_briefing.glance.dates import DateSpan, PartialDate
from sphinx_briefing.glance.drawing import contrast_ratio
from sphinx_briefing.glance.timeline import (
    AXIS_COLOUR,
    BACKGROUND,
    DATE_COLOUR,
    GROUPS,
    LABEL_COLOUR,
    TimelineRow,
    collect_facts,
    draw_timeline,
    timeline_items,
)
from sphinx_briefing.glossary import load
from sphinx_briefing.vocabulary import symmetric_relations
from tests.helpers import REPO, ROOTS, BuildFn, warnings_of

GLOSSARY = REPO / "docs" / "glossary" / "entries"
SVG = "{http://www.w3.org/2000/svg}"


# -- dates -------------------------------------------------------------------------------------


def test_partial_dates_cover_their_period() -> None:
    year, month, day = (PartialDate.parse(t) for t in ("2024", "2024-02", "2025-07-12"))
    assert (year.precision, month.precision, day.precision) == ("year", "month", "day")
    assert (str(year.first()), str(year.last())) == ("2024-01-01", "2024-12-31")
    assert (str(month.first()), str(month.last())) == ("2024-02-01", "2024-02-29")
    assert day.first() == day.last() and day.iso() == "2025-07-12"


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "July 2025", "25-07-12", "2025-7"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_dates_are_written_at_their_precision() -> None:
    assert PartialDate.parse("2024-06-19").format("ar") == "19 يونيو 2024"
    assert PartialDate.parse("2024-06-19").format("en") == "19 June 2024"
    assert PartialDate.parse("2022-06").format("ar") == "يونيو 2022"
    assert PartialDate.parse("2022-06").format("en") == "June 2022"
    assert PartialDate.parse("2011").format("ar") == "2011"


@pytest.mark.parametrize(
    ("start", "end", "arabic", "english"),
    [
        ("2025-07-11", "2025-07-13", "11–13 يوليو 2025", "11–13 July 2025"),
        ("2025-06-24", "2025-07-01", "24 يونيو – 1 يوليو 2025", "24 June – 1 July 2025"),
        (
            "2024-08-06",
            "2025-04-26",
            "6 أغسطس 2024 – 26 أبريل 2025",
            "6 August 2024 – 26 April 2025",
        ),
        ("2016-05", "2016-12", "مايو – ديسمبر 2016", "May – December 2016"),
        ("2016-05", "2021-01", "مايو 2016 – يناير 2021", "May 2016 – January 2021"),
        ("2019", "2022", "2019–2022", "2019–2022"),
        ("1999-08", "2000-05-07", "أغسطس 1999 – 7 مايو 2000", "August 1999 – 7 May 2000"),
    ],
)
def test_ranges_are_written_compactly(start: str, end: str, arabic: str, english: str) -> None:
    span = DateSpan.of(start, end)
    assert span.is_range
    assert (span.format("ar"), span.format("en")) == (arabic, english)


def test_points_open_ranges_and_bad_ranges() -> None:
    assert not DateSpan.of("2025-07-11", "2025-07-11").is_range
    since = DateSpan.of("2004-03-09", ongoing=True)
    assert since.ongoing and since.format("en") == "since 9 March 2004"
    assert since.format("ar") == "منذ 9 مارس 2004"
    assert since.overlaps(DateSpan.of("2090"))
    with pytest.raises(ValueError):
        DateSpan.of("2025-07-13", "2025-07-11")


def test_chronological_order_puts_the_coarser_date_first() -> None:
    texts = ["2024-06-20", "2024-06-19", "2024", "2024-06", "2023-12-31"]
    ordered = sorted(texts, key=lambda t: PartialDate.parse(t).sort_key())
    assert ordered == ["2023-12-31", "2024", "2024-06", "2024-06-19", "2024-06-20"]
    short, long = DateSpan.of("2025-07-11"), DateSpan.of("2025-07-11", "2025-07-13")
    assert sorted([long, short], key=DateSpan.sort_key) == [short, long]


def test_partial_dates_overlap_the_days_they_may_mean() -> None:
    assert DateSpan.of("2025-07").overlaps(DateSpan.of("2025-07-12"))
    assert DateSpan.of("2011-12").overlaps(DateSpan.of("2011-12-30"))
    assert not DateSpan.of("2025-04-28").overlaps(DateSpan.of("2024-08-06", "2025-04-26"))


# -- the timeline's facts ------------------------------------------------------------------------


def dated_fields() -> list[tuple[str, str, str, tuple[str, str, str] | None]]:
    """(entry id, field, date, relation) of every dated fact, read straight from the TOML."""
    found: list[tuple[str, str, str, tuple[str, str, str] | None]] = []
    for path in sorted(GLOSSARY.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entry, kind = data["id"], data["type"]
        facts = data.get(kind, {})
        for key in ("start", "signed", "in_force", "born", "founded"):
            if key in facts:
                found.append((entry, f"{kind}.{key}", str(facts[key]), None))
        for index, position in enumerate(facts.get("positions", [])):
            if "start" in position:
                found.append((entry, f"person.positions.{index}", position["start"], None))
        for index, relation in enumerate(data.get("relations", [])):
            if "date" in relation:
                triple = (entry, relation["type"], relation["target"])
                found.append((entry, f"relations.{index}", str(relation["date"]), triple))
    return found


def same(found: tuple[str, str, str] | None, relation: tuple[str, str, str]) -> bool:
    """Whether a shown relation is ``relation`` (either way round when it is symmetric)."""
    source, kind, target = relation
    if found is None or found[1] != kind:
        return False
    if kind in symmetric_relations():
        return {found[0], found[2]} == {source, target}
    return (found[0], found[2]) == (source, target)


def test_every_dated_fact_of_the_glossary_is_on_the_timeline() -> None:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    shown = [fact for item in items for fact in item.facts]
    expected = dated_fields()
    assert len(expected) >= 50
    for entry, field, date, relation in expected:
        if relation is None:
            assert any(f.subject == entry and f.field == field for f in shown), (entry, field)
            fact = next(f for f in shown if f.subject == entry and f.field == field)
            assert fact.span.start.iso() == date
            continue
        matches = [f for f in shown if same(f.relation, relation) and f.span.start.iso() == date]
        assert len(matches) == 1, (entry, field, matches)  # mirrored relations count once


def test_ranges_end_where_the_glossary_says() -> None:
    items = {
        i.fact.subject + ":" + i.fact.field: i
        for i in timeline_items(collect_facts(load(GLOSSARY)))
    }
    visit = items["lavrov-wonsan-visit:event.start"].fact.span
    assert (visit.start.iso(), visit.end and visit.end.iso()) == ("2025-07-11", "2025-07-13")
    lavrov = items["sergey-lavrov:person.positions.0"].fact.span
    assert lavrov.ongoing and lavrov.format("en") == "since 9 March 2004"
    un = items["sergey-lavrov:person.positions.1"].fact.span
    assert un.format("en") == "1994–2004" and not un.ongoing


def test_timeline_is_in_order_with_the_issues_examples() -> None:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    keys = [item.fact.sort_key()[:2] for item in items]
    assert keys == sorted(keys)
    labels = [item.fact.label_en for item in items]

    def at(fragment: str) -> int:
        return next(i for i, label in enumerate(labels) if fragment in label)

    signing = at("Treaty on Comprehensive Strategic Partnership signed")
    kursk = at("Fighting in Kursk Oblast (2024–2025)")
    in_force = at("enters into force")
    opening = at("Opening of the Wonsan-Kalma")
    exercise = at("trilateral air exercise")
    visit = at("Lavrov's visit to Wonsan")
    assert signing < kursk < in_force < opening < exercise < visit
    assert items[signing].fact.span.format("ar") == "19 يونيو 2024"
    assert items[opening].fact.span.format("ar") == "24 يونيو – 1 يوليو 2025"
    assert items[exercise].fact.span.format("en") == "11 July 2025"
    # Lavrov's talks in Wonsan are part of his visit: folded into it, not repeated.
    folded = [f.label_en for f in items[visit].folded]
    assert "Sergey Lavrov met Kim Jong Un" in folded
    assert "Sergey Lavrov met Choe Son Hui" in folded
    assert not any(label == "Sergey Lavrov met Kim Jong Un" for label in labels)


def test_a_relation_joins_only_a_fact_it_belongs_to() -> None:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    by_label = {item.fact.label_en: item for item in items}
    # Kim met Putin on the day the treaty was signed, but the treaty's data does not name
    # them, and his position as party leader is not about Putin: it stays an item.
    assert "Kim Jong Un met Vladimir Putin" in by_label
    # Putin became head of Russia when his current presidency began.
    president = [
        i
        for i in items
        if i.fact.subject == "vladimir-putin" and i.fact.span.ongoing and i.fact.kind == "position"
    ]
    assert [f.label_en for f in president[0].folded] == ["Vladimir Putin head of Russia"]
    # KCNA's report on Kursk came two days after the fighting ended: an item of its own.
    assert any("reported by Korean Central News Agency" in label for label in by_label)


# -- the timeline's drawing ----------------------------------------------------------------------


def rows() -> list[TimelineRow]:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    return [TimelineRow.of(i, f"glossary/{i.fact.subject}.html") for i in items]


def test_timeline_svg_is_well_formed_accessible_and_deterministic() -> None:
    drawn = rows()
    markup = draw_timeline(drawn, title="عنوان", description="وصف")
    assert markup == draw_timeline(drawn, title="عنوان", description="وصف")
    root = ET.fromstring(markup)
    assert root.get("role") == "group"  # its rows are links
    title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
    assert root.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").get("id") == desc_id  # type: ignore[union-attr]
    items = [g for g in root.iter(f"{SVG}g") if g.get("class") == "briefing-timeline-item"]
    assert [g.get("data-entity") for g in items] == [r.entity for r in drawn]
    starts = [g.get("data-start", "") for g in items]
    assert starts == sorted(starts)
    labels = [t for t in root.iter(f"{SVG}text") if "briefing-timeline-label" in t.get("class", "")]
    assert len(labels) == 2 * len(drawn)  # the label and the date of each row
    for text in labels:
        assert (text.get("lang"), text.get("direction")) == ("ar", "rtl")
    # Rows go down the page without overlapping: each row's date below the previous one.
    dates = [float(t.get("y", 0)) for t in labels if "briefing-timeline-date" in t.get("class", "")]
    assert all(b > a for a, b in itertools.pairwise(dates))


def test_timeline_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & ]]> “q”'
    span = DateSpan.of("2025-07-12")
    row = TimelineRow("x", hostile, hostile, "12 يوليو 2025", "12 July 2025", span, "event", '"><x')
    markup = draw_timeline([row], title=hostile, description=hostile)
    assert "<script" not in markup
    root = ET.fromstring(markup)
    assert root.find(f"{SVG}title").text == hostile  # type: ignore[union-attr]
    link = next(root.iter(f"{SVG}a"))
    assert link.get("href") == '"><x'
    assert "".join(next(link.iter(f"{SVG}text")).itertext()) == hostile


def test_timeline_colours_pass_wcag_aa() -> None:
    for colour, _ar, _en in GROUPS.values():
        assert contrast_ratio(colour, BACKGROUND) >= 4.5, colour
    for colour in (LABEL_COLOUR, DATE_COLOUR):
        assert contrast_ratio(colour, BACKGROUND) >= 4.5, colour
    assert contrast_ratio(AXIS_COLOUR, BACKGROUND) >= 3  # a graphical object


# -- right-to-left SVG text for Typst --------------------------------------------------------------


def test_rtl_svg_text_is_made_explicit_for_typst() -> None:
    markup = (
        '<svg xmlns="http://www.w3.org/2000/svg"><g direction="rtl">'
        '<text x="10" y="10" lang="ar">19 يونيو 2024</text></g>'
        '<text x="10" y="30" direction="rtl" text-anchor="end">أ</text>'
        '<text x="10" y="50" direction="rtl" text-anchor="middle"><tspan x="1">كيم</tspan>'
        '<tspan x="1">B-52H</tspan></text>'
        '<text x="10" y="70" direction="ltr">Lavrov</text></svg>'
    )
    texts = list(ET.fromstring(svg_pdf.for_typst(markup)).iter(f"{SVG}text"))
    assert [t.get("text-anchor") for t in texts] == ["end", "start", "middle", None]
    assert [t.get("direction") for t in texts[:3]] == ["ltr", "ltr", "ltr"]
    assert texts[0].text == "\u202b19 يونيو 2024\u202c"
    assert [s.text for s in texts[2]] == ["\u202bكيم\u202c", "\u202bB-52H\u202c"]
    assert texts[3].text == "Lavrov"


# -- in a book ---------------------------------------------------------------------------------------


@pytest.fixture
def glance_app(build: BuildFn) -> SphinxTestApp:
    return build("glance")


def page(app: SphinxTestApp, name: str = "glance.html") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_glance_builds_without_warnings(glance_app: SphinxTestApp) -> None:
    assert warnings_of(glance_app) == ""


def test_key_points_link_their_paragraphs(glance_app: SphinxTestApp) -> None:
    soup = page(glance_app)
    points = soup.select(".briefing-keypoints li.briefing-keypoint")
    assert len(points) == 2
    refs = [a for a in soup.select(".briefing-keypoints a.briefing-pinpoint")]
    assert [a.get_text() for a in refs] == ["¶1", "¶2", "¶8"]
    assert [a["href"] for a in refs] == [
        "articles/lavrov-wonsan.html#p1",
        "articles/lavrov-wonsan.html#p2",
        "articles/lavrov-wonsan.html#p8",
    ]
    assert refs[2]["title"].startswith("لافروف يبحث مع كيم") and refs[2]["title"].endswith("¶8")
    english = [div.get_text(" ", strip=True) for div in points[0].select("div[lang=en]")]
    assert english == ["Lavrov met Kim in Wonsan."]
    article = page(glance_app, "articles/lavrov-wonsan.html")
    assert all(article.find(id=a["href"].split("#")[1]) is not None for a in refs)


def test_unknown_paragraph_ids_warn_with_their_location(build: BuildFn) -> None:
    bad = (
        ":orphan:\n\nBad\n===\n\nSee :briefing:para:`lavrov-wonsan:p99` and :briefing:para:`p3`.\n"
    )
    points = "\n".join(
        [
            "# في لمحة",
            "",
            "```{briefing-keypoints}",
            ":article: lavrov-wonsan",
            "",
            "- نقطة. {briefing:para}`p1`",
            "",
            "  A point.",
            "",
            "- نقطة ثانية. {briefing:para}`p42`",
            "",
            "  A second point.",
            "```",
            "",
        ]
    )
    app = build("glance", files={"bad.rst": bad, "glance.md": points})
    warnings = warnings_of(app)
    assert re.search(
        r"bad\.rst:6: WARNING: unknown paragraph 'lavrov-wonsan:p99'.*\[briefing\.unknown-paragraph\]",
        warnings,
    ), warnings
    assert re.search(r"bad\.rst:6: WARNING: unknown paragraph 'p3'", warnings), warnings
    assert re.search(
        r"glance\.md:10: WARNING: unknown paragraph 'lavrov-wonsan:p42'.*"
        r"\[briefing\.unknown-paragraph\]",
        warnings,
    ), warnings
    assert warnings.count("[briefing.unknown-paragraph]") == 3
    # The good reference still links; the bad one is left as text.
    soup = page(app)
    assert [a.get_text() for a in soup.select("a.briefing-pinpoint")] == ["¶1"]


def test_key_points_without_references_or_english_warn(build: BuildFn) -> None:
    points = "```{briefing-keypoints}\n- بلا إحالة.\n\n  No reference.\n\n- بلا إنجليزية. {briefing:para}`lavrov-wonsan:p1`\n```\n"
    app = build("glance", files={"glance.md": "# لمحة\n\n" + points})
    warnings = warnings_of(app)
    assert re.search(r"glance\.md:4: WARNING: key point 1 has no paragraph reference", warnings)
    assert re.search(r"glance\.md:8: WARNING: key point 2 has no English line", warnings)
    assert warnings.count("[briefing.keypoints]") == 2, warnings


def test_whos_who_groups_people_by_country_with_their_mentions(glance_app: SphinxTestApp) -> None:
    soup = page(glance_app)
    exported = json.loads((glance_app.outdir / "_briefing" / "glossary.json").read_text("utf-8"))
    counts = {e["id"]: sum(m["shown"] for m in e["mentions"]) for e in exported["entries"]}
    glossary = load(GLOSSARY)
    groups = soup.select(".briefing-whoswho-country-group")
    seen: dict[str, list[str]] = {}
    for group in groups:
        heading = group.select_one("h3.rubric")
        assert heading is not None
        people = [card["id"].removeprefix("whoswho-") for card in group.select(".briefing-card")]
        country = heading.find("a")
        assert country is not None
        country_id = country["href"].split("#")[1]
        seen[country_id] = people
        for person in people:
            assert glossary.entries[person].data["person"]["country"] == country_id
        mentions = [counts[p] for p in people]
        assert mentions == sorted(mentions, reverse=True)
    assert seen == {
        "russia": ["sergey-lavrov", "vladimir-putin"],
        "north-korea": ["kim-jong-un", "choe-son-hui"],
    }
    assert [g.select_one("h3").get_text(" ", strip=True) for g in groups] == [
        "روسيا · Russia",
        "كوريا الشمالية · North Korea",
    ]
    lavrov = soup.select_one("#whoswho-sergey-lavrov")
    assert lavrov is not None
    text = lavrov.get_text(" ", strip=True)
    for expected in (
        "سيرغي لافروف",
        "Sergey Lavrov",
        "Сергей Лавров",
        "وزير خارجية روسيا الاتحادية (منذ 9 مارس 2004)",
        "Minister of Foreign Affairs of the Russian Federation",
        "وزير خارجية روسيا منذ عام 2004",
        "Russia's foreign minister since 2004",
        f"عدد الإشارات في المقالات: {counts['sergey-lavrov']}",
    ):
        assert expected in text, expected
    assert lavrov.select_one(".briefing-card-name a")["href"] == "entries.html#sergey-lavrov"
    kim = soup.select_one("#whoswho-kim-jong-un")
    assert kim is not None and "الأمين العام لحزب العمال الكوري" in kim.get_text()


def test_timeline_draws_and_lists_every_dated_fact(glance_app: SphinxTestApp) -> None:
    soup = page(glance_app)
    items = timeline_items(collect_facts(load(GLOSSARY)))
    block = soup.select_one(".briefing-figure-timeline svg")
    assert block is not None
    root = ET.fromstring(str(block))  # well-formed as served
    drawn = [g for g in root.iter(f"{SVG}g") if g.get("class") == "briefing-timeline-item"]
    assert len(drawn) == len(items) == len(soup.select("ul.briefing-timeline-list > li"))
    starts = [g.get("data-start", "") for g in drawn]
    assert starts == sorted(starts)
    listing = soup.select_one("ul.briefing-timeline-list")
    assert listing is not None
    text = listing.get_text(" ", strip=True)
    for item in items:
        for fact in item.facts:
            assert fact.label_ar in text, fact.label_ar
    visit = next(
        li for li in listing.select(":scope > li") if "زيارة لافروف إلى وونسان" in li.get_text()
    )
    refs = [a.get_text() for a in visit.select("a.briefing-pinpoint")]
    assert "¶1" in refs and "¶7" in refs  # the talks with Kim (¶1) and with Choe (¶7)
    entry = visit.select_one("a.briefing-glance-entry")
    assert entry is not None and entry["href"] == "entries.html#lavrov-wonsan-visit"


def test_timeline_items_link_a_few_paragraphs_then_the_entry(
    build: BuildFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_briefing.glance import figures

    monkeypatch.setattr(figures, "MAX_PINPOINTS", 2)
    listing = page(build("glance")).select_one("ul.briefing-timeline-list")
    assert listing is not None
    visit = next(
        li for li in listing.select(":scope > li") if "زيارة لافروف إلى وونسان" in li.get_text()
    )
    mentions = visit.select_one(".briefing-timeline-mentions")
    assert mentions is not None
    assert [a.get_text() for a in mentions.select("a.briefing-pinpoint")] == ["¶1", "¶7"]
    more = mentions.select("a.briefing-glance-entry")[-1]
    assert "فقرة أخرى في مدخل المسرد" in more.get_text()
    assert more["href"] == "entries.html#lavrov-wonsan-visit"


def test_map_and_graph_show_every_place_and_relation(glance_app: SphinxTestApp) -> None:
    soup = page(glance_app)
    glossary = load(GLOSSARY)
    svg = soup.select_one(".briefing-figure-map svg")
    assert svg is not None
    root = ET.fromstring(str(svg))
    points = {
        a.get("data-entity")
        for a in root.iter()
        if "briefing-map-point" in (a.get("class") or "").split()
    }
    places = {
        e.id
        for e in glossary.of_type("place")
        if "lat" in e.data["place"] and "lon" in e.data["place"]
    }
    assert points == places
    table = soup.select_one("table.briefing-map-table")
    assert table is not None and len(table.select("tbody tr")) == len(places)

    svg = soup.select_one(".briefing-figure-graph svg")
    assert svg is not None
    root = ET.fromstring(str(svg))
    edges = {
        (e.get("data-source"), e.get("data-target"), e.get("data-type"))
        for e in root.iter()
        if "briefing-graph-edge" in (e.get("class") or "").split()
    }
    drawn_nodes = {
        n.get("data-entity")
        for n in root.iter()
        if "briefing-graph-node" in (n.get("class") or "").split()
    }
    for entry in glossary.entries.values():
        for relation in entry.data.get("relations", []):
            ends = (entry.id, relation["target"])
            kind = relation["type"]
            assert (*ends, kind) in edges or (ends[1], ends[0], kind) in edges, (ends, kind)
            assert set(ends) <= drawn_nodes
    listing = soup.select("ul.briefing-graph-list > li")
    assert len(listing) >= len(edges)


def test_every_link_on_the_glance_page_resolves(glance_app: SphinxTestApp) -> None:
    soup = page(glance_app)
    article = soup.select_one("article")
    assert article is not None
    checked = 0
    pages: dict[str, BeautifulSoup] = {}
    for link in article.find_all("a", href=True):
        href = str(link["href"])
        if href.startswith(("http:", "https:", "mailto:")):
            continue
        parts = urlsplit(href)
        name = unquote(parts.path) or "glance.html"
        target = glance_app.outdir / name
        assert target.is_file(), href
        if parts.fragment:
            if name not in pages:
                pages[name] = page(glance_app, name)
            assert pages[name].find(id=parts.fragment) is not None, href
        checked += 1
    assert checked > 150  # cards, timeline (drawing and list), map, graph, key points


def test_parallel_build_writes_the_same_page(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = ROOTS / "test-glance"
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = subprocess.run(
            [
                *(sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", jobs),
                *("-d", str(out / "d"), str(root), str(out / "html")),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr
        pages.append((out / "html" / "glance.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1]


def test_pdf_of_the_glance_root(build: BuildFn) -> None:
    app = build("glance", buildername="briefing-pdf")
    assert warnings_of(app) == ""
    source = (app.outdir / "briefing.typ").read_text(encoding="utf-8")
    assert source.count('format: "svg"') >= 4  # timeline in parts, map, graph
    assert 'direction=\\"rtl\\"' not in source  # made explicit for Typst's SVG renderer
    assert "\u202b" in source
    # The glance page comes first, before the landing page and the articles.
    glance = source.index('label("glance#")')
    landing = source.index('label("index#')
    assert glance < landing < source.index('label("articles/lavrov-wonsan#")')


def test_an_edited_article_updates_the_counts_on_the_next_build(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-glance", source, symlinks=False)

    def build() -> BeautifulSoup:
        result = subprocess.run(
            [
                *(sys.executable, "-m", "sphinx", "-b", "html", "-q"),
                *("-d", str(tmp_path / "d"), str(source), str(tmp_path / "html")),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr
        html = (tmp_path / "html" / "glance.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")

    def putin(soup: BeautifulSoup) -> str:
        card = soup.select_one("#whoswho-vladimir-putin .briefing-card-mentions")
        assert card is not None
        return card.get_text()

    assert putin(build()).endswith(": 1")
    article = source / "articles" / "lavrov-wonsan.txt"
    article.write_text(
        article.read_text(encoding="utf-8").rstrip("\n") + "\nوأشاد بوتين بالزيارة.\n",
        encoding="utf-8",
    )
    soup = build()
    assert putin(soup).endswith(": 2")
    # The new paragraph (¶13) is among those that mention Putin's facts.
    assert "¶13" in [a.get_text() for a in soup.select("ul.briefing-timeline-list a")]


def test_options_choose_what_is_drawn(build: BuildFn) -> None:
    text = "\n".join(
        [
            "# لمحة",
            "",
            "```{briefing-timeline}",
            ":kinds: event",
            ":from: 2025",
            "```",
            "",
            "```{briefing-map}",
            ":places: wonsan pyongyang nowhere",
            ":shade: north-korea",
            "```",
            "",
            "```{briefing-graph}",
            ":types: met",
            "```",
            "",
        ]
    )
    app = build("glance", files={"glance.md": text})
    warnings = warnings_of(app)
    assert re.search(
        r"glance\.md:8: WARNING: briefing-map: 'nowhere' is not a place of the glossary "
        r"\[briefing\.glance\]",
        warnings,
    ), warnings
    assert warnings.count("WARNING") == 1
    soup = page(app)
    items = soup.select("svg.briefing-timeline g.briefing-timeline-item")
    assert [g["data-entity"] for g in items] == [
        "kursk-fighting",  # 2024–2025 overlaps 2025
        "wonsan-kalma-opening",
        "trilateral-air-exercise-2025",
        "lavrov-wonsan-visit",
    ]
    points = soup.select("svg.briefing-locator-map a.briefing-map-point")
    assert sorted(a["data-entity"] for a in points) == ["pyongyang", "wonsan"]
    edges = soup.select("svg.briefing-graph .briefing-graph-edge")
    assert edges and all(e["data-type"] == "met" for e in edges)


# -- each drawing alone, at full size ------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "page", "expected"),
    [
        ("glossary/people.html#kim", "glance.html", "../glossary/people.html#kim"),
        ("#p1", "glance.html", "../glance.html#p1"),
        ("articles/a.html#p2", "glance.html", "../articles/a.html#p2"),
        ("../glossary/x.html#a", "sub/glance.html", "../glossary/x.html#a"),
        ("other.html", "sub/glance.html", "../sub/other.html"),
        # dirhtml: pages are folders.
        ("../glossary/people/#kim", "glance/", "../glossary/people/#kim"),
        ("#p1", "glance/", "../glance/#p1"),
        ("https://example.org/a?b=1&c=2", "glance.html", "https://example.org/a?b=1&c=2"),
        ("/root.html", "glance.html", "/root.html"),
    ],
)
def test_links_of_a_drawing_alone_are_rebased_to_its_folder(
    href: str, page: str, expected: str
) -> None:
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 1 1"})
    ET.SubElement(ET.SubElement(svg, "a", href=href), "text").text = 'A & "B" <c>'
    rebased = glance_html.rebase_links(ET.tostring(svg, encoding="unicode"), page, "_images")
    # The renderers' form: a default namespace, no ns0: prefixes.
    assert rebased.startswith("<svg ") and ":svg" not in rebased and "ns0" not in rebased
    root = ET.fromstring(rebased)
    link = root.find(f"{SVG}a")
    assert link is not None and link.get("href") == expected
    assert root.findtext(f"{SVG}a/{SVG}text") == 'A & "B" <c>'


def test_each_drawing_is_written_alone_for_viewing_at_full_size(
    glance_app: SphinxTestApp,
) -> None:
    soup = page(glance_app)
    blocks = soup.select(".briefing-figure-block")
    assert len(blocks) == 3
    for block in blocks:
        inline = ET.fromstring(str(block.select_one("svg")))
        link = block.select_one(".briefing-figure-full a")
        assert link is not None
        href = str(link["href"])
        assert re.fullmatch(r"_images/briefing-(timeline|map|graph)-[0-9a-f]{12}\.svg", href)
        caption = block.select_one("figcaption")
        assert caption is not None and link["aria-describedby"] == caption["id"]
        path = glance_app.outdir / href
        data = path.read_bytes()
        assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet')
        # Its stylesheet brings the web font.
        found = re.search(rb'<\?xml-stylesheet type="text/css" href="([^"]+)"\?>', data)
        assert found is not None
        css = path.parent / found.group(1).decode()
        font = re.search(r'url\("([^"]+)"\)', css.read_text(encoding="utf-8"))
        assert font is not None and (css.parent / font.group(1)).is_file()
        alone = ET.fromstring(data)
        # The same drawing (html.parser lowercases attribute names), at its own size.
        assert alone.get("viewBox") == inline.get("viewbox")
        assert alone.get("width") == inline.get("width")
        assert [e.tag.lower() for e in alone.iter()] == [e.tag for e in inline.iter()]
        # Its links lead where the inline drawing's do, from the images folder.
        inline_links = [str(a.get("href")) for a in inline.iter(f"{SVG}a")]
        alone_links = [str(a.get("href")) for a in alone.iter(f"{SVG}a")]
        assert len(alone_links) == len(inline_links) >= 10
        for before, after in zip(inline_links, alone_links, strict=True):
            assert posixpath.normpath(posixpath.join("_images", after)) == before
            target, _, anchor = before.partition("#")
            text = (glance_app.outdir / target).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in text, before


# -- a large glossary: what the drawings draw by default ------------------------------------------

#: Letters of the made-up names (none is a proclitic, so no name reads as another one).
LETTERS = "جحخدذرزسشصضطظعغقمنهي"


def code(number: int) -> str:
    """A three-letter Arabic word of its own for each number below 8,000."""
    n = len(LETTERS)
    return LETTERS[number // (n * n) % n] + LETTERS[number // n % n] + LETTERS[number % n]


def large_glossary() -> dict[str, str]:
    """173 made-up entries with facts, beside the 27 real ones: 90 places with coordinates,
    50 people with a birth date, a position and a meeting, 33 dated events; and an article
    that mentions 20 of the places, 8 of the people and 5 of the events."""
    files: dict[str, str] = {}

    def entry(id_: str, kind: str, ar: str, en: str, facts: str, relations: str = "") -> None:
        files[f"glossary/{id_}.toml"] = (
            f'id = "{id_}"\ntype = "{kind}"\n\n[names]\nar = "{ar}"\nen = "{en}"\n\n'
            f'[description]\nshort_ar = "مدخل مصطنع."\nshort_en = "A made-up entry."\n\n'
            f"{facts}\n{relations}"
        )

    for i in range(90):
        entry(
            f"place-{i:03d}",
            "place",
            f"بلدة {code(i)}",
            f"Town {i}",
            f'[place]\nkind = "city"\ncountry = "north-korea"\n'
            f"lat = {35 + (i % 10) * 0.8:.1f}\nlon = {120 + (i // 10) * 2.5:.1f}\n",
            '[[relations]]\ntype = "located-in"\ntarget = "north-korea"\n',
        )
    for i in range(50):
        entry(
            f"person-{i:03d}",
            "person",
            f"الشخصية {code(100 + i)}",
            f"Person {i}",
            f'[person]\nborn = "{1950 + i}"\ncountry = "north-korea"\n\n'
            f'[[person.positions]]\ntitle_ar = "منصب"\ntitle_en = "Post"\n'
            f'organization = "kcna"\nstart = "{1990 + i % 30}"\n',
            f'[[relations]]\ntype = "met"\ntarget = "person-{(i + 1) % 50:03d}"\n'
            f'date = "{2000 + i % 25}-05-0{1 + i % 9}"\n',
        )
    for i in range(33):
        entry(
            f"event-{i:03d}",
            "event",
            f"واقعة {code(200 + i)}",
            f"Event {i}",
            f'[event]\nstart = "{1995 + i % 30}-03-01"\nplace = "place-{i:03d}"\n'
            f'participants = ["person-{i:03d}"]\n',
        )
    lines = ["أخبار البلدات والشخصيات في المقاطعة"]
    lines += [f"زار الوفد بلدة {code(i)} أمس." for i in range(20)]
    lines += [f"والتقى الوفد الشخصية {code(100 + i)} في العاصمة." for i in range(8)]
    lines += [f"وتحدث الوفد عن واقعة {code(200 + i)} بالتفصيل." for i in range(5)]
    files["articles/towns.txt"] = "\n".join(lines) + "\n"
    files["glance.md"] = "\n".join(
        [
            "# لمحة",
            "",
            "```{briefing-timeline}",
            "```",
            "",
            "```{briefing-map}",
            "```",
            "",
            "```{briefing-graph}",
            "```",
            "",
            "```{briefing-graph}",
            ":limit: 6",
            ":title: شبكة صغيرة",
            "```",
            "",
            "```{briefing-timeline}",
            ":limit: 0",
            ":title: التسلسل كله",
            "```",
            "",
        ]
    )
    return files


@pytest.fixture(scope="module")
def large_app(built: BuildFn) -> SphinxTestApp:
    return built("glance", files=large_glossary())


def drawn_entities(svg: BeautifulSoup, selector: str) -> list[str]:
    return [str(a["data-entity"]) for a in svg.select(selector)]


def note_after(figure: BeautifulSoup) -> str:
    block = figure.find_parent(class_="briefing-figure-block")
    assert block is not None
    note = block.find_next_sibling()
    assert note is not None
    return note.get_text(" ", strip=True) if "briefing-figure-note" in note.get("class", []) else ""


def test_a_large_glossary_builds_without_warnings(large_app: SphinxTestApp) -> None:
    assert warnings_of(large_app) == ""
    glossary = load(Path(large_app.srcdir) / "glossary")
    assert len(glossary.entries) == 200


def test_the_map_draws_the_most_mentioned_places_and_the_table_all(
    large_app: SphinxTestApp,
) -> None:
    soup = page(large_app)
    svg = soup.select_one("svg.briefing-locator-map")
    assert svg is not None
    drawn = drawn_entities(svg, "a.briefing-map-point")
    glossary = load(Path(large_app.srcdir) / "glossary")
    places = [e.id for e in glossary.of_type("place") if "lat" in e.data["place"]]
    assert len(drawn) == 40 < len(places)
    # Every mentioned place is drawn; the rest of the 40 are unmentioned ones.
    assert {f"place-{i:03d}" for i in range(20)} <= set(drawn)
    rows = soup.select("table.briefing-map-table tbody tr")
    assert len(rows) == len(places)
    assert note_after(svg) == (
        f"رُسم 40 من {len(places)} مكانًا: الأماكن الأكثر ذكرًا في المقالات. والجدول أدناه يضمها كلها."
    )


def test_the_timeline_draws_the_facts_of_the_most_mentioned_entries(
    large_app: SphinxTestApp,
) -> None:
    soup = page(large_app)
    default, everything = soup.select("svg.briefing-timeline")
    listed = soup.select("ul.briefing-timeline-list")[0].select(":scope > li")
    items = timeline_items(collect_facts(load(Path(large_app.srcdir) / "glossary")))
    assert len(listed) == len(items) > 40
    rows = drawn_entities(default, "g.briefing-timeline-item")
    assert len(rows) == 40
    starts = [g["data-start"] for g in default.select("g.briefing-timeline-item")]
    assert starts == sorted(starts)  # still in order of time
    # The facts of the most mentioned entries: no fact left out is about an entry the
    # articles mention more than one drawn.
    exported = json.loads((large_app.outdir / "_briefing" / "glossary.json").read_text("utf-8"))
    counts = {e["id"]: sum(m["shown"] for m in e["mentions"]) for e in exported["entries"]}
    every = sorted((counts[item.fact.subject] for item in items), reverse=True)
    assert sorted((counts[entity] for entity in rows), reverse=True) == every[:40]
    assert counts["person-000"] > 0 and "person-000" in rows
    assert note_after(default).startswith(f"رُسم 40 من {len(items)} حدثًا وواقعة")
    # :limit: 0 draws every fact, and says nothing.
    assert len(drawn_entities(everything, "g.briefing-timeline-item")) == len(items)
    assert note_after(everything) == ""


def test_the_graph_draws_the_most_mentioned_entries_and_their_relations(
    large_app: SphinxTestApp,
) -> None:
    soup = page(large_app)
    default, small = soup.select("svg.briefing-graph")
    for svg, limit in ((default, 40), (small, 6)):
        drawn = set(drawn_entities(svg, "a.briefing-graph-node"))
        assert 2 <= len(drawn) <= limit
        edges = [(g["data-source"], g["data-target"]) for g in svg.select(".briefing-graph-edge")]
        assert {a for a, _ in edges} | {b for _, b in edges} == drawn  # each is related
        # The drawing keeps to the column: its own width is under 720.
        assert float(str(svg["viewbox"]).split()[2]) <= 720
        note = note_after(svg)
        assert note.startswith(f"رُسم {len(drawn)} من ") and "علاقة بينها" in note
    drawn = set(drawn_entities(default, "a.briefing-graph-node"))
    assert len(drawn) >= 38
    # The seed article's main actors are the most mentioned.
    assert {"north-korea", "russia", "sergey-lavrov", "kim-jong-un"} <= drawn
    small_drawn = set(drawn_entities(small, "a.briefing-graph-node"))
    assert small_drawn <= drawn and "north-korea" in small_drawn
    # The list under each drawing has every relation of the glossary.
    lists = soup.select("ul.briefing-graph-list")
    assert len(lists[0].select(":scope > li")) == len(lists[1].select(":scope > li")) > 200
