"""``briefing cite TARGET``: the citation of a section, paragraph, article or glossary entry,
read from the HTML build's CSL-JSON export (``_briefing/citations.json``)."""

from __future__ import annotations

import argparse
import difflib
import re
from pathlib import Path
from typing import Any

from sphinx_briefing.cli import inputs, output
from sphinx_briefing.exports import citations

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


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``cite`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(
        commands, "cite", "print the citation of a section, paragraph or entry", run
    )
    parser.add_argument(
        "target", help="lavrov-wonsan:s3, lavrov-wonsan:p7, lavrov-wonsan or sergey-lavrov"
    )
    parser.add_argument("--style", choices=citations.STYLES, default="chicago")
    parser.add_argument(
        "--edition",
        metavar="LANG",
        type=_language_code,
        help="cite the edition in LANG (en: the English edition, read from "
        f"{edition_citations('en')})",
    )
    parser.add_argument(
        "--export",
        type=Path,
        help=f"the build's CSL-JSON export (default: {DEFAULT_CITATIONS}, or the --edition's)",
    )


def run(args: argparse.Namespace) -> int:
    export = args.export or edition_citations(args.edition)
    return cite(args.target, args.style, export, output.stdout(), edition=args.edition)


class Malformed(Exception):
    """An export that is JSON but not a list of CSL-JSON records; the message says where."""


def _kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _id(value: object) -> str | None:
    """A record's ``id`` as its key: CSL-JSON allows a string or a number."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def records(data: Any) -> dict[str, dict[str, Any]]:
    """The export's records by key, or :class:`Malformed`."""
    if not isinstance(data, list):
        raise Malformed(f"not a list of citation records (got {_kind(data)})")
    by_key: dict[str, dict[str, Any]] = {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise Malformed(f"record {number} is {_kind(item)}, not an object")
        if "id" not in item:
            raise Malformed(f'record {number} has no "id"')
        key = _id(item["id"])
        if key is None:
            raise Malformed(f'record {number}: "id" is {_kind(item["id"])}, not a string')
        by_key[key] = item  # the last of two records with one key, as ever
    return by_key


#: The fields the renderers read, with the JSON types they accept.
_REQUIRED: dict[str, tuple[type, ...]] = {"type": (str,), "title": (str,), "URL": (str,)}
_OPTIONAL: dict[str, tuple[type, ...]] = {
    "container-title": (str,),
    "section": (str,),
    "note": (str,),
    "edition": (str, int),
    "language": (str,),
    "original-title": (str,),
    "author": (list,),
    "issued": (dict,),
    "accessed": (dict,),
    "custom": (dict,),
}


def check(item: dict[str, Any]) -> None:
    """:class:`Malformed` unless every style can render ``item``."""
    where = f"record {item['id']!r}"
    for name, types in (*_REQUIRED.items(), *_OPTIONAL.items()):
        if name not in item:
            if name in _REQUIRED:
                raise Malformed(f'{where} has no "{name}"')
            continue
        value = item[name]
        if not isinstance(value, types) or isinstance(value, bool):
            wanted = " or ".join(_kind(t()) for t in types)
            raise Malformed(f'{where}: "{name}" is {_kind(value)}, not {wanted}')
    for author in item.get("author", []):
        if not isinstance(author, dict) or not isinstance(author.get("literal", ""), str):
            raise Malformed(f'{where}: "author" must be a list of {{"literal": NAME}} objects')
    for name in ("issued", "accessed"):
        parts = item.get(name, {}).get("date-parts", [[]])
        if not (
            isinstance(parts, list)
            and all(isinstance(p, list) for p in parts)
            and all(isinstance(n, int) and not isinstance(n, bool) for p in parts for n in p)
        ):
            raise Malformed(f'{where}: "{name}" must be {{"date-parts": [[YEAR, MONTH, DAY]]}}')


def cite(
    target: str, style: str, export: Path, out: output.Output, edition: str | None = None
) -> int:
    """Print the citation of ``target``; 2 when it is unknown, the book is not built or the
    export is malformed.

    The citation is in the language of the edition whose export is read (the English
    edition's names the Arabic original); keys are the same in every edition.
    """
    try:
        data = export.read_bytes()
    except FileNotFoundError:
        make = f"make html-{edition}" if edition else "make html"
        output.error(f"{export}: no citations export; run `{make}` first")
        return output.BAD_INPUT
    except OSError as err:
        output.error(f"{export}: {err.strerror or err}")
        return output.BAD_INPUT
    try:
        by_key = records(inputs.parse_json(data))
    except (inputs.JSONProblem, Malformed) as err:
        output.error(f"{export}: not a citations export: {err}")
        return output.BAD_INPUT
    for candidate in (f"briefing:{target}", f"briefing:entry:{target}", target):
        if candidate in by_key:
            item = by_key[candidate]
            try:
                check(item)
            except Malformed as err:
                output.error(f"{export}: not a citations export: {err}")
                return output.BAD_INPUT
            out.write(citations.render(item, style).rstrip("\n") + "\n")
            return output.OK
    names = [k.removeprefix("briefing:").removeprefix("entry:") for k in by_key]
    close = difflib.get_close_matches(target, names, n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    output.error(f"unknown citation target {target!r}{hint}")
    return output.BAD_INPUT
