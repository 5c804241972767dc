"""The words the candidate finder reads names by: ``data/candidate-cues.json``, folded.

Titles before people, head nouns before places, organizations, agreements, events and other
names, words that end a name, and a few well-known names; with them the lexicon of people's
names (``data/person-names.json``: given names, list headings, sports roles) and the common
nouns that are no one's name (``data/common-nouns.json``). Every word is folded as the linker
folds (:func:`~sphinx_briefing.text.normalise.fold_text`) so that a cue matches however it is
spelled (أ/ا, ى/ي, harakat); each file is checked against its schema under ``schemas/`` when
first read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator

from sphinx_briefing import glossary, resources
from sphinx_briefing.cache import checked_once
from sphinx_briefing.candidates.model import CandidateType
from sphinx_briefing.text import line_roles
from sphinx_briefing.text.linker import tokens
from sphinx_briefing.text.normalise import fold_text

#: Endings of duals and sound plurals, left out to find the singular among the nouns.
_ENDINGS = ("ين", "ون", "ان", "ات")

CUES_PATH = resources.DATA / "candidate-cues.json"
SCHEMA_PATH = resources.SCHEMAS / "candidate-cues.schema.json"
NAMES_PATH = resources.DATA / "person-names.json"
NAMES_SCHEMA_PATH = resources.SCHEMAS / "person-names.schema.json"
NOUNS_PATH = resources.DATA / "common-nouns.json"
NOUNS_SCHEMA_PATH = resources.SCHEMAS / "common-nouns.schema.json"

#: How a cue relates to the name after it: a person's title; a head noun left out of the
#: name (مدينة دبي → دبي), kept in it (وزارة الخارجية), or kept when a name follows (لجنة).
Role = Literal["title", "drop", "keep", "weak"]


@dataclass(frozen=True)
class Cue:
    """One cue: its folded words, the type of the name it introduces, and its role."""

    words: tuple[str, ...]
    type: CandidateType
    role: Role


@dataclass(frozen=True)
class Known:
    """A well-known name the finder recognises on its own (ناتو, الكرملين)."""

    words: tuple[str, ...]
    english: str
    type: CandidateType


@dataclass(frozen=True)
class Cues:
    """The folded cue words, ready for lookups."""

    #: Cues by their first folded word, longest first.
    by_first: dict[str, tuple[Cue, ...]]
    #: Words that end a name: the cue file's stops, the glossary's stopwords, weekdays, months.
    stops: frozenset[str]
    role_words: frozenset[str]
    reporting_verbs: frozenset[str]
    name_particles: frozenset[str]
    adjectives: frozenset[str]
    not_names: frozenset[str]
    #: Given names (``data/person-names.json``): they start a person's name, and are no
    #: one's name alone.
    given_names: frozenset[str]
    #: Foreign given names in Arabic script (جون, فابيو): a foreign family name may follow.
    foreign_given: frozenset[str]
    #: Words inside foreign names (فان, دي): never a name's last word.
    foreign_particles: frozenset[str]
    #: Given names that are common words too (حسن, أمل): a common word for :meth:`common`.
    common_given: frozenset[str]
    #: Headings of a list of people before a colon (حراسة المرمى, بطولة), folded words.
    roster_heads: frozenset[tuple[str, ...]]
    #: Indefinite sports roles whose next word is the team (لاعب برشلونة).
    team_roles: frozenset[str]
    #: Common nouns and adjectives, folded, without the article.
    common_nouns: frozenset[str]
    #: Words that make a name an outlet's or a company's (تايمز, نيوز, برس).
    org_words: frozenset[str]
    #: Words of a credit line that are not names (كتب, متابعة, موقع).
    credit_words: frozenset[str]
    #: Places that are common words too: found only after a place's head noun.
    ambiguous_places: frozenset[str]
    #: Well-known names by their first folded word, longest first.
    known: dict[str, tuple[Known, ...]]
    #: Well-known names by their English name, lower case (BBC, CNN).
    known_english: dict[str, Known]

    def is_cue_word(self, word: str) -> bool:
        """Whether a folded word starts some cue (it never starts a name after another)."""
        return word in self.by_first

    def starts_cue(self, readings: tuple[tuple[str, int], ...]) -> bool:
        """Whether a word, in any reading without proclitics (ومدينة), starts some cue."""
        return any(reading in self.by_first for reading, _ in readings)

    def common(self, readings: tuple[tuple[str, int], ...]) -> bool:
        """Whether a word, in any reading without proclitics and the article, is a common
        noun (or a given name that is one too): no sign of a name on its own."""
        nouns, given = self.common_nouns, self.common_given
        for reading, _ in readings:
            plain = reading[2:] if reading.startswith("ال") and len(reading) > 3 else reading
            if plain in nouns or reading in nouns or plain in given:
                return True
            # Duals and sound plurals of a listed noun (عملين, مشروعات, لاعبون).
            if len(plain) >= 5 and plain.endswith(_ENDINGS) and plain[:-2] in nouns:
                return True
        return False


@lru_cache(maxsize=100_000)
def words_of(text: str) -> tuple[str, ...]:
    """The folded word tokens of ``text``, as the linker splits them (remembered)."""
    return tuple(t.text for t in tokens(fold_text(text)))


def validated(path: Path | None = None, schema_path: Path | None = None) -> dict[str, Any]:
    """A data file checked against its schema (the cue file by default)."""
    path, schema_path = path or CUES_PATH, schema_path or SCHEMA_PATH
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    def check() -> None:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(data))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
            raise ValueError(f"{path}: {where}: {errors[0].message}")

    checked_once(check, path, schema_path)
    return data


def _folded(items: object) -> frozenset[str]:
    assert isinstance(items, list)
    return frozenset(" ".join(words_of(str(item))) for item in items)


@cache
def load() -> Cues:
    """The cues, read and checked once per process (a bad file raises ValueError)."""
    data = validated()
    names = validated(NAMES_PATH, NAMES_SCHEMA_PATH)
    nouns = validated(NOUNS_PATH, NOUNS_SCHEMA_PATH)
    found: dict[str, list[Cue]] = {}

    def add(text: str, kind: CandidateType, role: Role) -> None:
        words = words_of(text)
        if words:
            found.setdefault(words[0], []).append(Cue(words, kind, role))

    titles = data["titles"]
    assert isinstance(titles, list)
    for text in titles:
        add(text, "person", "title")
    heads = data["heads"]
    assert isinstance(heads, dict)
    for kind, roles in heads.items():
        for role in ("drop", "keep", "weak"):
            for text in roles[role]:
                add(text, kind, role)
    known: dict[str, list[Known]] = {}
    known_items = data["known"]
    assert isinstance(known_items, list)
    for item in known_items:
        for text in item["ar"]:
            words = words_of(text)
            if words:
                known.setdefault(words[0], []).append(Known(words, item["en"], item["type"]))
    news = line_roles.words()
    months = news["months"]
    assert isinstance(months, dict)
    weekdays = news["weekdays"]
    assert isinstance(weekdays, list)
    calendar = [*weekdays, *(name for names in months.values() for name in names)]
    return Cues(
        by_first={
            word: tuple(sorted(cues, key=lambda c: -len(c.words))) for word, cues in found.items()
        },
        stops=_folded(data["stops"]) | glossary.stopwords() | _folded(calendar),
        role_words=_folded(data["role_words"]),
        reporting_verbs=_folded(data["reporting_verbs"]),
        name_particles=_folded(data["name_particles"]),
        adjectives=_folded(data["adjectives"]),
        not_names=_folded(data["not_names"]),
        ambiguous_places=_folded(data["ambiguous_places"]),
        given_names=_folded([name for names_ in names["given"].values() for name in names_]),
        foreign_given=_folded(names["given"]["foreign"]),
        foreign_particles=_folded(names["particles"]),
        common_given=_folded(names["common_word_given"]),
        roster_heads=frozenset(words_of(text) for text in names["roster_heads"]),
        team_roles=_folded(names["team_roles"]),
        common_nouns=_folded(nouns["nouns"]),
        org_words=_folded(data["org_words"]),
        credit_words=_folded(data["credit_words"]),
        known={
            word: tuple(sorted(items, key=lambda k: -len(k.words))) for word, items in known.items()
        },
        known_english={k.english.lower(): k for items in known.values() for k in items},
    )
