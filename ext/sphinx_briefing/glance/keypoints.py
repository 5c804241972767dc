"""Key points: the author's summary of an article, each point with pinpoint references.

The directive's content is one bulleted (or numbered) list. In each item, the paragraphs
that start with Arabic are the point. References are written with the ``briefing:para``
role: ``{briefing:para}`lavrov-wonsan:p7``` anywhere, or ``p7`` alone inside a directive
with ``:article: lavrov-wonsan`` (completed when references are resolved, see
:class:`sphinx_briefing.domain.ParagraphRole`); each is shown as a linked ``¶7``.

The English of a point comes from the page's catalogue, like the rest of the book's text
(``locales/en/LC_MESSAGES/<page>.po``; the point's paragraph is the message, the English
keeps its ``{briefing:para}`` roles):

- the Arabic edition shows it under the point, in a left-to-right block, read from the
  parallel language's catalogue (``briefing_parallel_language``);
- an English edition shows it in place of the point: Sphinx's ``Locale`` transform
  translates the paragraph as it does every other message of the page.

An author may instead write the English line in the item, as a paragraph that starts with a
Latin letter: it is shown under the point in the Arabic edition, and in place of it in an
English edition when the catalogue has no translation.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import extract_messages

from sphinx_briefing.domain import ARTICLE_ATTRIBUTE, get_domain
from sphinx_briefing.editions.translation import Catalogue, catalogue
from sphinx_briefing.nodes import foreign_block
from sphinx_briefing.report import warn
from sphinx_briefing.text.bidi import starts_ltr
from sphinx_briefing.vocabulary import edition_language


class KeyPointsDirective(SphinxDirective):
    """``.. briefing-keypoints::`` — a list of key points with ¶ references.

    Options: ``:article:`` the slug that bare ids (``p7``) refer to; ``:class:`` extra
    classes. Warnings (``briefing.keypoints``) for content that is not one list, and for a
    point without a reference or without an English line (in the catalogue or the item).
    """

    has_content = True
    option_spec = {  # noqa: RUF012
        "article": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).glance_pages[self.env.docname] = True
        path, line = self.get_source_info()
        parsed = self.parse_content_to_nodes()
        lists = [n for n in parsed if isinstance(n, nodes.bullet_list | nodes.enumerated_list)]
        # No content yet (a new book's page) is not a mistake: nothing to warn about.
        given = any(not isinstance(n, nodes.comment) for n in parsed)
        if (given and len(lists) != 1) or any(
            not isinstance(n, nodes.bullet_list | nodes.enumerated_list | nodes.comment)
            for n in parsed
        ):
            warn(
                "briefing-keypoints expects one bulleted list, one key point per item",
                "keypoints",
                path or "",
                line,
            )
        wrapper = nodes.container(classes=["briefing-keypoints", *self.options.get("class", [])])
        article = self.options.get("article", "").strip()
        if article:
            # Bare ids are completed from here when resolved: the reference targets stay as
            # written, so a translated point's references match the original's.
            wrapper[ARTICLE_ATTRIBUTE] = article
        self.set_source_info(wrapper)
        edition = edition_language(self.config.language)
        if edition == "ar":
            found = catalogue(self.env, self.env.docname, self.config.briefing_parallel_language)
        else:
            found = catalogue(self.env, self.env.docname, self.config.language or edition)
        for listing in lists:
            listing["classes"].append("briefing-keypoints-list")
            for number, item in enumerate(listing.findall(nodes.list_item), start=1):
                if item.parent is listing:
                    self._point(item, number, (path or "", line), edition, found)
        wrapper.extend(parsed)
        return [wrapper]

    @staticmethod
    def _paragraph_refs(parsed: list[nodes.Node]) -> list[addnodes.pending_xref]:
        return [
            ref
            for node in parsed
            for ref in node.findall(addnodes.pending_xref)
            if ref.get("refdomain") == "briefing" and ref.get("reftype") == "para"
        ]

    def _point(
        self,
        item: nodes.list_item,
        number: int,
        where: tuple[str, int | None],
        edition: str,
        found: Catalogue,
    ) -> None:
        item["classes"].append("briefing-keypoint")
        source = item.source or where[0]
        line = item.line or where[1]
        if not self._paragraph_refs([item]):
            warn(
                f"key point {number} has no paragraph reference "
                "(add {briefing:para}`slug:p7` or, with :article:, `p7`)",
                "keypoints",
                source,
                line,
            )
        paragraphs = [child for child in item.children if isinstance(child, nodes.paragraph)]
        written = [p for p in paragraphs if starts_ltr(p.astext())]
        points = [p for p in paragraphs if p not in written]
        translations = {id(p): found.get(_message(p)) for p in points}
        translated = [p for p in points if translations[id(p)] is not None]
        if not written and not translated:
            warn(f"key point {number} has no English line", "keypoints", source, line)
        if edition != "ar":
            self._english_point(item, points, translated, written)
        else:
            for paragraph in written:
                block = foreign_block(lang="en", classes=["briefing-keypoint-en"])
                item.replace(paragraph, block)
                block += paragraph
            if not written:
                for paragraph in translated:
                    text = translations[id(paragraph)]
                    assert text is not None
                    item.insert(item.index(paragraph) + 1, self._english_line(text, paragraph))
        for child in item.children:
            if isinstance(child, nodes.paragraph):
                child["classes"].append("briefing-keypoint-text")

    @staticmethod
    def _english_point(
        item: nodes.list_item,
        points: list[nodes.paragraph],
        translated: list[nodes.paragraph],
        written: list[nodes.paragraph],
    ) -> None:
        """An English edition: the catalogue's translation (Sphinx's ``Locale`` transform
        puts it in place of each point paragraph) or else the English written in the item,
        never both and never the Arabic beside the English."""
        drop = written if translated or not written else points
        for paragraph in drop:
            item.remove(paragraph)

    def _english_line(self, text: str, paragraph: nodes.paragraph) -> foreign_block:
        """The English of a point from the catalogue, parsed as the page's own text (its
        ``{briefing:para}`` roles become references), in a left-to-right block."""
        block = foreign_block(lang="en", classes=["briefing-keypoint-en"])
        block.source, block.line = paragraph.source, paragraph.line
        block.extend(self.parse_text_to_nodes(text))
        for node in block.findall(nodes.TextElement):
            # Never extracted as messages of the Arabic page: it is the translation itself.
            node["translatable"] = False
            if node.source is None:
                node.source, node.line = paragraph.source, paragraph.line
        return block


def _message(paragraph: nodes.paragraph) -> str:
    """The paragraph's message id, exactly as the gettext builder extracts it."""
    for node, msgid in extract_messages(paragraph):
        if node is paragraph:
            return msgid
    return ""
