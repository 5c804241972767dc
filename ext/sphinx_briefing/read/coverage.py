"""The names each article leaves without a glossary entry (a read transform).

After the mentions are linked (:mod:`sphinx_briefing.read.mentions`), the article's lines are
given to the candidate finder (:mod:`sphinx_briefing.candidates.finder`) as ``briefing
candidates`` reads a file: the same lines (headline, headings, paragraphs, list items,
datelines, bylines, publication lines; never the lines set aside), the glossary's links as
recorded. What it finds is kept in the domain (``coverage``, by docname, cleared and merged
like every other per-article record), for ``_briefing/coverage.json``, the build log and the
editors' note at the foot of each article (:mod:`sphinx_briefing.exports.coverage`).

Only the text the edition shows as written is read: a translated edition has nothing to add.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from sphinx_briefing.candidates.finder import Finder, as_record, credit_regions
from sphinx_briefing.candidates.spans import ADJECTIVE
from sphinx_briefing.domain import get_domain
from sphinx_briefing.editions.translation import LANG, TRANSLATION_OF
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.nodes import GENERATED
from sphinx_briefing.text.article import Kind

#: Where the domain keeps each article's coverage.
KEY = "coverage"
#: The kind of line each paragraph class stands for.
_CLASS_KINDS = {
    "briefing-dateline": Kind.DATELINE,
    "briefing-byline": Kind.BYLINE,
    "briefing-published": Kind.PUBLISHED,
}


#: One finder per glossary (its variant index and linker), not per article, by fingerprint.
_FINDERS: dict[str, Finder] = {}


def _finder(fingerprint: str, glossary: Callable[[], Glossary]) -> Finder:
    found = _FINDERS.get(fingerprint)
    if found is None:
        _FINDERS.clear()
        found = _FINDERS[fingerprint] = Finder(glossary())
    return found


def _own_text(block: nodes.Element) -> str:
    """The block's article text as in its source line (generated numbers left out)."""
    parts = []
    for text in block.findall(nodes.Text):
        parent = text.parent
        while parent is not None and parent is not block and not isinstance(parent, GENERATED):
            parent = parent.parent
        if parent is block:
            parts.append(str(text))
    return "".join(parts)


def _kind(block: nodes.Element) -> Kind:
    if isinstance(block, nodes.title):
        return Kind.HEADLINE if "briefing-article" in block.parent["classes"] else Kind.HEADING
    for name, kind in _CLASS_KINDS.items():
        if name in block["classes"]:
            return kind
    return Kind.PARAGRAPH


class FindUnlinked(SphinxTransform):
    """Record the names of an article that no glossary entry covers, and the new spellings
    of those that one does."""

    # After LinkMentions (500), whose records it reads.
    default_priority = 510

    def apply(self, **kwargs: object) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        record = domain.articles.get(docname)
        top = next(
            (n for n in self.document.findall(nodes.section) if "briefing-article" in n["classes"]),
            None,
        )
        if record is None or top is None:
            return
        original = str(record["language"])
        if self.config.language not in (None, "", original):
            return  # a translated edition shows another text
        lines: dict[int, str] = {}
        credits: dict[int, list[tuple[int, int]]] = {}
        for block in top.findall(nodes.Element):
            if "briefing_column" not in block or not block.line:
                continue
            if TRANSLATION_OF in block or str(block.get(LANG, original)) != original:
                continue
            line = " " * int(block["briefing_column"]) + _own_text(block)
            lines[block.line] = line
            regions = credit_regions(line, _kind(block))
            if regions:
                credits[block.line] = regions
        linked: dict[int, list[tuple[int, int, str]]] = {}
        shown = 0
        for mention in domain.mentions.get(docname, []):
            if mention.get("lang", original) == original and mention.get("shown", True):
                shown += 1
                spans = linked.setdefault(mention["line"], [])
                entity = mention["entity"]
                if mention["kind"] == "adjective":
                    entity = f"{ADJECTIVE}{entity}"
                spans.append((mention["start"], mention["end"], entity))
        fingerprint = domain.data.get("fingerprints", {}).get("aliases", "")
        finder = _finder(fingerprint, domain.glossary)
        found = finder.find({docname: lines}, {docname: linked}, {docname: credits})
        coverage: dict[str, Any] = {
            "mentions": shown,
            "candidates": [as_record(c) for c in found if c.variant_of is None],
            "variants": [as_record(c) for c in found if c.variant_of is not None],
        }
        domain.data.setdefault(KEY, {})[docname] = coverage


def setup(app: Sphinx) -> None:
    """Register the coverage report: this transform, and its writing side
    (:func:`sphinx_briefing.exports.coverage.setup`)."""
    from sphinx_briefing.exports import coverage

    app.add_transform(FindUnlinked)
    coverage.setup(app)
