"""The search page's data for entity results and paragraph-level hits.

``_static/briefing/search/entities.js`` carries every glossary entry (its names and aliases,
and apart its adjectives, folded as ``briefing search`` reads them; type, short descriptions;
how often each article mentions it, for ranking), the articles' data files and the entry
types in order; ``_static/briefing/search/<article>.js`` carries one article's numbered
paragraphs and the dates of its Sources section, loaded only when that article is among the
results and shown (``search.js`` loads the first 20 at once, the others as they scroll into
view). Both are plain scripts (not JSON fetched at run time) so search works from
``file://`` too.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.locale import _

from sphinx_briefing.cache import digest, source_digest
from sphinx_briefing.domain import get_domain
from sphinx_briefing.glossary import Entry
from sphinx_briefing.incremental.fresh_exports import is_current, mark_current
from sphinx_briefing.records import ArticleRecord
from sphinx_briefing.search.glossary_search import name_texts
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.vocabulary import TYPE_LABELS, TYPES

DATA_DIR = "briefing/search"


def _script(variable: str, key: str | None, value: Any) -> str:
    # Article text is data: JSON-encoded, and "</" broken up so no </script> can end it.
    payload = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    if key is None:
        return f"window.{variable} = {payload};\n"
    target = f"window.{variable}"
    return f"{target} = {target} || {{}};\n{target}[{json.dumps(key)}] = {payload};\n"


def data_file(docname: str) -> str:
    """The per-article script's name: stable, ASCII, no directories."""
    return hashlib.sha1(docname.encode("utf-8")).hexdigest()[:16] + ".js"


def _write(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_search_data(app: Sphinx, builder: Builder) -> None:
    """Write the entity and paragraph scripts (``write-started``, HTML builders with a search
    page): before the pages, so the search page's ``?v=`` is this build's file's checksum
    (written at the end, a clean build gave none and a rebuild the last build's)."""
    if builder.format != "html" or not getattr(builder, "search", False):
        return
    domain = get_domain(app.env)
    out = Path(app.outdir) / "_static" / DATA_DIR
    # Unchanged articles, glossary and language: the files are those of the last build.
    inputs = digest(domain.revision(), app.config.language, _code_version())
    if is_current(app, "search-data", inputs) and (out / "entities.js").is_file():
        return
    articles = {docname: data_file(docname) for docname in sorted(domain.articles)}
    numbers = {docname: number for number, docname in enumerate(articles)}
    mentions = _mention_counts(domain.mentions_by_entity(), numbers)
    entities = []
    for entry in sorted(domain.glossary().entries.values(), key=lambda e: e.id):
        where = domain.entities.get(entry.id)
        if where is None:
            continue
        names, adjectives = entity_names(entry)
        entities.append(
            {
                "id": entry.id,
                "doc": where["docname"],
                "anchor": where["anchor"],
                "type": entry.type,
                "type_label": _(TYPE_LABELS[entry.type]),
                "ar": entry.names["ar"],
                "en": entry.names["en"],
                "names": names,
                "adj": adjectives,
                "short_ar": entry.description["short_ar"],
                "short_en": entry.description["short_en"],
                "m": mentions.get(entry.id, []),
            }
        )
    _write(
        out / "entities.js",
        _script("BRIEFING_ENTITIES", None, entities)
        + _script("BRIEFING_ARTICLES", None, articles)
        + _script("BRIEFING_TYPES", None, list(TYPES)),
    )
    for docname, paragraphs in domain.paragraphs.items():
        rows = [{"a": anchor, "n": label, "t": text} for anchor, label, text in paragraphs]
        record = domain.articles.get(docname)
        if record is not None:
            rows += _sources_rows(record)
        _write(out / data_file(docname), _script("BRIEFING_PARAGRAPHS", docname, rows))
    mark_current(app, "search-data", inputs)


def entity_names(entry: Entry) -> tuple[list[str], list[str]]:
    """An entry's names and aliases, then its other adjectives, folded: what the search
    page's matcher compares queries with, as ``briefing search`` does (every language)."""
    texts = list(name_texts(entry))
    names = sorted({fold_text(text) for field, text in texts if field != "adjective"})
    adjectives = {fold_text(text) for field, text in texts if field == "adjective"}
    return names, sorted(adjectives - set(names))


def _mention_counts(
    by_entity: dict[str, list[tuple[str, Any]]], numbers: dict[str, int]
) -> dict[str, list[int]]:
    """Per entity, ``[article, count, article, count, …]``: how many times each article
    (by its position in ``BRIEFING_ARTICLES``) mentions it in the text it shows, most first."""
    found: dict[str, list[int]] = {}
    for entity, mentions in by_entity.items():
        counts: dict[int, int] = {}
        for docname, _mention in mentions:
            if docname in numbers:
                counts[numbers[docname]] = counts.get(numbers[docname], 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        found[entity] = [n for pair in ranked for n in pair]
    return found


def _sources_rows(record: ArticleRecord) -> list[dict[str, str]]:
    """The dates of the article's Sources section, as one row: an article is found by its
    date (``2025``, «يوليو 2025») and the row says where."""
    known = ((_("Published"), record["published"]), (_("Date of the events"), record["event_date"]))
    dates = [f"{label}: {value}" for label, value in known if value]
    return [{"a": "sources", "n": _("Sources"), "t": " — ".join(dates)}] if dates else []


@functools.cache
def _code_version() -> str:
    return source_digest(write_search_data)


def add_search_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the search data and the result enhancer on the search page only."""
    if pagename == "search":
        # Deferred: they run after searchtools.js, before the search starts.
        app.add_js_file(f"{DATA_DIR}/entities.js", defer="defer")
        app.add_js_file("briefing/search-match.js", defer="defer")
        app.add_js_file("briefing/search.js", defer="defer")
