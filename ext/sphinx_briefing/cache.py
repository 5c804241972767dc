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


def checked_once(check: Callable[[], None], *files: Path) -> None:
    """Run ``check()`` (it raises when ``files`` are wrong) unless these exact files passed it
    before on this machine: checking the package's large data files against their schemas
    took a tenth of a second in every build, for files that never change."""
    key = digest(*(path.read_bytes() for path in files))
    directory = cache_dir()
    marker = directory / "checked" / key if directory is not None else None
    if marker is not None and marker.is_file():
        return
    check()
    if marker is not None:
        write_atomically(marker, Path.touch)


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
