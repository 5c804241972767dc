"""Mention linking in a real build: gold precision and recall, link density, roles, objects,
exports, incremental and parallel builds."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from tests.helpers import REPO, ROOTS, SEED, BuildFn, preview_card, warnings_of

GOLD = json.loads((REPO / "tests" / "data" / "seed_gold.json").read_text(encoding="utf-8"))
ARTICLE = "articles/lavrov-wonsan"


def soup_of(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def mentions(app: SphinxTestApp, docname: str = ARTICLE) -> list[dict]:
    return app.env.domains["briefing"].data["mentions"][docname]


@pytest.fixture
def seed(built: BuildFn) -> SphinxTestApp:
    return built("seed")


def test_seed_builds_without_warnings(seed: SphinxTestApp) -> None:
    assert warnings_of(seed) == ""


def test_precision_and_recall_against_the_gold(seed: SphinxTestApp) -> None:
    found = {(m["line"], m["start"], m["end"], m["entity"], m["kind"]) for m in mentions(seed)}
    gold = {(m["line"], m["start"], m["end"], m["entity"], m["kind"]) for m in GOLD["mentions"]}
    true_positives = len(found & gold)
    precision, recall = true_positives / len(found), true_positives / len(gold)
    assert precision >= 0.95, sorted(found - gold)
    assert recall >= 0.95, sorted(gold - found)


def test_spans_are_exact_in_the_source_file(seed: SphinxTestApp) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for mention in mentions(seed):
        assert lines[mention["line"] - 1][mention["start"] : mention["end"]] == mention["text"]


def test_first_mention_per_entity_per_section_is_linked(seed: SphinxTestApp) -> None:
    page = soup_of(seed, f"{ARTICLE}.html")
    for section in page.select("section.briefing-section"):
        own = [
            a for a in section.select("a.briefing-mention") if a.find_parent("section") is section
        ]
        targets = [a["href"].split("#")[1] for a in own]
        assert len(targets) == len(set(targets)), section["id"]
    lead = [
        a["href"].split("#")[1] for a in page.select("section#lavrov-wonsan > p a.briefing-mention")
    ]
    assert lead[:3] == ["sergey-lavrov", "wonsan", "north-korea"]
    # Headings are scanned but never linked; adjectives are recorded, not linked.
    assert page.select("h1 a.briefing-mention, h2 a.briefing-mention") == []
    recorded = mentions(seed)
    assert any(m["kind"] == "adjective" for m in recorded)
    assert not any(m["linked"] for m in recorded if m["kind"] == "adjective")
    assert any(m["anchor"] == "s1" and not m["linked"] for m in recorded)


def test_link_density_all_and_per_article(build: BuildFn, tmp_path: Path) -> None:
    every = build("seed", confoverrides={"briefing_link_density": "all"})
    names = [m for m in mentions(every) if m["kind"] == "name" and m["paragraph"]]
    assert all(m["linked"] for m in names)
    assert len(soup_of(every, f"{ARTICLE}.html").select("a.briefing-mention")) == len(names)


def test_link_density_first_per_article_and_adjectives(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "seed"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={
            "briefing_link_density": "first-per-article",
            "briefing_link_adjectives": True,
        },
    )
    app.build()
    linked = Counter(m["entity"] for m in mentions(app) if m["linked"])
    assert linked and set(linked.values()) == {1}
    assert any(m["linked"] for m in mentions(app) if m["kind"] == "adjective")


def test_preview_carries_both_names_and_descriptions(seed: SphinxTestApp) -> None:
    page = soup_of(seed, f"{ARTICLE}.html")
    link = page.select_one("a.briefing-mention[href$='#sergey-lavrov']")
    preview = preview_card(page, link)
    assert preview.select_one(".briefing-preview-ar").get_text() == "سيرغي لافروف"
    assert preview.select_one(".briefing-preview-en").get_text() == "Sergey Lavrov"
    assert preview.select_one(".briefing-preview-desc").get_text()
    assert link["title"].startswith("سيرغي لافروف (Sergey Lavrov): ")


def test_entry_lists_every_paragraph_that_mentions_it(seed: SphinxTestApp) -> None:
    page = soup_of(seed, "entries.html")
    entry = page.select_one("section#sergey-lavrov")
    numbers = [a.get_text() for a in entry.select("ul.briefing-backlinks a")]
    expected = sorted(
        {
            m["paragraph"]
            for m in mentions(seed)
            if m["entity"] == "sergey-lavrov" and m["paragraph"]
        }
    )
    assert [n for n in numbers if n.startswith("¶")] == [f"¶{n}" for n in expected]
    assert "§3" in numbers  # the heading "لافروف يحذّر من تحالف غربي"
    hrefs = [a["href"] for a in entry.select("ul.briefing-backlinks a")]
    assert f"articles/lavrov-wonsan.html#p{expected[0]}" in hrefs
    snippets = entry.select("ul.briefing-backlinks .briefing-snippet")
    assert all("لافروف" in s.get_text() for s in snippets)


def test_glossary_page_is_in_arabic_order_with_facts_and_relations(seed: SphinxTestApp) -> None:
    from sphinx_briefing.glossary import arabic_sort_key

    page = soup_of(seed, "entries.html")
    people = [
        h.get_text(strip=True).rstrip("#") for h in page.select("section.briefing-person > h3")
    ]
    assert people == sorted(people, key=arabic_sort_key) and len(people) == 4
    lavrov = page.select_one("section#sergey-lavrov")
    assert lavrov.select_one("dl.briefing-facts")
    related = [a["href"] for a in lavrov.select("ul.briefing-relations a")]
    assert "#kim-jong-un" in related
    index = soup_of(seed, "english.html").select("ul.briefing-glossary-index a > span[lang='en']")
    english = [span.get_text() for span in index]
    assert english == sorted(english, key=str.casefold) and "Sergey Lavrov" in english


def test_roles_from_rest_and_myst(seed: SphinxTestApp) -> None:
    rest = soup_of(seed, "roles.html")
    links = {
        a.get_text(strip=True).split("سيرغي")[0] or "سيرغي": a["href"]
        for a in rest.select("a.briefing-mention")
    }
    hrefs = [a["href"] for a in rest.select("a.briefing-mention")]
    assert hrefs == [
        "entries.html#sergey-lavrov",
        "entries.html#kim-jong-un",
        "entries.html#wonsan",
    ]
    texts = [a.find("span").get_text() for a in rest.select("a.briefing-mention")]
    assert texts == ["سيرغي لافروف", "the leader", "وونسان"]
    assert links
    myst = soup_of(seed, "roles-md.html")
    assert [a["href"] for a in myst.select("a.briefing-mention")] == [
        "entries.html#kcna",
        "entries.html#russia-dprk-treaty",
    ]


def test_unknown_entity_and_wrong_type_warn(build: BuildFn) -> None:
    app = build(
        "seed",
        files={
            "roles.rst": "Roles\n=====\n\n:briefing:person:`wonsan` :briefing:entity:`nobody`\n"
        },
    )
    warnings = warnings_of(app)
    assert (
        "roles.rst:4: WARNING: 'wonsan' is a place, not a person [briefing.role-type]" in warnings
    )
    assert "roles.rst:4: WARNING: no glossary entry 'nobody'" in warnings


def test_entities_are_sphinx_objects(seed: SphinxTestApp) -> None:
    with (seed.outdir / "objects.inv").open("rb") as handle:
        inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
    person = inventory["briefing:person"]["sergey-lavrov"]
    assert person.uri == "entries.html#sergey-lavrov"
    assert person.display_name == "سيرغي لافروف (Sergey Lavrov)"
    assert "briefing:agreement" in inventory and "briefing:event" in inventory
    genindex = (seed.outdir / "genindex.html").read_text(encoding="utf-8")
    assert "سيرغي لافروف" in genindex and "Sergey Lavrov" in genindex
    searchindex = (seed.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"sergey-lavrov"' in searchindex


def test_glossary_json_export(seed: SphinxTestApp) -> None:
    data = json.loads((seed.outdir / "_briefing" / "glossary.json").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in data["entries"]}
    lavrov = by_id["sergey-lavrov"]
    assert set(lavrov) == {"id", "type", "status", "names", "aliases", "url", "mentions"}
    assert lavrov["status"] == "reviewed"
    assert lavrov["url"] == "entries.html#sergey-lavrov"
    assert lavrov["names"]["ru"] == "Сергей Лавров"
    assert "سيرجي لافروف" in lavrov["aliases"]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for entry in data["entries"]:
        for mention in entry["mentions"]:
            assert set(mention) == {
                "article",
                "source",
                "line",
                "start",
                "end",
                "text",
                "kind",
                "linked",
                "url",
                "lang",
                "shown",
                "nested",
            }
            assert mention["source"].endswith("articles/lavrov-wonsan.txt")
            assert lines[mention["line"] - 1][mention["start"] : mention["end"]] == mention["text"]
            assert mention["url"].startswith("articles/lavrov-wonsan.html")
    first = lavrov["mentions"][1]
    assert (first["line"], first["url"], first["linked"]) == (
        3,
        "articles/lavrov-wonsan.html#p1",
        True,
    )


def rebuild(make_app, srcdir: Path) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    return app


def test_editing_aliases_changes_the_links(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "seed"
    shutil.copytree(ROOTS / "test-seed", srcdir)  # follows the links: a private glossary copy
    rebuild(make_app, srcdir)
    lavrov = srcdir / "glossary" / "sergey-lavrov.toml"
    text = lavrov.read_text(encoding="utf-8")
    start = text.index("[aliases]\nar = [")
    end = text.index("]", start + 15)
    lavrov.write_text(text[:start] + '[aliases]\nar = ["لافروف"' + text[end:], encoding="utf-8")
    app = rebuild(make_app, srcdir)
    texts = {m["text"] for m in mentions(app) if m["entity"] == "sergey-lavrov"}
    assert texts == {"لافروف"}  # "سيرجي لافروف" is no longer one of his names
    page = soup_of(app, f"{ARTICLE}.html")
    assert page.select_one("p#p1 a.briefing-mention").get_text().startswith("لافروف")


def test_deleting_an_article_removes_its_backlinks(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "seed"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    (srcdir / "articles" / "second.txt").write_text(
        "خبر ثان\nزار لافروف بيونغ يانغ.\n", encoding="utf-8"
    )
    app = rebuild(make_app, srcdir)
    page = soup_of(app, "entries.html")
    assert page.select("section#sergey-lavrov a[href*='articles/second.html']")
    (srcdir / "articles" / "second.txt").unlink()
    app = rebuild(make_app, srcdir)
    page = soup_of(app, "entries.html")
    assert not page.select("section#sergey-lavrov a[href*='articles/second.html']")
    assert page.select("section#sergey-lavrov a[href*='articles/lavrov-wonsan.html']")


def test_parallel_build_links_like_serial(make_app, tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"j{jobs}"
        shutil.copytree(ROOTS / "test-seed", srcdir)
        for n in range(8):
            shutil.copyfile(SEED, srcdir / "articles" / f"copy{n}.txt")
            (srcdir / "articles" / f"copy{n}.meta.toml").write_text(
                f'[article]\npublished = "2025-08-0{n + 1}"\n'
            )
        # Sources relative to each project, so the two exports are comparable.
        app = make_app(
            "html", srcdir=srcdir, parallel=jobs, confoverrides={"briefing_source_root": "."}
        )
        app.build()
        app.cleanup()
        assert warnings_of(app) == ""
        outputs.append(
            (
                (app.outdir / "entries.html").read_bytes(),
                (app.outdir / "_briefing" / "glossary.json").read_bytes(),
                app.env.domains["briefing"].data["mentions"],
            )
        )
    assert outputs[0] == outputs[1]


AMBIGUOUS = (
    "كيم جونغ أون يستقبل وفدًا\n"
    "استقبل كيم جونغ أون الوفد في وونسان، وحضرت كيم يو جونغ اللقاء. وقال كيم إن بلاده تدعم"
    " موسكو.\n"
    "وزار الوفد منتجع وونسان-غالما الجديد ثم منطقة وونسان-كالما.\n"
    "وتحدث الطرفان عن الحرب في أوكرانيا.\n"
)


def test_family_names_compounds_and_nested_names(build: BuildFn) -> None:
    app = build("seed", files={"articles/ambiguity.txt": AMBIGUOUS})
    found = mentions(app, "articles/ambiguity")
    lines = AMBIGUOUS.split("\n")

    def at(entity: str) -> list[tuple[int, str, bool, bool]]:
        return [
            (m["line"], m["text"], m["linked"], bool(m.get("nested", False)))
            for m in found
            if m["entity"] == entity
        ]

    for m in found:
        assert lines[m["line"] - 1][m["start"] : m["end"]] == m["text"]
    # «كيم يو جونغ» is not Kim Jong Un; «قال كيم إن», after his full name, is.
    kim_yo_jong = lines[1].index("كيم يو جونغ")
    assert not [m for m in found if m["line"] == 2 and m["start"] == kim_yo_jong]
    assert [text for _, text, _, _ in at("kim-jong-un")] == ["كيم جونغ أون", "كيم جونغ أون", "كيم"]
    # «وونسان-غالما» (no alias) is a compound name, not Wonsan; «وونسان-كالما» is the resort.
    assert at("wonsan") == [(2, "وونسان", True, False)]
    assert [text for _, text, _, _ in at("wonsan-kalma")] == ["وونسان-كالما"]
    # The war is the link; Ukraine inside it is a mention too, nested and unlinked.
    assert at("russia-ukraine-war") == [(4, "الحرب في أوكرانيا", True, False)]
    assert at("ukraine") == [(4, "أوكرانيا", False, True)]
    page = soup_of(app, "articles/ambiguity.html")
    hrefs = [a["href"].split("#")[1] for a in page.select("a.briefing-mention")]
    assert "ukraine" not in hrefs and "russia-ukraine-war" in hrefs
    assert hrefs.count("kim-jong-un") == 1  # first per section; Kim Yo Jong is never one
    entries = soup_of(app, "entries.html")
    assert entries.select("section#ukraine ul.briefing-backlinks a[href*='articles/ambiguity']")
