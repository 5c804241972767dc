"""The Sphinx source parser for plain-text articles (``.txt``)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from docutils import nodes
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.parsers import Parser

from briefing import article, doctree, metadata, source
from briefing.domain import get_domain
from briefing.fidelity import remember_source
from briefing.report import warn

#: The file type name articles are registered under (``source_suffix`` maps ``.txt`` to it).
FILETYPE = "briefing-article"


class ArticleParser(Parser):
    """Parse a plain-text news article straight into docutils nodes."""

    supported = (FILETYPE,)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        """Build the article's doctree; problems become warnings at ``file:line``."""
        self.setup_parse(inputstring, document)
        env = document.settings.env
        # Article text is quoted verbatim: no smart quotes, dashes or ellipses.
        document.settings.smart_quotes = False
        path = Path(document["source"])
        # Nodes and warnings name the real file (docs/articles links to seeds/).
        real = os.path.realpath(path)
        # The source is read with surrogateescape (see briefing.encoding), so the original
        # bytes can be recovered here and decoded with a fallback.
        text = source.decode(inputstring.encode("utf-8", "surrogateescape"))
        for finding in text.findings:
            warn(finding.message, finding.subtype, real, finding.line)
        meta = self._metadata(path, env.config)
        parsed = article.parse(text.text, meta.layout)
        if not parsed.blocks and text.ok:
            warn("article is empty: it has no text to show", "empty", real, 1)
        if not meta.source and parsed.dateline:
            meta = replace(meta, source=parsed.dateline)
        top = doctree.build(parsed, meta, real)
        document += top
        remember_source(document, text.text)
        sidecar = metadata.sidecar_path(path)
        if sidecar.is_file():
            env.note_dependency(sidecar)
        get_domain(env).note_article(
            env.docname,
            meta,
            headline=top[0].astext(),
            counts=(
                sum(1 for _ in top.findall(_is_numbered)),
                sum(1 for s in top.findall(nodes.section) if "briefing_number" in s),
            ),
            paths=(real, str(sidecar) if sidecar.is_file() else ""),
        )
        _note_labels(env, meta.slug, top)
        get_domain(env).paragraphs[env.docname] = [
            (str(node["ids"][0]), _label(node), _own_text(node))
            for node in top.findall(nodes.Element)
            if "briefing_number" in node
        ]
        self.finish_parse()

    def _metadata(self, path: Path, config: Config) -> metadata.ArticleMeta:
        defaults = article.Layout(
            heading_max_words=config.briefing_heading_max_words,
            heading_max_chars=config.briefing_heading_max_chars,
            list_item_max_words=config.briefing_list_item_max_words,
        )
        try:
            return metadata.load(path, defaults)
        except metadata.MetaError as err:
            warn(f"{err}; using defaults", "sidecar", metadata.sidecar_path(path), 1)
            return metadata.ArticleMeta(slug=metadata.default_slug(path))


def _note_labels(env: BuildEnvironment, slug: str, top: nodes.section) -> None:
    """Cross-reference labels (``:ref:``, objects.inv) named like the citation keys:
    ``slug``, ``slug:s3``, ``slug:p7``, with readable titles."""
    std = env.domains.standard_domain
    headline = top[0].astext()
    items = [(slug, slug, headline)]
    section = ""
    for node in top.findall(nodes.Element):
        if "briefing_number" not in node:
            continue
        anchor = str(node["ids"][0])
        if isinstance(node, nodes.section):
            section = f"§{node['briefing_number']} {_own_text(node)}"
            title = f"{headline}, {section}"
        else:
            pinpoint = f"{section.split(' ', 1)[0]} ¶{node['briefing_number']}".strip()
            title = f"{headline}, {pinpoint}"
        items.append((f"{slug}:{anchor}", anchor, title))
    for name, anchor, title in items:
        std.anonlabels[name] = (env.docname, anchor)
        std.labels[name] = (env.docname, anchor, title)


def _own_text(node: nodes.Element) -> str:
    """A paragraph's text, or a section's heading, as in the source."""
    if isinstance(node, nodes.section):
        title = node.next_node(nodes.title)
        return str(title.rawsource) if title is not None else ""
    return str(node.rawsource)


def _label(node: nodes.Element) -> str:
    """§3 for a section, ¶12 for a paragraph."""
    sign = "§" if isinstance(node, nodes.section) else "¶"
    return f"{sign}{node['briefing_number']}"


def _is_numbered(node: nodes.Node) -> bool:
    return isinstance(node, nodes.paragraph) and "briefing_number" in node
