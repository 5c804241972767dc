"""A rebuild that changed nothing reads nothing and does not say "The configuration has
changed" (:mod:`sphinx_briefing.incremental.stable_config`): the theme and the extension
change some values when the builder starts, and the saved configuration must not keep them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOTS

SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")


def build(src: Path, out: Path) -> str:
    done = subprocess.run(
        [str(SPHINX_BUILD), "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout + done.stderr


def test_no_change_rebuild_keeps_the_configuration(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOTS / "test-seed", src, symlinks=False)
    first = build(src, out)
    assert "[new config]" in first
    again = build(src, out)
    assert "The configuration has changed" not in again
    assert "0 added, 0 changed, 0 removed" in again
    # After a build that read an article (and so saved the environment again), the same.
    article = next((src / "articles").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = build(src, out)
    assert "1 changed" in changed and "The configuration has changed" not in changed
    assert "The configuration has changed" not in build(src, out)
    # The pages still have the extension's static files and the theme's permalink sign.
    assert (out / "_static" / "briefing" / "briefing.css").is_file()
    page = (out / "articles" / "lavrov-wonsan.html").read_text(encoding="utf-8")
    assert re.search(r'class="headerlink" href="#s1"[^>]*>#<', page)
