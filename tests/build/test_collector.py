"""The garbage collector during a build: the raised threshold, and the environment frozen
while the pages are written (``incremental/gc_tuning.py``)."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

from tests.helpers import ROOTS

MakeApp = Callable[..., SphinxTestApp]


def copy_root(name: str, target: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


class Cycle:
    """Garbage only the collector can free: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


class FreezeProbe:
    """What the collector's frozen count was while documents were read and written."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.reading: list[int] = []
        self.writing: list[int] = []
        self.dropped: list[weakref.ref[Cycle]] = []
        self.finishing: list[int] = []
        app.connect("source-read", self.read)
        app.connect("doctree-resolved", self.write)
        app.connect("build-finished", self.finish, priority=999)  # before the thaw

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        self.finishing.append(gc.get_freeze_count())

    def read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        self.reading.append(gc.get_freeze_count())
        self.dropped.append(weakref.ref(Cycle()))  # dropped at once, freed only by a collection

    def write(self, app: Sphinx, doctree: object, docname: str) -> None:
        self.writing.append(gc.get_freeze_count())


@pytest.fixture(autouse=True)
def _nothing_frozen() -> None:
    assert gc.get_freeze_count() == 0, "an earlier test left objects frozen"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_environment_is_frozen_while_pages_are_written_and_thawed_after(
    make_app: MakeApp, tmp_path: Path, jobs: int
) -> None:
    app = make_app("html", srcdir=copy_root("coverage", tmp_path / "src"), parallel=jobs)
    probe = FreezeProbe(app)
    app.build()
    assert probe.writing and min(probe.writing) > 0
    assert gc.get_freeze_count() == 0
    if jobs == 1:  # with -j 2 documents are read in child processes
        assert probe.reading and set(probe.reading) == {0}
        # What reading left behind was collected before freezing, not kept to the build's end.
        assert [ref() for ref in probe.dropped] == [None] * len(probe.reading)


def test_a_rebuild_freezes_only_when_it_reads_a_good_part_of_the_book(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = copy_root("coverage", tmp_path / "src")
    make_app("html", srcdir=srcdir).build()
    # Nothing changed: nothing read, no collection before writing, nothing frozen.
    app = make_app("html", srcdir=srcdir)
    probe = FreezeProbe(app)
    app.build()
    assert probe.reading == [] and probe.finishing == [0]
    # Every article edited: most of the book is read again, and frozen for writing.
    for article in sorted((srcdir / "articles").glob("*.txt")):
        article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", "utf-8")
    app = make_app("html", srcdir=srcdir)
    probe = FreezeProbe(app)
    app.build()
    assert len(probe.reading) == 2
    assert probe.writing and min(probe.writing) > 0 and min(probe.finishing) > 0
    assert gc.get_freeze_count() == 0


def test_a_build_finished_listener_that_fails_does_not_leave_objects_frozen(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app("html", srcdir=copy_root("minimal", tmp_path / "src"))
    probe = FreezeProbe(app)

    def fail(app: Sphinx, exception: BaseException | None) -> None:
        raise RuntimeError("an export failed")

    app.connect("build-finished", fail)  # Sphinx emits the event again with the error
    with pytest.raises(Exception, match="an export failed"):
        app.build()
    assert probe.writing and min(probe.writing) > 0
    assert gc.get_freeze_count() == 0


def test_a_build_that_fails_while_writing_thaws(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app("html", srcdir=copy_root("minimal", tmp_path / "src"))
    probe = FreezeProbe(app)

    def fail(app: Sphinx, doctree: object, docname: str) -> None:
        raise RuntimeError("a listener failed")

    app.connect("doctree-resolved", fail, priority=900)
    with pytest.raises(Exception, match="a listener failed"):
        app.build()
    assert probe.writing and min(probe.writing) > 0
    assert gc.get_freeze_count() == 0


def test_turned_off_with_the_threshold(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(
        "html",
        srcdir=copy_root("minimal", tmp_path / "src"),
        confoverrides={"briefing_gc_threshold": 0},
    )
    probe = FreezeProbe(app)
    app.build()
    assert probe.writing and set(probe.writing) == {0}


def test_a_process_that_froze_its_own_objects_keeps_them_frozen(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app("html", srcdir=copy_root("minimal", tmp_path / "src"))
    probe = FreezeProbe(app)
    gc.freeze()
    try:
        host = gc.get_freeze_count()
        app.build()
        # The build neither froze more (the host manages freezing) nor thawed the host's;
        # the count only falls as frozen objects are freed by their references going.
        assert probe.writing and max(probe.writing) <= host
        assert 0 < gc.get_freeze_count() <= host
    finally:
        gc.unfreeze()


def test_the_collector_threshold_is_raised_for_the_build_unless_turned_off(
    make_app: MakeApp, tmp_path: Path
) -> None:
    from sphinx_briefing.incremental.gc_tuning import PYTHON_DEFAULTS

    saved = gc.get_threshold()
    try:
        gc.set_threshold(*PYTHON_DEFAULTS)
        make_app("html", srcdir=copy_root("minimal", tmp_path / "on")).cleanup()
        assert gc.get_threshold() == (10_000, *PYTHON_DEFAULTS[1:])
        gc.set_threshold(*PYTHON_DEFAULTS)
        off = {"briefing_gc_threshold": 0}
        make_app("html", srcdir=copy_root("minimal", tmp_path / "off"), confoverrides=off).cleanup()
        assert gc.get_threshold() == PYTHON_DEFAULTS
        # A process that chose its own thresholds keeps them.
        gc.set_threshold(5_000, 5, 5)
        make_app("html", srcdir=copy_root("minimal", tmp_path / "own")).cleanup()
        assert gc.get_threshold() == (5_000, 5, 5)
    finally:
        gc.set_threshold(*saved)
