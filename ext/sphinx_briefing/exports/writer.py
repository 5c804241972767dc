"""Machine-readable exports under ``_briefing/`` in the HTML output (formats pinned in
``manual/citing.md`` and ``manual/glossary.md``): ``glossary.json``, ``citations.json``
(CSL-JSON), ``citations.bib``, ``citations.ris``."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.locale import _

from sphinx_briefing.cache import digest, source_digest
from sphinx_briefing.domain import BriefingDomain, get_domain
from sphinx_briefing.exports import citations, meta_tags
from sphinx_briefing.incremental.fragments import fragment_store
from sphinx_briefing.incremental.fresh_exports import is_current, mark_current
from sphinx_briefing.records import ArticleRecord, MentionRecord, TranslationRecord

EXPORT_DIR = "_briefing"


def _url(app: Sphinx, docname: str, anchor: str) -> str:
    uri = app.builder.get_target_uri(docname)
    return f"{uri}#{anchor}" if anchor else uri


def source_path(app: Sphinx, path: str) -> str:
    """An article's path relative to the repository root (``briefing_source_root``)."""
    root = _resolved(str(app.confdir), str(app.config.briefing_source_root))
    # Made absolute first (as relpath would), so the remembered answer does not depend on
    # the working folder.
    return _relative(os.path.abspath(path), root)


@functools.lru_cache(maxsize=100_000)
def _relative(path: str, root: str) -> str:
    # Remembered: every export asks for each article's path again.
    return Path(os.path.relpath(path, root)).as_posix()


@functools.lru_cache(maxsize=16)
def _resolved(confdir: str, root: str) -> str:
    # Resolving asks the file system once per folder: every article's exports name its file.
    return str((Path(confdir) / root).resolve())


def _mention_record(
    app: Sphinx, docname: str, article: ArticleRecord, source: str, mention: MentionRecord
) -> dict[str, Any]:
    return {
        "article": article["slug"],
        "source": source,
        "line": mention["line"],
        "start": mention["start"],
        "end": mention["end"],
        "text": mention["text"],
        "kind": mention["kind"],
        "linked": mention["linked"],
        "url": _url(app, docname, mention["anchor"]),
        "lang": mention.get("lang", article["language"]),
        "shown": bool(mention.get("shown", True)),
        # Inside a longer mention of another entry (a country in a war's name): counted, and
        # in the backlinks, but the link goes to the outer mention.
        "nested": bool(mention.get("nested", False)),
    }


def _article_mentions(
    app: Sphinx, docname: str, article: ArticleRecord, mentions: list[MentionRecord]
) -> dict[str, tuple[str, str]]:
    """One article's part of ``glossary.json``: by entity, its mentions in the text this
    edition shows and the others, each as the body of a JSON list."""
    source = source_path(app, article["path"])
    grouped: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for mention in mentions:
        record = _mention_record(app, docname, article, source, mention)
        shown, hidden = grouped.setdefault(mention["entity"], ([], []))
        (shown if record["shown"] else hidden).append(record)
    return {
        entity: (_json_items(shown), _json_items(hidden))
        for entity, (shown, hidden) in grouped.items()
    }


def _json_items(items: list[Any]) -> str:
    """The items of a JSON list without its brackets (as ``json.dumps`` writes them)."""
    return json.dumps(items, ensure_ascii=False)[1:-1]


def _json_list(bodies: Iterable[str]) -> str:
    """A JSON list from list bodies (:func:`_json_items`), empty ones skipped."""
    return "[" + ", ".join(body for body in bodies if body) + "]"


def glossary_json(app: Sphinx, domain: BriefingDomain, parts: Mapping[str, ArticleExports]) -> str:
    """The content of ``glossary.json``, from each article's part (articles newest first).

    Each entry's mentions: first those in the text this edition shows (``shown``), articles
    newest first, in text order, as before editions existed; then the others (a parallel
    translation, or the original behind a translated edition), in the same order. ``lang``
    is the language of the text a mention is in. The text is what ``json.dumps`` writes for
    the whole document, put together from the articles' parts.
    """
    # One pass over the parts: each entry's (shown, other) bodies, articles in order.
    by_entity: dict[str, list[tuple[str, str]]] = {}
    for part in parts.values():
        for entity, bodies in part.mentions.items():
            by_entity.setdefault(entity, []).append(bodies)
    entries = []
    for entry in sorted(domain.glossary().entries.values(), key=lambda e: e.id):
        where = domain.entities.get(entry.id)
        head = {
            "id": entry.id,
            "type": entry.type,
            "status": entry.status,
            "names": dict(entry.names),
            "aliases": [a for lang in ("ar", "en") for a in entry.aliases(lang)[1:]],
            "url": _url(app, where["docname"], where["anchor"]) if where else None,
            "mentions": [],
        }
        found = by_entity.get(entry.id, [])
        mentions = _json_list([*(pair[0] for pair in found), *(pair[1] for pair in found)])
        # "mentions" is the last key: replace its empty list ("[]}") with the parts.
        entries.append(json.dumps(head, ensure_ascii=False)[:-3] + mentions + "}")
    return '{"entries": [' + ", ".join(entries) + "]}"


#: What the exports are made of, besides the domain's data.
_EXPORT_CONFIG = (
    "project",
    "author",
    "release",
    "version",
    "language",
    "root_doc",
    "briefing_base_url",
    "html_baseurl",
    "briefing_editor",
    "briefing_source_root",
)
EXPORT_FILES = ("glossary.json", "citations.json", "citations.bib", "citations.ris")


class ArticleExports(NamedTuple):
    """One article's part of every export (kept between builds:
    :mod:`sphinx_briefing.incremental.fragments`)."""

    #: Its CSL-JSON items, as the body of a JSON list.
    csl: str
    bibtex: str
    ris: str
    #: Its part of ``glossary.json``: entity → (shown, other) mentions as JSON list bodies.
    mentions: dict[str, tuple[str, str]]


def _book(app: Sphinx) -> citations.Item:
    """The book's own citation item."""
    config = app.config
    built = _built_date()
    return citations.book_item(
        title=str(config.project),
        editor=str(config.briefing_editor or config.author),
        edition=str(config.release or config.version or built.isoformat()),
        built=built,
        url=_absolute(app, app.builder.get_target_uri(config.root_doc)),
        language=str(config.language or "en"),
    )


def _export_context(app: Sphinx, book: citations.Item) -> str:
    """What every article's part depends on besides its reading: the config the exports
    read, the builder (its URLs) and the book's item (its date)."""
    config = {name: app.config[name] for name in _EXPORT_CONFIG}
    return digest(config, app.builder.name, book)


def _article_exports(
    app: Sphinx, book: citations.Item, docname: str, article: ArticleRecord
) -> ArticleExports:
    domain = get_domain(app.env)
    items = _article_items(app, book, docname, article, domain)
    return ArticleExports(
        csl=_json_items(items),
        bibtex="\n".join(citations.bibtex(item) for item in items),
        ris="\n".join(citations.ris(item) for item in items),
        mentions=_article_mentions(app, docname, article, domain.mentions.get(docname, [])),
    )


def article_exports(app: Sphinx, book: citations.Item, context: str) -> dict[str, ArticleExports]:
    """Every article's part of the exports, articles newest first: made again only for
    the articles read since the last build (``context``: :func:`_export_context`)."""
    domain = get_domain(app.env)
    store = fragment_store(app, "exports", _exports_version())
    return {
        docname: store.get(
            (article["revision"], docname, context), _article_exports, app, book, docname, article
        )
        for docname, article in domain.newest_first()
    }


@functools.cache
def _exports_version() -> str:
    """The code that makes the articles' parts (a change starts the store afresh)."""
    return source_digest(_article_exports, Path(citations.__file__))


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write the exports after a successful HTML build (``build-finished``).

    Skipped when their inputs are those of the last build and the files are there (a build
    that changed nothing costs nothing here); otherwise put together from each article's
    part, made again only for the articles read in this build.
    """
    if exception is not None or app.builder.format != "html":
        return
    remove_stale_cite_scripts(app)
    out = Path(app.outdir) / EXPORT_DIR
    domain = get_domain(app.env)
    book = _book(app)
    context = _export_context(app, book)
    # The articles' readings (not their data), the glossary and the code: cheap to digest.
    inputs = digest(domain.revision(), context, _exports_version())
    if is_current(app, "exports", inputs) and all((out / f).is_file() for f in EXPORT_FILES):
        return
    out.mkdir(parents=True, exist_ok=True)
    parts = article_exports(app, book, context)
    (out / "glossary.json").write_text(glossary_json(app, domain, parts) + "\n", encoding="utf-8")
    write_citations(app, book, parts)
    mark_current(app, "exports", inputs)


def _built_date() -> dt.date:
    """The book's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.date.fromtimestamp(int(epoch)) if epoch.isdigit() else dt.date.today()


def base_url(app: Sphinx) -> str:
    """Where the book is published: ``briefing_base_url`` when set, else Sphinx's own
    ``html_baseurl``; "" when neither is (the URLs stay relative)."""
    return str(app.config.briefing_base_url or getattr(app.config, "html_baseurl", "") or "")


def _absolute(app: Sphinx, relative: str) -> str:
    base = base_url(app)
    return f"{base.rstrip('/')}/{relative}" if base else relative


def citation_items(app: Sphinx, page: str) -> list[citations.Item]:
    """The citable units on one page as CSL-JSON items, the book first."""
    domain = get_domain(app.env)
    book = _book(app)
    items = [book]
    if page in domain.articles:
        items += _article_items(app, book, page, domain.articles[page], domain)
    return items + _entry_items(app, book, domain, page)


def _article_items(
    app: Sphinx,
    book: citations.Item,
    docname: str,
    article: ArticleRecord,
    domain: BriefingDomain,
) -> list[citations.Item]:
    """An article's citable units: the article, then its sections and paragraphs."""
    edition = str(app.config.language or "en")
    slug = article["slug"]
    provenance = _Provenance(edition, book["language"], article, domain.translations.get(docname))
    items = [
        citations.part_item(
            book,
            citations.key(slug),
            article["headline"],
            "",
            _absolute(app, _url(app, docname, "")),
            provenance.note(""),
            provenance.issued,
            language=provenance.language(""),
            original=provenance.original(""),
        )
    ]
    section = ""
    for anchor, label, text in domain.paragraphs.get(docname, []):
        if label.startswith("§"):
            section = f"{label} «{text}»"
            pinpoint = section
            title = citations.section_title(label, text, article["headline"])
        else:
            pinpoint = f"{section} {label}".strip()
            title = citations.paragraph_title(label, article["headline"])
        items.append(
            citations.part_item(
                book,
                citations.key(slug, anchor),
                title,
                pinpoint,
                _absolute(app, _url(app, docname, anchor)),
                provenance.note(anchor),
                provenance.issued,
                language=provenance.language(anchor),
                original=provenance.original(anchor),
            )
        )
    return items


def _entry_items(
    app: Sphinx, book: citations.Item, domain: BriefingDomain, page: str | None = None
) -> list[citations.Item]:
    """The glossary entries' citable units (with ``page``, those documented on it)."""
    edition = str(app.config.language or "en")
    items = []
    for entity, record in sorted(domain.entities.items()):
        if page is not None and record["docname"] != page:
            continue
        entry = domain.entry(entity)
        if entry is None:
            continue
        items.append(
            citations.part_item(
                book,
                citations.entry_key(entity),
                _entry_title(entry.names, edition),
                "",
                _absolute(app, _url(app, record["docname"], record["anchor"])),
                entry.description["short_en"],
            )
        )
    return items


def _entry_title(names: Mapping[str, str], edition: str) -> str:
    """An entry's cited title: the edition's name first, the Arabic one beside it."""
    own = names.get(edition, "")
    if edition == "ar" or not own or own == names["ar"]:
        return f"{names['ar']} ({names['en']})"
    return f"{own} ({names['ar']})"


class _Provenance:
    """What an article's units say about the text they cite: the original, or, in an
    edition in another language, its translation (naming the original)."""

    def __init__(
        self,
        edition: str,
        book_language: str,
        article: ArticleRecord,
        record: TranslationRecord | None,
    ) -> None:
        self.article = article
        self.book_language = book_language
        self.issued = article["published"] or article["event_date"]
        original = article["language"]
        # The parallel view's record (in the original's edition) has another language.
        self.translated = (
            record is not None
            and edition != original
            and record["language"] == edition
            and record["translated"] > 0
        )
        self.untranslated = (
            {u["anchor"] for u in record["untranslated"] if u["label"]}
            if record is not None and self.translated
            else set()
        )
        self.described = (
            f"{citations.language_name(original)} news article, "
            f"{article['source'] or 'source unknown'}"
        )

    def _in_translation(self, anchor: str) -> bool:
        return self.translated and anchor not in self.untranslated

    def note(self, anchor: str) -> str:
        """The note of the unit at ``anchor`` (the whole article for "")."""
        if self._in_translation(anchor):
            return citations.translated_from(
                self.article["original_headline"],
                self.article["language"],
                self.article["source"],
                self.issued,
            )
        if self.translated:
            return f"{self.described}, shown untranslated in this edition"
        return self.described

    def language(self, anchor: str) -> str:
        """The language of the text the unit shows."""
        if self.translated and not self._in_translation(anchor):
            return self.article["language"]
        return self.book_language

    def original(self, anchor: str) -> tuple[str, str] | None:
        """(title, language) of the original, for a unit read in translation."""
        headline, original = self.article["headline"], self.article["original_headline"]
        if self.translated and headline != original:
            return original, self.article["language"]
        return None


def write_citations(app: Sphinx, book: citations.Item, parts: Mapping[str, ArticleExports]) -> None:
    """``citations.bib``, ``citations.json`` (CSL-JSON) and ``citations.ris``: the book, each
    article's units (from its part), then the glossary entries."""
    out = Path(app.outdir) / EXPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    entries = _entry_items(app, book, get_domain(app.env))
    csl = _json_list([_json_items([book]), *(p.csl for p in parts.values()), _json_items(entries)])
    (out / "citations.json").write_text(csl + "\n", encoding="utf-8")
    bib = [citations.bibtex(book), *(p.bibtex for p in parts.values())]
    bib += [citations.bibtex(item) for item in entries]
    (out / "citations.bib").write_text("\n".join(bib), encoding="utf-8")
    ris = [citations.ris(book), *(p.ris for p in parts.values())]
    ris += [citations.ris(item) for item in entries]
    (out / "citations.ris").write_text("\n".join(ris), encoding="utf-8")


def page_citations(app: Sphinx, pagename: str) -> dict[str, dict[str, str]]:
    """The rendered citations (every style) of the citable units on one page."""
    found: dict[str, dict[str, str]] = {}
    uri = app.builder.get_target_uri(pagename)
    base = base_url(app)
    for item in citation_items(app, pagename):
        url = str(item["URL"])[len(base.rstrip("/")) + 1 :] if base else str(item["URL"])
        if url.split("#")[0] == uri:
            found[item["id"]] = {style: citations.render(item, style) for style in citations.STYLES}
    return found


def _script_json(data: object) -> str:
    """JSON to put inside a ``<script>`` element: "<", ">" and "&" escaped, so no text
    can close the element."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def panel_labels() -> dict[str, str]:
    """The Cite panel's interface words in the edition's language (cite.js reads them;
    ``%s`` stands for a paragraph's or section's number)."""
    return {
        "heading": _("Cite this part"),
        "close": _("Close"),
        "copy": _("Copy"),
        "copied": _("Copied"),
        "copyFailed": _("Could not copy: select the text and copy it by hand."),
        "paragraph": _("Paragraph %s of the article"),
        "section": _("Section %s of the article"),
        "article": _("The whole article"),
    }


def add_citation_meta(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """An article page's Highwire Press ``citation_*`` meta tags (:mod:`.meta_tags`)."""
    domain = get_domain(app.env)
    article = domain.articles.get(pagename)
    if article is None:
        return
    book = _book(app)
    (item, *_) = _article_items(app, book, pagename, article, domain)
    tags = meta_tags.render(meta_tags.highwire(article, item, book))
    context["metatags"] = str(context.get("metatags") or "") + tags


#: Where each page's citation script is, in the HTML output (``cite.js`` loads it on demand).
CITE_DIR = f"{EXPORT_DIR}/cite"


def cite_script_name(docname: str) -> str:
    """The name of a page's citation script: stable, ASCII, no directories."""
    return hashlib.sha1(docname.encode("utf-8")).hexdigest()[:16] + ".js"


def cite_script(key: str, found: Mapping[str, Mapping[str, str]]) -> str:
    """A page's citation script: ``window.BRIEFING_CITATIONS[<key>]`` is every unit's
    citation in every style, as rows (the key first, then the styles in ``styles`` order:
    no key is ever an object's property name in the script)."""
    rows = [
        [unit, *(styles.get(style, "") for style in citations.STYLES)]
        for unit, styles in found.items()
    ]
    payload = {"styles": list(citations.STYLES), "items": rows}
    target = f"window.BRIEFING_CITATIONS[{json.dumps(key)}]"
    return (
        "window.BRIEFING_CITATIONS = window.BRIEFING_CITATIONS || {};\n"
        f"{target} = {_script_json(payload)};\n"
    )


def remove_stale_cite_scripts(app: Sphinx) -> None:
    """Remove the citation scripts of pages the book no longer has."""
    folder = Path(app.outdir) / CITE_DIR
    if not folder.is_dir():
        return
    kept = {cite_script_name(docname) for docname in app.env.all_docs}
    for path in folder.glob("*.js"):
        if path.name not in kept:
            path.unlink(missing_ok=True)


def embed_citations(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give each page its citation meta tags, the Cite panel's words and a pointer to the
    citations of its citable parts, written beside it (``_briefing/cite/<name>.js``) and
    loaded by the panel on demand: an article of thousands of paragraphs would otherwise
    carry megabytes of citations in its page."""
    if app.builder.format != "html" or doctree is None:
        return
    add_citation_meta(app, pagename, context)
    name = cite_script_name(pagename)
    path = Path(app.outdir) / CITE_DIR / name
    found = page_citations(app, pagename)
    if not found:
        path.unlink(missing_ok=True)
        return
    # Written with its page (in the page's process under -j), so the two always agree.
    path.parent.mkdir(parents=True, exist_ok=True)
    key = name.removesuffix(".js")
    path.write_text(cite_script(key, found), encoding="utf-8")
    pointer = {"src": context["pathto"](f"{CITE_DIR}/{name}", 1), "key": key}
    app.add_js_file(
        None, body=_script_json(pointer), type="application/json", id="briefing-cite-data"
    )
    app.add_js_file(
        None, body=_script_json(panel_labels()), type="application/json", id="briefing-cite-labels"
    )
