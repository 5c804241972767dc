"""Find glossary mentions in articles (a read transform) and link them.

Every mention is recorded in the domain; which ones become links follows
``briefing_link_density`` and ``briefing_link_adjectives``. Headings and the headline are
scanned and recorded, never linked.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from sphinx_briefing.domain import get_domain
from sphinx_briefing.editions.translation import (
    LANG,
    ORIGINAL,
    ORIGINAL_COLUMN,
    PARAGRAPH,
    TRANSLATION_OF,
)
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.nodes import GENERATED, source_text
from sphinx_briefing.records import MentionRecord
from sphinx_briefing.text.linker import Linker, Mention

DENSITIES = ("all", "first-per-section", "first-per-article")
SNIPPET_CONTEXT = 40


#: How many linkers a process keeps (one per glossary state and language).
_KEPT_LINKERS = 4


def _linker(app: object, key: str, glossary: Callable[[], Glossary], lang: str) -> Linker:
    """The linker of the glossary whose alias fingerprint and language are ``key``, built
    once per process (kept on the application, so each process of a parallel build has its
    own): the glossary and its aliases are worked out only when the key is new, not for
    every article."""
    kept: dict[str, Linker] = app.__dict__.setdefault("_briefing_linkers", {})
    linker = kept.get(key)
    if linker is None:
        known = glossary()
        people = frozenset(i for i, entry in known.entries.items() if entry.type == "person")
        if len(kept) >= _KEPT_LINKERS:
            kept.clear()
        linker = kept[key] = Linker(known.aliases(lang), people)
    return linker


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """A short excerpt around ``text[start:end]``, cut at word boundaries, with ellipses."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


class LinkMentions(SphinxTransform):
    """Record and link mentions of glossary entries in an article's doctree."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        top = next(iter(self.document.findall(_is_article)), None)
        if top is None:
            return
        domain = get_domain(self.env)
        if not domain.data.get("glossary"):
            return  # no entries
        record = domain.articles.get(self.env.docname)
        original = str(record["language"]) if record else "ar"
        fingerprint = domain.data.get("fingerprints", {}).get("aliases", "")
        if not fingerprint:
            # Never two glossaries under one key (the fingerprint is stored before reading).
            fingerprint = domain.glossary().fingerprint("aliases")
        app = self.env._app

        def linker(lang: str) -> Linker:
            return _linker(app, f"{fingerprint}:{lang}", domain.glossary, lang)

        # Per language of the text, the entities named in full so far: a family name (كيم)
        # is a mention only after one of them (Linker.find).
        named: dict[str, set[str]] = {}

        density = self.config.briefing_link_density
        adjectives = self.config.briefing_link_adjectives
        records: list[MentionRecord] = []
        # Density counts per language: the parallel translation links on its own.
        linked_in: set[tuple[str, str, str]] = set()
        for block in [b for b in top.findall(nodes.Element) if _is_scanned(b)]:
            lang = str(block.get(LANG, original))
            shown = TRANSLATION_OF not in block
            scope = _scope(block, density)
            heading = (
                isinstance(block, nodes.title)
                or "briefing-kicker" in block["classes"]
                or "briefing-heading-translation" in block["classes"]
            )
            if ORIGINAL in block:
                # A translated edition still records where the original names each entry.
                records.extend(
                    self._original_mentions(
                        block, linker(original), original, named.setdefault(f"{original}:", set())
                    )
                )
            for text_node in [t for t in block.findall(nodes.Text) if _own_text(t, block)]:
                found = linker(lang).find(str(text_node), named.setdefault(lang, set()))
                if not found:
                    continue
                offset = _offset(block, text_node)
                replacement: list[nodes.Node] = []
                position = 0
                value = str(text_node)
                for mention in found:
                    link = not heading and (adjectives or mention.kind == "name")
                    if link and density != "all":
                        link = (lang, scope, mention.entity) not in linked_in
                    if link:
                        linked_in.add((lang, scope, mention.entity))
                    records.append(self._record(block, mention, offset, link, lang, shown))
                    # The names inside it count as mentions, linked through the outer one.
                    records.extend(
                        self._record(block, inner, offset, False, lang, shown, nested=True)
                        for inner in mention.nested
                    )
                    if mention.start > position:
                        replacement.append(nodes.Text(value[position : mention.start]))
                    replacement.append(_node(mention, link))
                    position = mention.end
                if position < len(value):
                    replacement.append(nodes.Text(value[position:]))
                text_node.parent.replace(text_node, replacement)
        domain.mentions[self.env.docname] = records

    def _original_mentions(
        self, block: nodes.Element, linker: Linker, lang: str, named: set[str]
    ) -> list[MentionRecord]:
        text = str(block[ORIGINAL])
        column = int(block.get(ORIGINAL_COLUMN, 0))
        records: list[MentionRecord] = []
        for mention in linker.find(text, named):
            records.append(self._record(block, mention, 0, False, lang, False, (text, column)))
            records.extend(
                self._record(block, inner, 0, False, lang, False, (text, column), nested=True)
                for inner in mention.nested
            )
        return records

    def _record(
        self,
        block: nodes.Element,
        mention: Mention,
        offset: int,
        linked: bool,
        lang: str,
        shown: bool,
        original: tuple[str, int] | None = None,
        nested: bool = False,
    ) -> MentionRecord:
        """``original``: the (text, column) of a translated block's original, when the
        mention is in that; ``nested``: the mention is inside a longer one."""
        text, column = original or (source_text(block), int(block.get("briefing_column", 0)))
        column += offset
        is_para = isinstance(block, nodes.paragraph) and "briefing_number" in block
        if TRANSLATION_OF in block:
            anchor = str(block[TRANSLATION_OF])
        elif is_para:
            anchor = block["ids"][0]
        else:
            # A heading or the kicker points at its section (the article for the kicker).
            anchor = _scope(block, "first-per-section")
        return MentionRecord(
            entity=mention.entity,
            kind=mention.kind,
            linked=linked,
            line=int(block.line or 0),
            start=column + mention.start,
            end=column + mention.end,
            text=mention.text,
            anchor=anchor,
            paragraph=int(block.get("briefing_number", block.get(PARAGRAPH, 0))),
            snippet=snippet(text, offset + mention.start, offset + mention.end),
            lang=lang,
            shown=shown,
            nested=nested,
        )


def _is_article(node: nodes.Node) -> bool:
    return isinstance(node, nodes.section) and "briefing-article" in node["classes"]


def _is_scanned(node: nodes.Node) -> bool:
    if isinstance(node, nodes.paragraph):
        return (
            "briefing_number" in node
            or "briefing-kicker" in node["classes"]
            or TRANSLATION_OF in node
        )
    return isinstance(node, nodes.title) and "briefing_column" in node


def _scope(block: nodes.Element, density: str) -> str:
    if density == "first-per-article":
        return ""
    section = block.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    return section["ids"][0] if section is not None and section["ids"] else ""


def _generated(text: nodes.Text, block: nodes.Element) -> bool:
    parent = text.parent
    while parent is not None and parent is not block:
        if isinstance(parent, GENERATED):
            return True
        parent = parent.parent
    return False


def _own_text(text: nodes.Text, block: nodes.Element) -> bool:
    """Article text not yet linked (and not a generated number)."""
    parent: nodes.Element | None = text.parent
    while parent is not None and parent is not block:
        if isinstance(parent, (*GENERATED, addnodes.pending_xref)) or not isinstance(
            parent, nodes.Inline
        ):
            return False
        parent = parent.parent
    return True


def _offset(block: nodes.Element, target: nodes.Text) -> int:
    """Where ``target`` starts within the block's :func:`~sphinx_briefing.nodes.source_text`."""
    position = 0
    for node in block.findall(nodes.Text):
        if node is target:
            return position
        if not _generated(node, block):
            position += len(node)
    return position


def _node(mention: Mention, link: bool) -> nodes.Node:
    if not link:
        return nodes.Text(mention.text)
    ref = addnodes.pending_xref(
        "",
        refdomain="briefing",
        reftype="entity",
        reftarget=mention.entity,
        refexplicit=True,
        briefing_auto=True,
        refwarn=True,
    )
    ref += nodes.inline(mention.text, mention.text)
    return ref
