"""``briefing annotate FILE``: the glossary linker run over any UTF-8 text file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sphinx_briefing.cli import inputs, output
from sphinx_briefing.text.linker import Linker


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``annotate`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(
        commands, "annotate", "find glossary mentions in a UTF-8 text file", run
    )
    parser.add_argument("file", type=Path, help="any UTF-8 text file")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    inputs.add_glossary_option(parser)


def run(args: argparse.Namespace) -> int:
    return annotate(args.file, args.glossary, args.format, output.stdout())


def annotate(path: Path, glossary_dir: Path, fmt: str, out: output.Output) -> int:
    """Print the glossary mentions in ``path``; 2 on bad input."""
    if not glossary_dir.is_dir():
        output.error(f"{glossary_dir}: no glossary here (use --glossary DIR)")
        return output.BAD_INPUT
    text = inputs.read_text(path)
    if text is None:
        return output.BAD_INPUT
    loaded = inputs.load_glossary(glossary_dir)
    if loaded is None:
        return output.BAD_INPUT
    # As in the build: only people have family names («كيم» alone after the full name).
    people = frozenset(entry.id for entry in loaded.of_type("person"))
    finder = Linker([*loaded.aliases("ar"), *loaded.aliases("en")], people)
    found: list[dict[str, object]] = []
    marked: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        mentions = finder.find(line)
        pieces, position = [], 0
        for mention in mentions:
            entry = loaded.entries[mention.entity]
            found.append(
                {
                    "line": number,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "kind": mention.kind,
                    "entity": mention.entity,
                    "type": entry.type,
                    "name_en": entry.names["en"],
                }
            )
            pieces.append(line[position : mention.start])
            pieces.append(f"⟦{mention.text}|{mention.entity}⟧")
            position = mention.end
        pieces.append(line[position:])
        marked.append("".join(pieces))
    if fmt == "json":
        out.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write("\n".join(marked) + ("" if text.endswith("\n") else "\n"))
    return output.OK
