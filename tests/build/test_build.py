"""Building books with sphinx.testing: structure, ids, numbering, landing page, gettext."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.helpers import BuildFn, warnings_of

SEED_PARAGRAPHS = 12  # the lead, nine paragraphs and two list items


@pytest.fixture
def seed_app(built: BuildFn) -> SphinxTestApp:
    return built("seed")


def article_html(app: SphinxTestApp, name: str = "lavrov-wonsan") -> str:
    return (app.outdir / "articles" / f"{name}.html").read_text(encoding="utf-8")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_seed_builds_without_warnings(seed_app: SphinxTestApp) -> None:
    assert warnings_of(seed_app) == ""


def test_html_is_rtl_arabic(seed_app: SphinxTestApp) -> None:
    for page in ("index.html", "articles/lavrov-wonsan.html", "search.html", "genindex.html"):
        html = (seed_app.outdir / page).read_text(encoding="utf-8")
        assert re.search(r'<html dir="rtl" lang="ar"', html), page


def test_sections_have_ascii_ordinal_ids(seed_app: SphinxTestApp) -> None:
    page = soup(article_html(seed_app))
    ids = [section["id"] for section in page.select("article section")]
    assert ids == ["lavrov-wonsan", *[f"s{n}" for n in range(1, 8)], "sources"]
    heading = page.select_one("section#s3 h2")
    assert heading is not None
    assert heading.select_one("span.briefing-secnum").get_text() == "§3"
    assert heading.select_one("button.briefing-cite")["data-cite"] == "briefing:lavrov-wonsan:s3"
    heading.select_one("button.briefing-cite").decompose()
    assert heading.get_text(" ", strip=True).startswith("§3 لافروف يحذّر من تحالف غربي")


def test_paragraphs_numbered_continuously_with_permalinks(seed_app: SphinxTestApp) -> None:
    page = soup(article_html(seed_app))
    paragraphs = page.select("p.briefing-para")
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, SEED_PARAGRAPHS + 1)]
    for n, para in enumerate(paragraphs, start=1):
        link = para.find("a", class_="briefing-pnum")
        assert link is not None and para.contents[0] is link
        assert link["href"] == f"#p{n}"
        assert link.get_text() == f"¶{n}"
        assert link["aria-label"].endswith(str(n))
    # The list items are numbered paragraphs inside the article's list.
    items = page.select("ul.briefing-list > li > p.briefing-para")
    assert [p["id"] for p in items] == ["p4", "p5"]


def test_kicker_keeps_the_original_headline(seed_app: SphinxTestApp) -> None:
    page = soup(article_html(seed_app))
    assert page.select_one("p.briefing-kicker").get_text() == "سيرجي لافروف"
    assert (
        page.select_one("article h1")
        .get_text(strip=True)
        .startswith("لافروف يبحث مع كيم جونغ أون في وونسان")
    )


def test_domain_records_article_metadata(seed_app: SphinxTestApp) -> None:
    record = seed_app.env.domains["briefing"].data["articles"]["articles/lavrov-wonsan"]
    assert record["slug"] == "lavrov-wonsan"
    assert record["source"] == "وكالات"
    assert record["event_date"] == "2025-07-12"
    assert record["published"] == ""
    assert record["paragraphs"] == SEED_PARAGRAPHS
    assert record["sections"] == 7


def test_landing_lists_articles_newest_first(build: BuildFn) -> None:
    app = build("library")
    assert warnings_of(app) == ""
    page = soup((app.outdir / "index.html").read_text(encoding="utf-8"))
    entries = page.select("ul.briefing-articles > li")
    links = [e.select_one("p.briefing-article-title a")["href"] for e in entries]
    assert links == ["articles/newer.html", "articles/older.html", "articles/undated.html"]
    metas = [e.select_one("p.briefing-article-meta") for e in entries]
    assert metas[0].get_text() == "Example Daily · 2025-07-12"
    assert metas[1].get_text() == "وكالات · 2024-06-19"
    assert metas[2].get_text() == "المصدر غير معروف · دون تاريخ"
    # The sidebar toctree follows the same order.
    assert app.env.toctree_includes["index"] == [
        "articles/newer",
        "articles/older",
        "articles/undated",
    ]


def test_dates_read_from_the_text_order_the_landing_page(build: BuildFn) -> None:
    app = build(
        "library",
        files={
            # No sidecar: the date and the agency come from the text itself.
            "articles/pasted.txt": (
                "خبر منسوخ من موقع إخباري عن زيارة رسمية\nنشرت في 3 أيار 2025\n\n"
                "موسكو – رويترز – وصل الوزير اليوم إلى العاصمة في زيارة رسمية تستمر يومين.\n"
            ),
            "articles/another.txt": "ب مقال ثان بلا تاريخ\n\nنص المقال الثاني بلا تاريخ معروف.\n",
        },
    )
    assert warnings_of(app) == ""
    page = soup((app.outdir / "index.html").read_text(encoding="utf-8"))
    entries = page.select("ul.briefing-articles > li")
    links = [e.select_one("p.briefing-article-title a")["href"] for e in entries]
    # Newest first (2025-07-12, 2025-05-03 from the text, 2024-06-19), undated last by title.
    assert links == [
        "articles/newer.html",
        "articles/pasted.html",
        "articles/older.html",
        "articles/another.html",
        "articles/undated.html",
    ]
    assert entries[1].select_one("p.briefing-article-meta").get_text() == "رويترز · 2025-05-03"
    assert app.env.toctree_includes["index"] == [link[:-5] for link in links]
    record = app.env.domaindata["briefing"]["articles"]["articles/pasted"]
    assert record["inferred"] == ["place", "published", "source"]
    assert record["place"] == "موسكو"


def test_new_article_appears_without_a_stub(build: BuildFn) -> None:
    build("library")
    app = build("library", files={"articles/fresh.txt": "خبر جديد\nنص الخبر الجديد."})
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "articles/fresh.html" in html
    assert (app.outdir / "articles" / "fresh.html").is_file()


def test_slug_from_file_name_and_sidecar(build: BuildFn) -> None:
    app = build("library")
    articles = app.env.domains["briefing"].data["articles"]
    assert articles["articles/older"]["slug"] == "older"
    assert articles["articles/newer"]["slug"] == "lavrov-in-wonsan"
    page = soup((app.outdir / "articles" / "newer.html").read_text(encoding="utf-8"))
    assert page.select_one("section.briefing-article")["id"] == "lavrov-in-wonsan"


def test_gettext_extracts_each_paragraph_as_one_message(build: BuildFn) -> None:
    app = build("seed", buildername="gettext", confoverrides={"gettext_compact": False})
    pot = (app.outdir / "articles" / "lavrov-wonsan.pot").read_text(encoding="utf-8")
    msgids = re.findall(r'^msgid "(.+)"$', pot, flags=re.MULTILINE)
    assert "بالمقابل، وفرت روسيا دعمًا تقنيًا واقتصاديًا لبيونغ يانغ." in msgids
    assert "تأييد بيونغ يانغ لمواقف موسكو" in msgids
    lead = next(m for m in msgids if m.startswith("وكالات – "))
    assert lead.endswith("مؤكدًا ضرورة استمرار التعاون الوثيق بين البلدين.")
    # Generated numbers are not part of any message.
    assert not any("¶" in m or m.startswith("§") for m in msgids)
    assert len([m for m in msgids if m]) >= SEED_PARAGRAPHS + 8


def test_latin_runs_are_isolated_with_lang(build: BuildFn) -> None:
    text = "عنوان\nقالت وكالة KCNA الكورية إن Sergey Lavrov وصل إلى Wonsan, DPRK اليوم.\n"
    app = build(files={"articles/latin.txt": text})
    page = soup((app.outdir / "articles" / "latin.html").read_text(encoding="utf-8"))
    runs = [(s.get_text(), s["dir"]) for s in page.select('p.briefing-para span[lang="en"]')]
    assert runs == [("KCNA", "ltr"), ("Sergey Lavrov", "ltr"), ("Wonsan, DPRK", "ltr")]


def test_the_pdf_follows_the_landing_page_order(build: BuildFn) -> None:
    from pypdf import PdfReader

    app = build("library", buildername="briefing-pdf")
    reader = PdfReader(app.outdir / "briefing.pdf")
    titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    html = build("library")
    page = soup((html.outdir / "index.html").read_text(encoding="utf-8"))
    landing = [a.get_text() for a in page.select("ul.briefing-articles p.briefing-article-title a")]
    shown = [t for t in titles if t in landing]
    assert shown == landing and len(landing) == 3
