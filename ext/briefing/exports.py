"""Machine-readable exports under ``_briefing/`` in the HTML output (formats pinned in the
README): ``glossary.json``, ``citations.json`` (CSL-JSON), ``citations.bib``, ``citations.ris``."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from briefing import citations
from briefing.cache import digest
from briefing.domain import BriefingDomain, get_domain
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
    """The content of ``glossary.json``."""
    # One pass over the mentions, grouped by entity (articles newest first).
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for docname, article in domain.newest_first():
        source = source_path(app, article["path"])
        for mention in domain.mentions.get(docname, []):
            by_entity.setdefault(mention["entity"], []).append(
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
                "mentions": by_entity.get(entry.id, []),
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
    data = {key: domain.data.get(key) for key in ("articles", "mentions", "entities", "paragraphs")}
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
    for docname, article in articles:
        slug = article["slug"]
        described = f"Arabic news article, {article['source'] or 'source unknown'}"
        issued = article["published"] or article["event_date"]
        items.append(
            citations.part_item(
                book,
                citations.key(slug),
                article["headline"],
                "",
                _absolute(app, _url(app, docname, "")),
                described,
                issued,
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
                    described,
                    issued,
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
                f"{entry.names['ar']} ({entry.names['en']})",
                "",
                _absolute(app, _url(app, record["docname"], record["anchor"])),
                entry.description["short_en"],
            )
        )
    return items


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


def embed_citations(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give each page the citations of its citable parts, for the Cite panel."""
    if app.builder.format != "html" or doctree is None:
        return
    found = page_citations(app, pagename)
    if not found:
        return
    # JSON inside <script>: "<", ">" and "&" escaped so no text can close the element.
    payload = (
        json.dumps(found, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    app.add_js_file(None, body=payload, type="application/json", id="briefing-citations")
