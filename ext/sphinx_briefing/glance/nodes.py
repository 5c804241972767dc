"""Docutils nodes of the at-a-glance pages."""

from __future__ import annotations

from docutils import nodes


class glance_placeholder(nodes.General, nodes.Element):
    """Where a who's who, timeline, map or graph goes; filled once every article is read.

    Attributes: ``what`` (``whoswho``, ``timeline``, ``map``, ``graph``) and ``options``
    (the directive's options, as a dict).
    """


class glance_figure(nodes.General, nodes.Element):
    """A drawing and the text it is drawn from.

    Attributes: ``svg`` (the markup, shown inline in HTML and embedded in the PDF),
    ``kind`` (``timeline``, ``map``, ``graph``) and ``alt`` (its short text alternative).
    Children: the caption paragraph and the list or table the drawing shows, as text.
    """


class glance_details(nodes.General, nodes.Element):
    """A block readers can open (HTML ``<details>``), always open on paper.

    Attribute ``summary``: the text of the control.
    """
