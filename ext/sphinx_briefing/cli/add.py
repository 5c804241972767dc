"""``briefing add FILE|- [--name SLUG] [--source S] [--date D] [--url U] [--seeds DIR]``:
import an article into ``seeds/``.

The input is plain text (in any encoding the book's reader accepts; ``-`` is standard
input), a saved web page (``.html``/``.htm``: its main text and metadata extracted offline
with trafilatura) or Markdown (``.md``: its markup stripped to plain lines). It becomes
``seeds/SLUG.txt`` and ``seeds/SLUG.meta.toml``, the sidecar holding what was inferred
(headline, source, outlet, date, address, language), for the author to review.

Nothing is written unless everything succeeded: binary or empty input, a page with no main
text, a bad option, an article already in ``seeds/`` or a file name already taken is one
line on standard error and exit status 2. The sidecar is written first and the article last,
each through a temporary file that is linked into place only if the name is still free.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import html
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_briefing.cli import inputs, output
from sphinx_briefing.text import article, source
from sphinx_briefing.text import sidecar as metadata
from sphinx_briefing.text.bidi import dominant_script
from sphinx_briefing.text.transliterate import slugify
from sphinx_briefing.text.urls import safe_url

DEFAULT_SEEDS = Path("seeds")
#: Longest slug ``briefing add`` makes up (``--name`` may be longer).
SLUG_MAX = 60
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
STDIN = "-"

#: File signatures of the binary formats most often mistaken for an article.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
)
#: Share of replacement or control characters above which decoded bytes are not text.
_JUNK_SHARE = 0.02
#: The byline added to a page's text when the page names an author the text does not.
BYLINE_WORD = "بقلم"


class Refused(Exception):
    """The import cannot go on; the message is the one line shown after ``briefing: ``."""


@dataclass
class Imported:
    """An input turned into article text, with what its format told about it."""

    text: str
    kind: str
    title: str = ""
    outlet: str = ""
    published: str = ""
    author: str = ""
    url: str = ""
    #: The page's declared language (``<html lang>``), if any.
    language: str = ""
    #: Markdown only: 1-based line → ``heading`` / ``item`` / ``paragraph``, as written.
    roles: dict[int, str] = field(default_factory=dict)
    #: Whether :attr:`author` was added to the text as a byline.
    byline_added: bool = False


@dataclass(frozen=True)
class Value:
    """One inferred value and where it came from (shown, and written as a TOML comment)."""

    value: str
    origin: str


def add_parser(commands: inputs.Subcommands) -> None:
    """Add ``add`` to the ``briefing`` subcommands."""
    parser = inputs.subcommand(
        commands, "add", "import an article (text, saved web page, Markdown) into seeds/", run
    )
    parser.add_argument(
        "file", metavar="FILE", help="a .txt, .html/.htm or .md file, or - for standard input"
    )
    parser.add_argument("--name", metavar="SLUG", help="the new file's name (default: derived)")
    parser.add_argument("--source", metavar="S", help="the article's source (agency, author)")
    parser.add_argument("--date", metavar="D", help="publication date, YYYY-MM-DD")
    parser.add_argument("--url", metavar="U", help="the article's address (http or https)")
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        type=Path,
        default=DEFAULT_SEEDS,
        help=f"where the articles are (default: {DEFAULT_SEEDS})",
    )


def run(args: argparse.Namespace) -> int:
    try:
        return add(args)
    except Refused as err:
        output.error(str(err))
        return output.BAD_INPUT


# -- options ---


@dataclass(frozen=True)
class Given:
    """The command-line values, checked."""

    name: str
    source: str
    date: str
    url: str


def checked_options(args: argparse.Namespace) -> Given:
    """The options as given, or :class:`Refused` naming the bad one."""
    name = args.name or ""
    if args.name is not None and not SLUG.match(name):
        raise Refused(f"--name {name!r}: use lower-case ASCII letters and digits joined by '-'")
    date = (args.date or "").strip()
    if args.date is not None and not metadata.real_date(date):
        raise Refused(f"--date {args.date!r} is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)")
    url = ""
    if args.url is not None:
        url = safe_url(args.url) or ""
        if not url:
            raise Refused(f"--url {args.url!r} is not an http or https address")
    src = " ".join((args.source or "").split())
    if args.source is not None and not src:
        raise Refused("--source is empty")
    return Given(name, src, date, url)


# -- reading ---


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is when it is plainly not text (``a PNG image``), else None."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None  # UTF-16 or UTF-32 with a byte-order mark: NUL bytes are expected
    if b"\x00" in data[:8192]:
        return "binary data (it holds NUL bytes)"
    return None


def _junk(text: str) -> bool:
    """Decoded text that is mostly replacement characters or control codes."""
    if not text:
        return False
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\f\v"))
    return bad > max(2, len(text) * _JUNK_SHARE)


def decoded(data: bytes, label: str) -> str:
    """``data`` read as the book reads an article, its findings printed as warnings."""
    read = source.decode(data)
    if not read.ok:
        last = read.findings[-1]
        raise Refused(f"{label}:{last.line}: {last.message}")
    if _junk(read.text):
        raise Refused(f"{label}: binary data, not text")
    for finding in read.findings:
        output.warning(f"{label}:{finding.line}", finding.message)
    return read.text


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence the named libraries' log messages (a page's quirks are not our warnings)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def from_html(data: bytes, label: str) -> Imported:
    """A saved web page's main text and metadata (title, date, site, author, address)."""
    import trafilatura  # deferred: it takes a while to import, and only pages need it

    with _quiet("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        tree = trafilatura.load_html(data)
        if tree is None:
            raise Refused(f"{label}: not a web page that can be read")
        text = trafilatura.extract(
            data,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            deduplicate=False,
        )
        found = trafilatura.extract_metadata(tree)
    if not text or not text.strip():
        raise Refused(f"{label}: no article text found in the page")
    if not any(block.kind in article.NUMBERED for block in article.parse(text).blocks):
        # The extractor's fallbacks return a menu or a footer when there is no article.
        raise Refused(f"{label}: no article text found in the page, only its navigation")
    cleaned = source.clean(text)
    for finding in cleaned.findings:
        output.warning(f"{label} (extracted text):{finding.line}", finding.message)
    return Imported(
        text=cleaned.text.strip("\n") + "\n",
        kind="web page",
        title=_one_line(found.title),
        outlet=_one_line(found.sitename),
        published=_one_line(found.date),
        author=_one_line(found.author),
        url=_one_line(found.url),
        language=_one_line(str(tree.get("lang") or "")),
    )


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


# -- Markdown ---

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^[ \t]{0,8}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = (
    re.compile(r"(\*{1,3}|~~)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w\\])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)"),
)


def inline(text: str) -> str:
    """One line of Markdown without its inline markup: links keep their text, images and
    HTML tags go, emphasis and code markers are removed, escapes and entities resolved."""
    escapes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escapes.append(match.group(1))
        return f"\x00{len(escapes) - 1}\x00"

    text = _ESCAPED.sub(hold, text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for pattern in _EMPHASIS:
        previous = None
        while previous != text:
            previous, text = text, pattern.sub(r"\2", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: escapes[int(m.group(1))], text)
    return " ".join(html.unescape(text).split())


def from_markdown(text: str) -> Imported:
    """Markdown as plain lines: one line per heading, paragraph and list item (a list ends
    with a blank line), front matter, rules, images and reference definitions dropped."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1 :]
    blocks: list[tuple[str, str]] = []  # (role, text)
    paragraph: list[str] = []
    fence = ""

    def flush(role: str = "paragraph") -> None:
        joined = inline(" ".join(paragraph))
        paragraph.clear()
        if joined:
            blocks.append((role, joined))

    for raw in lines:
        line = raw.rstrip()
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            elif line.strip():
                blocks.append(("paragraph", " ".join(line.split())))
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if opening := _FENCE.match(line):
            flush()
            fence = opening.group(1)
        elif not line.strip():
            flush()
            if blocks and blocks[-1][0] == "item":
                blocks.append(("gap", ""))
        elif (heading := _ATX.match(line)) is not None:
            flush()
            content = inline(heading.group(2) or "")
            if content:
                blocks.append(("heading", content))
        elif paragraph and _SETEXT.match(line):
            flush("heading")
        elif _RULE.match(line) or _REFERENCE.match(line):
            flush()
        elif (item := _ITEM.match(line)) is not None:
            flush()
            content = inline(item.group(1))
            if content:
                blocks.append(("item", content))
        elif blocks and blocks[-1][0] == "item" and not paragraph and raw[:1] in " \t":
            role, previous = blocks.pop()  # an item's continuation line
            blocks.append((role, f"{previous} {inline(line)}".strip()))
        else:
            paragraph.append(line.strip())
    flush()
    out: list[str] = []
    roles: dict[int, str] = {}
    for role, content in blocks:
        if role == "gap":
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1] and roles.get(len(out)) == "item" and role != "item":
            out.append("")
        out.append(content)
        roles[len(out)] = role
    while out and not out[-1]:
        out.pop()
    return Imported(text="\n".join(out) + "\n" if out else "", kind="Markdown", roles=roles)


def forced_layout(roles: dict[int, str], parsed: article.Article) -> dict[str, list[int]]:
    """The Markdown structure the reader would not guess, as ``[layout]`` overrides: headings
    (but the first line, the headline), list items, and paragraphs read as either."""
    read = {block.line: block.kind for block in parsed.blocks}
    forced: dict[str, list[int]] = {"headings": [], "list_items": [], "paragraphs": []}
    for line, role in sorted(roles.items()):
        kind = read.get(line)
        if kind is None or kind is article.Kind.HEADLINE:
            continue
        if role == "heading" and kind is not article.Kind.HEADING and line != 1:
            forced["headings"].append(line)
        elif role == "item" and kind is not article.Kind.LIST_ITEM:
            forced["list_items"].append(line)
        elif role == "paragraph" and kind in (article.Kind.HEADING, article.Kind.LIST_ITEM):
            forced["paragraphs"].append(line)
    return {key: lines for key, lines in forced.items() if lines}


# -- inference ---


def read_input(path: str, label: str) -> Imported:
    """The article in ``path`` (``-``: standard input, plain text)."""
    if path == STDIN:
        stream = sys.stdin
        if stream is None:
            raise Refused("standard input is closed")
        try:
            data = stream.buffer.read()
        except (OSError, ValueError, AttributeError) as err:
            raise Refused(f"standard input cannot be read: {err}") from None
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            raise Refused(f"{path}: {err.strerror or err}") from None
    kind = binary_kind(data)
    if kind is not None:
        raise Refused(f"{label}: {kind}, not an article")
    suffix = Path(path).suffix.lower() if path != STDIN else ""
    if not data.strip():
        raise Refused(f"{label}: empty, no article text")
    if suffix in HTML_SUFFIXES:
        return from_html(data, label)
    text = decoded(data, label)
    if suffix in MARKDOWN_SUFFIXES:
        return from_markdown(text)
    return Imported(text=text, kind="text")


def with_byline(imported: Imported) -> Imported:
    """A page's text with its author as a byline after the headline, when the text does not
    name one (the sidecar has no author: the book reads it from the text)."""
    if not imported.author or dominant_script(imported.text) != "arabic":
        return imported
    parsed = article.parse(imported.text)
    if parsed.found.get("author"):
        return imported
    lines = imported.text.split("\n")
    at = parsed.headline.line if parsed.headline is not None else 0
    candidate = "\n".join([*lines[:at], f"{BYLINE_WORD}: {imported.author}", *lines[at:]])
    if article.parse(candidate).found.get("author") != imported.author:
        return imported  # not read back as a byline: leave the text as the page had it
    imported.text = candidate
    imported.byline_added = True
    return imported


def language_of(imported: Imported) -> Value:
    """``ar`` unless the text is mostly Latin letters (then the page's language, or ``en``)."""
    if dominant_script(imported.text) == "arabic":
        return Value("ar", "the text is mostly Arabic")
    declared = imported.language.replace("_", "-")
    primary = declared.split("-")[0].lower()
    if declared and primary != "ar" and metadata.language_code(declared):
        return Value(declared, "the text is mostly Latin; the page's language")
    return Value("en", "the text is mostly Latin")


def inferred(imported: Imported, given: Given, label: str) -> dict[str, Value]:
    """Every sidecar value with its origin; empty values are unknown."""
    parsed = article.parse(imported.text)
    from_text = metadata.completed(metadata.ArticleMeta(slug="article"), parsed)
    values: dict[str, Value] = {}
    title, origin = parsed.title()
    if parsed.headline is None and imported.title:
        values["headline"] = Value(imported.title, "the page's title (the text has none)")
    elif origin == "headline":
        values["headline"] = Value("", "none needed: the text has a headline line")
    elif title:
        values["headline"] = Value("", "none: the title is derived from the first paragraph")
    else:
        values["headline"] = Value("", "")
    if given.source:
        values["source"] = Value(given.source, "--source")
    elif from_text.source:
        values["source"] = Value(from_text.source, "from the text (dateline or attribution)")
    else:
        values["source"] = Value("", "not found")
    values["outlet"] = Value(imported.outlet, "the page's site name" if imported.outlet else "")
    values["published"] = _date(imported, given, from_text.published, label)
    if given.url:
        values["url"] = Value(given.url, "--url")
    elif imported.url and safe_url(imported.url):
        values["url"] = Value(safe_url(imported.url) or "", "the page's canonical address")
    else:
        if imported.url:
            output.warning(label, f"the page's address {imported.url!r} is not http(s); dropped")
        values["url"] = Value("", "not found" if imported.kind == "web page" else "")
    values["language"] = language_of(imported)
    if imported.byline_added:
        values["author"] = Value(from_text.author, "the page's author, added as a byline")
    elif from_text.author:
        values["author"] = Value(from_text.author, "the text's byline")
    else:
        values["author"] = Value("", "")
    values["title"] = Value(title, _TITLE_ORIGINS.get(origin, origin))
    if values["headline"].value:
        values["title"] = Value(values["headline"].value, "the page's title, as the headline")
    return values


_TITLE_ORIGINS = {
    "headline": "the text's headline line",
    "derived": "derived from the first paragraph",
    "none": "",
}


def _date(imported: Imported, given: Given, from_text: str, label: str) -> Value:
    if given.date:
        return Value(given.date, "--date")
    if imported.published:
        day = imported.published[:10]
        if metadata.real_date(day):
            return Value(day, "the page's metadata")
        output.warning(label, f"the page's date {imported.published!r} is not a real date")
    if from_text and metadata.real_date(from_text):
        return Value(from_text, "from the text's publication line")
    return Value("", "not found")


def title_for_slug(imported: Imported, values: dict[str, Value]) -> str:
    """What the slug is made from: the headline, else the title the book derives, else the
    source or outlet."""
    parsed = article.parse(imported.text)
    meta = metadata.ArticleMeta(slug="", headline=values["headline"].value)
    title, origin = metadata.title_of(parsed, meta)
    if origin != "none" and slugify(title):
        return title
    return values["source"].value or values["outlet"].value


def make_slug(date: str, title: str) -> str:
    """``DATE-TITLE`` in ASCII, at most :data:`SLUG_MAX` characters."""
    prefix = f"{date}-" if date else ""
    base = slugify(title, SLUG_MAX - len(prefix)) or "article"
    return prefix + base


# -- writing ---


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    escapes = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
    escapes |= {"\f": "\\f", "\r": "\\r"}
    out = []
    for char in value:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_KEYS = ("slug", "headline", "source", "outlet", "published", "language", "url")


def sidecar_text(
    slug: str, values: dict[str, Value], label: str, layout: dict[str, list[int]]
) -> str:
    """The sidecar, every value with a comment saying where it came from."""
    shown = "".join(c if c.isprintable() else "?" for c in label)
    lines = [
        f"# Inferred by `briefing add` from {shown}: review every value (an empty one is",
        "# unknown; a wrong one is worse than none). Keys: manual/articles.md.",
        "[article]",
    ]
    everything = {"slug": Value(slug, "the file name"), **values}
    for key in _KEYS:
        item = everything[key]
        comment = "".join(c if c.isprintable() else "?" for c in item.origin)
        lines.append(f"{key} = {toml_string(item.value)}" + (f"  # {comment}" if comment else ""))
    if layout:
        lines += [
            "",
            "# The Markdown's structure, where the reader would guess otherwise.",
            "[layout]",
        ]
        lines += [f"{key} = [{', '.join(map(str, numbers))}]" for key, numbers in layout.items()]
    return "\n".join(lines) + "\n"


def _write_new(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file linked into place: never over an existing file,
    never a partial file."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError as err:  # a file system without hard links
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if path.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_both(seeds: Path, slug: str, sidecar: str, text: str) -> tuple[Path, Path]:
    """Write the sidecar, then the article; on any failure, neither is left behind."""
    txt = seeds / f"{slug}.txt"
    meta = seeds / f"{slug}{metadata.SIDECAR_SUFFIX}"
    for path in (txt, meta):
        if path.exists() or path.is_symlink():
            raise Refused(f"{path} already exists; choose another name with --name")
    try:
        _write_new(meta, sidecar)
    except FileExistsError:
        raise Refused(f"{meta} already exists; choose another name with --name") from None
    except OSError as err:
        raise Refused(f"{meta}: cannot write ({err.strerror or err})") from None
    try:
        _write_new(txt, text)
    except OSError as err:
        meta.unlink()
        if isinstance(err, FileExistsError):
            raise Refused(f"{txt} already exists; choose another name with --name") from None
        raise Refused(f"{txt}: cannot write ({err.strerror or err})") from None
    return txt, meta


def already_in(seeds: Path, text: str) -> Path | None:
    """The article in ``seeds`` with the same text, whitespace aside, if any."""
    wanted = source.normalise_for_fidelity(text)
    for path in sorted(seeds.glob("*.txt")):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        existing = source.decode(data)
        if existing.ok and source.normalise_for_fidelity(existing.text) == wanted:
            return path
    return None


# -- the subcommand ---


def add(args: argparse.Namespace) -> int:
    """Import ``args.file`` into ``args.seeds``; 0, or :class:`Refused`."""
    given = checked_options(args)
    seeds: Path = args.seeds
    if not seeds.is_dir():
        raise Refused(f"{seeds}: no such directory (run from the book's root or use --seeds DIR)")
    label = "<stdin>" if args.file == STDIN else args.file
    imported = read_input(args.file, label)
    if not imported.text.strip():
        raise Refused(f"{label}: no article text")
    if imported.kind == "web page":
        imported = with_byline(imported)
    values = inferred(imported, given, label)
    duplicate = already_in(seeds, imported.text)
    if duplicate is not None:
        raise Refused(f"{label}: already in {seeds}/ as {duplicate.name}")
    slug = given.name or make_slug(values["published"].value, title_for_slug(imported, values))
    layout: dict[str, list[int]] = {}
    if imported.roles:
        layout = forced_layout(imported.roles, article.parse(imported.text))
    sidecar = sidecar_text(slug, values, label, layout)
    txt, meta = write_both(seeds, slug, sidecar, imported.text)
    out = output.stdout()
    out.write(f"added {txt} ({imported.kind}) and its sidecar {meta}\n")
    values["slug"] = Value(slug, "--name" if given.name else "date and title")
    for key in ("slug", "title", "source", "outlet", "published", "language", "url", "author"):
        item = values[key]
        shown = item.value or "(unknown)"
        out.write(f"  {key}: {shown}" + (f"  [{item.origin}]" if item.origin else "") + "\n")
    if layout:
        forced = ", ".join(f"{key} {numbers}" for key, numbers in layout.items())
        out.write(f"  layout: {forced}  [the Markdown's structure]\n")
    out.write(f"next: review {meta}\n")
    out.write(f"      briefing outline {txt}   # check how the article is read\n")
    out.write("      make html\n")
    return output.OK
