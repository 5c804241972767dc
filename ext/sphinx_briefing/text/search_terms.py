"""The words a search sees in a text, and the keys each is indexed and looked up under.

The indexer (:mod:`sphinx_briefing.search.language`) and the search page's JavaScript
(``js/arabic-search.js``, generated with the same tables) follow the same rules:

- **tokens** of folded text (:func:`tokens`): runs of letters are words; runs of digits are
  numbers (``20,000`` is one number, ``20000``; leading zeros are dropped); an ISO date
  (``2025-07-12``) or a day/month/year date (``12/07/2025``) gives its year, its month and
  its day; a month name in either Arabic series (يوليو, تموز, also the Maghrebi names and the
  two-word كانون الثاني) or in English gives the month's key, :func:`month_key` (``m07``),
  whatever its proclitics (ويوليو);
- **keys** (:class:`Keys`): a number or a month is its own key; a Latin word is stemmed by the
  search language (Sphinx's English rules); an Arabic word is indexed under the keys of its
  readings and looked up by one key (:mod:`sphinx_briefing.text.stemmer`), except a **name**:
  a word that is (or whose reading is) a protected name is indexed and looked up as that whole
  name, unstemmed, so «بوتين» is never ب + و + تين (figs) and «كوريا» never ك + و + ريا.

Protected names are the transliterated names of ``data/arabic.json`` and, in a build, the words
of every glossary name and alias (:func:`protected_words` says which words of a name count).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sphinx_briefing.text.line_roles import words as news_words
from sphinx_briefing.text.linker import STOPWORDS as LINKER_STOPWORDS
from sphinx_briefing.text.normalise import TABLES, fold_text
from sphinx_briefing.text.stemmer import STOPWORDS, is_arabic, key, readings, reduce

Kind = Literal["word", "number", "month"]

#: A date, a number (thousands separated by commas, folded from ٬ too) or a run of letters.
#: The JavaScript twin is ``briefingPieces`` in js/arabic-search.js.
_PIECES = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})(?![0-9])"
    r"|(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)"
    r"|(?P<word>[^\W\d_]+)"
)
_MONTH_KEY = re.compile(r"m(?:0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Token:
    """One word, number or month of a folded text."""

    kind: Kind
    #: The folded word, the number's digits, or the month's key.
    text: str
    #: Where it is in the folded text (a date's parts all span the whole date).
    start: int
    end: int


def month_key(month: int) -> str:
    """The one key of a month, whatever its name: ``m01`` … ``m12``."""
    return f"m{month:02d}"


def is_month_key(word: str) -> bool:
    """Whether ``word`` is a month's key (:func:`month_key`)."""
    return _MONTH_KEY.fullmatch(word) is not None


@cache
def month_names() -> dict[str, str]:
    """Folded month name (one word, or two joined by a space) → month key.

    The Arabic names (Egyptian/Gulf, Levantine, Maghrebi) are those of
    ``data/news-lines.json``, the English ones those of ``data/arabic.json``."""
    found: dict[str, str] = {}
    arabic = news_words()["months"]
    assert isinstance(arabic, dict)
    for table in (arabic, TABLES["months_en"]):
        for number, names in table.items():
            for name in names:
                found[" ".join(fold_text(name).split())] = month_key(int(number))
    return found


def number(digits: str) -> str:
    """A number's key: its digits without separators or leading zeros."""
    plain = digits.replace(",", "").lstrip("0")
    return plain or "0"


def _date(text: str, start: int, end: int) -> list[Token]:
    if "-" in text:
        year, month, *day = text.split("-")
    else:
        *day, month, year = text.split("/")
    parts = [year, month, *day]
    if not 1 <= int(month) <= 12 or any(not 1 <= int(d) <= 31 for d in day):
        return [Token("number", number(p), start, end) for p in parts]
    found = [Token("number", number(year), start, end)]
    found.append(Token("month", month_key(int(month)), start, end))
    found += [Token("number", number(d), start, end) for d in day]
    return found


def _month_of(word: str) -> str | None:
    """The month key of a folded word (with any proclitics), or None."""
    names = month_names()
    for reading in readings(word) if is_arabic(word) else (word,):
        found = names.get(reading)
        if found is not None:
            return found
    return None


@cache
def _phrase_heads() -> dict[str, dict[str, str]]:
    """First word → second word → key, for the two-word month names (كانون الثاني)."""
    heads: dict[str, dict[str, str]] = {}
    for name, month in month_names().items():
        if " " in name:
            first, second = name.split(" ", 1)
            heads.setdefault(first, {})[second] = month
    return heads


def tokens(folded: str) -> list[Token]:
    """The words, numbers and months of a folded text, in order."""
    found: list[Token] = []
    heads = _phrase_heads()
    pending: tuple[Token, dict[str, str]] | None = None  # كانون, waiting for الثاني
    for match in _PIECES.finditer(folded):
        text, start, end = match.group(), match.start(), match.end()
        if pending is not None:
            head, seconds = pending
            pending = None
            month = seconds.get(text) if match.lastgroup == "word" else None
            if month is not None and not folded[head.end : start].strip():
                found[-1] = Token("month", month, head.start, end)
                continue
        if match.lastgroup == "date":
            found += _date(text, start, end)
        elif match.lastgroup == "number":
            found.append(Token("number", number(text), start, end))
        else:
            month = _month_of(text)
            if month is not None:
                found.append(Token("month", month, start, end))
                continue
            found.append(Token("word", text, start, end))
            for reading in readings(text) if is_arabic(text) else (text,):
                if reading in heads:
                    pending = (found[-1], heads[reading])
                    break
    return found


def _definite(word: str) -> bool:
    """Whether a word has the article, alone or behind a conjunction (الشمالية, واليابان)."""
    article = TABLES["articles"][0]
    return word.startswith(article) or (
        word[:1] in TABLES["conjunctions"] and word[1:].startswith(article)
    )


def protected_words(names: Iterable[str]) -> frozenset[str]:
    """The words of ``names`` (glossary names and aliases, or the table's names) that are
    indexed whole.

    A word counts when it is Arabic, has at least three letters, is no stopword or month,
    and is a proper name rather than a common word that names are made of: words with the
    article, even behind a conjunction (الشمالية, واليابان), and feminine nouns in ة
    (منطقة, وكالة) keep being stemmed, so «الشمالي» still finds «الشمالية». A word whose
    proclitics can be read off to leave another kept word (وكوريا) is that word."""
    kept: set[str] = set()
    months = month_names()
    for name in names:
        for match in _PIECES.finditer(fold_text(name)):
            word = match.group()
            if (
                match.lastgroup == "word"
                and is_arabic(word)
                and len(word) >= TABLES["min_stem"]
                and not _definite(word)
                and not word.endswith("ه")
                and word not in STOPWORDS
                and word not in LINKER_STOPWORDS
                and word not in months
            ):
                kept.add(word)
    return frozenset(w for w in kept if not any(r in kept for r in readings(w)[1:]))


#: The names of ``data/arabic.json``, protected in every build.
TABLE_NAMES: frozenset[str] = protected_words(TABLES["names"])


class Keys:
    """The index keys and the query key of a token, with a set of protected names."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        #: The protected words: the table's names and those given (already folded words).
        self.names: frozenset[str] = TABLE_NAMES | frozenset(names)
        self._index: dict[str, tuple[str, ...]] = {}
        self._query: dict[str, str] = {}

    def name_of(self, word: str) -> str | None:
        """The protected name an Arabic word is (its shortest reading, or that reading
        without a light suffix, that is a name: «لبوتين» and «بوتيني» are «بوتين»), or None."""
        for reading in sorted(readings(word), key=len):
            if reading in self.names:
                return reading
            if key(reading) in self.names:
                return key(reading)
        return None

    def index_keys(self, token: Token) -> tuple[str, ...]:
        """Every key the token is indexed under (a Latin word still to be stemmed)."""
        if token.kind != "word" or not is_arabic(token.text):
            return (token.text,)
        found = self._index.get(token.text)
        if found is None:
            name = self.name_of(token.text)
            if name is not None:
                found = (name,)
            else:
                found = tuple(dict.fromkeys(key(r) for r in readings(token.text)))
            self._index[token.text] = found
        return found

    def query_key(self, token: Token) -> str:
        """The one key a query token is looked up by (a Latin word still to be stemmed);
        always among its :meth:`index_keys`."""
        if token.kind != "word" or not is_arabic(token.text):
            return token.text
        found = self._query.get(token.text)
        if found is None:
            found = self.name_of(token.text) or key(reduce(token.text))
            self._query[token.text] = found
        return found


__all__ = [
    "TABLE_NAMES",
    "Keys",
    "Token",
    "is_month_key",
    "month_key",
    "month_names",
    "number",
    "protected_words",
    "tokens",
]
