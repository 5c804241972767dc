"""Find the names no glossary entry covers in whole articles: ``briefing candidates``.

Three steps, each linear in the text:

1. only the lines the article reader keeps as article text (headline, headings, paragraphs,
   list items, datelines, bylines; not the page leftovers) are read; the glossary's linker
   marks what it links, as ``briefing annotate`` does;
2. each line's seeds (:mod:`~sphinx_briefing.candidates.spans`) are grouped across files by
   their spelling skeleton (:func:`~sphinx_briefing.candidates.words.skeleton`: جونغ and
   جونج, فايننشال and فاينانشال are one name), a gazetteer place by the place, a variant by
   its entry;
3. every spelling of every group (and a person's surname) is looked for again in every line
   with a :class:`~sphinx_briefing.text.linker.Linker` of its own, so a name introduced once
   with its title (وزير الخارجية ماركو روبيو) is counted wherever it recurs (وقال روبيو).

A group becomes a :class:`~sphinx_briefing.candidates.model.Candidate` whose text is its most
frequent spelling, with a score from how it was found, how often, and whether the text
gives its English name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter, not_
from typing import Any

from sphinx_briefing.candidates import cues, gazetteer
from sphinx_briefing.candidates.english import english_name
from sphinx_briefing.candidates.model import Candidate, CandidateType, Occurrence
from sphinx_briefing.candidates.spans import ADJECTIVE, STRENGTH, LineReader, Seed, joins
from sphinx_briefing.candidates.variants import Variants
from sphinx_briefing.candidates.words import WORD, Split, skeleton, split_line
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.text import article, line_roles
from sphinx_briefing.text.article import Kind, Layout
from sphinx_briefing.text.linker import Linker

#: The kinds of lines names are read from: everything the article shows as its text and
#: its metadata lines (a publication line may name a time zone's city), never the page
#: leftovers the reader sets aside.
ARTICLE_KINDS = frozenset(
    {
        Kind.HEADLINE,
        Kind.HEADING,
        Kind.PARAGRAPH,
        Kind.LIST_ITEM,
        Kind.DATELINE,
        Kind.BYLINE,
        Kind.PUBLISHED,
    }
)
#: Candidates scoring less are left out (a lone word after «قال» is not worth a reader's time);
#: variants of known entries are always listed.
MIN_SCORE = 0.4
#: What each further mention adds to the score (per doubling), at most :data:`MAX_COUNT_BONUS`.
COUNT_BONUS = 0.08
MAX_COUNT_BONUS = 0.25
#: What an English name in brackets after the name adds.
GLOSS_BONUS = 0.1

#: (start, end, entity): a span the glossary's linker linked (an adjective's entity marked
#: with :data:`~sphinx_briefing.candidates.spans.ADJECTIVE`).
Span = tuple[int, int, str]


#: A paragraph that opens with a speaker's name (a transcript, «فيصل القاسم: …»).
_SPEAKER = re.compile(r"\s*[^\W\d_][^:：\n\d]{1,40}[:：]")
#: A credit in brackets that ends a paragraph: «… (الشرق)».
_CLOSING_CREDIT = re.compile(r"\(([^()\d]{2,30})\)\s*[.،]?\s*$")


def credit_regions(line: str, kind: Kind) -> list[tuple[int, int]]:
    """The (start, end) spans of ``line`` that credit someone: the whole of a dateline or
    byline line, the dateline or speaker that opens a paragraph, a source in brackets
    that ends it."""
    if kind in (Kind.DATELINE, Kind.BYLINE):
        return [(0, len(line))]
    found = []
    opening = line_roles.dateline_opening(line)
    speaker = _SPEAKER.match(line)
    if opening is not None:
        found.append((0, opening.length))
    elif speaker and len(speaker.group().split()) <= 3 and kind is not Kind.HEADLINE:
        found.append((0, speaker.end()))
    closing = _CLOSING_CREDIT.search(line)
    if closing and len(closing.group(1).split()) <= 3:
        found.append((closing.start(1), closing.end(1)))
    return found


def article_text(
    text: str, layout: Layout | None = None
) -> tuple[dict[int, str], dict[int, list[tuple[int, int]]]]:
    """The lines of ``text`` the article reader keeps as article text, by 1-based number,
    and their credits (:func:`credit_regions`)."""
    lines = text.split("\n")
    found: dict[int, str] = {}
    credits: dict[int, list[tuple[int, int]]] = {}
    for block in article.parse(text, layout).blocks:
        if block.kind in ARTICLE_KINDS:
            line = found[block.line] = lines[block.line - 1]
            regions = credit_regions(line, block.kind)
            if regions:
                credits[block.line] = regions
    return found, credits


def article_lines(text: str, layout: Layout | None = None) -> dict[int, str]:
    """The lines of ``text`` the article reader keeps as article text, by 1-based number."""
    return article_text(text, layout)[0]


def _plain(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def name_key(words: Sequence[str]) -> str:
    """The key names are grouped by: each folded word's skeleton, without ال."""
    return _name_key(tuple(words))


@lru_cache(maxsize=100_000)
def _name_key(words: tuple[str, ...]) -> str:
    # Remembered: the same names recur in every article.
    return "".join(skeleton(_plain(w)) for w in words)


@dataclass
class _Group:
    """Seeds that are one name, and where it is mentioned."""

    key: tuple[str, ...]
    seeds: list[tuple[str, Seed]] = field(default_factory=list)
    mentions: dict[tuple[str, int, int, int], Occurrence] = field(default_factory=dict)
    english: str | None = None


def _group_key(seed: Seed) -> tuple[str, ...]:
    if seed.variant_of is not None:
        return ("variant", seed.variant_of)
    if seed.place is not None:
        return ("place", seed.place.ar)
    if seed.how == "known" and seed.english:
        return ("known", seed.english)
    return ("name", name_key(seed.words))


class Finder:
    """The candidate finder for one glossary (None: every name is new)."""

    def __init__(self, glossary: Glossary | None) -> None:
        self.variants = Variants.of(glossary)
        self.reader = LineReader(cues.load(), gazetteer.load(), self.variants)
        self.linker: Linker | None = None
        self._firsts: set[str] = set()
        if glossary is not None and glossary.entries:
            people = frozenset(e.id for e in glossary.entries.values() if e.type == "person")
            aliases = [*glossary.aliases("ar"), *glossary.aliases("en")]
            self.linker = Linker(aliases, people)
            self._firsts = {words[0] for a in aliases if (words := cues.words_of(a.text))}

    def linked(
        self, lines: Mapping[int, str], splits: Mapping[int, Split] | None = None
    ) -> dict[int, list[Span]]:
        """What the glossary's linker links in an article's lines (in order, so a family
        name counts once the full name was read, as in the build); ``splits``: the lines'
        words, if already found (:func:`~sphinx_briefing.candidates.words.split_line`)."""
        if self.linker is None:
            return {}
        named: set[str] = set()
        found: dict[int, list[Span]] = {}
        firsts = self._firsts
        for number in sorted(lines):
            split = splits[number] if splits is not None else split_line(lines[number])
            # The linker folds the whole line; most lines hold no alias's first word at all.
            if not any(stem in firsts for word in split.words for stem, _ in word.stems):
                continue
            mentions = self.linker.find(lines[number], named)
            if mentions:
                found[number] = [
                    (
                        m.start,
                        m.end,
                        f"{ADJECTIVE}{m.entity}" if m.kind == "adjective" else m.entity,
                    )
                    for m in mentions
                ]
        return found

    def find(
        self,
        files: Mapping[str, Mapping[int, str]],
        linked: Mapping[str, Mapping[int, Sequence[Span]]] | None = None,
        credits: Mapping[str, Mapping[int, Sequence[tuple[int, int]]]] | None = None,
        *,
        min_count: int = 1,
    ) -> list[Candidate]:
        """The candidates in the article lines of ``files`` (name → {line number: line}),
        ``linked`` the glossary's spans per file (found here when None), ``credits`` the
        lines' credits (:func:`credit_regions`)."""
        credits = credits or {}
        # Each line's words and gaps, found once for the linker and both passes.
        words = {
            (name, number): split_line(line)
            for name, lines in files.items()
            for number, line in lines.items()
        }
        if linked is None:
            linked = {
                name: self.linked(lines, {n: words[name, n] for n in lines})
                for name, lines in files.items()
            }
        groups: dict[tuple[str, ...], _Group] = {}
        for name, lines in files.items():
            spans = linked.get(name, {})
            for number in sorted(lines):
                split = words[name, number]
                seeds, glosses = self.reader.read(
                    number,
                    lines[number],
                    spans.get(number, ()),
                    credits.get(name, {}).get(number, ()),
                    split,
                )
                for seed in seeds:
                    key = _group_key(seed)
                    group = groups.get(key)
                    if group is None:
                        group = groups[key] = _Group(key)
                    group.seeds.append((name, seed))
                    where = (name, seed.line, seed.start, seed.end)
                    group.mentions[where] = Occurrence(name, *where[1:], seed.text)
                for gloss in glosses:
                    groups[_group_key(gloss.seed)].english = gloss.english
        merged = _merge_surnames(_merge_prefixes(list(groups.values())))
        self._recount(merged, files, linked, words)
        found = [c for g in merged if (c := _candidate(g)) is not None]
        found = [c for c in found if c.count >= min_count]
        return sorted(found, key=lambda c: (-c.count, c.text))

    def _recount(
        self,
        groups: list[_Group],
        files: Mapping[str, Mapping[int, str]],
        linked: Mapping[str, Mapping[int, Sequence[Span]]],
        words: Mapping[tuple[str, int], Split],
    ) -> None:
        """Find every group's spellings again in every line (step 3)."""
        spellings = _Spellings()
        for number, group in enumerate(groups):
            for text in sorted(self._spellings(group)):
                spellings.add(text, number)
        if not spellings.by_first:
            return
        for name, lines in files.items():
            spans = linked.get(name, {})
            for number in sorted(lines):
                taken = spans.get(number, ())
                found_in = spellings.find(lines[number], words[name, number])
                for start, end, found, text in found_in:
                    if any(s < end and start < e for s, e, _ in taken):
                        continue
                    group = groups[found]
                    where = (name, number, start, end)
                    if not any(
                        k[:2] == where[:2] and k[2] < where[3] and where[2] < k[3]
                        for k in group.mentions
                    ):
                        group.mentions[where] = Occurrence(name, number, start, end, text)

    def _spellings(self, group: _Group) -> set[str]:
        """What step 3 looks for: the spellings found, and a person's surname; not a lone
        word that may be a common one (a first name, العنب after مدينة)."""
        texts: set[str] = set()
        person = _type_of(group) == "person"
        for _, seed in group.seeds:
            alone = len(seed.words) == 1
            if alone and (person or (seed.words[0].startswith("ال") and seed.how != "gazetteer")):
                continue
            if seed.how in ("reported", "weak"):
                continue
            texts.add(seed.text)
            if person and len(seed.words) > 2 and seed.words[-2] in self.reader.cues.name_particles:
                # أبو النصر, عبد الغفار: a family name with its particle.
                texts.add(" ".join(seed.text.split()[-2:]))
            last = seed.words[-1]
            surname = not last.startswith("ال") or last.endswith("ي")
            if (
                person
                and not alone
                and surname
                and len(last) >= 4
                and last not in self.reader.cues.stops
            ):
                texts.add(seed.text.split()[-1])
        return texts


_STEM_SET = attrgetter("stem_set")


class _Spellings:
    """The spellings step 3 looks for, by first word: a linker over the finder's own
    tokens (proclitics on the first word, ال on the others), without folding every line
    again."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._firsts: frozenset[str] | None = None

    def add(self, text: str, group: int) -> None:
        words = cues.words_of(text)
        if words:
            items = self.by_first.setdefault(words[0], [])
            items.append((words, group))
            items.sort(key=lambda item: -len(item[0]))
            self._firsts = None

    def find(self, line: str, split: Split) -> Iterable[tuple[int, int, int, str]]:
        """(start, end, group, text) of each spelling in ``line`` (its words and gaps,
        :func:`~sphinx_briefing.candidates.words.split_line`), longest first, none
        overlapping."""
        starts, ends, _, word_at, gaps = split
        after = 0
        keys = self._firsts
        if keys is None:
            # A frozenset tests a word's few stems faster than the dict's key view.
            keys = self._firsts = frozenset(self.by_first)
        # The words that may start a spelling, found at C speed: most lines have none.
        hits = list(compress(count(), map(not_, map(keys.isdisjoint, map(_STEM_SET, word_at)))))
        for index in hits:
            if index < after:
                continue
            best: tuple[int, int, int] | None = None
            folded = word_at[index].folded
            for stem, offset in word_at[index].stems:
                prefix = folded[: len(folded) - len(stem)]
                for words, group in self.by_first.get(stem, ()):
                    end = index + len(words)
                    if best is not None and end <= best[0]:
                        break
                    if prefix.endswith(("ال", "لل")) and not words[0].startswith("ال"):
                        continue
                    if end <= len(word_at) and all(
                        joins(gaps[k]) and words[k - index] in word_at[k].later
                        for k in range(index + 1, end)
                    ):
                        best = (end, group, offset)
                        break
            if best is None:
                continue
            end, group, offset = best
            start = starts[index] + offset
            yield start, ends[end - 1], group, line[start : ends[end - 1]]
            after = end


def _trim(seed: Seed, count: int) -> Seed:
    """``seed`` cut to its first ``count`` words."""
    words = list(WORD.finditer(seed.text))
    end = words[count - 1].end()
    return replace(seed, end=seed.start + end, text=seed.text[:end], words=seed.words[:count])


def _merge_prefixes(groups: list[_Group]) -> list[_Group]:
    """A name read too far (سعد الحريري كامل ثقته) joins the name it starts with when that
    was found on its own (سعد الحريري), cut to it."""
    by_words: dict[tuple[str, ...], _Group] = {}
    for group in groups:
        for _, seed in group.seeds:
            if group.key[0] == "name":
                by_words.setdefault(seed.words, group)
    kept = []
    for group in groups:
        target: _Group | None = None
        count = 0
        if group.key[0] == "name" and all(len(seed.words) > 1 for _, seed in group.seeds):
            for _, seed in group.seeds:
                for length in range(len(seed.words) - 1, 1, -1):
                    found = by_words.get(seed.words[:length])
                    if found is not None and found is not group:
                        target, count = found, length
                        break
                if target is not None:
                    break
        if target is None or any(len(seed.words) < count for _, seed in group.seeds):
            kept.append(group)
            continue
        for name, seed in group.seeds:
            trimmed = _trim(seed, count)
            target.seeds.append((name, trimmed))
            target.mentions[(name, trimmed.line, trimmed.start, trimmed.end)] = Occurrence(
                name, trimmed.line, trimmed.start, trimmed.end, trimmed.text
            )
    return kept


def _merge_surnames(groups: list[_Group]) -> list[_Group]:
    """A one-word name that is the surname of one person found in full joins that person
    (روبيو after قال and ماركو روبيو after وزير الخارجية)."""
    surnames: dict[str, list[_Group]] = {}
    for group in groups:
        if group.key[0] == "name" and _type_of(group) == "person":
            for _, seed in group.seeds:
                if len(seed.words) > 1:
                    owners = surnames.setdefault(name_key(seed.words[-1:]), [])
                    if group not in owners:
                        owners.append(group)
    kept = []
    for group in groups:
        owners = surnames.get(group.key[-1], []) if group.key[0] == "name" else []
        single = all(len(seed.words) == 1 for _, seed in group.seeds)
        if len(owners) == 1 and owners[0] is not group and single:
            owners[0].seeds += group.seeds
            owners[0].mentions.update(group.mentions)
            owners[0].english = owners[0].english or group.english
        else:
            kept.append(group)
    return kept


def _strength(seed: Seed) -> float:
    if seed.variant_of is not None:
        return STRENGTH["variant"] * max(seed.similarity, 0.5) + 0.2
    return STRENGTH[seed.how]


def _type_of(group: _Group) -> CandidateType:
    votes: dict[CandidateType, float] = {}
    for _, seed in group.seeds:
        votes[seed.type] = votes.get(seed.type, 0.0) + _strength(seed)
    return max(votes, key=lambda kind: (votes[kind], kind))


def _headword(group: _Group) -> str:
    """The most frequent spelling among the names as found (not a surname alone)."""
    seen = Counter(m.text for m in group.mentions.values())
    texts = {seed.text for _, seed in group.seeds}
    longest = max(len(t.split()) for t in texts)
    full = [t for t in texts if len(t.split()) == longest]
    return max(full, key=lambda t: (seen[t], len(t), t))


def _why(group: _Group) -> str:
    reasons: Counter[str] = Counter()
    for _, seed in group.seeds:
        if seed.variant_of is not None:
            reason = f"a spelling of {seed.variant_of} ({seed.similarity:.2f})"
        elif seed.how == "gazetteer" and seed.place is not None:
            code = seed.place.iso or seed.place.country or ""
            reason = f"gazetteer: {seed.place.kind} {code}".strip()
        elif seed.how == "known":
            reason = "a well-known name"
        elif seed.how in ("latin", "code"):
            reason = "written in Latin letters"
        elif seed.how == "reported":
            reason = f"after «{seed.cue}»"
        else:
            reason = f"after «{seed.cue}»"
        reasons[reason] += 1
    shown = [f"{r} ({n})" if n > 1 else r for r, n in reasons.most_common(3)]
    return "; ".join(shown)


def _candidate(group: _Group) -> Candidate | None:
    seeds = [seed for _, seed in group.seeds]
    mentions = sorted(group.mentions.values(), key=lambda m: (m.file, m.line, m.start))
    strength = max(_strength(seed) for seed in seeds)
    bonus = min(MAX_COUNT_BONUS, COUNT_BONUS * math.log2(len(mentions))) if mentions else 0.0
    kinds = {seed.how for seed in seeds}
    score = strength + bonus + (GLOSS_BONUS if group.english else 0.0)
    score += 0.05 * (len(kinds) > 1)
    variant_of = next((s.variant_of for s in seeds if s.variant_of), None)
    if variant_of is None and score < MIN_SCORE:
        return None
    text = _headword(group)
    place = next((s.place for s in seeds if s.place is not None), None)
    english = group.english or next((s.english for s in seeds if s.english), None)
    if english is None and place is not None:
        english = place.en
    guess = False
    if english is None:
        english, guess = english_name(text)
    why = _why(group) + ("; English name a suggestion" if guess and english else "")
    return Candidate(
        text=text,
        type=_type_of(group),
        mentions=mentions,
        score=min(1.0, round(score, 3)),
        variant_of=variant_of,
        english=english,
        english_is_guess=guess and english is not None,
        why=why,
        iso=place.iso if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        place_kind=place.kind if place else None,
        country=place.country if place else None,
    )


def find_candidates(
    texts: Mapping[str, str],
    glossary: Glossary | None,
    *,
    min_count: int = 1,
    layouts: Mapping[str, Layout] | None = None,
) -> list[Candidate]:
    """The names in ``texts`` (file name → whole text) that no entry of ``glossary``
    covers, and the new spellings of those it does; sorted by count, then text.

    ``layouts``: each file's reading overrides (its sidecar's), if any."""
    finder = Finder(glossary)
    files: dict[str, dict[int, str]] = {}
    credits: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for name, text in texts.items():
        files[name], credits[name] = article_text(text, (layouts or {}).get(name))
    return finder.find(files, credits=credits, min_count=min_count)


def merge(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates found article by article, merged as :meth:`Finder.find` merges them (the
    coverage report's whole-book list)."""
    merged: dict[tuple[str, ...], Candidate] = {}
    for candidate in candidates:
        key = _candidate_key(candidate)
        known = merged.get(key)
        if known is None:
            merged[key] = Candidate(**{**candidate.__dict__, "mentions": list(candidate.mentions)})
            continue
        known.mentions += candidate.mentions
        known.score = max(known.score, candidate.score)
        if known.english_is_guess and not candidate.english_is_guess:
            known.english, known.english_is_guess = candidate.english, False
    for candidate in merged.values():
        # The headword: the most frequent spelling of the full name over the whole book.
        seen = Counter(m.text for m in candidate.mentions)
        full = [t for t in seen if len(t.split()) == len(candidate.text.split())]
        if full:
            candidate.text = max(full, key=lambda t: (seen[t], len(t), t))
        candidate.mentions.sort(key=lambda m: (m.file, m.line, m.start))
    return sorted(merged.values(), key=lambda c: (-c.count, c.text))


def as_record(candidate: Candidate) -> dict[str, Any]:
    """A candidate as plain data (kept in the build environment): every field, each mention
    with its text, without its file (the article it was found in)."""
    record = dict(candidate.__dict__)
    record["mentions"] = [[m.line, m.start, m.end, m.text] for m in candidate.mentions]
    return record


def from_record(record: Mapping[str, Any], file: str) -> Candidate:
    """The candidate :func:`as_record` kept, its mentions in ``file``."""
    fields = dict(record)
    fields["mentions"] = [Occurrence(file, *mention) for mention in record["mentions"]]
    return Candidate(**fields)


def _candidate_key(candidate: Candidate) -> tuple[str, ...]:
    if candidate.variant_of is not None:
        return ("variant", candidate.variant_of)
    if candidate.iso or candidate.country:
        return ("place", candidate.english or candidate.text)
    return ("name", name_key(cues.words_of(candidate.text)))


__all__ = [
    "ARTICLE_KINDS",
    "MIN_SCORE",
    "Finder",
    "article_lines",
    "article_text",
    "as_record",
    "credit_regions",
    "find_candidates",
    "from_record",
    "merge",
]
