"""HTML for the at-a-glance nodes: drawings inline (so their links and text work), the
data they are drawn from beside them."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from sphinx_briefing.glance.nodes import glance_details, glance_figure


def visit_glance_figure(self: HTML5Translator, node: glance_figure) -> None:
    kind = str(node["kind"])
    self.body.append(self.starttag(node, "div", "", CLASS="briefing-figure-block"))
    self.body.append(f'<figure class="briefing-figure briefing-figure-{self.attval(kind)}">')
    # The markup comes from the renderers, which escape all text (ElementTree).
    self.body.append(f'<div class="briefing-figure-drawing">{node["svg"]}</div>')
    if node.get("caption"):
        caption = self.encode(str(node["caption"]))
        self.body.append(f'<figcaption class="briefing-figure-caption">{caption}</figcaption>')
    self.body.append("</figure>\n")


def depart_glance_figure(self: HTML5Translator, node: glance_figure) -> None:
    self.body.append("</div>\n")


def visit_glance_details(self: HTML5Translator, node: glance_details) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(str(node['summary']))}</summary>\n")


def depart_glance_details(self: HTML5Translator, node: glance_details) -> None:
    self.body.append("</details>\n")


def visit_text_only(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Other formats: the drawing's data as text, without the drawing."""


def depart_text_only(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Nothing to close."""
