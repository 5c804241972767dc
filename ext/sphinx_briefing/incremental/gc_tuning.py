"""The garbage collector's thresholds during a build.

A build holds hundreds of thousands of long-lived container objects (the environment's tables
of contents and domain data, the doctrees being resolved and written). With CPython's default
thresholds (700, 10, 10) the collector starts a collection every 700 net allocations and keeps
rescanning them, which dominates loading the environment of a large book. A higher
young-generation threshold makes full and incremental builds faster for a little more peak
memory; the measurements are in ``benchmarks/README.md``.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config

#: CPython's own thresholds: only these are raised (a host process that set its own keeps them).
PYTHON_DEFAULTS = (700, 10, 10)


def tune_collector(app: Sphinx, config: Config) -> None:
    """Raise the young generation's threshold to ``briefing_gc_threshold`` (``config-inited``:
    before the environment is loaded). 0 leaves the collector as it is."""
    threshold = int(config.briefing_gc_threshold)
    if threshold <= 0 or gc.get_threshold() != PYTHON_DEFAULTS:
        return
    gc.set_threshold(threshold, *PYTHON_DEFAULTS[1:])
