"""Partial dates (day, month or year precision) and date ranges, for the timeline.

The glossary writes dates as ``"2025-07-12"``, ``"2024-06"`` or ``"2011"``. A partial date
covers an interval of days (:meth:`PartialDate.first` to :meth:`PartialDate.last`); it is
shown at its own precision, in Arabic or English, and ranges are written compactly
(``11–13 يوليو 2025``, ``24 June – 1 July 2025``, ``2019–2022``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}

MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
MONTHS_EN = tuple(calendar.month_name[m] for m in range(1, 13))
#: "since …" for a range that has not ended, by language.
SINCE = {"ar": "منذ {}", "en": "since {}"}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError for anything else or a day
        that does not exist."""
        found = _PATTERN.fullmatch(text.strip())
        if not found:
            raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(found.group(1))
        month = int(found.group(2)) if found.group(2) else None
        day = int(found.group(3)) if found.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: no month {month}")
        if day is not None:
            dt.date(year, month or 1, day)  # raises ValueError for 2025-02-30
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        """The last day the date can mean."""
        if self.day is not None:
            return self.first()
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        """As written in the glossary."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def format(self, lang: str = "ar") -> str:
        """``19 يونيو 2024``, ``June 2024``, ``2024``: at the date's own precision."""
        months = MONTHS_AR if lang == "ar" else MONTHS_EN
        if self.month is None:
            return str(self.year)
        month = months[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def sort_key(self) -> tuple[dt.date, int]:
        """Earliest day first; at the same day the coarser date first (June 2024 before
        19 June 2024, 2024 before June 2024)."""
        return (self.first(), _RANK[self.precision])


@dataclass(frozen=True)
class DateSpan:
    """A point in time, a closed range, or a range that has not ended (``ongoing``)."""

    start: PartialDate
    end: PartialDate | None = None
    ongoing: bool = False

    @classmethod
    def of(cls, start: str, end: str | None = None, *, ongoing: bool = False) -> DateSpan:
        """From glossary strings; an ``end`` equal to ``start`` makes a point."""
        first = PartialDate.parse(start)
        last = PartialDate.parse(end) if end else None
        if last is not None and last.last() < first.first():
            raise ValueError(f"{end!r} is before {start!r}")
        if last == first:
            last = None
        return cls(first, last, ongoing and last is None)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def first(self) -> dt.date:
        return self.start.first()

    def last(self) -> dt.date:
        """The last day covered; :data:`datetime.date.max` while ongoing."""
        if self.ongoing:
            return dt.date.max
        return (self.end or self.start).last()

    def overlaps(self, other: DateSpan) -> bool:
        """Whether the two spans share at least one possible day."""
        return self.first() <= other.last() and other.first() <= self.last()

    def days(self) -> int:
        """Length in days (a very large number while ongoing), for preferring short spans."""
        return (self.last() - self.first()).days + 1

    def sort_key(self) -> tuple[dt.date, int, dt.date]:
        """Chronological: by start (see :meth:`PartialDate.sort_key`), then shorter first."""
        return (*self.start.sort_key(), self.last())

    def format(self, lang: str = "ar") -> str:
        """The span as read: a date, ``since …`` or a compact range."""
        if self.ongoing:
            return SINCE["ar" if lang == "ar" else "en"].format(self.start.format(lang))
        if self.end is None:
            return self.start.format(lang)
        return format_range(self.start, self.end, lang)


def format_range(start: PartialDate, end: PartialDate, lang: str = "ar") -> str:
    """``11–13 يوليو 2025``, ``24 June – 1 July 2025``, ``May – December 2016``,
    ``2019–2022``; dates of different precisions in full on both sides."""
    months = MONTHS_AR if lang == "ar" else MONTHS_EN
    same_year = start.year == end.year
    if start.precision == end.precision == "day" and same_year:
        assert start.month is not None and end.month is not None
        if start.month == end.month:
            return f"{start.day}–{end.day} {months[start.month - 1]} {start.year}"
        return (
            f"{start.day} {months[start.month - 1]} – {end.day} {months[end.month - 1]} {end.year}"
        )
    if start.precision == end.precision == "month" and same_year:
        assert start.month is not None and end.month is not None
        return f"{months[start.month - 1]} – {months[end.month - 1]} {end.year}"
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{start.format(lang)} – {end.format(lang)}"
