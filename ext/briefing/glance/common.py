"""What the at-a-glance parts share: their interface words, links to entries and paragraphs,
and which paragraphs mention which entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.nodes import make_refnode

from briefing.domain import BriefingDomain
from briefing.glossary import Entry

#: The words the generated parts write (the book's interface language is Arabic; each part
#: shows the English beside the Arabic where a reader needs it).
LABELS = {
    "mentions": "عدد الإشارات في المقالات: {}",
    "mentioned-in": "· ورد في: ",
    "not-mentioned": "لا تذكره المقالات",
    "more": "و{} فقرة أخرى في مدخل المسرد",
    "no-country": "بلا بلد",
    "position": "المنصب: ",
    "since": "منذ {}",
    "timeline-title": "التسلسل الزمني للأحداث والوقائع المؤرخة في المسرد",
    "timeline-desc": (
        "{count} من الأحداث والوقائع المؤرخة، من {first} إلى {last}، مرتبة زمنيًا على "
        "محور عمودي؛ القائمة التي تلي الشكل تعرضها نصًا مع روابطها."
    ),
    "timeline-caption": "التسلسل الزمني: كل حدث وواقعة مؤرخة في المسرد.",
    "timeline-list": "الأحداث والوقائع نصًّا",
    "also": "ومعه: ",
    "map-title": "خريطة المواقع",
    "map-desc": (
        "خريطة تبين {count} من الأماكن الواردة في المسرد ({names})، مع تظليل {shaded}؛ "
        "الجدول الذي يلي الشكل يعرضها نصًا."
    ),
    "map-caption": "خريطة المواقع: كل مكان في المسرد له إحداثيات.",
    "map-table": "جدول الأماكن",
    "graph-title": "شبكة العلاقات بين مداخل المسرد",
    "graph-desc": (
        "{nodes} من مداخل المسرد و{edges} من العلاقات بينها؛ القائمة التي تلي الشكل تعرضها نصًا."
    ),
    "graph-caption": "شبكة العلاقات: المداخل والعلاقات المسماة بينها.",
    "graph-list": "العلاقات نصًّا",
    "place": "المكان",
    "english": "بالإنجليزية",
    "kind": "النوع",
    "country": "البلد",
    "coordinates": "الإحداثيات",
    "count": "الإشارات",
    "missing-renderer": "لم يُرسم الشكل: {}",
}

#: Place kinds and entry types in Arabic (the glossary pages translate the same words).
PLACE_KINDS = {
    "country": "دولة",
    "city": "مدينة",
    "capital": "عاصمة",
    "region": "منطقة",
    "peninsula": "شبه جزيرة",
    "zone": "منطقة",
    "sea": "بحر",
    "other": "أخرى",
}


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph (or a section heading) of an article."""

    docname: str
    anchor: str
    label: str  # ¶7 or §3
    title: str  # headline, ¶7


class Links:
    """Links from the page being written to entries and paragraphs, for its builder."""

    def __init__(self, domain: BriefingDomain, builder: Builder, fromdocname: str) -> None:
        self.domain = domain
        self.builder = builder
        self.fromdocname = fromdocname

    def entry(self, entity: str, *children: nodes.Node, title: str = "") -> nodes.Element:
        """A link to the entry's place on its glossary page (the text alone when no page
        documents it)."""
        record = self.domain.entities.get(entity)
        if record is None:
            return nodes.inline("", "", *children)
        node: nodes.Element = nodes.inline("", "", *children)
        reference = make_refnode(
            self.builder,
            self.fromdocname,
            record["docname"],
            record["anchor"],
            node,
            title or None,
        )
        reference["classes"].append("briefing-glance-entry")
        return reference

    def entry_href(self, entity: str) -> str:
        """The entry's URL for a drawing (HTML: relative to the page; else its fragment)."""
        record = self.domain.entities.get(entity)
        if record is None:
            return ""
        if self.builder.format != "html":
            return f"#{record['anchor']}"
        uri = self.builder.get_relative_uri(self.fromdocname, record["docname"])
        return f"{uri}#{record['anchor']}"

    def paragraph(self, paragraph: Paragraph) -> nodes.reference:
        """``¶7``, linked to the paragraph."""
        reference = make_refnode(
            self.builder,
            self.fromdocname,
            paragraph.docname,
            paragraph.anchor,
            nodes.inline("", paragraph.label),
            paragraph.title,
        )
        reference["classes"].append("briefing-pinpoint")
        return reference

    def paragraphs(self, found: Sequence[Paragraph]) -> list[nodes.Node]:
        """``¶1، ¶7``, each linked; the article's headline first when several articles."""
        out: list[nodes.Node] = []
        # Grouped in one pass: an entry of a large book is mentioned in thousands of them.
        by_article: dict[str, list[Paragraph]] = {}
        for paragraph in found:
            by_article.setdefault(paragraph.docname, []).append(paragraph)
        for docname, paragraphs in by_article.items():
            if out:
                out.append(nodes.Text("؛ "))
            if len(by_article) > 1:
                headline = self.domain.articles[docname]["headline"]
                out.append(nodes.inline("", f"{headline}: ", classes=["briefing-glance-article"]))
            for index, paragraph in enumerate(paragraphs):
                if index:
                    out.append(nodes.Text("، "))
                out.append(self.paragraph(paragraph))
        return out


class MentionIndex:
    """Which entries each paragraph mentions, and how often each entry is mentioned."""

    def __init__(self, domain: BriefingDomain) -> None:
        self.order: list[Paragraph] = []
        self.entities: dict[tuple[str, str], set[str]] = {}
        self.counts: Counter[str] = Counter()
        #: The paragraphs that mention each entry.
        self.where: dict[str, set[tuple[str, str]]] = {}
        for docname, record in domain.newest_first():
            for anchor, label, _text in domain.paragraphs.get(docname, []):
                if anchor.startswith("p"):
                    paragraph = Paragraph(docname, anchor, label, f"{record['headline']}, {label}")
                    self.order.append(paragraph)
                    self.entities[(docname, anchor)] = set()
            for mention in domain.mentions.get(docname, []):
                self.counts[mention["entity"]] += 1
                key = (docname, mention["anchor"])
                if key in self.entities:
                    self.entities[key].add(mention["entity"])
                    self.where.setdefault(mention["entity"], set()).add(key)

    def mentioning(self, sets: Iterable[frozenset[str]]) -> list[Paragraph]:
        """Paragraphs, in book order, that mention every entry of at least one set."""
        found: set[tuple[str, str]] = set()
        for wanted in sets:
            # The paragraphs of the set's rarest entry, then the check of the others.
            candidates = [self.where.get(entity, set()) for entity in wanted]
            if not candidates:
                continue
            rarest = min(candidates, key=len)
            found |= {key for key in rarest if wanted <= self.entities[key]}
        return [p for p in self.order if (p.docname, p.anchor) in found]


def other_names(entry: Entry) -> list[tuple[str, str]]:
    """(language, name) of the entry's names in native scripts (not ``ar`` or ``en``)."""
    return [(lang, name) for lang, name in entry.names.items() if lang not in ("ar", "en")]
