"""Draft glossary entries from candidates (``briefing candidates --write DIR``).

A new name becomes ``DIR/<id>.toml`` with ``status = "draft"``: its headword, an English name
(the gazetteer's, or a transliteration marked as a suggestion), the other spellings as
aliases, empty descriptions for the editor, the articles as ``[[sources]]`` and what the
gazetteer knows of a place. A new spelling of a known entry (``variant_of``) is added to the
``[aliases] ar`` list of that entry's file, with tomlkit, so its comments and layout stay.

Nothing outside ``DIR`` is written, no file is overwritten, no alias is listed twice (folded
forms compared), and every file written is checked against the entry schema first: a
candidate that cannot be written safely is skipped with its reason.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Array, InlineTable, Table

from sphinx_briefing.candidates import cues
from sphinx_briefing.candidates.model import Candidate, Source
from sphinx_briefing.glossary import SCHEMA_PATH, Entry, Glossary, alias_refusal, schema_errors
from sphinx_briefing.text.normalise import fold_text
from sphinx_briefing.text.transliterate import slugify, to_ascii
from sphinx_briefing.text.urls import safe_url

#: The note at the top of every draft: what to do before it is reviewed.
DRAFT_NOTE = (
    "A draft written by `briefing candidates --write`: check the names, write the\n"
    'descriptions, then set status = "reviewed" (or delete the status line).'
)
#: The comment beside an English name that is a transliteration, not a known name.
GUESS_NOTE = "a transliteration: check the English spelling"

_ISO = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


@dataclass(frozen=True)
class Skipped:
    """A candidate that was not written, and why."""

    candidate: Candidate
    reason: str


@dataclass
class DraftReport:
    """What :func:`write_drafts` did."""

    #: New draft files, in the order of the candidates.
    created: list[Path] = field(default_factory=list)
    #: Existing entry files given new aliases, with the spellings added to each.
    aliased: dict[Path, list[str]] = field(default_factory=dict)
    #: Candidates left alone, each with its reason.
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> list[str]:
        """One line per file written or candidate skipped, for the command's output."""
        lines = [f"created {path}" for path in self.created]
        lines += [f"{path}: new aliases {', '.join(added)}" for path, added in self.aliased.items()]
        lines += [f"skipped {s.candidate.text!r}: {s.reason}" for s in self.skipped]
        return lines


def write_drafts(
    candidates: Sequence[Candidate],
    directory: Path,
    glossary: Glossary,
    sources: Mapping[str, Source],
) -> DraftReport:
    """Write a draft entry into ``directory`` for each new candidate and add each variant's
    new spellings to its entry's file (when that file is inside ``directory``).

    ``sources`` maps an :class:`Occurrence`'s ``file`` to the article's :class:`Source`."""
    report = DraftReport()
    root = directory.resolve()
    # Folded names and aliases already taken, by entry id: none may be given twice.
    taken: dict[str, str] = {}
    for entry in glossary.entries.values():
        for name in _arabic_names(entry):
            taken.setdefault(fold_text(name), entry.id)
    ids = set(glossary.entries)
    for candidate in candidates:
        if candidate.variant_of is not None:
            reason = _add_aliases(candidate, root, glossary, taken, report)
        else:
            reason = _create(candidate, root, ids, taken, sources, report)
        if reason is not None:
            report.skipped.append(Skipped(candidate, reason))
    return report


def _arabic_names(entry: Entry) -> list[str]:
    return [*entry.aliases("ar"), *entry.adjectives("ar")]


def _new_spellings(spellings: Sequence[str], taken: Mapping[str, str]) -> list[str]:
    """The spellings that are neither taken nor refused by the loader, each once (folded)."""
    found: list[str] = []
    seen: set[str] = set()
    for spelling in spellings:
        folded = fold_text(spelling)
        if folded in taken or folded in seen or alias_refusal(spelling) is not None:
            continue
        seen.add(folded)
        found.append(spelling)
    return found


# -- aliases of known entries ---------------------------------------------------------------


def _add_aliases(
    candidate: Candidate,
    root: Path,
    glossary: Glossary,
    taken: dict[str, str],
    report: DraftReport,
) -> str | None:
    """Add the candidate's new spellings to its entry's file; the reason it was not, or None."""
    entry = glossary.entries.get(str(candidate.variant_of))
    if entry is None:
        return f"no glossary entry {candidate.variant_of!r} to add the spellings to"
    path = entry.path.resolve()
    if not path.is_relative_to(root):
        return f"{entry.path} is outside {root}: not changed"
    added = _new_spellings(candidate.spellings(), taken)
    if not added:
        return f"every spelling is already a name of {entry.id!r}"
    try:
        text = path.read_text(encoding="utf-8")
        changed = _with_aliases(text, added)
    except (OSError, UnicodeDecodeError, ValueError, tomllib.TOMLDecodeError) as err:
        return f"{entry.path}: cannot add the aliases ({err})"
    errors = schema_errors(tomllib.loads(changed))
    if errors:
        return f"{entry.path}: the aliases would make it invalid ({errors[0]})"
    path.write_bytes(changed.encode("utf-8"))  # bytes: the file's own line ends stay
    for spelling in added:
        taken[fold_text(spelling)] = entry.id
    report.aliased.setdefault(entry.path, []).extend(added)
    return None


def _with_aliases(text: str, added: list[str]) -> str:
    """``text`` with ``added`` at the end of ``[aliases] ar``, all else as it was; ValueError
    when that cannot be done without changing the file's other data."""
    before = tomllib.loads(text)
    document = tomlkit.parse(text)
    aliases = document.get("aliases")
    if aliases is None:
        changed = _insert_aliases_table(text, added)
    elif not isinstance(aliases, Table | InlineTable):
        raise ValueError("[aliases] is not a table")
    else:
        current = aliases.get("ar")
        if current is None:
            aliases["ar"] = added
        elif isinstance(current, Array):
            current.extend(added)
        else:
            raise ValueError("aliases.ar is not a list")
        changed = tomlkit.dumps(document)
    expected = dict(before)
    expected["aliases"] = {**before.get("aliases", {})}
    expected["aliases"]["ar"] = [*before.get("aliases", {}).get("ar", []), *added]
    if tomllib.loads(changed) != expected:
        raise ValueError("the file would not read back as written")
    return changed


def _insert_aliases_table(text: str, added: list[str]) -> str:
    """A new ``[aliases]`` table after ``[names]`` (before the next table), else at the end."""
    block = "[aliases]\nar = " + json.dumps(added, ensure_ascii=False) + "\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    block = block.replace("\n", newline)
    lines = text.splitlines(keepends=True)
    names = next((i for i, line in enumerate(lines) if line.strip() == "[names]"), None)
    if names is not None:
        for index in range(names + 1, len(lines)):
            if lines[index].startswith("["):
                candidate = "".join([*lines[:index], block, newline, *lines[index:]])
                try:
                    tomllib.loads(candidate)
                except tomllib.TOMLDecodeError:
                    break
                return candidate
    ending = "" if not text or text.endswith(("\n", "\r")) else newline
    return f"{text}{ending}{newline}{block}"


# -- new entries ----------------------------------------------------------------------------


def _create(
    candidate: Candidate,
    root: Path,
    ids: set[str],
    taken: dict[str, str],
    sources: Mapping[str, Source],
    report: DraftReport,
) -> str | None:
    """Write the candidate's draft entry; the reason it was not written, or None."""
    headword = candidate.text.strip()
    folded = fold_text(headword)
    if not headword:
        return "no headword"
    if folded in taken:
        return f"already a name of {taken[folded]!r}"
    why = alias_refusal(headword)
    if why is not None:
        return f"the headword {why}"
    english = (candidate.english or "").strip()
    guess = candidate.english_is_guess or not english
    if not english:
        english = " ".join(word.capitalize() for word in to_ascii(headword).split())
    base = slugify(english) or slugify(headword)
    if not base or not english:
        return "no ASCII form of the name for an id"
    entry_id, path = _free_id(base, root, ids)
    data = _entry_data(candidate, entry_id, headword, english, taken, sources)
    errors = schema_errors(data)
    if errors:
        return f"the draft would not be valid ({errors[0]})"
    text = _render(data, guess)
    if tomllib.loads(text) != data:  # what is written is what was checked
        return "the draft would not read back as written"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite
            handle.write(text)
    except OSError as err:
        return f"{path}: cannot write ({err.strerror or err})"
    ids.add(entry_id)
    for name in [headword, *data.get("aliases", {}).get("ar", [])]:
        taken[fold_text(name)] = entry_id
    report.created.append(path)
    return None


def _free_id(base: str, root: Path, ids: set[str]) -> tuple[str, Path]:
    """``base``, else ``base-2``, ``base-3``...: an id no entry has and no file is named
    after (anywhere under ``root``, so the loader never sees two files for one id)."""
    existing = {p.stem for p in root.rglob("*.toml")} if root.is_dir() else set()
    number = 1
    while True:
        entry_id = base if number == 1 else f"{base}-{number}"
        if entry_id not in ids and entry_id not in existing:
            return entry_id, root / f"{entry_id}.toml"
        number += 1


def _entry_data(
    candidate: Candidate,
    entry_id: str,
    headword: str,
    english: str,
    taken: Mapping[str, str],
    sources: Mapping[str, Source],
) -> dict[str, Any]:
    """The draft's data, in the order it is written."""
    data: dict[str, Any] = {
        "id": entry_id,
        "type": candidate.type,
        "status": "draft",
        "names": {"ar": headword, "en": english},
    }
    spellings = candidate.spellings()
    family = _family_name(candidate, headword)
    if family is not None:
        spellings.append(family)
    others = _new_spellings(spellings, {**taken, fold_text(headword): entry_id})
    if others:
        data["aliases"] = {"ar": others}
    data["description"] = {"short_ar": "", "short_en": ""}
    place = _place(candidate)
    if place:
        data["place"] = place
    cited = _sources(candidate, sources)
    if cited:
        data["sources"] = cited
    return data


def _family_name(candidate: Candidate, headword: str) -> str | None:
    """A person's family name as an alias, when it is safe to link: the last word (with its
    particle: أبو النصر), no given name, no common noun, four letters or more. The linker
    links a person's one-word name only after the full name in the same article."""
    words = headword.split()
    if candidate.type != "person" or len(words) < 2 or "-" in headword:
        return None
    known = cues.load()
    folded = [" ".join(cues.words_of(word)) for word in words]
    if len(words) > 2 and folded[-2] in known.name_particles:
        return " ".join(words[-2:])  # أبو النصر, عبد الغفار: the particle makes it a name
    if folded[-1] in known.foreign_particles or folded[-2] in known.foreign_particles:
        return None  # فان ديك: the particle goes with the name
    last = folded[-1]
    plain = last[2:] if last.startswith("ال") else last
    if (
        len(plain) < 4
        or last in known.given_names
        or plain in known.given_names
        or last in known.stops
        or known.common(((last, 0),))
    ):
        return None
    return words[-1]


def _place(candidate: Candidate) -> dict[str, Any]:
    """What the gazetteer knows of a place, the values the schema accepts."""
    if candidate.type != "place":
        return {}
    place: dict[str, Any] = {}
    if candidate.place_kind in _place_kinds():
        place["kind"] = candidate.place_kind
    if candidate.iso and _ISO.fullmatch(candidate.iso):
        place["iso"] = candidate.iso
    lat, lon = candidate.lat, candidate.lon
    if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
        place["lat"] = float(lat)
        place["lon"] = float(lon)
    return place


def _place_kinds() -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    kinds: list[str] = schema["properties"]["place"]["properties"]["kind"]["enum"]
    return kinds


def _sources(candidate: Candidate, sources: Mapping[str, Source]) -> list[dict[str, str]]:
    """The article of each file the candidate was seen in, once each, in order of first
    mention; fields the schema would refuse (an empty title, a script address) left out."""
    found: list[dict[str, str]] = []
    for file in dict.fromkeys(m.file for m in candidate.mentions):
        source = sources.get(file)
        if source is None or not source.get("title", "").strip():
            continue
        item = {"title": source["title"].strip()}
        if source.get("publisher", "").strip():
            item["publisher"] = source.get("publisher", "").strip()
        url = safe_url(source.get("url", ""))
        if url and url.startswith(("http://", "https://")):
            item["url"] = url
        if _DATE.fullmatch(source.get("date", "")):
            item["date"] = source.get("date", "")
        if item not in found:
            found.append(item)
    return found


def _render(data: dict[str, Any], guess: bool) -> str:
    """The draft's TOML: the note on top, the English name marked when it is a guess."""
    document = tomlkit.document()
    for line in DRAFT_NOTE.splitlines():
        document.add(tomlkit.comment(line))
    for key in ("id", "type", "status"):
        document.add(key, data[key])
    document.add(tomlkit.nl())
    names = tomlkit.table()
    names.add("ar", data["names"]["ar"])
    english = tomlkit.item(data["names"]["en"])
    if guess:
        english.comment(GUESS_NOTE)
    names.add("en", english)
    document.add("names", names)
    for key in ("aliases", "description", "place"):
        if key in data:
            table = tomlkit.table()
            for name, value in data[key].items():
                table.add(name, value)
            if key == "description":
                table.comment("for the editor: one sentence each, Arabic and English")
            document.add(key, table)
    if "sources" in data:
        cited = tomlkit.aot()
        for source in data["sources"]:
            item = tomlkit.table()
            for name, value in source.items():
                item.add(name, value)
            cited.append(item)
        document.add("sources", cited)
    return tomlkit.dumps(document)
