"""Fixtures shared by every test folder: Sphinx test roots and the real book's editions.

Each edition of the real book is built once per test session, here, whichever folder's tests
ask for it. Playwright is imported only by ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from docutils import nodes
from docutils.parsers.rst import directives, roles
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp
from sphinx.util import docutils as sphinx_docutils

from tests.helpers import REPO, ROOTS, BookSite, BuildFn, serve, sphinx_build

# CI runs the property tests on a fixed seed so that a landing never depends on luck; a
# developer's run explores new examples each time (and keeps failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

#: Markers from the folder a test lives in (``-m "not browser"`` and the like).
FOLDER_MARKERS = {"browser": "browser", "bench": "bench", "book": "book", "install": "install"}


def pytest_configure(config: pytest.Config) -> None:
    # Python imports a compiled module before its source: one older than its source would
    # test yesterday's finder (make compiles it again; pytest alone does not).
    compiled = REPO / "ext" / "sphinx_briefing" / "candidates"
    stale = [
        so.name
        for so in compiled.glob("*.so")
        if (source := so.with_name(so.name.split(".")[0] + ".py")).exists()
        and source.stat().st_mtime > so.stat().st_mtime
    ]
    if stale:
        pytest.exit(f"compiled before their sources changed: {stale}; run make compile", 4)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.path)).parent.name
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


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
        _write_files(srcdir, files)
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        return app

    return run


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildFn:
    """Like :func:`build`, but each distinct build is made once per session and shared: for
    tests that only read what a build wrote (they must not change its files or rebuild it)."""
    apps: dict[str, SphinxTestApp] = {}

    def run(
        root: str = "minimal",
        files: dict[str, bytes | str] | None = None,
        buildername: str = "html",
        **kwargs: object,
    ) -> SphinxTestApp:
        key = repr((root, sorted((files or {}).items()), buildername, sorted(kwargs.items())))
        if key not in apps:
            srcdir = tmp_path_factory.mktemp(f"shared-{root}") / "src"
            shutil.copytree(ROOTS / f"test-{root}", srcdir, symlinks=False)
            _write_files(srcdir, files)
            with _apart_from_live_apps():
                app = SphinxTestApp(
                    buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs
                )
                app.build()
                # Sphinx keeps registered nodes and directives in docutils' globals: clean them
                # up now, as each test's own app does at its end, so later apps start afresh.
                app.cleanup()
            apps[key] = app
        return apps[key]

    return run


@contextmanager
def _apart_from_live_apps() -> Iterator[None]:
    """A test's own app keeps its nodes, directives and roles in docutils' globals until the
    test ends; a shared build made meanwhile must neither see them (Sphinx would warn that they
    are already registered, into a build other tests read) nor leave the test's app without."""
    live = set(sphinx_docutils.additional_nodes)
    saved_directives = dict(directives._directives)
    saved_roles = dict(roles._roles)
    for node in live:
        sphinx_docutils.unregister_node(node)
    sphinx_docutils.additional_nodes.clear()
    directives._directives.clear()
    roles._roles.clear()
    try:
        yield
    finally:
        nodes._add_node_class_names([node.__name__ for node in live])
        sphinx_docutils.additional_nodes.update(live)
        directives._directives.update(saved_directives)
        roles._roles.update(saved_roles)


def _write_files(srcdir: Path, files: dict[str, bytes | str] | None) -> None:
    for name, content in (files or {}).items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture(scope="session")
def book_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BookSite]:
    """The Arabic book, built from docs/ as ``make html`` does (its PDF included), served
    over HTTP."""
    out = tmp_path_factory.mktemp("book")
    result = sphinx_build(REPO / "docs", out)
    assert result.returncode == 0, result.stderr
    with serve(out / "html") as url:
        yield BookSite(out / "html", url, result.stderr)


@pytest.fixture(scope="session")
def arabic_book(book_site: BookSite) -> Path:
    """The Arabic book's HTML output directory."""
    return book_site.outdir


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BookSite]:
    """The English edition (``make html-en``: ``language = "en"`` with the translations in
    ``locales/en``), without the PDF (the tests that use it do not look at it), served."""
    out = tmp_path_factory.mktemp("book-en")
    result = sphinx_build(REPO / "docs", out, "-D", "language=en", "-D", "briefing_pdf_in_html=0")
    assert result.returncode == 0, result.stderr
    with serve(out / "html") as url:
        yield BookSite(out / "html", url, result.stderr)


@pytest.fixture(scope="session")
def book_gettext(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's message catalogues as ``make gettext`` extracts them (a directory of .pot)."""
    out = tmp_path_factory.mktemp("gettext")
    result = sphinx_build(REPO / "docs", out, builder="gettext")
    assert result.returncode == 0, result.stderr
    return out / "gettext"
