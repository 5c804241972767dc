"""The ``briefing`` command line.

``briefing outline FILE`` shows how the parser reads an article, line by line: what an
author checks before forcing a decision in the sidecar. ``briefing annotate FILE`` runs
the glossary linker over any UTF-8 text file. ``briefing search QUERY`` looks a name up in
the glossary, forgiving spelling variants and typos. ``briefing cite TARGET`` prints the
citation of a section, paragraph, article or entry. ``briefing init DIR`` writes a new,
empty briefing book with this repository's layout.

One module per subcommand, each with ``add_parser(commands)`` (which names its ``run``) and
``run(args) -> int``; to add one, write its module and list it in :data:`SUBCOMMANDS`.
``output`` holds the exit statuses and the writing that never ends in a traceback,
``inputs`` the reading of files and the shared options.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from sphinx_briefing.cli import (
    add,
    annotate,
    candidates,
    cite,
    init,
    inputs,
    outline,
    output,
    search,
)

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

#: The subcommands, in the order ``briefing --help`` lists them.
SUBCOMMANDS: tuple[Callable[[inputs.Subcommands], None], ...] = (
    outline.add_parser,
    annotate.add_parser,
    search.add_parser,
    cite.add_parser,
    init.add_parser,
    add.add_parser,
    candidates.add_parser,
)


class _Parser(argparse.ArgumentParser):
    """argparse ignores a failed write of ``--help``; this one reports it like any output."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        if file is None:
            output.stdout().write(self.format_help())
        else:
            super().print_help(file)


def parser() -> argparse.ArgumentParser:
    """The ``briefing`` argument parser, with every subcommand."""
    doc = __doc__ or "The briefing command line."
    top = _Parser(prog="briefing", description=doc.splitlines()[0])
    # Subcommands get the same class, so ``briefing cite --help`` is reported alike.
    commands = cast("inputs.Subcommands", top.add_subparsers(dest="command", required=True))
    for add_parser in SUBCOMMANDS:
        add_parser(commands)
    return top


def _dispatch(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``briefing`` console script: the subcommand's exit status
    (``manual/cli.md`` lists them)."""
    return output.guarded(lambda: _dispatch(argv))
