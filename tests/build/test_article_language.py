"""Articles in another script than the book's: shown with their own language and direction."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.helpers import BuildFn, warnings_of

ENGLISH = (
    "Lavrov meets Kim Jong Un in Wonsan\n"
    "\n"
    "Agencies - Russian Foreign Minister Sergey Lavrov held talks with Kim Jong Un.\n"
    "\n"
    "The two sides agreed to continue the dialogue.\n"
)


def article(app: SphinxTestApp, name: str) -> BeautifulSoup:
    html = (app.outdir / "articles" / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_a_latin_script_article_is_english_and_left_to_right(build: BuildFn) -> None:
    app = build("seed", files={"articles/english.txt": ENGLISH})
    assert warnings_of(app) == ""
    page = article(app, "english")
    section = page.select_one("section.briefing-article")
    assert section.get("lang") == "en" and section.get("dir") == "ltr"
    assert page.select_one("html")["dir"] == "rtl"  # the page around it stays the book's
    assert app.env.domaindata["briefing"]["articles"]["articles/english"]["language"] == "en"
    # English mentions are linked with the entries' English names.
    linked = {a["href"].split("#")[1] for a in section.select("a.briefing-mention")}
    assert {"sergey-lavrov", "kim-jong-un"} <= linked
    # The Arabic seed article is unchanged: no lang or dir of its own.
    seed = article(app, "lavrov-wonsan").select_one("section.briefing-article")
    assert seed.get("dir") is None and seed.get("lang") is None


def test_the_sidecar_names_the_language(build: BuildFn) -> None:
    app = build(
        "seed",
        files={
            "articles/french.txt": "Lavrov à Wonsan\n\nLe ministre a rencontré Kim Jong Un.\n",
            "articles/french.meta.toml": '[article]\nlanguage = "fr"\n',
        },
    )
    assert warnings_of(app) == ""
    section = article(app, "french").select_one("section.briefing-article")
    assert section.get("lang") == "fr" and section.get("dir") == "ltr"


def test_an_english_article_in_the_english_edition_is_not_marked(build: BuildFn) -> None:
    app = build("seed", files={"articles/english.txt": ENGLISH}, confoverrides={"language": "en"})
    section = article(app, "english").select_one("section.briefing-article")
    assert section.get("dir") is None and section.get("lang") is None
    assert "english.txt" not in warnings_of(app)
