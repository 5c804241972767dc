"""The places the candidate finder knows: ``data/gazetteer.json``.

Countries (with their ISO 3166-1 alpha-3 codes), regions, capitals and large cities, with
their Arabic spellings, English names and coordinates, made from CLDR data by
``tools/make_gazetteer.py``. Names are looked up folded (:func:`~sphinx_briefing.text.
normalise.fold_text`): hamza seats, ى/ي, ة/ه and harakat never matter. When two places fold
to the same name, the first in the file (countries come before cities) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sphinx_briefing import resources
from sphinx_briefing.candidates.cues import validated, words_of

GAZETTEER_PATH = resources.DATA / "gazetteer.json"
SCHEMA_PATH = resources.SCHEMAS / "gazetteer.schema.json"


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer."""

    #: Its usual Arabic name (what a new glossary entry would take as headword).
    ar: str
    en: str
    #: country, capital, city or region.
    kind: str
    #: A country's own ISO 3166-1 alpha-3 code.
    iso: str | None = None
    #: A city's country (alpha-3).
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    #: Every Arabic spelling: the name first, then the variants.
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """Places by folded name."""

    places: tuple[Place, ...]
    #: Folded names (word tuples) by their first word, longest first, with their place.
    by_first: dict[str, tuple[tuple[tuple[str, ...], Place], ...]]

    def lookup(self, name: str) -> Place | None:
        """The place called ``name`` (any spelling the gazetteer lists), or None."""
        words = words_of(name)
        for known, place in self.by_first.get(words[0] if words else "", ()):
            if known == words:
                return place
        return None


def _place(item: dict[str, Any]) -> Place:
    return Place(
        ar=item["ar"],
        en=item["en"],
        kind=item["kind"],
        iso=item.get("iso"),
        country=item.get("country"),
        lat=item.get("lat"),
        lon=item.get("lon"),
        spellings=(item["ar"], *item["variants"]),
    )


@cache
def load() -> Gazetteer:
    """The gazetteer, read and checked once per process (a bad file raises ValueError)."""
    data = validated(GAZETTEER_PATH, SCHEMA_PATH)
    places = tuple(_place(item) for item in data["places"])
    seen: set[tuple[str, ...]] = set()
    found: dict[str, list[tuple[tuple[str, ...], Place]]] = {}
    for place in places:
        for spelling in place.spellings:
            words = words_of(spelling)
            if words and words not in seen:
                seen.add(words)
                found.setdefault(words[0], []).append((words, place))
    return Gazetteer(
        places,
        {word: tuple(sorted(items, key=lambda i: -len(i[0]))) for word, items in found.items()},
    )
