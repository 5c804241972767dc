"""A cache shared by every build on this machine, for slow pure computations.

Compressing the web font and laying out the relationship graph take seconds and depend only
on their inputs, so a fresh build (``make clean``, a new output directory, CI) need not pay
for them again. Entries live under ``$XDG_CACHE_HOME/sphinx-briefing`` (``~/.cache/…``),
named by a digest of their inputs; ``BRIEFING_CACHE_DIR`` overrides the place and an empty
value turns the cache off. A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

#: Bump when the format of cached values changes.
VERSION = "1"


def cache_dir() -> Path | None:
    """Where cached values live, or None when caching is off."""
    configured = os.environ.get("BRIEFING_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sphinx-briefing"


def digest(*inputs: object) -> str:
    """A stable name for ``inputs`` (anything picklable)."""
    data = pickle.dumps((VERSION, inputs), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(data).hexdigest()


def cached_file(kind: str, key: str, make: Callable[[Path], None]) -> Path | None:
    """The cached file for ``key``, made with ``make(path)`` if missing; None if uncached."""
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / kind / key
    if path.is_file():
        return path
    return path if write_atomically(path, make) else None


def write_atomically(path: Path, write: Callable[[Path], None]) -> bool:
    """Write ``path`` through ``write(tmp)`` and a rename, so no reader (another build on the
    machine, a later build after a crash) sees half a file; False if it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        write(tmp)
        tmp.replace(path)
    except OSError:
        return False
    return True


class CheckedContents:
    """The contents that passed one check on this machine, by a digest of each: one file per
    check and version of it (``key``), read once and written once per use. A content that
    fails is never recorded, so its problems are found and reported every time.

    Checking 5,000 glossary entries against their schema took five seconds of every
    ``briefing search`` and every build."""

    #: Past this many times the contents used (and this slack), edited files' old digests are
    #: dropped when the file is written.
    GROWTH = 2
    SLACK = 1000

    def __init__(self, key: str) -> None:
        directory = cache_dir()
        self._path = directory / "checked" / f"{key}.passed" if directory is not None else None
        self._passed: set[str] = set()
        self._used: set[str] = set()
        self._new = False
        if self._path is not None:
            try:
                self._passed = set(self._path.read_text(encoding="ascii").split())
            except (OSError, ValueError):
                self._passed = set()

    @staticmethod
    def _digest(content: str) -> str:
        return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()

    def passed(self, content: str) -> bool:
        """Whether ``content`` passed the check before."""
        found = self._digest(content)
        if found in self._passed:
            self._used.add(found)
            return True
        return False

    def add(self, content: str) -> None:
        """Record that ``content`` passed the check."""
        found = self._digest(content)
        self._used.add(found)
        if found not in self._passed:
            self._passed.add(found)
            self._new = True

    def save(self) -> None:
        """Write what was added (nothing when nothing was)."""
        if self._path is None or not self._new:
            return
        kept = self._passed
        if len(kept) > self.GROWTH * len(self._used) + self.SLACK:
            kept = self._used
        text = "\n".join(sorted(kept)) + "\n"

        def write(tmp: Path) -> None:
            tmp.write_text(text, encoding="ascii")

        write_atomically(self._path, write)
        self._new = False


def checked_once(check: Callable[[], None], *files: Path) -> None:
    """Run ``check()`` (it raises when ``files`` are wrong) unless these exact files passed it
    before on this machine: checking the package's large data files against their schemas
    took a tenth of a second in every build, for files that never change."""
    key = digest(*(path.read_bytes() for path in files))
    passed = CheckedContents("data-files")
    if passed.passed(key):
        return
    check()
    passed.add(key)
    passed.save()


def cached_text(kind: str, key: str, make: Callable[[], str]) -> str:
    """``make()``, or the text it returned for ``key`` before."""

    def write(path: Path) -> None:
        path.write_text(make(), encoding="utf-8")

    path = cached_file(kind, key, write)
    if path is None:
        return make()
    return path.read_text(encoding="utf-8")


def source_digest(function: Callable[..., object], *data: Path) -> str:
    """A digest of the code of ``function``'s module and of ``data`` files: part of a key,
    so that changing the code or its data invalidates what it computed."""
    import inspect

    module = inspect.getsourcefile(function)
    files = [Path(module)] if module else []
    hashed = hashlib.sha256()
    for path in [*files, *data]:
        hashed.update(path.read_bytes())
    return hashed.hexdigest()
