"""The records the ``briefing`` domain keeps in the build environment, one shape each.

Plain dictionaries (pickled with the environment and merged from parallel readers), typed
here so every stage that reads them agrees on their fields.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class ArticleRecord(TypedDict):
    """One article as the rest of the build sees it."""

    slug: str
    headline: str
    source: str
    outlet: str
    published: str
    event_date: str
    language: str
    url: str
    paragraphs: int
    sections: int
    #: Absolute path of the sidecar, or "" when the article has none.
    sidecar: str
    #: Real path of the article file (for exports and warnings).
    path: str
    #: The headline in the article's own language (``headline`` is the edition's).
    original_headline: str
    #: Where the title comes from: ``headline`` (the text's first line), ``sidecar``, or
    #: ``derived`` (the first clause of ¶1: the text has no headline line).
    title_from: str
    author: str
    place: str
    #: The metadata fields read from the text (a dateline, a byline), not from a sidecar.
    inferred: list[str]
    #: How many lines of the file were set aside as page leftovers.
    set_aside: int
    #: A token new each time the article is read: everything recorded from one reading
    #: (its mentions, paragraphs, translation) is unchanged while it is, so output made
    #: from them can be kept between builds under this key
    #: (:mod:`sphinx_briefing.incremental.fragments`).
    revision: str


class UntranslatedRecord(TypedDict):
    """A heading or paragraph an edition shows in the article's original language."""

    anchor: str
    label: str
    line: int
    #: A translation exists but is fuzzy: the source changed since it was translated.
    outdated: bool


class TranslationRecord(TypedDict):
    """How much of an article a translated edition (or the parallel view) has."""

    language: str
    #: Path of the catalogue, or "" when there is none.
    catalogue: str
    messages: int
    translated: int
    untranslated: list[UntranslatedRecord]


class MentionRecord(TypedDict):
    """One mention of an entity in an article."""

    entity: str
    kind: str  # "name" or "adjective"
    linked: bool
    #: 1-based line in the article file; start/end are code-point offsets in that line.
    line: int
    start: int
    end: int
    text: str
    #: The paragraph's (``p5``) or heading's section (``s3``) anchor.
    anchor: str
    #: ¶ number, or 0 for a heading or the headline.
    paragraph: int
    snippet: str
    #: Language of the text the mention is in.
    lang: str
    #: In the text this edition shows as the article (not a parallel translation or the
    #: original behind a translated edition).
    shown: bool
    #: Inside a longer mention of another entity (أوكرانيا in «الحرب في أوكرانيا»): counted
    #: and listed, never linked (the link is the outer mention's). Absent means False.
    nested: NotRequired[bool]


class EntityRecord(TypedDict):
    """Where a glossary entry is documented."""

    docname: str
    anchor: str
    type: str
