"""Translations of articles, read from the book's gettext catalogues.

The book follows Sphinx's gettext route: ``make gettext`` extracts each article's headline,
headings and paragraphs as messages (``build/gettext/articles.pot``); translations live in
``locales/<lang>/LC_MESSAGES/articles.po``. Sphinx's own ``Locale`` transform re-parses every
translated message with the document's parser, which for a plain-text article would build a
whole new article; so articles are translated here instead, block by block, keeping the
numbers, ids and anchors of the original, and Sphinx's transform is told to leave them alone.

Two uses:

* :func:`translate` — an edition in another language (``language = "en"``) shows the
  translation in place of the original; blocks without a translation keep the original text,
  marked with its language, and are reported.
* :func:`attach_parallel` — the original edition carries each block's translation beside it
  (the parallel view), from the same catalogue.

Fuzzy messages (the source changed since translation; ``sphinx-intl update`` marks them) are
never used, as in Sphinx's compiled catalogues; they are reported as outdated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from sphinx_briefing.nodes import foreign_block, translation_pair

#: Node attribute holding a translated block's original text.
ORIGINAL = "briefing_original"
#: Where the original text started in its source line (mentions of the original point there).
ORIGINAL_COLUMN = "briefing_original_column"
#: Node attribute: the language of the text a block shows.
LANG = "briefing_lang"
#: On a translation shown beside its original: the original block's anchor.
TRANSLATION_OF = "briefing_translation_of"
#: On a paragraph's translation shown beside it: the original's ¶ number.
PARAGRAPH = "briefing_paragraph"


@dataclass(frozen=True)
class Catalogue:
    """One gettext catalogue: usable translations and fuzzy (outdated) ones, by message id."""

    language: str
    path: Path | None = None
    messages: Mapping[str, str] = field(default_factory=dict)
    fuzzy: Mapping[str, str] = field(default_factory=dict)

    def get(self, msgid: str) -> str | None:
        """The translation of ``msgid``, or None (missing, empty or fuzzy)."""
        return self.messages.get(msgid)


@dataclass(frozen=True)
class Untranslated:
    """A block shown in its original language: why, and where."""

    anchor: str
    label: str
    line: int
    outdated: bool  # a fuzzy translation exists: the source changed since


@dataclass(frozen=True)
class Outcome:
    """What translating an article's blocks gave: how many there were, which are missing."""

    messages: int
    missing: list[Untranslated]


def po_path(env: BuildEnvironment, docname: str, language: str) -> Path | None:
    """The ``.po`` file holding ``docname``'s messages in ``language``, if there is one."""
    domain = docname_to_domain(docname, env.config.gettext_compact)
    for directory in env.config.locale_dirs:
        candidate = Path(env.srcdir, directory, language, "LC_MESSAGES", f"{domain}.po")
        if candidate.is_file():
            return candidate
    return None


def catalogue(env: BuildEnvironment, docname: str, language: str) -> Catalogue:
    """``docname``'s catalogue in ``language`` (empty when there is none); the document is
    rebuilt when the catalogue changes."""
    path = po_path(env, docname, language)
    if path is None:
        return Catalogue(language)
    env.note_dependency(str(path))
    stat = path.stat()
    return _load(str(path), language, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load(path: str, language: str, _mtime: int, _size: int) -> Catalogue:
    # Memoised per file version: a book's articles share one compact catalogue.
    with open(path, "rb") as handle:
        parsed = read_po(handle, locale=language.replace("-", "_"), abort_invalid=False)
    messages: dict[str, str] = {}
    fuzzy: dict[str, str] = {}
    for message in parsed:
        if not message.id or not isinstance(message.id, str):
            continue
        text = message.string if isinstance(message.string, str) else ""
        if not text.strip():
            continue
        (fuzzy if message.fuzzy else messages)[message.id] = text
    return Catalogue(language, Path(path), messages, fuzzy)


def blocks(top: nodes.Element) -> Iterator[tuple[nodes.TextElement, str]]:
    """The article's translatable blocks with their message ids, exactly as the gettext
    builder extracts them: headline, kicker, headings, numbered paragraphs."""
    for node, msgid in list(extract_messages(top)):
        if isinstance(node, nodes.TextElement) and _text_child(node) is not None:
            yield node, msgid


def _text_child(node: nodes.Element) -> nodes.Text | None:
    """The block's own text: its one direct Text child (numbers are separate nodes)."""
    found = [child for child in node.children if isinstance(child, nodes.Text)]
    return found[0] if len(found) == 1 else None


def label(node: nodes.Element) -> str:
    """§3, ¶12, or the headline's empty label."""
    if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
        number = node.parent.get("briefing_number")
        return f"§{number}" if number else ""
    number = node.get("briefing_number")
    return f"¶{number}" if number else ""


def anchor(node: nodes.Element) -> str:
    """The id a block is cited by: its own, its section's for a heading, else the article's."""
    current: nodes.Element | None = node
    while current is not None:
        if current.get("ids"):
            return str(current["ids"][0])
        current = current.parent
    return ""


def translate(top: nodes.Element, cat: Catalogue, original_language: str) -> Outcome:
    """Show ``cat``'s translation in place of each block's text; return the blocks left in
    the original (their language is marked so they keep its direction)."""
    missing: list[Untranslated] = []
    found = list(blocks(top))
    for node, msgid in found:
        text = _text_child(node)
        assert text is not None
        node["translatable"] = False  # Sphinx's Locale transform must not translate it again
        translated = cat.get(msgid)
        if translated is None:
            node[LANG] = original_language
            node["classes"].append(f"language-{original_language}")  # HTML lang attribute
            missing.append(_untranslated(node, msgid, cat))
            continue
        node[ORIGINAL] = msgid
        node[LANG] = cat.language
        node.rawsource = translated
        node.replace(text, nodes.Text(translated))
        # Columns point into the original's source line: meaningless for a translation.
        node[ORIGINAL_COLUMN] = node.get("briefing_column", 0)
        node["briefing_column"] = 0
    return Outcome(len(found), missing)


def attach_parallel(top: nodes.Element, cat: Catalogue) -> Outcome:
    """Put each block's translation beside it (hidden until the reader asks for it).

    A numbered paragraph and its translation are wrapped in a :class:`translation_pair`
    (side by side on wide screens); a heading's translation follows the heading.
    """
    missing: list[Untranslated] = []
    found = list(blocks(top))
    for node, msgid in found:
        translated = cat.get(msgid)
        if translated is None:
            missing.append(_untranslated(node, msgid, cat))
            continue
        para = nodes.paragraph(translated, translated, classes=["briefing-para-translation"])
        para["translatable"] = False  # never extracted as a message of the original
        para[TRANSLATION_OF] = anchor(node)
        para[LANG] = cat.language
        para[PARAGRAPH] = node.get("briefing_number", 0)
        para.source, para.line = node.source, node.line
        block = foreign_block(lang=cat.language, classes=["briefing-translation"])
        block += para
        if isinstance(node, nodes.paragraph) and "briefing_number" in node:
            pair = translation_pair(classes=["briefing-pair"])
            pair.source, pair.line = node.source, node.line
            # Not replace_self: it would copy the paragraph's id and classes onto the pair.
            node.parent.replace(node, pair)
            pair += node
            pair += block
        else:
            para["classes"].append("briefing-heading-translation")
            parent = node.parent
            parent.insert(parent.index(node) + 1, block)
    return Outcome(len(found), missing)


def _untranslated(node: nodes.Element, msgid: str, cat: Catalogue) -> Untranslated:
    return Untranslated(anchor(node), label(node), node.line or 0, msgid in cat.fuzzy)


def use_project_translation(app: Sphinx, config: Config) -> None:
    """Give an edition in another language its own title and author
    (``briefing_project_translations``, ``briefing_author_translations``, e.g.
    ``{"en": "Briefing book: ..."}``): Sphinx does not translate configuration values."""
    author = config.briefing_author_translations.get(config.language or "")
    if author:
        config.author = author
    title = config.briefing_project_translations.get(config.language or "")
    if not title:
        return
    if config.html_title in (None, "", config.project):
        config.html_title = title
    config.project = title
