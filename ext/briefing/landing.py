"""The landing page's ``briefing-articles`` directive: every article, newest first.

The directive writes a hidden toctree (so the sidebar lists the articles in the same
order) and a placeholder that is filled from the domain once every article is read.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import get_filetype
from sphinx.util.docutils import SphinxDirective

from briefing import metadata
from briefing.domain import ArticleRecord, get_domain
from briefing.nodes import article_list
from briefing.parser import FILETYPE


def article_docnames(env: BuildEnvironment) -> list[str]:
    """Every document written as a plain-text article."""
    found = []
    for docname in sorted(env.found_docs):
        path = env.doc2path(docname)
        if get_filetype(env.config.source_suffix, path) == FILETYPE:
            found.append(docname)
    return found


class ArticlesDirective(SphinxDirective):
    """``.. briefing-articles::`` — list and link every article of the book."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        docnames = article_docnames(self.env)
        dated: list[tuple[str, str]] = []
        for docname in docnames:
            path = self.env.doc2path(docname)
            sidecar = metadata.sidecar_path(path)
            if sidecar.is_file():
                self.env.note_dependency(sidecar)
            try:
                meta = metadata.load(Path(path))
            except metadata.MetaError:
                meta = metadata.ArticleMeta(slug=metadata.default_slug(Path(path)))
            dated.append((meta.sort_date, docname))
        # Newest first; undated articles last (Python's sort is stable with reverse=True).
        ordered = [name for _, name in sorted(dated, key=lambda item: item[0], reverse=True)]
        # Re-read this page whenever articles are added or removed.
        self.env.glob_toctrees.add(self.env.docname)
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, name) for name in ordered]
        toctree["includefiles"] = list(ordered)
        toctree["maxdepth"] = 1
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = True
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        placeholder = article_list()
        self.set_source_info(placeholder)
        return [wrapper, placeholder]


def _entry(app: Sphinx, fromdocname: str, docname: str, record: ArticleRecord) -> nodes.Node:
    item = nodes.list_item(classes=["briefing-article-entry"])
    title = nodes.paragraph(classes=["briefing-article-title"])
    link = nodes.reference("", "", internal=True)
    link["refuri"] = app.builder.get_relative_uri(fromdocname, docname)
    link += nodes.Text(record["headline"])
    title += link
    item += title
    details = [record["source"], record["outlet"], record["published"] or record["event_date"]]
    shown = [d for d in details if d]
    if shown:
        item += nodes.paragraph("", " · ".join(shown), classes=["briefing-article-meta"])
    return item


def fill_article_lists(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each ``article_list`` placeholder with the linked, dated list of articles."""
    placeholders = list(doctree.findall(article_list))
    if not placeholders:
        return
    records = get_domain(app.env).newest_first()
    for placeholder in placeholders:
        listing = nodes.bullet_list(classes=["briefing-articles"])
        for docname, record in records:
            listing += _entry(app, fromdocname, docname, record)
        placeholder.replace_self(listing)
