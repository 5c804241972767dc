"""A book made of the development set's real pasted articles: it builds without a warning,
every character of every file is accounted for (the fidelity check), set-aside lines are
listed, and the landing page says what it knows of each source and date."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.helpers import TESTS, BuildFn, warnings_of

REAL = TESTS / "data" / "real"


def test_real_articles_build_cleanly_with_nothing_lost(build: BuildFn) -> None:
    gold = json.loads((REAL / "roles.json").read_text(encoding="utf-8"))
    files: dict[str, bytes | str] = {
        f"articles/{name}": (REAL / name).read_bytes() for name in sorted(gold)
    }
    app: SphinxTestApp = build(files=files)
    assert warnings_of(app) == ""  # no fidelity warning: no text lost or reordered
    records = app.env.domaindata["briefing"]["articles"]
    assert len(records) == len(gold)
    assert all(len(r["original_headline"]) <= 150 for r in records.values())
    aside = 0
    for name in gold:
        page = BeautifulSoup(
            (app.outdir / "articles" / name.replace(".txt", ".html")).read_text("utf-8"),
            "html.parser",
        )
        listed = page.select("details.briefing-set-aside li")
        record = records[f"articles/{name[:-4]}"]
        assert len(listed) == record["set_aside"], name
        aside += len(listed)
    assert aside > 50
    index = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    metas = [p.get_text() for p in index.select("p.briefing-article-meta")]
    assert len(metas) == len(gold)
    assert any("دون تاريخ" in m for m in metas) and any("20" in m for m in metas)
