"""Read an article's optional sidecar (``NAME.meta.toml``) into :class:`ArticleMeta`.

The sidecar is checked key by key against :data:`SCHEMA`; a wrong key or type is a
:class:`MetaError` naming the file and the key, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_briefing.text.article import Layout

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
        "dateline": (bool,),
        "heading_max_words": (int,),
        "heading_max_chars": (int,),
        "list_item_max_words": (int,),
    },
}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class MetaError(ValueError):
    """A sidecar that cannot be used; the message names the file and the key."""


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

    @property
    def sort_date(self) -> str:
        """The date that orders articles on the landing page: publication, else the event."""
        return self.published or self.event_date


def sidecar_path(article_path: Path) -> Path:
    """Where the sidecar of ``article_path`` lives (it may not exist)."""
    return article_path.with_name(article_path.stem + SIDECAR_SUFFIX)


def default_slug(article_path: Path) -> str:
    """An ASCII slug from the file name: lower case, runs of other characters become ``-``."""
    slug = re.sub(r"[^a-z0-9]+", "-", article_path.stem.lower()).strip("-")
    return slug or "article"


def _check(path: Path, data: dict[str, Any]) -> None:
    for table, value in data.items():
        if table not in SCHEMA:
            raise MetaError(f"{path}: unknown table [{table}] (expected one of {sorted(SCHEMA)})")
        if not isinstance(value, dict):
            raise MetaError(f"{path}: {table} must be a table")
        for key, item in value.items():
            allowed = SCHEMA[table].get(key)
            if allowed is None:
                raise MetaError(f"{path}: unknown key {table}.{key}")
            if not isinstance(item, allowed) or (isinstance(item, bool) and bool not in allowed):
                names = " or ".join(t.__name__ for t in allowed)
                raise MetaError(f"{path}: {table}.{key} must be {names}, not {item!r}")
            if isinstance(item, list) and not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in item
            ):
                raise MetaError(f"{path}: {table}.{key} must list line numbers (1, 2, ...)")


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def load(article_path: Path, defaults: Layout | None = None) -> ArticleMeta:
    """The metadata of the article at ``article_path``; defaults when it has no sidecar.

    ``defaults`` holds the project-wide heuristic thresholds the sidecar may override.
    """
    defaults = defaults or Layout()
    path = sidecar_path(article_path)
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise MetaError(f"{path}: {err}") from None
        _check(path, data)
    info: dict[str, Any] = data.get("article", {})
    slug = info.get("slug") or default_slug(article_path)
    if not _SLUG.match(slug):
        raise MetaError(f"{path}: article.slug must be lower-case ASCII words joined by '-'")
    layout_data: dict[str, Any] = data.get("layout", {})
    layout = Layout(
        heading_max_words=layout_data.get("heading_max_words", defaults.heading_max_words),
        heading_max_chars=layout_data.get("heading_max_chars", defaults.heading_max_chars),
        list_item_max_words=layout_data.get("list_item_max_words", defaults.list_item_max_words),
        headings=frozenset(layout_data.get("headings", ())),
        paragraphs=frozenset(layout_data.get("paragraphs", ())),
        list_items=frozenset(layout_data.get("list_items", ())),
        dateline=layout_data.get("dateline", True),
    )
    return ArticleMeta(
        slug=slug,
        headline=info.get("headline", ""),
        source=info.get("source", ""),
        outlet=info.get("outlet", ""),
        published=_date(info.get("published")),
        event_date=_date(info.get("event_date")),
        language=info.get("language") or "ar",
        url=info.get("url", ""),
        layout=layout,
    )
