"""What the glossary does not cover yet: ``_briefing/coverage.json``, one build-log line, and
the editors' note at the foot of each article (``briefing_show_unlinked``).

The names come from the read phase (:mod:`sphinx_briefing.read.coverage`), article by
article; here they are merged over the whole book as ``briefing candidates`` merges them
over its files, and the log line gives the command that turns them into draft entries.
``coverage.json``::

    {"names": N, "articles": M, "articles_with_names": K, "command": "briefing candidates …",
     "candidates": [<the candidates of the whole book, as briefing candidates --format json>],
     "by_article": [{"article": slug, "source": path, "url": page, "mentions": linked,
                     "candidates": [...], "variants": [...]}]}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging

from sphinx_briefing.cache import digest
from sphinx_briefing.candidates.finder import from_record, merge
from sphinx_briefing.candidates.model import Candidate
from sphinx_briefing.domain import BriefingDomain, get_domain
from sphinx_briefing.exports.writer import EXPORT_DIR, source_path
from sphinx_briefing.html.page import render_template
from sphinx_briefing.incremental.fresh_exports import is_current, mark_current
from sphinx_briefing.records import ArticleRecord
from sphinx_briefing.vocabulary import TYPE_LABELS

logger = logging.getLogger(__name__)

EXPORT_FILE = "coverage.json"
#: The read phase's key in the domain data (:data:`sphinx_briefing.read.coverage.KEY`).
KEY = "coverage"
#: Changes whenever the shape of the file changes (the freshness check's input).
VERSION = "1"


def _articles(domain: BriefingDomain) -> Iterator[tuple[str, ArticleRecord, dict[str, Any]]]:
    found = domain.data.get(KEY, {})
    for docname, article in domain.newest_first():
        if docname in found:
            yield docname, article, found[docname]


def article_candidates(
    app: Sphinx, domain: BriefingDomain
) -> list[tuple[str, ArticleRecord, str, list[Candidate], list[Candidate]]]:
    """Each article's names, newest first: (docname, article, source, candidates, variants),
    their mentions naming the article's file."""
    found = []
    for docname, article, coverage in _articles(domain):
        source = source_path(app, article["path"])
        names = [from_record(record, source) for record in coverage["candidates"]]
        variants = [from_record(record, source) for record in coverage["variants"]]
        found.append((docname, article, source, names, variants))
    return found


def command(app: Sphinx, domain: BriefingDomain) -> str:
    """The ``briefing candidates`` command that drafts entries for the book's articles."""
    # The articles' folders, then each folder as the exports name it: a few, not one each.
    parents = {os.path.dirname(a["path"]) or "." for a in domain.articles.values()}
    folders = sorted({source_path(app, parent) for parent in parents})
    files = " ".join(f"{folder}/*.txt" if folder != "." else "*.txt" for folder in folders[:3])
    root = (Path(app.confdir) / str(app.config.briefing_source_root)).resolve()
    entries = Path(os.path.relpath(Path(app.confdir) / app.config.briefing_glossary_dir, root))
    return (
        f"briefing candidates {files} --glossary {entries.as_posix()} --write {entries.as_posix()}"
    )


def book_command(app: Sphinx, domain: BriefingDomain) -> str:
    """:func:`command`, worked out once per state of the book (every page's note shows it)."""
    return domain.derived(app.builder, "coverage-command", lambda d: command(app, d))


def coverage_json(
    app: Sphinx,
    domain: BriefingDomain,
    merged: list[Candidate],
    by_article: list[tuple[str, ArticleRecord, str, list[Candidate], list[Candidate]]],
) -> str:
    """The content of ``coverage.json``: ``merged`` the book's names, ``by_article`` each
    article's (:func:`article_candidates`)."""
    articles = []
    for docname, article, source, names, variants in by_article:
        articles.append(
            {
                "article": article["slug"],
                "source": source,
                "url": app.builder.get_target_uri(docname),
                "mentions": domain.data[KEY][docname]["mentions"],
                "candidates": [c.as_json() for c in names],
                "variants": [c.as_json() for c in variants],
            }
        )
    with_names = sum(1 for item in articles if item["candidates"] or item["variants"])
    data = {
        "names": len(merged),
        "articles": len(articles),
        "articles_with_names": with_names,
        "command": book_command(app, domain),
        "candidates": [c.as_json() for c in merged],
        "by_article": articles,
    }
    return json.dumps(data, ensure_ascii=False)


def write_coverage(app: Sphinx, exception: Exception | None) -> None:
    """Write ``coverage.json`` (HTML builds) and log how many names lack an entry."""
    if exception is not None:
        return
    domain = get_domain(app.env)
    if not domain.articles:
        return
    by_article = article_candidates(app, domain)
    merged = merge(c for *_, names, variants in by_article for c in [*names, *variants])
    articles = len({m.file for c in merged for m in c.mentions})
    if merged:
        logger.info(
            "briefing: %d names in %d articles have no glossary entry: %s",
            len(merged),
            articles,
            book_command(app, domain),
        )
    else:
        logger.info("briefing: every name in the articles has a glossary entry")
    if app.builder.format != "html":
        return
    out = Path(app.outdir) / EXPORT_DIR / EXPORT_FILE
    inputs = digest(domain.revision(), VERSION, book_command(app, domain), app.builder.name)
    if is_current(app, "coverage", inputs) and out.is_file():
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(coverage_json(app, domain, merged, by_article) + "\n", encoding="utf-8")
    mark_current(app, "coverage", inputs)


def add_unlinked_note(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """At the foot of an article, a collapsed note for the book's editors: its names that no
    entry covers and its new spellings of known ones (``briefing_show_unlinked``)."""
    if not app.config.briefing_show_unlinked or "body" not in context:
        return
    coverage = get_domain(app.env).data.get(KEY, {}).get(pagename)
    if not coverage or not (coverage["candidates"] or coverage["variants"]):
        return
    words = _note_words(app)
    names = [_shown(record, words) for record in coverage["candidates"]]
    variants = [_shown(record, words) for record in coverage["variants"]]
    count = len(names) + len(variants)
    context["body"] += render_template(
        "briefing/unlinked.html",
        language=app.config.language or "en",
        summary=words["many"] % count if count != 1 else words["one"],
        names_intro=words["names_intro"],
        variants_intro=words["variants_intro"],
        names=names,
        variants=variants,
        command=book_command(app, get_domain(app.env)),
    )


def _note_words(app: Sphinx) -> dict[str, str]:
    """The note's fixed words in the edition's language, translated once per build (every
    article's page shows them)."""
    kept: dict[str, str] | None = app.builder.__dict__.get("_briefing_note_words")
    if kept is None:
        kept = {
            "many": _("For editors: %d names without a glossary entry"),
            "one": _("For editors: a name without a glossary entry"),
            "names_intro": _("No glossary entry yet:"),
            "variants_intro": _("New spellings of glossary entries:"),
            **{f"type:{key}": _(label) for key, label in TYPE_LABELS.items()},
        }
        app.builder.__dict__["_briefing_note_words"] = kept
    return kept


def _shown(record: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
    """What the note shows of a candidate (as :func:`~sphinx_briefing.candidates.finder.
    as_record` kept it), its type in the edition's language (``words``: :func:`_note_words`)."""
    kind = record["type"]
    return {
        "text": record["text"],
        "type": words.get(f"type:{kind}") or _(kind),
        "count": len(record["mentions"]),
        "english": record["english"],
        "variant_of": record["variant_of"],
    }


def setup(app: Sphinx) -> None:
    """Connect the writing side of the coverage report."""
    app.connect("build-finished", write_coverage)
    app.connect("html-page-context", add_unlinked_note)
