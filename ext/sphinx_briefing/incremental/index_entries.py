"""The search index keeps its index entries through a rebuild.

Sphinx 9 keeps the index entries of ``searchindex.js`` (``indexentries``: the glossary's
entry names, aliases and types) in the environment, fills them as pages are written, and
saves the environment before writing. ``IndexBuilder.load`` restores the words and titles of
the pages not written again from the old ``searchindex.js``, but not their index entries:
every rebuild that did not write the glossary pages again, a no-change rebuild included,
dropped all of them, and the search index differed from a clean build's.

So the entries are kept in ``<doctrees>/briefing-index-entries-<builder>.pickle`` at the end
of each successful build and put back, for the documents the book still has, before the
next build writes (``write-started``); the pages written again replace theirs. They are put
back in document order, the order a clean build feeds them in, so the index comes out the
same. Without the private attribute (another Sphinx) nothing is done.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder

from sphinx_briefing.cache import write_atomically

#: Where Sphinx keeps the index entries, by document (``sphinx.search.IndexBuilder``).
ATTRIBUTE = "_search_index_index_entries"


def record_path(app: Sphinx) -> Path:
    """The kept index entries of the last build with ``app``'s builder."""
    return Path(app.doctreedir) / f"briefing-index-entries-{app.builder.name}.pickle"


def _searchable(app: Sphinx) -> bool:
    return bool(getattr(app.builder, "search", False)) and hasattr(app.env, ATTRIBUTE)


def restore(app: Sphinx, builder: Builder) -> None:
    """``write-started``: the last build's entries of the documents the book still has."""
    if not _searchable(app):
        return
    try:
        with record_path(app).open("rb") as stream:
            kept = pickle.load(stream)
    except Exception:  # a missing or damaged record: the pages written now give theirs
        return
    if not isinstance(kept, dict):
        return
    current: dict[str, Any] = getattr(app.env, ATTRIBUTE)
    merged = {
        docname: current.get(docname, kept.get(docname, [])) for docname in sorted(app.env.all_docs)
    }
    current.clear()
    current.update(merged)  # the same object: the index builder holds it


def save(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep this build's entries for the next."""
    if exception is not None or not _searchable(app):
        return
    entries: dict[str, Any] = getattr(app.env, ATTRIBUTE)
    kept = {docname: entries[docname] for docname in sorted(entries) if docname in app.env.all_docs}

    def write(tmp: Path) -> None:
        with tmp.open("wb") as stream:
            pickle.dump(kept, stream, pickle.HIGHEST_PROTOCOL)

    write_atomically(record_path(app), write)


def setup(app: Sphinx) -> None:
    """Connect the two handlers (called from the extension's ``setup``)."""
    app.connect("write-started", restore)
    app.connect("build-finished", save)
