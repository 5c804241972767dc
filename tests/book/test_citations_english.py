"""Citations and the machine-readable exports of the English edition (``make html-en``):
English citations that name the Arabic original, the same keys as the Arabic book, every
format still read by a real parser; ``glossary.json`` with each mention's language."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import rispy
from babel.messages.pofile import read_po
from pybtex.database import parse_file, parse_string

from sphinx_briefing import glossary
from sphinx_briefing.search.glossary_search import mention_counts
from sphinx_briefing.text.linker import Linker
from tests.helpers import REPO, BookSite, page_citations

ARTICLE = "articles/lavrov-wonsan.html"
P1 = "briefing:lavrov-wonsan:p1"
PROSE = ("chicago", "apa", "mla")
SIDECAR = REPO / "docs" / "articles" / "lavrov-wonsan.meta.toml"
CATALOGUE = REPO / "locales" / "en" / "LC_MESSAGES" / "articles.po"
GLOSSARY = REPO / "docs" / "glossary" / "entries"


def embedded(html_dir: Path) -> dict[str, dict[str, str]]:
    """The citations the article page offers in its Cite panel (from its citation script)."""
    data = page_citations(html_dir / ARTICLE)
    assert data
    return data


def arabic_headline() -> str:
    with SIDECAR.open("rb") as handle:
        return str(tomllib.load(handle)["article"]["headline"])


def english_headline() -> str:
    """The headline's translation, read from the catalogue itself."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    message = catalogue.get(arabic_headline())
    assert message is not None and message.string
    return str(message.string)


def export(html_dir: Path, name: str) -> Path:
    return html_dir / "_briefing" / name


def test_paragraph_citation_is_english_and_names_the_original(
    english_site: BookSite,
) -> None:
    cited = embedded(english_site.outdir)[P1]
    original = arabic_headline()
    for style in PROSE:
        text = cited[style]
        assert english_headline() in text, style
        assert f"Translated from the Arabic original: «{original}» (وكالات, 2025-07-12)" in text
        assert "¶1" in text and "articles/lavrov-wonsan.html#p1" in text
        assert "Briefing book: Russia and North Korea" in text  # the English book's title
        # The Arabic headline is there only as the original's, not as the title.
        assert text.count(original) == 1
    item = json.loads(cited["csl-json"])
    assert item["title"] == f"¶1 of {english_headline()}"
    assert item["original-title"] == original
    assert item["language"] == "en"
    assert item["custom"] == {"original-language": "ar"}


def test_keys_are_identical_across_editions(
    english_site: BookSite,
    arabic_book: Path,
) -> None:
    assert embedded(english_site.outdir).keys() == embedded(arabic_book).keys()
    assert P1 in embedded(english_site.outdir)

    def ids(html_dir: Path) -> list[str]:
        items = json.loads(export(html_dir, "citations.json").read_text(encoding="utf-8"))
        return [str(item["id"]) for item in items]

    assert ids(english_site.outdir) == ids(arabic_book)
    # Every embedded BibTeX entry keeps its key.
    for key, styles in embedded(english_site.outdir).items():
        assert styles["bibtex"].split("\n", 1)[0].endswith(f"{{{key},")


def test_arabic_edition_cites_the_original_as_before(arabic_book: Path) -> None:
    cited = embedded(arabic_book)[P1]
    item = json.loads(cited["csl-json"])
    assert item["title"] == f"¶1 of {arabic_headline()}"
    assert item["language"] == "ar"
    assert item["note"] == "Arabic news article, وكالات"
    assert "original-title" not in item and "custom" not in item
    assert "Translated" not in cited["chicago"]
    assert "origtitle" not in cited["bibtex"] and "language = {arabic}" in cited["bibtex"]
    assert "\nOP  - " not in cited["ris"]


def test_bibtex_of_the_english_edition_parses_with_pybtex(
    english_site: BookSite,
) -> None:
    bib = parse_file(str(export(english_site.outdir, "citations.bib")), "bibtex")
    entry = bib.entries[P1]
    assert entry.type == "incollection"
    assert entry.fields["title"] == f"¶1 of {english_headline()}"
    assert entry.fields["origtitle"] == arabic_headline()
    assert entry.fields["language"] == "english"
    assert entry.fields["origlanguage"] == "arabic"
    assert f"«{arabic_headline()}»" in entry.fields["note"]
    assert entry.fields["booktitle"] == "Briefing book: Russia and North Korea"
    # The panel's copy is the same entry, and parses on its own too.
    alone = parse_string(embedded(english_site.outdir)[P1]["bibtex"], "bibtex")
    assert dict(alone.entries[P1].fields) == dict(entry.fields)
    # A glossary entry: the English name first.
    lavrov = bib.entries["briefing:entry:sergey-lavrov"]
    assert lavrov.fields["title"] == "Sergey Lavrov (سيرغي لافروف)"
    assert "origtitle" not in lavrov.fields


def test_ris_of_the_english_edition_parses_with_rispy(english_site: BookSite) -> None:
    with export(english_site.outdir, "citations.ris").open(encoding="utf-8") as handle:
        records = {record["id"]: record for record in rispy.load(handle)}
    record = records[P1]
    assert record["title"] == f"¶1 of {english_headline()}"
    assert record["language"] == "en"
    assert record["original_publication"] == arabic_headline()
    assert any(f"«{arabic_headline()}»" in note for note in record["notes"])
    (alone,) = rispy.loads(embedded(english_site.outdir)[P1]["ris"])
    assert alone["original_publication"] == arabic_headline()


# citeproc-py predates CSL-JSON 1.0.2's ``custom`` (where the original's language is): it
# warns that it does not use it, and renders the rest.
@pytest.mark.filterwarnings(
    "ignore:The following arguments for Reference are unsupported:UserWarning"
)
def test_csl_json_of_the_english_edition_renders_with_citeproc(
    english_site: BookSite,
) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(export(english_site.outdir, "citations.json").read_text(encoding="utf-8"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(P1)]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert english_headline() in rendered
    assert "2025" in rendered


def cite(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "briefing"
    return subprocess.run(
        [str(script), "cite", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_cli_cites_the_english_edition(english_site: BookSite, tmp_path: Path) -> None:
    # `--edition en` reads build/html-en (make html-en) under the working directory.
    missing = cite("lavrov-wonsan:p1", "--edition", "en", cwd=tmp_path)
    assert missing.returncode == 2
    assert "build/html-en/_briefing/citations.json" in missing.stderr
    assert "make html-en" in missing.stderr
    target = tmp_path / "build" / "html-en" / "_briefing"
    target.mkdir(parents=True)
    shutil.copy(export(english_site.outdir, "citations.json"), target)
    result = cite("lavrov-wonsan:p1", "--edition", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == embedded(english_site.outdir)[P1]["chicago"] + "\n"
    bib = cite("lavrov-wonsan:s3", "--edition", "en", "--style", "bibtex", cwd=tmp_path)
    assert bib.stdout.startswith("@incollection{briefing:lavrov-wonsan:s3,")
    assert "origlanguage = {arabic}" in bib.stdout
    bad = cite("lavrov-wonsan:p1", "--edition", "../x", cwd=tmp_path)
    assert bad.returncode == 2 and "not a language code" in bad.stderr


# glossary.json


def mentions(html_dir: Path) -> dict[str, list[dict[str, object]]]:
    data = json.loads(export(html_dir, "glossary.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry["mentions"] for entry in data["entries"]}


@pytest.mark.parametrize("edition", ["ar", "en"])
def test_glossary_json_records_both_languages(
    edition: str,
    english_site: BookSite,
    arabic_book: Path,
) -> None:
    html_dir = english_site.outdir if edition == "en" else arabic_book
    found = mentions(html_dir)
    every = [m for listed in found.values() for m in listed]
    assert {m["lang"] for m in every} == {"ar", "en"}
    # The edition's own language is the text shown; the other is recorded, not shown.
    for mention in every:
        assert mention["shown"] is (mention["lang"] == edition), mention
    for entity, listed in found.items():
        flags = [bool(m["shown"]) for m in listed]
        assert flags == sorted(flags, reverse=True), f"{entity}: shown mentions come first"
    lavrov = found["sergey-lavrov"]
    assert {(m["lang"], m["text"]) for m in lavrov} >= {
        ("ar", "سيرجي لافروف"),
        ("en", "Sergey Lavrov"),
    }
    # A shown mention of the original still points into the article file.
    if edition == "ar":
        lines = (REPO / "seeds" / "lavrov-wonsan.txt").read_text(encoding="utf-8").split("\n")
        for mention in (m for m in every if m["shown"]):
            line = lines[int(str(mention["line"])) - 1]
            assert line[int(str(mention["start"])) : int(str(mention["end"]))] == mention["text"]


def test_english_mention_counts_count_the_english_text(
    english_site: BookSite,
    arabic_book: Path,
) -> None:
    # What the English text names: the linker over the catalogue's translations.
    loaded = glossary.load(GLOSSARY)
    finder = Linker(loaded.aliases("en"), {entry.id for entry in loaded.of_type("person")})
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    # Names nested in a longer mention (a country in a war's name) count too.
    expected: collections.Counter[str] = collections.Counter(
        entity
        for message in catalogue
        if message.id and message.string
        for found in finder.find(str(message.string))
        for entity in (found.entity, *(inner.entity for inner in found.nested))
    )
    data = json.loads(export(english_site.outdir, "glossary.json").read_text(encoding="utf-8"))
    counts = mention_counts(data)
    assert {k: v for k, v in counts.items() if v} == dict(expected)
    assert counts["sergey-lavrov"] == 7
    # Not the parallel count: the Arabic original's mentions are in the export too.
    assert len(mentions(english_site.outdir)["sergey-lavrov"]) > counts["sergey-lavrov"]
    arabic = json.loads(export(arabic_book, "glossary.json").read_text(encoding="utf-8"))
    arabic_counts = mention_counts(arabic)
    assert arabic_counts["sergey-lavrov"] == sum(
        1 for m in mentions(arabic_book)["sergey-lavrov"] if m["lang"] == "ar"
    )


def test_search_cli_counts_the_editions_mentions(english_site: BookSite) -> None:
    script = Path(sys.executable).parent / "briefing"
    result = subprocess.run(
        [
            str(script),
            "search",
            "Lavrov",
            "--format",
            "json",
            "--glossary",
            str(GLOSSARY),
            "--export",
            str(export(english_site.outdir, "glossary.json")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["mentions"] == 7


def test_mention_counts_leave_out_mentions_not_shown() -> None:
    export_data = {
        "entries": [
            {"id": "kcna", "mentions": [{"shown": True}, {"shown": False}, {}]},
            {"id": "seoul", "mentions": [{"shown": False}]},
        ]
    }
    # A mention without the flag (an export from before editions) counts.
    assert mention_counts(export_data) == {"kcna": 2, "seoul": 0}
