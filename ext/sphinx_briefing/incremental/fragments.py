"""Output made from one article's reading, kept between builds.

Whole-book outputs of a large book (the glossary's "Mentioned in" lists, the citation files,
``glossary.json``) are made of one piece per article. An article that was not read again
since the last build gives the same pieces, so they are kept in the doctree directory, keyed
by the article's revision (a token new at each reading, see ``ArticleRecord.revision``) and by
whatever else they depend on, and only the edited article's pieces are made again.

A store is loaded on first use in a build and saved at ``build-finished`` with the pieces
used in that build (so the pieces of removed or edited articles are dropped). Its version
includes a digest of the code that makes the pieces, so changed code starts afresh.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sphinx.application import Sphinx

from sphinx_briefing.cache import write_atomically

T = TypeVar("T")
P = ParamSpec("P")

#: Bump when the format of the store changes.
FORMAT = "1"


class FragmentStore:
    """Pieces of output by key, read from and written to one file."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = f"{FORMAT}:{version}"
        self._stored: dict[Hashable, Any] = self._load()
        self._used: dict[Hashable, Any] = {}
        self._made = 0

    def _load(self) -> dict[Hashable, Any]:
        try:
            with self.path.open("rb") as stream:
                version, items = pickle.load(stream)
        except Exception:  # a missing, damaged or outdated store is only a cache miss
            return {}
        return items if version == self.version and isinstance(items, dict) else {}

    def get(self, key: Hashable, make: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """The piece stored under ``key``, or ``make(*args, **kwargs)`` (then stored)."""
        if key in self._used:
            value: T = self._used[key]
            return value
        if key in self._stored:
            value = self._stored[key]
        else:
            value = make(*args, **kwargs)
            self._made += 1
        self._used[key] = value
        return value

    @property
    def changed(self) -> bool:
        """Whether saving would write something other than what was loaded."""
        return bool(self._made) or len(self._used) != len(self._stored)

    def save(self) -> None:
        """Keep the pieces used in this build (nothing is written when none changed)."""
        if not self.changed:
            return

        def write(tmp: Path) -> None:
            with tmp.open("wb") as stream:
                pickle.dump((self.version, self._used), stream, pickle.HIGHEST_PROTOCOL)

        # A store that cannot be written is simply not used next time.
        write_atomically(self.path, write)


def fragment_store(app: Sphinx, name: str, version: str) -> FragmentStore:
    """This build's store ``name`` (one per builder and doctree directory)."""
    stores: dict[str, FragmentStore] = app.builder.__dict__.setdefault("_briefing_fragments", {})
    store = stores.get(name)
    if store is None:
        path = Path(app.doctreedir) / f"briefing-{name}-{app.builder.name}.fragments"
        store = stores[name] = FragmentStore(path, version)
    return store


def save_fragments(app: Sphinx, exception: Exception | None) -> None:
    """Save the stores used in this build (``build-finished``)."""
    if exception is not None:
        return
    # Taken off the builder: a next build by the same application loads them afresh.
    stores: dict[str, FragmentStore] = app.builder.__dict__.pop("_briefing_fragments", {})
    for store in stores.values():
        store.save()
