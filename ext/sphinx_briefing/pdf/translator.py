"""Docutils → Typst: the translator behind the PDF builder.

Every piece of document text is emitted as a Typst *string literal* (``#"…"``), never as
markup, so article text can contain ``# $ * _ @ < [ ] \\ ` `` and anything else without
becoming Typst code. Ids become labels qualified by their document (``docname#id``) on
zero-size ``metadata`` markers, so links and page references work across the whole book.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _
from sphinx.util import logging

from sphinx_briefing.editions.translation import LANG
from sphinx_briefing.glance.nodes import glance_details, glance_figure
from sphinx_briefing.glance.svg_pdf import for_typst
from sphinx_briefing.nodes import (
    entity_preview,
    foreign_block,
    isolated_run,
    paragraph_number,
    section_number,
    translation_pair,
)
from sphinx_briefing.text.bidi import starts_ltr
from sphinx_briefing.text.urls import safe_url
from sphinx_briefing.vocabulary import is_rtl

logger = logging.getLogger(__name__)


#: A number with separators inside (a date, 2025-07-12; a version, 2026.1; 20,000) or a
#: Latin name with digits (KF-16): the bidi algorithm splits it in a right-to-left line.
_NUMBER = re.compile(
    r"(?<![\w.,/:@-])(?=[A-Za-z0-9.,/:-]*\d)(?:\d+|[A-Z]{1,4})(?:[-/.:,][A-Za-z0-9]+)+"
)


def string(text: str) -> str:
    """Typst markup showing ``text`` verbatim: string literals, each number with separators
    in a left-to-right box of its own. Typst lays out "(2004-03-09)" in a right-to-left line
    as "(09-03-2004)" when the number follows Arabic text; a box keeps it whole."""
    pieces: list[str] = []
    position = 0
    for found in _NUMBER.finditer(text):
        if found.start() > position:
            pieces.append("#" + json.dumps(text[position : found.start()], ensure_ascii=False))
        pieces.append(f"#box(text(dir: ltr, {json.dumps(found.group())}))")
        position = found.end()
    if position < len(text) or not pieces or pieces[-1].startswith("#box"):
        # Always end with a string, so that a "[" or "(" after it is not taken as an argument.
        pieces.append("#" + json.dumps(text[position:], ensure_ascii=False))
    return "".join(pieces)


def direction(text: str, fallback: str) -> str:
    """``"ltr"`` or ``"rtl"``: the direction of ``text``'s first strongly directional
    character (like HTML's ``dir="auto"``), or ``fallback`` when it has none."""
    if starts_ltr(text):
        return "ltr"
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return "rtl"
    return fallback


def label(docname: str, anchor: str) -> str:
    """The Typst label of ``anchor`` in ``docname``."""
    return f"label({json.dumps(f'{docname}#{anchor}', ensure_ascii=False)})"


class TypstTranslator(nodes.NodeVisitor):
    """Translate one assembled doctree (the whole book) to Typst markup.

    ``language`` is the book's (its direction is the page's); with ``parallel`` each
    numbered paragraph and its translation (a :class:`translation_pair`) become one row
    of two columns and headings are followed by their translation; without it the
    translations carried for the HTML parallel view are left out.
    """

    def __init__(
        self,
        document: nodes.document,
        docname: str,
        *,
        language: str = "ar",
        parallel: bool = False,
    ) -> None:
        super().__init__(document)
        self.body: list[str] = []
        self.docnames = [docname]
        self.section_level = 0
        self.levels: list[int] = []
        self.list_depth = 0
        self.language = language.replace("_", "-").split("-")[0]
        self.parallel = parallel
        # The text direction in force where the next block goes: the book's, or that of
        # the block in another language being written.
        self.directions = ["rtl" if is_rtl(language) else "ltr"]
        # Nodes written inside a scope of their own (``#[#set text(...) ...]``), by id.
        self.scoped: set[int] = set()

    # -- helpers -----------------------------------------------------------------------

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def markers(self, node: nodes.Element) -> None:
        anchors: list[str] = node.get("ids", [])
        for anchor in anchors:
            self.body.append(f"#metadata(none)#{label(self.docname, anchor)}")

    def astext(self) -> str:
        """The Typst source."""
        return "".join(self.body)

    @property
    def current_direction(self) -> str:
        return self.directions[-1]

    def block_language(self, node: nodes.Element) -> tuple[str | None, str]:
        """A block's language, when marked and other than the book's (an untranslated
        paragraph of an edition in another language), and its direction: the marked
        language's, else its text's first strong direction."""
        lang = node.get(LANG)
        if lang and str(lang) != self.language:
            return str(lang), "rtl" if is_rtl(str(lang)) else "ltr"
        return None, direction(node.astext(), self.current_direction)

    def text_settings(self, node: nodes.Element) -> tuple[str, bool]:
        """``#set text(...)`` for a block whose language or direction differs from its
        surroundings, and whether it does (then the block must span the column: a block
        is as wide as its content and sits on the surrounding start side)."""
        lang, dir_ = self.block_language(node)
        settings = [f"lang: {json.dumps(lang)}"] if lang else []
        if dir_ != self.current_direction:
            settings.append(f"dir: {dir_}")
        if not settings:
            return "", False
        return f"#set text({', '.join(settings)})\n", dir_ != self.current_direction

    # -- structure -----------------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        # Every document starts a chapter, however deep its toctree entry.
        self.docnames.append(node["docname"])
        self.levels.append(self.section_level)
        self.section_level = 0
        self.body.append(f"\n#metadata(none)#{label(self.docname, '')}\n")

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.pop()
        self.section_level = self.levels.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1
        self.markers(node)

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.section):
            level = max(1, min(self.section_level, 6))
            if level == 1 and len(self.body) > 40:
                self.body.append("\n#pagebreak(weak: true)\n")
            # An untranslated heading keeps its language and direction.
            settings = self.text_settings(node)[0] if node.get(LANG) else ""
            if settings:
                self.body.append("\n#[" + settings)
                self.scoped.add(id(node))
            self.body.append("\n" + "=" * level + " ")
        elif isinstance(node.parent, nodes.table | nodes.Admonition | nodes.topic):
            self.body.append("\n#strong[")
        else:
            self.body.append("\n#strong[")

    def depart_title(self, node: nodes.title) -> None:
        self.body.append("\n" if isinstance(node.parent, nodes.section) else "]\n")
        if id(node) in self.scoped:
            self.body.append("]\n")

    def visit_subtitle(self, node: nodes.subtitle) -> None:
        self.body.append("\n#emph[")

    def depart_subtitle(self, node: nodes.subtitle) -> None:
        self.body.append("]\n")

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.body.append("\n#block(above: 1em, sticky: true)[#strong[")

    def depart_rubric(self, node: nodes.rubric) -> None:
        self.body.append("]]\n")

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self.markers(node)
        classes: list[str] = node.get("classes", [])
        # Like HTML's dir="auto": a paragraph reads in the direction of its first strong
        # letter; an untranslated one keeps its language's.
        settings, turned = self.text_settings(node)
        width = "width: 100%" if turned else ""
        if "briefing-kicker" in classes:
            options = ", ".join(filter(None, ["below: 0.6em", width]))
            self.body.append(f"\n#block({options})[{settings}#text(size: 0.85em, fill: luma(90))[")
        else:
            self.body.append(f"\n#block({width})[{settings}")

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        closing = "]]" if "briefing-kicker" in node.get("classes", []) else "]"
        self.body.append(closing + "\n")

    def visit_compact_paragraph(self, node: nodes.Element) -> None:
        self.body.append("#block[")

    def depart_compact_paragraph(self, node: nodes.Element) -> None:
        self.body.append("]")

    def visit_Text(self, node: nodes.Text) -> None:
        text = " ".join(str(node).split())
        if str(node)[:1].isspace():
            text = " " + text
        if str(node)[-1:].isspace() and text.strip():
            text += " "
        if text:
            self.body.append(string(text))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    # -- lists -----------------------------------------------------------------------------

    def open_list(self, node: nodes.Element, function: str) -> None:
        # The items of an untranslated list keep their language: so does the list, so that
        # its markers stand on the side where the items' lines start.
        first = next(iter(node.findall(nodes.paragraph)), None)
        scope = ""
        if first is not None and first.get(LANG):
            scope = self.text_settings(first)[0]
        if scope and first is not None:
            self.scoped.add(id(node))
            self.directions.append(self.block_language(first)[1])
            self.body.append("\n#[" + scope)
        self.list_depth += 1
        self.body.append(f"\n#{function}(")

    def close_list(self, node: nodes.Element) -> None:
        self.list_depth -= 1
        self.body.append(")\n")
        if id(node) in self.scoped:
            self.directions.pop()
            self.body.append("]\n")

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self.markers(node)
        self.open_list(node, "list")

    def depart_bullet_list(self, node: nodes.bullet_list) -> None:
        self.close_list(node)

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.open_list(node, "enum")

    def depart_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.close_list(node)

    def visit_list_item(self, node: nodes.list_item) -> None:
        self.body.append("[")
        self.markers(node)

    def depart_list_item(self, node: nodes.list_item) -> None:
        self.body.append("],")

    def visit_field_list(self, node: nodes.field_list) -> None:
        self.body.append("\n#table(columns: (auto, 1fr), stroke: 0.4pt + luma(200), inset: 5pt,")

    def depart_field_list(self, node: nodes.field_list) -> None:
        self.body.append(")\n")

    def visit_field(self, node: nodes.field) -> None:
        pass

    def depart_field(self, node: nodes.field) -> None:
        pass

    def visit_field_name(self, node: nodes.field_name) -> None:
        self.body.append("[#strong[")

    def depart_field_name(self, node: nodes.field_name) -> None:
        self.body.append("]],")

    def visit_field_body(self, node: nodes.field_body) -> None:
        self.body.append("[")

    def depart_field_body(self, node: nodes.field_body) -> None:
        self.body.append("],")

    def visit_definition_list(self, node: nodes.Element) -> None:
        self.body.append("\n#terms(")

    def depart_definition_list(self, node: nodes.Element) -> None:
        self.body.append(")\n")

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        self.body.append("terms.item(")

    def depart_definition_list_item(self, node: nodes.Element) -> None:
        self.body.append("),")

    def visit_term(self, node: nodes.Element) -> None:
        self.body.append("[")
        self.markers(node)

    def depart_term(self, node: nodes.Element) -> None:
        self.body.append("],")

    def visit_definition(self, node: nodes.Element) -> None:
        self.body.append("[")

    def depart_definition(self, node: nodes.Element) -> None:
        self.body.append("],")

    # -- blocks ----------------------------------------------------------------------------

    def visit_block_quote(self, node: nodes.Element) -> None:
        self.body.append("\n#quote(block: true)[")

    def depart_block_quote(self, node: nodes.Element) -> None:
        self.body.append("]\n")

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        code = json.dumps(node.astext(), ensure_ascii=False)
        box = "#block(fill: luma(245), inset: 6pt, width: 100%)"
        self.body.append(f"\n{box}[#set text(dir: ltr)\n#raw(block: true, {code})]\n")
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.Element) -> None:
        self.body.append("\n#block(stroke: (right: 2pt + luma(150)), inset: 8pt, width: 100%)[")

    def depart_admonition(self, node: nodes.Element) -> None:
        self.body.append("]\n")

    visit_note = visit_tip = visit_warning = visit_important = visit_caution = visit_admonition
    visit_attention = visit_danger = visit_error = visit_hint = visit_seealso = visit_admonition
    depart_note = depart_tip = depart_warning = depart_important = depart_admonition
    depart_caution = depart_attention = depart_danger = depart_error = depart_admonition
    depart_hint = depart_seealso = depart_admonition

    def visit_transition(self, node: nodes.Element) -> None:
        self.body.append("\n#line(length: 100%, stroke: 0.5pt + luma(180))\n")
        raise nodes.SkipNode

    def visit_table(self, node: nodes.table) -> None:
        columns = max((len(row) for row in node.findall(nodes.row)), default=1)
        self.body.append(f"\n#table(columns: {columns}, inset: 4pt, stroke: 0.4pt + luma(180),")

    def depart_table(self, node: nodes.table) -> None:
        self.body.append(")\n")

    def visit_tgroup(self, node: nodes.Element) -> None:
        pass

    def depart_tgroup(self, node: nodes.Element) -> None:
        pass

    visit_tbody = visit_row = visit_tgroup
    depart_tbody = depart_row = depart_tgroup

    def visit_thead(self, node: nodes.Element) -> None:
        # A table longer than a page repeats its header rows on the next.
        self.body.append("table.header(")

    def depart_thead(self, node: nodes.Element) -> None:
        self.body.append("),")

    def visit_colspec(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    def visit_entry(self, node: nodes.Element) -> None:
        self.body.append("[")

    def depart_entry(self, node: nodes.Element) -> None:
        self.body.append("],")

    def visit_image(self, node: nodes.Element) -> None:
        # Images arrive with the at-a-glance pages; until then their alt text stands in.
        alt = node.get("alt") or node.get("uri", "")
        self.body.append(f"#emph[{string(str(alt))}]")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.Element) -> None:
        self.body.append("\n#block(inset: (top: 4pt))[#text(size: 0.85em)[")
        self.markers(node)

    def depart_footnote(self, node: nodes.Element) -> None:
        self.body.append("]]\n")

    def visit_label(self, node: nodes.Element) -> None:
        self.body.append(f"{string('[' + node.astext() + ']')} ")
        raise nodes.SkipNode

    # -- inline ----------------------------------------------------------------------------

    def visit_emphasis(self, node: nodes.Element) -> None:
        self.body.append("#emph[")

    def depart_emphasis(self, node: nodes.Element) -> None:
        self.body.append("]")

    def visit_strong(self, node: nodes.Element) -> None:
        self.body.append("#strong[")

    def depart_strong(self, node: nodes.Element) -> None:
        self.body.append("]")

    def visit_literal(self, node: nodes.Element) -> None:
        self.body.append(f"#raw({json.dumps(node.astext(), ensure_ascii=False)})")
        raise nodes.SkipNode

    def visit_inline(self, node: nodes.Element) -> None:
        self.markers(node)
        if "briefing-draft-badge" in node.get("classes", []):
            # A draft entry's badge: small text in a thin rounded frame, as in HTML.
            self.body.append(
                "#box(stroke: 0.5pt + luma(110), inset: (x: 0.3em, y: 0.15em), radius: 2pt,"
                " baseline: 0.15em)[#text(size: 0.75em, fill: luma(60))["
            )

    def depart_inline(self, node: nodes.Element) -> None:
        if "briefing-draft-badge" in node.get("classes", []):
            self.body.append("]]")

    visit_abbreviation = visit_title_reference = visit_inline
    depart_abbreviation = depart_title_reference = depart_inline

    def visit_reference(self, node: nodes.reference) -> None:
        uri = str(node.get("refuri", ""))
        if node.get("refid"):
            target = label(self.docname, str(node["refid"]))
        elif uri.startswith("%"):
            docname, _sep, anchor = uri[1:].partition("#")
            target = label(docname, anchor)
        elif safe_url(uri):
            target = json.dumps(safe_url(uri), ensure_ascii=False)
        else:
            self.body.append("[")
            node["briefing_bracket"] = True
            return
        self.body.append(f"#link({target})[")

    def depart_reference(self, node: nodes.reference) -> None:
        self.body.append("]")
        if _in_backlinks(node) and str(node.get("refuri", "")).startswith("%"):
            docname, _sep, anchor = str(node["refuri"])[1:].partition("#")
            page = _("page")
            self.body.append(
                f" #context {{ let l = locate({label(docname, anchor)}); [({page} #l.page())] }}"
            )

    def visit_target(self, node: nodes.Element) -> None:
        self.markers(node)
        raise nodes.SkipNode

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        target = label(self.docname, str(node.get("refid", "")))
        self.body.append(f"#super[#link({target})[{string(node.astext())}]]")
        raise nodes.SkipNode

    # -- the extension's nodes ---------------------------------------------------------------

    def visit_paragraph_number(self, node: paragraph_number) -> None:
        number = string("¶" + str(node["number"]))
        parent = node.parent
        dir_ = self.current_direction
        if isinstance(parent, nodes.Element):
            dir_ = self.block_language(parent)[1]
        # In the margin on the side where the paragraph's lines start.
        depth = f", depth: {self.list_depth}" if self.list_depth else ""
        self.body.append(f"#pnum(rtl: {str(dir_ == 'rtl').lower()}{depth})[{number}]")
        raise nodes.SkipNode

    def visit_section_number(self, node: section_number) -> None:
        self.body.append(f"#text(fill: luma(110))[{string(node.astext())}] ")
        raise nodes.SkipNode

    def visit_isolated_run(self, node: isolated_run) -> None:
        direction = "rtl" if is_rtl(node.get("lang")) else "ltr"
        self.body.append(f"#text(dir: {direction})[")

    def depart_isolated_run(self, node: isolated_run) -> None:
        self.body.append("]")

    def visit_foreign_block(self, node: foreign_block) -> None:
        classes: list[str] = node.get("classes", [])
        translation = "briefing-translation" in classes
        if translation and not self.parallel:
            # The translations carried for the HTML parallel view: only the parallel edition
            # prints them.
            raise nodes.SkipNode
        lang = str(node["lang"])
        dir_ = "rtl" if is_rtl(lang) else "ltr"
        width = ", width: 100%" if dir_ != self.current_direction else ""
        text = f"lang: {json.dumps(lang)}, dir: {dir_}"
        if translation and self.section_level and not isinstance(node.parent, translation_pair):
            # A heading's (or the kicker's) translation, just under it.
            if _follows_kicker(node):
                style = "size: 0.8em, fill: luma(90)"
            else:
                size = _HEADING_TRANSLATION_SIZES.get(self.section_level, 1.0)
                style = f'size: {size}em, weight: "semibold", fill: luma(70)'
            self.body.append(
                f"\n#block(above: 0.2em, below: 1em{width})[#set text({text}, {style})\n"
            )
        elif translation:
            # A paragraph's translation, in its column of the row (same size as the original).
            self.body.append(f"\n#block(width: 100%)[#set text({text})\n")
        else:
            self.body.append(f"\n#block(inset: (x: 6pt){width})[#set text({text}, size: 0.92em)\n")
        self.directions.append(dir_)

    def depart_foreign_block(self, node: foreign_block) -> None:
        self.directions.pop()
        self.body.append("]\n")

    def visit_translation_pair(self, node: translation_pair) -> None:
        """In the parallel edition, one row of two columns: the original on the book's
        start side (the right in Arabic), its translation beside it. A row is one grid, so
        the two always start together; a long one breaks across pages."""
        if not self.parallel:
            return  # just the original: its translation is skipped
        self.body.append("\n#grid(columns: (1fr, 1fr), column-gutter: 1.8em,")
        for child in node.children:
            self.body.append("[")
            child.walkabout(self)
            self.body.append("],")
        self.body.append(")\n")
        raise nodes.SkipNode

    def depart_translation_pair(self, node: translation_pair) -> None:
        pass

    def visit_entity_preview(self, node: entity_preview) -> None:
        raise nodes.SkipNode  # a hover card: no counterpart on paper

    # -- the briefing at a glance -------------------------------------------------------------

    def visit_glance_figure(self, node: glance_figure) -> None:
        """The drawing as an SVG image (its right-to-left labels made explicit for Typst's
        SVG renderer), the caption under it; the data it shows follows as text."""
        svg = for_typst(str(node["svg"]))
        found = _SVG_SIZE.search(svg)
        width, height = (float(found.group(1)), float(found.group(2))) if found else (1.0, 1.0)
        source = json.dumps(svg, ensure_ascii=False)
        alt = json.dumps(str(node.get("alt", "")), ensure_ascii=False)
        caption = string(str(node.get("caption", "")))
        image = f'image(bytes({source}), format: "svg", width: 100%, alt: {alt})'
        figure = f"#figure({image}, caption: [{caption}])"
        if width > 900 and width > 1.3 * height:
            # A wide drawing gets a landscape page of its own, so its labels stay legible.
            self.body.append(f"\n#page(flipped: true)[{figure}]\n")
        else:
            self.body.append(f"\n{figure}\n")

    def depart_glance_figure(self, node: glance_figure) -> None:
        pass

    def visit_glance_details(self, node: glance_details) -> None:
        summary = string(str(node.get("summary", "")))
        self.body.append(f"\n#block(above: 1em, sticky: true)[#strong[{summary}]]\n")

    def depart_glance_details(self, node: glance_details) -> None:
        pass

    def visit_container(self, node: nodes.Element) -> None:
        classes: list[str] = node.get("classes", [])
        if "briefing-whoswho-group" in classes:
            self.body.append("\n#grid(columns: (1fr, 1fr), gutter: 8pt,")
        elif "briefing-card" in classes:
            cell = isinstance(node.parent, nodes.container) and (
                "briefing-whoswho-group" in node.parent.get("classes", [])
            )
            self.body.append("[" if cell else "\n")
            self.markers(node)
            self.body.append(
                "#block(width: 100%, inset: 7pt, radius: 3pt, breakable: false, "
                "stroke: 0.5pt + luma(170))["
            )

    def depart_container(self, node: nodes.Element) -> None:
        classes: list[str] = node.get("classes", [])
        if "briefing-whoswho-group" in classes:
            self.body.append(")\n")
        elif "briefing-card" in classes:
            cell = isinstance(node.parent, nodes.container) and (
                "briefing-whoswho-group" in node.parent.get("classes", [])
            )
            self.body.append("]]," if cell else "]\n")

    # -- skipped ---------------------------------------------------------------------------

    def visit_comment(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    visit_index = visit_raw = visit_meta = visit_substitution_definition = visit_comment
    visit_toctree = visit_system_message = visit_problematic = visit_comment

    def visit_compound(self, node: nodes.Element) -> None:
        pass

    def depart_compound(self, node: nodes.Element) -> None:
        pass

    visit_line_block = visit_line = visit_topic = visit_compound
    depart_line_block = depart_line = depart_topic = depart_compound
    visit_pending_xref = visit_desc = visit_figure = visit_legend = visit_caption = visit_compound
    depart_pending_xref = depart_desc = depart_figure = depart_legend = depart_compound
    depart_caption = depart_compound

    def unknown_visit(self, node: nodes.Node) -> None:
        # Never lose text: an unknown element's children are still written.
        logger.warning(
            "no PDF rendering for %s nodes; writing their text only",
            node.__class__.__name__,
            type="briefing",
            subtype="pdf-node",
            location=node,
        )

    def unknown_departure(self, node: nodes.Node) -> None:
        pass


#: A heading translation's size, relative to the text, by section level (the article's
#: headline is level 1).
_HEADING_TRANSLATION_SIZES = {1: 1.3, 2: 1.1}


def _follows_kicker(node: nodes.Element) -> bool:
    parent = node.parent
    if parent is None:
        return False
    index = parent.index(node)
    before = parent[index - 1] if index else None
    return isinstance(before, nodes.Element) and "briefing-kicker" in before.get("classes", [])


_SVG_SIZE = re.compile(r'<svg[^>]*?viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def _in_backlinks(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and "briefing-backlinks" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


__all__: list[Any] = ["TypstTranslator", "label", "string"]
