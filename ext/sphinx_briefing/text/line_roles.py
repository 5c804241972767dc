"""What a single line of a pasted news page is, besides article text: a dateline, a byline,
a publication line, or a leftover of the page (share buttons, related links, captions).

Pure and context-free: each function looks at one line and says what it found, so the
article reader (:mod:`sphinx_briefing.text.article`) can combine them with the line's
neighbours and say why. The words come from ``data/news-lines.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from jsonschema import Draft202012Validator

from sphinx_briefing import resources

WORDS_PATH = resources.DATA / "news-lines.json"
SCHEMA_PATH = resources.SCHEMAS / "news-lines.schema.json"

_DASH_CHARS = "-–—ـ"
#: The same, for inside a regular expression's character class.
_DASH = r"\-–—ـ"
_QUOTES = "\"“”«»'"
#: A dateline that opens a paragraph ends with one of these (the pattern's last class).
_OPENING_MARKS = (*_DASH_CHARS, ":")
#: Lines longer than this are article text, whatever words they start with.
_SHORT = 12


@cache
def words() -> dict[str, object]:
    """The word lists, validated against their schema (a bad file raises ValueError)."""
    data: dict[str, object] = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        raise ValueError(f"{WORDS_PATH}: {errors[0].message}")
    return data


def _alternation(items: object) -> str:
    assert isinstance(items, list)
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@dataclass(frozen=True)
class Dateline:
    """A dateline's place and agency (either may be empty), and how many characters of the
    line it takes (the whole line when it stands alone)."""

    place: str
    agency: str
    length: int


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = words()
    agencies = _alternation(data["agencies"])
    months = data["months"]
    assert isinstance(months, dict)
    month_names = _alternation([name for names in months.values() for name in names])
    word = rf"[^\s{_DASH}.:؛،,()\[\]{_QUOTES}]+"
    place = rf"(?P<place>{word}(?: {word}){{0,2}})"
    quoted = rf"[{_QUOTES}](?P<quoted>[^{_QUOTES}]{{1,30}})[{_QUOTES}]"
    agency = rf"(?P<agency>{agencies})"
    after_dash = rf"(?P<agency2>{agencies})"
    return {
        # Standalone: «سيؤول (وكالات)», «موسكو – رويترز», «(أ ف ب)», «واشنطن ـ», «وكالات».
        "dateline_alone": re.compile(
            rf"^(?:{place}\s*)?(?:\(\s*{agency}\s*\)|[{_DASH}]\s*(?:{after_dash}|{quoted}))?"
            rf"\s*[{_DASH}:]?$"
        ),
        # Opening a paragraph: the same, then a dash or colon and the text.
        "dateline_opening": re.compile(
            rf"^(?:{place}\s*)?(?:\(\s*{agency}\s*\)\s*)?"
            rf"(?:[{_DASH}]\s*(?:{after_dash}|{quoted})\s*)?[{_DASH}:]\s+(?=\S)"
        ),
        "agency_only": re.compile(rf"^\(?\s*(?:{agencies})\s*\)?$"),
        "byline": re.compile(
            rf"^(?:{_alternation(data['byline_words'])})\s*[:：]\s*\S|"
            rf"^(?:{_alternation(data['byline_words'])})\s+\S"
        ),
        "published": re.compile(rf"^(?:{_alternation(data['published_words'])})(?:\s|:|$)"),
        "published_anywhere": re.compile(r"آخر تحديث|اخر تحديث|نشر في|نشرت في|تاريخ النشر"),
        "leftover": re.compile(rf"^(?:{_alternation(data['leftovers'])})(?:\s*[:：|›>»-].*|\s*)$"),
        "photo": re.compile(
            rf"^[\(\[]?\s*(?:{_alternation(data['photo_words'])})\s*(?:[:：/|)\]\-].*)?$"
        ),
        "credit_end": re.compile(
            rf"[\(\[/|-]\s*(?:{_alternation(data['photo_words'])}|{agencies})\s*[\)\]]?$"
        ),
        "weekday": re.compile(rf"^(?:يوم\s+)?(?:{_alternation(data['weekdays'])})\b"),
        "month_date": re.compile(
            rf"(?P<day>\d{{1,2}})\s*[/\-]?\s*(?:من\s+)?(?P<month>{month_names})"
            rf"(?:\s*/\s*(?:{month_names}))?\s*[،/\-]?\s*(?P<year>\d{{4}})"
        ),
        "attribution": re.compile(
            rf"(?:{_alternation(data['attribution_phrases'])})\s*(?P<name>(?:{agencies})|"
            rf"[{_QUOTES}][^{_QUOTES}]{{1,30}}[{_QUOTES}]|\S+(?: \S+)?)"
        ),
    }


#: Dates written with digits: 2025-07-12, 12/07/2025, 12-7-2025, 12.07.2025.
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
#: A time of day, with an Arabic or Latin am/pm.
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|صباحا|مساء|مساءً|صباحاً|AM|PM|am|pm)?")
#: Words that join the parts of a date line («يوم الأحد في 12 يوليو الساعة 10:30»).
_DATE_GLUE = frozenset({"يوم", "في", "الساعة", "الموافق", "بتوقيت"})
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def plain_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits (for reading dates, never shown)."""
    return text.translate(_ARABIC_DIGITS)


def _month_number(name: str) -> int:
    months = words()["months"]
    assert isinstance(months, dict)
    return next(int(number) for number, names in months.items() if name in names)


def find_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD`` (Arabic, Levantine and Maghrebi
    month names, or digits), if it is a real date."""
    import datetime as dt

    text = plain_digits(text)
    found: list[tuple[int, tuple[int, int, int]]] = []
    match = _patterns()["month_date"].search(text)
    if match:
        parts = (int(match["year"]), _month_number(match["month"]), int(match["day"]))
        found.append((match.start(), parts))
    match = _ISO.search(text)
    if match:
        found.append((match.start(), (int(match[1]), int(match[2]), int(match[3]))))
    match = _DMY.search(text)
    if match:
        found.append((match.start(), (int(match[3]), int(match[2]), int(match[1]))))
    for _start, (year, month, day) in sorted(found):
        if not 1900 <= year <= 2100:  # a Hijri date («1427/4/9 هـ») is not the publication date
            continue
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def dateline_alone(line: str) -> Dateline | None:
    """A dateline standing on its own line (at most six words)."""
    text = line.strip()
    if not text or len(text.split()) > 6:
        return None
    if _patterns()["agency_only"].match(text):
        return Dateline("", text.strip("() "), len(line))
    match = _patterns()["dateline_alone"].match(text)
    # A place alone is a dateline only with its dash («واشنطن ـ»): «الدول المشاركة:» is not.
    place = match["place"] if match else None
    named = bool(place) and re.search(r"[^\W\d_]", place or "") is not None
    if not match or not (_agency(match) or (named and text[-1] in _DASH_CHARS)):
        return None
    return _dateline(match, len(line))


def dateline_opening(line: str) -> Dateline | None:
    """A dateline that opens a paragraph: «موسكو – رويترز – …», «(أ ف ب) – …»."""
    if not any(mark in line for mark in _OPENING_MARKS):
        return None  # most paragraphs: no dash or colon anywhere, so no dateline
    match = _patterns()["dateline_opening"].match(line)
    if not match or not (match["place"] or _agency(match)):
        return None
    # «الديلي تلغراف: …», «بالفيديو: …»: a colon needs a known agency to make a dateline.
    if line[: match.end()].rstrip().endswith(":") and not _agency(match):
        return None
    return _dateline(match, match.end())


def _agency(match: re.Match[str]) -> str:
    return (match["agency"] or match["agency2"] or match["quoted"] or "").strip()


def _dateline(match: re.Match[str], length: int) -> Dateline:
    place = (match["place"] or "").strip()
    agency = _agency(match)
    if place and not agency and _patterns()["agency_only"].match(place):
        place, agency = "", place
    return Dateline(place, agency, length)


def byline(line: str) -> str | None:
    """The author of a byline («بقلم: …», «كتب - …», «كتبت سارة علي»), or None."""
    text = line.strip()
    if len(text.split()) > 10 or not _patterns()["byline"].match(text):
        return None
    marked = re.match(rf"^\S+\s*[:：{_DASH}]", text)
    if not marked and (len(text.split()) > 4 or text[-1] in ".!?؟،,"):
        return None  # «كتب الوزير مقالا.» is a sentence
    name = re.sub(rf"^\S+\s*[:：{_DASH}]?\s*", "", text).strip(" :" + _DASH_CHARS)
    return name or None


def published(line: str) -> str | None:
    """A publication or update line: its date (``YYYY-MM-DD``) or ``""`` when it has none;
    None when the line is something else."""
    text = line.strip()
    if len(text.split()) > 2 * _SHORT:
        return None
    date = find_date(text)
    if date and _patterns()["published_anywhere"].search(text):
        return date  # «الاثنين … الموافق 8/5/2006 م (آخر تحديث) الساعة …»
    if len(text.split()) > _SHORT:
        return None
    if _patterns()["published"].match(text) or text.rstrip(":") in ("نشر", "تاريخ النشر"):
        return date or ""
    if date is None and not _TIME.search(plain_digits(text)):
        return None
    # A line made of a weekday, a date and a time, and nothing that reads as a sentence.
    rest = _patterns()["month_date"].sub(" ", plain_digits(text))
    rest = _DMY.sub(" ", _ISO.sub(" ", _TIME.sub(" ", rest)))
    rest = _patterns()["weekday"].sub(" ", rest.strip())
    leftover_words = [
        w for w in re.split(r"[\s،,|/\-–—]+", rest) if w and w not in ("يوم", "في", "الساعة")
    ]
    return (date or "") if len(leftover_words) <= 1 else None


def leftover(line: str) -> str | None:
    """Why ``line`` is a leftover of the web page rather than article text, or None."""
    text = _HARAKAT.sub("", line.strip())
    if _RELATED.match(text):
        return "a link to another article"
    if len(text.split()) > _SHORT:
        return None
    if _patterns()["leftover"].match(text):
        return "a page control or link list"
    if _READING_TIME.match(plain_digits(text)):
        return "a reading time"
    if not re.search(r"[^\W_]", text):
        return "no letter or digit"
    if _patterns()["photo"].match(text) or (
        len(text.split()) <= 8 and _patterns()["credit_end"].search(text)
    ):
        return "a photo caption or credit"
    if re.fullmatch(r"[#@][\w\u0600-\u06ff_]+(?:\s+[#@][\w\u0600-\u06ff_]+)*", text):
        return "a tag list"
    return None


def attribution(text: str) -> str | None:
    """The agency a text attributes itself to («وفقا لوكالة رويترز»), or None."""
    match = _patterns()["attribution"].search(text)
    return match["name"].strip(_QUOTES + " ") if match else None


def has_keyword_date(line: str) -> bool:
    """A publication line that says so («نشرت في …», «آخر تحديث …»), not a bare date."""
    text = line.strip()
    return bool(_patterns()["published"].match(text)) or text.rstrip(":") in ("نشر", "تاريخ النشر")


def is_latin_chrome(line: str) -> bool:
    """A short line without Arabic letters («ADVERTISEMENT», «Skip to main content»)."""
    text = line.strip()
    return len(text.split()) <= 10 and not re.search(r"[\u0600-\u06ff]", text)


def is_quotation(line: str) -> bool:
    """A line that is one quotation, opening and closing quote marks included."""
    text = line.strip()
    return len(text) > 2 and text[0] in "«\"“'" and text.rstrip(".،,")[-1] in "»\"”'"


#: Harakat and tatweel: «أيضًا» is «أيضا» to the word lists.
_HARAKAT = re.compile("[\u064b-\u0652\u0640]")
#: «اقرأ.. عنوان»: a related article's link.
_RELATED = re.compile(r"^(?:اقرأ|إقرأ|اقرا|شاهد)\s*(?:\.\.|…|:|-)")
#: «3 دقائق قراءة».
_READING_TIME = re.compile(r"^\d+\s*(?:دقائق|دقيقة|د)\s*(?:قراءة|للقراءة)$")

_LIST_MARKER = re.compile(r"^(?:[-•*●▪◦–]\s+|[0-9٠-٩]{1,2}[.)\-–]\s+)")


def is_list_marker(line: str) -> bool:
    """A line that starts with a bullet or a number, as list items do."""
    return bool(_LIST_MARKER.match(line.strip()))
