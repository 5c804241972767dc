"""The search page's data for entity results and paragraph-level hits.

``_static/briefing/search/entities.js`` carries every glossary entry (names and aliases
folded, type, short descriptions); ``_static/briefing/search/<article>.js`` carries one
article's numbered paragraphs, loaded only when that article is among the results and
shown (``search.js`` loads the first 20 at once, the others as they scroll into view).
Both are plain scripts (not JSON fetched at run time) so search works from ``file://`` too.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from sphinx_briefing.cache import digest, source_digest
from sphinx_briefing.domain import get_domain
from sphinx_briefing.incremental.fresh_exports import is_current, mark_current
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.vocabulary import TYPE_LABELS

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


def write_search_data(app: Sphinx, exception: Exception | None) -> None:
    """Write the entity and paragraph scripts (``build-finished``, HTML builders)."""
    if exception is not None or app.builder.format != "html":
        return
    domain = get_domain(app.env)
    out = Path(app.outdir) / "_static" / DATA_DIR
    # Unchanged articles, glossary and language: the files are those of the last build.
    inputs = digest(domain.revision(), app.config.language, _code_version())
    if is_current(app, "search-data", inputs) and (out / "entities.js").is_file():
        return
    entities = []
    for entry in sorted(domain.glossary().entries.values(), key=lambda e: e.id):
        where = domain.entities.get(entry.id)
        if where is None:
            continue
        names = [*entry.aliases("ar"), *entry.aliases("en"), *entry.adjectives("ar")]
        names += [n for lang, n in entry.names.items() if lang not in ("ar", "en")]
        entities.append(
            {
                "id": entry.id,
                "doc": where["docname"],
                "anchor": where["anchor"],
                "type": entry.type,
                "type_label": _(TYPE_LABELS[entry.type]),
                "ar": entry.names["ar"],
                "en": entry.names["en"],
                "names": sorted({fold_text(n) for n in names}),
                "short_ar": entry.description["short_ar"],
                "short_en": entry.description["short_en"],
            }
        )
    articles = {docname: data_file(docname) for docname in sorted(domain.articles)}
    _write(
        out / "entities.js",
        _script("BRIEFING_ENTITIES", None, entities) + _script("BRIEFING_ARTICLES", None, articles),
    )
    for docname, paragraphs in domain.paragraphs.items():
        rows = [{"a": anchor, "n": label, "t": text} for anchor, label, text in paragraphs]
        _write(out / data_file(docname), _script("BRIEFING_PARAGRAPHS", docname, rows))
    mark_current(app, "search-data", inputs)


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
        app.add_js_file("briefing/search.js", defer="defer")
