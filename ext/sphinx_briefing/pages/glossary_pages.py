"""Glossary pages: the ``briefing-glossary``, ``briefing-glossary-index`` and
``briefing-glossary-drafts`` directives, and the "Mentioned in" lists filled once every
article is read. Draft entries carry a "draft" badge everywhere they are listed."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from sphinx_briefing.cache import source_digest
from sphinx_briefing.domain import BriefingDomain, draft_badge, get_domain
from sphinx_briefing.glossary import Entry, english_sort_key
from sphinx_briefing.html.page import TEMPLATES_DIR, render_template
from sphinx_briefing.incremental.fragments import fragment_store
from sphinx_briefing.nodes import backlinks, backlinks_html, foreign_block, isolated_run
from sphinx_briefing.records import MentionRecord
from sphinx_briefing.report import logger, warn
from sphinx_briefing.text.bidi import latin_runs
from sphinx_briefing.text.urls import safe_url
from sphinx_briefing.vocabulary import TYPE_LABELS, TYPES, edition_language, is_rtl, relation_label


def entity_ref(entity: str) -> addnodes.pending_xref:
    """A link to an entry, shown with its headword."""
    ref = addnodes.pending_xref(
        "", refdomain="briefing", reftype="entity", reftarget=entity, refexplicit=False
    )
    ref += nodes.inline("", entity)
    return ref


def _english(text: str) -> isolated_run:
    return isolated_run(text, text, lang="en")


def _foreign(text: str, lang: str) -> nodes.Node:
    """English isolated in the Arabic edition, Arabic isolated in the English one (each
    page's own language needs no mark)."""
    other = "en" if lang == "ar" else "ar"
    return isolated_run(text, text, lang=other)


def _separator(lang: str) -> str:
    return "، " if lang == "ar" else ", "


def _date_range(start: str, end: str) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def _field(label: str, *body: nodes.Node | str) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name("", _(label))
    value = nodes.paragraph()
    for part in body:
        value += nodes.Text(part) if isinstance(part, str) else part
    field += nodes.field_body("", value)
    return field


def _joined(items: Iterable[nodes.Node], separator: str = "، ") -> list[nodes.Node | str]:
    out: list[nodes.Node | str] = []
    for item in items:
        if out:
            out.append(separator)
        out.append(item)
    return out


def facts(entry: Entry, lang: str = "ar") -> nodes.field_list:
    """The type-specific facts of an entry as a field list, in the edition's language
    (``ar``, or ``en`` for the English fields)."""
    data: dict[str, Any] = entry.data.get(entry.type, {})
    sep = _separator(lang)
    fields = nodes.field_list(classes=["briefing-facts"])
    fields += _field("Type", _(TYPE_LABELS[entry.type]))
    if entry.type == "person":
        if data.get("born"):
            fields += _field("Born", data["born"])
        if data.get("country"):
            fields += _field("Country", entity_ref(data["country"]))
        for position in data.get("positions", []):
            when = _date_range(position.get("start", ""), position.get("end", ""))
            title = position["title_ar" if lang == "ar" else "title_en"]
            fields += _field("Position", title, f" ({when})" if when else "")
    elif entry.type == "place":
        if data.get("kind"):
            fields += _field("Kind", _(data["kind"]))
        if data.get("country"):
            fields += _field("Country", entity_ref(data["country"]))
        if "lat" in data and "lon" in data:
            fields += _field("Coordinates", _english(f"{data['lat']:.4f}, {data['lon']:.4f}"))
    elif entry.type == "organization":
        if data.get("kind"):
            fields += _field("Kind", _(data["kind"]))
        if data.get("country"):
            fields += _field("Country", entity_ref(data["country"]))
        if data.get("founded"):
            fields += _field("Founded", data["founded"])
    elif entry.type == "agreement":
        if lang == "ar":
            if data.get("full_name_ar"):
                fields += _field("Full name", data["full_name_ar"])
            if data.get("full_name_en"):
                fields += _field("English name", _english(data["full_name_en"]))
        else:
            if data.get("full_name_en"):
                fields += _field("Full name", data["full_name_en"])
            if data.get("full_name_ar"):
                fields += _field("Arabic name", _foreign(data["full_name_ar"], lang))
        if data.get("signed"):
            fields += _field("Signed", data["signed"])
        if data.get("signed_at"):
            fields += _field("Signed at", entity_ref(data["signed_at"]))
        if data.get("in_force"):
            fields += _field("In force", data["in_force"])
        if data.get("parties"):
            fields += _field("Parties", *_joined((entity_ref(p) for p in data["parties"]), sep))
        for article in data.get("key_articles", []):
            number = _("Article %s") % article["article"]
            summary = article["summary_ar" if lang == "ar" else "summary_en"]
            fields += _field("Key article", f"{number}: {summary}")
    elif entry.type == "event":
        when = _date_range(data.get("start", ""), data.get("end", ""))
        if when:
            fields += _field("Date", when)
        if data.get("place"):
            fields += _field("Location", entity_ref(data["place"]))
        if data.get("participants"):
            participants = (entity_ref(p) for p in data["participants"])
            fields += _field("Participants", *_joined(participants, sep))
    return fields


def relations(entry: Entry, lang: str = "ar") -> nodes.bullet_list | None:
    """Typed links to related entries, with their notes in the edition's language."""
    found = entry.data.get("relations", [])
    if not found:
        return None
    listing = nodes.bullet_list(classes=["briefing-relations"])
    for relation in found:
        item = nodes.paragraph()
        label_ar, label_en = relation_label(relation["type"], "entry")
        label = label_ar if lang == "ar" else label_en
        item += nodes.inline("", label, classes=["briefing-relation"])
        item += nodes.Text(" ")
        item += entity_ref(relation["target"])
        if relation.get("date"):
            # The date with its brackets left to right, or PDF readers give «)2023-09-13(».
            date = f"({relation['date']})"
            item += nodes.Text(" ")
            item += _english(date) if is_rtl(lang) else nodes.Text(date)
        note = relation.get("note_ar" if lang == "ar" else "note_en")
        if note:
            item += nodes.Text(f": {note}")
        listing += nodes.list_item("", item)
    return listing


def sources(entry: Entry) -> nodes.bullet_list | None:
    """Where the facts come from."""
    found = entry.data.get("sources", [])
    if not found:
        return None
    listing = nodes.bullet_list(classes=["briefing-sources"])
    for source in found:
        item = nodes.paragraph()
        title: nodes.Node = _english(source["title"])
        if safe_url(source.get("url", "")):
            link = nodes.reference("", "", refuri=source["url"])
            link += title
            title = link
        item += title
        details = [source.get("publisher", ""), source.get("date", "")]
        if any(details):
            item += nodes.Text(" — ")
            item += _english(", ".join(d for d in details if d))
        listing += nodes.list_item("", item)
    return listing


class GlossaryDirective(SphinxDirective):
    """``.. briefing-glossary:: person`` — every entry of one type, in alphabetical order.

    The Arabic edition heads each entry with its Arabic headword, in Arabic order; any other
    edition with its English name, in English order, and shows the English fields first.
    Ids and anchors are the entry ids in every edition."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in TYPES:
            warn(
                f"unknown glossary type {kind!r} (one of {', '.join(TYPES)})",
                "glossary-page",
                self.get_source_info()[0] or "",
                self.lineno,
            )
            return []
        domain = get_domain(self.env)
        domain.glossary_pages[self.env.docname] = True
        lang = edition_language(self.config.language)
        return [
            _generated(self._entry(domain, entry, lang))
            for entry in domain.glossary().of_type(kind, lang)
        ]

    def _entry(self, domain: BriefingDomain, entry: Entry, lang: str) -> nodes.section:
        section = nodes.section(
            "", ids=[entry.id], classes=["briefing-entry", f"briefing-{entry.type}"]
        )
        self.set_source_info(section)
        section += nodes.title("", entry.names[lang])
        if entry.is_draft:
            # Beside the heading, not in it: the title stays the name in tables of contents.
            status = nodes.paragraph(classes=["briefing-entry-status"])
            status += draft_badge()
            section += status
        index = addnodes.index(
            entries=[
                (
                    "single",
                    f"{entry.names['ar']}; {_(TYPE_LABELS[entry.type])}",
                    entry.id,
                    "",
                    None,
                ),
                (
                    "single",
                    f"{entry.names['en']}; {_(TYPE_LABELS[entry.type])}",
                    entry.id,
                    "",
                    None,
                ),
            ]
        )
        section += index
        # The other names: English (or, in the English edition, Arabic), then native scripts.
        names = nodes.paragraph(classes=["briefing-entry-names"])
        other = "en" if lang == "ar" else "ar"
        names += _foreign(entry.names[other], lang)
        for script, name in entry.names.items():
            if script not in ("ar", "en"):
                names += nodes.Text(" · ")
                names += isolated_run(name, name, lang=script)
        section += names
        section += self._descriptions(entry, lang)
        section += facts(entry, lang)
        listing = relations(entry, lang)
        if listing is not None:
            section += nodes.rubric("", _("Related entries"))
            section += listing
        section += nodes.rubric("", _("Mentioned in"))
        section += backlinks(entity=entry.id)
        cited = sources(entry)
        if cited is not None:
            section += nodes.rubric("", _("Sources"))
            # Source titles are mostly English: the list reads left to right.
            block = foreign_block(lang="en", classes=["briefing-sources-block"])
            block += cited
            section += block
        domain.note_entity(entry.id, self.env.docname, entry.id, entry.type)
        # A label named like the entry's citation key, for :ref: and objects.inv.
        std = self.env.domains.standard_domain
        title = f"{entry.names[lang]} ({entry.names[other]})"
        std.anonlabels[f"entry:{entry.id}"] = (self.env.docname, entry.id)
        std.labels[f"entry:{entry.id}"] = (self.env.docname, entry.id, title)
        return section

    @classmethod
    def _descriptions(cls, entry: Entry, lang: str) -> list[nodes.Node]:
        """The Arabic edition: each Arabic description, then its English in a left-to-right
        block. Any other edition: the English descriptions, then the Arabic short one in a
        right-to-left block (the long Arabic text is for the Arabic edition's readers)."""
        description = entry.description
        # A draft's description not written yet shows the placeholder, styled apart.
        short = {
            f: ["briefing-entry-short", *(["briefing-placeholder"] if f in entry.unwritten else [])]
            for f in ("short_ar", "short_en")
        }
        out: list[nodes.Node] = []
        if lang == "ar":
            out.append(nodes.paragraph("", description["short_ar"], classes=short["short_ar"]))
            out.append(cls._block("en", description["short_en"], short["short_en"]))
            if description.get("long_ar"):
                out.append(
                    nodes.paragraph("", description["long_ar"], classes=["briefing-entry-long"])
                )
            if description.get("long_en"):
                out.append(cls._block("en", description["long_en"], "briefing-entry-long"))
            return out
        out.append(nodes.paragraph("", description["short_en"], classes=short["short_en"]))
        if description.get("long_en"):
            out.append(nodes.paragraph("", description["long_en"], classes=["briefing-entry-long"]))
        out.append(cls._block("ar", description["short_ar"], short["short_ar"]))
        return out

    @staticmethod
    def _block(lang: str, text: str, css: str | list[str]) -> foreign_block:
        block = foreign_block(lang=lang, classes=[css] if isinstance(css, str) else css)
        block += nodes.paragraph("", text)
        return block


class GlossaryIndexDirective(SphinxDirective):
    """``.. briefing-glossary-index::`` — every entry, in English alphabetical order."""

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        domain.glossary_pages[self.env.docname] = True
        lang = edition_language(self.config.language)
        entries = sorted(
            domain.glossary().entries.values(),
            key=lambda e: (english_sort_key(e.names["en"]), e.id),
        )
        table = nodes.bullet_list(classes=["briefing-glossary-index"])
        for entry in entries:
            item = nodes.paragraph()
            ref = addnodes.pending_xref(
                "", refdomain="briefing", reftype="entity", reftarget=entry.id, refexplicit=True
            )
            ref += _english(entry.names["en"])
            item += ref
            item += nodes.Text(" — ")
            if lang == "ar":
                item += nodes.Text(entry.names["ar"])
            else:
                item += _foreign(entry.names["ar"], lang)
            item += nodes.Text(f" ({_(TYPE_LABELS[entry.type])})")
            if entry.is_draft:
                item += nodes.Text(" ")
                item += draft_badge()
            table += nodes.list_item("", item)
        return [_generated(table)]


#: The standard label of the page that lists the drafts (``{ref}`glossary-drafts```).
DRAFTS_LABEL = "glossary-drafts"


class GlossaryDraftsDirective(SphinxDirective):
    """``.. briefing-glossary-drafts::`` — the entries to review: every draft, by type and
    in the edition's alphabetical order, with its file and the articles that mention it;
    "No drafts." when there are none."""

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        domain.glossary_pages[self.env.docname] = True
        std = self.env.domains.standard_domain
        std.anonlabels[DRAFTS_LABEL] = (self.env.docname, "")
        std.labels[DRAFTS_LABEL] = (self.env.docname, "", str(_("Drafts to review")))
        lang = edition_language(self.config.language)
        drafts = [
            entry
            for kind in TYPES
            for entry in domain.glossary().of_type(kind, lang)
            if entry.is_draft
        ]
        if not drafts:
            return [_generated(nodes.paragraph("", _("No drafts."), classes=["briefing-drafts"]))]
        listing = nodes.bullet_list(classes=["briefing-drafts"])
        for entry in drafts:
            listing += nodes.list_item("", *self._draft(entry, lang))
        return [_generated(listing)]

    def _draft(self, entry: Entry, lang: str) -> list[nodes.Node]:
        head = nodes.paragraph(classes=["briefing-draft"])
        ref = addnodes.pending_xref(
            "", refdomain="briefing", reftype="entity", reftarget=entry.id, refexplicit=True
        )
        ref += nodes.inline("", entry.names[lang])
        head += ref
        head += nodes.Text(" ")
        head += _foreign(entry.names["en" if lang == "ar" else "ar"], lang)
        head += nodes.Text(f" — {_(TYPE_LABELS[entry.type])} ")
        head += draft_badge()
        head += nodes.Text(" ")
        head += nodes.literal("", self._shown_path(entry))
        # Filled with the articles that mention the entry once every article is read.
        return [head, backlinks(entity=entry.id, articles_only=True)]

    def _shown_path(self, entry: Entry) -> str:
        """The entry's file, relative to the source directory when inside it."""
        try:
            return entry.path.resolve().relative_to(self.env.srcdir.resolve()).as_posix()
        except ValueError:
            return entry.path.name


def report_drafts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """One information line per build when the glossary has drafts (``env-updated``): not a
    warning, so ``-W`` builds stay clean while entries wait for review."""
    drafts = [e for e in get_domain(env).glossary().entries.values() if e.is_draft]
    if drafts:
        found = env.domains.standard_domain.labels.get(DRAFTS_LABEL)
        where = f": see {found[0]}" if found and found[0] in env.all_docs else ""
        if len(drafts) == 1:
            logger.info(f"1 glossary entry is a draft{where}")
        else:
            logger.info(f"{len(drafts)} glossary entries are drafts{where}")
    return []


def _generated(node: nodes.Element) -> nodes.Element:
    """Glossary text comes from the entries' own fields in each language, never from the
    gettext catalogues: keep it out of the extracted messages."""
    for child in node.findall(nodes.TextElement):
        # Not on the draft badge or a relation's label: Sphinx unwraps an inline that has
        # the attribute (it takes it for a translation placeholder) and moves its text to
        # the end of the paragraph; an inline without it is never extracted anyway.
        if not {"briefing-draft-badge", "briefing-relation"} & set(child["classes"]):
            child["translatable"] = False
    return node


@functools.cache
def _backlinks_version() -> str:
    """The code and templates that render the backlinks (a change starts the store afresh)."""
    return source_digest(_article_backlinks, TEMPLATES_DIR / "briefing" / "backlink-article.html")


def _article_backlinks(
    headline: str, uri: str, places: list[tuple[str, str, str]], isolate: bool
) -> Markup:
    """One article's part of an entry's "Mentioned in" list, as HTML."""

    def runs(text: str) -> list[tuple[str, str | None]]:
        return latin_runs(text) if isolate else [(text, None)]

    return Markup(
        render_template(
            "briefing/backlink-article.html",
            headline=runs(headline),
            places=[
                {"href": f"{uri}#{anchor}", "label": label, "snippet": runs(snippet)}
                for label, anchor, snippet in places
            ],
        )
    )


def _place_label(paragraph: int, anchor: str) -> str:
    """¶5 for a paragraph, §3 for a heading, the word "headline" for the headline."""
    if paragraph:
        return f"¶{paragraph}"
    if anchor[:1] == "s" and anchor[1:].isdigit():
        return f"§{anchor[1:]}"
    return _("headline")


class FillBacklinks(SphinxPostTransform):
    """Replace each ``backlinks`` placeholder with the paragraphs that mention the entry."""

    default_priority = 5  # before references are resolved (10)

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(backlinks))
        if not placeholders:
            return
        domain = get_domain(self.env)
        # Grouped once per build: every glossary page asks for it.
        grouped = domain.derived(
            self.env._app.builder, "mentions-by-entity", BriefingDomain.mentions_by_entity
        )
        for placeholder in placeholders:
            entity = str(placeholder["entity"])
            found = grouped.get(entity, [])
            if placeholder.get("articles_only"):
                placeholder.replace_self(self._articles(domain, found))
            else:
                placeholder.replace_self(self._listing(domain, entity, found))

    def _articles(
        self, domain: BriefingDomain, mentions: list[tuple[str, MentionRecord]]
    ) -> nodes.Element:
        """The articles that mention an entry, newest first, each a link (the drafts page)."""
        docnames = list(dict.fromkeys(docname for docname, _mention in mentions))
        if not docnames:
            return nodes.paragraph(
                "", _("Not mentioned in any article."), classes=["briefing-backlinks-none"]
            )
        builder = self.env._app.builder
        sep = _separator(edition_language(self.config.language))
        line = nodes.paragraph(classes=["briefing-draft-articles"])
        line += nodes.inline("", _("Mentioned in"), classes=["briefing-draft-articles-label"])
        line += nodes.Text(": ")
        for index, docname in enumerate(docnames):
            if index:
                line += nodes.Text(sep)
            headline = nodes.inline("", domain.articles[docname]["headline"])
            line += make_refnode(builder, self.env.docname, docname, "", headline)
        return line

    def _listing(
        self, domain: BriefingDomain, entity: str, mentions: list[tuple[str, MentionRecord]]
    ) -> nodes.Element:
        builder = self.env._app.builder
        fromdocname = self.env.docname
        seen: set[tuple[str, str]] = set()
        # docname → [(label, anchor, snippet)], articles in the order of ``mentions``.
        by_article: dict[str, list[tuple[str, str, str]]] = {}
        for docname, mention in mentions:
            key = (docname, mention["anchor"])
            if key in seen or not mention["anchor"]:
                continue
            seen.add(key)
            label = _place_label(mention["paragraph"], mention["anchor"])
            by_article.setdefault(docname, []).append(
                (label, mention["anchor"], mention["snippet"])
            )
        if not seen:
            return nodes.paragraph(
                "", _("Not mentioned in any article."), classes=["briefing-backlinks-none"]
            )
        if builder.format == "html":
            return self._html(domain, entity, by_article)
        listing = nodes.bullet_list(classes=["briefing-backlinks"])
        for docname, places in by_article.items():
            article = nodes.paragraph(classes=["briefing-backlink-article"])
            article += nodes.Text(domain.articles[docname]["headline"])
            items = nodes.bullet_list()
            for label, anchor, snippet in places:
                number_node = nodes.inline("", label, classes=["briefing-backlink-number"])
                ref = make_refnode(builder, fromdocname, docname, anchor, number_node)
                item = nodes.paragraph()
                item += ref
                item += nodes.Text(" ")
                item += nodes.inline("", snippet, classes=["briefing-snippet"])
                items += nodes.list_item("", item)
            listing += nodes.list_item("", article, items)
        return listing

    def _html(
        self,
        domain: BriefingDomain,
        entity: str,
        by_article: dict[str, list[tuple[str, str, str]]],
    ) -> nodes.Element:
        """The list rendered from templates: an entry of a large book has thousands of
        backlinks, which as doctree nodes cost more than the rest of its page. Each article's
        part is kept between builds (:mod:`sphinx_briefing.incremental.fragments`), so after
        one article is edited only its parts are rendered again. A :class:`backlinks_html`
        node: it has no text of its own for the search index (the snippets are the articles'
        words)."""
        config = self.config
        isolate = bool(config.briefing_isolate_latin and is_rtl(config.language))
        store = fragment_store(self.env._app, "backlinks", _backlinks_version())
        builder = self.env._app.builder
        parts = []
        for docname, places in by_article.items():
            article = domain.articles[docname]
            uri = builder.get_relative_uri(self.env.docname, docname)
            # The article's reading (its revision) fixes its headline and its places for
            # the entity; the rest is the page's.
            key = (article["revision"], entity, uri, isolate, config.language)
            headline = article["headline"]
            parts.append(store.get(key, _article_backlinks, headline, uri, places, isolate))
        html = render_template("briefing/backlinks.html", articles=parts)
        return backlinks_html(html=html)
