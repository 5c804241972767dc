"""Sphinx search language for Arabic (``app.add_search_language``).

Indexing (here) and queries (the generated JavaScript in ``language_data.js``) share the
folding table, the tokens (words, numbers, dates, months) and the keys of
:mod:`sphinx_briefing.text.search_terms`, and the set of protected names: the table's and the
words of every glossary name and alias of the book being built. Latin words inside Arabic pages
are stemmed like Sphinx's English search does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx import package_dir
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from sphinx_briefing import resources
from sphinx_briefing.domain import get_domain
from sphinx_briefing.text.normalise import TABLES, fold_text
from sphinx_briefing.text.search_terms import (
    Keys,
    is_month_key,
    month_names,
    protected_words,
    tokens,
)
from sphinx_briefing.text.stemmer import STOPWORDS, index_keys, is_arabic

_JS_TEMPLATE = resources.JS / "arabic-search.js"
_MINIFIED = Path(package_dir) / "search" / "minified-js"
#: Table entries the JavaScript does not need (the names are passed already folded).
_PYTHON_ONLY = ("description", "names", "months_en")

#: The protected names of the build being written, handed from ``write-started`` to the
#: :class:`SearchArabic` that Sphinx creates right after it (it gives a language no app).
_next_names: frozenset[str] | None = None


def glossary_names(app: Sphinx, builder: Builder) -> None:
    """Protect the words of every glossary name and alias of this build (``write-started``)."""
    global _next_names
    if not getattr(builder, "search", False):
        return  # no search index (not an HTML builder, or html_search off)
    glossary = get_domain(builder.env).glossary()
    texts: list[str] = []
    for entry in glossary.entries.values():
        texts += entry.names.values()
        for aliases in entry.data.get("aliases", {}).values():
            texts += aliases
    _next_names = protected_words(texts)


def javascript(names: Iterable[str] = ()) -> str:
    """The query side: Sphinx's English stemmer, then the shared Arabic rules and tables."""
    english = "\n".join(
        (_MINIFIED / name).read_text(encoding="utf-8")
        for name in ("base-stemmer.js", "english-stemmer.js")
    )
    tables: dict[str, Any] = {k: v for k, v in TABLES.items() if k not in _PYTHON_ONLY}
    tables["month_names"] = month_names()
    tables["protected"] = sorted(Keys(names).names)
    payload = json.dumps(tables, ensure_ascii=False, sort_keys=True)
    return english + "\n" + _JS_TEMPLATE.read_text(encoding="utf-8").replace("__TABLES__", payload)


class SearchArabic(SearchLanguage):
    """Arabic: folding, numbers and months, protected names, proclitic readings and light
    suffixes; English rules for Latin words."""

    lang = "ar"
    language_name = "Arabic"
    stopwords = STOPWORDS

    def __init__(self, options: dict[str, str]) -> None:
        global _next_names
        super().__init__(options)
        self._english = SearchEnglish(options)
        names, _next_names = _next_names or frozenset(), None
        self.keys = Keys(names)
        self.js_stemmer_code = javascript(names)
        # The splitter lives in the stemmer code (it needs the folding table).
        self.js_splitter_code = ""

    def split(self, input: str) -> list[str]:
        """Every index key of every token of the text (Latin words not yet stemmed)."""
        words: list[str] = []
        for token in tokens(fold_text(input)):
            words.extend(self.keys.index_keys(token))
        return words

    def stem(self, word: str) -> str:
        """Latin words get Sphinx's English stem; Arabic keys, numbers and months are keys."""
        if is_arabic(word) or word.isdigit() or is_month_key(word):
            return word
        return self._english.stem(word)

    def word_filter(self, word: str) -> bool:
        # Stopwords are skipped in queries (by the JS) but kept in the index: a prefixed
        # form such as لتلك reduces to one (تلك) and must still be found. Numbers are kept
        # (years, dates, figures), even one digit (a day of the month).
        return len(word) > 1 or word.isdigit()


__all__ = ["SearchArabic", "glossary_names", "index_keys", "javascript"]
