"""Read an article's optional sidecar (``NAME.meta.toml``) into :class:`ArticleMeta`.

A sidecar is untrusted input (it may be written from a saved web page): every value is checked
against :data:`SCHEMA` and its own rule (slugs, real dates, ISO 639 language codes, ``http``/
``https`` URLs, line numbers inside the article, positive limits). Each problem is a
:class:`Problem` naming the line and the field; the value is then left at its default, so a
bad value never reaches a page or the PDF and the article still builds.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel import Locale

from sphinx_briefing.text import source
from sphinx_briefing.text.article import TITLE_MAX, Article, Layout, parse, shorten
from sphinx_briefing.text.toml_lines import locate
from sphinx_briefing.text.transliterate import slugify
from sphinx_briefing.text.urls import safe_url

SIDECAR_SUFFIX = ".meta.toml"

#: Allowed keys per table, with their TOML types.
SCHEMA: dict[str, dict[str, tuple[type, ...]]] = {
    "article": {
        "slug": (str,),
        "headline": (str,),
        "source": (str,),
        "outlet": (str,),
        "published": (str, dt.date),
        "event_date": (str, dt.date),
        "language": (str,),
        "url": (str,),
    },
    "layout": {
        "headings": (list,),
        "paragraphs": (list,),
        "list_items": (list,),
        "keep": (list,),
        "omit": (list,),
        "dateline": (bool,),
        "heading_max_words": (int,),
        "heading_max_chars": (int,),
        "list_item_max_words": (int,),
    },
}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a sidecar: the 1-based line, the field (``article.url``), why."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article beyond its text. Empty strings mean unknown."""

    slug: str
    headline: str = ""
    source: str = ""
    outlet: str = ""
    published: str = ""
    event_date: str = ""
    language: str = "ar"
    url: str = ""
    layout: Layout = field(default_factory=Layout)
    #: Read from the text itself (a byline, a dateline): never from the sidecar.
    author: str = ""
    place: str = ""
    #: The fields above that were inferred from the text rather than given by the sidecar.
    inferred: frozenset[str] = frozenset()

    @property
    def sort_date(self) -> str:
        """The date that orders articles on the landing page: publication, else the event."""
        return self.published or self.event_date


def sidecar_path(article_path: Path) -> Path:
    """Where the sidecar of ``article_path`` lives (it may not exist)."""
    return article_path.with_name(article_path.stem + SIDECAR_SUFFIX)


def default_slug(article_path: Path) -> str:
    """An ASCII slug from the file name, Arabic names transliterated
    (``لافروف-وونسان.txt`` → ``lafrwf-wwnsan``); ``article`` when nothing is left."""
    return slugify(article_path.stem) or "article"


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")
_LINE_LISTS = ("headings", "paragraphs", "list_items", "keep", "omit")
_LIMITS = ("heading_max_words", "heading_max_chars", "list_item_max_words")


@dataclass
class Sidecar:
    """A sidecar as read: the metadata to use and every problem found on the way."""

    meta: ArticleMeta
    problems: list[Problem] = field(default_factory=list)
    #: The sidecar's path, or None when the article has none.
    path: Path | None = None
    #: The ``[article]`` keys the sidecar gave (good values only): the rest are defaults.
    given: frozenset[str] = frozenset()


def real_date(value: str) -> bool:
    """Whether ``value`` is a date that exists, at year, month or day precision."""
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def language_code(value: str) -> bool:
    """Whether ``value`` is an ISO 639 language code Babel knows (``ar``, ``en``, ``fa-IR``)."""
    match = _LANGUAGE.match(value)
    return bool(match) and match.group(1) in Locale("en").languages  # type: ignore[union-attr]


class _Reader:
    """Checks one sidecar's values, keeping the good ones and a problem for each bad one."""

    def __init__(self, text: str, line_count: int | None) -> None:
        self.text = text
        self.line_count = line_count
        self.problems: list[Problem] = []

    def problem(self, where: tuple[str, ...], message: str) -> None:
        self.problems.append(Problem(locate(self.text, where), ".".join(where), message))

    def tables(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        kept: dict[str, dict[str, Any]] = {}
        for table, value in data.items():
            if table not in SCHEMA:
                self.problem((table,), f"unknown table [{table}] (known: {', '.join(SCHEMA)})")
            elif not isinstance(value, dict):
                self.problem((table,), f"{table} must be a table")
            else:
                kept[table] = self.keys(table, value)
        return kept

    def keys(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for key, item in values.items():
            allowed = SCHEMA[table].get(key)
            where = (table, key)
            if allowed is None:
                known = ", ".join(SCHEMA[table])
                self.problem(where, f"unknown key {table}.{key} (known: {known})")
            elif not isinstance(item, allowed) or (isinstance(item, bool) and bool not in allowed):
                names = " or ".join(t.__name__ for t in allowed)
                self.problem(where, f"{table}.{key} must be {names}, not {item!r}; ignored")
            else:
                checked = self.value(table, key, item)
                if checked is not None:
                    kept[key] = checked
        return kept

    def value(self, table: str, key: str, item: Any) -> Any:
        where = (table, key)
        name = f"{table}.{key}"
        if isinstance(item, dt.datetime):
            item = item.date()
        if isinstance(item, dt.date):
            return item.isoformat()
        if key == "slug" and not _SLUG.match(item):
            self.problem(where, f"{name} must be lower-case ASCII words joined by '-'; ignored")
            return None
        if key in ("published", "event_date") and item and not real_date(item):
            self.problem(where, f"{name} {item!r} is not a real date (YYYY, YYYY-MM, YYYY-MM-DD)")
            return None
        if key == "language" and not language_code(item):
            self.problem(
                where, f"{name} must be an ISO 639 code such as 'ar' or 'en', not {item!r}"
            )
            return None
        if key == "url" and item and safe_url(item) is None:
            self.problem(where, f"{name} must be an http or https address; {item!r} dropped")
            return None
        if key in _LIMITS and item < 1:
            self.problem(where, f"{name} must be at least 1, not {item}; the default is used")
            return None
        if key in _LINE_LISTS:
            return self.lines(where, item)
        return item

    def lines(self, where: tuple[str, ...], item: list[Any]) -> list[int]:
        name = ".".join(where)
        good = [n for n in item if isinstance(n, int) and not isinstance(n, bool) and n > 0]
        if len(good) != len(item):
            self.problem(where, f"{name} must list line numbers (1, 2, ...); others ignored")
        if self.line_count is not None:
            outside = [n for n in good if n > self.line_count]
            if outside:
                self.problem(
                    where,
                    f"{name}: line {', '.join(map(str, outside))} is past the article's last "
                    f"line ({self.line_count}); ignored",
                )
                good = [n for n in good if n <= self.line_count]
        return good


def read(
    article_path: Path, defaults: Layout | None = None, line_count: int | None = None
) -> Sidecar:
    """The metadata of the article at ``article_path`` and the problems of its sidecar.

    Never raises on a bad sidecar: unreadable TOML keeps every default, a bad value keeps
    its default. ``defaults`` holds the project-wide heuristic thresholds the sidecar may
    override; ``line_count`` (the article's number of lines) bounds the layout overrides.
    """
    defaults = defaults or Layout()
    path = sidecar_path(article_path)
    data: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    found = path.is_file()
    if found:
        try:
            text = path.read_text(encoding="utf-8")
            raw = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, RecursionError) as err:
            line = re.search(r"line (\d+)", str(err))
            detail = str(err).splitlines()[0] if str(err) else type(err).__name__
            problems.append(Problem(int(line.group(1)) if line else 1, "", f"unreadable: {detail}"))
        else:
            reader = _Reader(text, line_count)
            data = reader.tables(raw)
            problems = reader.problems
    info = data.get("article", {})
    layout_data = data.get("layout", {})
    layout = Layout(
        heading_max_words=layout_data.get("heading_max_words", defaults.heading_max_words),
        heading_max_chars=layout_data.get("heading_max_chars", defaults.heading_max_chars),
        list_item_max_words=layout_data.get("list_item_max_words", defaults.list_item_max_words),
        headings=frozenset(layout_data.get("headings", ())),
        paragraphs=frozenset(layout_data.get("paragraphs", ())),
        list_items=frozenset(layout_data.get("list_items", ())),
        dateline=layout_data.get("dateline", True),
        keep=frozenset(layout_data.get("keep", ())),
        omit=frozenset(layout_data.get("omit", ())),
    )
    meta = ArticleMeta(
        slug=info.get("slug") or default_slug(article_path),
        headline=info.get("headline", ""),
        source=info.get("source", ""),
        outlet=info.get("outlet", ""),
        published=info.get("published", ""),
        event_date=info.get("event_date", ""),
        language=info.get("language") or "ar",
        url=info.get("url", ""),
        layout=layout,
    )
    return Sidecar(meta, problems, path if found else None, frozenset(info))


def completed(meta: ArticleMeta, parsed: Article) -> ArticleMeta:
    """The sidecar's metadata completed from the text itself (dateline, byline, publication
    line, «وفقا لوكالة …»); each field taken from the text is listed in ``inferred``."""
    fields = {
        "source": parsed.found.get("source", ""),
        "published": parsed.found.get("date", ""),
        "author": parsed.found.get("author", ""),
        "place": parsed.found.get("place", ""),
    }
    found = {name: value for name, value in fields.items() if value and not getattr(meta, name)}
    return replace(
        meta,
        source=found.get("source", meta.source),
        published=found.get("published", meta.published),
        author=found.get("author", meta.author),
        place=found.get("place", meta.place),
        inferred=meta.inferred | frozenset(found),
    )


def title_of(article: Article, meta: ArticleMeta) -> tuple[str, str]:
    """The article's title and where it comes from: the sidecar, the headline line, or the
    first clause of ¶1 (``derived``); never longer than :data:`TITLE_MAX` characters."""
    if meta.headline:
        return shorten(meta.headline, TITLE_MAX), "sidecar"
    title, origin = article.title()
    return (title, origin) if title else (meta.slug, "none")


def landing_order(items: list[tuple[str, str, str]]) -> list[str]:
    """Keys of ``(key, date, title)`` items in the landing page's order: newest date first,
    then the undated ones by title (the PDF and the sidebars follow the same order)."""
    dated = sorted((i for i in items if i[1]), key=lambda i: (i[1], i[2]), reverse=True)
    undated = sorted((i for i in items if not i[1]), key=lambda i: (i[2], i[0]))
    return [key for key, _date, _title in dated + undated]


def article_facts(path: Path) -> tuple[str, str]:
    """An article file's date and title as the book shows them (sidecar, else the text)."""
    found = read_meta_and_text(path)
    if found is None:
        return "", path.stem
    meta, text = found
    parsed = parse(text, meta.layout)
    meta = completed(meta, parsed)
    return meta.sort_date, title_of(parsed, meta)[0]


def read_meta_and_text(path: Path) -> tuple[ArticleMeta, str] | None:
    """The sidecar's metadata and the decoded text of an article file, or None when the file
    cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    decoded = source.decode(data)
    return read(path, line_count=decoded.text.count("\n") + 1).meta, decoded.text
