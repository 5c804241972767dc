"""The package as others install it: a wheel, a clean virtual environment, another project.

What this proves: the wheel carries the extension's data files, its required dependencies are
enough to build a book (no theme, MyST or sphinx-intl needed), ``extensions =
["sphinx_briefing"]`` is all a project has to say, and pip's own build compiles the candidate
finder (``setup.py``).
"""

from __future__ import annotations

import importlib.machinery
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO

ARTICLE = (
    "لافروف يصل إلى بيونغ يانغ\n"
    "\n"
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ في زيارة رسمية.\n"
    "\n"
    "وقال لافروف إن العلاقات بين البلدين تشهد تطورًا كبيرًا.\n"
)
CONF = 'extensions = ["sphinx_briefing"]\nlanguage = "ar"\nproject = "كتاب"\n'
INDEX = "كتاب\n====\n\n.. toctree::\n\n   article\n"
#: This repository's book needs these; another project must not inherit them.
BOOK_ONLY = {"sphinx-book-theme", "pydata-sphinx-theme", "myst-parser", "sphinx-intl"}


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # Nothing of this process's own paths may leak into the clean environment.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env=env,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean virtual environment with only the wheel and its required dependencies."""
    root = tmp_path_factory.mktemp("install")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", REPO)
    (wheel,) = (root / "dist").glob("sphinx_briefing-*.whl")
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
    return root / "venv" / "bin"


def test_the_wheel_holds_no_book_dependencies(installed: Path) -> None:
    listed = run(installed / "python", "-m", "pip", "list", "--format=freeze").stdout
    names = {line.split("==")[0].lower() for line in listed.splitlines()}
    assert "sphinx-briefing" in names
    assert names.isdisjoint(BOOK_ONLY), names & BOOK_ONLY


def test_another_project_builds_with_w_and_j2(installed: Path, tmp_path: Path) -> None:
    source = tmp_path / "project"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.rst").write_text(INDEX, encoding="utf-8")
    (source / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "html"
    run(installed / "sphinx-build", "-W", "-j", "2", "-b", "html", "-q", source, out)
    page = (out / "article.html").read_text(encoding="utf-8")
    assert 'id="p1"' in page and 'id="p2"' in page
    assert "سيرغي لافروف" in page
    assert '<html dir="rtl" lang="ar"' in (out / "index.html").read_text(encoding="utf-8")
    # The console script comes with the package.
    outline = run(installed / "briefing", "outline", source / "article.txt").stdout
    assert "headline" in outline and "¶2" in outline


def test_the_wheel_carries_the_compiled_finder(installed: Path) -> None:
    # Built as anyone's pip builds it (an isolated environment with setup.py's mypyc).
    where = run(
        installed / "python",
        "-c",
        "import sphinx_briefing.candidates.spans as s, sphinx_briefing.candidates.finder as f;"
        "print(s.__file__); print(f.__file__)",
    ).stdout.split()
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    if os.environ.get("BRIEFING_COMPILE") == "0":
        assert not any(path.endswith(suffixes) for path in where), where
    else:
        assert all(path.endswith(suffixes) for path in where), where
