"""One build of a book at a time: a lock file in the doctree directory.

Two builds writing the same doctrees and output at once (a second ``make html`` in another
terminal, an editor's build on save) corrupt the pickled environment and leave pages of
both. The first build takes an exclusive, non-blocking ``flock`` on ``<doctrees>/LOCK`` at
``builder-inited`` and lets go at ``build-finished``; a second build stops at once with
:class:`BuildLocked`, naming the running build's process id (on the command line: that one
line and status 2, without the page of versions and traceback Sphinx prints for errors).
The kernel drops the lock when a build dies, so a killed build never blocks the next.
Without ``fcntl`` (Windows) there is no lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "LOCK"

#: Lock files held by this process, by path: a build that never finished (an app made but
#: not built, in tests) hands its lock over to the next build of the same book.
_HELD: dict[Path, IO[str]] = {}


class BuildLocked(SphinxError):
    """Another build of the same book is running."""

    category = "Build locked"


def _on_command_line() -> bool:
    """Whether this process is ``sphinx-build`` (or ``python -m sphinx``)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return Path(sys.argv[0]).name == "sphinx-build" or getattr(spec, "name", "") in {
        "sphinx",
        "sphinx.__main__",
        "sphinx.cmd.build",
    }


def lock_path(app: Sphinx) -> Path:
    """The lock file of ``app``'s build."""
    return Path(app.doctreedir) / LOCK_NAME


def take_lock(app: Sphinx) -> None:
    """``builder-inited``: lock the book, or stop with :class:`BuildLocked`."""
    if fcntl is None:
        return
    path = lock_path(app)
    release(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        error = BuildLocked(
            f"another build of this book is running (pid {holder}); wait for it or remove {path}"
        )
        if _on_command_line():
            # sphinx-build would print a page of versions and a traceback around it.
            print(f"{error.category}: {error}", file=sys.stderr)
            raise SystemExit(2) from error
        raise error from err
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _HELD[path] = handle


def release(path: Path) -> None:
    """Let go of the lock on ``path`` if this process holds it."""
    handle = _HELD.pop(path, None)
    if handle is not None:
        handle.close()  # closing drops the flock


def release_lock(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: let the next build in."""
    release(lock_path(app))


def setup(app: Sphinx) -> None:
    """Connect the lock to the build's first and last events."""
    app.connect("builder-inited", take_lock, priority=1)
    app.connect("build-finished", release_lock, priority=1000)
