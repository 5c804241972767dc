"""The names each article leaves without a glossary entry (a read transform).

After the mentions are linked (:mod:`sphinx_briefing.read.mentions`), the article's lines are
given to the candidate finder (:mod:`sphinx_briefing.candidates.finder`) as ``briefing
candidates`` reads a file: the same lines (headline, headings, paragraphs, list items,
datelines, bylines, publication lines; never the lines set aside), the glossary's links as
recorded. What it finds is kept in the domain (``coverage``, by docname, cleared and merged
like every other per-article record), for ``_briefing/coverage.json``, the build log and the
editors' note at the foot of each article (:mod:`sphinx_briefing.exports.coverage`).

Only the text the edition shows as written is read: a translated edition has nothing to add.

The transform only gathers each article's lines, links and credits; the finder reads them
all at once when every article has been read (``env-updated``, :func:`find_pending`): run
between Sphinx's parsing of one article and the next, it found its own tables and words
evicted from the processor's caches each time and took half as long again. The finder is
built once per glossary (kept on the application, by the glossary's fingerprint), and what
it finds in an article is kept in the machine cache (:mod:`sphinx_briefing.cache`) by its
exact inputs (the article's lines, links and credits), in one file per glossary fingerprint
and version of the finder's code and data: a rebuild, or a fresh build of unchanged
articles, reads that file once instead of running the finder again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Collection, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from sphinx_briefing import resources
from sphinx_briefing.cache import cache_dir, digest, write_atomically
from sphinx_briefing.candidates.finder import Finder, as_record, credit_regions
from sphinx_briefing.candidates.spans import ADJECTIVE
from sphinx_briefing.domain import get_domain
from sphinx_briefing.editions.translation import LANG, TRANSLATION_OF
from sphinx_briefing.glossary import Glossary
from sphinx_briefing.nodes import source_text
from sphinx_briefing.text.article import Kind

#: Where the domain keeps each article's coverage.
KEY = "coverage"
#: In an article's coverage until the finder has read it: its (lines, links, credits).
PENDING = "pending"
#: The kind of line each paragraph class stands for.
_CLASS_KINDS = {
    "briefing-dateline": Kind.DATELINE,
    "briefing-byline": Kind.BYLINE,
    "briefing-published": Kind.PUBLISHED,
}


#: The machine cache's kind for the finder's results (one pack per glossary and version).
CACHE_KIND = "coverage"
#: Bump when the shape of the cached results changes.
CACHE_VERSION = "2"
_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code and data the finder's results depend on (once per process)."""
    hashed = hashlib.sha256(CACHE_VERSION.encode())
    files = [
        *sorted((_PACKAGE / "candidates").glob("*.py")),
        *sorted((_PACKAGE / "text").glob("*.py")),
        _PACKAGE / "search" / "glossary_search.py",
        _PACKAGE / "glossary.py",
        Path(__file__).resolve(),
        *sorted(resources.DATA.rglob("*.json")),
    ]
    for path in files:
        hashed.update(path.name.encode())
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def _finder(app: Sphinx, fingerprint: str, glossary: Callable[[], Glossary]) -> Finder:
    """The finder of the glossary with ``fingerprint``, built once per build (kept on the
    application, like everything that lasts one build)."""
    kept: tuple[str, Finder] | None = app.__dict__.get("_briefing_coverage_finder")
    if kept is None or kept[0] != fingerprint:
        kept = (fingerprint, Finder(glossary()))
        app.__dict__["_briefing_coverage_finder"] = kept
    return kept[1]


Records = dict[str, list[dict[str, Any]]]
#: A pack holding more than this many times the book's articles (and :data:`PACK_SLACK`) is
#: cut to the book's: edited articles leave their old results behind while the glossary stays.
PACK_GROWTH = 2
PACK_SLACK = 200
#: Where an article's coverage keeps the key of its results in the pack.
PACK_KEY = "pack_key"


def _key(
    lines: dict[int, str],
    linked: dict[int, list[tuple[int, int, str]]],
    credits: dict[int, list[tuple[int, int]]],
) -> str:
    # The records name no file: the same lines give the same records in any article.
    return digest(sorted(lines.items()), sorted(linked.items()), sorted(credits.items()))


def _records(finder: Finder, docname: str, inputs: tuple[Any, Any, Any]) -> Records:
    lines, linked, credits = inputs
    found = finder.find({docname: lines}, {docname: linked}, {docname: credits})
    return {
        "candidates": [as_record(c) for c in found if c.variant_of is None],
        "variants": [as_record(c) for c in found if c.variant_of is not None],
    }


def _read_pack(path: Path) -> dict[str, Records]:
    """The results a pack holds (none when it is missing or unreadable)."""
    try:
        pack = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    return pack if isinstance(pack, dict) else {}


def find_all(
    make: Callable[[], Finder],
    fingerprint: str,
    pending: dict[str, tuple[Any, Any, Any]],
    others: Collection[str] = (),
) -> tuple[dict[str, Records], dict[str, str]]:
    """What the finder finds in each pending article (docname → its lines, links and
    credits): candidates and variants, as records, and each article's key. Results are kept
    in the machine cache in one pack per glossary and finder version, by each article's
    exact inputs: a fresh build of unchanged articles reads one file instead of running the
    finder again. ``others``: the keys of the book's articles not read in this build (kept
    when the pack is cut)."""
    keys = {docname: _key(*inputs) for docname, inputs in pending.items()}
    directory = cache_dir()
    path = None
    if directory is not None:
        path = directory / CACHE_KIND / digest(code_version(), fingerprint)
    pack = _read_pack(path) if path is not None else {}
    found: dict[str, Records] = {}
    new = 0
    for docname in sorted(pending):
        records = pack.get(keys[docname])
        if not (isinstance(records, dict) and set(records) == {"candidates", "variants"}):
            records = pack[keys[docname]] = _records(make(), docname, pending[docname])
            new += 1
        found[docname] = records
    if path is not None and new:
        book = {*others, *keys.values()}
        if len(pack) > PACK_GROWTH * len(book) + PACK_SLACK:
            pack = {key: records for key, records in pack.items() if key in book}
        data = pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        write_atomically(path, write)
    return found, keys


def _blocks(node: nodes.Element) -> Iterator[nodes.Element]:
    """The blocks read from a source line (``briefing_column``) under ``node``, in order;
    not walking into them (their words and links hold no more)."""
    for child in node.children:
        if isinstance(child, nodes.Element):
            if "briefing_column" in child:
                yield child
            else:
                yield from _blocks(child)


def _kind(block: nodes.Element) -> Kind:
    if isinstance(block, nodes.title):
        return Kind.HEADLINE if "briefing-article" in block.parent["classes"] else Kind.HEADING
    classes = block["classes"]
    if classes:
        for name, kind in _CLASS_KINDS.items():
            if name in classes:
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
        for block in _blocks(top):
            if not block.line:
                continue
            if TRANSLATION_OF in block or str(block.get(LANG, original)) != original:
                continue
            line = " " * int(block["briefing_column"]) + source_text(block)
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
        coverage: dict[str, Any] = {"mentions": shown, PENDING: (lines, linked, credits)}
        domain.data.setdefault(KEY, {})[docname] = coverage


def find_pending(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Find the names of every article read in this build (``env-updated``: all of them,
    whether read here or in a parallel build's other processes)."""
    domain = get_domain(env)
    coverage = domain.data.get(KEY, {})
    pending = {name: found.pop(PENDING) for name, found in coverage.items() if PENDING in found}
    if not pending:
        return []
    fingerprint = domain.data.get("fingerprints", {}).get("aliases", "")
    others = [c[PACK_KEY] for name, c in coverage.items() if name not in pending and PACK_KEY in c]
    found, keys = find_all(
        lambda: _finder(app, fingerprint, domain.glossary), fingerprint, pending, others
    )
    for docname, records in found.items():
        coverage[docname].update(records, **{PACK_KEY: keys[docname]})
    return []


def setup(app: Sphinx) -> None:
    """Register the coverage report: this transform, and its writing side
    (:func:`sphinx_briefing.exports.coverage.setup`)."""
    from sphinx_briefing.exports import coverage

    app.add_transform(FindUnlinked)
    app.connect("env-updated", find_pending)
    coverage.setup(app)
