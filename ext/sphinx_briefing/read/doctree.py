"""Build docutils nodes from a recognised :class:`~sphinx_briefing.text.article.Article`.

Ids are ASCII and derived from ordinals (``s3``, ``p12``) so that they survive any change
elsewhere in the book; each node carries ``source`` and ``line`` for warnings.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes
from sphinx.locale import _

from sphinx_briefing.exports.citations import key
from sphinx_briefing.nodes import paragraph_number, section_number, set_aside
from sphinx_briefing.text.article import Article, Block, Kind, numbered
from sphinx_briefing.text.sidecar import ArticleMeta, title_of
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


#: How the lines that are not article text are shown (classes of an unnumbered paragraph).
_META_CLASSES = {
    Kind.DATELINE: "briefing-dateline",
    Kind.BYLINE: "briefing-byline",
    Kind.PUBLISHED: "briefing-published",
}


def build(article: Article, meta: ArticleMeta, source: str) -> nodes.section:
    """The article's top-level section: headline, lead, numbered sections and paragraphs,
    the lines set aside, and the sources."""
    headline = article.headline
    line = headline.line if headline else 1
    top = _place(nodes.section("", ids=[meta.slug], classes=["briefing-article"]), source, line)
    top["briefing_slug"] = meta.slug
    shown, origin = title_of(article, meta)
    top["briefing_title_from"] = origin
    title = _place(nodes.title(shown, shown), source, line)
    if origin == "derived":
        title["classes"].append("briefing-title-derived")
    top += title
    if headline and origin == "sidecar":
        # The source's own headline stays in the text, as the kicker above the lead.
        kicker = nodes.paragraph(headline.text, headline.text, classes=["briefing-kicker"])
        kicker["briefing_column"] = headline.column
        top += _place(kicker, source, headline.line)
    elif headline:
        title["briefing_column"] = headline.column
    container: nodes.Element = top
    current_list: nodes.bullet_list | None = None
    for block, number in numbered(article.body):
        if block.kind is Kind.OMITTED:
            continue
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
        elif block.kind in _META_CLASSES:
            para = nodes.paragraph(block.text, block.text, classes=[_META_CLASSES[block.kind]])
            para["briefing_column"] = block.column
            container += _place(para, source, block.line)
        else:
            container += _paragraph(block, number, source, meta.slug)
    if article.set_aside:
        top += set_aside_list(article, source)
    top += sources_section(meta, source)
    return top


def set_aside_list(article: Article, source: str) -> set_aside:
    """The page leftovers, each with its line number, in a collapsed list of their own."""
    found = article.set_aside
    box = _place(set_aside(classes=["briefing-set-aside"]), source, found[0].line)
    count = len(found)
    box += nodes.rubric(
        "", _("Lines set aside (%d)") % count if count != 1 else _("A line set aside")
    )
    listing = nodes.bullet_list()
    for block in found:
        item = nodes.paragraph(block.text, "", classes=["briefing-set-aside-line"])
        item += nodes.inline("", _("line %d") % block.line, classes=["briefing-set-aside-number"])
        item += nodes.Text(" ")
        item += nodes.Text(block.text)
        item["translatable"] = False
        listing += _place(nodes.list_item("", item), source, block.line)
    box += listing
    return box


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
