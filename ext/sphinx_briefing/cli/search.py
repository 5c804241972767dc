"""``briefing search QUERY``: a name looked up in the glossary, forgiving spelling variants
and typos, with mention counts from the HTML build's ``glossary.json`` when there is one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sphinx_briefing.cli import inputs, output
from sphinx_briefing.search import glossary_search
from sphinx_briefing.vocabulary import TYPES

DEFAULT_EXPORT = Path("build") / "html" / "_briefing" / "glossary.json"


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``search`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(commands, "search", "look a name up in the glossary", run)
    parser.add_argument("query", help="a name, alias, adjective or description words")
    parser.add_argument("--type", choices=TYPES, help="only entries of this type")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    inputs.add_glossary_option(parser)
    parser.add_argument("--limit", type=int, default=10, help="at most N results (default: 10)")
    parser.add_argument(
        "--export",
        type=Path,
        default=DEFAULT_EXPORT,
        help=f"the build's glossary export, for mention counts (default: {DEFAULT_EXPORT})",
    )


def run(args: argparse.Namespace) -> int:
    return search(
        args.query, args.glossary, args.type, args.format, args.limit, args.export, output.stdout()
    )


def _mention_counts(export: Path) -> dict[str, int] | None:
    """Mentions per entry id from the build's export; None (after a warning when the export
    is there but unreadable) when unknown."""
    if not export.is_file():
        return None
    try:
        return glossary_search.mention_counts(inputs.parse_json(export.read_bytes()))
    except OSError as err:
        reason = err.strerror or str(err)
    except inputs.JSONProblem as err:
        reason = str(err)
    output.error(f"{export}: warning: mention counts unknown ({reason})")
    return None


def search(
    query: str,
    glossary_dir: Path,
    kind: str | None,
    fmt: str,
    limit: int,
    export: Path,
    out: output.Output,
) -> int:
    """Print the glossary entries matching ``query``, best first; 1 when none, 2 on bad input."""
    if not glossary_dir.is_dir():
        output.error(f"{glossary_dir}: no glossary here (use --glossary DIR)")
        return output.BAD_INPUT
    if limit < 1:
        output.error(f"--limit must be at least 1 (got {limit})")
        return output.BAD_INPUT
    loaded = inputs.load_glossary(glossary_dir)
    if loaded is None:
        return output.BAD_INPUT
    counts = _mention_counts(export)
    hits = glossary_search.search(loaded, query, kind, limit)
    if fmt == "json":
        found = [
            {
                "id": hit.entry.id,
                "type": hit.entry.type,
                "names": dict(hit.entry.names),
                "short_ar": hit.entry.description["short_ar"],
                "short_en": hit.entry.description["short_en"],
                "score": hit.score,
                "mentions": None if counts is None else counts.get(hit.entry.id),
            }
            for hit in hits
        ]
        out.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    else:
        blocks = []
        for hit in hits:
            entry = hit.entry
            count = "?" if counts is None else counts.get(entry.id, "?")
            matched = hit.matched if len(hit.matched) <= 60 else hit.matched[:59] + "…"
            blocks.append(
                f"{entry.id} ({entry.type})  mentions: {count}  score: {hit.score:.3f}\n"
                f"  {entry.names['ar']}\n"
                f"  {entry.names['en']}\n"
                f"  ar: {entry.description['short_ar']}\n"
                f"  en: {entry.description['short_en']}\n"
                f"  matched ({hit.tier}, {hit.field}): {matched}\n"
            )
        out.write("\n".join(blocks))
    if not hits:
        output.error(f"no glossary entry matches {query}")
        return output.NOT_FOUND
    return output.OK
