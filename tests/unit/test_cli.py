"""The ``briefing`` console script."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SEED, run_cli, run_console_script


def test_outline_shows_each_line_with_kind_and_number() -> None:
    result = run_cli("outline", str(SEED))
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
    result = run_cli("outline", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "missing.txt: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_of_undecodable_bytes_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\n\x00\x81\x8d\x1a")
    result = run_cli("outline", str(bad))
    assert result.returncode == 1
    assert f"{bad}:2: warning: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_outline_honours_sidecar_overrides(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("عنوان\nسطر قصير\nفقرة.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("[layout]\nparagraphs = [2]\n")
    result = run_cli("outline", str(text))
    assert result.stdout.splitlines()[3].split()[:3] == ["2", "paragraph", "¶1"]


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
        (binary, "binary file"),
        (legacy, "legacy.txt:1: not UTF-8"),
    ):
        result = run_cli("annotate", str(path), "--glossary", str(GLOSSARY))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
        assert result.stdout == ""


def test_the_console_script_runs_main_in_its_own_process() -> None:
    """The other tests call ``main`` in-process; this one runs the installed script."""
    script = run_console_script("outline", str(SEED))
    assert script.returncode == 0, script.stderr
    assert script.stdout == run_cli("outline", str(SEED)).stdout
    usage = run_console_script("no-such-command")
    assert usage.returncode == 2
    assert "invalid choice" in usage.stderr
