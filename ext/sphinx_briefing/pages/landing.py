"""The landing page's ``briefing-articles`` directive: every article, newest first.

The directive writes a hidden toctree (so the sidebar lists the articles in the same
order) and a placeholder that is filled from the domain once every article is read.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import get_filetype
from sphinx.util.docutils import SphinxDirective

from sphinx_briefing.domain import get_domain
from sphinx_briefing.editions.status import status_line
from sphinx_briefing.html.navigation import ARTICLES_TOCTREE
from sphinx_briefing.nodes import article_list
from sphinx_briefing.read.doctree import source_list
from sphinx_briefing.read.parser import FILETYPE
from sphinx_briefing.records import ArticleRecord
from sphinx_briefing.text import sidecar as metadata


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
        facts: list[tuple[str, str, str]] = []
        for docname in docnames:
            path = self.env.doc2path(docname)
            sidecar = metadata.sidecar_path(path)
            if sidecar.is_file():
                self.env.note_dependency(sidecar)
            # The date and title the text itself gives when the sidecar is silent (read
            # again when articles are added or removed, not on every edit of one).
            date, title = metadata.article_facts(Path(path))
            facts.append((docname, date, title))
        ordered = metadata.landing_order(facts)
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
        # The sidebar shows only the newest articles of this toctree (writers/navigation.py).
        toctree[ARTICLES_TOCTREE] = True
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        placeholder = article_list()
        self.set_source_info(placeholder)
        return [wrapper, *self._download(), placeholder]

    def _download(self) -> list[nodes.Node]:
        """A link to the PDF, in HTML only, when the HTML build makes the PDF too."""
        if not self.config.briefing_pdf_in_html:
            return []
        from sphinx_briefing.vocabulary import HTML_PDF_DIR

        up = "../" * self.env.docname.count("/")
        uri = f"{up}{HTML_PDF_DIR}/{self.config.briefing_pdf_name}.pdf"
        link = nodes.reference("", _("Download the book as PDF"), refuri=uri)
        link["classes"].append("briefing-pdf-download")
        only = addnodes.only(expr="html")
        only += nodes.paragraph("", "", link, classes=["briefing-download"])
        return [only]


def _entry(fromdocname: str, docname: str, record: ArticleRecord) -> nodes.list_item:
    item = nodes.list_item(classes=["briefing-article-entry"])
    title = nodes.paragraph(classes=["briefing-article-title"])
    # Resolved like :doc:`/articles/name`, so every builder gets its own kind of link.
    link = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refdoc=fromdocname,
        refexplicit=True,
        refwarn=True,
    )
    link += nodes.inline("", record["headline"])
    title += link
    item += title
    date = record["published"] or record["event_date"]
    known = record["source"] or record["outlet"]
    details = [record["source"], record["outlet"], date or _("undated")]
    if not known:
        details[0] = _("source unknown")
    item += nodes.paragraph(
        "", " · ".join(d for d in details if d), classes=["briefing-article-meta"]
    )
    return item


class FillArticleLists(SphinxPostTransform):
    """Replace each ``article_list`` placeholder with the linked, dated list of articles.

    Runs before references are resolved (priority 10), once every article has been read.
    """

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(article_list))
        if not placeholders:
            return
        records = get_domain(self.env).newest_first()
        fromdocname = self.env.docname
        for placeholder in placeholders:
            listing = nodes.bullet_list(classes=["briefing-articles"])
            for docname, record in records:
                entry = _entry(fromdocname, docname, record)
                if placeholder.get("sources"):
                    entry += source_list(
                        record["source"],
                        record["outlet"],
                        record["published"],
                        record["event_date"],
                        record["url"],
                    )
                listing += entry
            status = None if placeholder.get("sources") else self._status()
            placeholder.replace_self([status, listing] if status is not None else listing)

    def _status(self) -> nodes.paragraph | None:
        """The translation status line, only on request and only in HTML: a reader's page
        (and the PDF) carries no build report; the log and translation.json have it."""
        if (
            not self.config.briefing_show_translation_status
            or self.env._app.builder.format != "html"
        ):
            return None
        return status_line(get_domain(self.env))


class SourcesDirective(SphinxDirective):
    """``.. briefing-sources::`` — the book's sources: every article with what is known of
    its agency, outlet, dates and address."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        placeholder = article_list(sources=True)
        self.set_source_info(placeholder)
        return [placeholder]
