"""The ``briefing`` command line.

``briefing outline FILE`` shows how the parser reads an article, line by line: what an
author checks before forcing a decision in the sidecar. Later issues add ``annotate``,
``search`` and ``cite``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import article, metadata, source

_LABELS = {
    article.Kind.HEADLINE: "headline",
    article.Kind.HEADING: "heading",
    article.Kind.PARAGRAPH: "paragraph",
    article.Kind.LIST_ITEM: "list item",
}


def outline(path: Path, out: object = sys.stdout) -> int:
    """Print the article's blocks with line, kind, § and ¶ numbers; 1 when it cannot be read."""
    write = out.write  # type: ignore[attr-defined]
    try:
        data = path.read_bytes()
    except OSError as err:
        print(f"briefing: {path}: {err.strerror}", file=sys.stderr)
        return 1
    text = source.decode(data)
    for finding in text.findings:
        print(f"{path}:{finding.line}: warning: {finding.message}", file=sys.stderr)
    if not text.ok:
        return 1
    try:
        meta = metadata.load(path)
    except metadata.MetaError as err:
        print(f"briefing: {err}", file=sys.stderr)
        return 1
    parsed = article.parse(text.text, meta.layout)
    write(f"slug: {meta.slug}\n")
    write(f"source: {meta.source or parsed.dateline or '(unknown)'}\n")
    for block, ordinal in article.numbered(parsed.blocks):
        sign = {article.Kind.HEADING: "§", article.Kind.HEADLINE: ""}.get(block.kind, "¶")
        number = f"{sign}{ordinal}" if sign else ""
        preview = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        write(f"{block.line:>5}  {_LABELS[block.kind]:<10} {number:<5} {preview}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``briefing`` console script."""
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("outline", help="show how an article's lines are read")
    show.add_argument("file", type=Path, help="an article (.txt)")
    args = parser.parse_args(argv)
    if args.command == "outline":
        return outline(args.file)
    return 2  # unreachable: argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
