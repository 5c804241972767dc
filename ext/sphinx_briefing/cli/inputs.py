"""What the ``briefing`` subcommands are given: their arguments, text files, JSON exports,
the glossary. Each reader reports a problem as one line on standard error and returns None."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from sphinx_briefing import glossary
from sphinx_briefing.cli import output
from sphinx_briefing.text import source

if TYPE_CHECKING:
    Subcommands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

DEFAULT_GLOSSARY = Path("docs") / "glossary" / "entries"


def subcommand(
    commands: Subcommands, name: str, help: str, run: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """A new subcommand's parser; ``briefing NAME ...`` calls ``run(args)``."""
    parser = commands.add_parser(name, help=help)
    parser.set_defaults(run=run)
    return parser


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    """``--glossary DIR``, the glossary entries directory."""
    parser.add_argument(
        "--glossary",
        type=Path,
        default=DEFAULT_GLOSSARY,
        help=f"the glossary entries directory (default: {DEFAULT_GLOSSARY})",
    )


def load_glossary(directory: Path) -> glossary.Glossary | None:
    """The glossary in ``directory``, its problems printed as warnings; None when there is
    no such directory."""
    if not directory.is_dir():
        output.error(f"{directory}: no glossary here (use --glossary DIR)")
        return None
    try:
        loaded = glossary.load(directory)
    except OSError as err:
        output.error(f"{err.filename or directory}: {err.strerror or err}")
        return None
    except RecursionError:  # TOML nested thousands deep
        output.error(f"{directory}: a glossary file is nested too deeply to read")
        return None
    for problem in loaded.problems:
        output.warning(f"{problem.path}:{problem.line}", problem.message)
    return loaded


def read_bytes(path: Path) -> bytes | None:
    """The bytes of ``path``."""
    try:
        return path.read_bytes()
    except OSError as err:
        output.error(f"{path}: {err.strerror or err}")
        return None


def read_text(path: Path) -> str | None:
    """The text of ``path`` as the book reads an article (:func:`source.decode`: UTF-8, a
    byte-order mark, Windows-1256, stray bytes line by line), with the book's warnings; None
    when it cannot be read."""
    data = read_bytes(path)
    if data is None:
        return None
    text = source.decode(data)
    problems = [f"{path}:{finding.line}: {finding.message}" for finding in text.findings]
    if not text.ok:
        output.error(problems[-1])
        return None
    for finding in text.findings:
        output.warning(f"{path}:{finding.line}", finding.message)
    return text.text


class JSONProblem(Exception):
    """A file that is not JSON; the message says why, with the line when it has one."""


def parse_json(data: bytes) -> Any:
    """The JSON value in ``data``, or :class:`JSONProblem` (not UTF-8, not JSON, nested too
    deeply to read)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise JSONProblem(f"line {line}: not UTF-8 (byte 0x{data[err.start]:02x})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise JSONProblem(f"line {err.lineno}: not JSON ({err.msg})") from None
    except ValueError as err:  # e.g. an integer too long to convert
        raise JSONProblem(f"not JSON ({err})") from None
    except RecursionError:
        raise JSONProblem("nested too deeply") from None
