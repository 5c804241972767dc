"""What the at-a-glance parts share: their interface words, links to entries and paragraphs,
and which paragraphs mention which entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from sphinx_briefing.domain import BriefingDomain
from sphinx_briefing.glossary import Entry
from sphinx_briefing.vocabulary import edition_language

#: The words the generated parts write: English messages of the extension's interface
#: catalogue (``locale/ar/LC_MESSAGES/sphinx.po`` has their Arabic), translated by
#: :func:`label` when a page is written, so each edition shows its own language.
LABELS = {
    "mentions": "Mentions in the articles: {}",
    "mentioned-in": "· mentioned in: ",
    "not-mentioned": "not mentioned in the articles",
    "more": "and {} more paragraphs on the glossary entry",
    "no-country": "No country",
    "since": "since {}",
    "timeline-title": "Timeline of the dated events and facts in the glossary",
    "timeline-desc": (
        "{count} dated events and facts, from {first} to {last}, in order along a vertical "
        "axis; the list after the figure gives them as text with their links."
    ),
    "timeline-caption": "Timeline: every dated event and fact in the glossary.",
    "timeline-list": "The events and facts as text",
    "map-title": "Locator map",
    "map-desc": (
        "A map of {count} places in the glossary ({names}), with {shaded} shaded; the "
        "table after the figure gives them as text."
    ),
    "map-caption": "Locator map: every place in the glossary with coordinates.",
    "map-table": "Table of places",
    "graph-title": "Network of relations between the glossary entries",
    "graph-desc": (
        "{nodes} glossary entries and {edges} relations between them; the list after the "
        "figure gives them as text."
    ),
    "graph-caption": "Network of relations: the entries and the named relations between them.",
    "graph-list": "The relations as text",
    "timeline-shown": (
        "{shown} of {total} events and facts are drawn: those of the entries the articles "
        "mention most. The list below has them all."
    ),
    "map-shown": (
        "{shown} of {total} places are drawn: those the articles mention most. The table "
        "below has them all."
    ),
    "graph-shown": (
        "{shown} of {total} entries are drawn, with the {edges} relations among them: the "
        "entries the articles mention most. The list below has every relation."
    ),
    "place": "Place",
    "english": "English name",
    "arabic": "Arabic name",
    "kind": "Kind",
    "country": "Country",
    "coordinates": "Coordinates",
    "count": "Mentions",
    "missing-renderer": "The figure was not drawn: {}",
    "full-size": "View full size",
}


def label(key: str) -> str:
    """The interface word ``key`` of :data:`LABELS` in the edition's language (looked up
    when called: the catalogue is only loaded once the builder has chosen the language)."""
    return _(LABELS[key])


def place_kind(kind: str) -> str:
    """A place's kind (``city``, ``capital``…) in the edition's language, as on the
    glossary pages."""
    return _(kind) if kind else ""


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph (or a section heading) of an article."""

    docname: str
    anchor: str
    label: str  # ¶7 or §3
    title: str  # headline, ¶7


class Links:
    """Links from the page being written to entries and paragraphs, for its builder."""

    def __init__(self, domain: BriefingDomain, builder: Builder, fromdocname: str) -> None:
        self.domain = domain
        self.builder = builder
        self.fromdocname = fromdocname
        #: Which of the entries' fields the page shows: ``ar`` or ``en``.
        self.lang = edition_language(builder.config.language)

    def entry(self, entity: str, *children: nodes.Node, title: str = "") -> nodes.Element:
        """A link to the entry's place on its glossary page (the text alone when no page
        documents it)."""
        record = self.domain.entities.get(entity)
        if record is None:
            return nodes.inline("", "", *children)
        node: nodes.Element = nodes.inline("", "", *children)
        reference = make_refnode(
            self.builder,
            self.fromdocname,
            record["docname"],
            record["anchor"],
            node,
            title or None,
        )
        reference["classes"].append("briefing-glance-entry")
        return reference

    def entry_href(self, entity: str) -> str:
        """The entry's URL for a drawing (HTML: relative to the page; else its fragment)."""
        record = self.domain.entities.get(entity)
        if record is None:
            return ""
        if self.builder.format != "html":
            return f"#{record['anchor']}"
        uri = self.builder.get_relative_uri(self.fromdocname, record["docname"])
        return f"{uri}#{record['anchor']}"

    def paragraph(self, paragraph: Paragraph) -> nodes.reference:
        """``¶7``, linked to the paragraph."""
        reference = make_refnode(
            self.builder,
            self.fromdocname,
            paragraph.docname,
            paragraph.anchor,
            nodes.inline("", paragraph.label),
            paragraph.title,
        )
        reference["classes"].append("briefing-pinpoint")
        return reference

    def paragraphs(self, found: Sequence[Paragraph]) -> list[nodes.Node]:
        """``¶1، ¶7``, each linked; the article's headline first when several articles."""
        out: list[nodes.Node] = []
        # Grouped in one pass: an entry of a large book is mentioned in thousands of them.
        by_article: dict[str, list[Paragraph]] = {}
        for paragraph in found:
            by_article.setdefault(paragraph.docname, []).append(paragraph)
        for docname, paragraphs in by_article.items():
            if out:
                out.append(nodes.Text("؛ " if self.lang == "ar" else "; "))
            if len(by_article) > 1:
                headline = self.domain.articles[docname]["headline"]
                out.append(nodes.inline("", f"{headline}: ", classes=["briefing-glance-article"]))
            for index, paragraph in enumerate(paragraphs):
                if index:
                    out.append(nodes.Text("، " if self.lang == "ar" else ", "))
                out.append(self.paragraph(paragraph))
        return out


class MentionIndex:
    """Which entries each paragraph mentions, and how often each entry is mentioned."""

    def __init__(self, domain: BriefingDomain) -> None:
        self.order: list[Paragraph] = []
        self.entities: dict[tuple[str, str], set[str]] = {}
        self.counts: Counter[str] = Counter()
        #: The paragraphs that mention each entry.
        self.where: dict[str, set[tuple[str, str]]] = {}
        for docname, record in domain.newest_first():
            for anchor, label, _text in domain.paragraphs.get(docname, []):
                if anchor.startswith("p"):
                    paragraph = Paragraph(docname, anchor, label, f"{record['headline']}, {label}")
                    self.order.append(paragraph)
                    self.entities[(docname, anchor)] = set()
            for mention in domain.mentions.get(docname, []):
                if not mention.get("shown", True):
                    continue  # a parallel translation's, or the original's behind it
                self.counts[mention["entity"]] += 1
                key = (docname, mention["anchor"])
                if key in self.entities:
                    self.entities[key].add(mention["entity"])
                    self.where.setdefault(mention["entity"], set()).add(key)

    def mentioning(self, sets: Iterable[frozenset[str]]) -> list[Paragraph]:
        """Paragraphs, in book order, that mention every entry of at least one set."""
        found: set[tuple[str, str]] = set()
        for wanted in sets:
            # The paragraphs of the set's rarest entry, then the check of the others.
            candidates = [self.where.get(entity, set()) for entity in wanted]
            if not candidates:
                continue
            rarest = min(candidates, key=len)
            found |= {key for key in rarest if wanted <= self.entities[key]}
        return [p for p in self.order if (p.docname, p.anchor) in found]


def name(entry: Entry, lang: str) -> str:
    """The entry's name in an edition: the Arabic headword, or the English name."""
    return entry.names["ar" if lang == "ar" else "en"]


def other_names(entry: Entry) -> list[tuple[str, str]]:
    """(language, name) of the entry's names in native scripts (not ``ar`` or ``en``)."""
    return [(lang, name) for lang, name in entry.names.items() if lang not in ("ar", "en")]
