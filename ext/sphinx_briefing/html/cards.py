"""Hover cards written once per page, not once per mention.

An article names an entry a dozen times; each mention used to carry the entry's whole card
(both names, both descriptions). Now the mention only names its entry
(``<a class="briefing-mention" data-briefing-card="sergey-lavrov">``) and the page ends with
one ``<template id="briefing-card-sergey-lavrov">`` per entry it mentions, holding the card
(``span.briefing-preview``). ``glossary.js`` copies the card into the link the first time the
pointer or the keyboard focus reaches it; from then on ``glossary.css`` shows and hides it
exactly as before. A ``<template>``'s content is inert: not shown, not read by assistive
technology (the link's ``title`` says the same), not copied with the text, not searched.

The HTML visitor (:func:`sphinx_briefing.html.visitors.visit_entity_preview`) notes each card
under the page being written (:func:`note_card`); :func:`add_card_templates`
(``html-page-context``, in the same process as the writing, ``-j`` included) appends the
page's templates to its body.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders import Builder

from sphinx_briefing.html.page import render_template

#: The builder attribute holding ``{pagename: {entity: card HTML}}`` until the page is written.
PAGE_CARDS = "_briefing_page_cards"
#: The mention's attribute naming its card, and the prefix of the template's id.
ATTRIBUTE = "data-briefing-card"
ID_PREFIX = "briefing-card-"


def note_card(builder: Builder, entity: str, html: str) -> None:
    """Remember the card ``html`` of ``entity`` for the page being written."""
    pages: dict[str, dict[str, str]] = builder.__dict__.setdefault(PAGE_CARDS, {})
    page = getattr(builder, "current_docname", "") or ""
    pages.setdefault(page, {}).setdefault(entity, html)


def card_templates(cards: dict[str, str]) -> str:
    """The ``<template>`` elements of ``cards`` (entity → card HTML), in entity order."""
    if not cards:
        return ""
    return render_template(
        "briefing/cards.html",
        cards=[(entity, Markup(html)) for entity, html in sorted(cards.items())],
    )


def add_card_templates(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Append the page's card templates to its body (``html-page-context``)."""
    cards = app.builder.__dict__.get(PAGE_CARDS, {}).pop(pagename, None)
    if cards and isinstance(context.get("body"), str):
        context["body"] += card_templates(cards)
