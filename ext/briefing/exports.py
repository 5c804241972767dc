"""Machine-readable exports under ``_briefing/`` in the HTML output (formats pinned in the
README): ``glossary.json``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from briefing.domain import BriefingDomain, get_domain

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
    entries = []
    order = [docname for docname, _ in domain.newest_first()]
    for entry in sorted(domain.glossary().entries.values(), key=lambda e: e.id):
        where = domain.entities.get(entry.id)
        mentions = []
        for docname in order:
            article = domain.articles[docname]
            for mention in domain.mentions.get(docname, []):
                if mention["entity"] != entry.id:
                    continue
                mentions.append(
                    {
                        "article": article["slug"],
                        "source": source_path(app, article["path"]),
                        "line": mention["line"],
                        "start": mention["start"],
                        "end": mention["end"],
                        "text": mention["text"],
                        "kind": mention["kind"],
                        "linked": mention["linked"],
                        "url": _url(app, docname, mention["anchor"]),
                    }
                )
        entries.append(
            {
                "id": entry.id,
                "type": entry.type,
                "names": dict(entry.names),
                "aliases": [a for lang in ("ar", "en") for a in entry.aliases(lang)[1:]],
                "url": _url(app, where["docname"], where["anchor"]) if where else None,
                "mentions": mentions,
            }
        )
    return {"entries": entries}


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write the exports after a successful HTML build (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / EXPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    data = glossary_export(app, get_domain(app.env))
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    (out / "glossary.json").write_text(text, encoding="utf-8")
