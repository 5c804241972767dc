"""Deterministic benchmark corpora: N articles recombined from the seed, M-entry glossaries.

* **Articles** (:func:`make_corpus`): the seed article is taken apart with the extension's
  own parser (headline, headings, sentences, the list and its intro) and recombined with a
  fixed random seed: a headline, a lead paragraph with a dateline, 3-6 headed sections of
  1-3 paragraphs, sometimes the list. Names of people, cities and countries are swapped for
  other glossary names of the same kind in any of their spellings, some names get their
  English form in brackets, some words a proclitic و, and numbers change. Every article is
  parsed back and must give the intended structure.
* **Glossaries** (:func:`glossary_files`): the real entries (``docs/glossary/entries``) plus
  synthetic ones up to M, with Arabic-looking names, aliases and adjectives made by
  ``benchmarks/linker.py``. Synthetic names never match the corpus, so every glossary size
  links the same mentions.
* **Projects**: :func:`write_book` writes the book (``docs/`` with these articles and this
  glossary) for the extension; :func:`write_baseline` writes the same articles as plain
  reStructuredText for stock Sphinx (see its docstring).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from linker import readings, synthetic_entry

from sphinx_briefing import glossary
from sphinx_briefing.text import article
from sphinx_briefing.text.article import Kind
from sphinx_briefing.text.linker import Linker

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "lavrov-wonsan.txt"
DOCS = REPO / "docs"
ENTRIES = DOCS / "glossary" / "entries"
SEED_CORPUS = 20250712
SEED_GLOSSARY = 1729

#: Glossary names that are swapped for one another: (type, place kind) groups.
SWAP_GROUPS: dict[tuple[str, str | None], str] = {
    ("person", None): "person",
    ("place", "capital"): "city",
    ("place", "city"): "city",
    ("place", "country"): "country",
}
SWAP_P = 0.35
ENGLISH_GLOSS_P = 0.15
WAW_P = 0.03
SOURCES = ("وكالات", "رويترز", "سبوتنيك", "يونهاب", "تاس")
#: Proclitics a name can carry in the text (``لبيونغ يانغ``, ``وموسكو``).
NAME_PREFIX = "(?:[وف]??[بلك]??)"
#: Types of the synthetic glossary entries (they fill these glossary pages).
SYNTHETIC_TYPES = ("person", "place", "organization")


# --- articles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedParts:
    """The seed article taken apart."""

    headlines: list[str]
    headings: list[str]
    sentences: list[str]
    list_intros: list[str]
    list_items: list[str]


def sentences_of(paragraph: str) -> list[str]:
    """A paragraph's sentences: split after ``. ! ؟`` (and a closing quote)."""
    pieces = re.split(r"(?<=[.!؟])\s+|(?<=[.!؟][”»\"])\s+", paragraph)
    return [p.strip() for p in pieces if p.strip()]


def seed_parts(text: str) -> SeedParts:
    """Headline, headings, sentences, list intros and items of the seed article."""
    parsed = article.parse(text)
    headlines, headings, sentences, intros, items = [], [], [], [], []
    for block in parsed.blocks:
        line = block.text
        if block.kind is Kind.HEADLINE:
            headlines.append(line)
        elif block.kind is Kind.HEADING:
            headings.append(line)
        elif block.kind is Kind.LIST_ITEM:
            items.append(line)
        elif article.introduces_list(line):
            intros.append(line)
        else:
            if parsed.dateline and line.startswith(parsed.dateline):
                line = re.sub(r"^[^–—-]+[–—-]\s*", "", line, count=1)
            sentences.extend(sentences_of(line))
    return SeedParts(headlines + headings, headings, sentences, intros, items)


class Varier:
    """Varies a few words of a line: names, proclitic و, numbers, English glosses."""

    def __init__(self, loaded: glossary.Glossary, rng: random.Random) -> None:
        self.rng = rng
        self.group_of: dict[str, str] = {}
        self.pool: dict[str, list[str]] = {}
        self.english: dict[str, str] = {}
        for entry in sorted(loaded.entries.values(), key=lambda e: e.id):
            kind = entry.data.get(entry.type, {}).get("kind") if entry.type == "place" else None
            group = SWAP_GROUPS.get((entry.type, kind))
            if group is None:
                continue
            for name in entry.aliases("ar"):
                self.group_of.setdefault(name, group)
                self.pool.setdefault(group, []).append(name)
                if entry.type == "person":
                    self.english[name] = entry.names["en"]
        names = sorted(self.group_of, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names)
        self.pattern = re.compile(rf"(?<!\w)(?P<pre>{NAME_PREFIX})(?P<name>{alternatives})(?!\w)")

    def _name(self, match: re.Match[str]) -> str:
        pre, name = match["pre"], match["name"]
        if self.rng.random() < SWAP_P:
            name = self.rng.choice(self.pool[self.group_of[name]])
        if pre.endswith("ل") and name.startswith("ال"):
            name = "ل" + name[1:]  # ل + الولايات -> للولايات
        text = pre + name
        if name in self.english and self.rng.random() < ENGLISH_GLOSS_P:
            text += f" ({self.english[name]})"
        return text

    def _number(self, match: re.Match[str]) -> str:
        return f"{self.rng.randint(2, 60) * 500:,}"

    def __call__(self, line: str) -> str:
        line = self.pattern.sub(self._name, line)
        line = re.sub(r"\d[\d,]*\d|\d", self._number, line)
        words = line.split(" ")
        for index, word in enumerate(words):
            arabic = word[:1] >= "\u0621" and word[:1] <= "\u064a"
            if arabic and len(word) > 3 and word[0] != "و" and self.rng.random() < WAW_P:
                words[index] = "و" + word
        return " ".join(words)


def punctuated(line: str) -> str:
    """The line, with a full stop if it has no final punctuation."""
    if article.final_character(line) in article.FINAL_PUNCTUATION:
        return line
    return line + "."


def make_article(parts: SeedParts, vary: Varier, rng: random.Random) -> tuple[str, list[Kind]]:
    """One article's text and the kind each of its non-blank lines must be read as."""
    lines: list[tuple[str, Kind]] = [(vary(rng.choice(parts.headlines)), Kind.HEADLINE)]

    def paragraph(lead: str = "") -> None:
        chosen = [vary(s) for s in rng.sample(parts.sentences, rng.randint(1, 3))]
        lines.append((lead + punctuated(" ".join(chosen)), Kind.PARAGRAPH))

    paragraph(f"{rng.choice(SOURCES)} – ")
    sections = rng.sample(parts.headings, rng.randint(3, min(6, len(parts.headings))))
    list_in = rng.randrange(len(sections)) if rng.random() < 0.4 else -1
    for number, heading in enumerate(sections):
        lines.append((vary(heading), Kind.HEADING))
        for _ in range(rng.randint(1, 3)):
            paragraph()
        if number == list_in:
            lines.append((vary(rng.choice(parts.list_intros)), Kind.PARAGRAPH))
            for item in rng.sample(parts.list_items, len(parts.list_items)):
                lines.append((punctuated(vary(item)), Kind.LIST_ITEM))
            lines.append(("", Kind.PARAGRAPH))  # a blank line ends the list
    text = "\n".join(line for line, _ in lines) + "\n"
    return text, [kind for line, kind in lines if line]


def make_corpus(count: int, seed_text: str, loaded: glossary.Glossary) -> list[str]:
    """``count`` articles; each is checked to parse into the intended structure."""
    rng = random.Random(SEED_CORPUS)
    parts = seed_parts(seed_text)
    vary = Varier(loaded, rng)
    texts = []
    for number in range(count):
        # A drawn headline can be a bare hyphenated name («كيم جونغ-أون»), which the reader
        # rightly may take for a «place-agency» credit line: draw again (a few times at most).
        for _attempt in range(5):
            text, kinds = make_article(parts, vary, rng)
            got = [block.kind for block in article.parse(text).blocks]
            if got == kinds:
                break
        else:
            raise SystemExit(f"error: generated article {number} parses as {got}, not {kinds}")
        texts.append(text)
    return texts


# --- glossaries -------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(text, ensure_ascii=False)


def _toml_list(texts: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_string(t) for t in texts) + "]"


def synthetic_toml(number: int, kind: str, names: list[str], adjectives: list[str]) -> str:
    """One synthetic glossary entry as TOML (valid against the entry schema)."""
    lines = [
        f'id = "synthetic-{number:05d}"',
        f'type = "{kind}"',
        "",
        "[names]",
        f"ar = {_toml_string(names[0])}",
        f'en = "Synthetic entry {number}"',
        "",
        "[aliases]",
        f"ar = {_toml_list(names[1:])}",
    ]
    if adjectives:
        lines += ["", "[adjectives]", f"ar = {_toml_list(adjectives)}"]
    lines += [
        "",
        "[description]",
        f"short_ar = {_toml_string(f'كيان مصطنع رقم {number} لقياس الأداء.')}",
        f'short_en = "Made-up entry number {number}, for benchmarks."',
    ]
    return "\n".join(lines) + "\n"


def glossary_files(size: int, texts: Sequence[str]) -> dict[str, str]:
    """File name → TOML text of an M-entry glossary: every real entry, then synthetic ones.

    Synthetic names have a word that no token of ``texts`` can be read as, so they never
    match the articles.
    """
    files = {path.name: path.read_text(encoding="utf-8") for path in sorted(ENTRIES.glob("*.toml"))}
    seen = readings(line for text in texts for line in text.splitlines())
    rng = random.Random(SEED_GLOSSARY)
    number = 0
    while len(files) < size:
        number += 1
        aliases = synthetic_entry(rng, number, seen)
        names = [a.text for a in aliases if a.kind == "name"]
        adjectives = [a.text for a in aliases if a.kind == "adjective"]
        kind = SYNTHETIC_TYPES[number % len(SYNTHETIC_TYPES)]
        files[f"synthetic-{number:05d}.toml"] = synthetic_toml(number, kind, names, adjectives)
    return files


# --- the extension's project ------------------------------------------------------------


def write_book(src: Path, texts: Sequence[str], entries: dict[str, str]) -> Path:
    """The book (``docs/``) with ``texts`` as its articles and ``entries`` as its glossary."""
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for path in sorted(DOCS.iterdir()):
        if path.name in ("articles", "_build"):
            continue
        if path.is_dir():
            shutil.copytree(path, src / path.name, symlinks=False)
        else:
            shutil.copy2(path, src / path.name)
    glance = src / "glance.md"
    if glance.is_file():
        glance.write_text(without_keypoints(glance.read_text(encoding="utf-8")), encoding="utf-8")
    entry_dir = src / "glossary" / "entries"
    shutil.rmtree(entry_dir)
    entry_dir.mkdir()
    for name, text in entries.items():
        (entry_dir / name).write_text(text, encoding="utf-8")
    articles = src / "articles"
    articles.mkdir()
    for number, text in enumerate(texts, start=1):
        (articles / article_name(number)).write_text(text, encoding="utf-8")
    return src


#: The glance page's hand-written key points (and their heading): they cite the seed
#: article's paragraphs, which a book of generated articles does not have.
_KEYPOINTS = re.compile(r"(?:^##[^\n]*\n\n)?^```\{briefing-keypoints\}\n.*?^```\n\n?", re.M | re.S)


def without_keypoints(page: str) -> str:
    """The glance page without its key points (everything else on it is generated)."""
    return _KEYPOINTS.sub("", page, count=1)


def article_name(number: int) -> str:
    """The file name of the ``number``-th generated article (1-based)."""
    return f"article-{number:04d}.txt"


# --- the plain-Sphinx baseline ----------------------------------------------------------

BASELINE_CONF = '''"""Plain-Sphinx baseline of the benchmark (written by benchmarks/corpus.py)."""

project = "ملف إحاطة: روسيا وكوريا الشمالية"
author = "فريق sphinx-briefing"
version = release = "2026.1"
language = "ar"
html_theme = "sphinx_book_theme"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = ""
exclude_patterns = ["_build"]
'''

#: Glossary pages of the baseline: file stem, title, entry type.
BASELINE_GLOSSARY = (
    ("people", "الأشخاص", "person"),
    ("places", "الأماكن", "place"),
    ("organizations", "المنظمات", "organization"),
    ("agreements", "الاتفاقيات", "agreement"),
    ("events", "الأحداث", "event"),
)
#: Characters that start inline markup in reStructuredText.
_INLINE = re.compile(r"([\\*`_|:\[\]<>])")


def rst_text(text: str) -> str:
    """``text`` as literal reStructuredText inline content."""
    return _INLINE.sub(r"\\\1", text)


def rst_block(text: str) -> str:
    """A paragraph's text, escaped so that it cannot start a list, table or section."""
    return _block_start(rst_text(text))


def _block_start(escaped: str) -> str:
    # A backslash before the first character: no line can then open a list ("a)", "1.",
    # "-"), a table or a directive; before a letter it is simply dropped.
    if escaped and set(escaped) == {"\\"}:
        # Only backslashes (escaped ones): a line of four or more would be a transition.
        # An escaped space reads as nothing and breaks the repetition.
        return "\\ " + escaped
    return escaped if not escaped or escaped[0] == "\\" else "\\" + escaped


def title(text: str, underline: str) -> list[str]:
    """A section title: one line and its underline (Arabic marks are zero width, so the
    length in code points is always long enough)."""
    escaped = _block_start(rst_text(text))
    return [escaped, underline * max(len(escaped), 4)]


def linked(
    text: str, linker: Linker, scope: str, done: set[tuple[str, str]], named: set[str]
) -> str:
    """``text`` with the mentions the extension would link as ``:ref:`` roles.

    The same rule as ``briefing_link_density = "first-per-section"``: the first mention of
    each entity (by name, not adjective) in each section. ``named``: the entities the article
    named in full before ``text`` (a bare family name links only after one of them).
    """
    out: list[str] = []
    position = 0
    for mention in linker.find(text, named):
        if mention.kind != "name" or (scope, mention.entity) in done:
            continue
        done.add((scope, mention.entity))
        out.append(rst_text(text[position : mention.start]))
        # Escaped spaces let a role touch the letters around it (بـ + موسكو).
        out.append(f"\\ :ref:`{rst_text(mention.text)} <{mention.entity}>`\\ ")
        position = mention.end
    out.append(rst_text(text[position:]))
    return _block_start("".join(out))


def article_rst(slug: str, text: str, linker: Linker, orphan: bool) -> str:
    """One article as reStructuredText: the same sections, paragraphs and links, with a
    label for the article, each section and each paragraph (as the extension makes)."""
    parsed = article.parse(text)
    lines = [":orphan:", ""] if orphan else []
    done: set[tuple[str, str]] = set()
    named: set[str] = set()  # as the extension reads the article: in order, headings too
    scope = slug
    sections = paragraphs = 0
    in_list = False
    for block in parsed.blocks:
        if block.kind in (Kind.HEADLINE, Kind.HEADING):
            linker.find(block.text, named)  # not linked, but names an entity in full
        if block.kind is Kind.HEADLINE:
            lines += [f".. _{slug}:", "", *title(block.text, "="), ""]
            continue
        if block.kind is Kind.HEADING:
            sections += 1
            scope = f"{slug}-s{sections}"
            lines += ["", f".. _{scope}:", "", *title(block.text, "-"), ""]
            in_list = False
            continue
        paragraphs += 1
        label = f".. _{slug}-p{paragraphs}:"
        body = linked(block.text, linker, scope, done, named)
        if block.kind is Kind.LIST_ITEM:
            if not in_list:
                lines.append("")
            lines += [label, "", f"- {body}", ""]
            in_list = True
        else:
            lines += [label, "", body, ""]
            in_list = False
    return "\n".join(lines) + "\n"


def entry_rst(entry: glossary.Entry) -> list[str]:
    """A glossary entry: a labelled section with both names and descriptions."""
    description = entry.description
    lines = [f".. _{entry.id}:", "", *title(entry.names["ar"], "-"), ""]
    lines += [rst_block(entry.names["en"]), ""]
    for key in ("short_ar", "short_en", "long_ar", "long_en"):
        if description.get(key):
            lines += [rst_block(description[key]), ""]
    aliases = entry.aliases("ar")[1:]
    if aliases:
        lines += [rst_block("، ".join(aliases)), ""]
    return lines


def _headline(text: str) -> str:
    headline = article.parse(text).headline
    return headline.text if headline is not None else ""


def write_baseline(
    src: Path, texts: Sequence[str], entries: dict[str, str], sidebar_articles: int = 20
) -> Path:
    """The same book for stock Sphinx, in reStructuredText, with the same theme.

    Each article has the same headline, sections, paragraphs and list items, a label for
    each of them, and the mentions the extension links written as ``:ref:`` roles to the
    glossary entries (five pages of labelled sections, plus an English index). The landing
    page lists every article; as the extension's sidebar does, its toctree holds only the
    newest ``sidebar_articles`` (the others are ``:orphan:``), so the page cost stays
    independent of the number of articles in both builds.
    """
    if src.exists():
        shutil.rmtree(src)
    (src / "articles").mkdir(parents=True)
    (src / "glossary").mkdir()
    (src / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    entry_dir = src / "_entries"
    entry_dir.mkdir()
    for name, text in entries.items():
        (entry_dir / name).write_text(text, encoding="utf-8")
    loaded = glossary.load(entry_dir)
    shutil.rmtree(entry_dir)
    linker = Linker(loaded.aliases("ar"))

    slugs = [article_name(n).removesuffix(".txt") for n in range(1, len(texts) + 1)]
    for number, (slug, text) in enumerate(zip(slugs, texts, strict=True)):
        rst = article_rst(slug, text, linker, orphan=number >= sidebar_articles)
        (src / "articles" / f"{slug}.rst").write_text(rst, encoding="utf-8")

    headlines = [_headline(text) for text in texts]
    index = [*title("ملف إحاطة: روسيا وكوريا الشمالية", "="), ""]
    index += ["المقالات", "--------", ""]
    index += [".. toctree::", "   :hidden:", "   :titlesonly:", ""]
    index += [f"   articles/{slug}" for slug in slugs[:sidebar_articles]]
    index += [""]
    for slug, headline in zip(slugs, headlines, strict=True):
        index += [f"- :doc:`{rst_text(headline)} <articles/{slug}>`"]
    index += ["", ".. toctree::", "   :hidden:", "   :caption: المسرد", "", "   glossary/index", ""]
    (src / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")

    pages = [*title("المسرد", "="), "", ".. toctree::", ""]
    pages += [f"   {stem}" for stem, _, _ in BASELINE_GLOSSARY] + ["   english", ""]
    (src / "glossary" / "index.rst").write_text("\n".join(pages) + "\n", encoding="utf-8")
    for stem, heading, kind in BASELINE_GLOSSARY:
        lines = [*title(heading, "="), ""]
        for entry in sorted(
            loaded.of_type(kind), key=lambda e: glossary.arabic_sort_key(e.names["ar"])
        ):
            lines += entry_rst(entry)
        (src / "glossary" / f"{stem}.rst").write_text("\n".join(lines) + "\n", encoding="utf-8")
    english = [*title("الفهرس الإنجليزي", "="), ""]
    for entry in sorted(loaded.entries.values(), key=lambda e: e.names["en"].lower()):
        english += [f"- :ref:`{rst_text(entry.names['en'])} <{entry.id}>`"]
    (src / "glossary" / "english.rst").write_text("\n".join(english) + "\n", encoding="utf-8")
    return src
