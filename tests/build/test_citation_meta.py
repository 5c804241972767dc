"""Citations with absolute URLs from ``html_baseurl``, an accessed date, titles that say what
each record is, and Highwire Press ``citation_*`` meta tags on article pages."""

from __future__ import annotations

import collections
import json

import pytest
import rispy
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from tests.helpers import BuildFn, page_citations

BASE = "https://example.org/book/"
NOON_2025_07_12 = "1752321600"  # SOURCE_DATE_EPOCH: 2025-07-12 12:00 UTC
HEADLINE = "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين موسكو وبيونغ يانغ"


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = collections.defaultdict(list)
    for tag in BeautifulSoup(html, "html.parser").find_all("meta"):
        name = tag.get("name")
        if isinstance(name, str) and name.startswith("citation_"):
            found[name].append(str(tag.get("content")))
    return found


@pytest.fixture
def dated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOON_2025_07_12)


def test_records_are_absolute_dated_and_distinct(build: BuildFn, dated: None) -> None:
    app = build("seed", confoverrides={"html_baseurl": BASE})
    out = app.outdir / "_briefing"
    items = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    assert len(items) > 20
    for item in items:
        assert item["URL"].startswith(BASE), item["id"]
        assert item["accessed"] == {"date-parts": [[2025, 7, 12]]}, item["id"]
    titles = [item["title"] for item in items]
    assert len(set(titles)) == len(titles), collections.Counter(titles).most_common(3)
    by_id = {item["id"]: item for item in items}
    assert by_id["briefing:lavrov-wonsan"]["title"] == HEADLINE
    assert by_id["briefing:lavrov-wonsan:p7"]["title"] == f"¶7 of {HEADLINE}"
    assert (
        by_id["briefing:lavrov-wonsan:s3"]["title"]
        == f"لافروف يحذّر من تحالف غربي (§3 of {HEADLINE})"
    )
    assert by_id["briefing:lavrov-wonsan:p7"]["URL"] == f"{BASE}articles/lavrov-wonsan.html#p7"

    bib = parse_file(str(out / "citations.bib"), "bibtex")
    assert bib.entries["briefing:lavrov-wonsan:p7"].fields["urldate"] == "2025-07-12"
    with (out / "citations.ris").open(encoding="utf-8") as handle:
        ris = {record["id"]: record for record in rispy.load(handle)}
    assert ris["briefing:lavrov-wonsan:p7"]["access_date"] == "2025/07/12"

    # The article page: Highwire Press tags a reference manager reads.
    page = (app.outdir / "articles" / "lavrov-wonsan.html").read_text(encoding="utf-8")
    tags = meta(page)
    assert tags["citation_title"] == [HEADLINE]
    assert tags["citation_author"] == ["وكالات"]
    assert tags["citation_publication_date"] == ["2025/07/12"]
    assert tags["citation_publisher"] == ["Seed book"]
    assert tags["citation_language"] == ["ar"]
    assert tags["citation_public_url"] == [f"{BASE}articles/lavrov-wonsan.html"]
    assert tags["citation_abstract_html_url"] == [f"{BASE}articles/lavrov-wonsan.html"]
    # Only article pages are cited items.
    assert not meta((app.outdir / "index.html").read_text(encoding="utf-8"))
    # The Cite panel's copies carry the same absolute URLs and the accessed date.
    copies = json.dumps(page_citations(app.outdir / "articles" / "lavrov-wonsan.html"))
    assert f"{BASE}articles/lavrov-wonsan.html#p7" in copies
    assert "Accessed 2025-07-12." in copies


def test_briefing_base_url_wins(build: BuildFn) -> None:
    app = build(
        "seed",
        confoverrides={"html_baseurl": BASE, "briefing_base_url": "https://mirror.example/b"},
    )
    items = json.loads((app.outdir / "_briefing" / "citations.json").read_text(encoding="utf-8"))
    assert all(item["URL"].startswith("https://mirror.example/b/") for item in items)


def test_meta_values_from_a_sidecar_are_escaped(build: BuildFn) -> None:
    headline = 'عنوان "><script>alert(1)</script> & <b>'
    sidecar = (
        "[article]\n"
        f"headline = {json.dumps(headline, ensure_ascii=False)}\n"
        'source = "وكالة \\"<img src=x onerror=alert(2)>"\n'
        'outlet = "موقع\\n<i>"\n'
    )
    app = build(
        files={
            "articles/hostile.txt": "سطر أول.\nنص الفقرة.\n",
            "articles/hostile.meta.toml": sidecar,
        }
    )
    html = (app.outdir / "articles" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    tags = meta(html)
    assert tags["citation_title"] == [headline]
    assert tags["citation_author"] == ['وكالة "<img src=x onerror=alert(2)>']
    assert tags["citation_publisher"] == ["موقع <i>"]
