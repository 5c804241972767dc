"""Right-to-left SVG text for Typst.

Typst draws SVG with usvg, which shapes Arabic with the PDF's fonts but lays every text out
left to right: it ignores ``direction="rtl"`` (a label that starts or ends with digits or
Latin comes out in the wrong order) and reads ``text-anchor`` physically (``start`` is the
left edge). :func:`for_typst` rewrites the drawing into what usvg and every conforming
renderer read alike: each right-to-left text becomes ``direction="ltr"`` with its runs
embedded right to left (U+202B … U+202C) and its anchor made physical (``start`` ↔ ``end``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
RLE, PDF = "\u202b", "\u202c"
_SWAP = {"start": "end", "end": "start", "middle": "middle"}
#: Characters XML does not allow (and Typst strings should not carry).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _style(element: ET.Element, name: str) -> str | None:
    """A presentation property from the attribute or the ``style`` declaration."""
    for declaration in element.get("style", "").split(";"):
        key, _sep, value = declaration.partition(":")
        if key.strip() == name and value.strip():
            return value.strip()
    return element.get(name)


def _embed(text: str | None) -> str | None:
    if text is None or not text.strip():
        return text
    return f"{RLE}{text}{PDF}"


def _embed_all(element: ET.Element) -> None:
    element.text = _embed(element.text)
    for child in element:
        _embed_all(child)
        child.tail = _embed(child.tail)


def _set_anchor(element: ET.Element, anchor: str) -> None:
    if "style" in element.attrib:
        kept = [
            d
            for d in element.get("style", "").split(";")
            if d.split(":")[0].strip() not in ("text-anchor", "direction")
        ]
        element.set("style", ";".join(kept))
    element.set("text-anchor", _SWAP.get(anchor, "end"))
    element.set("direction", "ltr")


def _walk(element: ET.Element, direction: str, anchor: str) -> None:
    direction = _style(element, "direction") or direction
    anchor = _style(element, "text-anchor") or anchor
    if _local(element.tag) == "text":
        if direction == "rtl":
            _set_anchor(element, anchor)
            for tspan in element.iter():
                if tspan is not element and _style(tspan, "text-anchor"):
                    _set_anchor(tspan, _style(tspan, "text-anchor") or anchor)
            _embed_all(element)
        return
    for child in element:
        _walk(child, direction, anchor)


def for_typst(svg: str) -> str:
    """The SVG with its right-to-left texts made explicit for usvg (see the module)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(_CONTROL.sub("", svg))
    _walk(root, "ltr", "start")
    return ET.tostring(root, encoding="unicode")
