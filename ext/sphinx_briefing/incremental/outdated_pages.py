"""What must be read again beyond Sphinx's own mtime checks (``env-get-outdated``), and
the glossary, read once at the start of every build.

Pages drawn from every article are written again only after a change to what they are drawn
from. Several builders may share one environment (``make html`` and ``make pdf`` share
``build/doctrees``), so a change is not a flag the first builder consumes: each change raises
a generation counter, and each builder records the generation whose pages it last wrote.
A builder behind the counter writes them again, whichever builder read the change.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_briefing import glossary as glossary_data
from sphinx_briefing.domain import get_domain
from sphinx_briefing.report import warn
from sphinx_briefing.text.sidecar import sidecar_path

#: Domain data: raised each time a document is read or removed or an entry's text changes.
GENERATION = "article_pages_generation"
#: Domain data: by builder name, the generation whose whole-book pages it last wrote.
WRITTEN = "article_pages_written"
#: Domain data: (generation, entry id) of the glossary entries whose text changed.
CHANGED_ENTRIES = "changed_entry_generations"
#: Domain data: (docname, headline) of the articles the written pages' sidebars list.
SIDEBAR = "sidebar_articles"


def new_sidecars(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Articles whose sidecar appeared since they were read.

    Existing sidecars are noted as dependencies; a sidecar that did not exist yet cannot
    be, so its appearance is checked here.
    """
    outdated = []
    for docname, record in get_domain(env).articles.items():
        if record["sidecar"] or docname in changed or docname in removed:
            continue
        if sidecar_path(env.doc2path(docname)).is_file():
            outdated.append(docname)
    return outdated


def glossary_dir(app: Sphinx) -> Path:
    """Where the glossary entries live (``briefing_glossary_dir``, relative to the source dir)."""
    return Path(app.srcdir) / str(app.config.briefing_glossary_dir)


def refresh_glossary(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Read the glossary, report its problems, and return the documents it invalidates.

    Changed names or aliases change the links in every article; any other change only
    the glossary pages.
    """
    loaded = glossary_data.load(glossary_dir(app))
    for problem in loaded.problems:
        field = f"{problem.field}: " if problem.field else ""
        warn(f"{field}{problem.message}", f"glossary-{problem.subtype}", problem.path, problem.line)
    domain = get_domain(env)
    # Entries whose text changed: their hover cards are drawn into the articles at write time.
    previous = {key: value["data"] for key, value in domain.data.get("glossary", {}).items()}
    if previous:
        current = {key: entry.data for key, entry in loaded.entries.items()}
        edited = [
            k for k in sorted(previous.keys() | current.keys()) if previous.get(k) != current.get(k)
        ]
        if edited:
            generation = _advance(domain.data)
            domain.data.setdefault(CHANGED_ENTRIES, []).extend(
                (generation, entity) for entity in edited
            )
    before = dict(domain.data.get("fingerprints", {}))
    now = {"all": loaded.fingerprint(), "aliases": loaded.fingerprint("aliases")}
    domain.store_glossary(loaded, now)
    outdated: set[str] = set()
    if removed:
        _advance(domain.data)  # their mentions leave the backlinks
    if before.get("aliases") != now["aliases"]:
        outdated |= set(domain.articles)
    if before.get("all") != now["all"]:
        outdated |= set(domain.glossary_pages)
    return sorted(outdated - set(removed))


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember that documents are read in this build (``env-before-read-docs``)."""
    if docnames:
        _advance(get_domain(env).data)


def _advance(data: dict[str, Any]) -> int:
    """Raise the generation of what pages drawn from every article are drawn from."""
    generation = int(data.get(GENERATION, 0)) + 1
    data[GENERATION] = generation
    return generation


def glossary_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages drawn from every article (the glossary's "Mentioned in" lists, the at-a-glance
    counts) are written again when a document was read or removed since this builder last
    wrote them, and so are the articles that link an entry whose text changed since then
    (``env-get-updated``); a build after no change writes nothing. A builder that has not
    written with this environment yet (another builder made it, or an older version of the
    extension) writes every page once: its output may be of any age."""
    domain = get_domain(env)
    generation = int(domain.data.get(GENERATION, 0))
    written: dict[str, int] = domain.data.setdefault(WRITTEN, {})
    seen = written.get(app.builder.name)
    if seen == generation:
        return []
    written[app.builder.name] = generation
    entries = [item for item in domain.data.get(CHANGED_ENTRIES, []) if isinstance(item, tuple)]
    # Kept until every builder that wrote with this environment has seen them.
    oldest = min(written.values())
    domain.data[CHANGED_ENTRIES] = [item for item in entries if item[0] > oldest]
    if seen is None:
        return sorted(env.found_docs)
    changed = {entity for number, entity in entries if number > seen}
    pages = set(domain.glossary_pages) | set(domain.data.get("glance_pages", {}))
    # Articles that show a changed entry's hover card are written again (not read again).
    pages |= {
        docname
        for docname, mentions in domain.mentions.items()
        if any(mention["entity"] in changed for mention in mentions)
    }
    return sorted(pages)


def sidebar_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when an article that a written page's sidebar lists was removed or its
    headline changed (``env-get-updated``).

    Each page's sidebar lists the newest articles (``briefing_sidebar_articles``); a page
    not written again would keep a dead link or an old title. What the written pages list is
    kept as the union of the lists since every page was last written. A new article alone is
    not a reason: the older pages' lists still work, and show it once they are written again.
    """
    domain = get_domain(env)
    limit = int(app.config.briefing_sidebar_articles)
    newest = domain.newest_first()
    shown = newest if limit <= 0 else newest[:limit]
    listed = {(docname, article["headline"]) for docname, article in shown}
    before: set[tuple[str, str]] | None = domain.data.get(SIDEBAR)
    if before is None:  # a new environment: every page is written
        domain.data[SIDEBAR] = listed
        return []
    headlines = {docname: article["headline"] for docname, article in domain.articles.items()}
    if all(headlines.get(docname) == headline for docname, headline in before):
        domain.data[SIDEBAR] = before | listed
        return []
    domain.data[SIDEBAR] = listed
    return sorted(env.found_docs)
