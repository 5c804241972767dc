"""The search page loads this build's search data: its ``?v=`` is the checksum of the file
the build wrote, in a clean build and in a rebuild after the glossary changed, so a browser
never keeps an older copy of the entities under the same address."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.builders.html._assets import _file_checksum_inner

from tests.helpers import ROOTS, sphinx_build

DATA = "_static/briefing/search/entities.js"


def loaded_version(html: Path) -> str:
    """The ``?v=`` the search page gives the entities' script (empty when it gives none)."""
    page = (html / "search.html").read_text(encoding="utf-8")
    found = re.search(r'src="(?:\./)?' + re.escape(DATA) + r'(?:\?v=([0-9a-f]+))?"', page)
    assert found is not None, "the search page does not load the entities"
    return found.group(1) or ""


def checksum(path: Path) -> str:
    # Sphinx's own computation, without the per-process memo (this process reads the same
    # path after each build).
    return str(_file_checksum_inner.__wrapped__(path))


def test_the_search_page_loads_the_entities_this_build_wrote(tmp_path: Path) -> None:
    source = tmp_path / "src"
    # A copy of the files the links point to: the glossary is changed below.
    shutil.copytree(ROOTS / "test-search-names", source)
    out = tmp_path / "out"
    first = sphinx_build(source, out)
    assert first.returncode == 0, first.stderr
    html = out / "html"
    before = checksum(html / DATA)
    assert loaded_version(html) == before
    # A new entry: the entities change, and the rebuilt search page says so.
    (source / "glossary" / "kazan.toml").write_text(
        'id = "kazan"\ntype = "place"\n\n[names]\nar = "قازان"\nen = "Kazan"\n\n'
        '[description]\nshort_ar = "مدينة روسية."\nshort_en = "A Russian city."\n',
        encoding="utf-8",
    )
    again = sphinx_build(source, out)
    assert again.returncode == 0, again.stderr
    after = checksum(html / DATA)
    assert after != before and "kazan" in (html / DATA).read_text(encoding="utf-8")
    assert loaded_version(html) == after
