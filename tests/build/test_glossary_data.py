"""Glossary data that cannot hurt the book: a stopword alias, a duplicate id, a relation of
an entry to itself and a circle of located-in/part-of relations in a real build are located
warnings; the entries stay, the stopword never links, and the rest of the book builds."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.text.normalise import fold_text
from tests.helpers import REPO, BuildFn, warnings_of

ENTRIES = REPO / "docs" / "glossary" / "entries"
WONSAN = (ENTRIES / "wonsan.toml").read_text(encoding="utf-8")
NORTH_KOREA = (ENTRIES / "north-korea.toml").read_text(encoding="utf-8")
ALIASES = '[aliases]\nar = ["ونسان", "وون سان"]\n'

#: «في» and its alef-maksura spelling «فى» as aliases of Wonsan, and a relation to itself.
BAD_WONSAN = (
    WONSAN.replace(ALIASES, '[aliases]\nar = [\n  "ونسان",\n  "في",\n  "وون سان",\n  "فى",\n]\n')
    + '\n[[relations]]\ntype = "part-of"\ntarget = "wonsan"\n'
)
#: North Korea part of Wonsan, which is located in North Korea.
CIRCULAR_NORTH_KOREA = NORTH_KOREA + '\n[[relations]]\ntype = "part-of"\ntarget = "wonsan"\n'
#: Another file claiming the id "wonsan", with a name of its own.
COPY = WONSAN.replace(ALIASES, '[aliases]\nar = ["مدينة زائفة"]\n')


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line of the ``occurrence``-th line of ``text`` that is ``needle``."""
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if line == needle]
    return lines[occurrence]


@pytest.fixture(scope="module")
def bad() -> dict[str, bytes | str]:
    assert ALIASES in WONSAN, "the fixture edits wonsan.toml's aliases"
    return {
        "glossary/wonsan.toml": BAD_WONSAN,
        "glossary/north-korea.toml": CIRCULAR_NORTH_KOREA,
        "glossary/wonsan-copy.toml": COPY,
    }


def mentions(app: SphinxTestApp) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = app.env.domains["briefing"].data["mentions"]
    return found


def test_bad_glossary_data_is_located_and_harmless(
    build: BuildFn, built: BuildFn, bad: dict[str, bytes | str]
) -> None:
    app = build("seed", files=bad)
    warnings = warnings_of(app)
    where = r"[^\n]*/glossary/"
    alias_line = line_of(BAD_WONSAN, '  "في",')
    self_line = line_of(BAD_WONSAN, 'target = "wonsan"')
    circle_line = line_of(CIRCULAR_NORTH_KOREA, 'target = "wonsan"')
    expected = [
        rf"{where}wonsan\.toml:{alias_line}: WARNING: aliases\.ar\.1: alias 'في' is a stopword: "
        r"left out, never linked \[briefing\.glossary-refused-alias\]",
        rf"{where}wonsan\.toml:{alias_line + 2}: WARNING: aliases\.ar\.3: alias 'فى' is a "
        r"stopword: left out, never linked \[briefing\.glossary-refused-alias\]",
        rf"{where}wonsan\.toml:{self_line}: WARNING: "
        r"relations\.1\.target: 'part-of' relation of 'wonsan' to itself: left out "
        r"\[briefing\.glossary-self-relation\]",
        rf"{where}wonsan-copy\.toml:1: WARNING: id: duplicate id 'wonsan': wonsan\.toml is "
        r"used, as it is named after the id; this file is left out "
        r"\[briefing\.glossary-duplicate-id\]",
        rf"{where}north-korea\.toml:{circle_line}: "
        r"WARNING: relations\.\d+\.target: part-of/located-in relations go round in a circle: "
        r"north-korea part-of wonsan, wonsan located-in north-korea \(kept as written\) "
        r"\[briefing\.glossary-relation-cycle\]",
    ]
    for pattern in expected:
        assert re.search(pattern, warnings), (pattern, warnings)
    assert len(re.findall("WARNING", warnings)) == len(expected), warnings

    # «في» (and «فى») never link: every mention of the book is what it is without them.
    clean = built("seed")
    assert mentions(app) == mentions(clean)
    everything = [m for found in mentions(app).values() for m in found]
    assert not [m for m in everything if fold_text(str(m["text"])) == "في"]
    assert any(m["entity"] == "wonsan" for m in everything)

    # The entry keeps its other aliases and its relations; the self relation is not shown,
    # the circle is (kept as written); the copy is left out; the rest of the book builds.
    glossary = app.env.domains["briefing"].data["glossary"]
    assert glossary["wonsan"]["data"]["aliases"]["ar"] == ["ونسان", "وون سان"]
    assert glossary["wonsan"]["data"]["relations"] == [
        {"type": "located-in", "target": "north-korea"}
    ]
    assert glossary["wonsan"]["path"].endswith("wonsan.toml")
    page = BeautifulSoup((app.outdir / "entries.html").read_text(encoding="utf-8"), "html.parser")
    wonsan = page.select_one("section#wonsan")
    assert "مدينة زائفة" not in wonsan.get_text()
    assert [a["href"] for a in wonsan.select("ul.briefing-relations a")] == ["#north-korea"]
    north_korea = page.select_one("section#north-korea")
    assert "#wonsan" in [a["href"] for a in north_korea.select("ul.briefing-relations a")]
    article = BeautifulSoup(
        (app.outdir / "articles" / "lavrov-wonsan.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = article.select("a.briefing-mention[href$='#wonsan']")
    shown = {fold_text(str(a.find(string=True))) for a in links}
    assert links and shown <= {"وونسان", "ونسان", "وون سان"}, shown
