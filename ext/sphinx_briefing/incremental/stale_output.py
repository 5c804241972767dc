"""Remove the HTML pages of articles that no longer exist.

Sphinx never deletes output: an article removed from the sources keeps its page and its
``_sources`` copy in ``build/html``, and copying that folder publishes them. At the end of
an HTML build this records the documents the book has (``env.all_docs``) in
``<doctrees>/briefing-written-<builder>.json``, and removes ``<docname>.html`` and
``_sources/<docname>.*`` of every document the previous record has and this build has not.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

logger = logging.getLogger(__name__)


def record_path(app: Sphinx) -> Path:
    """Where the documents of the last build with ``app``'s builder are recorded."""
    return Path(app.doctreedir) / f"briefing-written-{app.builder.name}.json"


def _previous(path: Path) -> set[str]:
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("docnames", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {name for name in found if isinstance(name, str)} if isinstance(found, list) else set()


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def stale_files(app: Sphinx, gone: set[str]) -> list[Path]:
    """The output files of the documents in ``gone``: their pages and source copies."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    outdir = Path(app.outdir)
    found: list[Path] = []
    for docname in sorted(gone):
        found.append(Path(builder.get_outfilename(docname)))
        sources = outdir / "_sources" / docname
        found.extend(sources.parent.glob(f"{sources.name}.*") if sources.parent.is_dir() else [])
    return [path for path in found if path.is_file() and _inside(path, outdir)]


def remove_stale_output(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remove the output of documents gone since the last build."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    current = set(app.env.all_docs)
    path = record_path(app)
    gone = _previous(path) - current
    for stale in stale_files(app, gone):
        stale.unlink()
        logger.info("removed stale output %s", stale.relative_to(app.outdir))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"docnames": sorted(current)}, indent=1) + "\n", encoding="utf-8")
