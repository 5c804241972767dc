"""The English edition's glossary: entries headed and ordered by their English names, the
English fields first, the same ids and anchors as the Arabic original, hover cards and link
titles in English first, and no glossary text in the extracted message catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

from sphinx_briefing.glossary import Entry, arabic_sort_key, english_sort_key, load
from tests.helpers import REPO, BookSite, preview_card

ENTRIES = REPO / "docs" / "glossary" / "entries"
PAGES = {
    "person": "glossary/people.html",
    "place": "glossary/places.html",
    "organization": "glossary/organizations.html",
    "agreement": "glossary/agreements.html",
    "event": "glossary/events.html",
}
ARTICLE = "articles/lavrov-wonsan.html"


def soup(root: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((root / page).read_text(encoding="utf-8"), "html.parser")


def entries(root: Path, page: str) -> list[Tag]:
    return soup(root, page).select("section.briefing-entry")


def heading(section: Tag) -> str:
    title = section.find(["h1", "h2", "h3"])
    assert title is not None
    return title.get_text(strip=True).rstrip("#").strip().replace("’", "'")


def of_type(kind: str) -> list[Entry]:
    return [e for e in load(ENTRIES).entries.values() if e.type == kind]


def test_the_english_edition_builds_without_warnings(english_site: BookSite) -> None:
    assert english_site.warnings == ""


@pytest.mark.parametrize("kind", list(PAGES))
def test_entries_are_headed_by_english_names_in_english_order(
    english_site: BookSite, arabic_book: Path, kind: str
) -> None:
    wanted = of_type(kind)
    assert wanted, kind
    english = sorted(wanted, key=lambda e: (english_sort_key(e.names["en"]), e.id))
    sections = entries(english_site.outdir, PAGES[kind])
    assert [heading(s) for s in sections] == [e.names["en"] for e in english]
    assert [s["id"] for s in sections] == [e.id for e in english]
    # The Arabic original keeps its Arabic headwords in Arabic order, under the same ids.
    arabic = sorted(wanted, key=lambda e: (arabic_sort_key(e.names["ar"]), e.id))
    original = entries(arabic_book, PAGES[kind])
    assert [heading(s) for s in original] == [e.names["ar"] for e in arabic]
    assert sorted(s["id"] for s in original) == sorted(s["id"] for s in sections)


def test_the_english_order_is_not_the_arabic_order() -> None:
    # Guards the test above: on the real glossary the two orders differ.
    people = of_type("person")
    assert sorted(e.names["en"] for e in people) != [
        e.names["en"] for e in sorted(people, key=lambda e: arabic_sort_key(e.names["ar"]))
    ]


def test_english_sort_key_folds_case_accents_and_the_article() -> None:
    names = ["the Hague", "Zurich", "Ålesund", "hanoi", "The Bahamas"]
    assert sorted(names, key=english_sort_key) == [
        "Ålesund",
        "The Bahamas",
        "the Hague",
        "hanoi",
        "Zurich",
    ]


def test_an_entry_shows_its_english_fields_first(english_site: BookSite) -> None:
    lavrov = load(ENTRIES).entries["sergey-lavrov"]
    page = soup(english_site.outdir, PAGES["person"])
    section = page.select_one("section#sergey-lavrov")
    assert section is not None
    names = section.select_one(".briefing-entry-names")
    assert names is not None
    arabic = names.select_one('span[lang="ar"]')
    assert arabic is not None and arabic.get_text() == lavrov.names["ar"]
    assert names.select_one('span[lang="ru"]').get_text() == lavrov.names["ru"]
    paragraphs = [p.get_text(" ", strip=True) for p in section.find_all("p", recursive=False)]
    description = lavrov.description
    smart = {"'": "’"}  # the English edition's smart quotes
    short_en = description["short_en"].translate(str.maketrans(smart))
    assert paragraphs[1] == short_en, paragraphs[:3]
    assert paragraphs[2] == description["long_en"].translate(str.maketrans(smart))
    # The Arabic short description follows in a right-to-left block; the long one does not.
    block = section.select_one('div[lang="ar"][dir="rtl"].briefing-entry-short')
    assert block is not None and block.get_text(strip=True) == description["short_ar"]
    assert description["long_ar"] not in section.get_text()
    facts = section.select_one(".briefing-facts")
    assert facts is not None
    text = facts.get_text(" ", strip=True)
    for position in lavrov.data["person"]["positions"]:
        assert position["title_en"] in text
        assert position["title_ar"] not in text
    for label in ("Type", "Born", "Country", "Position"):
        assert f"{label} :" in text or f"{label}:" in text, label
    relations = section.select_one(".briefing-relations")
    assert relations is not None
    related = relations.get_text(" ", strip=True)
    for relation in lavrov.data["relations"]:
        if relation.get("note_en"):
            assert relation["note_en"].translate(str.maketrans(smart)) in related
            assert relation["note_ar"] not in related
    # Linked entries are named in English.
    assert "Kim Jong Un" in related
    assert "met" in related


def test_the_arabic_original_keeps_arabic_first(arabic_book: Path) -> None:
    lavrov = load(ENTRIES).entries["sergey-lavrov"]
    section = soup(arabic_book, PAGES["person"]).select_one("section#sergey-lavrov")
    assert section is not None
    paragraphs = [p.get_text(" ", strip=True) for p in section.find_all("p", recursive=False)]
    assert paragraphs[1] == lavrov.description["short_ar"]
    english = section.select_one('div[lang="en"].briefing-entry-short')
    assert english is not None and english.get_text(strip=True) == lavrov.description["short_en"]
    assert "وزير خارجية روسيا الاتحادية" in section.select_one(".briefing-facts").get_text()


def test_the_english_index_names_the_arabic_headwords_right_to_left(
    english_site: BookSite,
) -> None:
    glossary = load(ENTRIES)
    items = soup(english_site.outdir, "glossary/english.html").select(
        ".briefing-glossary-index > li"
    )
    wanted = sorted(
        glossary.entries.values(), key=lambda e: (english_sort_key(e.names["en"]), e.id)
    )
    assert [li.find("a")["href"].split("#")[1] for li in items] == [e.id for e in wanted]
    for item, entry in zip(items, wanted, strict=True):
        arabic = item.select_one('span[lang="ar"]')
        assert arabic is not None and arabic.get_text() == entry.names["ar"]


def test_hover_cards_and_link_titles_put_english_first(
    english_site: BookSite, arabic_book: Path
) -> None:
    lavrov = load(ENTRIES).entries["sergey-lavrov"]
    page = soup(english_site.outdir, ARTICLE)
    links = [a for a in page.select("a.briefing-mention") if "#sergey-lavrov" in a["href"]]
    assert links
    card = preview_card(page, links[0])
    assert card is not None
    parts = [(span["class"], span.get_text()) for span in card.find_all("span", recursive=False)]
    assert parts[0] == (
        ["briefing-preview-en", "briefing-preview-name"],
        lavrov.names["en"],
    )
    assert parts[1] == (["briefing-preview-ar"], lavrov.names["ar"])
    assert parts[2][1] == lavrov.description["short_en"]
    assert parts[3][1] == lavrov.description["short_ar"]
    assert links[0]["title"] == (
        f"{lavrov.names['en']} ({lavrov.names['ar']}): {lavrov.description['short_en']}"
    )
    # The Arabic original: the Arabic name and description first.
    original = soup(arabic_book, ARTICLE)
    first = next(a for a in original.select("a.briefing-mention") if "#sergey-lavrov" in a["href"])
    assert first["title"].startswith(f"{lavrov.names['ar']} ({lavrov.names['en']}): ")
    spans = preview_card(original, first).find_all("span", recursive=False)
    assert "briefing-preview-ar" in spans[0]["class"]
    assert spans[0].get_text() == lavrov.names["ar"]


def test_anchors_of_entries_are_the_same_in_both_editions(
    english_site: BookSite, arabic_book: Path
) -> None:
    for page in PAGES.values():
        english = {s["id"] for s in entries(english_site.outdir, page)}
        arabic = {s["id"] for s in entries(arabic_book, page)}
        assert english == arabic and english, page
    # Links from the articles point at the same anchors.
    hrefs = {a["href"] for a in soup(english_site.outdir, ARTICLE).select("a.briefing-mention")}
    original = {a["href"] for a in soup(arabic_book, ARTICLE).select("a.briefing-mention")}
    assert hrefs <= original


@pytest.fixture(scope="module")
def pot_files(book_gettext: Path) -> list[Path]:
    """The book's messages, extracted as ``make gettext`` does."""
    return sorted(book_gettext.glob("*.pot"))


def test_no_glossary_text_is_extracted_for_translation(pot_files: list[Path]) -> None:
    names = {p.stem for p in pot_files}
    assert {"glossary", "glance", "articles"} <= names
    glossary = load(ENTRIES)
    messages: dict[str, list[str]] = {}
    for path in pot_files:
        with path.open("rb") as handle:
            messages[path.stem] = [str(m.id) for m in read_po(handle) if m.id]
    # Glossary pages: only their own headings and introductions.
    for entry in glossary.entries.values():
        for name in entry.names.values():
            assert not [m for m in messages["glossary"] if name in m], name
    # Nowhere a description, a position, a note: they come from the entries in each edition.
    texts = []
    for entry in glossary.entries.values():
        texts += [v for k, v in entry.description.items()]
        texts += [p[k] for p in entry.data.get("person", {}).get("positions", []) for k in p]
        texts += [r[k] for r in entry.data.get("relations", []) for k in r if k.startswith("note")]
    every = [m for found in messages.values() for m in found]
    for text in texts:
        if len(text) > 12:  # dates and short words may occur anywhere
            assert not [m for m in every if text in m], text
    # Nor an entry's name as a message of its own (the glance's generated parts).
    names_only = {n for e in glossary.entries.values() for n in e.names.values()}
    assert not names_only & set(every)
