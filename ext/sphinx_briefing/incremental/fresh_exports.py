"""Skip regenerating whole-book outputs whose inputs have not changed since the last build.

A digest of the inputs (:func:`sphinx_briefing.cache.digest`) is kept in the doctree directory
(per builder and output), so a build that changed nothing does not rewrite exports
computed from every article.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def _record(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"briefing-{name}-{app.builder.name}.digest"


def is_current(app: Sphinx, name: str, digest: str) -> bool:
    """Whether ``digest`` is the one recorded by :func:`mark_current` for this output."""
    record = _record(app, name)
    return record.is_file() and record.read_text(encoding="ascii") == digest


def mark_current(app: Sphinx, name: str, digest: str) -> None:
    """Record the inputs' ``digest`` once the output ``name`` has been written from them."""
    record = _record(app, name)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(digest, encoding="ascii")


def forget_all(app: Sphinx) -> None:
    """Forget every output's digest for this builder (after a build that did not finish,
    whose outputs may be partly written), so each is written again."""
    for record in Path(app.doctreedir).glob(f"briefing-*-{app.builder.name}.digest"):
        record.unlink(missing_ok=True)
