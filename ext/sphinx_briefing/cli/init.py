"""``briefing init DIR``: a new briefing book with this repository's layout.

The book is written from the starter files shipped in the package (``sphinx_briefing/starter``):
``docs/`` (``conf.py``, the landing page, the book at a glance, the glossary pages: people,
places, organizations, agreements, events, other names, the English index and the drafts to
review; the sources page), a ``Makefile``, ``.gitignore`` and a ``README.md``; then the empty
folders: ``seeds/`` for the articles, ``docs/articles`` linking to it, ``docs/glossary/entries/``.
The pages' headings and sentences come from ``starter/words.json`` in the book's language
(English for a language it has no words for). ``DIR`` must be new or empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import string
from pathlib import Path

from sphinx_briefing import resources
from sphinx_briefing.cli import inputs, output

STARTER = resources.PACKAGE / "starter"
#: Starter files copied as they are (a Makefile's ``$(VAR)`` is not a template field).
VERBATIM = frozenset({"Makefile"})
#: Starter files shipped under another name: package data skips dotfiles, and a template of
#: ``conf.py`` is not Python until it is filled in.
RENAMED = {"gitignore": ".gitignore", "conf.py.in": "conf.py"}
#: The example article name in the at-a-glance page's instructions.
EXAMPLE_SLUG = "my-article"


def _language_code(value: str) -> str:
    """A language code as Sphinx takes it (``ar``, ``en``, ``pt_BR``)."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", value):
        raise argparse.ArgumentTypeError(f"not a language code: {value!r}")
    return value


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``init`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(commands, "init", "write a new, empty briefing book into DIR", run)
    parser.add_argument("directory", metavar="DIR", type=Path, help="a new or empty directory")
    parser.add_argument("--title", help="the book's title (default: 'Briefing book', in LANG)")
    parser.add_argument(
        "--language",
        metavar="LANG",
        type=_language_code,
        default="ar",
        help="the language the book is written in (default: ar)",
    )


def run(args: argparse.Namespace) -> int:
    return init(args.directory, args.language, args.title, output.stdout())


def words(language: str) -> dict[str, str]:
    """The starter pages' headings and sentences in ``language`` (English when there are none)."""
    table: dict[str, dict[str, str]] = json.loads(
        (STARTER / "words.json").read_text(encoding="utf-8")
    )
    primary = re.split(r"[-_]", language, maxsplit=1)[0].lower()
    return dict(table.get(primary, table["en"]))


def _literal(text: str) -> str:
    """A Python string literal (a JSON string is one), with double quotes."""
    return json.dumps(text, ensure_ascii=False)


def fields(language: str, title: str | None, year: int) -> dict[str, str]:
    """What the starter templates are filled with."""
    said = words(language)
    shown = " ".join((title if title is not None else said["title"]).split())
    author = said["author"]
    return {
        **said,
        "title": shown,
        "language_code": language,
        "example_slug": EXAMPLE_SLUG,
        # conf.py's values, as Python literals.
        "project": _literal(shown),
        "author": _literal(author),
        "copyright": _literal(f"{year}, {author}"),
        "release": _literal(f"{year}.1"),
        "language": _literal(language),
    }


def starter_files() -> list[Path]:
    """The starter files, relative to :data:`STARTER` (``words.json`` is not one)."""
    return sorted(
        path.relative_to(STARTER)
        for path in STARTER.rglob("*")
        if path.is_file() and path.name != "words.json" and "__pycache__" not in path.parts
    )


def render(relative: Path, values: dict[str, str]) -> str:
    """One starter file, filled in."""
    text = (STARTER / relative).read_text(encoding="utf-8")
    if relative.name in VERBATIM:
        return text
    return string.Template(text).substitute(values)


def _is_empty(directory: Path) -> bool:
    return not directory.exists() or (directory.is_dir() and not any(directory.iterdir()))


def _link_articles(root: Path) -> bool:
    """``docs/articles`` → ``../seeds``; a directory of its own where links are impossible
    (False then)."""
    link = root / "docs" / "articles"
    try:
        link.symlink_to(Path("..") / "seeds", target_is_directory=True)
    except (OSError, NotImplementedError):
        link.mkdir()
        return False
    return True


def write_book(root: Path, values: dict[str, str]) -> bool:
    """Write the book into ``root`` (new or empty); False when ``docs/articles`` had to be a
    directory instead of a link."""
    root.mkdir(parents=True, exist_ok=True)
    for relative in starter_files():
        target = root / relative.parent / RENAMED.get(relative.name, relative.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(relative, values), encoding="utf-8", newline="\n")
    for empty in (root / "seeds", root / "docs" / "glossary" / "entries"):
        empty.mkdir(parents=True, exist_ok=True)
        (empty / ".gitkeep").write_text("", encoding="utf-8")
    return _link_articles(root)


def init(directory: Path, language: str, title: str | None, out: output.Output) -> int:
    """Write a new book into ``directory``; 2 when it is not empty or the title is blank,
    3 when it cannot be written."""
    if not _is_empty(directory):
        output.error(f"{directory}: not empty; give a new or empty directory")
        return output.BAD_INPUT
    if title is not None and not title.strip():
        output.error("the title is empty")
        return output.BAD_INPUT
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    year = dt.date.fromtimestamp(int(epoch)).year if epoch.isdigit() else dt.date.today().year
    try:
        linked = write_book(directory, fields(language, title, year))
    except OSError as err:
        output.error(f"{err.filename or directory}: {err.strerror or err}")
        return output.CANNOT_WRITE
    if not linked:
        out.write(
            f"{directory / 'docs' / 'articles'}: a directory, not a link to seeds/ (links are "
            "not possible here): put the articles there\n"
        )
    out.write(
        f"A new briefing book in {directory}: put articles (SLUG.txt, SLUG.meta.toml) in "
        f"{directory / 'seeds'}, then run `make html` or `make serve` there.\n"
    )
    return output.OK
