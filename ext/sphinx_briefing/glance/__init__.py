"""The briefing at a glance: figures (relationship graph, timeline, map…) drawn from the data.

``setup()`` registers the directives (``briefing-keypoints``, ``briefing-whoswho``,
``briefing-timeline``, ``briefing-map``, ``briefing-graph``), their nodes and the
post-transform that fills them; ``briefing.setup()`` loads it with
``app.setup_extension("sphinx_briefing.glance")``. The renderers (``timeline``, ``locator_map``,
``relation_graph``) are pure and know nothing of Sphinx.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the at-a-glance parts."""
    from sphinx_briefing.glance import html
    from sphinx_briefing.glance.figures import (
        FillGlance,
        GraphDirective,
        MapDirective,
        TimelineDirective,
    )
    from sphinx_briefing.glance.keypoints import KeyPointsDirective
    from sphinx_briefing.glance.nodes import glance_details, glance_figure, glance_placeholder
    from sphinx_briefing.glance.whoswho import WhosWhoDirective

    app.add_directive("briefing-keypoints", KeyPointsDirective)
    app.add_directive("briefing-whoswho", WhosWhoDirective)
    app.add_directive("briefing-timeline", TimelineDirective)
    app.add_directive("briefing-map", MapDirective)
    app.add_directive("briefing-graph", GraphDirective)
    app.add_post_transform(FillGlance)
    text_only = (html.visit_text_only, html.depart_text_only)
    others = dict.fromkeys(("latex", "text", "man", "texinfo"), text_only)
    app.add_node(
        glance_figure,
        html=(html.visit_glance_figure, html.depart_glance_figure),
        **others,  # type: ignore[arg-type]
    )
    app.add_node(
        glance_details,
        html=(html.visit_glance_details, html.depart_glance_details),
        **others,  # type: ignore[arg-type]
    )
    app.add_node(glance_placeholder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
