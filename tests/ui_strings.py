"""Find English user-interface strings in a built page (used by the browser tests).

Text inside content regions (the article body, navigation that repeats document titles,
search results, index entries) is the book's own; everything else, and the UI attributes
(title, aria-label, placeholder, ...) everywhere, must be Arabic. On glossary pages the
entries' data (English texts, names, sources) is content, but the labels the extension
writes into the body (field names, types and kinds, rubrics, relation labels) are UI.

A string is English when, after removing allowed Latin tokens (proper names, key names, the
Latin words of conf.py's project/author/copyright/html_title), a run of two or more Latin
letters is left.
"""

from __future__ import annotations

import re
import runpy
from html.parser import HTMLParser
from pathlib import Path

PAGES = (
    "index.html",
    "articles/lavrov-wonsan.html",
    "search.html",
    "genindex.html",
    "glossary/index.html",
    "glossary/people.html",
    "glossary/places.html",
    "glossary/english.html",
)
QUERY = "موسكو"

UI_ATTRIBUTES = (
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "aria-placeholder",
    "placeholder",
    "alt",
    "data-bs-title",
    "data-bs-original-title",
    "data-tooltip",
    "label",
)
SKIP_TEXT_TAGS = {"script", "style", "template", "kbd"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Proper names, acronyms and key names that may stay in Latin script.
ALLOWED_LATIN = [
    r"Sphinx Book Theme",
    r"PyData Sphinx Theme",
    r"Sphinx",
    r"PyData",
    r"PDF",
    r"Ctrl",
    r"Cmd",
    r"Shift",
    r"Alt",
    r"https?://\S+",
    r"[\w.-]+\.(?:html|js|css|txt|md)\b",
]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _classes(attrs: dict[str, str]) -> set[str]:
    return set((attrs.get("class") or "").split())


def content_region(
    tag: str,
    attrs: dict[str, str],
    page: str,
    ancestors: list[tuple[str, dict[str, str]]] | None = None,
) -> bool | None:
    """Whether this element holds document content (True), is interface inside content
    (False), or inherits from its parent (None). ``ancestors``: the open elements, outermost
    first."""
    ancestors = ancestors or []
    cls = _classes(attrs)
    special = page.rsplit("/", 1)[-1] in ("search.html", "genindex.html", "py-modindex.html")
    glossary = _glossary_region(tag, attrs, ancestors)
    if glossary is not None:
        return glossary
    if tag == "article" and "bd-article" in cls and not special:
        return True  # the document body; genindex/search bodies are UI
    if "bd-sidenav" in cls or "genindextable" in cls or "genindex-jumpbox" in cls:
        return True  # navigation tree = document titles; index entries
    if tag == "nav" and "page-toc" in cls:
        return True  # in-page TOC = section titles
    if "prev-next-title" in cls or "logo__title" in cls:
        return True
    # Search results: titles and excerpts of documents.
    if tag == "ul" and "search" in cls:
        return True
    return None


def _glossary_region(
    tag: str, attrs: dict[str, str], ancestors: list[tuple[str, dict[str, str]]]
) -> bool | None:
    """Glossary pages (briefing-glossary, briefing-glossary-index): the entries' data is
    content; field names, field values made of labels (type, kind), rubrics, relation labels
    and the type after each name in the English index are interface, checked even though
    they sit in the article body."""
    cls = _classes(attrs)
    up = [(t, _classes(a)) for t, a in ancestors]
    in_index = any(t == "ul" and "briefing-glossary-index" in c for t, c in up)
    in_entry = any(t == "section" and "briefing-entry" in c for t, c in up)
    in_facts = any(t == "dl" and "briefing-facts" in c for t, c in up)
    # Content: the entry's English texts and names, sources, previews, backlink excerpts.
    if tag == "div" and attrs.get("lang") == "en":
        return True  # English description blocks
    if tag == "span" and attrs.get("lang") and not attrs["lang"].startswith("ar") and not in_index:
        # English and native-script names, English full names, coordinates. Not in the
        # English index, where a Latin run after the Arabic name is an untranslated type.
        return True
    if "briefing-preview" in cls or "briefing-entry-names" in cls:
        return True
    if tag == "ul" and "briefing-sources" in cls:
        return True  # source titles and publishers are English
    if "briefing-backlink-article" in cls or "briefing-snippet" in cls:
        return True  # article headlines and excerpts
    # Interface inside the article body.
    if in_facts and tag in ("dt", "dd"):
        return False  # field names; values: dates, labels (links and names are content)
    if in_entry and tag == "p" and "rubric" in cls:
        return False
    if "briefing-relation" in cls or "briefing-backlinks-none" in cls:
        return False
    if in_index and tag == "li":
        return False  # "<English name> — <Arabic name> (<type>)": the link is content
    return None


class Walker(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        # tag, attrs, is_content (True: content, False: UI, None: as the parent)
        self.stack: list[tuple[str, dict[str, str], bool | None]] = []
        self.found: list[tuple[str, str]] = []  # (where, string)
        self.content_texts: set[str] = set()
        self.title = ""

    # -- helpers
    def _in_content(self) -> bool:
        for _, _, content in reversed(self.stack):
            if content is not None:
                return content  # the innermost element that decides
        return False

    def _path(self) -> str:
        parts = []
        for tag, attrs, _ in self.stack[-3:]:
            ident = attrs.get("id")
            cls = (attrs.get("class") or "").split()
            parts.append(tag + (f"#{ident}" if ident else "") + (f".{cls[0]}" if cls else ""))
        return " > ".join(parts)

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v or "") for k, v in attrs_list}
        if tag == "meta":
            return
        rel = attrs.get("rel", "")
        if "briefing-mention" in _classes(attrs):
            # Links to glossary entries carry the entry's bilingual name: content, not UI.
            if tag not in VOID:
                self.stack.append((tag, attrs, True))
            return
        for name in UI_ATTRIBUTES:
            if name in attrs and attrs[name].strip():
                if tag == "link" and rel in ("next", "prev"):
                    self.content_texts.add(attrs[name].strip())
                    continue
                self.found.append((f"{self._path()} > {tag}[{name}]", attrs[name]))
        if (
            tag == "input"
            and attrs.get("type") in ("submit", "button", "reset")
            and attrs.get("value")
        ):
            self.found.append((f"{self._path()} > input[value]", attrs["value"]))
        if tag not in VOID:
            ancestors = [(t, a) for t, a, _ in self.stack]
            self.stack.append((tag, attrs, content_region(tag, attrs, self.page, ancestors)))

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text or not self.stack:
            return
        tags = [t for t, _, _ in self.stack]
        if tags[-1] == "title":
            self.title += text
            return
        if any(t in SKIP_TEXT_TAGS for t in tags):
            return
        in_print_title = tags[-1] == "h1" and any(
            a.get("id") == "jb-print-docs-body" for _, a, _ in self.stack
        )  # the book theme repeats the page title there for printing
        if self._in_content() or in_print_title:
            self.content_texts.add(text)  # document titles, for <title> below
            return
        self.found.append((self._path(), text))

    def results(self) -> list[tuple[str, str]]:
        out = list(self.found)
        if self.title:
            # "<page title> — <docstitle>": drop the parts that are document titles.
            for part in re.split(r"\s+[\u2014\u2013-]\s+", self.title):
                if part.strip() and part.strip() not in self.content_texts:
                    out.append(("head > title", part))
        return out


def allowed_from_conf(conf: Path | None) -> list[str]:
    if conf is None or not conf.is_file():
        return []
    ns = runpy.run_path(str(conf))
    words: set[str] = set()
    for key in ("project", "author", "copyright", "html_title"):
        value = ns.get(key)
        if isinstance(value, str):
            words.update(re.findall(r"[A-Za-z][\w.-]*[A-Za-z]|[A-Za-z]", value))
    return [re.escape(w) for w in sorted(words, key=len, reverse=True)]


def english_part(text: str, allowed: list[str]) -> str | None:
    """The Latin words left after removing allowed tokens, or None if there are none."""
    stripped = text
    for pattern in allowed:
        stripped = re.sub(pattern, " ", stripped)
    words = LATIN_WORD.findall(stripped)
    return " ".join(words) if words else None


def check_html(html: str, page: str, allowed: list[str]) -> list[str]:
    walker = Walker(page)
    walker.feed(html)
    walker.close()
    problems = []
    seen = set()
    for where, text in walker.results():
        if english_part(text, allowed) and (where, text) not in seen:
            seen.add((where, text))
            problems.append(f"{page}: {where}: {text!r}")
    return problems
