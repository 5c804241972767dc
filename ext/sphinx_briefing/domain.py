"""The ``briefing`` domain: what the build environment knows about articles and entities.

All build state lives in ``env.domaindata['briefing']`` so incremental and parallel
builds see the same data (``clear_doc``/``merge_domaindata``):

- ``articles``: docname → :class:`ArticleRecord`
- ``mentions``: docname → list of :class:`MentionRecord` found in that article
- ``entities``: entry id → where its glossary page documents it (:class:`EntityRecord`)
- ``glossary``: the entry data of the whole glossary (read once per build, not per doc)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Set
from typing import Any, ClassVar, TypeVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_briefing.cache import digest
from sphinx_briefing.glossary import Entry, Glossary
from sphinx_briefing.nodes import entity_preview
from sphinx_briefing.records import (
    ArticleRecord,
    EntityRecord,
    MentionRecord,
    TranslationRecord,
)
from sphinx_briefing.report import logger, warn
from sphinx_briefing.text.sidecar import ArticleMeta, landing_order
from sphinx_briefing.vocabulary import TYPE_LABELS, TYPES, edition_language

T = TypeVar("T")


class EntityRole(XRefRole):
    """``:briefing:entity:`id``` and the typed roles: link an entry by id.

    Without an explicit title the link shows the entry's headword.
    """

    innernodeclass = nodes.inline


class ParagraphRole(XRefRole):
    """``:briefing:para:`lavrov-wonsan:p7``` — a pinpoint link to a numbered paragraph (shown
    ``¶7``) or section (``lavrov-wonsan:s3``, shown ``§3``), by its citation id.

    A bare id (``p7``) inside an element that names an article (``briefing_article``, as
    the key points' container does for its ``:article:``) refers to that article's paragraph:
    it is completed when the reference is resolved, not when it is read, so a translation of
    the text (Sphinx's ``Locale`` transform rebuilds the references from the catalogue's
    message, which says ``p7``) resolves alike. An id that names no paragraph is a
    ``briefing.unknown-paragraph`` warning at the role's file and line (resolved once every
    article is read).
    """

    innernodeclass = nodes.inline


class BriefingDomain(Domain):
    """Holds the book's articles, glossary entities and their mentions."""

    name = "briefing"
    label = "Briefing"
    data_version = 4
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(kind, kind, "entity") for kind in TYPES
    }
    roles: ClassVar[dict[str, Any]] = {
        "entity": EntityRole(warn_dangling=True),
        "para": ParagraphRole(),
        **{kind: EntityRole(warn_dangling=True) for kind in TYPES},
    }
    dangling_warnings: ClassVar[dict[str, str]] = {
        kind: "no glossary entry %(target)r" for kind in ("entity", *TYPES)
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "articles": {},
        "mentions": {},
        "entities": {},
        "glossary": {},
        "fingerprints": {},
        "glossary_pages": {},
        "paragraphs": {},
        "glance_pages": {},
        "translations": {},
        # The names each article leaves without an entry (read/coverage.py).
        "coverage": {},
    }

    # -- articles ---------------------------------------------------------------------

    @property
    def articles(self) -> dict[str, ArticleRecord]:
        """Articles by docname."""
        articles: dict[str, ArticleRecord] = self.data.setdefault("articles", {})
        return articles

    def note_article(
        self,
        docname: str,
        meta: ArticleMeta,
        headline: str,
        counts: tuple[int, int],
        paths: tuple[str, str],
        original_headline: str = "",
        title_from: str = "headline",
        set_aside: int = 0,
    ) -> None:
        """Record an article read from ``docname``: (paragraphs, sections), (file, sidecar)."""
        self.articles[docname] = ArticleRecord(
            slug=meta.slug,
            headline=headline,
            source=meta.source,
            outlet=meta.outlet,
            published=meta.published,
            event_date=meta.event_date,
            language=meta.language,
            url=meta.url,
            paragraphs=counts[0],
            sections=counts[1],
            path=paths[0],
            sidecar=paths[1],
            original_headline=original_headline or headline,
            title_from=title_from,
            author=meta.author,
            place=meta.place,
            inferred=sorted(meta.inferred),
            set_aside=set_aside,
            revision=uuid.uuid4().hex,
        )

    def revision(self) -> str:
        """A digest that changes whenever an article is read or removed, or the glossary or
        the pages that document it change: cheap (the articles' revisions, not their data)."""
        readings = sorted((name, record["revision"]) for name, record in self.articles.items())
        return digest(readings, self.entities, self.data.get("fingerprints", {}))

    def derived(self, builder: Builder, name: str, make: Callable[[BriefingDomain], T]) -> T:
        """``make(self)``, computed once per state of the book and kept on ``builder``: the
        writing phase asks for the same whole-book view on many pages (every glossary page
        for the mentions by entity, every figure of the at-a-glance page for the index)."""
        kept: dict[str, tuple[str, Any]] = builder.__dict__.setdefault("_briefing_derived", {})
        # While pages are written the book no longer changes: its revision was taken once
        # (digesting it on every page would make writing quadratic in the articles).
        revision = builder.__dict__.get(_WRITING_REVISION) or self.revision()
        if name not in kept or kept[name][0] != revision:
            kept[name] = (revision, make(self))
        value: T = kept[name][1]
        return value

    def newest_first(self) -> list[tuple[str, ArticleRecord]]:
        """Articles in the landing page's order: newest date first, undated last by title."""
        order = landing_order(
            [
                (name, r["published"] or r["event_date"], r["original_headline"])
                for name, r in self.articles.items()
            ]
        )
        return [(name, self.articles[name]) for name in order]

    # -- glossary, entities, mentions ---------------------------------------------------

    @property
    def mentions(self) -> dict[str, list[MentionRecord]]:
        """Mentions by article docname, in text order."""
        mentions: dict[str, list[MentionRecord]] = self.data.setdefault("mentions", {})
        return mentions

    @property
    def entities(self) -> dict[str, EntityRecord]:
        """Documented entries by id."""
        entities: dict[str, EntityRecord] = self.data.setdefault("entities", {})
        return entities

    def glossary(self) -> Glossary:
        """The glossary as read at the start of this build."""
        from pathlib import Path

        stored: dict[str, dict[str, Any]] = self.data.get("glossary", {})
        return Glossary(
            {
                key: Entry(key, value["data"]["type"], value["data"], Path(value["path"]))
                for key, value in stored.items()
            }
        )

    def entry(self, entity: str) -> Entry | None:
        """One entry's data, or None."""
        from pathlib import Path

        stored = self.data.get("glossary", {}).get(entity)
        if stored is None:
            return None
        return Entry(entity, stored["data"]["type"], stored["data"], Path(stored["path"]))

    def store_glossary(self, glossary: Glossary, fingerprints: dict[str, str]) -> None:
        """Keep the glossary read at the start of the build."""
        self.data["glossary"] = {
            key: {"data": entry.data, "path": str(entry.path)}
            for key, entry in glossary.entries.items()
        }
        self.data["fingerprints"] = fingerprints

    @property
    def paragraphs(self) -> dict[str, list[tuple[str, str, str]]]:
        """(anchor, §/¶ label, text) of every section heading and numbered paragraph, by
        article docname, in text order."""
        paragraphs: dict[str, list[tuple[str, str, str]]] = self.data.setdefault("paragraphs", {})
        return paragraphs

    @property
    def translations(self) -> dict[str, TranslationRecord]:
        """Translation status of each article in this edition, by docname."""
        found: dict[str, TranslationRecord] = self.data.setdefault("translations", {})
        return found

    @property
    def glossary_pages(self) -> dict[str, bool]:
        """Docnames of the pages that hold glossary directives."""
        pages: dict[str, bool] = self.data.setdefault("glossary_pages", {})
        return pages

    @property
    def glance_pages(self) -> dict[str, bool]:
        """Docnames of the pages that hold at-a-glance directives (``sphinx_briefing.glance``)."""
        pages: dict[str, bool] = self.data.setdefault("glance_pages", {})
        return pages

    def find_paragraph(self, target: str) -> tuple[str, str, str] | None:
        """(docname, anchor, readable title) of ``slug:p7`` or ``slug:s3``, or None."""
        slug, _sep, anchor = target.strip().rpartition(":")
        for docname in sorted(self.articles):
            if self.articles[docname]["slug"] != slug:
                continue
            for found, label, _text in self.paragraphs.get(docname, []):
                if found == anchor:
                    headline = self.articles[docname]["headline"]
                    return docname, anchor, f"{headline}, {label}"
        return None

    def note_entity(self, entity: str, docname: str, anchor: str, kind: str) -> None:
        """Record that ``docname`` documents ``entity`` at ``#anchor``."""
        self.entities[entity] = EntityRecord(docname=docname, anchor=anchor, type=kind)

    def mentions_by_entity(self) -> dict[str, list[tuple[str, MentionRecord]]]:
        """Every mention in the text this edition shows, grouped by entity, articles newest
        first: one pass over the book (a glossary page asks for hundreds of entries' mentions)."""
        grouped: dict[str, list[tuple[str, MentionRecord]]] = {}
        for docname, _record in self.newest_first():
            for mention in self.mentions.get(docname, []):
                if mention.get("shown", True):
                    grouped.setdefault(mention["entity"], []).append((docname, mention))
        return grouped

    # -- Sphinx domain API ----------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self.articles.pop(docname, None)
        self.mentions.pop(docname, None)
        self.glossary_pages.pop(docname, None)
        self.glance_pages.pop(docname, None)
        self.paragraphs.pop(docname, None)
        self.translations.pop(docname, None)
        self.data.setdefault("coverage", {}).pop(docname, None)
        for entity in [k for k, v in self.entities.items() if v["docname"] == docname]:
            del self.entities[entity]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in (
            "articles",
            "mentions",
            "glossary_pages",
            "glance_pages",
            "paragraphs",
            "translations",
            "coverage",
        ):
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.data.setdefault(key, {})[docname] = value
        for entity, record in otherdata.get("entities", {}).items():
            if record["docname"] in docnames:
                self.entities[entity] = record

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for entity, record in sorted(self.entities.items()):
            entry = self.entry(entity)
            if entry is None:
                continue
            shown = f"{entry.names['ar']} ({entry.names['en']})"
            yield entity, shown, record["type"], record["docname"], record["anchor"], 1

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """The object type's name as readers see it (search results, the index)."""
        return _(TYPE_LABELS.get(type.lname, type.lname))

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ == "paragraph":
            docname, _, anchor = target.partition("#")
            return make_refnode(builder, fromdocname, docname, anchor, contnode)
        if typ == "para":
            return self._resolve_para(env, fromdocname, builder, target, node, contnode)
        record = self.entities.get(target)
        entry = self.entry(target)
        if record is None or entry is None:
            return None
        if typ not in ("entity", record["type"]):
            warn(
                f"{target!r} is a {record['type']}, not a {typ}",
                "role-type",
                node.source or env.doc2path(fromdocname),
                node.line,
            )
        if not node.get("refexplicit") and not node.get("briefing_auto"):
            contnode = nodes.inline(
                "", entry.names.get(env.config.language or "ar", entry.names["ar"])
            )
        title = link_title(entry, env.config.language)
        reference = make_refnode(
            builder, fromdocname, record["docname"], record["anchor"], contnode, title
        )
        reference["classes"].append("briefing-mention")
        reference += preview(entry)
        return reference

    def _resolve_para(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if ":" not in target:
            article = enclosing_article(node)
            if article:
                target = f"{article}:{target}"
        found = self.find_paragraph(target)
        if found is None:
            warn(
                f"unknown paragraph {target!r}: write the article's slug and the paragraph's "
                "or section's id, e.g. 'lavrov-wonsan:p7'",
                "unknown-paragraph",
                node.source or env.doc2path(fromdocname),
                node.line,
            )
            return None
        docname, anchor, title = found
        if not node.get("refexplicit"):
            sign = "¶" if anchor.startswith("p") else "§"
            contnode = nodes.inline("", f"{sign}{anchor[1:]}")
        reference = make_refnode(builder, fromdocname, docname, anchor, contnode, title)
        reference["classes"].append("briefing-pinpoint")
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        if target not in self.entities:
            return []
        found = self.resolve_xref(env, fromdocname, builder, "entity", target, node, contnode)
        return [("briefing:entity", found)] if found is not None else []

    def check_consistency(self) -> None:
        """Warn when two articles share a slug; tell about entries no article mentions."""
        mentioned = {m["entity"] for found in self.mentions.values() for m in found}
        for entity in sorted(set(self.data.get("glossary", {})) - mentioned):
            logger.info("briefing: glossary entry %r is not mentioned in any article", entity)
        seen: dict[str, str] = {}
        for docname in sorted(self.articles):
            slug = self.articles[docname]["slug"]
            if slug in seen:
                warn(
                    f"slug {slug!r} is already used by {seen[slug]}; set article.slug in the "
                    "sidecar to make it unique",
                    "duplicate-slug",
                    self.env.doc2path(docname),
                    1,
                )
            else:
                seen[slug] = docname


def preview(entry: Entry) -> entity_preview:
    """The hover preview of an entry, as a placeholder: the HTML writer renders its content
    (both names and the short descriptions, :func:`preview_content`) once per entry.

    A page links dozens of entries and a book thousands; keeping the four parts out of the
    doctree keeps them out of every transform and of the pickled doctrees.

    ``no-search`` keeps it out of the search index (Sphinx's ``WordCollector`` skips such
    elements): it is the entry's text, not the article's, and would make a search for a
    word of the description (``Lavrov`` in Wonsan's) find every article that links the
    entry. The entry's own page is indexed with its full text.
    """
    box = entity_preview(classes=["briefing-preview", "no-search"])
    box["entity"] = entry.id
    return box


#: Node attribute naming the article that bare paragraph ids (``p7``) inside it refer to.
ARTICLE_ATTRIBUTE = "briefing_article"


def enclosing_article(node: nodes.Node) -> str:
    """The slug of the nearest ancestor's :data:`ARTICLE_ATTRIBUTE`, or ""."""
    current = node.parent
    while current is not None:
        if isinstance(current, nodes.Element) and current.get(ARTICLE_ATTRIBUTE):
            return str(current[ARTICLE_ATTRIBUTE])
        current = current.parent
    return ""


def link_title(entry: Entry, language: str | None = "ar") -> str:
    """A link's ``title``: both names and the short description, the edition's first."""
    if edition_language(language) == "ar":
        return f"{entry.names['ar']} ({entry.names['en']}): {entry.description['short_ar']}"
    return f"{entry.names['en']} ({entry.names['ar']}): {entry.description['short_en']}"


def preview_content(entry: Entry, language: str | None = "ar") -> list[nodes.inline]:
    """What a hover preview shows: both names and both short descriptions, the edition's
    language first (the Arabic edition: Arabic; any other: English).

    The classes say each part's language (``-ar``/``-en`` names, ``-desc``/``-desc-en``
    descriptions: glossary.css sets their direction); ``briefing-preview-name`` marks the
    name shown first, as the headword."""
    arabic = [
        nodes.inline("", entry.names["ar"], classes=["briefing-preview-ar"]),
        nodes.inline("", entry.description["short_ar"], classes=["briefing-preview-desc"]),
    ]
    english = [
        nodes.inline("", entry.names["en"], classes=["briefing-preview-en"]),
        nodes.inline("", entry.description["short_en"], classes=["briefing-preview-desc-en"]),
    ]
    first, second = (arabic, english) if edition_language(language) == "ar" else (english, arabic)
    first[0]["classes"].append("briefing-preview-name")
    badge = [draft_badge()] if entry.is_draft else []
    return [first[0], second[0], *badge, first[1], second[1]]


def draft_badge() -> nodes.inline:
    """The "draft" badge of an entry not reviewed yet (hover cards, glossary pages, PDF)."""
    return nodes.inline("", _("draft"), classes=["briefing-draft-badge"])


#: Where the builder keeps the book's revision while it writes (:func:`fix_revision`).
_WRITING_REVISION = "_briefing_writing_revision"


def fix_revision(app: Sphinx, builder: Builder) -> None:
    """``write-started``: take the book's revision once for the whole writing phase."""
    builder.__dict__[_WRITING_REVISION] = get_domain(builder.env).revision()


def release_revision(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the next build (same builder, in a long-lived process) reads the
    book again, so its revision is taken again."""
    app.builder.__dict__.pop(_WRITING_REVISION, None)


def get_domain(env: BuildEnvironment) -> BriefingDomain:
    """The briefing domain of ``env``, typed."""
    domain = env.domains["briefing"]
    assert isinstance(domain, BriefingDomain)
    return domain
