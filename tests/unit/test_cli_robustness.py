"""``briefing`` with hostile and careless input and output: a reader that goes away, a closed
standard output, a full disk, malformed exports. Each ends with at most one line on stderr
and a documented exit status (the table in manual/cli.md), never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_briefing.cli import outline as outline_command
from sphinx_briefing.cli import output
from sphinx_briefing.exports import citations
from tests.helpers import REPO, SEED, run_cli

GLOSSARY = REPO / "docs" / "glossary" / "entries"
SCRIPT = Path(sys.executable).parent / "briefing"


def citations_export(directory: Path) -> Path:
    """A small ``citations.json`` as the build writes it: the book, an article, a paragraph."""
    book = citations.book_item(
        "موجز", "المحرر", "1", dt.date(2025, 7, 12), "https://example.org/", "ar"
    )
    article = citations.part_item(
        book, "briefing:lavrov-wonsan", "لافروف في وونسان", "", "https://example.org/a", ""
    )
    paragraph = citations.part_item(
        book, "briefing:lavrov-wonsan:p7", "لافروف في وونسان", "¶7", "https://example.org/a#p7", ""
    )
    path = directory / "citations.json"
    path.write_text(json.dumps([book, article, paragraph], ensure_ascii=False), encoding="utf-8")
    return path


#: Each subcommand with arguments that succeed and print something.
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "outline": lambda tmp: ["outline", str(SEED)],
    "annotate": lambda tmp: ["annotate", str(SEED), "--glossary", str(GLOSSARY)],
    "search": lambda tmp: [
        "search",
        "Lavrov",
        "--glossary",
        str(GLOSSARY),
        "--export",
        str(tmp / "no-build.json"),
    ],
    "cite": lambda tmp: ["cite", "lavrov-wonsan:p7", "--export", str(citations_export(tmp))],
}


def console(args: list[str], redirect: str) -> subprocess.CompletedProcess[str]:
    """The installed ``briefing ARGS`` with standard output redirected by the shell."""
    return subprocess.run(
        ["bash", "-c", f'exec "$@" {redirect}', "bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def one_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.splitlines() == [f"briefing: {message}"], result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_the_commands_succeed_in_a_real_process(command: str, tmp_path: Path) -> None:
    """The baseline of the cases below: the same arguments, standard output a pipe."""
    result = console(COMMANDS[command](tmp_path), "")
    assert result.returncode == 0, result.stderr
    assert result.stdout and result.stderr == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_stdout_is_one_line_and_status_3(command: str, tmp_path: Path) -> None:
    result = console(COMMANDS[command](tmp_path), ">&-")
    assert result.returncode == output.CANNOT_WRITE
    one_error(result, "cannot write output: standard output is closed or not writable")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_is_one_line_and_status_3(command: str, tmp_path: Path) -> None:
    result = console(COMMANDS[command](tmp_path), ">/dev/full")
    assert result.returncode == output.CANNOT_WRITE
    one_error(result, "cannot write output: No space left on device")


def test_a_read_only_stdout_is_one_line_and_status_3(tmp_path: Path) -> None:
    result = console(COMMANDS["outline"](tmp_path), "1</dev/null")
    assert result.returncode == output.CANNOT_WRITE
    one_error(result, "cannot write output: standard output is closed or not writable")


def test_an_encoding_that_cannot_show_the_text_is_status_3() -> None:
    result = subprocess.run(
        [str(SCRIPT), "outline", str(SEED)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == output.CANNOT_WRITE
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("briefing: cannot write output: its encoding, ascii, ")


def test_help_that_cannot_be_written_is_status_3(tmp_path: Path) -> None:
    """argparse alone would drop the failed write and exit 0."""
    result = console(["cite", "--help"], ">/dev/full")
    assert result.returncode == output.CANNOT_WRITE
    one_error(result, "cannot write output: No space left on device")


@pytest.fixture(scope="module")
def big_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 lines of Arabic: megabytes of outline, far more than a pipe holds."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    lines = ["محادثات في موسكو"] + [
        f"قال وزير الخارجية سيرغي لافروف إن المحادثات في وونسان كانت مثمرة، الفقرة {n}."
        for n in range(20_000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_one_line_and_leave(*args: str) -> tuple[bytes, int, bytes]:
    """``briefing ARGS | head -1``: the first line, then the reader goes away."""
    process = subprocess.Popen([str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    return first, process.wait(timeout=120), errors


def test_a_reader_that_goes_away_ends_outline_quietly(big_article: Path) -> None:
    first, status, errors = read_one_line_and_leave("outline", str(big_article))
    assert first == b"slug: big\n"
    assert status == output.BROKEN_PIPE == 141
    assert errors == b""


def test_a_reader_that_goes_away_ends_annotate_quietly(tmp_path: Path, big_article: Path) -> None:
    part = tmp_path / "part.txt"
    part.write_text(
        "".join(big_article.read_text(encoding="utf-8").splitlines(keepends=True)[:4000]),
        encoding="utf-8",
    )
    first, status, errors = read_one_line_and_leave(
        "annotate", str(part), "--format", "text", "--glossary", str(GLOSSARY)
    )
    assert first.decode().startswith("محادثات في ")
    assert (status, errors) == (output.BROKEN_PIPE, b"")


def test_an_interrupt_ends_quietly_with_status_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(outline_command, "outline", interrupted)
    result = run_cli("outline", str(SEED))
    assert (result.returncode, result.stdout, result.stderr) == (output.INTERRUPTED, "", "")


# Malformed citation exports: status 2 and one line naming the file and what is wrong.

BAD_EXPORTS: dict[str, tuple[str | bytes, str]] = {
    "not JSON": ('[{"id": "briefing:lavrov-wonsan",\n', "line 2: not JSON"),
    "empty": ("", "line 1: not JSON"),
    "not UTF-8": ('[{"title": "خبر"}]'.encode("cp1256"), "line 1: not UTF-8"),
    "nested too deeply": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "an object": ('{"id": "briefing:lavrov-wonsan"}', "not a list of citation records"),
    "null": ("null", "(got null)"),
    "non-objects": ('[1, "briefing:lavrov-wonsan"]', "record 1 is a number, not an object"),
    "a record without id": ('[{"title": "t"}]', 'record 1 has no "id"'),
    "an id that is a list": ('[{"id": ["x"]}]', 'record 1: "id" is a list, not a string'),
    "an id that is a boolean": ('[{"id": true}]', '"id" is a boolean'),
}


def record(**fields: object) -> str:
    """A record of the article with some fields changed (None: left out)."""
    base: dict[str, object] = {
        "id": "briefing:lavrov-wonsan",
        "type": "chapter",
        "title": "t",
        "URL": "https://example.org/a",
    }
    return json.dumps([{k: v for k, v in {**base, **fields}.items() if v is not None}])


BAD_RECORDS: dict[str, tuple[str, str]] = {
    "a title that is a number": (record(title=5), '"title" is a number, not a string'),
    "no URL": (record(URL=None), 'has no "URL"'),
    "an author that is a string": (record(author="X"), '"author" is a string, not a list'),
    "authors that are strings": (record(author=["X"]), '"author" must be a list of'),
    "issued that is a string": (record(issued="2025"), '"issued" is a string, not an object'),
    "date parts that are strings": (
        record(issued={"date-parts": [["2025", "07"]]}),
        '"issued" must be {"date-parts": [[YEAR, MONTH, DAY]]}',
    ),
    "a section that is a list": (record(section=["§1"]), '"section" is a list, not a string'),
    "custom that is a string": (record(custom="ar"), '"custom" is a string, not an object'),
}


@pytest.mark.parametrize("case", [*BAD_EXPORTS, *BAD_RECORDS])
def test_a_malformed_export_is_one_line_and_status_2(case: str, tmp_path: Path) -> None:
    content, message = {**BAD_EXPORTS, **BAD_RECORDS}[case]
    export = tmp_path / "citations.json"
    if isinstance(content, bytes):
        export.write_bytes(content)
    else:
        export.write_text(content, encoding="utf-8")
    for style in citations.STYLES:
        result = run_cli("cite", "lavrov-wonsan", "--style", style, "--export", str(export))
        assert result.returncode == output.BAD_INPUT
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"briefing: {export}: not a citations export: ")
        assert message in result.stderr


def test_a_malformed_record_elsewhere_does_not_stop_a_good_one(tmp_path: Path) -> None:
    good = json.loads(citations_export(tmp_path).read_text(encoding="utf-8"))
    export = tmp_path / "mixed.json"
    export.write_text(json.dumps([*good, {"id": "briefing:x", "title": 5}]), encoding="utf-8")
    result = run_cli("cite", "lavrov-wonsan:p7", "--export", str(export))
    assert result.returncode == 0, result.stderr
    assert "¶7" in result.stdout


def test_an_export_that_is_a_directory_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_cli("cite", "lavrov-wonsan", "--export", str(tmp_path))
    assert result.returncode == output.BAD_INPUT
    assert result.stderr == f"briefing: {tmp_path}: Is a directory\n"


def test_a_missing_export_says_which_build_to_run(tmp_path: Path) -> None:
    result = run_cli("cite", "x", "--edition", "en", "--export", str(tmp_path / "none.json"))
    assert result.returncode == output.BAD_INPUT
    assert result.stderr.count("\n") == 1 and "run `make html-en` first" in result.stderr


def test_search_with_a_malformed_export_warns_and_counts_nothing(tmp_path: Path) -> None:
    export = tmp_path / "glossary.json"
    export.write_text("[" * 100_000, encoding="utf-8")
    result = run_cli("search", "Lavrov", "--glossary", str(GLOSSARY), "--export", str(export))
    assert result.returncode == 0
    assert result.stderr == (
        f"briefing: {export}: warning: mention counts unknown (nested too deeply)\n"
    )
    assert "mentions: ?" in result.stdout


def test_a_sidecar_nested_too_deeply_is_one_warning_and_the_defaults(tmp_path: Path) -> None:
    # As in the build: an unreadable sidecar is a located warning, the article keeps defaults.
    article = tmp_path / "a.txt"
    article.write_text("عنوان\nفقرة.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("x = " + "[" * 100_000, encoding="utf-8")
    result = run_cli("outline", str(article))
    assert result.returncode == output.OK
    assert (
        result.stderr
        == f"{tmp_path / 'a.meta.toml'}:1: warning: unreadable: maximum recursion depth exceeded\n"
    )
    assert "slug: a" in result.stdout


def test_a_glossary_nested_too_deeply_is_a_warning_like_any_bad_entry(tmp_path: Path) -> None:
    # As in the build: the entry is left out with a located warning, the rest goes on.
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000, encoding="utf-8")
    warning = f"{deep}:1: warning: nested too deeply to read\n"
    search = run_cli("search", "Lavrov", "--glossary", str(tmp_path))
    assert search.returncode == output.NOT_FOUND
    assert search.stderr.startswith(warning) and "Traceback" not in search.stderr
    annotate = run_cli("annotate", str(SEED), "--glossary", str(tmp_path))
    assert (annotate.returncode, annotate.stderr) == (output.OK, warning)
    assert json.loads(annotate.stdout) == []


def test_the_manual_documents_every_exit_status() -> None:
    page = (REPO / "manual" / "cli.md").read_text(encoding="utf-8")
    table = {int(n) for n in re.findall(r"^\| `(\d+)` \|", page, flags=re.MULTILINE)}
    statuses = {
        output.OK,
        output.NOT_FOUND,
        output.BAD_INPUT,
        output.CANNOT_WRITE,
        output.BROKEN_PIPE,
        output.INTERRUPTED,
    }
    assert table == statuses
