"""Lists of people: the other items of an enumeration some of whose items are people.

Arabic news writes team line-ups, cabinets and casts as lists: «حراسة المرمى: أ، ب، ج»,
«بطولة أ وب وج», «المشير أ "الدفاع"، وب "المالية"، وج "الخارجية"». Items are separated by
«،», «,», «؛», a spaced dash, brackets and quotation marks, or the conjunction و on an
item's first word. When an item of a list is a person (found by a title, a given name or a
glossary entry), or the list follows a heading of people before a colon
(``data/person-names.json``: ``roster_heads``), the other items of the same shape (one to
four name-like words, none a verb, not a common noun alone) are people too, as far as the
list goes on without a clause breaking it. A name in brackets right after a person of such a
list is their team or party (محمد العويس (الهلال)); one word in brackets right after an
organization's name is its short name (وكالة الأنباء الأردنية (بترا)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise, repeat
from operator import attrgetter
from typing import Protocol

from sphinx_briefing.candidates.cues import Cues
from sphinx_briefing.candidates.gazetteer import Place
from sphinx_briefing.candidates.model import CandidateType
from sphinx_briefing.candidates.variants import Variants
from sphinx_briefing.candidates.words import Word, analyse


class _Seed(Protocol):
    @property
    def type(self) -> CandidateType: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Reader(Protocol):
    @property
    def variants(self) -> Variants: ...


class _Line(Protocol):
    """What this module reads and calls of one line's pass (``spans._Line``), declared
    here so that the two modules do not import each other."""

    cues: Cues
    line: str
    starts: list[int]
    ends: list[int]
    words: list[Word]
    gaps: list[str]
    entity: list[str | None]
    used: list[bool]

    @property
    def reader(self) -> _Reader: ...
    @property
    def seeds(self) -> Sequence[_Seed]: ...
    def add(
        self,
        first: int,
        last: int,
        offset: int,
        kind: CandidateType,
        how: str,
        cue: str = "",
        place: Place | None = None,
        english: str | None = None,
    ) -> _Seed | None: ...
    def continues(self, word: Word) -> bool: ...
    def ordinary(self, word: Word) -> bool: ...
    def stop(self, word: Word) -> bool: ...
    def place_at(self, index: int, ambiguous: bool = False) -> tuple[int, Place, int] | None: ...
    def verb_like(self, word: Word) -> bool: ...


#: Marks that end a list; a colon also makes what stands before it a possible heading.
_HARD = frozenset(".:؟?!")
#: Marks between items.
_SOFT = frozenset("،,؛;")
_OPEN = frozenset("(«“[")
_CLOSE = frozenset(")»”]")
_DASHES = frozenset("-–—")
#: Longest item, in words (a person's name of four words: محمد أبو الخير شكري).
ITEM_WORDS = 4
#: Longest name in brackets after a person (a team or party).
AFFILIATION_WORDS = 3
#: Whether a token's word starts with و.
_WAW = attrgetter("waw")
#: Names of Arab people go on after these words.
_PARTICLES = frozenset({"عبد", "ابو", "ابي", "بن", "ابن", "بنت", "ال"})


@dataclass
class _Item:
    """Words ``first`` to ``last`` of a line between two separators."""

    first: int
    last: int
    #: Code points into the first word where the item starts (1 after a و).
    offset: int
    #: Inside brackets or quotation marks.
    bracketed: bool
    #: Inside round brackets (a team or party after a name).
    paren: bool = False
    #: Ends with a colon (a possible heading of the list after it).
    colon: bool = False
    #: Starts after a mark that ends a list.
    hard: bool = False


def _split(line: _Line) -> list[_Item]:
    """The items of a line, in order."""
    words, gaps = line.words, line.gaps
    if not words:
        return []
    # Only a gap other than one space, or a word that starts with و, may start an item or
    # change the brackets: the words between those go on the item before (found at C speed).
    marks = compress(count(), map(" ".__ne__, gaps[: len(words)]))
    waws = compress(count(), map(_WAW, words))
    items: list[_Item] = []
    depth = paren = 0
    quoted = False
    for index in sorted({0, *marks, *waws}):
        if items and items[-1].last < index - 1:
            items[-1].last = index - 1
        gap = gaps[index]
        boundary = hard = False
        for char in "" if gap == " " else gap:
            if char in _OPEN:
                depth += 1
                paren += char == "("
                boundary = True
            elif char in _CLOSE:
                depth = max(0, depth - 1)
                paren = max(0, paren - (char == ")"))
                boundary = True
            elif char == '"':
                quoted = not quoted
                boundary = True
            elif char in _SOFT:
                boundary = True
            elif char in _HARD:
                boundary = hard = True
                if char == ":" and items:
                    items[-1].colon = True
        stripped = gap.strip() if gap != " " else ""
        if stripped and stripped[0] in _DASHES and stripped != gap:
            boundary = True  # a spaced dash: «أ - ب»
        offset = 0
        word = words[index]
        if index and word.waw and _conjunct(line, word):
            boundary, offset = True, 1  # «، وعبد الله»: the item starts after و
        if boundary or not items:
            items.append(
                _Item(
                    index, index, offset, depth > 0 or quoted, paren > 0 and not quoted, hard=hard
                )
            )
        else:
            items[-1].last = index
    items[-1].last = max(items[-1].last, len(words) - 1)
    return items


def _conjunct(line: _Line, word: Word) -> bool:
    """Whether ``word`` is و + the first word of a name (وعبد, ومحمد), not a name that
    starts with و (وليد, وائل)."""
    folded = word.folded
    if word.latin or not folded.startswith("و") or len(folded) < 4:
        return False
    given = line.cues.given_names
    rest = folded[1:]
    if rest in given or rest in _PARTICLES:
        return True
    if line.cues.is_cue_word(folded) or line.cues.common(word.bare[:1]):
        return False  # وزير, وجود: a word of its own
    return folded not in given and not line.ordinary(analyse(word.raw[1:]))


def _is_person(line: _Line, item: _Item) -> bool:
    for index in range(item.first, item.last + 1):
        entity = line.entity[index]
        if entity is not None and line.reader.variants.types.get(entity) == "person":
            return True
    start, end = line.starts[item.first], line.ends[item.last]
    return any(
        seed.type == "person" and seed.start < end and start < seed.end for seed in line.seeds
    )


def _taken(line: _Line, item: _Item) -> bool:
    return any(
        line.used[index] or line.entity[index] is not None
        for index in range(item.first, item.last + 1)
    )


def _first_word(line: _Line, item: _Item) -> Word:
    word = line.words[item.first]
    return analyse(word.raw[item.offset :]) if item.offset else word


def _name_shaped(line: _Line, item: _Item, alone: bool, roster: bool) -> bool:
    """One to four name-like words: no verb, no stop word, no article on the first, none a
    head noun of another name; one word only when ``alone`` is allowed; outside a list
    under a heading (``roster``), not a word after the prepositions ب, ل, ك."""
    count = item.last - item.first + 1
    if count > ITEM_WORDS or (count == 1 and not alone):
        return False
    cues = line.cues
    first = _first_word(line, item)
    if (
        line.ordinary(first)
        or first.definite
        or first.number
        or cues.starts_cue(first.bare)
        or first.folded in cues.role_words
        or line.verb_like(first)
        or len(first.folded) < 3
        or (count == 1 and cues.common(first.bare))
        or line.place_at(item.first) is not None
    ):
        return False
    if verbal_noun(first.folded):
        return False  # تنشيط الاقتصاد المحلي: an action, not a person
    if count == 1 and item.offset and not roster and first.folded not in cues.given_names:
        return False  # في وونسان: a word that starts with و is not always «and» + a name
    if (
        not roster
        and first.folded[:1] in "بلك"
        and first.folded not in cues.given_names
        and first.folded[1:] not in cues.given_names
    ):
        return False  # لتقديم, بمشاركة: a preposition's object, never a listed name
    foreign = first.folded in cues.foreign_given
    for index in range(item.first + 1, item.last + 1):
        word = line.words[index]
        if word.folded in _PARTICLES or word.folded in cues.foreign_particles:
            continue
        if (
            line.ordinary(word)
            or word.number
            or word.latin != first.latin
            or cues.is_cue_word(word.folded)
            or line.verb_like(word)
            or not (foreign or line.continues(word))
        ):
            return False
    return True


def verbal_noun(folded: str) -> bool:
    """The shapes of the commonest verbal nouns, which open descriptions, never names:
    تفعيل (تنشيط, تطوير), استفعال (استثمار), افتعال (انتخاب), انفعال (انسحاب)."""
    return (
        (len(folded) == 5 and folded[0] == "ت" and folded[3] == "ي")
        or (len(folded) == 7 and folded.startswith("است") and folded[5] == "ا")
        or (len(folded) == 6 and folded[0] == "ا" and folded[2] in "تن" and folded[4] == "ا")
    )


def _affiliation(line: _Line, item: _Item) -> bool:
    """A team or party in brackets (الهلال, حزب الوسط): one to three words, no number,
    no verb, no title."""
    count = item.last - item.first + 1
    if count > AFFILIATION_WORDS or _taken(line, item):
        return False
    for index in range(item.first, item.last + 1):
        word = line.words[index]
        if (
            word.number
            or line.stop(word)
            or line.verb_like(word)
            or word.folded in line.cues.role_words
            or word.folded in line.cues.given_names
            or any(c.type == "person" for r, _ in word.bare for c in line.cues.by_first.get(r, ()))
        ):
            return False
    return len(line.words[item.first].folded) >= 3


def _roster(line: _Line, heading: _Item | None) -> bool:
    """Whether the words before a colon end with a heading of a list of people."""
    if heading is None:
        return False
    return _roster_words(line, [line.words[k] for k in range(heading.first, heading.last + 1)])


def _roster_words(line: _Line, words: Sequence[Word]) -> bool:
    """Whether ``words`` end with a heading of a list of people (one to three words)."""
    for size in range(1, min(3, len(words)) + 1):
        tail = words[-size:]
        for reading, _ in tail[0].bare:
            if (reading, *(w.folded for w in tail[1:])) in line.cues.roster_heads:
                return True
    return False


def enumerations(line: _Line) -> None:
    """Add the people (and their teams) of the line's lists as seeds of ``line``."""
    if not _may_add(line):
        return
    items = _split(line)
    if len(items) < 2:
        return
    runs: list[tuple[bool, list[_Item]]] = []
    heading: _Item | None = None
    for item in items:
        if item.hard or not runs:
            runs.append((_roster(line, heading), []))
        runs[-1][1].append(item)
        heading = item if item.colon else None
    for roster, run in runs:
        _propagate(line, roster, run)
    for before, item in pairwise(items):
        if item.paren and item.first == item.last and _short_name(line, before, item):
            line.add(item.first, item.last, 0, "organization", "short", "a short name")


def _may_add(line: _Line) -> bool:
    """Whether the line's lists may give a seed, seen without splitting it into items: a
    person in it (a seed or a linked entry), an organization before a bracket (its short
    name), or a heading of people before a colon (the widest heading an item may have)."""
    types = line.reader.variants.types
    if any(seed.type == "person" for seed in line.seeds) or any(
        entity is not None and types.get(entity) == "person" for entity in line.entity
    ):
        return True
    if "(" in line.line and any(seed.type == "organization" for seed in line.seeds):
        return True
    words = line.words
    # A colon after word ``index - 1`` (never before the first word or after the last).
    colons = compress(count(), map(str.__contains__, line.gaps[: len(words)], repeat(":")))
    return any(_roster_words(line, words[max(0, index - 3) : index]) for index in colons if index)


def _short_name(line: _Line, before: _Item, item: _Item) -> bool:
    """One word in brackets right after an organization's name: its short name
    (وكالة الأنباء الأردنية (بترا))."""
    end = line.ends[before.last]
    if not any(s.type == "organization" and s.end == end for s in line.seeds):
        return False
    word = line.words[item.first]
    return not (
        _taken(line, item)
        or word.latin
        or line.ordinary(word)
        or len(word.folded) < 3
        or line.cues.common(word.bare)
        or line.cues.starts_cue(word.bare)
        or line.verb_like(word)
    )


def _propagate(line: _Line, roster: bool, run: list[_Item]) -> None:
    """Make the name-shaped items of one run people, from its people outwards."""
    people = [i for i, item in enumerate(run) if not item.bracketed and _is_person(line, item)]
    if not people and not roster:
        return
    alone = roster or len(people) >= 2
    how = "roster" if roster else "enumeration"
    accepted = set(people)
    for order in (range(len(run)), range(len(run) - 1, -1, -1)):
        chain = roster and order.start == 0
        for i in order:
            item = run[i]
            if item.bracketed:
                continue
            if i in accepted:
                chain = True
                continue
            if not chain:
                continue
            if _taken(line, item) or not _name_shaped(line, item, alone, roster):
                chain = False
                continue
            seed = line.add(item.first, item.last, item.offset, "person", how, "a list of people")
            if seed is None:
                chain = False
                continue
            accepted.add(i)
    if not roster and len(accepted) < 2:
        return
    for i, item in enumerate(run):
        # A bracketed name right after a person: their team or party.
        if i and item.paren and (i - 1) in accepted and _affiliation(line, item):
            line.add(item.first, item.last, item.offset, "organization", "affiliation")


__all__ = ["enumerations", "verbal_noun"]
