"""Build docutils nodes from a recognised :class:`~briefing.article.Article`.

Ids are ASCII and derived from ordinals (``s3``, ``p12``) so that they survive any change
elsewhere in the book; each node carries ``source`` and ``line`` for warnings.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes

from briefing.article import Article, Block, Kind
from briefing.metadata import ArticleMeta
from briefing.nodes import paragraph_number, section_number

_E = TypeVar("_E", bound=nodes.Element)


def _place(node: _E, source: str, line: int) -> _E:
    node.source = source
    node.line = line
    return node


class _Builder:
    def __init__(self, meta: ArticleMeta, source: str) -> None:
        self.meta = meta
        self.source = source
        self.paragraphs = 0
        self.sections = 0

    def paragraph(self, block: Block) -> nodes.paragraph:
        self.paragraphs += 1
        number = self.paragraphs
        anchor = f"p{number}"
        # rawsource is what gettext extracts: exactly the paragraph's text, one message each.
        para = nodes.paragraph(block.text, "", ids=[anchor], classes=["briefing-para"])
        para["briefing_number"] = number
        _place(para, self.source, block.line)
        marker = paragraph_number(number=number, refid=anchor)
        para += _place(marker, self.source, block.line)
        para += nodes.Text(block.text)
        return para

    def section(self, block: Block) -> nodes.section:
        self.sections += 1
        number = self.sections
        sect = nodes.section("", ids=[f"s{number}"], classes=["briefing-section"])
        sect["briefing_number"] = number
        _place(sect, self.source, block.line)
        title = _place(nodes.title(block.text, ""), self.source, block.line)
        title += _place(section_number(f"§{number}", f"§{number}"), self.source, block.line)
        title += nodes.Text(block.text)
        sect += title
        return sect


def build(article: Article, meta: ArticleMeta, source: str) -> nodes.section:
    """The article's top-level section: headline, lead, numbered sections and paragraphs."""
    builder = _Builder(meta, source)
    headline = article.headline
    line = headline.line if headline else 1
    top = _place(nodes.section("", ids=[meta.slug], classes=["briefing-article"]), source, line)
    top["briefing_slug"] = meta.slug
    shown = meta.headline or (headline.text if headline else meta.slug)
    top += _place(nodes.title(shown, shown), source, line)
    if headline and meta.headline:
        # The source's own headline stays in the text, as the kicker above the lead.
        kicker = nodes.paragraph(headline.text, headline.text, classes=["briefing-kicker"])
        top += _place(kicker, source, headline.line)
    container: nodes.Element = top
    current_list: nodes.bullet_list | None = None
    for block in article.body:
        if block.kind is Kind.LIST_ITEM:
            if current_list is None:
                current_list = _place(
                    nodes.bullet_list(classes=["briefing-list"]), source, block.line
                )
                container += current_list
            item = _place(nodes.list_item(), source, block.line)
            item += builder.paragraph(block)
            current_list += item
            continue
        current_list = None
        if block.kind is Kind.HEADING:
            container = builder.section(block)
            top += container
        else:
            container += builder.paragraph(block)
    return top
