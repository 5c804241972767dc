"""Machine-readable exports under ``_briefing/`` in the HTML output (formats pinned in the
README): ``glossary.json``, ``citations.json`` (CSL-JSON), ``citations.bib``, ``citations.ris``."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from briefing import citations
from briefing.cache import digest
from briefing.domain import ArticleRecord, BriefingDomain, TranslationRecord, get_domain
from briefing.fresh import is_current, mark_current

EXPORT_DIR = "_briefing"


def _url(app: Sphinx, docname: str, anchor: str) -> str:
    uri = app.builder.get_target_uri(docname)
    return f"{uri}#{anchor}" if anchor else uri


def source_path(app: Sphinx, path: str) -> str:
    """An article's path relative to the repository root (``briefing_source_root``)."""
    root = (Path(app.confdir) / str(app.config.briefing_source_root)).resolve()
    return Path(os.path.relpath(path, root)).as_posix()


def glossary_export(app: Sphinx, domain: BriefingDomain) -> dict[str, Any]:
    """The content of ``glossary.json``.

    Each entry's mentions: first those in the text this edition shows (``shown``), articles
    newest first, in text order, as before editions existed; then the others (a parallel
    translation, or the original behind a translated edition), in the same order. ``lang``
    is the language of the text a mention is in.
    """
    # One pass over the mentions, grouped by entity (articles newest first).
    shown: dict[str, list[dict[str, Any]]] = {}
    hidden: dict[str, list[dict[str, Any]]] = {}
    for docname, article in domain.newest_first():
        source = source_path(app, article["path"])
        for mention in domain.mentions.get(docname, []):
            is_shown = bool(mention.get("shown", True))
            group = shown if is_shown else hidden
            group.setdefault(mention["entity"], []).append(
                {
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
                    "shown": is_shown,
                }
            )
    entries = []
    for entry in sorted(domain.glossary().entries.values(), key=lambda e: e.id):
        where = domain.entities.get(entry.id)
        entries.append(
            {
                "id": entry.id,
                "type": entry.type,
                "names": dict(entry.names),
                "aliases": [a for lang in ("ar", "en") for a in entry.aliases(lang)[1:]],
                "url": _url(app, where["docname"], where["anchor"]) if where else None,
                "mentions": shown.get(entry.id, []) + hidden.get(entry.id, []),
            }
        )
    return {"entries": entries}


#: What the exports are made of, besides the domain's data.
_EXPORT_CONFIG = (
    "project",
    "author",
    "release",
    "version",
    "language",
    "root_doc",
    "briefing_base_url",
    "briefing_editor",
    "briefing_source_root",
)
EXPORT_FILES = ("glossary.json", "citations.json", "citations.bib", "citations.ris")


def export_inputs(app: Sphinx) -> tuple[object, ...]:
    """Everything the exports depend on: when it is unchanged, so are they."""
    domain = get_domain(app.env)
    keys = ("articles", "mentions", "entities", "paragraphs", "translations")
    data = {key: domain.data.get(key) for key in keys}
    config = {name: app.config[name] for name in _EXPORT_CONFIG}
    fingerprint = domain.data.get("fingerprints", {}).get("all", "")
    return (data, fingerprint, config, app.builder.name, _built_date().isoformat())


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write the exports after a successful HTML build (``build-finished``).

    Skipped when their inputs are those of the last build and the files are there (a build
    that changed nothing costs nothing here).
    """
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / EXPORT_DIR
    inputs = digest(*export_inputs(app))  # pickled and hashed once per build
    if is_current(app, "exports", inputs) and all((out / f).is_file() for f in EXPORT_FILES):
        return
    out.mkdir(parents=True, exist_ok=True)
    data = glossary_export(app, get_domain(app.env))
    # One line: without indent, json uses its C encoder (several times faster on the
    # tens of thousands of mentions of a large book).
    text = json.dumps(data, ensure_ascii=False) + "\n"
    (out / "glossary.json").write_text(text, encoding="utf-8")
    write_citations(app, citation_items(app))
    mark_current(app, "exports", inputs)


def _built_date() -> dt.date:
    """The book's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.date.fromtimestamp(int(epoch)) if epoch.isdigit() else dt.date.today()


def _absolute(app: Sphinx, relative: str) -> str:
    base = str(app.config.briefing_base_url or "")
    return f"{base.rstrip('/')}/{relative}" if base else relative


def citation_items(app: Sphinx, page: str | None = None) -> list[citations.Item]:
    """Every citable unit of the book as a CSL-JSON item, in book order (the book first);
    with ``page``, only the book and the units on that page."""
    domain = get_domain(app.env)
    config = app.config
    built = _built_date()
    book = citations.book_item(
        title=str(config.project),
        editor=str(config.briefing_editor or config.author),
        edition=str(config.release or config.version or built.isoformat()),
        built=built,
        url=_absolute(app, app.builder.get_target_uri(config.root_doc)),
        language=str(config.language or "en"),
    )
    items = [book]
    if page is None:
        articles = domain.newest_first()
    else:  # one page: no pass over the whole book
        articles = [(page, domain.articles[page])] if page in domain.articles else []
    edition = str(config.language or "en")
    for docname, article in articles:
        slug = article["slug"]
        provenance = _Provenance(
            edition, book["language"], article, domain.translations.get(docname)
        )
        items.append(
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
        )
        section = ""
        for anchor, label, text in domain.paragraphs.get(docname, []):
            if label.startswith("§"):
                section = f"{label} «{text}»"
                pinpoint = section
            else:
                pinpoint = f"{section} {label}".strip()
            items.append(
                citations.part_item(
                    book,
                    citations.key(slug, anchor),
                    article["headline"],
                    pinpoint,
                    _absolute(app, _url(app, docname, anchor)),
                    provenance.note(anchor),
                    provenance.issued,
                    language=provenance.language(anchor),
                    original=provenance.original(anchor),
                )
            )
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


def write_citations(app: Sphinx, items: list[citations.Item]) -> None:
    """``citations.bib``, ``citations.json`` (CSL-JSON) and ``citations.ris``."""
    out = Path(app.outdir) / EXPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / "citations.json").write_text(
        json.dumps(items, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "citations.bib").write_text(
        "\n".join(citations.bibtex(item) for item in items), encoding="utf-8"
    )
    (out / "citations.ris").write_text(
        "\n".join(citations.ris(item) for item in items), encoding="utf-8"
    )


def page_citations(app: Sphinx, pagename: str) -> dict[str, dict[str, str]]:
    """The rendered citations (every style) of the citable units on one page."""
    found: dict[str, dict[str, str]] = {}
    uri = app.builder.get_target_uri(pagename)
    base = str(app.config.briefing_base_url or "")
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


def embed_citations(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give each page the citations of its citable parts, and the Cite panel's words."""
    if app.builder.format != "html" or doctree is None:
        return
    found = page_citations(app, pagename)
    if not found:
        return
    app.add_js_file(
        None, body=_script_json(found), type="application/json", id="briefing-citations"
    )
    app.add_js_file(
        None, body=_script_json(panel_labels()), type="application/json", id="briefing-cite-labels"
    )
