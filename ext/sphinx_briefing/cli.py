"""The ``briefing`` command line.

``briefing outline FILE`` shows how the parser reads an article, line by line: what an
author checks before forcing a decision in the sidecar. ``briefing annotate FILE`` runs
the glossary linker over any UTF-8 text file. ``briefing search QUERY`` looks a name up in
the glossary, forgiving spelling variants and typos.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sphinx_briefing import glossary
from sphinx_briefing.exports import citations
from sphinx_briefing.search import glossary_search
from sphinx_briefing.text import article, source
from sphinx_briefing.text import sidecar as metadata
from sphinx_briefing.text.linker import Linker
from sphinx_briefing.vocabulary import TYPES

_LABELS = {
    article.Kind.HEADLINE: "headline",
    article.Kind.HEADING: "heading",
    article.Kind.PARAGRAPH: "paragraph",
    article.Kind.LIST_ITEM: "list item",
}


def outline(path: Path, out: TextIO | None = None) -> int:
    """Print the article's blocks with line, kind, § and ¶ numbers; 1 when it cannot be read."""
    write = (out or sys.stdout).write
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


DEFAULT_GLOSSARY = Path("docs") / "glossary" / "entries"


def _read_text(path: Path) -> str | None:
    """The UTF-8 text of ``path``, or None after a one-line error on stderr."""
    try:
        data = path.read_bytes()
    except OSError as err:
        print(f"briefing: {path}: {err.strerror}", file=sys.stderr)
        return None
    if b"\x00" in data:
        print(f"briefing: {path}: binary file (contains NUL bytes)", file=sys.stderr)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        print(f"briefing: {path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x})", file=sys.stderr)
        return None


def annotate(path: Path, glossary_dir: Path, fmt: str, out: TextIO | None = None) -> int:
    """Print the glossary mentions in ``path``; 2 on bad input."""
    write = (out or sys.stdout).write
    if not glossary_dir.is_dir():
        print(f"briefing: {glossary_dir}: no glossary here (use --glossary DIR)", file=sys.stderr)
        return 2
    text = _read_text(path)
    if text is None:
        return 2
    loaded = glossary.load(glossary_dir)
    for problem in loaded.problems:
        print(f"{problem.path}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    finder = Linker([*loaded.aliases("ar"), *loaded.aliases("en")])
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
        write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
    else:
        write("\n".join(marked) + ("" if text.endswith("\n") else "\n"))
    return 0


DEFAULT_EXPORT = Path("build") / "html" / "_briefing" / "glossary.json"


def search(
    query: str,
    glossary_dir: Path,
    kind: str | None,
    fmt: str,
    limit: int,
    export: Path,
    out: TextIO | None = None,
) -> int:
    """Print the glossary entries matching ``query``, best first; 1 when none, 2 on bad input.

    Mention counts come from the HTML build's ``glossary.json`` export when there is one.
    """
    write = (out or sys.stdout).write
    if not glossary_dir.is_dir():
        print(f"briefing: {glossary_dir}: no glossary here (use --glossary DIR)", file=sys.stderr)
        return 2
    if limit < 1:
        print(f"briefing: --limit must be at least 1 (got {limit})", file=sys.stderr)
        return 2
    loaded = glossary.load(glossary_dir)
    for problem in loaded.problems:
        print(f"{problem.path}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    counts: dict[str, int] | None = None
    if export.is_file():
        try:
            counts = glossary_search.mention_counts(json.loads(export.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            print(f"briefing: {export}: warning: mention counts unknown ({err})", file=sys.stderr)
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
        write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
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
        write("\n".join(blocks))
    if not hits:
        print(f"briefing: no glossary entry matches {query}", file=sys.stderr)
        return 1
    return 0


DEFAULT_CITATIONS = Path("build") / "html" / "_briefing" / "citations.json"


def _language_code(value: str) -> str:
    """A language code (``en``, ``pt-BR``): it names a build directory."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", value):
        raise argparse.ArgumentTypeError(f"not a language code: {value!r}")
    return value


def edition_citations(edition: str | None) -> Path:
    """The citations export of an edition's build: ``build/html`` for the book's own,
    ``build/html-en`` for the English edition (``make html-en``)."""
    if not edition:
        return DEFAULT_CITATIONS
    return Path("build") / f"html-{edition}" / "_briefing" / "citations.json"


def cite(
    target: str, style: str, export: Path, out: TextIO | None = None, edition: str | None = None
) -> int:
    """Print the citation of ``target``; 2 when it is unknown or the book is not built.

    The citation is in the language of the edition whose export is read (the English
    edition's names the Arabic original); keys are the same in every edition.
    """
    try:
        items = json.loads(export.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        make = f"make html-{edition}" if edition else "make html"
        print(f"briefing: {export}: no citations export; run `{make}` first", file=sys.stderr)
        return 2
    by_key = {str(item["id"]): item for item in items}
    for candidate in (f"briefing:{target}", f"briefing:entry:{target}", target):
        if candidate in by_key:
            text = citations.render(by_key[candidate], style).rstrip("\n")
            (out or sys.stdout).write(text + "\n")
            return 0
    names = [k.removeprefix("briefing:").removeprefix("entry:") for k in by_key]
    close = difflib.get_close_matches(target, names, n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    print(f"briefing: unknown citation target {target!r}{hint}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``briefing`` console script."""
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("outline", help="show how an article's lines are read")
    show.add_argument("file", type=Path, help="an article (.txt)")
    mark = commands.add_parser("annotate", help="find glossary mentions in a UTF-8 text file")
    mark.add_argument("file", type=Path, help="any UTF-8 text file")
    mark.add_argument("--format", choices=("json", "text"), default="json")
    mark.add_argument(
        "--glossary",
        type=Path,
        default=DEFAULT_GLOSSARY,
        help=f"the glossary entries directory (default: {DEFAULT_GLOSSARY})",
    )
    find = commands.add_parser("search", help="look a name up in the glossary")
    find.add_argument("query", help="a name, alias, adjective or description words")
    find.add_argument("--type", choices=TYPES, help="only entries of this type")
    find.add_argument("--format", choices=("text", "json"), default="text")
    find.add_argument(
        "--glossary",
        type=Path,
        default=DEFAULT_GLOSSARY,
        help=f"the glossary entries directory (default: {DEFAULT_GLOSSARY})",
    )
    find.add_argument("--limit", type=int, default=10, help="at most N results (default: 10)")
    find.add_argument(
        "--export",
        type=Path,
        default=DEFAULT_EXPORT,
        help=f"the build's glossary export, for mention counts (default: {DEFAULT_EXPORT})",
    )
    quote = commands.add_parser("cite", help="print the citation of a section, paragraph or entry")
    quote.add_argument(
        "target", help="lavrov-wonsan:s3, lavrov-wonsan:p7, lavrov-wonsan or sergey-lavrov"
    )
    quote.add_argument("--style", choices=citations.STYLES, default="chicago")
    quote.add_argument(
        "--edition",
        metavar="LANG",
        type=_language_code,
        help="cite the edition in LANG (en: the English edition, read from "
        f"{edition_citations('en')})",
    )
    quote.add_argument(
        "--export",
        type=Path,
        help=f"the build's CSL-JSON export (default: {DEFAULT_CITATIONS}, or the --edition's)",
    )
    args = parser.parse_args(argv)
    if args.command == "cite":
        export = args.export or edition_citations(args.edition)
        return cite(args.target, args.style, export, edition=args.edition)
    if args.command == "search":
        return search(args.query, args.glossary, args.type, args.format, args.limit, args.export)
    if args.command == "annotate":
        return annotate(args.file, args.glossary, args.format)
    return outline(args.file)


if __name__ == "__main__":
    sys.exit(main())
