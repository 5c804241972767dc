"""Glossary data: one TOML file per entry, validated against the shipped JSON Schema.

:func:`load` never raises on bad data: every problem becomes a :class:`Problem` naming
the file, the line and the field, and an entry with schema errors is left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from sphinx_briefing import resources
from sphinx_briefing.text.linker import Alias, tokens
from sphinx_briefing.text.normalise import fold_text

SCHEMA_PATH = resources.SCHEMAS / "glossary-entry.schema.json"

#: Where entries refer to other entries, as paths into the entry's data.
_REFERENCE_FIELDS = (
    ("person", "country"),
    ("person", "positions", "*", "organization"),
    ("place", "country"),
    ("organization", "country"),
    ("agreement", "signed_at"),
    ("agreement", "parties", "*"),
    ("event", "place"),
    ("event", "participants", "*"),
    ("relations", "*", "target"),
)


@dataclass(frozen=True)
class Problem:
    """Something wrong in the glossary data, at ``path:line`` in ``field``."""

    path: Path
    line: int
    field: str
    message: str
    #: Warning subtype: schema, duplicate-id, missing-target, date, ambiguous-alias.
    subtype: str


@dataclass(frozen=True)
class Entry:
    """One glossary entry, as read from its file."""

    id: str
    type: str
    data: dict[str, Any]
    path: Path

    @property
    def names(self) -> dict[str, str]:
        """Headword (``ar``), English name (``en``) and native-script names."""
        names: dict[str, str] = self.data["names"]
        return names

    def aliases(self, lang: str) -> list[str]:
        """Every name of the entry in ``lang``: the headword first, then the aliases."""
        found = [self.names[lang]] if lang in self.names else []
        found += [a for a in self.data.get("aliases", {}).get(lang, []) if a not in found]
        return found

    def adjectives(self, lang: str) -> list[str]:
        """Nisba adjectives and demonyms in ``lang``."""
        adjectives: list[str] = self.data.get("adjectives", {}).get(lang, [])
        return adjectives

    def linker_aliases(self, lang: str = "ar") -> Iterator[Alias]:
        """What the linker looks for, in ``lang``."""
        for text in self.aliases(lang):
            yield Alias(text, self.id, "name")
        for text in self.adjectives(lang):
            yield Alias(text, self.id, "adjective")

    @property
    def description(self) -> dict[str, str]:
        """short_ar, short_en, and optionally long_ar, long_en."""
        description: dict[str, str] = self.data["description"]
        return description


@dataclass
class Glossary:
    """Every valid entry and every problem found while reading them."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of_type(self, kind: str, lang: str = "ar") -> list[Entry]:
        """Entries of one type, in alphabetical order of their names in ``lang``: the
        Arabic headword (``ar``) or the English name (any other edition)."""
        chosen = [e for e in self.entries.values() if e.type == kind]
        return sorted(chosen, key=lambda e: (sort_key(e, lang), e.id))

    def aliases(self, lang: str = "ar") -> list[Alias]:
        """All aliases of all entries in ``lang``, in a stable order."""
        return [
            a
            for entry_id in sorted(self.entries)
            for a in self.entries[entry_id].linker_aliases(lang)
        ]

    def fingerprint(self, part: str = "all") -> str:
        """A hash of the data (``all``) or of what linking depends on (``aliases``)."""
        digest = hashlib.sha256()
        for entry_id in sorted(self.entries):
            entry = self.entries[entry_id]
            if part == "aliases":
                payload: Any = [
                    entry.type,
                    entry.data.get("names"),
                    entry.data.get("aliases"),
                    entry.data.get("adjectives"),
                ]
            else:
                payload = entry.data
            digest.update(
                json.dumps([entry_id, payload], sort_keys=True, ensure_ascii=False).encode()
            )
        return digest.hexdigest()


def arabic_sort_key(name: str) -> str:
    """Sort key for Arabic alphabetical order: folded, the article ال ignored."""
    folded = fold_text(name)
    return folded[2:] if folded.startswith("ال") and len(folded) > 3 else folded


def english_sort_key(name: str) -> str:
    """Sort key for English alphabetical order: case and accents folded, a leading "The"
    ignored (The Hague files under H)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
    return folded[4:] if folded.startswith("the ") and len(folded) > 4 else folded


def sort_key(entry: Entry, lang: str = "ar") -> str:
    """An entry's sort key in an edition: Arabic order of the headword in the Arabic
    edition, English order of the English name in any other."""
    if lang == "ar":
        return arabic_sort_key(entry.names["ar"])
    return english_sort_key(entry.names["en"])


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _plain(value: Any) -> Any:
    """TOML dates become ISO strings, as the schema expects."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+?)\s*=")


def locate(text: str, where: Sequence[str | int]) -> int:
    """The 1-based line of ``text`` (TOML) that holds the field at path ``where``."""
    target = [str(p) for p in where]
    counters: dict[str, int] = {}
    table: list[str] = []
    best_line, best_depth = 1, 0
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            parts = [p.strip().strip('"') for p in header.group(2).split(".")]
            if header.group(1) == "[[":
                key = ".".join(parts)
                counters[key] = counters.get(key, -1) + 1
                table = [*parts, str(counters[key])]
            else:
                table = parts
            path = table
        else:
            key_match = _KEY.match(line)
            if not key_match:
                continue
            path = [*table, *(p.strip('"') for p in key_match.group(1).split("."))]
        depth = 0
        for have, want in zip(path, target, strict=False):
            if have != want:
                break
            depth += 1
        if depth == len(path) and depth > best_depth:
            best_line, best_depth = number, depth
            if depth == len(target):
                break
    return best_line


def _references(data: Any, path: tuple[str, ...]) -> Iterator[tuple[list[str | int], str]]:
    """(where, id) for each reference at ``path`` ('*' walks a list)."""
    if not path:
        if isinstance(data, str):
            yield [], data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                for where, ref in _references(item, rest):
                    yield [index, *where], ref
    elif isinstance(data, dict) and head in data:
        for where, ref in _references(data[head], rest):
            yield [head, *where], ref


def _dates(data: Any, where: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _dates(value, [*where, key])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _dates(value, [*where, index])
    elif isinstance(data, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data):
        yield where, data


def _read(path: Path, glossary: Glossary) -> tuple[dict[str, Any], str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        glossary.problems.append(Problem(path, 1, "", f"not UTF-8 ({err.reason})", "schema"))
        return None
    try:
        data = _plain(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        line = int(found.group(1)) if found else 1
        glossary.problems.append(Problem(path, line, "", f"invalid TOML: {err}", "schema"))
        return None
    return data, text


def _field(where: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in where) or "(entry)"


def load(directory: Path) -> Glossary:
    """Read and check every ``*.toml`` under ``directory``."""
    glossary = Glossary()
    texts: dict[str, str] = {}
    for path in sorted(directory.rglob("*.toml")) if directory.is_dir() else []:
        read = _read(path, glossary)
        if read is None:
            continue
        data, text = read
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
        for error in errors:
            where = list(error.absolute_path)
            glossary.problems.append(
                Problem(path, locate(text, where), _field(where), error.message, "schema")
            )
        bad_dates = [(w, d) for w, d in _dates(data, []) if not _real_date(d)]
        for where, value in bad_dates:
            glossary.problems.append(
                Problem(
                    path, locate(text, where), _field(where), f"{value!r} is not a date", "date"
                )
            )
        if errors or bad_dates:
            continue
        entry = Entry(data["id"], data["type"], data, path)
        if entry.id in glossary.entries:
            first = glossary.entries[entry.id].path
            glossary.problems.append(
                Problem(
                    path,
                    locate(text, ["id"]),
                    "id",
                    f"duplicate id {entry.id!r} (also in {first})",
                    "duplicate-id",
                )
            )
            continue
        glossary.entries[entry.id] = entry
        texts[entry.id] = text
    _check_references(glossary, texts)
    _check_ambiguity(glossary, texts)
    return glossary


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_references(glossary: Glossary, texts: dict[str, str]) -> None:
    for entry in list(glossary.entries.values()):
        for fields in _REFERENCE_FIELDS:
            for where, ref in _references(entry.data, fields):
                if ref not in glossary.entries:
                    glossary.problems.append(
                        Problem(
                            entry.path,
                            locate(texts[entry.id], where),
                            _field(where),
                            f"refers to {ref!r}, which is not a glossary entry",
                            "missing-target",
                        )
                    )


def _check_ambiguity(glossary: Glossary, texts: dict[str, str]) -> None:
    owners: dict[tuple[str, str], str] = {}
    for lang in ("ar", "en"):
        for alias in glossary.aliases(lang):
            key = (lang, " ".join(t.text for t in tokens(fold_text(alias.text))))
            owner = owners.setdefault(key, alias.entity)
            if owner != alias.entity:
                entry = glossary.entries[alias.entity]
                section = "adjectives" if alias.kind == "adjective" else "aliases"
                glossary.problems.append(
                    Problem(
                        entry.path,
                        locate(texts[entry.id], [section, lang]),
                        f"{section}.{lang}",
                        f"alias {alias.text!r} is also claimed by {owner!r}; "
                        f"the linker uses {owner!r}",
                        "ambiguous-alias",
                    )
                )
