"""HTML for the at-a-glance nodes: drawings inline (so their links and text work), the
data they are drawn from beside them, and each drawing alone in ``_images/`` for viewing at
full size."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.writers.html5 import HTML5Translator

from sphinx_briefing.cache import digest, write_atomically
from sphinx_briefing.glance.common import label
from sphinx_briefing.glance.nodes import glance_details, glance_figure
from sphinx_briefing.html.page import render_template

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: The stylesheet of a drawing viewed alone (the web font), relative to the output.
DRAWING_CSS = "_static/briefing/glance-drawing.css"


def _is_epub(builder: Builder) -> bool:
    # An e-book has no page to open a drawing alone in, and readers rarely open <details>.
    return builder.name == "epub"


def visit_glance_figure(self: HTML5Translator, node: glance_figure) -> None:
    kind = str(node["kind"])
    svg = str(node["svg"])
    key = digest(kind, svg)[:12]
    full_size = "" if _is_epub(self.builder) else _write_alone(self.builder, svg, kind, key)
    self.body.append(self.starttag(node, "div", "", CLASS="briefing-figure-block"))
    self.body.append(
        render_template(
            "briefing/glance-figure.html",
            kind=kind,
            # The markup comes from the renderers, which escape all text (ElementTree).
            svg=svg,
            caption=str(node.get("caption", "")),
            caption_id=_caption_id(self, kind),
            full_size=full_size,
            full_size_label=label("full-size"),
        )
    )


def _caption_id(translator: HTML5Translator, kind: str) -> str:
    """The caption's id: the drawing's kind and its place on the page, the same in every
    edition (the drawing itself, and so its digest, differs with the language)."""
    count: dict[str, int] = translator.__dict__.setdefault("_briefing_figures", {})
    count[kind] = count.get(kind, 0) + 1
    return f"briefing-figure-{kind}-{count[kind]}-caption"


def depart_glance_figure(self: HTML5Translator, node: glance_figure) -> None:
    self.body.append("</div>\n")


def _write_alone(builder: StandaloneHTMLBuilder, svg: str, kind: str, key: str) -> str:
    """Write the drawing as an SVG file of its own into the images folder (its links made
    relative to that folder) and return its address relative to the current page."""
    page = builder.get_target_uri(builder.current_docname)
    image_dir = builder.imagedir
    document = render_template(
        "briefing/glance-drawing.svg",
        svg=rebase_links(svg, page, image_dir),
        stylesheet=posixpath.relpath(DRAWING_CSS, image_dir),
    )
    name = f"briefing-{kind}-{key}.svg"
    path = Path(builder.outdir, image_dir, name)
    # Unchanged drawings keep their file (and its time stamp); -j workers write whole files.
    if not path.is_file() or path.read_text(encoding="utf-8") != document:

        def write(tmp: Path) -> None:
            tmp.write_text(document, encoding="utf-8")

        write_atomically(path, write)
    return posixpath.relpath(posixpath.join(image_dir, name), posixpath.dirname(page) or ".")


def rebase_links(svg: str, page: str, folder: str) -> str:
    """The SVG markup with each link written relative to the page's address ``page``
    rewritten relative to the folder ``folder`` (both relative to the output root);
    absolute addresses are kept."""
    root = ET.fromstring(svg)
    base = posixpath.dirname(page)
    for element in root.iter():
        # Back to the renderers' form (plain names, xmlns an attribute of the root), which
        # ElementTree writes without prefixes.
        element.tag = element.tag.removeprefix(f"{{{SVG_NAMESPACE}}}")
        href = element.get("href")
        if element.tag == "a" and href is not None:
            element.set("href", _rebase(href, page, base, folder))
    root.set("xmlns", SVG_NAMESPACE)
    return ET.tostring(root, encoding="unicode")


def _rebase(href: str, page: str, base: str, folder: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return href
    path, hash_mark, fragment = href.partition("#")
    # A bare fragment points into the page itself.
    target = posixpath.join(base, path) if path else page
    relative = posixpath.relpath(posixpath.normpath(target), folder)
    if target.endswith("/"):
        relative += "/"  # dirhtml's addresses are folders
    return relative + hash_mark + fragment


def visit_glance_details(self: HTML5Translator, node: glance_details) -> None:
    if _is_epub(self.builder):
        self.body.append(self.starttag(node, "details", "", open="open"))
    else:
        self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(str(node['summary']))}</summary>\n")


def depart_glance_details(self: HTML5Translator, node: glance_details) -> None:
    self.body.append("</details>\n")


def visit_text_only(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Other formats: the drawing's data as text, without the drawing."""


def depart_text_only(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """Nothing to close."""
