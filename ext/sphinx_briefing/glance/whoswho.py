"""Who's who: a card for every person in the glossary, grouped by country.

Each card shows the Arabic and English names, the names in native scripts, the current
position (the first position listed without an end), the one-line description and how often
the articles mention the person, and links to the entry. The Arabic edition heads the card
with the Arabic name and shows the position and description in Arabic with their English
under them; an English edition shows the English name first and the English fields only.
Groups follow the alphabetical order of the country's name in the edition's language
(people with no country last); inside a group the most mentioned come first.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_briefing.domain import BriefingDomain
from sphinx_briefing.glance.common import Links, MentionIndex, label, name, other_names
from sphinx_briefing.glance.dates import DateSpan
from sphinx_briefing.glance.nodes import glance_placeholder
from sphinx_briefing.glossary import Entry, Glossary, sort_key
from sphinx_briefing.nodes import foreign_block, isolated_run


class WhosWhoDirective(SphinxDirective):
    """``.. briefing-whoswho::`` — every person entry as a card, grouped by country.

    Options: ``:mentioned-only:`` (flag) leaves out people no article mentions.
    """

    has_content = False
    option_spec = {"mentioned-only": directives.flag}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        from sphinx_briefing.domain import get_domain

        get_domain(self.env).glance_pages[self.env.docname] = True
        placeholder = glance_placeholder(what="whoswho", options=dict(self.options))
        self.set_source_info(placeholder)
        return [placeholder]


def current_position(entry: Entry) -> dict[str, Any] | None:
    """The first position listed without an end, if any."""
    positions: list[dict[str, Any]] = entry.data.get("person", {}).get("positions", [])
    return next((p for p in positions if not p.get("end")), None)


def groups(
    glossary: Glossary, mentions: MentionIndex, lang: str = "ar"
) -> list[tuple[str, list[Entry]]]:
    """(country id or "", people) in display order for the edition's language."""
    by_country: dict[str, list[Entry]] = {}
    for person in glossary.of_type("person", lang):
        country = str(person.data.get("person", {}).get("country", ""))
        if country and country not in glossary.entries:
            country = ""
        by_country.setdefault(country, []).append(person)

    def country_key(country: str) -> tuple[int, str, str]:
        if not country:
            return (1, "", "")
        return (0, sort_key(glossary.entries[country], lang), country)

    ordered = []
    for country in sorted(by_country, key=country_key):
        people = sorted(
            by_country[country],
            key=lambda e: (-mentions.counts[e.id], sort_key(e, lang), e.id),
        )
        ordered.append((country, people))
    return ordered


def _card(entry: Entry, links: Links, mentions: MentionIndex) -> nodes.container:
    card = nodes.container(
        classes=["briefing-card", "briefing-person-card"], ids=[f"whoswho-{entry.id}"]
    )
    card["entity"] = entry.id
    lang = links.lang
    other = "en" if lang == "ar" else "ar"
    heading = nodes.paragraph(classes=["briefing-card-name"])
    heading += links.entry(entry.id, nodes.Text(name(entry, lang)))
    card += heading
    names = nodes.paragraph(classes=["briefing-card-names"])
    names += isolated_run(entry.names[other], entry.names[other], lang=other)
    for script, native in other_names(entry):
        names += nodes.Text(" · ")
        names += isolated_run(native, native, lang=script)
    card += names
    position = current_position(entry)
    if position is not None:
        line = nodes.paragraph(classes=["briefing-card-position"])
        line += nodes.Text(position[f"title_{lang}"])
        if position.get("start"):
            try:
                since = DateSpan.of(position["start"]).start.format(lang)
            except ValueError:
                since = str(position["start"])
            line += nodes.Text(f" ({label('since').format(since)})")
        card += line
        if lang == "ar":
            english = foreign_block(lang="en", classes=["briefing-card-position-en"])
            english += nodes.paragraph("", position["title_en"])
            card += english
    card += nodes.paragraph(
        "", entry.description[f"short_{lang}"], classes=["briefing-card-description"]
    )
    if lang == "ar":
        english = foreign_block(lang="en", classes=["briefing-card-description-en"])
        english += nodes.paragraph("", entry.description["short_en"])
        card += english
    count = mentions.counts[entry.id]
    card += nodes.paragraph("", label("mentions").format(count), classes=["briefing-card-mentions"])
    card["mentions"] = count
    return card


def build(domain: BriefingDomain, links: Links, options: dict[str, Any]) -> list[nodes.Node]:
    """The who's who: a heading and a grid of cards per country."""
    glossary = domain.glossary()
    mentions = domain.derived(links.builder, "mention-index", MentionIndex)
    out: list[nodes.Node] = []
    lang = links.lang
    other = "en" if lang == "ar" else "ar"
    for country, people in groups(glossary, mentions, lang):
        if "mentioned-only" in options:
            people = [p for p in people if mentions.counts[p.id]]
        if not people:
            continue
        heading = nodes.rubric(classes=["briefing-whoswho-country"])
        heading["heading-level"] = 3
        if country:
            entry = glossary.entries[country]
            heading += links.entry(country, nodes.Text(name(entry, lang)))
            heading += nodes.Text(" · ")
            heading += isolated_run(entry.names[other], entry.names[other], lang=other)
        else:
            heading += nodes.Text(label("no-country"))
        grid = nodes.container(classes=["briefing-whoswho-group"])
        grid["country"] = country
        for person in people:
            grid += _card(person, links, mentions)
        section = nodes.container(classes=["briefing-whoswho-country-group"])
        section += heading
        section += grid
        out.append(section)
    wrapper = nodes.container(classes=["briefing-whoswho"])
    wrapper.extend(out)
    return [wrapper]
