"""ASCII slugs from any file name or title: Arabic letters transliterated, accents dropped.

Used for article slugs when a file name has no Latin letters (every Arabic-named file would
otherwise get the same slug) and by ``briefing add`` for new file names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

from jsonschema import Draft202012Validator

from sphinx_briefing import resources

TABLE_PATH = resources.DATA / "transliteration.json"
SCHEMA_PATH = resources.SCHEMAS / "transliteration.schema.json"


@cache
def letters() -> dict[str, str]:
    """The letter table, validated against its schema (a bad file raises ValueError)."""
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        raise ValueError(f"{TABLE_PATH}: {errors[0].message}")
    table: dict[str, str] = data["letters"]
    return table


def to_ascii(text: str) -> str:
    """``text`` in ASCII: Arabic letters transliterated, other letters without their accents,
    everything else (harakat, symbols, other scripts) dropped."""
    table = letters()
    out = []
    for char in unicodedata.normalize("NFKD", text):
        if char in table:
            out.append(table[char])
        elif char.isascii():
            out.append(char)
    return "".join(out)


def slugify(text: str, limit: int = 60) -> str:
    """A slug: lower-case ASCII words joined by ``-``, at most ``limit`` characters (cut at a
    word boundary); empty when nothing in ``text`` has an ASCII form."""
    slug = re.sub(r"[^a-z0-9]+", "-", to_ascii(text).lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug
