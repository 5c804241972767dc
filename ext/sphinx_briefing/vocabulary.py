"""The words every stage shares: entry types, relation types, editions, text direction.

The ground floor of the package: it imports nothing of the package but :mod:`resources`, so
every other module may import it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Literal

from jsonschema import Draft202012Validator

from sphinx_briefing import resources

#: The glossary's entry types, in the order the glossary pages list them. ``other`` holds the
#: names that are none of the five (weapons, products, ships...).
TYPES = ("person", "place", "organization", "agreement", "event", "other")

#: Entry types as readers see them (English msgids, translated through the catalogue).
TYPE_LABELS = {
    "person": "Person",
    "place": "Place",
    "organization": "Organization",
    "agreement": "Agreement",
    "event": "Event",
    "other": "Other",
}

#: An entry's review status: ``draft`` (written by ``briefing candidates --write``, shown with
#: a badge and listed on the "to review" page) or ``reviewed`` (the default).
STATUSES = ("draft", "reviewed")

#: Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"})

#: Where ``briefing_pdf_in_html`` puts the PDF inside the HTML output.
HTML_PDF_DIR = "_downloads/pdf"

RELATION_TYPES_PATH = resources.DATA / "relation-types.json"
RELATION_TYPES_SCHEMA_PATH = resources.SCHEMAS / "relation-types.schema.json"

#: ``graph``: between two entries in a drawing; ``entry``: before the target on an entry's page.
Frame = Literal["graph", "entry"]


def is_rtl(language: str | None) -> bool:
    """Whether ``language`` (``ar``, ``ar_EG``, ``fa-IR``…) is written right to left."""
    return bool(language) and re.split(r"[-_]", language or "")[0].lower() in RTL_LANGUAGES


def edition_language(language: str | None) -> str:
    """Which of an entry's fields an edition shows: ``ar`` in the Arabic original, ``en`` in
    any other edition (entries have Arabic and English fields only)."""
    return "ar" if (language or "ar") == "ar" else "en"


@cache
def relation_types() -> dict[str, dict[str, object]]:
    """The relation types from ``data/relation-types.json``: ``{"met": {"symmetric": True,
    "graph": {"ar": "التقى", "en": "met"}, "entry": {"ar": "لقاء مع", "en": "met"}}, ...}``.

    Validated against ``schemas/relation-types.schema.json``; a bad file raises ValueError.
    """
    schema = json.loads(RELATION_TYPES_SCHEMA_PATH.read_text(encoding="utf-8"))
    data = json.loads(RELATION_TYPES_PATH.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise ValueError(f"{RELATION_TYPES_PATH}: {where}: {errors[0].message}")
    types: dict[str, dict[str, object]] = data
    return types


def relation_label(type: str, frame: Frame = "graph") -> tuple[str, str]:
    """The (Arabic, English) label of a relation type in a frame, e.g. ``("التقى", "met")``."""
    found = relation_types().get(type)
    if found is None:
        known = ", ".join(sorted(relation_types()))
        raise ValueError(f"unknown relation type {type!r} (known types: {known})")
    labels = found[frame]
    assert isinstance(labels, dict)
    return str(labels["ar"]), str(labels["en"])


def symmetric_relations() -> frozenset[str]:
    """The relation types that read the same both ways (drawn once, without an arrow)."""
    return frozenset(kind for kind, data in relation_types().items() if data["symmetric"])
