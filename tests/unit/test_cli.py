"""The ``briefing`` console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import SEED, run_cli, run_console_script


def test_outline_shows_each_line_with_kind_and_number() -> None:
    result = run_cli("outline", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "slug: lavrov-wonsan"
    assert lines[1] == "source: وكالات"
    assert lines[2].startswith("title: لافروف يبحث مع كيم جونغ أون") and lines[2].endswith(
        "(sidecar)"
    )
    assert lines[3].split()[:4] == ["2", "headline", "سيرجي", "لافروف"]
    assert lines[4].split()[:3] == ["3", "paragraph", "¶1"]
    assert lines[4].endswith("[article text, opening with a dateline]")
    assert lines[5].split()[:3] == ["4", "heading", "§1"]
    assert [line.split()[1:4] for line in lines if " list item " in line] == [
        ["list", "item", "¶4"],
        ["list", "item", "¶5"],
    ]
    assert lines[-1].split()[:3] == ["21", "paragraph", "¶12"]


def test_outline_json_gives_every_line_one_role(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "الرئيسية\n\nمحافظ القليوبية يفتتح مكتبة عامة جديدة في شبرا الخيمة\n"
        "كتب: محمد علي\nنشرت في 12 يوليو 2025\n\n"
        'القاهرة - "الشروق": افتتح محافظ القليوبية اليوم مكتبة عامة جديدة تخدم آلاف الطلاب.\n'
        "وقال المحافظ إن المكتبة تضم عشرة آلاف كتاب.\n\nاقرأ أيضا\nعنوان خبر آخر\n",
        encoding="utf-8",
    )
    result = run_cli("outline", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "محافظ القليوبية يفتتح مكتبة عامة جديدة في شبرا الخيمة"
    assert data["title_from"] == "headline"
    assert data["metadata"] == {
        "source": "الشروق",
        "date": "2025-07-12",
        "author": "محمد علي",
        "place": "القاهرة",
        "inferred": ["author", "date", "place", "source"],
    }
    roles = [(b["line"], b["role"], b["id"]) for b in data["blocks"]]
    assert roles == [
        (1, "omitted", None),
        (3, "headline", None),
        (4, "byline", None),
        (5, "published", None),
        (7, "paragraph", "p1"),
        (8, "paragraph", "p2"),
        (10, "omitted", None),
        (11, "omitted", None),
    ]
    assert data["blocks"][4]["dateline"] == 'القاهرة - "الشروق":'


def test_a_text_without_headline_gets_a_derived_title(tmp_path: Path) -> None:
    body = "وقال الوزير في مؤتمر صحفي عقده اليوم في العاصمة، إن المحادثات كانت مثمرة جدا. " * 12
    page = tmp_path / "one.txt"
    page.write_text(body + "\n", encoding="utf-8")
    data = json.loads(run_cli("outline", str(page), "--format", "json").stdout)
    assert data["title_from"] == "derived"
    assert data["title"] == "وقال الوزير في مؤتمر صحفي عقده اليوم في العاصمة"
    assert [(b["role"], b["id"]) for b in data["blocks"]] == [("paragraph", "p1")]


def test_outline_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("outline", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefing: ")
    assert "missing.txt: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_of_undecodable_bytes_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\n\x00\x81\x8d\x1a")
    result = run_cli("outline", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"briefing: {bad}:2: not valid UTF-8 (byte 0x81 on this line) and not Windows-1256 "
        "Arabic either; save the article as UTF-8\n"
    )


def test_outline_honours_sidecar_overrides(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("عنوان\nسطر قصير\nفقرة.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("[layout]\nparagraphs = [2]\n")
    result = run_cli("outline", str(text))
    line = result.stdout.splitlines()[4]
    assert line.split()[:3] == ["2", "paragraph", "¶1"] and line.endswith("[forced by the sidecar]")


GLOSSARY = SEED.parent.parent / "docs" / "glossary" / "entries"


def test_annotate_prints_mentions_as_json(tmp_path: Path) -> None:
    import json

    result = run_cli("annotate", str(SEED), "--glossary", str(GLOSSARY))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for mention in found:
        assert set(mention) == {"line", "start", "end", "text", "kind", "entity", "type", "name_en"}
        assert lines[mention["line"] - 1][mention["start"] : mention["end"]] == mention["text"]
    first = found[1]
    assert (first["line"], first["text"], first["kind"], first["entity"]) == (
        3,
        "روسي",
        "adjective",
        "russia",
    )
    lavrov = next(m for m in found if m["entity"] == "sergey-lavrov")
    assert (lavrov["type"], lavrov["name_en"]) == ("person", "Sergey Lavrov")


def test_annotate_marks_mentions_in_text(tmp_path: Path) -> None:
    sample = tmp_path / "note.txt"
    sample.write_text("التقى لافروف بكيم جونغ أون في وونسان.\nسطر بلا أسماء.\n", encoding="utf-8")
    result = run_cli("annotate", str(sample), "--format", "text", "--glossary", str(GLOSSARY))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "التقى ⟦لافروف|sergey-lavrov⟧ ب⟦كيم جونغ أون|kim-jong-un⟧ في ⟦وونسان|wonsan⟧.\n"
        "سطر بلا أسماء.\n"
    )


def test_annotate_bad_input_is_one_line_and_status_2(tmp_path: Path) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("سطر\nكوريا".encode("cp1256"))
    for path, message in (
        (tmp_path / "missing.txt", "No such file or directory"),
        (binary, "image.bin:1: not valid UTF-8 (byte 0x89 on this line)"),
    ):
        result = run_cli("annotate", str(path), "--glossary", str(GLOSSARY))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
        assert result.stdout == ""


def test_annotate_reads_a_file_as_the_book_does(tmp_path: Path) -> None:
    """The same reader and messages as the build and ``outline``: Windows-1256 with a
    warning, a stray byte on its own line only."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("سطر\nكوريا الشمالية".encode("cp1256"))
    result = run_cli("annotate", str(legacy), "--glossary", str(GLOSSARY))
    assert result.returncode == 0
    assert "legacy.txt:1: warning: not UTF-8 anywhere in the file" in result.stderr
    assert [m["entity"] for m in json.loads(result.stdout)] == ["north-korea"]
    stray = tmp_path / "stray.txt"
    stray.write_bytes("كوريا الشمالية\nAndr".encode() + b"\xe9\n" + "موسكو".encode())
    result = run_cli("annotate", str(stray), "--glossary", str(GLOSSARY))
    assert result.returncode == 0
    assert "stray.txt:2: warning: invalid UTF-8 bytes on this line (0xe9)" in result.stderr
    assert [(m["entity"], m["line"]) for m in json.loads(result.stdout)] == [
        ("north-korea", 1),
        ("moscow", 3),
    ]
    outline = run_cli("outline", str(stray))
    assert "stray.txt:2: warning: invalid UTF-8 bytes on this line (0xe9)" in outline.stderr


def test_the_console_script_runs_main_in_its_own_process() -> None:
    """The other tests call ``main`` in-process; this one runs the installed script."""
    script = run_console_script("outline", str(SEED))
    assert script.returncode == 0, script.stderr
    assert script.stdout == run_cli("outline", str(SEED)).stdout
    usage = run_console_script("no-such-command")
    assert usage.returncode == 2
    assert "invalid choice" in usage.stderr


def test_python_m_runs_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_briefing.cli", "outline", str(SEED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_cli("outline", str(SEED)).stdout


def test_every_subcommand_has_help() -> None:
    for command in ("outline", "annotate", "search", "cite"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        assert result.stdout.startswith(f"usage: briefing {command} ")
