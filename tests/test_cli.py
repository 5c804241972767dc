"""The ``briefing`` console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEED


def run(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "briefing"
    return subprocess.run([str(script), *args], capture_output=True, text=True, check=False)


def test_outline_shows_each_line_with_kind_and_number() -> None:
    result = run("outline", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "slug: lavrov-wonsan"
    assert lines[1] == "source: وكالات"
    assert lines[2].split() == ["2", "headline", "سيرجي", "لافروف"]
    assert lines[3].split()[:3] == ["3", "paragraph", "¶1"]
    assert lines[4].split()[:3] == ["4", "heading", "§1"]
    assert [line.split()[1:4] for line in lines if " list item " in line] == [
        ["list", "item", "¶4"],
        ["list", "item", "¶5"],
    ]
    assert lines[-1].split()[:3] == ["21", "paragraph", "¶12"]


def test_outline_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run("outline", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "missing.txt: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_of_undecodable_bytes_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\n\x00\x81\x8d\x1a")
    result = run("outline", str(bad))
    assert result.returncode == 1
    assert f"{bad}:2: warning: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_honours_sidecar_overrides(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("عنوان\nسطر قصير\nفقرة.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("[layout]\nparagraphs = [2]\n")
    result = run("outline", str(text))
    assert result.stdout.splitlines()[3].split()[:3] == ["2", "paragraph", "¶1"]
