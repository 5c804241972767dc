"""Glossary data: one TOML file per entry, validated against the shipped JSON Schema.

:func:`load` never raises on bad data: every problem becomes a :class:`Problem` naming
the file, the line and the field, and an entry with schema errors is left out. Data that is
valid but would hurt the book is refused piece by piece, the entry kept:

- an alias or adjective that is empty, one letter, or only stopwords
  (``data/stopwords.json``, folded as the linker folds) is dropped from the entry; such a
  name stays the headword but is never given to the linker (:func:`alias_refusal`);
- of two files with the same id, the one named ``<id>.toml`` is used (else the first in
  sorted order);
- a relation of an entry to itself is dropped; a circle of ``part-of``/``located-in``
  relations is reported and kept as written.

A draft (``status = "draft"``, written by ``briefing candidates --write``) may leave its
description empty: it loads without a problem and shows :func:`description_placeholder`
until the editor writes one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from jsonschema import Draft202012Validator

from sphinx_briefing import resources
from sphinx_briefing.cache import CheckedContents, source_digest
from sphinx_briefing.text.linker import Alias, tokens
from sphinx_briefing.text.normalise import TABLES, fold_text
from sphinx_briefing.text.toml_lines import locate
from sphinx_briefing.text.urls import safe_url

SCHEMA_PATH = resources.SCHEMAS / "glossary-entry.schema.json"
STOPWORDS_PATH = resources.DATA / "stopwords.json"
STOPWORDS_SCHEMA_PATH = resources.SCHEMAS / "stopwords.schema.json"

#: What a draft shows for a short description not written yet: an interface message, its
#: translations in the interface catalogues (``locale/<lang>/LC_MESSAGES/sphinx.po``).
DESCRIPTION_PLACEHOLDER = "Description to be written"

#: Relation types that place an entry inside another: a chain of them must not circle back.
CONTAINMENT = ("part-of", "located-in")

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
    #: Warning subtype: schema, duplicate-id, missing-target, date, ambiguous-alias,
    #: refused-alias, self-relation, relation-cycle, url.
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
        """What the linker looks for, in ``lang``: names, aliases and adjectives, less those
        :func:`alias_refusal` refuses (a stopword headword stays the headword, unlinked)."""
        for text in self.aliases(lang):
            if alias_refusal(text) is None:
                yield Alias(text, self.id, "name")
        for text in self.adjectives(lang):
            if alias_refusal(text) is None:
                yield Alias(text, self.id, "adjective")

    @property
    def status(self) -> str:
        """``draft`` or ``reviewed`` (the default, when the file says nothing)."""
        status: str = self.data.get("status", "reviewed")
        return status

    @property
    def is_draft(self) -> bool:
        """Whether the entry is a draft still to be reviewed."""
        return self.status == "draft"

    @property
    def description(self) -> dict[str, str]:
        """short_ar, short_en, and optionally long_ar, long_en. A draft's short description
        not written yet is :func:`description_placeholder` in its language (see
        :attr:`unwritten`); an empty long one is left out."""
        written = {k: v for k, v in self.data.get("description", {}).items() if v}
        for lang in ("ar", "en"):
            written.setdefault(f"short_{lang}", description_placeholder(lang))
        return written

    @property
    def unwritten(self) -> frozenset[str]:
        """The short description fields that show the placeholder (a draft's, not written)."""
        written = self.data.get("description", {})
        return frozenset(f for f in ("short_ar", "short_en") if not written.get(f))


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
                    # What the linker is given: a headword refused by a new stopword list
                    # changes the links too.
                    [a.text for lang in ("ar", "en") for a in entry.linker_aliases(lang)],
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


def schema_errors(data: dict[str, Any]) -> list[str]:
    """What the schema finds wrong in an entry's data (TOML dates as ISO strings), each as
    ``field: message``; empty when the data is valid."""
    errors = sorted(_validator().iter_errors(_plain(data)), key=lambda e: list(map(str, e.path)))
    return [f"{_field(list(e.absolute_path))}: {e.message}" for e in errors]


@cache
def description_placeholder(lang: str) -> str:
    """:data:`DESCRIPTION_PLACEHOLDER` in ``lang`` (``ar``, ``en``): the translation in the
    extension's interface catalogue, the English message where there is none."""
    po = resources.LOCALE / lang / "LC_MESSAGES" / "sphinx.po"
    if po.is_file():
        with po.open("rb") as handle:
            message = read_po(handle, locale=lang).get(DESCRIPTION_PLACEHOLDER)
        if message is not None and isinstance(message.string, str) and message.string:
            return message.string
    return DESCRIPTION_PLACEHOLDER


@cache
def stopwords() -> frozenset[str]:
    """The folded words no alias may consist of: ``data/stopwords.json`` (validated against
    ``schemas/stopwords.schema.json``; a bad file raises ValueError) and the search
    language's stopwords (``data/arabic.json``), so the two lists cannot disagree."""
    schema = json.loads(STOPWORDS_SCHEMA_PATH.read_text(encoding="utf-8"))
    data = json.loads(STOPWORDS_PATH.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise ValueError(f"{STOPWORDS_PATH}: {where}: {errors[0].message}")
    words = [*data["ar"], *data["en"], *TABLES["stopwords"]]
    return frozenset(fold_text(word) for word in words)


@cache
def alias_refusal(text: str) -> str | None:
    """Why the linker must not look for ``text``, or None if it may.

    Refused: an empty or blank text; a text with one letter or digit, or none, once folded
    (``ـب``, ``A.``); a text whose every word folds to a stopword (``في``, ``فى``, ``The``,
    ``of the``). The words are those the linker matches: :func:`fold_text`, then
    :func:`tokens`."""
    if not text.strip():
        return "is empty"
    words = [t.text for t in tokens(fold_text(text))]
    letters = sum(len(word) for word in words)
    if letters == 0:
        return "has no letter or digit"
    if letters == 1:
        return "is a single letter"
    if all(word in stopwords() for word in words):
        return "is a stopword" if len(words) == 1 else "is only stopwords"
    return None


def _plain(value: Any) -> Any:
    """TOML dates become ISO strings, as the schema expects."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


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
    except OSError as err:
        glossary.problems.append(Problem(path, 1, "", f"unreadable: {err.strerror}", "schema"))
        return None
    try:
        data = _plain(tomllib.loads(text))
    except RecursionError:
        glossary.problems.append(Problem(path, 1, "", "nested too deeply to read", "schema"))
        return None
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        line = int(found.group(1)) if found else 1
        glossary.problems.append(Problem(path, line, "", f"invalid TOML: {err}", "schema"))
        return None
    return data, text


def _drop_unsafe_urls(path: Path, data: dict[str, Any], text: str, glossary: Glossary) -> None:
    """A source address that is not ``http``/``https`` (``javascript:``, ``data:``...) is
    left out with a located warning; the source and its entry stay."""
    sources = data.get("sources")
    if not isinstance(sources, list):
        return
    for index, source in enumerate(sources):
        url = source.get("url") if isinstance(source, dict) else None
        if isinstance(url, str) and safe_url(url) is None:
            where: list[str | int] = ["sources", index, "url"]
            message = f"{url!r} is not an http or https address: left out"
            glossary.problems.append(
                Problem(path, locate(text, where), _field(where), message, "url")
            )
            del source["url"]


def _field(where: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in where) or "(entry)"


def locate_item(text: str, where: Sequence[str | int], index: int) -> int:
    """The 1-based line of item ``index`` of the array of strings at ``where`` (an alias
    in a list written over several lines); the line of the key if the array is not written
    as ``key = [...]`` (an inline table, say)."""
    line = locate(text, where)
    lines = text.split("\n")
    equals = lines[line - 1].find("=")
    if equals < 0:
        return line
    rest = "\n".join([lines[line - 1][equals + 1 :], *lines[line:]])
    position = len(rest) - len(rest.lstrip(" \t"))
    if not rest.startswith("[", position):
        return line
    depth, count, number = 0, -1, line
    while position < len(rest):
        char = rest[position]
        if char == "\n":
            number += 1
        elif char == "#":
            end = rest.find("\n", position)
            position = len(rest) if end < 0 else end
            continue
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                break
        elif char in "\"'":
            if depth == 1:
                count += 1
                if count == index:
                    return number
            end = _string_end(rest, position)
            number += rest.count("\n", position, end)
            position = end
            continue
        position += 1
    return line


def _string_end(text: str, start: int) -> int:
    """Where the TOML string literal opening at ``start`` ends (just past its last quote)."""
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    position = start + len(delimiter)
    while position < len(text):
        if quote == '"' and text[position] == "\\":
            position += 2
            continue
        if text.startswith(delimiter, position):
            end = position + len(delimiter)
            while delimiter != quote and text.startswith(quote, end) and end - position < 5:
                end += 1  # """a"""" ends with the quote inside: up to two more
            return end
        if delimiter == quote and text[position] == "\n":
            return position
        position += 1
    return len(text)


@dataclass(frozen=True)
class _File:
    """An entry file that passed the schema: its path, data and text."""

    path: Path
    data: dict[str, Any]
    text: str


@cache
def _schema_check_key() -> str:
    """What a schema check's result depends on besides the file: the schema, this module
    (its reading of the file), the URL allow-list and the validator's version."""
    parts = (
        source_digest(load, SCHEMA_PATH),
        source_digest(safe_url),
        importlib.metadata.version("jsonschema"),
    )
    return "glossary-schema-" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load(directory: Path) -> Glossary:
    """Read and check every ``*.toml`` under ``directory`` (a file whose exact text passed
    the schema before on this machine is not checked against it again)."""
    glossary = Glossary()
    by_id: dict[str, list[_File]] = {}
    passed = CheckedContents(_schema_check_key())
    for path in sorted(directory.rglob("*.toml")) if directory.is_dir() else []:
        read = _read(path, glossary)
        if read is None:
            continue
        data, text = read
        _drop_unsafe_urls(path, data, text, glossary)
        errors = []
        if not passed.passed(text):
            errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
            if not errors:
                passed.add(text)
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
        by_id.setdefault(data["id"], []).append(_File(path, data, text))
    passed.save()
    chosen = [_choose(entry_id, files, directory, glossary) for entry_id, files in by_id.items()]
    texts: dict[str, str] = {}
    originals: dict[str, dict[str, Any]] = {}
    for file in sorted(chosen, key=lambda f: f.path):
        entry_id = file.data["id"]
        data = _refuse_aliases(file, glossary)
        data = _drop_self_relations(file, data, glossary)
        glossary.entries[entry_id] = Entry(entry_id, data["type"], data, file.path)
        texts[entry_id] = file.text
        originals[entry_id] = file.data
    _check_references(glossary, originals, texts)
    _check_cycles(glossary, originals, texts)
    _check_ambiguity(glossary, texts)
    return glossary


def _shown(path: Path, directory: Path) -> str:
    """``path`` as a message names it: relative to the glossary directory."""
    try:
        return str(path.relative_to(directory))
    except ValueError:
        return str(path)


def _choose(entry_id: str, files: list[_File], directory: Path, glossary: Glossary) -> _File:
    """The file used for ``entry_id``: the one named ``<id>.toml``, else the first in sorted
    order; each other file is a duplicate-id problem naming the one used."""
    named = [f for f in files if f.path.stem == entry_id]
    used = named[0] if named else files[0]
    if named:
        why = "as it is named after the id"
    else:
        why = f"as it comes first in sorted order and no file is named {entry_id}.toml"
    for file in files:
        if file is not used:
            glossary.problems.append(
                Problem(
                    file.path,
                    locate(file.text, ["id"]),
                    "id",
                    f"duplicate id {entry_id!r}: {_shown(used.path, directory)} is used, "
                    f"{why}; this file is left out",
                    "duplicate-id",
                )
            )
    return used


def _refuse_aliases(file: _File, glossary: Glossary) -> dict[str, Any]:
    """The entry's data without the aliases and adjectives :func:`alias_refusal` refuses
    (or listed twice), each a refused-alias problem at its own line. A refused ``ar`` or
    ``en`` name is a problem too, but stays: it is the headword, it is only never linked."""
    data = dict(file.data)
    for lang in ("ar", "en"):
        name = data["names"][lang]
        why = alias_refusal(name)
        if why is not None:
            glossary.problems.append(
                Problem(
                    file.path,
                    locate(file.text, ["names", lang]),
                    f"names.{lang}",
                    f"name {name!r} {why}: it stays the headword but is never linked",
                    "refused-alias",
                )
            )
    for section, kind in (("aliases", "alias"), ("adjectives", "adjective")):
        if section not in data:
            continue
        data[section] = dict(data[section])
        for lang, texts in data[section].items():
            kept: list[str] = []
            for index, text in enumerate(texts):
                why = alias_refusal(text)
                if why is None and text in kept:
                    why = "is listed twice"
                if why is None:
                    kept.append(text)
                    continue
                glossary.problems.append(
                    Problem(
                        file.path,
                        locate_item(file.text, [section, lang], index),
                        f"{section}.{lang}.{index}",
                        f"{kind} {text!r} {why}: left out, never linked",
                        "refused-alias",
                    )
                )
            data[section][lang] = kept
    return data


def _drop_self_relations(file: _File, data: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """``data`` without the relations of the entry to itself, each a self-relation problem."""
    relations: list[dict[str, Any]] = data.get("relations", [])
    kept: list[dict[str, Any]] = []
    for index, relation in enumerate(relations):
        if relation["target"] != data["id"]:
            kept.append(relation)
            continue
        where: list[str | int] = ["relations", index, "target"]
        glossary.problems.append(
            Problem(
                file.path,
                locate(file.text, where),
                _field(where),
                f"{relation['type']!r} relation of {data['id']!r} to itself: left out",
                "self-relation",
            )
        )
    if len(kept) == len(relations):
        return data
    return {**data, "relations": kept}


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_references(
    glossary: Glossary, originals: dict[str, dict[str, Any]], texts: dict[str, str]
) -> None:
    """Every reference names an entry (in the data as written, so lines are right)."""
    for entry in list(glossary.entries.values()):
        for fields in _REFERENCE_FIELDS:
            for where, ref in _references(originals[entry.id], fields):
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


#: A containment relation: (source, target, index in the source's relations, type).
_Edge = tuple[str, str, int, str]


def _check_cycles(
    glossary: Glossary, originals: dict[str, dict[str, Any]], texts: dict[str, str]
) -> None:
    """One relation-cycle problem per group of entries whose ``part-of``/``located-in``
    relations lead back to themselves, at the first relation of the shortest circle through
    the group's first id. The relations are kept: which one is wrong is the author's call."""
    edges: dict[str, list[_Edge]] = {}
    for entry_id in sorted(glossary.entries):
        for index, relation in enumerate(originals[entry_id].get("relations", [])):
            target = relation["target"]
            inside = relation["type"] in CONTAINMENT and target in glossary.entries
            if inside and target != entry_id:
                edges.setdefault(entry_id, []).append((entry_id, target, index, relation["type"]))
    reach = {node: _reachable(node, edges) for node in edges}
    done: set[str] = set()
    for start in sorted(reach):
        if start in done or start not in reach[start]:
            continue
        group = {n for n in reach[start] if start in reach.get(n, set())}
        done |= group
        circle = _shortest_circle(start, edges, group)
        chain = ", ".join(f"{s} {kind} {t}" for s, t, _, kind in circle)
        where: list[str | int] = ["relations", circle[0][2], "target"]
        glossary.problems.append(
            Problem(
                glossary.entries[start].path,
                locate(texts[start], where),
                _field(where),
                f"part-of/located-in relations go round in a circle: {chain} (kept as written)",
                "relation-cycle",
            )
        )


def _reachable(start: str, edges: dict[str, list[_Edge]]) -> set[str]:
    """Every entry reached from ``start`` by one or more edges."""
    seen: set[str] = set()
    todo = [t for _, t, _, _ in edges.get(start, [])]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += [t for _, t, _, _ in edges.get(node, [])]
    return seen


def _shortest_circle(start: str, edges: dict[str, list[_Edge]], group: set[str]) -> list[_Edge]:
    """The fewest edges from ``start`` back to it, within ``group`` (breadth first)."""
    came: dict[str, _Edge] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for edge in edges.get(node, []):
                target = edge[1]
                if target == start:
                    circle = [edge]
                    while circle[0][0] != start:
                        circle.insert(0, came[circle[0][0]])
                    return circle
                if target in group and target not in came:
                    came[target] = edge
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is in a group with no circle")


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
