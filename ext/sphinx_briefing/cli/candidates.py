"""``briefing candidates FILE...``: the names in articles that no glossary entry covers.

Each file is read as the book reads an article (its sidecar's reading overrides included),
only its article text is searched (never the page leftovers), and the names are merged over
all the files: ``--format json`` prints the pinned shape of
:meth:`~sphinx_briefing.candidates.model.Candidate.as_json`, ``--format text`` one block per
name with a few words around its first mention. ``--write DIR`` turns them into draft
entries (new spellings of known entries become aliases of those entries).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from sphinx_briefing.candidates.finder import find_candidates
from sphinx_briefing.candidates.model import Candidate, Source
from sphinx_briefing.cli import inputs, output
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.text import article
from sphinx_briefing.text import sidecar as metadata

#: Words of context shown on each side of a name's first mention (``--format text``).
CONTEXT_WORDS = 6


def _count(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``candidates`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(
        commands, "candidates", "list the names in articles that no glossary entry covers", run
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="article files")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    inputs.add_glossary_option(parser)
    parser.add_argument(
        "--write",
        type=Path,
        metavar="DIR",
        help="write a draft entry per new name into DIR, and new spellings of known "
        "entries as their aliases",
    )
    parser.add_argument(
        "--min-count",
        type=_count,
        default=1,
        metavar="N",
        help="only names mentioned at least N times (default: 1)",
    )


def run(args: argparse.Namespace) -> int:
    return candidates(
        args.files, args.glossary, args.format, args.write, args.min_count, output.stdout()
    )


def candidates(
    paths: Sequence[Path],
    glossary_dir: Path,
    fmt: str,
    write: Path | None,
    min_count: int,
    out: output.Output,
) -> int:
    """Print (and with ``write``, draft) the candidates of ``paths``; 2 on bad input."""
    loaded = inputs.load_glossary(glossary_dir)
    if loaded is None:
        return output.BAD_INPUT
    texts: dict[str, str] = {}
    layouts: dict[str, article.Layout] = {}
    for path in paths:
        if path.is_dir():
            output.error(f"{path}: is a directory, not an article file")
            return output.BAD_INPUT
        text = inputs.read_text(path)
        if text is None:
            return output.BAD_INPUT
        texts[str(path)] = text
        layouts[str(path)] = metadata.read(path, line_count=text.count("\n") + 1).meta.layout
    found = find_candidates(texts, loaded, min_count=min_count, layouts=layouts)
    if fmt == "json":
        out.write(json.dumps([c.as_json() for c in found], ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(render_text(found, texts))
    if write is not None:
        return _write(found, write, loaded, texts, fmt, out)
    return output.OK


def render_text(found: Sequence[Candidate], texts: Mapping[str, str]) -> str:
    """One block per candidate: its name, type, count, score, English name, why, and the
    first mention in a few words of context."""
    blocks = []
    for candidate in found:
        head = (
            f"{candidate.text} ({candidate.type}, {candidate.count}×, score {candidate.score:.2f})"
        )
        lines = [head]
        if candidate.variant_of:
            lines.append(f"  a spelling of: {candidate.variant_of}")
        if candidate.english:
            guess = " (suggested)" if candidate.english_is_guess else ""
            lines.append(f"  English: {candidate.english}{guess}")
        lines.append(f"  why: {candidate.why}")
        first = candidate.mentions[0]
        line = texts[first.file].split("\n")[first.line - 1]
        lines.append(f"  {first.file}:{first.line}: {snippet(line, first.start, first.end)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def snippet(line: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """A few words on each side of ``line[start:end]``, the name in ⟦⟧."""
    before = line[:start].split()[-words:]
    after = line[end:].split()[:words]
    left = ("… " if len(line[:start].split()) > words else "") + " ".join(before)
    right = " ".join(after) + (" …" if len(line[end:].split()) > words else "")
    return f"{left} ⟦{line[start:end]}⟧ {right}".strip()


def sources_of(texts: Mapping[str, str]) -> dict[str, Source]:
    """Each file's :class:`Source`: its title as the book shows it, and its sidecar's (or
    its text's) outlet, address and date."""
    found: dict[str, Source] = {}
    for name, text in texts.items():
        path = Path(name)
        meta = metadata.read(path, line_count=text.count("\n") + 1).meta
        parsed = article.parse(text, meta.layout)
        meta = metadata.completed(meta, parsed)
        source = Source(title=metadata.title_of(parsed, meta)[0])
        publisher = meta.outlet or meta.source
        if publisher:
            source["publisher"] = publisher
        if meta.url:
            source["url"] = meta.url
        if len(meta.published) == 10:
            source["date"] = meta.published
        found[name] = source
    return found


def _write(
    found: Sequence[Candidate],
    directory: Path,
    glossary: Glossary,
    texts: Mapping[str, str],
    fmt: str,
    out: output.Output,
) -> int:
    # Imported here: the drafts need tomlkit, which only --write uses.
    from sphinx_briefing.candidates.drafts import write_drafts

    if directory.exists() and not directory.is_dir():
        output.error(f"{directory}: not a directory")
        return output.BAD_INPUT
    try:
        directory.mkdir(parents=True, exist_ok=True)
        report = write_drafts(found, directory, glossary, sources_of(texts))
    except OSError as err:
        output.error(f"{err.filename or directory}: {err.strerror or err}")
        return output.BAD_INPUT
    # What was written: after the text blocks, or on standard error beside --format json
    # (so the JSON stays parseable).
    for line in report.summary():
        if fmt == "json":
            output.error(line)
        else:
            out.write(f"{line}\n")
    return output.OK
