"""Highwire Press ``citation_*`` meta tags on article pages, so that a reference manager
(Zotero's connector, Mendeley, Google Scholar) saves the page as a cited item.

The values are those of the article's citation record (:mod:`sphinx_briefing.exports.citations`)
and its sidecar, which is untrusted input: each one is put on one line and HTML-escaped.
"""

from __future__ import annotations

from markupsafe import escape

from sphinx_briefing.exports.citations import Item
from sphinx_briefing.records import ArticleRecord


def _date(item: Item) -> str:
    """The record's date as Highwire writes it (``2025/07/12``, ``2025/07``, ``2025``)."""
    parts = item.get("issued", {}).get("date-parts", [[]])
    first = parts[0] if parts else []
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(first))


def highwire(article: ArticleRecord, item: Item, book: Item) -> list[tuple[str, str]]:
    """The (name, content) pairs of an article page: ``item`` is the article's own citation
    record, ``book`` the book's."""
    tags = [("citation_title", str(item["title"]))]
    # The byline's author, else the agency the article is attributed to.
    author = article["author"] or article["source"]
    if author:
        tags.append(("citation_author", author))
    date = _date(item)
    if date:
        tags.append(("citation_publication_date", date))
    tags.append(("citation_publisher", article["outlet"] or str(book["title"])))
    tags.append(("citation_inbook_title", str(book["title"])))
    if item.get("language"):
        tags.append(("citation_language", str(item["language"])))
    url = str(item.get("URL", ""))
    if url.startswith(("https://", "http://")):  # Highwire wants absolute addresses
        tags.append(("citation_public_url", url))
        tags.append(("citation_abstract_html_url", url))
    return [(name, " ".join(value.split())) for name, value in tags if value.strip()]


def render(tags: list[tuple[str, str]]) -> str:
    """The tags as HTML, every name and value escaped."""
    return "".join(f'<meta name="{escape(n)}" content="{escape(v)}" />\n' for n, v in tags)
