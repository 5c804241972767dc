"""What a drawing shows of a large glossary: the entries the articles mention most, and the
facts and relations among them.

A drawing in a 720 px column can show a few dozen labelled things and stay readable; a
glossary grows to thousands of entries. So each drawing draws at most ``limit`` of them
(:data:`DEFAULT_LIMIT` unless the directive says otherwise; 0: all), chosen here, and the
list or table under it keeps everything. Pure and deterministic: ties are broken by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

#: Things a drawing draws when its directive gives no ``:limit:``.
DEFAULT_LIMIT = 40

T = TypeVar("T")


def top(things: Iterable[T], limit: int, key: Callable[[T], tuple[object, ...]]) -> list[T]:
    """The first ``limit`` of ``things`` by ``key`` (all of them when ``limit`` is 0), in
    their own order."""
    things = list(things)
    if limit <= 0 or len(things) <= limit:
        return things
    keep = {id(thing) for thing in sorted(things, key=key)[:limit]}
    return [thing for thing in things if id(thing) in keep]


def graph_nodes(
    candidates: Sequence[str],
    links: Iterable[tuple[str, str]],
    counts: Mapping[str, int],
    limit: int,
) -> set[str]:
    """The nodes a relationship graph draws: the most mentioned ``candidates`` (then the
    best connected), each with a relation to another drawn node. A node none of whose
    relations reaches a node already chosen comes with its best-ranked neighbour, so the
    drawing shows how the most mentioned entries relate rather than a scatter of boxes.
    ``links`` are the relations between candidates, either way round."""
    if limit <= 0 or len(candidates) <= limit:
        return set(candidates)
    neighbours: dict[str, set[str]] = {node: set() for node in candidates}
    for a, b in links:
        if a in neighbours and b in neighbours and a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    ranked = sorted(candidates, key=lambda n: (-counts.get(n, 0), -len(neighbours[n]), n))
    rank = {node: position for position, node in enumerate(ranked)}
    chosen: dict[str, None] = {}  # ordered
    for node in ranked:
        if len(chosen) >= limit:
            break
        if node in chosen:
            continue
        if not neighbours[node] or neighbours[node] & chosen.keys():
            chosen[node] = None
            continue
        if len(chosen) + 2 > limit:
            continue  # no room for a pair: the last place goes to a node that joins in
        chosen[node] = None
        chosen[min(neighbours[node], key=rank.__getitem__)] = None
    return set(chosen)


def counts_text(shown: int, total: int, lang: str) -> tuple[str, str]:
    """The two numbers as the note under a drawing writes them in the edition's language
    (thousands separated in English)."""
    if lang == "ar":
        return str(shown), str(total)
    return f"{shown:,}", f"{total:,}"
