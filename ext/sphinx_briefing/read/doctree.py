"""Build docutils nodes from a recognised :class:`~sphinx_briefing.text.article.Article`.

Ids are ASCII and derived from ordinals (``s3``, ``p12``) so that they survive any change
elsewhere in the book; each node carries ``source`` and ``line`` for warnings.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes
from sphinx.locale import _

from sphinx_briefing.exports.citations import key
from sphinx_briefing.nodes import paragraph_number, section_number
from sphinx_briefing.text.article import Article, Block, Kind, numbered
from sphinx_briefing.text.sidecar import ArticleMeta
from sphinx_briefing.text.urls import safe_url

_E = TypeVar("_E", bound=nodes.Element)


def _place(node: _E, source: str, line: int) -> _E:
    node.source = source
    node.line = line
    return node


def _paragraph(block: Block, number: int, source: str, slug: str) -> nodes.paragraph:
    anchor = f"p{number}"
    # rawsource is what gettext extracts: exactly the paragraph's text, one message each.
    para = nodes.paragraph(block.text, "", ids=[anchor], classes=["briefing-para"])
    para["briefing_number"] = number
    para["briefing_column"] = block.column
    _place(para, source, block.line)
    marker = paragraph_number(number=number, refid=anchor, cite=key(slug, anchor))
    para += _place(marker, source, block.line)
    para += nodes.Text(block.text)
    return para


def _section(block: Block, number: int, source: str, slug: str) -> nodes.section:
    sect = nodes.section("", ids=[f"s{number}"], classes=["briefing-section"])
    sect["briefing_number"] = number
    _place(sect, source, block.line)
    title = _place(nodes.title(block.text, ""), source, block.line)
    title["briefing_column"] = block.column
    sign = section_number(f"§{number}", f"§{number}", cite=key(slug, f"s{number}"))
    title += _place(sign, source, block.line)
    title += nodes.Text(block.text)
    sect += title
    return sect


def build(article: Article, meta: ArticleMeta, source: str) -> nodes.section:
    """The article's top-level section: headline, lead, numbered sections and paragraphs."""
    headline = article.headline
    line = headline.line if headline else 1
    top = _place(nodes.section("", ids=[meta.slug], classes=["briefing-article"]), source, line)
    top["briefing_slug"] = meta.slug
    shown = meta.headline or (headline.text if headline else meta.slug)
    title = _place(nodes.title(shown, shown), source, line)
    top += title
    if headline and meta.headline:
        # The source's own headline stays in the text, as the kicker above the lead.
        kicker = nodes.paragraph(headline.text, headline.text, classes=["briefing-kicker"])
        kicker["briefing_column"] = headline.column
        top += _place(kicker, source, headline.line)
    elif headline:
        title["briefing_column"] = headline.column
    container: nodes.Element = top
    current_list: nodes.bullet_list | None = None
    for block, number in numbered(article.body):
        if block.kind is Kind.LIST_ITEM:
            if current_list is None:
                current_list = _place(
                    nodes.bullet_list(classes=["briefing-list"]), source, block.line
                )
                container += current_list
            item = _place(nodes.list_item(), source, block.line)
            item += _paragraph(block, number, source, meta.slug)
            current_list += item
            continue
        current_list = None
        if block.kind is Kind.HEADING:
            container = _section(block, number, source, meta.slug)
            top += container
        else:
            container += _paragraph(block, number, source, meta.slug)
    top += sources_section(meta, source)
    return top


def sources_section(meta: ArticleMeta, source: str) -> nodes.section:
    """The article's own source: agency, outlet, dates and address, where known."""
    section = nodes.section("", ids=["sources"], classes=["briefing-sources-section"])
    section.source = source
    section += nodes.title("", _("Sources"))
    section += source_list(meta.source, meta.outlet, meta.published, meta.event_date, meta.url)
    return section


def source_list(
    agency: str, outlet: str, published: str, event_date: str, url: str
) -> nodes.bullet_list:
    """What is known of an article's source, one fact per item."""
    listing = nodes.bullet_list(classes=["briefing-article-sources"])
    known = [
        (_("Agency"), agency),
        (_("Outlet"), outlet),
        (_("Published"), published),
        (_("Date of the events"), event_date),
    ]
    for label, value in known:
        if value:
            listing += nodes.list_item("", nodes.paragraph("", f"{label}: {value}"))
    # Sidecars drop unsafe addresses when read; this keeps any other caller safe too.
    url = safe_url(url) or ""
    if url:
        link = nodes.reference(url, url, refuri=url)
        listing += nodes.list_item("", nodes.paragraph("", f"{_('Address')}: ", link))
    if not listing.children:
        listing += nodes.list_item("", nodes.paragraph("", _("The source is not recorded.")))
    return listing
