"""The garbage collector during a build.

A build holds hundreds of thousands of long-lived container objects (the environment's tables
of contents and domain data, the doctrees being resolved and written). With CPython's default
thresholds (700, 10, 10) the collector starts a collection every 700 net allocations and keeps
rescanning them, which dominates loading the environment of a large book. A higher
young-generation threshold makes full and incremental builds faster for a little more peak
memory; the measurements are in ``benchmarks/README.md``.

Once reading ends the environment no longer changes, yet each full collection while the pages
are written walks all of it again (about half a second at 1,000 articles, several times per
build). :class:`EnvironmentFreeze` moves it out of the collector's sight for the rest of the
build.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

#: CPython's own thresholds: only these are raised (a host process that set its own keeps them).
PYTHON_DEFAULTS = (700, 10, 10)


def tune_collector(app: Sphinx, config: Config) -> None:
    """Raise the young generation's threshold to ``briefing_gc_threshold`` (``config-inited``:
    before the environment is loaded). 0 leaves the collector as it is."""
    threshold = int(config.briefing_gc_threshold)
    if threshold <= 0 or gc.get_threshold() != PYTHON_DEFAULTS:
        return
    gc.set_threshold(threshold, *PYTHON_DEFAULTS[1:])


class EnvironmentFreeze:
    """Freeze the objects alive when reading ends (``env-updated``) and thaw them when the
    build ends (``build-finished``).

    Only a build that read a good part of the book freezes: writing a few pages sets off no
    full collection worth saving, and the collection before freezing would cost a no-change
    or one-article rebuild about half a second. One instance per application: whether this
    build froze is the listener's own state, so a process that froze objects of its own
    before the build keeps them frozen afterwards.
    """

    #: The share of the book's documents a build must read to freeze (Python starts a full
    #: collection once the objects made since the last one reach a quarter of the old ones).
    SHARE_READ = 0.25

    def __init__(self) -> None:
        self.frozen = False
        self.reading: list[str] = []

    def note_reading(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """Keep the list of documents this build reads (``env-before-read-docs``; other
        listeners may still add to it)."""
        self.reading = docnames

    def freeze(self, app: Sphinx, env: BuildEnvironment) -> None:
        """Collect what reading left behind, then freeze the rest (``env-updated``)."""
        if self.frozen or int(app.config.briefing_gc_threshold) <= 0 or gc.get_freeze_count():
            return  # turned off, or the host process manages frozen objects itself
        if not self.reading or len(self.reading) < self.SHARE_READ * len(env.found_docs):
            return
        gc.collect()  # garbage frozen now would stay until the build ends
        gc.freeze()
        self.frozen = True

    def thaw(self, app: Sphinx, exception: BaseException | None) -> None:
        """Hand the frozen objects back to the collector (``build-finished``)."""
        self.reading = []
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def thaw_on_failure(self, app: Sphinx, exception: BaseException | None) -> None:
        """Thaw before any other listener when the build failed (``build-finished``, first):
        Sphinx emits the event again after a listener raised, and one that raises again
        would keep :meth:`thaw` from running."""
        if exception is not None:
            self.thaw(app, exception)


def setup(app: Sphinx) -> None:
    """Connect the collector's tuning to the build's events."""
    freeze = EnvironmentFreeze()
    app.connect("config-inited", tune_collector)
    app.connect("env-before-read-docs", freeze.note_reading)
    app.connect("env-updated", freeze.freeze, priority=1000)  # the last listener
    app.connect("build-finished", freeze.thaw_on_failure, priority=0)
    app.connect("build-finished", freeze.thaw, priority=1000)  # after every export
