"""The ``briefing`` domain: what the build environment knows about every article.

All build state lives in ``env.domaindata['briefing']`` so incremental and parallel
builds see the same data (``clear_doc``/``merge_domaindata``).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar, TypedDict

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from briefing.metadata import ArticleMeta, sidecar_path
from briefing.report import warn


class ArticleRecord(TypedDict):
    """One article as the rest of the build sees it."""

    slug: str
    headline: str
    source: str
    outlet: str
    published: str
    event_date: str
    language: str
    url: str
    paragraphs: int
    sections: int
    #: Absolute path of the sidecar, or "" when the article has none.
    sidecar: str


class BriefingDomain(Domain):
    """Holds the book's articles (and, later, its glossary entities)."""

    name = "briefing"
    label = "Briefing"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"articles": {}}

    @property
    def articles(self) -> dict[str, ArticleRecord]:
        """Articles by docname."""
        articles: dict[str, ArticleRecord] = self.data.setdefault("articles", {})
        return articles

    def note_article(
        self,
        docname: str,
        meta: ArticleMeta,
        headline: str,
        paragraphs: int,
        sections: int,
        sidecar: str,
    ) -> None:
        """Record an article read from ``docname``."""
        self.articles[docname] = ArticleRecord(
            slug=meta.slug,
            headline=headline,
            source=meta.source,
            outlet=meta.outlet,
            published=meta.published,
            event_date=meta.event_date,
            language=meta.language,
            url=meta.url,
            paragraphs=paragraphs,
            sections=sections,
            sidecar=sidecar,
        )

    def newest_first(self) -> list[tuple[str, ArticleRecord]]:
        """Articles ordered for the landing page: newest date first, undated last, then slug."""
        dated = sorted(self.articles.items(), key=lambda item: item[1]["slug"])
        return sorted(
            dated,
            key=lambda item: item[1]["published"] or item[1]["event_date"],
            reverse=True,
        )

    def clear_doc(self, docname: str) -> None:
        self.articles.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, record in otherdata["articles"].items():
            if docname in docnames:
                self.articles[docname] = record

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        return []

    def check_consistency(self) -> None:
        """Warn when two articles share a slug: their ids and citations would collide."""
        seen: dict[str, str] = {}
        for docname in sorted(self.articles):
            slug = self.articles[docname]["slug"]
            if slug in seen:
                warn(
                    f"slug {slug!r} is already used by {seen[slug]}; set article.slug in the "
                    "sidecar to make it unique",
                    "duplicate-slug",
                    self.env.doc2path(docname),
                    1,
                )
            else:
                seen[slug] = docname


def get_domain(env: BuildEnvironment) -> BriefingDomain:
    """The briefing domain of ``env``, typed."""
    domain = env.domains["briefing"]
    assert isinstance(domain, BriefingDomain)
    return domain


def new_sidecars(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Articles whose sidecar appeared since they were read (``env-get-outdated``).

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
