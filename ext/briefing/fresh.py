"""Skip regenerating whole-book outputs whose inputs have not changed since the last build.

A digest of the inputs is kept in the doctree directory (per builder and output), so a
build that changed nothing does not rewrite exports computed from every article.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from sphinx.application import Sphinx


def _digest(inputs: object) -> str:
    return hashlib.sha256(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def _record(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"briefing-{name}-{app.builder.name}.digest"


def is_current(app: Sphinx, name: str, inputs: object) -> bool:
    """Whether ``inputs`` are those recorded by :func:`mark_current` for this output."""
    record = _record(app, name)
    return record.is_file() and record.read_text(encoding="ascii") == _digest(inputs)


def mark_current(app: Sphinx, name: str, inputs: object) -> None:
    """Record ``inputs`` once the output ``name`` has been written from them."""
    record = _record(app, name)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(_digest(inputs), encoding="ascii")
