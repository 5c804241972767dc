"""Where a field of a TOML file stands: the line to name in a warning.

``tomllib`` keeps no positions, so the line is found again in the text by following table
headers (``[a]``, ``[[a.b]]``) and keys; used for glossary entries and sidecars alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
