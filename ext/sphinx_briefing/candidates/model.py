"""The records the candidate finder produces and the draft writer and coverage report read.

The JSON shape of ``briefing candidates --format json`` is :func:`Candidate.as_json`: one
definition, so the command, the drafts and ``_briefing/coverage.json`` agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, NotRequired, TypedDict

#: A candidate's type: the glossary's entry types, and ``other`` (weapons, products).
CandidateType = Literal["person", "place", "organization", "agreement", "event", "other"]


class Occurrence(NamedTuple):
    """One place a candidate is written: ``line`` is 1-based, ``start``/``end`` are code
    points in that line (as ``briefing annotate``), proclitics excluded. (A named tuple: a
    book has tens of thousands, made and compared often.)"""

    file: str
    line: int
    start: int
    end: int
    #: The text as written there (a spelling of the candidate, without proclitics).
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "start": self.start, "end": self.end}


@dataclass
class Candidate:
    """A name no glossary entry covers, or a new spelling of one that does (``variant_of``)."""

    #: The headword: the most frequent spelling, as written, without proclitics.
    text: str
    type: CandidateType
    mentions: list[Occurrence] = field(default_factory=list)
    #: 0..1: how sure the finder is that this is a name of that type.
    score: float = 0.0
    #: The id of the known entry this is a spelling of, or None for a new name.
    variant_of: str | None = None
    #: A suggested English name (the gazetteer's, or a transliteration), or None.
    english: str | None = None
    #: True when ``english`` is a transliteration to be checked, not a known name.
    english_is_guess: bool = False
    #: Why it was found: the cue ("after «وزير الخارجية»", "gazetteer: country JPN", ...).
    why: str = ""
    #: What the gazetteer knows: ISO 3166-1 alpha-3 code (a country's own), coordinates,
    #: place kind (country, capital, city, region).
    iso: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    #: A city's country (ISO 3166-1 alpha-3), from the gazetteer.
    country: str | None = None

    @property
    def count(self) -> int:
        return len(self.mentions)

    def spellings(self) -> list[str]:
        """Every spelling seen, the headword first, then by frequency."""
        seen: dict[str, int] = {}
        for mention in self.mentions:
            seen[mention.text] = seen.get(mention.text, 0) + 1
        others = sorted((s for s in seen if s != self.text), key=lambda s: (-seen[s], s))
        return [self.text, *others]

    def as_json(self) -> dict[str, Any]:
        """The pinned JSON shape of one candidate."""
        return {
            "text": self.text,
            "type": self.type,
            "mentions": [mention.as_json() for mention in self.mentions],
            "count": self.count,
            "score": round(self.score, 3),
            "variant_of": self.variant_of,
            "english": self.english,
            "why": self.why,
        }


class Source(TypedDict):
    """Where a candidate was read, as a draft entry's ``[[sources]]`` item: the article's
    title and, when its sidecar or text says so, outlet, address and date (``YYYY-MM-DD``)."""

    title: str
    publisher: NotRequired[str]
    url: NotRequired[str]
    date: NotRequired[str]
