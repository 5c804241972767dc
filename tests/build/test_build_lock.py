"""One build of a book at a time: a second concurrent build stops with one line."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

from sphinx_briefing.incremental.build_lock import LOCK_NAME
from tests.helpers import ROOTS, sphinx_build


def test_a_second_build_stops_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-minimal", source)
    out = tmp_path / "out"
    lock = out / "doctrees" / LOCK_NAME
    lock.parent.mkdir(parents=True)
    with lock.open("w", encoding="utf-8") as held:
        held.write("4242\n")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        blocked = sphinx_build(source, out)
    assert blocked.returncode != 0
    assert "Traceback" not in blocked.stderr
    message = f"another build of this book is running (pid 4242); wait for it or remove {lock}"
    assert blocked.stderr.splitlines() == [f"Build locked: {message}"]
    assert not (out / "html" / "index.html").exists()

    done = sphinx_build(source, out)  # the lock is free again
    assert done.returncode == 0, done.stderr
    assert (out / "html" / "index.html").is_file()
    again = sphinx_build(source, out)  # and the finished build let go of it
    assert again.returncode == 0, again.stderr
