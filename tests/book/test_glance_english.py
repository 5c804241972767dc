"""The briefing at a glance in both editions of the real book: the English edition's
interface words, key points (from the catalogue, with working ¶ links), who's who, timeline,
map and graph in English; the Arabic original's key points with their English lines from
the same catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

from sphinx_briefing.glance.common import LABELS
from sphinx_briefing.glance.timeline import (
    WIDTH,
    TimelineRow,
    collect_facts,
    draw_timeline,
    timeline_items,
)
from sphinx_briefing.glossary import english_sort_key, load
from tests.helpers import REPO, BookSite

GLOSSARY = REPO / "docs" / "glossary" / "entries"
CATALOGUE = REPO / "locales" / "en" / "LC_MESSAGES" / "glance.po"
SVG = "{http://www.w3.org/2000/svg}"
ROLE = re.compile(r"\s*\{briefing:para\}`(p\d+)`")


def key_points() -> list[tuple[str, list[str]]]:
    """(English text without references, referenced ids) of each key point, in order."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        if message.id and "{briefing:para}" in str(message.id):
            text = str(message.string)
            found.append((ROLE.sub("", text).strip(), ROLE.findall(text)))
    assert len(found) == 6
    return found


def words(text: str) -> str:
    """Text compared with the catalogue: spaces collapsed, the edition's smart quotes plain."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


@pytest.fixture(scope="module")
def english(english_site: BookSite) -> BeautifulSoup:
    return BeautifulSoup(
        (english_site.outdir / "glance.html").read_text(encoding="utf-8"), "html.parser"
    )


def test_both_editions_build_without_warnings(english_site: BookSite, book_site: BookSite) -> None:
    assert english_site.warnings == ""
    assert book_site.warnings == ""


def test_the_page_speaks_english(english: BeautifulSoup) -> None:
    html = english.find("html")
    assert html is not None and html["lang"] == "en" and html["dir"] == "ltr"
    headings = [words(h.get_text(strip=True).rstrip("#")) for h in english.select("article h2")]
    assert headings == [
        "Key points",
        "Who's who",
        "Timeline",
        "Locator map",
        "Network of relations",
    ]
    summaries = [s.get_text(strip=True) for s in english.select("details summary")]
    for key in ("timeline-list", "map-table", "graph-list"):
        assert LABELS[key] in summaries, key
    captions = english.get_text(" ")
    for key in ("timeline-caption", "map-caption", "graph-caption"):
        assert LABELS[key] in captions, key
    table = english.select_one("table.briefing-map-table")
    assert table is not None
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Place",
        "Arabic name",
        "Kind",
        "Country",
        "Coordinates",
        "Mentions",
    ]
    # None of the interface words' Arabic translations.
    for arabic in ("عدد الإشارات", "ورد في", "جدول الأماكن", "العلاقات نصًّا", "بلا بلد"):
        assert arabic not in english.get_text(), arabic


def test_key_points_are_english_with_working_references(
    english: BeautifulSoup, english_site: BookSite
) -> None:
    points = english.select(".briefing-keypoints li.briefing-keypoint")
    expected = key_points()
    assert len(points) == len(expected)
    article = BeautifulSoup(
        (english_site.outdir / "articles" / "lavrov-wonsan.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    for point, (text, ids) in zip(points, expected, strict=True):
        links = point.select("a.briefing-pinpoint")
        shown = point.get_text(" ", strip=True)
        for link in links:
            shown = shown.replace(link.get_text(), "")
        assert words(shown) == words(text)
        assert [a.get_text() for a in links] == [f"¶{i[1:]}" for i in ids]
        assert [a["href"] for a in links] == [f"articles/lavrov-wonsan.html#{i}" for i in ids]
        assert all(article.find(id=i) is not None for i in ids)
        assert not point.select("div.briefing-keypoint-en")  # no Arabic-edition English line
        assert not re.search("[\u0600-\u06ff]", point.get_text())


def test_the_arabic_key_points_carry_their_english_line_from_the_catalogue(
    arabic_book: Path,
) -> None:
    page = BeautifulSoup((arabic_book / "glance.html").read_text("utf-8"), "html.parser")
    points = page.select(".briefing-keypoints li.briefing-keypoint")
    expected = key_points()
    assert len(points) == len(expected)
    for point, (text, ids) in zip(points, expected, strict=True):
        arabic = point.select_one("p.briefing-keypoint-text")
        assert arabic is not None and re.match("[\u0600-\u06ff]", arabic.get_text(strip=True))
        blocks = point.select('div.briefing-keypoint-en[lang="en"][dir="ltr"]')
        assert len(blocks) == 1
        links = blocks[0].select("a.briefing-pinpoint")
        shown = blocks[0].get_text(" ", strip=True)
        for link in links:
            shown = shown.replace(link.get_text(), "")
        assert words(shown) == words(text)
        assert [a["href"] for a in links] == [f"articles/lavrov-wonsan.html#{i}" for i in ids]


def entry_links(node: Tag) -> list[str]:
    return [a["href"].split("#")[1] for a in node.select("a.briefing-glance-entry")]


def test_whos_who_names_people_in_english(english: BeautifulSoup) -> None:
    glossary = load(GLOSSARY)
    groups = english.select(".briefing-whoswho-country-group")
    countries = [entry_links(g.select_one("h3"))[0] for g in groups]
    assert countries == sorted(
        countries, key=lambda c: english_sort_key(glossary.entries[c].names["en"])
    )
    assert countries == ["north-korea", "russia"]
    lavrov = english.select_one("#whoswho-sergey-lavrov")
    assert lavrov is not None
    assert lavrov.select_one(".briefing-card-name").get_text(strip=True) == "Sergey Lavrov"
    arabic = lavrov.select_one('.briefing-card-names span[lang="ar"]')
    assert arabic is not None and arabic.get_text() == "سيرغي لافروف"
    text = words(lavrov.get_text(" ", strip=True))
    assert "Minister of Foreign Affairs of the Russian Federation (since 9 March 2004)" in text
    assert words(glossary.entries["sergey-lavrov"].description["short_en"]) in text
    assert re.search(r"Mentions in the articles: \d+", text)
    assert "وزير" not in text


def test_the_timeline_is_english_and_reads_left_to_right(english: BeautifulSoup) -> None:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    listed = english.select("ul.briefing-timeline-list > li")
    assert len(listed) == len(items)
    for li, item in zip(listed, items, strict=True):
        head = words(li.select_one(".briefing-timeline-head").get_text(" ", strip=True))
        assert head.startswith(f"{item.fact.span.format('en')} — {words(item.fact.label_en)}")
        if item.fact.note_en:
            assert words(item.fact.note_en) in head
    svg = ET.fromstring(str(english.select_one("svg.briefing-timeline")))
    labels = [t for t in svg.iter() if "briefing-timeline-label" in (t.get("class") or "")]
    assert labels
    assert {(t.get("lang"), t.get("direction")) for t in labels} == {("en", "ltr")}
    # Dates on the left, labels to their right.
    dates = [float(t.get("x", 0)) for t in labels if "briefing-timeline-date" in t.get("class", "")]
    names = [
        float(t.get("x", 0)) for t in labels if "briefing-timeline-date" not in t.get("class", "")
    ]
    assert max(dates) < min(names)


def test_the_timeline_drawing_is_mirrored_for_english() -> None:
    items = timeline_items(collect_facts(load(GLOSSARY)))
    rows = [TimelineRow.of(i, "#") for i in items]
    arabic = ET.fromstring(draw_timeline(rows, title="t", description="d"))
    english = ET.fromstring(draw_timeline(rows, title="t", description="d", lang="en"))

    def texts(root: ET.Element) -> list[ET.Element]:
        return [t for t in root.iter(f"{SVG}text") if t.get("class")]

    for ar, en in zip(texts(arabic), texts(english), strict=True):
        assert (ar.get("direction"), en.get("direction")) == ("rtl", "ltr")
    ar_dates = [t for t in texts(arabic) if "date" in (t.get("class") or "")]
    en_dates = [t for t in texts(english) if "date" in (t.get("class") or "")]
    assert all(float(t.get("x", 0)) > WIDTH / 2 for t in ar_dates)
    assert all(float(t.get("x", 0)) < WIDTH / 2 for t in en_dates)
    assert [t.text for t in en_dates] == [r.when_en for r in rows]
    circles = [c for c in english.iter(f"{SVG}circle")]
    assert all(0 <= float(c.get("cx", 0)) <= WIDTH for c in circles)


def test_map_and_graph_show_english_names_first(english: BeautifulSoup) -> None:
    glossary = load(GLOSSARY)
    table = english.select_one("table.briefing-map-table")
    assert table is not None
    first = [row.select("td")[0].get_text(strip=True) for row in table.select("tbody tr")]
    assert first == sorted(first, key=english_sort_key)
    assert "Moscow" in first and "Wonsan" in first
    svg = ET.fromstring(str(english.select_one("svg.briefing-locator-map")))
    for group in svg.iter():
        if group.get("class") == "briefing-map-label":
            langs = [t.get("lang") for t in group if t.tag.endswith("text")]
            assert langs == ["en", "ar"]
    graph = ET.fromstring(str(english.select_one("svg.briefing-graph")))
    for node in graph.iter():
        if node.get("class") == "briefing-graph-node":
            texts = [t for t in node if t.tag.endswith("text")]
            entry = glossary.entries[node.get("data-entity", "")]
            assert (texts[0].get("lang"), texts[0].get("direction")) == ("en", "ltr")
            assert " ".join(texts[0].itertext()).split() == entry.names["en"].split()
    edges = [t for t in graph.iter() if t.get("class") == "briefing-graph-edge-label"]
    assert edges and all(t.get("lang") == "en" for t in edges)
    relations = english.select("ul.briefing-graph-list > li")
    assert relations
    sources = [entry_links(li)[0] for li in relations]
    keys = [english_sort_key(glossary.entries[s].names["en"]) for s in sources]
    assert keys == sorted(keys)
    assert not re.search("[\u0600-\u06ff]", " ".join(li.get_text() for li in relations))


@pytest.mark.parametrize("edition", ["ar", "en"])
def test_mention_counts_are_of_the_text_the_edition_shows(
    edition: str, english_site: BookSite, arabic_book: Path
) -> None:
    """The who's who counts the mentions a reader of the edition sees: the Arabic book's
    parallel English translation (and the Arabic original behind the English edition) would
    count each mention twice."""
    import json

    out = arabic_book if edition == "ar" else english_site.outdir
    exported = json.loads((out / "_briefing" / "glossary.json").read_text("utf-8"))
    mentions = {e["id"]: e["mentions"] for e in exported["entries"]}
    lavrov = mentions["sergey-lavrov"]
    shown = sum(m["shown"] for m in lavrov)
    assert 0 < shown < len(lavrov)  # the other language's mentions are recorded too
    soup = BeautifulSoup((out / "glance.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one("#whoswho-sergey-lavrov .briefing-card-mentions")
    assert card is not None and card.get_text().endswith(f": {shown}"), card
