"""Sphinx search language for Arabic (``app.add_search_language``).

Indexing (here) and queries (the generated JavaScript in ``language_data.js``) share the
folding table and the light stemmer (:mod:`sphinx_briefing.text.stemmer`). Latin words inside Arabic
pages are stemmed like Sphinx's English search does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from sphinx_briefing import resources
from sphinx_briefing.text.normalise import TABLES, fold_text
from sphinx_briefing.text.stemmer import STOPWORDS, index_keys, is_arabic, key, readings

_JS_TEMPLATE = resources.JS / "arabic-search.js"
_MINIFIED = Path(package_dir) / "search" / "minified-js"
_WORD = re.compile(r"\w+")


def javascript() -> str:
    """The query side: Sphinx's English stemmer, then the shared Arabic rules and tables."""
    english = "\n".join(
        (_MINIFIED / name).read_text(encoding="utf-8")
        for name in ("base-stemmer.js", "english-stemmer.js")
    )
    tables = json.dumps(TABLES, ensure_ascii=False)
    return english + "\n" + _JS_TEMPLATE.read_text(encoding="utf-8").replace("__TABLES__", tables)


class SearchArabic(SearchLanguage):
    """Arabic: folding, proclitic readings and light suffixes; English rules for Latin words."""

    lang = "ar"
    language_name = "Arabic"
    stopwords = STOPWORDS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._english = SearchEnglish(options)
        self.js_stemmer_code = javascript()
        # The splitter lives in the stemmer code (it needs the folding table).
        self.js_splitter_code = ""

    def split(self, input: str) -> list[str]:
        """Words of folded text; each Arabic word is followed by its other readings."""
        words: list[str] = []
        for word in _WORD.findall(fold_text(input)):
            if is_arabic(word):
                words.extend(readings(word))
            else:
                words.append(word)
        return words

    def stem(self, word: str) -> str:
        """The index key of one reading (an Arabic light stem, or an English stem)."""
        if is_arabic(word):
            return key(word)
        return self._english.stem(word)

    def word_filter(self, word: str) -> bool:
        # Stopwords are skipped in queries (by the JS) but kept in the index: a prefixed
        # form such as لتلك reduces to one (تلك) and must still be found.
        return len(word) > 1 and not word.isdigit()


__all__ = ["SearchArabic", "index_keys", "javascript"]
