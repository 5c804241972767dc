"""The Sphinx source parser for plain-text articles (``.txt``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.parsers import Parser
from sphinx.util.matching import Matcher

from sphinx_briefing.domain import get_domain
from sphinx_briefing.editions import translation
from sphinx_briefing.nodes import DIRECTION
from sphinx_briefing.read import doctree
from sphinx_briefing.read.fidelity import remember_source
from sphinx_briefing.records import TranslationRecord, UntranslatedRecord
from sphinx_briefing.report import logger, warn
from sphinx_briefing.text import article, source
from sphinx_briefing.text import sidecar as metadata
from sphinx_briefing.text.bidi import dominant_script
from sphinx_briefing.vocabulary import is_rtl

#: The file type name articles are registered under (``source_suffix`` maps ``.txt`` to it).
FILETYPE = "briefing-article"


def article_files(srcdir: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files with one of ``suffixes`` under ``srcdir``, links followed, each folder once,
    hidden and ``_build``-like folders skipped."""
    seen: set[str] = set()
    for folder, dirs, files in os.walk(srcdir, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link loop, or the same folder reached twice
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        yield from (Path(folder, name) for name in sorted(files) if name.endswith(suffixes))


def refuse_large_articles(app: Sphinx, config: Config) -> None:
    """Leave articles larger than ``briefing_max_article_bytes`` out of the build, each with
    one ``briefing.article-too-large`` warning (``config-inited``, before Sphinx looks for
    documents; ``0`` is no limit).

    A 20 MB article (a whole archive pasted as one file) made a 150 MB page and a PDF that
    never finished; left out, the rest of the book builds as usual. Kept in
    ``exclude_patterns``, so the page of an article that grew too large leaves the output.
    """
    limit = int(config.briefing_max_article_bytes)
    if limit <= 0:
        return
    srcdir = Path(app.srcdir)
    suffixes = tuple(s for s, kind in config.source_suffix.items() if kind == FILETYPE)
    excluded = Matcher(config.exclude_patterns)
    for path in article_files(srcdir, suffixes):
        relative = path.relative_to(srcdir).as_posix()
        try:
            size = path.stat().st_size
        except OSError:  # a dangling link: Sphinx reports it
            continue
        if size <= limit or excluded(relative):
            continue
        config.exclude_patterns.append(relative)
        warn(
            f"article is {_size(size)} ({size:,} bytes), over briefing_max_article_bytes "
            f"({limit:,}): left out of the book",
            "article-too-large",
            path,
        )


def _size(count: int) -> str:
    """``20.1 MB``, ``1.2 kB``: a size for people."""
    if count >= 1_000_000:
        return f"{count / 1e6:.1f} MB"
    return f"{count / 1e3:.1f} kB"


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
        # The source is read with surrogateescape (see sphinx_briefing.read.codec), so the original
        # bytes can be recovered here and decoded with a fallback.
        text = source.decode(inputstring.encode("utf-8", "surrogateescape"))
        for finding in text.findings:
            warn(finding.message, finding.subtype, real, finding.line)
        meta = self._metadata(path, env.config, text.text)
        parsed = article.parse(text.text, meta.layout)
        if not parsed.blocks and text.ok:
            warn("article is empty: it has no text to show", "empty", real, 1)
        meta = metadata.completed(meta, parsed)
        top = doctree.build(parsed, meta, real)
        report_guesses(parsed, meta, top, real)
        original_headline = top[0].astext()
        if not self._translate(env, top, meta.language, real):
            _mark_language(top, meta.language, env.config.language)
        document += top
        remember_source(document, shown_order(text.text, parsed))
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
            original_headline=original_headline,
            title_from=str(top.get("briefing_title_from", "headline")),
            set_aside=len(parsed.set_aside),
        )
        _note_labels(env, meta.slug, top)
        get_domain(env).paragraphs[env.docname] = [
            (str(node["ids"][0]), _label(node), _own_text(node))
            for node in top.findall(nodes.Element)
            if "briefing_number" in node
        ]
        self._attach_parallel(env, top, meta.language)
        self.finish_parse()

    def _translate(
        self, env: BuildEnvironment, top: nodes.section, original: str, real: str
    ) -> bool:
        """In a translated edition, show the article's translation; False when the article
        is shown as written.

        A translated edition is one in the book's translation language
        (``briefing_parallel_language``): there a block without a translation is a warning.
        In any other edition an article in another language (an English article in the
        Arabic book) is shown as written, with its own language and direction, unless a
        catalogue translates it.
        """
        edition = env.config.language or "en"
        if edition == original:
            return False
        cat = translation.catalogue(env, env.docname, edition)
        if cat.path is None and edition != env.config.briefing_parallel_language:
            return False
        outcome = translation.translate(top, cat, original)
        _note_translation(env, cat, outcome)
        for block in outcome.missing:
            where = f"{block.label} " if block.label else ""
            why = (
                "its source changed since it was translated (the translation is fuzzy)"
                if block.outdated
                else "no translation in the catalogue"
            )
            warn(
                f"{where}shown untranslated in the {edition!r} edition: {why}",
                "untranslated",
                real,
                block.line,
            )
        return True

    def _attach_parallel(self, env: BuildEnvironment, top: nodes.section, original: str) -> None:
        """In the original's edition, carry each block's translation for the parallel view."""
        parallel = env.config.briefing_parallel_language
        edition = env.config.language or "en"
        if not parallel or parallel == original or edition != original:
            return
        cat = translation.catalogue(env, env.docname, parallel)
        if cat.path is None:
            return
        _note_translation(env, cat, translation.attach_parallel(top, cat))

    def _metadata(self, path: Path, config: Config, text: str) -> metadata.ArticleMeta:
        """The sidecar's metadata; each problem in it is a ``briefing.sidecar`` warning at
        its line, and the value in question keeps its default. Without a language in the
        sidecar, an article written in Latin letters is taken for English."""
        defaults = article.Layout(
            heading_max_words=config.briefing_heading_max_words,
            heading_max_chars=config.briefing_heading_max_chars,
            list_item_max_words=config.briefing_list_item_max_words,
        )
        read = metadata.read(path, defaults, text.count("\n") + 1)
        for problem in read.problems:
            warn(problem.message, "sidecar", metadata.sidecar_path(path), problem.line)
        if "language" not in read.given and dominant_script(text) == "latin":
            return replace(read.meta, language="en")
        return read.meta


def shown_order(text: str, parsed: article.Article) -> str:
    """The article's lines in the order the page shows them, for the fidelity check: the
    headline first (it is the title, whatever came before it), the lines set aside last."""
    lines = text.split("\n")
    first = [parsed.headline.line] if parsed.headline else []
    last = [block.line for block in parsed.set_aside]
    middle = [n for n in range(1, len(lines) + 1) if n not in first and n not in last]
    return "\n".join(lines[n - 1] for n in first + middle + last)


def report_guesses(
    parsed: article.Article, meta: metadata.ArticleMeta, top: nodes.section, real: str
) -> None:
    """One info line per article whose reading involved guesses (``briefing.structure``):
    a derived title, lines set aside, metadata read from the text."""
    guesses = []
    if top.get("briefing_title_from") == "derived":
        guesses.append("title derived from ¶1 (no headline line)")
    if parsed.set_aside:
        guesses.append(f"{len(parsed.set_aside)} lines set aside")
    if meta.inferred:
        found = ", ".join(f"{name} «{getattr(meta, name)}»" for name in sorted(meta.inferred))
        guesses.append(f"read from the text: {found}")
    if guesses:
        logger.info(
            "%s [briefing.structure]", "; ".join(guesses), location=f"{real}:1", color="darkgray"
        )


def _mark_language(top: nodes.section, language: str, edition: str | None) -> None:
    """An article shown in a language other than the edition's carries its own ``lang`` and,
    where the direction differs, ``dir`` (HTML, :func:`~sphinx_briefing.html.visitors.
    visit_section`; the PDF reads the language from each block)."""
    if language == (edition or "en"):
        return
    top["classes"].append(f"language-{language}")
    top[DIRECTION] = "rtl" if is_rtl(language) else "ltr"
    for node, _msgid in translation.blocks(top):
        node[translation.LANG] = language


def _note_translation(
    env: BuildEnvironment, cat: translation.Catalogue, outcome: translation.Outcome
) -> None:
    get_domain(env).translations[env.docname] = TranslationRecord(
        language=cat.language,
        catalogue=str(cat.path or ""),
        messages=outcome.messages,
        translated=outcome.messages - len(outcome.missing),
        untranslated=[
            UntranslatedRecord(anchor=b.anchor, label=b.label, line=b.line, outdated=b.outdated)
            for b in outcome.missing
        ],
    )


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
