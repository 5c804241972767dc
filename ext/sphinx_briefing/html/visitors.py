"""HTML visitors for the extension's nodes."""

from __future__ import annotations

from docutils import nodes
from sphinx.locale import _
from sphinx.writers.html5 import HTML5Translator

from sphinx_briefing.html.cards import ATTRIBUTE, note_card
from sphinx_briefing.nodes import (
    DIRECTION,
    backlinks_html,
    entity_preview,
    foreign_block,
    isolated_run,
    paragraph_number,
    section_number,
    set_aside,
    translation_pair,
)
from sphinx_briefing.vocabulary import is_rtl


def visit_paragraph_number(self: HTML5Translator, node: paragraph_number) -> None:
    number = node["number"]
    label = _("Permalink to paragraph %s") % number
    self.body.append(
        f'<a class="briefing-pnum" href="#{self.attval(node["refid"])}" '
        f'title="{self.attval(label)}" aria-label="{self.attval(label)}">'
        f'<span aria-hidden="true">¶</span>{number}</a>'
    )
    cite_button(self, node, _("Cite paragraph %s") % number)
    raise nodes.SkipNode


def visit_section_number(self: HTML5Translator, node: section_number) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="briefing-secnum"))


def depart_section_number(self: HTML5Translator, node: section_number) -> None:
    self.body.append("</span>")
    # Only in the heading itself: tables of contents copy the title's nodes into links.
    if isinstance(node.parent, nodes.title):
        cite_button(self, node, _("Cite section %s") % node.astext().lstrip("§"))
    self.body.append(" ")


def cite_button(self: HTML5Translator, node: nodes.Element, label: str) -> None:
    """The "Cite" control: opens the citation panel (briefing/cite.js) for ``node['cite']``."""
    if not node.get("cite"):
        return
    self.body.append(
        f'<button type="button" class="briefing-cite" data-cite="{self.attval(node["cite"])}" '
        f'aria-haspopup="dialog" aria-label="{self.attval(label)}" title="{self.attval(label)}">'
        '<span aria-hidden="true">❞</span></button>'
    )


def visit_isolated_run(self: HTML5Translator, node: isolated_run) -> None:
    # dir on an inline element isolates it (HTML's bidi rules), so Latin stays readable.
    attributes = {"lang": node["lang"]} if node.get("lang") else {}
    direction = "rtl" if is_rtl(node.get("lang")) else "ltr"
    self.body.append(self.starttag(node, "span", "", dir=direction, **attributes))


def depart_isolated_run(self: HTML5Translator, node: isolated_run) -> None:
    self.body.append("</span>")


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """For formats where a node has no counterpart."""
    raise nodes.SkipNode


def visit_text_element(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """For formats that simply show the node's text."""


def depart_text_element(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Nothing to close."""


def visit_backlinks_html(self: HTML5Translator, node: backlinks_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def visit_foreign_block(self: HTML5Translator, node: foreign_block) -> None:
    direction = "rtl" if is_rtl(node["lang"]) else "ltr"
    self.body.append(self.starttag(node, "div", "", lang=node["lang"], dir=direction))


def depart_foreign_block(self: HTML5Translator, node: foreign_block) -> None:
    self.body.append("</div>")


def visit_translation_pair(self: HTML5Translator, node: translation_pair) -> None:
    """The row of the parallel view: the paragraph, then its translation (parallel.css)."""
    # Node.replace_self gave the pair its paragraph's ids and classes: written here they
    # would duplicate the paragraph's anchor (and #p3 would target the pair, not ¶3).
    original = node.children[0] if node.children else None
    own = original if isinstance(original, nodes.Element) else nodes.Element()
    classes = [c for c in node["classes"] if c not in own["classes"]]
    ids = [i for i in node["ids"] if i not in own["ids"]]
    self.body.append(self.starttag(nodes.Element(classes=classes, ids=ids), "div", ""))


def depart_translation_pair(self: HTML5Translator, node: translation_pair) -> None:
    self.body.append("</div>")


def visit_entity_preview(self: HTML5Translator, node: entity_preview) -> None:
    """The hover card of a linked entry: rendered once per entry and writer process, written
    once per page (a ``<template>`` at its end, html/cards.py); the mention names it."""
    cache: dict[str, str] = self.builder.__dict__.setdefault("_briefing_previews", {})
    entity = str(node.get("entity", ""))
    html = cache.get(entity)
    if html is None:
        html = _render_preview(self, node, entity)
        cache[entity] = html
    if _name_card(self, node, entity):
        note_card(self.builder, entity, html)
    else:
        # Not inside a mention's link (no card to refer to): the card stays in place.
        self.body.append(html)
    raise nodes.SkipNode


def _name_card(self: HTML5Translator, node: entity_preview, entity: str) -> bool:
    """Put ``data-briefing-card`` on the start tag of the mention around the placeholder.

    The placeholder is the last child of its reference, and a link holds no other link, so
    the reference's ``<a`` is the last start tag of a link written so far.
    """
    if not entity or not isinstance(node.parent, nodes.reference):
        return False
    for index in range(len(self.body) - 1, -1, -1):
        part = self.body[index]
        if part.startswith("<a "):
            if "briefing-mention" not in part or ATTRIBUTE in part:
                return False
            self.body[index] = f'<a {ATTRIBUTE}="{self.attval(entity)}" ' + part[3:]
            return True
        if part.startswith("</a>"):
            return False
    return False


def _render_preview(self: HTML5Translator, node: entity_preview, entity: str) -> str:
    from sphinx_briefing.domain import get_domain, preview_content
    from sphinx_briefing.html.isolate_latin import isolate_latin

    entry = get_domain(self.builder.env).entry(entity)
    card = nodes.inline()
    if entry is not None:
        config = self.builder.config
        card.extend(preview_content(entry, config.language))
        if config.briefing_isolate_latin and is_rtl(config.language):
            isolate_latin(card)
    start = len(self.body)
    # Shown on hover and keyboard focus by CSS; hidden from assistive technology, which
    # gets the same text from the link's title.
    attributes: dict[str, str] = {"role": "tooltip", "aria-hidden": "true"}
    self.body.append(self.starttag(node, "span", "", **attributes))  # type: ignore[arg-type]
    for child in card.children:
        child.walkabout(self)
    self.body.append("</span>")
    html = "".join(self.body[start:])
    del self.body[start:]
    return html


def depart_entity_preview(self: HTML5Translator, node: entity_preview) -> None:
    self.body.append("</span>")


def visit_section(self: HTML5Translator, node: nodes.section) -> None:
    """Sphinx's own section, plus ``dir`` where the section's text runs the other way (an
    article in a language of another direction than the page's)."""
    type(self).visit_section(self, node)
    direction = node.get(DIRECTION)
    if direction in ("ltr", "rtl"):
        self.body[-1] = self.body[-1].replace("<section", f'<section dir="{direction}"', 1)


def depart_section(self: HTML5Translator, node: nodes.section) -> None:
    """Sphinx's own."""
    type(self).depart_section(self, node)


def visit_set_aside(self: HTML5Translator, node: set_aside) -> None:
    """A collapsed ``<details>``: the rubric inside becomes its ``<summary>``."""
    self.body.append(self.starttag(node, "details"))


def depart_set_aside(self: HTML5Translator, node: set_aside) -> None:
    self.body.append("</details>\n")


def visit_set_aside_rubric(self: HTML5Translator, node: nodes.rubric) -> None:
    """The rubric of a :class:`set_aside` list is its summary; any other rubric is Sphinx's."""
    if isinstance(node.parent, set_aside):
        self.body.append(self.starttag(node, "summary"))
    else:
        type(self).visit_rubric(self, node)


def depart_set_aside_rubric(self: HTML5Translator, node: nodes.rubric) -> None:
    if isinstance(node.parent, set_aside):
        self.body.append("</summary>\n")
    else:
        type(self).depart_rubric(self, node)
