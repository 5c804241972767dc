"""The sidebar navigation: the book's global table of contents with a bounded article list.

The theme renders the global toctree on every page. Listing every article there makes each
page's cost grow with the number of articles (Sphinx copies the whole tree per page), so a
1,000-article book takes O(N²) to write. The sidebar therefore shows only the newest
``briefing_sidebar_articles`` articles, plus the current article when it is older, and a
link to the full list on the landing page. The full toctree is unchanged for everything
else (previous/next links, the PDF, ``objects.inv``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

# Private, but the one function that resolves a single toctree node as the global toctree
# does (Sphinx is pinned to 9.0.x in pyproject.toml).
from sphinx.environment.adapters.toctree import _resolve_toctree
from sphinx.locale import _

#: Attribute set on the landing page's article toctree (see ``landing.ArticlesDirective``).
ARTICLES_TOCTREE = "briefing_articles"


def shown_entries(
    entries: list[tuple[str | None, str]], docname: str, limit: int
) -> list[tuple[str | None, str]]:
    """The first ``limit`` entries, plus ``docname``'s own entry (in order) if it is later.

    ``limit`` ≤ 0 keeps every entry.
    """
    if limit <= 0 or len(entries) <= limit:
        return list(entries)
    shown = list(entries[:limit])
    shown += [entry for entry in entries[limit:] if entry[1] == docname]
    return shown


def bounded_toctree(builder: StandaloneHTMLBuilder, docname: str) -> Callable[..., str]:
    """A replacement for the page context's ``toctree()``: the article toctree capped."""
    limit = builder.config.briefing_sidebar_articles

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        # The same defaults as StandaloneHTMLBuilder._get_local_toctree.
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        env = builder.env
        resolved: list[nodes.Element] = []
        for node in env.master_doctree.findall(addnodes.toctree):
            capped = False
            if node.get(ARTICLES_TOCTREE):
                total = len(node["entries"])
                node = node.copy()
                node["entries"] = shown_entries(node["entries"], docname, limit)
                capped = len(node["entries"]) < total
            result = _resolve_toctree(
                env,
                docname,
                builder,
                node,
                prune=True,
                maxdepth=int(kwargs.get("maxdepth", 0)),
                titles_only=bool(kwargs.get("titles_only", False)),
                collapse=collapse,
                includehidden=bool(kwargs["includehidden"]),
                tags=builder.tags,
            )
            if result is not None:
                if capped:
                    _add_all_articles_link(result, builder, docname, total)
                resolved.append(result)
        if not resolved:
            return ""
        merged = resolved[0]
        for other in resolved[1:]:
            merged.extend(other.children)
        return builder.render_partial(merged)["fragment"]

    return toctree


def _add_all_articles_link(
    resolved: nodes.Element, builder: StandaloneHTMLBuilder, docname: str, total: int
) -> None:
    """End the capped article list with a link to the landing page's full list."""
    lists = [child for child in resolved.children if isinstance(child, nodes.bullet_list)]
    if not lists:
        return
    # No fragment: pydata-sphinx-theme drops sidebar links with one (as in-page links).
    uri = builder.get_relative_uri(docname, builder.config.root_doc)
    reference = nodes.reference(
        "", _("All %(count)s articles") % {"count": total}, refuri=uri, internal=True
    )
    item = nodes.list_item("", classes=["toctree-l1", "briefing-all-articles"])
    item += addnodes.compact_paragraph("", "", reference, classes=["toctree-l1"])
    lists[-1] += item


def use_bounded_sidebar(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the page a ``toctree()`` that caps the article list of the sidebar."""
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and "toctree" in context:
        context["toctree"] = bounded_toctree(builder, pagename)
