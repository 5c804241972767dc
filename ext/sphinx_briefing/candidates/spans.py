"""The names in one line of an article that no glossary entry covers: the finder's first pass.

:class:`LineReader` walks a line's words once, left to right, and proposes a :class:`Seed`
wherever it recognises a name:

- after a title or role (الرئيس، وزير الخارجية الروسي، المتحدث باسم الكرملين): a person;
- after a head noun: a place (مدينة دبي → دبي), an organization (وزارة الخارجية), an
  agreement, an event, or another name (صاروخ هواسونغ-18), the head kept or left out as
  ``data/candidate-cues.json`` says;
- a place of the gazetteer, or a well-known name of the cue file (الكرملين، ناتو);
- a Latin name or code (CNN, Marco Rubio, F-35);
- a new spelling of a glossary entry's name (:mod:`~sphinx_briefing.candidates.variants`);
- after a reporting verb (قال لافروف): perhaps a person, weakly.

Words the glossary's linker linked are never part of a seed, except as a descriptor after
a title (الروسي in «وزير الخارجية الروسي») or inside an organization's name (جامعة القاهرة).
Seeds never overlap; every seed's text is exactly ``line[start:end]`` with proclitics left
out, as ``briefing annotate`` reports mentions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise, repeat

from sphinx_briefing.candidates import lists
from sphinx_briefing.candidates.cues import Cue, Cues
from sphinx_briefing.candidates.gazetteer import Gazetteer, Place
from sphinx_briefing.candidates.model import CandidateType
from sphinx_briefing.candidates.variants import Name, Variants
from sphinx_briefing.candidates.words import Split, Word, analyse, split_line, stems

#: How a linked span of an adjective is marked: its entity with this prefix
#: (``adjective:russia``), so an adjective is never taken for a name inside a name.
ADJECTIVE = "adjective:"
#: What may stand between two words of one name: nothing but spaces, or a dash.
JOINERS = frozenset({"", "-", "–", "—", "ـ"})
_OPENING_QUOTES = "«“\"'‘("
_CLOSING_QUOTES = "»”\"'’)"
#: How sure a seed is, by how it was found (the finder adds evidence from the whole text).
STRENGTH = {
    "known": 0.9,
    "gazetteer": 0.85,
    "variant": 0.75,
    "title": 0.6,
    "drop": 0.55,
    "keep": 0.55,
    "quoted": 0.6,
    "weak": 0.25,
    "weak-evidence": 0.5,
    "latin": 0.45,
    "code": 0.5,
    "credit": 0.55,
    "given": 0.5,
    "demonym": 0.45,
    "reported": 0.3,
    "reported-full": 0.4,
    "enumeration": 0.5,
    "roster": 0.55,
    "affiliation": 0.5,
    "team": 0.55,
    "short": 0.5,
}
#: Seeds read without a strong sign: they need a word that is not a common noun
#: (:meth:`~sphinx_briefing.candidates.cues.Cues.common`): حراس مرمى, اختيار تشكيلة are none.
_NEEDS_A_NAME = frozenset(
    {"title", "given", "reported", "reported-full", "credit", "demonym", "enumeration", "roster"}
)
#: Longest person name, in words (more with عبد, أبو, بن...).
PERSON_WORDS = 3
#: Longest name after a head noun that is left out, and longest name with its head.
DROP_WORDS = 3
KEEP_WORDS = 7
#: Longest Latin name, in words.
LATIN_WORDS = 6
#: Words of Arab names that never end one (the name goes on after them).
_PARTICLES = frozenset({"عبد", "ابو", "ابي", "ابا", "بن", "ابن", "بنت", "ال", "ذو", "ذي"})
#: Words with ال that belong to a name after any word (عبد الله, نصر الله, نور الدين).
_NAME_ARTICLES = frozenset({"الله", "الدين"})
#: Tanween: an adverb or an indefinite noun (مؤكداً, مقالاً), never a name.
_TANWEEN = frozenset("\u064b\u064c\u064d")
#: Attached pronouns: a noun with one (منتخبنا, ثقته, عمرها) is not a name.
_PRONOUNS = ("ها", "هم", "هما", "كم", "نا", "ته", "تها", "تهم")
#: Starts of the present of derived verbs (تواجه, يتابع, تستعد), never of a name.
_VERB_STARTS = ("توا", "يوا", "تتا", "يتا", "تست", "يست", "نست")
#: Names that start like a verb (ي and a consonant: يمثل, يحمل are verbs).
_Y_NAMES = frozenset({"يحيي", "يسري", "يسرا", "يعقوب", "يزيد", "يمني", "يمنى"})
#: Latin words that are dates or page furniture, not names.
_LATIN_STOPS = frozenset(
    {
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "am",
        "pm",
        "gmt",
        "utc",
        "the",
        "and",
        "of",
        "photo",
        "getty",
        "images",
    }
)
#: Heads of "other" names that are works (a film, a book): their name is quoted or Latin.
_WORKS = frozenset({"برنامج", "تطبيق", "فيلم", "الفيلم", "كتاب", "روايه", "مسلسل", "اغنيه"})
#: Latin words that make a Latin name an organization's.
_ORGANIZATION_WORDS = frozenset(
    {
        "agency",
        "news",
        "times",
        "post",
        "journal",
        "press",
        "party",
        "bank",
        "ministry",
        "council",
        "group",
        "inc",
        "ltd",
        "company",
        "corporation",
        "corp",
        "university",
        "organization",
        "organisation",
        "union",
        "association",
        "fund",
        "institute",
        "network",
        "tv",
        "radio",
        "media",
        "foundation",
        "committee",
        "commission",
        "league",
        "club",
        "airlines",
    }
)


@dataclass(frozen=True)
class Seed:
    """A name found in a line: where, what, and why."""

    line: int
    start: int
    end: int
    #: ``line[start:end]``: the name as written, without proclitics.
    text: str
    #: Its folded words (for grouping and comparing).
    words: tuple[str, ...]
    type: CandidateType
    #: How it was found (a key of :data:`STRENGTH`) and the cue, for ``why``.
    how: str
    cue: str = ""
    variant_of: str | None = None
    similarity: float = 0.0
    place: Place | None = None
    #: An English name given with it (a Latin gloss in brackets, a known name's).
    english: str | None = None


@dataclass(frozen=True)
class Gloss:
    """A Latin name in brackets right after a seed: its English name (ماركو روبيو (Marco
    Rubio))."""

    seed: Seed
    english: str


#: What a word may start (:meth:`LineReader.interest`).
_CUE, _KNOWN, _LATIN, _VARIANT, _REPORTING, _GIVEN, _DEMONYM = 1, 2, 4, 8, 16, 32, 64


class LineReader:
    """Finds the seeds of one line; see the module docstring."""

    def __init__(self, cues: Cues, places: Gazetteer, variants: Variants) -> None:
        self.cues = cues
        self.places = places
        self.variants = variants
        self._interest: dict[str, int] = {}
        self._variant_starts: dict[
            str, tuple[tuple[str, float, int] | None, tuple[tuple[str, int, Name], ...]]
        ] = {}
        #: :meth:`_Line.ordinary` by word as written (it depends on the word alone).
        self.ordinary_words: dict[str, bool] = {}

    def variant_starts(
        self, word: Word
    ) -> tuple[tuple[str, float, int] | None, tuple[tuple[str, int, Name], ...]]:
        """What a variant at ``word`` may be: the entry it alone is a spelling of (entity,
        similarity, offset), and the (stem, offset, name) of the longer names it may start
        (remembered: it depends on the word alone)."""
        found = self._variant_starts.get(word.raw)
        if found is None:
            if len(self._variant_starts) > 200_000:
                self._variant_starts.clear()
            lone: tuple[str, float, int] | None = None
            longer: list[tuple[str, int, Name]] = []
            for stem, offset in stems(word):
                names = self.variants.firsts(stem)
                if lone is None and names:
                    match = self.variants.match([stem])
                    if match is not None and any(n.entity == match[0] for n in names):
                        lone = (match[0], match[1], offset)
                longer += [(stem, offset, n) for n in names if len(n.words) > 1]
            found = self._variant_starts[word.raw] = (lone, tuple(longer))
        return found

    def interest(self, word: Word) -> int:
        """What ``word`` may start, as flags: a cue, a known name or place, a Latin name, a
        variant of an entry's name, a reporting verb; 0 for most words (remembered)."""
        flags = self._interest.get(word.raw)
        if flags is None:
            if len(self._interest) > 200_000:
                self._interest.clear()
            bare = [reading for reading, _ in word.bare]
            stems = [stem for stem, _ in word.stems]
            flags = (
                _CUE * any(r in self.cues.by_first for r in bare)
                | _KNOWN * any(s in self.places.by_first or s in self.cues.known for s in stems)
                | _LATIN * (word.latin and not word.number)
                | _VARIANT * any(self.variant_starts(word))
                | _REPORTING * any(r in self.cues.reporting_verbs for r in bare)
                | _GIVEN * any(r in self.cues.given_names for r in bare)
                | _DEMONYM
                * (
                    word.definite
                    and word.folded.endswith("ي")
                    and word.folded not in self.cues.stops
                    and self.places.lookup(word.folded) is None
                )
            )
            self._interest[word.raw] = flags
        return flags

    def read(
        self,
        number: int,
        line: str,
        linked: Sequence[tuple[int, int, str]] = (),
        credits: Sequence[tuple[int, int]] = (),
        split: Split | None = None,
    ) -> tuple[list[Seed], list[Gloss]]:
        """The seeds of ``line`` (1-based ``number``) and the English glosses found for
        them; ``linked``: the (start, end, entity) spans the glossary's linker linked;
        ``credits``: the (start, end) of the line's credits (a byline, a dateline), where
        the names stand alone between dashes and colons; ``split``: the line's words and
        gaps, if already found (:func:`~sphinx_briefing.candidates.words.split_line`)."""
        reading = _Line(self, number, line, linked, split)
        for start, end in credits:
            reading.credit(start, end)
        return reading.read()


class _Line:
    """One pass over one line (the state of :meth:`LineReader.read`)."""

    # Slots: the rules read these attributes many times per word.
    __slots__ = (
        "cues",
        "ends",
        "entity",
        "gaps",
        "glosses",
        "line",
        "linked",
        "number",
        "raws",
        "reader",
        "seeds",
        "starts",
        "used",
        "words",
    )

    def __init__(
        self,
        reader: LineReader,
        number: int,
        line: str,
        linked: Sequence[tuple[int, int, str]],
        split: Split | None = None,
    ) -> None:
        self.reader = reader
        self.cues = reader.cues
        self.number = number
        self.line = line
        # The words, where each starts and ends, what stands before each (``gaps[i]``) and
        # after the last: lists side by side (a tuple per word was a tenth of the finder).
        self.starts, self.ends, self.raws, self.words, self.gaps = (
            split_line(line) if split is None else split
        )
        self.linked = linked
        #: Per word, the glossary entity linked over it (None for most).
        self.entity = _linked_words(self.starts, self.ends, sorted(linked))
        self.used = [False] * len(self.words)
        self.seeds: list[Seed] = []
        self.glosses: list[Gloss] = []

    # -- helpers -----------------------------------------------------------------------

    def gap(self, index: int) -> str:
        """What stands between word ``index - 1`` and word ``index``."""
        if index <= 0 or index >= len(self.words):
            return ""
        return self.gaps[index].strip()

    def joined(self, index: int) -> bool:
        """Whether word ``index`` goes on from the one before (a space or a dash between)."""
        return index <= 0 or index >= len(self.words) or joins(self.gaps[index])

    def free(self, index: int) -> bool:
        return index < len(self.words) and not self.used[index] and self.entity[index] is None

    def stop(self, word: Word) -> bool:
        """A word that ends a name: a stop word, also after و or ف (وأضاف)."""
        if word.folded in self.cues.stops:
            return True
        return word.folded[:1] in "وف" and any(r in self.cues.stops for r, _ in word.bare[1:])

    def ordinary(self, word: Word) -> bool:
        """A word that is never part of a name: a stop word, a common noun (also after a
        preposition: بضرورة), a number, an adverb with tanween, a noun with a pronoun
        (remembered: it depends on the word alone)."""
        known = self.reader.ordinary_words
        found = known.get(word.raw)
        if found is None:
            if len(known) > 200_000:
                known.clear()
            found = known[word.raw] = self._ordinary(word)
        return found

    def _ordinary(self, word: Word) -> bool:
        folded = word.folded
        if word.latin:
            return not word.raw[:1].isupper() or word.number
        if (
            self.stop(word)
            or word.number
            or len(folded) < 2
            or _TANWEEN & set(word.raw)
            or any(r in self.cues.not_names for r, _ in word.bare)
        ):
            return True
        raw = word.raw
        if raw[:1] in "وفبل" and raw.endswith("ه") and not raw.endswith("يه") and len(folded) >= 5:
            return True  # ووصفه, برأسه: a word with a proclitic and a pronoun (never ة: a name's)
        if folded.endswith(("ته", "تها", "تهم")) and self.cues.common(
            ((folded[: folded.rindex("ت")] + "ه", 0),)
        ):
            return True  # ثقته, حكومتها: a common noun with a pronoun
        for suffix in _PRONOUNS:
            stem = folded[: -len(suffix)]
            if not folded.endswith(suffix) or len(stem) < 2:
                continue
            if (
                stem in self.cues.role_words
                or stem in self.cues.not_names
                or self.cues.is_cue_word(stem)
                or (len(folded) >= 5 and suffix not in ("نا", "كم"))
            ):
                return True
        return False

    def title_at(self, index: int) -> bool:
        """Whether a person's title starts at word ``index`` (الزعيم, الرئيس)."""
        found = self.cue_at(index)
        return found is not None and found[0].role == "title"

    def linked_after_proclitic(self, index: int) -> bool:
        """Whether the glossary's link on word ``index`` starts after a proclitic (بغزة)."""
        start = self.starts[index]
        return any(s > start for s, _e, _x in self.linked if s < self.ends[index])

    def has_name_sign(self, first: int, last: int, offset: int = 0) -> bool:
        """Whether words ``first`` to ``last`` have a sign of a name: a word that is not a
        common noun, a later given name with the article (علي الحسن: a family name), or two
        given names (ماجد حسن); حياة كريمة, حراس مرمى have none."""
        given = 0
        for index in range(first, last + 1):
            word = self.words[index]
            if index == first and offset:
                word = analyse(word.raw[offset:])
            if not self.cues.common(word.bare):
                return True
            if index > first and word.definite and word.folded[2:] in self.cues.given_names:
                return True
            given += word.folded in self.cues.given_names
        return given >= 2

    def continues(self, word: Word) -> bool:
        """Whether a word may go on a name (not only start one): not a preposition with an
        article or a verbal noun (لإجراء, بالمضي, للتعبئة)."""
        folded = word.folded
        if folded[:1] in "بلك" and word.raw[1:2] in ("إ", "أ") and len(folded) > 4:
            return False
        return not (folded.startswith(("بال", "لل", "كال", "وال", "فال")) and not word.latin)

    def cue_at(self, index: int) -> tuple[Cue, int, int] | None:
        """(cue, index after it, where it starts in its first word) at word ``index``."""
        word_at = self.words
        for reading, offset in word_at[index].bare:
            for cue in self.cues.by_first.get(reading, ()):
                end = index + len(cue.words)
                if end > len(word_at):
                    continue
                if all(
                    self.joined(k) and word_at[k].folded == cue.words[k - index]
                    for k in range(index + 1, end)
                ):
                    return cue, end, offset
        return None

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
    ) -> Seed | None:
        """A seed of words ``first`` to ``last`` (inclusive), ``offset`` code points into
        the first; None when the glossary's linker links it as written (covered)."""
        start = self.starts[first] + offset
        end = self.ends[last]
        text = self.line[start:end]
        words = (
            _folded_from(self.words[first], offset),
            *(word.folded for word in self.words[first + 1 : last + 1]),
        )
        if self.reader.variants.is_covered(words) or " ".join(words) in self.cues.not_names:
            return None
        if how in _NEEDS_A_NAME and not self.has_name_sign(first, last, offset):
            return None  # only common nouns: a description, not a name
        if len(words) > 2 and any(
            " ".join(words[:n]) in self.cues.not_names for n in range(2, len(words))
        ):
            return None  # القوات المسلحة والمؤسسات الوطنية: a description goes on
        variant = self.reader.variants.match(words)
        seed = Seed(
            self.number,
            start,
            end,
            text,
            words,
            kind,
            how,
            cue,
            variant_of=variant[0] if variant else None,
            similarity=variant[1] if variant else 0.0,
            place=place,
            english=english,
        )
        for index in range(first, last + 1):
            self.used[index] = True
        self.seeds.append(seed)
        return seed

    # -- the pass ----------------------------------------------------------------------

    def read(self) -> tuple[list[Seed], list[Gloss]]:
        word_at, interest = self.words, self.reader.interest
        known = self.reader._interest.get
        # Most words start nothing: those known to be so are left out at C speed.
        may_start = list(compress(count(), map(known, self.raws, repeat(1))))
        index = 0
        for at in may_start:
            if at < index:
                continue
            index = at
            word = word_at[index]
            flags = known(word.raw)
            if flags is None:
                flags = interest(word)
            if not flags or not self.free(index):
                continue
            if flags & _CUE:
                found = self.cue_at(index)
                if found is not None:
                    cue, after, offset = found
                    before = len(self.seeds)
                    end = self.after_cue(index, cue, after, offset)
                    if len(self.seeds) > before or not flags & _KNOWN:
                        index = end
                        continue
                    # الكرملين alone: a head noun with no name after it is a name itself.
            index = (
                (flags & _KNOWN and self.known_at(index))
                or (flags & _LATIN and self.latin_at(index))
                or (flags & _VARIANT and self.variant_at(index))
                or (flags & _GIVEN and self.given_at(index))
                or (flags & _DEMONYM and self.demonym_at(index))
                or (flags & _REPORTING and self.reported_at(index))
                or index + 1
            )
        if ":" in self.line or any(seed.type == "person" for seed in self.seeds):
            # The other items of a list of people, or a list after its heading.
            lists.enumerations(self)
        return self.seeds, self.glosses

    def after_cue(self, index: int, cue: Cue, after: int, offset: int) -> int:
        """Read the name a cue introduces; the index to go on from."""
        cue_text = self.line[self.starts[index] + offset : self.ends[after - 1]]
        if cue.role == "title" and " ".join(cue.words) in self.cues.team_roles:
            team = self.team_after(after, cue_text)
            end = team if team is not None else self.person_after(after, cue_text)
        elif cue.role == "title":
            end = self.person_after(after, cue_text)
        elif cue.role == "drop":
            end = self.name_after(after, cue, cue_text, offset)
        else:
            end = self.with_head(index, cue, after, offset, cue_text)
        return max(end, after)

    def team_after(self, index: int, cue_text: str) -> int | None:
        """The team after an indefinite sports role (لاعب برشلونة, نجم ريال مدريد: the noun
        is in construct with its team); None when a person's name follows instead."""
        word_at = self.words
        if index >= len(word_at) or not self.joined(index) or not self.free(index):
            return None
        word = word_at[index]
        if (
            word.definite
            or word.folded[:1] == "و"
            or any(r in self.cues.given_names for r, _ in word.bare)
            or self.cues.starts_cue(word.bare)
        ):
            return None
        name = self.place_name(index, kind="organization")
        if not name:
            return None
        self.add(name[0], name[-1], 0, "organization", "team", cue_text)
        return name[-1] + 1

    def person_after(self, index: int, cue_text: str) -> int:
        """A person's name after a title and its descriptors; where to go on."""
        word_at, skipped = self.words, 0
        while index < len(word_at) and skipped < 6 and self.joined(index):
            word = word_at[index]
            entity = self.entity[index]
            if entity is not None:
                if self.reader.variants.types.get(entity) == "person":
                    return index  # a known person: nothing new here
                index += 1
            elif (
                (cue := self.cue_at(index)) is not None
                and cue[0].type == "organization"
                and (cue[0].role in ("keep", "weak"))
            ):
                # رئيس مجلس النواب نبيه بري: the parliament, then the person.
                before = len(self.seeds)
                end = self.with_head(index, cue[0], cue[1], cue[2], cue[0].words[0])
                if len(self.seeds) == before and self.reader.interest(word) & _KNOWN:
                    end = self.known_at(index) or end  # المتحدث باسم الكرملين
                index = end
            elif word.definite or word.folded in self.cues.role_words:
                index += 1
            elif word.folded == "باسم":
                # The body the spokesman speaks for: a name of its own (الكرملين).
                index += 1
                if index < len(word_at) and self.free(index):
                    known = self.known_at(index) if self.reader.interest(word_at[index]) else None
                    index = known or index + 1
            else:
                break
            skipped += 1
        if index >= len(word_at) or not (
            self.joined(index) or (skipped and self.gap(index) == "،")
        ):
            return index
        name = self.person_name(index)
        if name:
            self.add(name[0], name[-1], 0, "person", "title", cue_text)
            return self.coordinated(name[-1] + 1, "person", "title", cue_text)
        return index

    def conjunct(self, index: int) -> int:
        """Where the name in word ``index`` starts when the word is «و» + a name (وإميليا),
        else 0."""
        if index >= len(self.words) or self.gap(index) not in ("", "،", ","):
            return 0
        word = self.words[index]
        if word.latin or not word.folded.startswith("و") or len(word.folded) < 4:
            return 0
        if self.cues.is_cue_word(word.folded) or self.cues.common(word.bare[:1]):
            return 0  # وزير, وجود: a word of its own, not و + a name
        rest = analyse(word.raw[1:])
        return 1 if not self.ordinary(rest) and not rest.folded.startswith("و") else 0

    def coordinated(self, index: int, kind: CandidateType, how: str, cue_text: str) -> int:
        """Further names joined by و to a name a cue introduced (بطولة أشرف برهوم وإميليا
        المصو, بقرى ترسا وقرقشندة): each a seed of the same kind; where to go on."""
        while index < len(self.words) and self.free(index) and self.conjunct(index):
            if kind == "person":
                name = self.person_name(index, offset=1)
            else:
                name = self.place_name(index, offset=1, kind=kind)
            if not name:
                break
            self.add(name[0], name[-1], 1, kind, how, cue_text)
            index = name[-1] + 1
        return index

    @staticmethod
    def verb_like(word: Word) -> bool:
        """A word that reads as a verb of the present (يمثل, ويجب), not a name (يوسف)."""
        folded = word.folded[1:] if word.folded.startswith(("وي", "وت")) else word.folded
        if word.latin:
            return False
        if folded.startswith(_VERB_STARTS) and len(folded) >= 5:
            return True  # تواجه, تتابع, تستعد: derived forms of the present
        return (
            folded.startswith(("ي", "ت"))
            and folded[1:2] not in ("و", "ا", "ي")
            and folded not in _Y_NAMES
            and len(folded) <= 6
            and (folded.startswith("ي") or len(folded) == 4)
        )

    def person_name(
        self, index: int, limit: int = PERSON_WORDS, family: bool = True, offset: int = 0
    ) -> list[int]:
        """The words of a person's name from word ``index`` (from ``offset`` in it: after
        a و); ``family``: a word with ال may follow the first name (تمارا الزين)."""
        word_at, cues = self.words, self.cues
        if index >= len(word_at):
            return []
        first = analyse(word_at[index].raw[offset:]) if offset else word_at[index]
        # A given name is a name even when it folds to a stop word (علي, not على).
        given = (
            first.folded in cues.given_names
            and not first.raw.endswith("ى")
            and (offset or self.cue_at(index) is None)  # آية الله is a title
        )
        if not self.free(index) or (self.ordinary(first) and not given) or first.definite:
            return []
        if not given and (
            cues.starts_cue(first.bare) or first.folded in cues.role_words or self.verb_like(first)
        ):
            return []
        # Foreign family names may start like a preposition with the article (بالمر, فالفيردي).
        foreign = first.folded in cues.foreign_given
        name = [index]
        particles = 0
        while len(name) < limit + particles:
            at = name[-1] + 1
            if at >= len(word_at) or not self.free(at) or not self.joined(at):
                break
            word = word_at[at]
            previous = word_at[at - 1].folded
            if word.folded in cues.foreign_particles and at + 1 < len(word_at):
                name.append(at)  # فيرجيل فان ديك: the particle, then the family name
                particles += 1
                continue
            if self.ordinary(word) or cues.is_cue_word(word.folded) or word.latin != first.latin:
                break
            if word.folded in cues.org_words:
                return []  # شام تايمز, نيوز آت تن: an outlet or a programme
            if word.definite:
                # A family name with ال: after a first name (تمارا الزين), or a nisba
                # (السيسي), not an adjective (المصري) or a place (القاهرة).
                is_family = (
                    ((family and len(name) == 1) or word.folded.endswith("ي"))
                    and not word.folded.endswith(("ات", "ون", "ين"))
                    and not word.folded.endswith("يه")
                    and word.folded not in cues.adjectives
                    and self.continues(word)
                    and self.reader.places.lookup(word.folded) is None
                )
                if (
                    previous not in cues.name_particles
                    and word.folded not in _NAME_ARTICLES
                    and not is_family
                ):
                    break
            elif (
                not (self.continues(word) or foreign)
                or self.verb_like(word)
                or (word.folded.startswith("و") and len(word.folded) > 3)
                or (word.folded[:1] in "بل" and lists.verbal_noun(word.folded[1:]))
            ):
                break  # a preposition's object, or a second name joined by و
            name.append(at)
            particles += previous in cues.name_particles or word.folded in _NAME_ARTICLES
            if word.definite and previous not in cues.name_particles:
                break  # a family name with ال ends the name (السيسي)
        while name and (
            word_at[name[-1]].folded in _PARTICLES
            or (len(name) > 1 and word_at[name[-1]].folded in cues.foreign_particles)
        ):
            name.pop()
        if len(name) == 1 and first.folded in cues.given_names:
            return []  # a first name alone
        return name

    def quoted(self, index: int) -> list[int]:
        """The words of a name in quotation marks opening before word ``index``."""
        if not self.gap(index) or self.gap(index)[-1] not in _OPENING_QUOTES:
            return []
        name = [index]
        while len(name) < KEEP_WORDS:
            at = name[-1] + 1
            if at >= len(self.words) or not self.joined(at):
                closing = at < len(self.words) and self.gap(at)[:1] in _CLOSING_QUOTES
                end = self.line[self.ends[name[-1]] :].lstrip()[:1]
                return name if closing or end in _CLOSING_QUOTES else []
            name.append(at)
        return []

    def adjective_alone(self, name: list[int]) -> bool:
        """A quoted adjective («جدية»), not a name."""
        word = self.words[name[0]]
        return len(name) == 1 and not word.latin and word.folded.endswith(("ي", "يه"))

    def name_after(self, index: int, cue: Cue, cue_text: str, offset: int = 0) -> int:
        """A name after a head noun left out of it (مدينة دبي, صحيفة فايننشال تايمز)."""
        word_at = self.words
        if index >= len(word_at):
            return index
        entity = self.entity[index]
        if (
            cue.type == "organization"
            and entity is not None
            and self.reader.variants.types.get(entity) == "place"
            and index + 1 < len(word_at)
            and self.joined(index + 1)
            and self.free(index + 1)
            and word_at[index + 1].definite
            and not self.ordinary(word_at[index + 1])
        ):
            # قناة إيران الدولية: a channel named after a known place.
            self.entity[index] = None
            self.add(index, index + 1, 0, "organization", "drop", cue_text)
            return index + 2
        if not self.free(index):
            return index
        if word_at[index].definite and self.quoted(index + 1):
            index += 1  # الفيلم الفلسطيني «أحلام عابرة»
        quoted = self.quoted(index)
        if quoted and all(self.free(k) for k in quoted) and not self.adjective_alone(quoted):
            self.add(quoted[0], quoted[-1], 0, cue.type, "quoted", cue_text)
            return quoted[-1] + 1
        if not self.joined(index):
            return index
        place = self.place_at(index, ambiguous=True)
        if place is not None:
            end, found, offset = place
            self.add(index, end - 1, offset, "place", "gazetteer", cue_text, found)
            return end
        if cue.type == "organization" and index + 1 < len(word_at):
            place = self.place_at(index)
            if place is not None and place[0] < len(word_at) and self.joined(place[0]):
                after = word_at[place[0]]
                if after.definite and not self.ordinary(after):
                    # قناة إيران الدولية: a channel named after a place.
                    self.add(index, place[0], place[2], "organization", "drop", cue_text)
                    return place[0] + 1
        first = word_at[index]
        if self.ordinary(first) and not (cue.type == "other" and (first.number or first.latin)):
            return index
        if not first.definite and self.cues.common(first.bare):
            return index  # حي شعبي, فريق عمل: a description, not a name
        if self.cues.starts_cue(first.bare) or first.folded in self.cues.adjectives:
            return index
        if cue.type == "organization" and first.definite:
            # وكالة الإعلام الروسية, نادي الوصل: the head belongs to the name.
            start = index - len(cue.words)
            return self.with_head(start, Cue(cue.words, cue.type, "keep"), index, offset, cue_text)
        if cue.type == "other" and (
            cue.words[0] in _WORKS
            or first.definite
            or (not first.latin and first.folded.endswith(("ي", "يه")))
            or not self.continues(first)
            or (first.folded[:1] in "بل" and not first.latin)
        ):
            return index  # a work's name is quoted; صاروخ بالستي is no name
        if self.predicate_at(index):
            return index  # شركة متهمة بتهريب النفط: a description, not a name
        name = self.place_name(index, kind=cue.type)
        if not name:
            return index
        self.add(name[0], name[-1], 0, cue.type, "drop", cue_text)
        return self.coordinated(name[-1] + 1, cue.type, "drop", cue_text)

    def place_name(self, index: int, offset: int = 0, kind: CandidateType = "place") -> list[int]:
        """The words of a name after a head noun left out of it, from word ``index`` (from
        ``offset`` in it: after a و)."""
        word_at = self.words
        first = analyse(word_at[index].raw[offset:]) if offset else word_at[index]
        if not self.free(index):
            return []
        if self.ordinary(first) and not (kind == "other" and (first.number or first.latin)):
            return []
        if offset and (self.cues.starts_cue(first.bare) or first.folded in self.cues.adjectives):
            return []
        name = [index]
        while len(name) < DROP_WORDS + (kind == "other"):
            at = name[-1] + 1
            if at >= len(word_at) or not self.free(at) or not self.joined(at):
                break
            word = word_at[at]
            dashed = self.gap(at) != ""
            if kind == "other" and (word.number or word.latin) and (dashed or first.latin):
                name.append(at)
                continue
            if self.ordinary(word) or self.cues.starts_cue(word.bare):
                break
            if word.definite and (
                first.definite or word.folded in self.cues.adjectives or word.folded.endswith("يه")
            ):
                break
            if word.folded.startswith("و") and len(word.folded) > 3:
                break
            name.append(at)
        return name

    def predicate_at(self, index: int) -> bool:
        """Word ``index`` describes the head before it instead of naming it: a participle
        whose complement follows with ب (بنك متهم بغسل أموال …, شركة متخصصة بالنفط); a name
        word is not followed by a prepositional phrase (بن in استاد جاسم بن حمد is no ب)."""
        word = self.words[index]
        if not word.folded.startswith("م") or index + 1 >= len(self.words):
            return False
        after = self.words[index + 1].folded
        return after.startswith("ب") and len(after) > 3 and self.joined(index + 1)

    def with_head(self, index: int, cue: Cue, after: int, offset: int, cue_text: str) -> int:
        """A name with its head noun (وزارة الخارجية الروسية, مهرجان القاهرة السينمائي)."""
        word_at = self.words
        name = list(range(index, after))
        evidence = False
        quoted = self.quoted(after) if after < len(word_at) else []
        if quoted and all(self.free(k) for k in quoted) and not self.adjective_alone(quoted):
            # عملية «طوفان الأقصى»: the quoted words are the name.
            self.add(quoted[0], quoted[-1], 0, cue.type, "quoted", cue_text)
            return quoted[-1] + 1
        if True:
            while len(name) < KEEP_WORDS:
                at = name[-1] + 1
                if at >= len(word_at) or self.used[at] or not self.joined(at):
                    break
                word = word_at[at]
                entity = self.entity[at]
                if entity is not None:
                    if self.reader.variants.types.get(entity) == "person":
                        break  # قرار ... جمال عبد الناصر: not inside the name
                    if word.folded[:1] in "بك" and self.linked_after_proclitic(at):
                        # لجنة السياسة النقدية بالبنك المركزي: a sign of a name before it,
                        # not a part of it (الحرب بغزة).
                        evidence = evidence or len(name) > after - index
                        break
                    # A linked name is a sign of a name (جامعة القاهرة); an adjective is not
                    # (القوات الكورية الشمالية).
                    evidence = evidence or not str(entity).startswith(ADJECTIVE)
                elif at > index and self.title_at(at):
                    break  # قرار الزعيم …: a person's title ends the name
                elif (
                    (self.ordinary(word) and not word.number)
                    or (self.cues.starts_cue(word.bare) and at > after)
                    or self.verb_like(word)
                ):
                    break
                elif word.definite:
                    pass
                elif (
                    word.folded.startswith("ل")
                    and at + 1 < len(word_at)
                    and word_at[at + 1].definite
                    and self.joined(at + 1)
                    and at > after
                ):
                    pass  # المجلس الوطني لحقوق الإنسان
                elif word.number:
                    if cue.type not in ("event", "agreement"):
                        break
                    evidence = True
                elif word.latin:
                    if not word.raw[:1].isupper():
                        break
                    evidence = True
                elif self.place_at(at) is not None:
                    evidence = True
                elif (
                    cue.type in ("organization", "place", "other")
                    and at == after
                    and not word.folded.startswith(("و", "ب", "ل"))
                    and not word.folded.endswith(("ي", "ه"))
                    and len(word.folded) > 2
                    and not self.cues.common(word.bare)
                    and not self.predicate_at(at)
                ):
                    # A proper name right after the head: حزب تقدم, استاد جاسم بن حمد.
                    evidence = True
                    run = self.person_name(at, family=False)
                    if len(run) > 1:
                        name += run[:-1]
                        at = run[-1]
                else:
                    break
                name.append(at)
        # A name does not end with a word joined by و (والإحصاء ends it only inside).
        while len(name) > after - index and word_at[name[-1]].folded.startswith("و"):
            if word_at[name[-1]].definite and len(name) > after - index + 1:
                break
            name.pop()
        if len(name) == after - index:
            return after
        if cue.role == "weak" and all(self.entity[k] is not None for k in name[after - index :]):
            return name[-1] + 1  # قرار الطائف: a generic head before a known name is that name
        if cue.type == "organization" and len(name) - (after - index) >= 3:
            evidence = True  # a long official name: الجهاز المركزي للتعبئة العامة والإحصاء
        if (
            cue.role == "weak"
            and not evidence
            and all(self.cues.common(word_at[k].bare) for k in name[after - index :])
        ):
            return name[-1] + 1  # الجهاز الفني, إدارة صرف: common nouns only, no name
        how = cue.role if cue.role != "weak" else ("weak-evidence" if evidence else "weak")
        self.add(name[0], name[-1], offset, cue.type, how, cue_text)
        return name[-1] + 1

    def place_at(self, index: int, ambiguous: bool = False) -> tuple[int, Place, int] | None:
        """(index after it, place, offset) of a gazetteer place at word ``index``; places
        that are common words too only when ``ambiguous`` (after a place's head noun)."""
        word_at = self.words
        best: tuple[int, Place, int] | None = None
        for stem, offset in stems(word_at[index]):
            prefix = word_at[index].folded[: len(word_at[index].folded) - len(stem)]
            if prefix.endswith(("ال", "لل")):
                continue  # المالي is not ال + مالي
            for words, place in self.reader.places.by_first.get(stem, ()):
                end = index + len(words)
                if best is not None and end <= best[0]:
                    continue
                if end > len(word_at) or not all(
                    self.free(k) and self.joined(k) and words[k - index] in word_at[k].later
                    for k in range(index + 1, end)
                ):
                    continue
                if not ambiguous and " ".join(words) in self.cues.ambiguous_places:
                    continue
                best = (end, place, offset)
        return best

    def known_at(self, index: int) -> int | None:
        """A gazetteer place or a well-known name at word ``index``: where to go on."""
        found = self.place_at(index)
        if found is not None:
            end, place, offset = found
            if (
                end < len(self.words)
                and self.joined(end)
                and self.free(end)
                and self.words[end].folded in self.cues.org_words
            ):
                # أفريقيا برس: an outlet named after a place.
                self.add(index, end, offset, "organization", "credit")
                return end + 1
            self.add(index, end - 1, offset, "place", "gazetteer", place.kind, place)
            return end
        word_at = self.words
        for stem, offset in stems(word_at[index]):
            for known in self.cues.known.get(stem, ()):
                end = index + len(known.words)
                if end <= len(word_at) and all(
                    self.free(k) and self.joined(k) and word_at[k].folded == known.words[k - index]
                    for k in range(index + 1, end)
                ):
                    self.add(index, end - 1, offset, known.type, "known", english=known.english)
                    return end
        return None

    def latin_at(self, index: int) -> int | None:
        """A Latin name or code (CNN, Marco Rubio, F-35): where to go on."""
        word_at = self.words
        if not word_at[index].latin:
            return None
        name = [index]
        while len(name) < LATIN_WORDS:
            at = name[-1] + 1
            if at >= len(word_at) or not self.free(at) or not word_at[at].latin:
                break
            if self.gap(at) not in ("", "-", ".", "&", "'", "’"):
                break
            name.append(at)
        words = [word_at[k].raw for k in name]
        end = name[-1] + 1
        if any(w.lower() in _LATIN_STOPS for w in words) or max(len(w) for w in words) < 2:
            return end
        capitals = [w for w in words if w[:1].isupper()]
        has_digits = any(any(c.isdigit() for c in w) for w in words)
        has_letters = any(any(c.isalpha() for c in w) for w in words)
        if not has_letters or (not capitals and not has_digits):
            return end
        if words[0][:1].islower() and not has_digits:
            return end
        text = self.line[self.starts[name[0]] : self.ends[name[-1]]]
        before = self.gap(index)
        previous = self.seeds[-1] if self.seeds else None
        acronym = len(words) == 1 and words[0].isupper()
        if (
            before.endswith("(")
            and previous is not None
            and previous.end == self.ends[index - 1]
            and self.line[self.ends[name[-1]] :].lstrip()[:1] == ")"
            and previous.place is None
            and previous.how != "known"
            and (not acronym or previous.type == "organization")
        ):
            self.glosses.append(Gloss(previous, text))
            return end
        if before.endswith("(") and index and self.entity[index - 1] is not None:
            return end  # the English of a known name
        known = self.cues.known_english.get(text.lower())
        if known is not None:
            self.add(name[0], name[-1], 0, known.type, "known", english=known.english)
            return end
        if has_digits:
            kind: CandidateType = "other"
            how = "code"
        elif (len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6) or any(
            w.lower() in _ORGANIZATION_WORDS for w in words
        ):
            kind, how = "organization", "latin"
        elif 2 <= len(capitals) == len(words) <= 3:
            kind, how = "person", "latin"
        else:
            kind, how = "other", "latin"
        self.add(name[0], name[-1], 0, kind, how, english=text)
        return end

    def variant_at(self, index: int) -> int | None:
        """A new spelling of a glossary entry's name at word ``index``: where to go on."""
        word_at, variants = self.words, self.reader.variants
        lone, longer = self.reader.variant_starts(word_at[index])
        best: tuple[int, str, float, int] | None = None
        if lone is not None:
            best = (index + 1, *lone)
        for stem, offset, name in longer:
            end = index + len(name.words)
            if end > len(word_at) or (best is not None and end <= best[0]):
                continue
            # The spelling first (remembered, and seldom one): the line's state only then.
            found = variants.match((stem, *[word_at[k].folded for k in range(index + 1, end)]))
            if found is None or found[0] != name.entity:
                continue
            if all(
                self.joined(k) and not self.used[k] and self.entity[k] in (None, name.entity)
                for k in range(index + 1, end)
            ):
                best = (end, name.entity, found[1], offset)
        if best is None:
            return None
        end, entity, _score, offset = best
        for k in range(index + 1, end):
            self.entity[k] = None  # the span is the variant, linked part and all
        kind = variants.types.get(entity, "other")
        self.add(index, end - 1, offset, kind, "variant")  # type: ignore[arg-type]
        return end

    def given_at(self, index: int) -> int | None:
        """A person's name that starts with a common first name (أكد محمد علي مصيلحي):
        where to go on."""
        word = self.words[index]
        if self.cue_at(index) is not None:
            return None  # آية الله is a title, not آية + a name
        for reading, offset in word.bare:
            if reading not in self.cues.given_names:
                continue
            if offset and word.folded[:1] not in "وفبل":
                continue
            if word.raw[offset:].endswith("ى") and reading == "علي":
                continue  # على is the preposition; only علي may be the name
            if offset and self.cues.common(word.bare[:1]):
                continue  # وجود is a noun, not و + جود
            name = self.person_name(index, offset=offset, family=True)
            if len(name) >= 2:
                self.add(name[0], name[-1], offset, "person", "given", word.raw[offset:])
                return name[-1] + 1
        return None

    def demonym_at(self, index: int) -> int | None:
        """A person after a nationality (الروماني أولاريو كوزمين): where to go on."""
        after = index + 1
        if after >= len(self.words) or not self.joined(after):
            return None
        if self.words[after].folded[:1] in "وبلف":
            return None  # بمناسبة, ونشرا: not a name
        name = self.person_name(after, family=False)
        if len(name) < 2:
            return None
        self.add(name[0], name[-1], 0, "person", "demonym", self.words[index].raw)
        return name[-1] + 1

    def credit(self, start: int, end: int) -> None:
        """The names in a credit (a byline, a dateline, «(الشرق)»): the pieces between
        dashes, colons and credit words, each a place, an outlet or an author."""
        word_at = self.words
        whole = start == 0 and end >= len(self.line.rstrip())
        inside = [
            k
            for k, (first, last) in enumerate(zip(self.starts, self.ends, strict=True))
            if start <= first and last <= end
        ]
        pieces: list[list[int]] = []
        for k in inside:
            word = word_at[k]
            if (
                word.folded in self.cues.credit_words
                or (word.folded in self.cues.stops and not whole)
                or self.entity[k] is not None
                or word.number
            ):
                pieces.append([])
                continue
            if not pieces or not pieces[-1] or self.gap(k):
                pieces.append([])
            pieces[-1].append(k)
        for piece in pieces:
            if not piece or len(piece) > 3 or not all(self.free(k) for k in piece):
                continue
            if self.known_at(piece[0]) or self.latin_at(piece[0]):
                continue
            words = [word_at[k] for k in piece]
            if self.cues.starts_cue(words[0].bare) or words[0].folded[:1] == "و":
                continue
            if not whole and any(self.ordinary(w) or self.verb_like(w) for w in words):
                continue
            if any(w.number or _TANWEEN & set(w.raw) for w in words):
                continue
            outlet = len(piece) == 1 or any(
                w.folded in self.cues.org_words or w.folded in self.cues.stops for w in words
            )
            kind: CandidateType = "organization" if outlet or words[0].definite else "person"
            self.add(piece[0], piece[-1], 0, kind, "credit", "a credit line")

    def reported_at(self, index: int) -> int | None:
        """Perhaps a person after a reporting verb (وقال لافروف): where to go on."""
        word = self.words[index]
        if not any(r in self.cues.reporting_verbs for r, _ in word.bare):
            return None
        after = index + 1
        if after >= len(self.words) or not self.joined(after):
            return None
        following = self.words[after].folded
        if following.startswith("ل") and following[1:2] not in ("ا", "و", "ي", "ط"):
            return None  # قال لعنب بلدي: said to someone
        name = self.person_name(after, limit=3, family=False)
        if not name:
            return None
        how = "reported-full" if len(name) > 1 else "reported"
        self.add(name[0], name[-1], 0, "person", how, word.raw)
        return name[-1] + 1


def joins(gap: str) -> bool:
    """Whether ``gap`` (what stands between two words) lets them be one name: spaces, or a
    dash (most gaps are one space)."""
    return gap == " " or gap.strip() in JOINERS


def _linked_words(
    starts: list[int], ends: list[int], spans: list[tuple[int, int, str]]
) -> list[str | None]:
    """Per word (``starts``, ``ends``), the entity of the first linked span (``spans``, in
    order) that ends after the word starts, if it starts before the word ends."""
    entity: list[str | None] = [None] * len(starts)
    if all(a[1] <= b[1] for a, b in pairwise(spans)):
        # The spans' ends in order (no span inside another): each span's words found by
        # bisection, a few spans per line instead of a step per word.
        previous = 0
        for start, end, found in spans:
            first = max(bisect_left(starts, previous), bisect_right(ends, start))
            last = bisect_left(starts, end)
            entity[first:last] = [found] * max(0, last - first)
            previous = end
        return entity
    at, count = 0, len(spans)
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        while at < count and spans[at][1] <= start:
            at += 1
        if at == count:
            break  # no span left: the rest of the line is not linked
        if spans[at][0] < end:
            entity[index] = spans[at][2]
    return entity


def _folded_from(word: Word, offset: int) -> str:
    """The folded form of ``word`` from ``offset`` (code points of the raw word) on."""
    for reading, at in word.bare:
        if at == offset:
            return reading
    for stem, at in stems(word):
        if at == offset:
            return stem
    return word.folded


__all__ = ["ADJECTIVE", "STRENGTH", "Gloss", "LineReader", "Seed", "joins"]
