"""How far the book is translated: a report at the end of the build, a JSON export, and, on
request (``briefing_show_translation_status``), a line on the HTML landing page.

Article counts come from the domain (each article notes, when read, which of its blocks
have a usable translation). Catalogue counts come from the ``.po`` files themselves, so the
report also covers the pages' own text (landing page, glance, glossary introductions). A
fuzzy message is one whose source changed since it was translated (``make translations``
marks it so); it is not used, and is listed as outdated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _

from sphinx_briefing.domain import BriefingDomain, get_domain
from sphinx_briefing.report import logger

#: The report's file name under ``_briefing/``.
REPORT = "translation.json"


@dataclass(frozen=True)
class Totals:
    """Messages of the book's articles in one translation language."""

    language: str
    messages: int
    translated: int
    outdated: int

    @property
    def percent(self) -> int:
        """Share translated, rounded down (100 only when every message is)."""
        return 100 if not self.messages else self.translated * 100 // self.messages


def totals(domain: BriefingDomain) -> Totals | None:
    """The articles' translation totals, or None when nothing is translated or parallel."""
    records = list(domain.translations.values())
    if not records:
        return None
    return Totals(
        language=records[0]["language"],
        messages=sum(r["messages"] for r in records),
        translated=sum(r["translated"] for r in records),
        outdated=sum(1 for r in records for u in r["untranslated"] if u["outdated"]),
    )


def catalogue_counts(env: BuildEnvironment, language: str) -> list[dict[str, Any]]:
    """Per ``.po`` file of ``language``: messages, translated, fuzzy (with their locations),
    untranslated and obsolete."""
    found: list[dict[str, Any]] = []
    for directory in env.config.locale_dirs:
        folder = Path(env.srcdir, directory, language, "LC_MESSAGES")
        for po in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            with po.open("rb") as handle:
                catalog = read_po(handle, abort_invalid=False)
            messages = [m for m in catalog if m.id]
            fuzzy = [m for m in messages if m.fuzzy]
            translated = [m for m in messages if m.string and not m.fuzzy]
            found.append(
                {
                    "catalogue": po.stem,
                    "path": str(po),
                    "messages": len(messages),
                    "translated": len(translated),
                    "fuzzy": [
                        {"msgid": str(m.id), "locations": [f"{p}:{n}" for p, n in m.locations]}
                        for m in fuzzy
                    ],
                    "untranslated": len(messages) - len(translated) - len(fuzzy),
                    "obsolete": len(catalog.obsolete),
                }
            )
    return found


def report(env: BuildEnvironment) -> dict[str, Any] | None:
    """The whole report as exported to ``_briefing/translation.json``."""
    domain = get_domain(env)
    summary = totals(domain)
    if summary is None:
        return None
    edition = env.config.language or "en"
    articles = []
    for docname in sorted(domain.translations):
        record = domain.translations[docname]
        article = domain.articles.get(docname)
        articles.append(
            {
                "article": article["slug"] if article else docname,
                "docname": docname,
                "source": article["path"] if article else "",
                "messages": record["messages"],
                "translated": record["translated"],
                "untranslated": record["untranslated"],
            }
        )
    return {
        "edition": edition,
        "language": summary.language,
        # "edition": the book is shown in the translation; "parallel": beside the original.
        "use": "edition" if summary.language == edition else "parallel",
        "messages": summary.messages,
        "translated": summary.translated,
        "outdated": summary.outdated,
        "articles": articles,
        "catalogues": catalogue_counts(env, summary.language),
    }


def write_report(app: Sphinx, exception: Exception | None) -> None:
    """Log the totals and, for HTML builds, write ``_briefing/translation.json``."""
    if exception is not None:
        return
    data = report(app.env)
    if data is None:
        return
    logger.info(
        "briefing: %s translation (%s): %d of %d article messages translated, "
        "%d changed since translation",
        data["language"],
        data["use"],
        data["translated"],
        data["messages"],
        data["outdated"],
    )
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_briefing" / REPORT
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if not target.is_file() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")


def status_line(domain: BriefingDomain) -> nodes.paragraph | None:
    """The landing page's line (``briefing_show_translation_status``): how much of the
    articles' text is translated."""
    summary = totals(domain)
    if summary is None:
        return None
    text = _("Translation (%(language)s): %(translated)d of %(messages)d messages (%(percent)d%%)")
    line = text % {
        "language": summary.language,
        "translated": summary.translated,
        "messages": summary.messages,
        "percent": summary.percent,
    }
    if summary.outdated:
        line += " · " + _("%d changed since translation") % summary.outdated
    return nodes.paragraph("", line, classes=["briefing-translation-status"])
