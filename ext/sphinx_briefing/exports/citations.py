"""Citations of the book, its articles, sections, paragraphs and glossary entries.

One record per citable unit, kept as a CSL-JSON item (the format Zotero and citeproc
read), with stable keys (``briefing:<article>:s3``, ``briefing:<article>:p7``,
``briefing:entry:<id>``, ``briefing:<article>``, ``briefing:book``). Every other form —
Chicago, APA, MLA, BibTeX, RIS — is rendered from that item, here and in ``briefing cite``.

In an edition in another language (the English edition of the Arabic book) a translated
article's units carry the edition's title and language, the original headline as
``original-title``, the original's language as ``custom.original-language``, and a note naming
the original (:func:`translated_from`); every style shows them. Keys are the same in every
edition.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from babel import Locale, UnknownLocaleError

Item = dict[str, Any]
STYLES = ("chicago", "apa", "mla", "bibtex", "ris", "csl-json")


def key(slug: str, anchor: str = "") -> str:
    """The citation key of an article (``anchor`` empty) or one of its sections/paragraphs."""
    return f"briefing:{slug}:{anchor}" if anchor else f"briefing:{slug}"


def entry_key(entity: str) -> str:
    """The citation key of a glossary entry."""
    return f"briefing:entry:{entity}"


def paragraph_title(label: str, article_title: str) -> str:
    """The cited title of a paragraph: what it is and where (``¶7 of <article title>``)."""
    return f"{label} of {article_title}"


def section_title(label: str, heading: str, article_title: str) -> str:
    """The cited title of a section: its heading, and which section of which article it is
    (``<heading> (§3 of <article title>)``), so that no two sections share one title."""
    return f"{heading} ({label} of {article_title})" if heading else f"{label} of {article_title}"


def date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    """A date as CSL-JSON writes it."""
    return {"date-parts": [[day.year, day.month, day.day]]}


def _date_parts(value: str) -> dict[str, list[list[int]]] | None:
    parts = [int(p) for p in value.split("-") if p.isdigit()][:3]
    return {"date-parts": [parts]} if parts else None


def _year(item: Item) -> str:
    issued = item.get("issued", {}).get("date-parts", [[]])
    return str(issued[0][0]) if issued and issued[0] else "n.d."


def _date_text(item: Item, field: str = "issued") -> str:
    issued = item.get(field, {}).get("date-parts", [[]])
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued[0])) if issued else ""


def _author(item: Item) -> str:
    return ", ".join(a.get("literal", "") for a in item.get("author", []))


def language_name(code: str) -> str:
    """The English name of a language (``ar`` → ``Arabic``); the code itself when unknown."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_language_name("en")
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return str(name) if name else code


def translated_from(original_title: str, original_language: str, source: str, date: str) -> str:
    """The note of a unit read in translation: the original it was translated from, its
    source and date (``Translated from the Arabic original: «…» (وكالات, 2025-07-12)``)."""
    where = ", ".join(p for p in (source or "source unknown", date) if p)
    return (
        f"Translated from the {language_name(original_language)} original: "
        f"«{original_title}» ({where})"
    )


def book_item(
    title: str, editor: str, edition: str, built: dt.date, url: str, language: str
) -> Item:
    """The book as a whole. It was ``accessed`` when it was built: the URLs are the build's."""
    return {
        "id": "briefing:book",
        "type": "book",
        "title": title,
        "author": [{"literal": editor}],
        "edition": edition,
        "issued": date_parts(built),
        "accessed": date_parts(built),
        "URL": url,
        "language": language,
    }


def part_item(
    book: Item,
    item_key: str,
    title: str,
    section: str,
    url: str,
    note: str,
    issued: str = "",
    *,
    language: str = "",
    original: tuple[str, str] | None = None,
) -> Item:
    """An article, section, paragraph or entry: a chapter of the book, with its pinpoint.

    ``language`` is the unit's when it differs from the book's; ``original`` the (title,
    language) of the original of a unit read in translation.
    """
    item: Item = {
        "id": item_key,
        "type": "chapter",
        "title": title,
        "container-title": book["title"],
        "author": book["author"],
        "edition": book["edition"],
        "issued": _date_parts(issued) or book["issued"],
        "URL": url,
        "language": language or book["language"],
        "note": note,
    }
    if "accessed" in book:
        item["accessed"] = book["accessed"]
    if section:
        item["section"] = section
    if original is not None:
        item["original-title"] = original[0]
        # CSL has no variable for the original's language: ``custom`` is CSL-JSON's place
        # for data without one (citeproc processors ignore it).
        item["custom"] = {"original-language": original[1]}
    return item


def _original_language(item: Item) -> str:
    custom = item.get("custom")
    return str(custom.get("original-language", "")) if isinstance(custom, dict) else ""


# -- rendered styles ------------------------------------------------------------------------


def chicago(item: Item) -> str:
    """Chicago notes-bibliography style, as a bibliography entry."""
    parts = [f"{_author(item)}.", f"“{item['title']}.”"]
    if item.get("note"):
        parts.append(f"[{item['note']}]")
    if item.get("container-title"):
        parts.append(f"In {item['container-title']},")
    if item.get("section"):
        parts.append(f"{item['section']}.")
    parts.append(f"Edition {item.get('edition', '')}, {_date_text(item)}.")
    if item.get("accessed"):
        parts.append(f"Accessed {_date_text(item, 'accessed')}.")
    parts.append(f"{item['URL']}.")
    return " ".join(p for p in parts if p.strip())


def apa(item: Item) -> str:
    """APA 7th edition reference."""
    text = f"{_author(item)}. ({_year(item)}). {item['title']}"
    if item.get("note"):
        text += f" [{item['note']}]"
    if item.get("section"):
        text += f" ({item['section']})"
    text += "."
    if item.get("container-title"):
        text += f" In {item['container-title']} (Edition {item.get('edition', '')})."
    return f"{text} {item['URL']}"


def mla(item: Item) -> str:
    """MLA 9th edition works-cited entry."""
    parts = [f"“{item['title']}.”"]
    if item.get("note"):
        parts.append(f"[{item['note']}].")
    if item.get("container-title"):
        parts.append(f"{item['container-title']},")
    if item.get("edition"):
        parts.append(f"edition {item['edition']},")
    parts.append(f"{_author(item)},")
    parts.append(f"{_date_text(item)},")
    if item.get("section"):
        parts.append(f"{item['section']},")
    parts.append(f"{item['URL']}.")
    if item.get("accessed"):
        parts.append(f"Accessed {_date_text(item, 'accessed')}.")
    return " ".join(parts)


_BIBTEX_SPECIAL = re.compile(r"([{}%#&$_\\^~])")


def _bib(text: str) -> str:
    escaped = _BIBTEX_SPECIAL.sub(
        lambda m: (
            "\\" + m.group(1)
            if m.group(1) not in "\\^~"
            else {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}[
                m.group(1)
            ]
        ),
        text,
    )
    return escaped


def _bib_language(code: str) -> str:
    """biblatex's language names are English and lower case (``arabic``, ``english``)."""
    return language_name(code).lower() if code else ""


def bibtex(item: Item) -> str:
    """A BibTeX entry (``@book`` or ``@incollection``)."""
    kind = "book" if item["type"] == "book" else "incollection"
    fields = [("title", item["title"]), ("author", "{" + _author(item) + "}")]
    if item.get("container-title"):
        fields.append(("booktitle", item["container-title"]))
    if item.get("section"):
        fields.append(("chapter", item["section"]))
    fields += [
        ("edition", item.get("edition", "")),
        ("year", _year(item)),
        ("date", _date_text(item)),
        ("url", item["URL"]),
        ("urldate", _date_text(item, "accessed") if item.get("accessed") else ""),
        ("language", _bib_language(str(item.get("language", "")))),
    ]
    if item.get("original-title"):
        fields.append(("origtitle", item["original-title"]))
        fields.append(("origlanguage", _bib_language(_original_language(item))))
    if item.get("note"):
        fields.append(("note", item["note"]))
    body = ",\n".join(
        f"  {name} = {{{value if name in ('url', 'author') else _bib(str(value))}}}"
        for name, value in fields
        if value
    )
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def ris(item: Item) -> str:
    """A RIS record."""
    lines = [("TY", "BOOK" if item["type"] == "book" else "CHAP"), ("ID", item["id"])]
    lines.append(("TI", item["title"]))
    lines += [("AU", a.get("literal", "")) for a in item.get("author", [])]
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    if item.get("section"):
        lines.append(("SE", item["section"]))
    lines += [
        ("ET", item.get("edition", "")),
        ("PY", _year(item)),
        ("DA", _date_text(item).replace("-", "/")),
        ("UR", item["URL"]),
        # Y2, "access date" in RIS's own words.
        ("Y2", _date_text(item, "accessed").replace("-", "/") if item.get("accessed") else ""),
        ("LA", item.get("language", "")),
    ]
    if item.get("original-title"):
        # OP, "original publication": the work this one is a translation of.
        lines.append(("OP", item["original-title"]))
    if item.get("note"):
        lines.append(("N1", item["note"]))
    # One line per tag: a newline in a value would end the record early.
    return "".join(f"{tag}  - {' '.join(str(v).split())}\n" for tag, v in lines if v) + "ER  - \n"


def render(item: Item, style: str) -> str:
    """``item`` in one of :data:`STYLES` (CSL-JSON as the item itself, pretty-printed)."""
    import json

    renderers = {"chicago": chicago, "apa": apa, "mla": mla, "bibtex": bibtex, "ris": ris}
    if style == "csl-json":
        return json.dumps(item, ensure_ascii=False, indent=1)
    return renderers[style](item)
