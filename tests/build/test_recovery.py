"""Builds recover: a build stopped part-way (Ctrl-C, a kill) is made whole by the next one.

Each build runs in its own process (``sphinx-build``, as ``make html`` does). The root's
test-only extension (``tests/roots/test-recovery/interrupt.py``) stops a build at a named
event, so every interruption happens at the same point on every run. After it, a plain
build must give exactly the output of a clean build of the same sources.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_briefing.incremental.build_lock import LOCK_NAME
from tests.helpers import ROOTS, sphinx_build

#: The same date for every build: the exports and the citations carry the build's date.
EPOCH = "1750000000"
#: How an interrupted build ends: killed (SIGKILL), or Sphinx's "Interrupted!" (status 2).
ENDINGS = {"kill": -9, "ctrl-c": 2}

#: Where a clean build is stopped: while reading (the second article is being read), while
#: writing (the first article's page is written, the others not), and once everything is
#: written but before the extension's end-of-build work (exports, search data, records).
CLEAN_POINTS = [
    [("doctree-read:articles/beta", "kill")],
    [("html-page-context:articles/beta", "kill")],
    [("html-page-context:index", "ctrl-c")],
    [("build-finished", "kill")],
    # Stopped twice in a row: the second build must not take the first one's place.
    [("html-page-context:articles/beta", "ctrl-c"), ("build-finished", "kill")],
]
#: The same for a rebuild after an edit that shifts the article's sections and paragraphs:
#: while reading the edited article, after its page is written and before the glossary page
#: ("Mentioned in" would keep the old anchors), and before the end-of-build work.
INCREMENTAL_POINTS = [
    [("doctree-read:articles/alpha", "kill")],
    [("html-page-context:entries", "kill")],
    [("html-page-context:entries", "ctrl-c")],
    [("build-finished", "kill")],
]

#: A new section and paragraph before the first section: every later § and ¶ number moves.
EDITED_ALPHA = """لافروف في وونسان
وكالات – وصل وزير الخارجية الروسي سيرجي لافروف إلى وونسان في زيارة رسمية.
الوصول
هبطت طائرة الوزير صباحا في مطار وونسان قادما من موسكو.
المباحثات
بحث لافروف مع المسؤولين في وونسان التعاون بين موسكو وبيونغ يانغ.
السياحة
تحدث الوزير عن السياحة في وونسان وعن الرحلات الجوية من موسكو.
"""

#: The one build-time difference between a rebuild and a clean build, normalised: Sphinx
#: adds a checksum (``?v=…``) to a script's URL when the file is already in the output as
#: the page is written; the search page's entity data is written after the pages, so only
#: a build that follows another has it.
CHECKSUM = re.compile(r"(_static/briefing/search/entities\.js)\?v=[0-9a-f]{8}")


def _environ(interrupt: str = "", how: str = "") -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env.pop("BRIEFING_TEST_INTERRUPT", None)
    env.pop("BRIEFING_TEST_INTERRUPT_HOW", None)
    if interrupt:
        env["BRIEFING_TEST_INTERRUPT"] = interrupt
        env["BRIEFING_TEST_INTERRUPT_HOW"] = how
    return env


def _build(source: Path, out: Path) -> None:
    result = sphinx_build(source, out, env=_environ())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def _interrupted(source: Path, out: Path, where: str, how: str) -> None:
    result = sphinx_build(source, out, env=_environ(where, how))
    assert result.returncode == ENDINGS[how], (where, how, result.stderr)


def _copy_root(parent: Path) -> Path:
    """The root in ``parent/src``: the same relative path in every build, so the exports'
    source paths (relative to the repository root, ``..``) are the same too."""
    source = parent / "src"
    shutil.copytree(ROOTS / "test-recovery", source, ignore=shutil.ignore_patterns("__pycache__"))
    return source


def _output(out: Path) -> dict[str, bytes]:
    """Every file of an HTML build, by relative path, normalised (:data:`CHECKSUM`)."""
    found = {}
    for path in sorted((out / "html").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".html":
                data = CHECKSUM.sub(r"\1", data.decode("utf-8")).encode("utf-8")
            found[path.relative_to(out / "html").as_posix()] = data
    return found


#: The clean builds the others are compared with, made once per session: by kind.
_REFERENCES: dict[str, dict[str, bytes]] = {}


def _reference(kind: str, tmp_path: Path) -> dict[str, bytes]:
    """The output of a clean build of the root (``"clean"``) or of the root with the edited
    article (``"edited"``), made in ``tmp_path/reference`` by the first test that asks."""
    if kind not in _REFERENCES:
        source = _copy_root(tmp_path / "reference")
        if kind == "edited":
            (source / "articles" / "alpha.txt").write_text(EDITED_ALPHA, encoding="utf-8")
        _build(source, tmp_path / "reference" / "out")
        _REFERENCES[kind] = _output(tmp_path / "reference" / "out")
    return _REFERENCES[kind]


def _assert_same(expected: dict[str, bytes], out: Path, label: object) -> None:
    got = _output(out)
    assert sorted(got) == sorted(expected), label
    differ = [name for name in expected if got[name] != expected[name]]
    assert differ == [], label


def test_the_comparison_covers_what_an_interruption_breaks(tmp_path: Path) -> None:
    """What the other tests compare: pages, the search index (with its index entries), the
    exports, the search data and the citation scripts are all there."""
    reference = _reference("clean", tmp_path)
    names = set(reference)
    assert {"entries.html", "articles/alpha.html", "index.html", "searchindex.js"} <= names
    assert {f"_briefing/{name}" for name in ("glossary.json", "citations.json")} <= names
    assert any(name.startswith("_static/briefing/search/") for name in names)
    assert any(name.startswith("_briefing/cite/") for name in names)
    # The glossary's index entries, which a rebuild used to drop from the search index.
    assert b'"indexentries":{"' in reference["searchindex.js"]


@pytest.mark.parametrize("stops", CLEAN_POINTS, ids=lambda s: "+".join(f"{w}/{h}" for w, h in s))
def test_an_interrupted_clean_build_is_made_whole_by_the_next(
    tmp_path: Path, stops: list[tuple[str, str]]
) -> None:
    expected = _reference("clean", tmp_path)
    source = _copy_root(tmp_path)
    out = tmp_path / "out"
    for where, how in stops:
        _interrupted(source, out, where, how)
    _build(source, out)
    _assert_same(expected, out, stops)
    # And it stays whole: the build after it changes nothing.
    _build(source, out)
    _assert_same(expected, out, stops)


@pytest.mark.parametrize(
    "stops", INCREMENTAL_POINTS, ids=lambda s: "+".join(f"{w}/{h}" for w, h in s)
)
def test_an_interrupted_rebuild_is_made_whole_by_the_next(
    tmp_path: Path, stops: list[tuple[str, str]]
) -> None:
    expected = _reference("edited", tmp_path)
    source = _copy_root(tmp_path)
    out = tmp_path / "out"
    _build(source, out)
    before = _output(out)
    (source / "articles" / "alpha.txt").write_text(EDITED_ALPHA, encoding="utf-8")
    for where, how in stops:
        _interrupted(source, out, where, how)
    if stops[0][0] == "html-page-context:entries":
        # The case of the issue: the glossary page still has the old anchors.
        assert _output(out)["entries.html"] == before["entries.html"]
        assert before["entries.html"] != expected["entries.html"]
    _build(source, out)
    _assert_same(expected, out, stops)


def test_an_uninterrupted_rebuild_gives_the_clean_build_too(tmp_path: Path) -> None:
    """The same comparison without an interruption: after an edit, and after no change (the
    search index used to lose its index entries on every rebuild that did not write the
    glossary page again)."""
    expected = _reference("edited", tmp_path)
    source = _copy_root(tmp_path)
    out = tmp_path / "out"
    _build(source, out)
    (source / "articles" / "alpha.txt").write_text(EDITED_ALPHA, encoding="utf-8")
    _build(source, out)
    _assert_same(expected, out, "after an edit")
    _build(source, out)
    _assert_same(expected, out, "after no change")


def test_two_builds_at_once_end_without_a_traceback(tmp_path: Path) -> None:
    """Two ``make html`` of one book started together: each either builds or stops with the
    lock's one line, never with a traceback, and the book they leave is whole."""
    expected = _reference("clean", tmp_path)
    source = _copy_root(tmp_path)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-d",
        str(out / "doctrees"),
        str(source),
        str(out / "html"),
    ]
    builds = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environ()
        )
        for _ in range(2)
    ]
    ended = [(build.communicate()[1], build.returncode) for build in builds]
    lock = out / "doctrees" / LOCK_NAME
    refused = re.compile(
        r"Build locked: another build of this book is running \(pid \d+\); "
        f"wait for it or remove {re.escape(str(lock))}"
    )
    for stderr, status in ended:
        assert "Traceback" not in stderr
        if status != 0:
            assert status == 2, stderr
            assert len(stderr.splitlines()) == 1 and refused.fullmatch(stderr.strip()), stderr
    assert 0 in [status for _, status in ended]
    _build(source, out)  # whichever won, the next build leaves the whole book
    _assert_same(expected, out, "after two builds at once")
