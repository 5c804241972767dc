"""Draft glossary entries in a build (``tests/roots/test-drafts``: Wonsan reviewed, the
Hwasong-19 missile a draft): warning-free with ``-W``, the "draft" badge on the entry, in the
English index, in hover cards and in the PDF, ``status`` in ``glossary.json``, the drafts page,
one information line; all of it gone once the status line says "reviewed" or is removed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.candidates.drafts import write_drafts
from sphinx_briefing.candidates.model import Candidate, Occurrence
from sphinx_briefing.glossary import load
from tests.helpers import ROOTS, BuildFn, pdftotext, warnings_of

DRAFT = ROOTS / "test-drafts" / "glossary" / "hwasong-19.toml"
BADGE = ".briefing-draft-badge"
ARTICLE = "articles/test-launch.html"
DRAFTS_LINE = re.compile(r"\d+ glossary entr(y is a draft|ies are drafts).*")


def drafts(build: BuildFn, **options: object) -> SphinxTestApp:
    """Build the drafts root with warnings as errors (again: incrementally, same project)."""
    app = build("drafts", warningiserror=True, **options)
    app.cleanup()  # the next build of the test registers the same nodes
    return app


def html(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def statuses(app: SphinxTestApp) -> dict[str, str]:
    exported = json.loads((app.outdir / "_briefing" / "glossary.json").read_text("utf-8"))
    return {entry["id"]: entry["status"] for entry in exported["entries"]}


def card(app: SphinxTestApp, entity: str) -> BeautifulSoup:
    """The hover card of ``entity`` on the article page: in the page's template for the entry
    (or, in the link, where cards are rendered inline)."""
    page = html(app, ARTICLE)
    assert page.select_one(f'a.briefing-mention[href$="#{entity}"]') is not None, entity
    # find, not select: CSS selectors do not look inside a <template>.
    template = page.find("template", id=f"briefing-card-{entity}")
    preview = template.find(class_="briefing-preview") if template else None
    preview = preview or page.select_one(f'a[href$="#{entity}"] > .briefing-preview')
    assert preview is not None, entity
    return preview


def badges(element: BeautifulSoup) -> list[str]:
    # decode_contents: get_text leaves out the text of a <template>.
    found = element.find_all(class_="briefing-draft-badge")
    return [badge.decode_contents() for badge in found]


def info_lines(app: SphinxTestApp) -> list[str]:
    found = (DRAFTS_LINE.search(line) for line in app.status.getvalue().splitlines())
    return [match.group() for match in found if match]


def assert_draft_shown(app: SphinxTestApp) -> None:
    entries = html(app, "entries.html")
    badge = entries.select_one(f"section#hwasong-19 > p.briefing-entry-status > {BADGE}")
    assert badge is not None and badge.get_text() == "مسودة"
    assert entries.select_one(f"section#wonsan {BADGE}") is None
    assert badges(card(app, "hwasong-19")) == ["مسودة"]
    assert badges(card(app, "wonsan")) == []
    index = html(app, "english.html").select("ul.briefing-glossary-index > li")
    badged = {li.select_one("a")["href"]: bool(li.select(f"p > {BADGE}")) for li in index}
    assert badged == {"entries.html#hwasong-19": True, "entries.html#wonsan": False}
    assert statuses(app) == {"hwasong-19": "draft", "wonsan": "reviewed"}
    (item,) = html(app, "review.html").select("ul.briefing-drafts > li")
    text = " ".join(item.get_text(" ").split())
    assert "هواسونغ-19" in text and "Hwasong-19" in text and "أخرى" in text
    assert "glossary/hwasong-19.toml" in text
    (article,) = item.select("p.briefing-draft-articles a")
    assert article["href"] == ARTICLE and "تختبر صاروخ" in article.get_text()
    assert info_lines(app) == ["1 glossary entry is a draft: see review"]


def assert_draft_gone(app: SphinxTestApp) -> None:
    for page in ("entries.html", "english.html", "review.html", ARTICLE):
        assert badges(html(app, page)) == [], page
    assert badges(card(app, "hwasong-19")) == []
    assert statuses(app) == {"hwasong-19": "reviewed", "wonsan": "reviewed"}
    review = html(app, "review.html")
    assert review.select("ul.briefing-drafts") == []
    assert review.select_one("p.briefing-drafts").get_text() == "لا توجد مسودات."
    assert info_lines(app) == []


def test_a_draft_has_its_badge_until_one_field_changes(build: BuildFn) -> None:
    app = drafts(build)
    assert warnings_of(app) == ""
    assert_draft_shown(app)

    # Incremental rebuilds of the same project: only the status line changes.
    draft = DRAFT.read_text(encoding="utf-8")
    assert draft.count('status = "draft"\n') == 1
    reviewed = draft.replace('status = "draft"\n', 'status = "reviewed"\n')
    app = drafts(build, files={"glossary/hwasong-19.toml": reviewed})
    assert warnings_of(app) == ""
    assert_draft_gone(app)

    app = drafts(build, files={"glossary/hwasong-19.toml": draft})
    assert_draft_shown(app)

    removed = draft.replace('status = "draft"\n', "")
    app = drafts(build, files={"glossary/hwasong-19.toml": removed})
    assert warnings_of(app) == ""
    assert_draft_gone(app)


def written_draft(tmp_path: Path) -> str:
    """A draft as the writer leaves it: empty descriptions, a guessed English name."""
    directory = tmp_path / "written"
    directory.mkdir()
    shell = Candidate(
        "قذيفة",
        "other",
        [Occurrence("articles/test-launch.txt", 2, 0, 5, "قذيفة")],
    )
    sources = {"articles/test-launch.txt": {"title": "Missile test", "date": "2024-10-31"}}
    (path,) = write_drafts([shell], directory, load(directory), sources).created  # type: ignore[arg-type]
    return path.read_text(encoding="utf-8")


def test_a_written_draft_builds_with_w_and_shows_the_placeholder(
    build: BuildFn, tmp_path: Path
) -> None:
    app = drafts(build, files={"glossary/qdhyfa.toml": written_draft(tmp_path)})
    assert warnings_of(app) == ""
    section = html(app, "entries.html").select_one("section#qdhyfa")
    assert section is not None and section.select(BADGE)
    placeholders = [p.get_text(" ", strip=True) for p in section.select(".briefing-placeholder")]
    assert placeholders == ["الوصف لم يُكتب بعد", "Description to be written"]
    assert info_lines(app) == ["2 glossary entries are drafts: see review"]
    listed = [
        li.select_one("a")["href"]
        for li in html(app, "review.html").select("ul.briefing-drafts > li")
    ]
    assert listed == ["entries.html#qdhyfa", "entries.html#hwasong-19"]  # Arabic order: ق, ه


def test_the_english_edition_says_draft(build: BuildFn) -> None:
    english = {"language": "en", "suppress_warnings": ["briefing.untranslated"]}
    app = drafts(build, confoverrides=english)
    assert warnings_of(app) == ""
    badge = html(app, "entries.html").select_one(f"section#hwasong-19 {BADGE}")
    assert badge is not None and badge.get_text() == "draft"
    assert "Other" in html(app, "review.html").select_one("ul.briefing-drafts").get_text()


def test_the_pdf_shows_the_badge(build: BuildFn) -> None:
    app = drafts(build, buildername="briefing-pdf")
    assert warnings_of(app) == ""
    source = (app.outdir / "briefing.typ").read_text(encoding="utf-8")
    heading = source.index('\n=== #"هواسونغ-19"')
    badge = source.index("#box(stroke: 0.5pt + luma(110)", heading)
    assert source.index('#"مسودة"', badge) < source.index("Hwasong-19", heading)
    assert "مسودة" in pdftotext(app.outdir / "briefing.pdf")

    draft = DRAFT.read_text(encoding="utf-8")
    reviewed = draft.replace('status = "draft"\n', 'status = "reviewed"\n')
    app = drafts(build, files={"glossary/hwasong-19.toml": reviewed}, buildername="briefing-pdf")
    assert "مسودة" not in (app.outdir / "briefing.typ").read_text(encoding="utf-8")
    assert "مسودة" not in pdftotext(app.outdir / "briefing.pdf")
