"""Key points: the author's summary of an article, each point with pinpoint references.

The directive's content is one bulleted (or numbered) list. In each item, the paragraphs
that start with Arabic are the point; the paragraphs that start with a Latin letter are its
English line, shown under it in a left-to-right block. References are written with the
``briefing:para`` role: ``{briefing:para}`lavrov-wonsan:p7``` anywhere, or ``p7`` alone
inside a directive with ``:article: lavrov-wonsan``; each is shown as a linked ``¶7``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from briefing.domain import get_domain
from briefing.nodes import foreign_block
from briefing.report import warn
from briefing.transforms import starts_ltr


class KeyPointsDirective(SphinxDirective):
    """``.. briefing-keypoints::`` — a list of key points with ¶ references.

    Options: ``:article:`` the slug that bare ids (``p7``) refer to; ``:class:`` extra
    classes. Warnings (``briefing.keypoints``) for content that is not one list, and for a
    point without a reference or without an English line.
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
        if len(lists) != 1 or any(
            not isinstance(n, nodes.bullet_list | nodes.enumerated_list | nodes.comment)
            for n in parsed
        ):
            warn(
                "briefing-keypoints expects one bulleted list, one key point per item",
                "keypoints",
                path or "",
                line,
            )
        article = self.options.get("article", "").strip()
        for ref in self._paragraph_refs(parsed):
            target = str(ref["reftarget"])
            if ":" not in target and article:
                ref["reftarget"] = f"{article}:{target}"
        wrapper = nodes.container(classes=["briefing-keypoints", *self.options.get("class", [])])
        self.set_source_info(wrapper)
        for listing in lists:
            listing["classes"].append("briefing-keypoints-list")
            for number, item in enumerate(listing.findall(nodes.list_item), start=1):
                if item.parent is listing:
                    self._point(item, number, path or "", line)
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

    def _point(self, item: nodes.list_item, number: int, path: str, line: int | None) -> None:
        item["classes"].append("briefing-keypoint")
        where = item.line or line
        if not self._paragraph_refs([item]):
            warn(
                f"key point {number} has no paragraph reference "
                "(add {briefing:para}`slug:p7` or, with :article:, `p7`)",
                "keypoints",
                item.source or path,
                where,
            )
        english = [
            child
            for child in item.children
            if isinstance(child, nodes.paragraph) and starts_ltr(child.astext())
        ]
        if not english:
            warn(f"key point {number} has no English line", "keypoints", item.source or path, where)
        for paragraph in english:
            block = foreign_block(lang="en", classes=["briefing-keypoint-en"])
            item.replace(paragraph, block)
            block += paragraph
        for child in item.children:
            if isinstance(child, nodes.paragraph):
                child["classes"].append("briefing-keypoint-text")
