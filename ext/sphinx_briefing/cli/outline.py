"""``briefing outline FILE``: how the parser reads an article, line by line (what an author
checks before forcing a decision in the sidecar)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sphinx_briefing.cli import inputs, output
from sphinx_briefing.text import article
from sphinx_briefing.text import sidecar as metadata

_LABELS = {
    article.Kind.HEADLINE: "headline",
    article.Kind.HEADING: "heading",
    article.Kind.PARAGRAPH: "paragraph",
    article.Kind.LIST_ITEM: "list item",
    article.Kind.DATELINE: "dateline",
    article.Kind.BYLINE: "byline",
    article.Kind.PUBLISHED: "published",
    article.Kind.OMITTED: "set aside",
}


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``outline`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(commands, "outline", "show how an article's lines are read", run)
    parser.add_argument("file", type=Path, help="an article (.txt)")


def run(args: argparse.Namespace) -> int:
    return outline(args.file, output.stdout())


def outline(path: Path, out: output.Output) -> int:
    """Print the article's blocks with line, kind, § and ¶ numbers; 2 when it (or its
    sidecar) cannot be read."""
    text = inputs.read_text(path)
    if text is None:
        return output.BAD_INPUT
    read = metadata.read(path, line_count=text.count("\n") + 1)
    for problem in read.problems:
        output.warning(f"{metadata.sidecar_path(path)}:{problem.line}", problem.message)
    meta = read.meta
    parsed = article.parse(text, meta.layout)
    out.write(f"slug: {meta.slug}\n")
    out.write(f"source: {meta.source or parsed.dateline or '(unknown)'}\n")
    for block, ordinal in article.numbered(parsed.blocks):
        sign = {article.Kind.HEADING: "§", article.Kind.HEADLINE: ""}.get(block.kind, "¶")
        number = f"{sign}{ordinal}" if sign else ""
        preview = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        out.write(f"{block.line:>5}  {_LABELS[block.kind]:<10} {number:<5} {preview}\n")
    return output.OK
