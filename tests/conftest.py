"""Shared fixtures: Sphinx test roots under tests/roots and helpers to build them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"

BuildFn = Callable[..., SphinxTestApp]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds ``test-<name>`` roots."""
    return ROOTS


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> BuildFn:
    """Copy a root to a fresh directory, add or replace files, build it and return the app.

    ``files`` maps paths relative to the source directory to bytes or text.
    """

    def run(
        root: str = "minimal",
        files: dict[str, bytes | str] | None = None,
        buildername: str = "html",
        **kwargs: object,
    ) -> SphinxTestApp:
        srcdir = tmp_path / f"src-{root}"
        if not srcdir.exists():
            shutil.copytree(ROOTS / f"test-{root}", srcdir, symlinks=False)
        for name, content in (files or {}).items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        return app

    return run


def warnings_of(app: SphinxTestApp) -> str:
    """The build's warning output, without colour codes."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
