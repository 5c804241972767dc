"""A build that did not finish is made whole by the next one.

Sphinx saves the environment after reading and before writing. A build stopped while it
writes (Ctrl-C, a kill, a crash of the machine) leaves an environment that says every
document is up to date, with output that is not: pages drawn from every article that were
due to be written again are not (the glossary's "Mentioned in" anchors stay those of the
last complete build), ``searchindex.js`` covers only the pages written before the stop, a
page may be cut off half-way, and the whole-book exports may be missing or old. Sphinx's
own checks never notice, and later builds keep the damage for good.

So a build records that it finished: ``<doctrees>/briefing-finished-<builder>``, written at
``build-finished`` when the build succeeded and removed at ``builder-inited``, before
anything else is written. A build that starts with an environment but without the record
follows one that did not finish: it writes every page again (which rebuilds the search
index from nothing) and forgets the whole-book exports' digests, so they are written again
too. Reading is Sphinx's business and needs no help: an environment is saved only once
reading is complete, so documents whose reading was cut short are read again anyway.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_briefing.incremental.fresh_exports import forget_all
from sphinx_briefing.report import logger

#: Set on the application when the previous build with its builder did not finish.
_UNFINISHED = "_briefing_unfinished"


def record_path(app: Sphinx) -> Path:
    """The record that the last build with ``app``'s builder finished."""
    return Path(app.doctreedir) / f"briefing-finished-{app.builder.name}"


def start(app: Sphinx) -> None:
    """``builder-inited`` (after the lock is taken): note whether the last build finished,
    then remove the record until this one has."""
    record = record_path(app)
    # A new environment (first build, ``-E``, a damaged pickle) writes every page anyway.
    unfinished = bool(app.env.all_docs) and not record.is_file()
    setattr(app, _UNFINISHED, unfinished)
    if unfinished:
        logger.info(
            "briefing: the last build did not finish: every page, the search index and the "
            "exports are written again",
            color="darkgray",
        )
        forget_all(app)
        # Sphinx loads the old index and prunes the pages it writes again, which keeps
        # their words as empty entries: without the old index it is made from nothing.
        index = getattr(app.builder, "searchindex_filename", "")
        if index:
            (Path(app.outdir) / index).unlink(missing_ok=True)
    record.unlink(missing_ok=True)


def pages_to_redo(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every document, after a build that did not finish."""
    return sorted(env.found_docs) if getattr(app, _UNFINISHED, False) else []


def finish(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, after every other handler of the extension: record a success."""
    if exception is not None:
        return
    record = record_path(app)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("finished\n", encoding="ascii")
    setattr(app, _UNFINISHED, False)


def setup(app: Sphinx) -> None:
    """Connect the three handlers (called from the extension's ``setup``)."""
    # After the lock (priority 1): a build refused by the lock must not touch the record.
    app.connect("builder-inited", start, priority=2)
    app.connect("env-get-updated", pages_to_redo)
    # After the exports, the search data, the PDF, the fragments (900); before the lock
    # is let go (1000).
    app.connect("build-finished", finish, priority=950)
