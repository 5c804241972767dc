"""The English edition's translation: complete for the book, reported, warned about, linked.

The book's two editions are built once per session (``tests/english_site.py``); the
behaviour with missing or outdated translations uses the small ``minimal`` root.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

from tests.helpers import REPO, TESTS, BookSite, BuildFn, warnings_of

LOCALES = REPO / "locales" / "en" / "LC_MESSAGES"
GOLD = TESTS / "data" / "english_gold.json"
ARTICLE = (
    "محادثات في موسكو\n"
    "وكالات – قال وزير الخارجية إن المحادثات كانت مثمرة.\n"
    "وأضاف أن الجانبين اتفقا على مواصلة الحوار.\n"
    "ولم يحدد موعدًا للجولة المقبلة.\n"
)
HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


@pytest.fixture(scope="module")
def extracted(book_gettext: Path) -> Path:
    """``make gettext``'s catalogues of the book, extracted from docs/."""
    return book_gettext


def test_every_message_of_the_book_has_a_current_translation(extracted: Path) -> None:
    pots = sorted(p for p in extracted.glob("*.pot") if p.stem != "sphinx")
    assert {p.stem for p in pots} >= {"articles", "glance", "glossary", "index", "sources"}
    for pot in pots:
        with pot.open("rb") as handle:
            wanted = [m.id for m in read_po(handle) if m.id]
        with (LOCALES / f"{pot.stem}.po").open("rb") as handle:
            catalogue = {m.id: m for m in read_po(handle) if m.id}
        for msgid in wanted:
            message = catalogue.get(msgid)
            assert message is not None, f"{pot.stem}: not in the .po: {msgid[:60]}"
            assert message.string and not message.fuzzy, f"{pot.stem}: untranslated: {msgid[:60]}"


def test_every_seed_paragraph_is_extracted_and_translated(extracted: Path) -> None:
    with (extracted / "articles.pot").open("rb") as handle:
        msgids = {m.id for m in read_po(handle) if m.id}
    seed = (REPO / "seeds" / "lavrov-wonsan.txt").read_text("utf-8")
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    # Every line of the seed is a message: headline line, headings, paragraphs, list items.
    assert set(lines) <= msgids
    with (LOCALES / "articles.po").open("rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id and m.string}
    for line in lines:
        english = translated[line]
        assert not re.search(r"[\u0600-\u06ff]", english), english
    # Names are the glossary's English names, not other spellings.
    text = " ".join(translated[line] for line in lines)
    for wrong in ("Sergei", "Kim Jong-un", "Choe Son-hui", "Pyong Yang"):
        assert wrong not in text


def _ids(page: Path) -> set[str]:
    html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    article = html.select_one("article") or html
    # Ids inside a drawing are its own (hashed from its content), not anchors.
    return {str(tag["id"]) for tag in article.select("[id]") if not tag.find_parent("svg")}


@pytest.mark.parametrize(
    "page",
    ["articles/lavrov-wonsan.html", "glossary/people.html", "glossary/places.html", "glance.html"],
)
def test_editions_share_ids_and_anchors(
    english_site: BookSite,
    arabic_book: Path,
    page: str,
) -> None:
    english, arabic = _ids(english_site.outdir / page), _ids(arabic_book / page)
    assert arabic and ("p12" in arabic or "articles" not in page)
    assert english == arabic


def test_editions_share_citation_keys_and_inventory(
    english_site: BookSite,
    arabic_book: Path,
) -> None:
    def names(outdir: Path) -> set[tuple[str, str, str]]:
        with (outdir / "objects.inv").open("rb") as handle:
            inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
        return {
            (kind, name, item.uri)
            for kind, items in inventory.items()
            for name, item in items.items()
        }

    english, arabic = names(english_site.outdir), names(arabic_book)
    assert ("std:label", "lavrov-wonsan:p7", "articles/lavrov-wonsan.html#p7") in english
    assert english == arabic

    def keys(outdir: Path) -> set[str]:
        data = json.loads((outdir / "_briefing" / "citations.json").read_text("utf-8"))
        return {str(unit["id"]) for unit in data}

    assert keys(english_site.outdir) == keys(arabic_book)


def test_english_mentions_link_to_the_entries_of_the_gold(english_site: BookSite) -> None:
    gold = json.loads(GOLD.read_text("utf-8"))
    data = json.loads((english_site.outdir / "_briefing" / "glossary.json").read_text("utf-8"))
    found = Counter(
        (mention["url"].split("#")[1], mention["text"], entry["id"])
        for entry in data["entries"]
        for mention in entry["mentions"]
        if mention["lang"] == "en" and mention["shown"] and not mention["nested"]
    )
    assert found == Counter(tuple(row) for row in gold["mentions"])
    # Linked in the page: the first mention in ¶7 of Choe Son Hui goes to her entry.
    html = (english_site.outdir / "articles" / "lavrov-wonsan.html").read_text("utf-8")
    p7 = BeautifulSoup(html, "html.parser").select_one("p#p7")
    assert p7 is not None
    links = {a.select_one("span").get_text(): a["href"] for a in p7.select("a.briefing-mention")}
    assert links["Choe Son Hui"].endswith("glossary/people.html#choe-son-hui")
    assert links["Washington"].endswith("#washington")


def test_the_report_gives_the_translation_status_and_the_landing_page_does_not(
    english_site: BookSite,
) -> None:
    """A reader's page carries no build report (#18): the status is in translation.json and
    the build log, on the landing page only with briefing_show_translation_status."""
    report = json.loads((english_site.outdir / "_briefing" / "translation.json").read_text("utf-8"))
    assert (report["edition"], report["language"], report["use"]) == ("en", "en", "edition")
    assert report["messages"] == report["translated"] == 21
    assert report["outdated"] == 0
    assert {c["catalogue"] for c in report["catalogues"]} >= {"articles", "glance", "index"}
    html = (english_site.outdir / "index.html").read_text("utf-8")
    assert BeautifulSoup(html, "html.parser").select_one(".briefing-translation-status") is None
    assert "21 of 21 messages" not in html
    assert "briefing.untranslated" not in english_site.warnings


def _catalogue(messages: dict[str, tuple[str, bool]]) -> str:
    entries = []
    for msgid, (msgstr, fuzzy) in messages.items():
        flag = "#, fuzzy\n" if fuzzy else ""
        entries.append(f'{flag}msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    return HEADER + "\n".join(entries)


def test_untranslated_and_outdated_paragraphs_are_warned_reported_and_shown_in_arabic(
    build: BuildFn,
) -> None:
    lines = ARTICLE.splitlines()
    catalogue = _catalogue(
        {
            lines[0]: ("Talks in Moscow", False),
            lines[1]: ("Agencies – the minister said the talks were fruitful.", False),
            # The source of ¶2 changed since it was translated: make translations marks it fuzzy.
            lines[2]: ("He added that both sides agreed to continue the talks.", True),
        }
    )
    app = build(
        "minimal",
        files={"articles/talks.txt": ARTICLE, "locales/en/LC_MESSAGES/articles.po": catalogue},
        confoverrides={"language": "en", "briefing_show_translation_status": True},
    )
    warnings = warnings_of(app)
    assert re.search(
        r"talks\.txt:3: WARNING: ¶2 shown untranslated .*fuzzy.*\[briefing\.untranslated\]",
        warnings,
    )
    assert re.search(
        r"talks\.txt:4: WARNING: ¶3 shown untranslated .*no translation.*\[briefing\.untranslated\]",
        warnings,
    )
    report = json.loads((Path(app.outdir) / "_briefing" / "translation.json").read_text("utf-8"))
    assert (report["messages"], report["translated"], report["outdated"]) == (4, 2, 1)
    (article,) = report["articles"]
    assert [(u["label"], u["line"], u["outdated"]) for u in article["untranslated"]] == [
        ("¶2", 3, True),
        ("¶3", 4, False),
    ]
    (po,) = report["catalogues"]
    assert [f["msgid"] for f in po["fuzzy"]] == [lines[2]]
    page = BeautifulSoup(
        (Path(app.outdir) / "articles" / "talks.html").read_text("utf-8"), "html.parser"
    )
    assert "fruitful" in page.select_one("p#p1").get_text()
    shown = page.select_one("p#p2")
    assert shown["lang"] == "ar" and lines[2] in shown.get_text()
    # Asked for (briefing_show_translation_status): on the landing page too.
    index = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "Translation (en): 2 of 4 messages (50%) · 1 changed since translation" in index
    assert re.search(
        r"briefing: en translation \(edition\): 2 of 4 article messages translated, "
        r"1 changed since translation",
        app.status.getvalue(),
    )


def test_the_arabic_edition_reports_its_parallel_translation(build: BuildFn) -> None:
    lines = ARTICLE.splitlines()
    catalogue = _catalogue(
        {lines[1]: ("Agencies – the minister said the talks were fruitful.", False)}
    )
    app = build(
        "minimal",
        files={"articles/talks.txt": ARTICLE, "locales/en/LC_MESSAGES/articles.po": catalogue},
    )
    assert "briefing.untranslated" not in warnings_of(app)  # the original edition lacks nothing
    report = json.loads((Path(app.outdir) / "_briefing" / "translation.json").read_text("utf-8"))
    assert (report["edition"], report["use"], report["translated"], report["messages"]) == (
        "ar",
        "parallel",
        1,
        4,
    )
    # Not asked for: the log has it, the landing page does not.
    assert "briefing: en translation (parallel): 1 of 4" in app.status.getvalue()
    index = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    assert index.select_one(".briefing-translation-status") is None
    assert "الترجمة (en)" not in index.get_text()


def test_the_status_line_on_request_is_translated_and_never_in_the_pdf(build: BuildFn) -> None:
    lines = ARTICLE.splitlines()
    catalogue = _catalogue(
        {lines[1]: ("Agencies – the minister said the talks were fruitful.", False)}
    )
    files = {"articles/talks.txt": ARTICLE, "locales/en/LC_MESSAGES/articles.po": catalogue}
    shown = {"briefing_show_translation_status": True}
    app = build("minimal", files=files, confoverrides=shown)
    index = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    status = index.select_one("p.briefing-translation-status")
    assert status is not None and status.get_text() == "الترجمة (en): 1 من 4 رسالة (25%)"
    pdf = build("minimal", files=files, confoverrides=shown, buildername="briefing-pdf")
    source = (Path(pdf.outdir) / "briefing.typ").read_text("utf-8")
    assert "الترجمة (en)" not in source and "1 من 4" not in source


def test_an_edited_catalogue_rebuilds_the_article(build: BuildFn) -> None:
    lines = ARTICLE.splitlines()
    files: dict[str, bytes | str] = {
        "articles/talks.txt": ARTICLE,
        "locales/en/LC_MESSAGES/articles.po": _catalogue({lines[1]: ("First wording.", False)}),
    }
    app = build("minimal", files=files, confoverrides={"language": "en"})
    page = Path(app.outdir) / "articles" / "talks.html"
    assert "First wording." in page.read_text("utf-8")
    po = Path(app.srcdir) / "locales" / "en" / "LC_MESSAGES" / "articles.po"
    po.write_text(_catalogue({lines[1]: ("Second wording.", False)}), "utf-8")
    app.build()
    assert "Second wording." in page.read_text("utf-8")
