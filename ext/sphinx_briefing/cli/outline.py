"""``briefing outline FILE [--format text|json]``: how the book reads an article, line by
line, and why (what an author checks before forcing a decision in the sidecar)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

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
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    return outline(args.file, output.stdout(), args.format)


def outline_data(parsed: article.Article, meta: metadata.ArticleMeta) -> dict[str, Any]:
    """The reading as ``--format json`` prints it: title, where it comes from, metadata, and
    one block per non-blank line."""
    title, origin = metadata.title_of(parsed, meta)
    blocks = []
    for block, ordinal in article.numbered(parsed.blocks):
        anchor = None
        if block.kind is article.Kind.HEADING:
            anchor = f"s{ordinal}"
        elif block.kind in article.NUMBERED:
            anchor = f"p{ordinal}"
        entry: dict[str, Any] = {
            "line": block.line,
            "role": article.ROLE_NAMES[block.kind],
            "id": anchor,
            "text": block.text,
            "why": block.why,
        }
        if block.dateline:
            entry["dateline"] = block.dateline.strip()
        blocks.append(entry)
    return {
        "title": title,
        "title_from": origin if origin != "none" else "derived",
        "metadata": {
            "source": meta.source or None,
            "date": meta.published or meta.event_date or None,
            "author": meta.author or None,
            "place": meta.place or None,
            "inferred": sorted("date" if name == "published" else name for name in meta.inferred),
        },
        "blocks": blocks,
    }


def outline(path: Path, out: output.Output, fmt: str = "text") -> int:
    """Print the article's blocks with line, kind, § and ¶ numbers; 2 when it (or its
    sidecar) cannot be read."""
    text = inputs.read_text(path)
    if text is None:
        return output.BAD_INPUT
    read = metadata.read(path, line_count=text.count("\n") + 1)
    for problem in read.problems:
        output.warning(f"{metadata.sidecar_path(path)}:{problem.line}", problem.message)
    parsed = article.parse(text, read.meta.layout)
    meta = metadata.completed(read.meta, parsed)
    if fmt == "json":
        out.write(json.dumps(outline_data(parsed, meta), ensure_ascii=False, indent=1) + "\n")
        return output.OK
    title, origin = metadata.title_of(parsed, meta)
    out.write(f"slug: {meta.slug}\n")
    out.write(f"source: {meta.source or '(unknown)'}\n")
    out.write(f"title: {title} ({origin})\n")
    for block, ordinal in article.numbered(parsed.blocks):
        sign = {article.Kind.HEADING: "§"}.get(
            block.kind, "¶" if block.kind in article.NUMBERED else ""
        )
        number = f"{sign}{ordinal}" if sign else ""
        preview = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        out.write(
            f"{block.line:>5}  {_LABELS[block.kind]:<10} {number:<5} {preview}  [{block.why}]\n"
        )
    return output.OK
