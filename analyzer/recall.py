"""Extraction recall: how much of the text a person sees deckmentor read out of a deck.

Every text node of the parts a person reads is taken straight from the zip with lxml, without
python-pptx and without the parser: each ``a:t`` of the slides (title, body, text boxes, shapes,
WordArt, tables, groups at any depth, alternate content), of their speaker-notes pages, of their
SmartArt data parts (``dgm:t``) and of their charts (titles, axis titles, labels, text boxes
drawn on them); in charts also the ``c:v`` of series names (``c:ser/c:tx``) and text categories
(``c:cat``), which a person reads in the legend and along the axis, and in Office 2016 charts
(``cx:chartSpace``) their ``cx:v`` and ``cx:pt``; each picture's alternative text (``p:pic``'s
``p:cNvPr/@descr``) and each section name (``p14:section/@name``). Whitespace-only nodes are
not counted.

A node is *found* when its text, whitespace collapsed, is contained in the text the model holds
for it: on a slide, the text of the very shape that holds it (its blocks, footers or picture
alternative text, by ``p:cNvPr/@id``); for a notes page, the notes; for a diagram, the slide's
SmartArt blocks; for a chart, the slide's chart blocks; for a section, the section names. A node
not found is *lost*, unless the XML shows that a person does not see it as text there; then it
is *explained* and carries a ``Reason``. Recall is found / (found + lost): explained nodes are
out of the count. Not measured: text of layouts and masters (not the slide's own text), OMML
equations (``m:t``), comments.

``measure_recall`` is pure (bytes and a Deck in, frozen values out); ``format_recall`` prints it;
``python -m analyzer.recall PATH...`` runs both on decks from the command line.
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from lxml import etree

from analyzer.annotation import Lang
from analyzer.archive import OPEN_ERRORS, open_archive
from analyzer.model import Deck, Scope, Slide
from analyzer.ooxml import NS, parse_xml, q, whole_number

__all__ = [
    "NodeRecall",
    "PartRecall",
    "Reason",
    "Recall",
    "TextNode",
    "TextPart",
    "format_recall",
    "main",
    "measure_recall",
]


class TextPart(StrEnum):
    """The kind of package part a text node comes from."""

    SLIDE = "slide"
    NOTES = "notes"
    SMARTART = "smartart"
    CHART = "chart"
    PRESENTATION = "presentation"


class Reason(StrEnum):
    """Why a text node that deckmentor did not read is not seen as text by a person."""

    #: A notes page's slide image, slide number, date, header or footer placeholder
    #: (``p:ph/@type`` sldImg, sldNum, dt, hdr, ftr): printed around the notes, not notes.
    NOTES_FURNITURE = "notes-furniture"
    #: A table cell covered by a merged cell (``a:tc/@hMerge``, ``@vMerge``): never drawn.
    COVERED_CELL = "covered-cell"
    #: The ``mc:Fallback`` copy of alternate content whose ``mc:Choice`` was read.
    FALLBACK = "fallback"
    #: A field of a chart label (``a:fld``: "[VALUE]", "[CELLRANGE]"): the chart draws the
    #: value from its data there, not this word.
    CHART_FIELD = "chart-field"
    #: A part the deck could not read and that the report names as skipped.
    SKIPPED_PART = "skipped-part"


_REASONS: Mapping[Reason, Mapping[Lang, str]] = {
    Reason.NOTES_FURNITURE: {
        Lang.EN: "slide image, number, date, header or footer of the notes page, not notes",
        Lang.FR: "image, numéro, date, en-tête ou pied de la page de commentaires, pas des "
        "commentaires",
    },
    Reason.COVERED_CELL: {
        Lang.EN: "table cell covered by a merged cell: not drawn",
        Lang.FR: "cellule de tableau recouverte par une fusion : non affichée",
    },
    Reason.FALLBACK: {
        Lang.EN: "fallback copy of alternate content (mc:Fallback) whose mc:Choice was read",
        Lang.FR: "copie de repli d'un contenu alternatif (mc:Fallback) dont le mc:Choice a été lu",
    },
    Reason.CHART_FIELD: {
        Lang.EN: "field of a chart label ([VALUE], [CELLRANGE]...): the chart shows its data there",
        Lang.FR: "champ d'une étiquette de graphique ([VALUE], [CELLRANGE]...) : le graphique y "
        "affiche ses données",
    },
    Reason.SKIPPED_PART: {
        Lang.EN: "part that could not be read, named as skipped in the report",
        Lang.FR: "partie illisible, signalée comme ignorée dans le rapport",
    },
}


@dataclass(frozen=True)
class TextNode:
    """One text node as the zip holds it.

    ``text`` has its whitespace collapsed; ``element`` names the XML it comes from ("a:t",
    "c:v", "p:cNvPr/@descr", "p14:section/@name"); ``where`` is a person's handle on it (the
    shape's name, "series name", "point 3"). ``reason`` is set when the XML shows that a person
    does not see it as text there: if deckmentor did not read it, it is explained, not lost.
    """

    text: str
    element: str
    where: str
    reason: Reason | None = None
    #: The ``p:cNvPr/@id`` of the slide shape holding it: on a slide, a node is looked up in
    #: the text the model holds for that very shape.
    shape_id: int | None = None


@dataclass(frozen=True)
class NodeRecall:
    """A text node and whether the model holds it."""

    node: TextNode
    found: bool


@dataclass(frozen=True)
class PartRecall:
    """The text nodes of one part (``ppt/slides/slide3.xml``...), in document order.

    ``slide_number`` is that of the slide the part belongs to (None for the presentation).
    ``unreadable`` is true when the part's XML does not parse: its nodes are unknown.
    ``skipped`` is true when the deck names the part in ``Deck.skipped``: the report says it
    was not read.
    """

    part: str
    kind: TextPart
    slide_number: int | None
    nodes: tuple[NodeRecall, ...]
    unreadable: bool = False
    skipped: bool = False

    @property
    def expected(self) -> tuple[TextNode, ...]:
        return tuple(n.node for n in self.nodes)

    @property
    def found(self) -> tuple[TextNode, ...]:
        return tuple(n.node for n in self.nodes if n.found)

    @property
    def missing(self) -> tuple[TextNode, ...]:
        return tuple(n.node for n in self.nodes if not n.found)

    @property
    def lost(self) -> tuple[TextNode, ...]:
        """Missing nodes nothing explains: text a person sees that deckmentor did not read."""
        return tuple(n for n in self.missing if n.reason is None)

    @property
    def explained(self) -> tuple[TextNode, ...]:
        return tuple(n for n in self.missing if n.reason is not None)


@dataclass(frozen=True)
class Recall:
    """A deck's extraction recall, part by part (slides in show order, each followed by its
    notes, SmartArt and charts; the presentation's section names last)."""

    file_name: str
    parts: tuple[PartRecall, ...]

    @property
    def expected(self) -> int:
        return sum(len(p.nodes) for p in self.parts)

    @property
    def found(self) -> int:
        return sum(len(p.found) for p in self.parts)

    @property
    def lost(self) -> int:
        return sum(len(p.lost) for p in self.parts)

    @property
    def explained(self) -> int:
        return sum(len(p.explained) for p in self.parts)

    @property
    def percent(self) -> float:
        """Found nodes among the nodes a person sees (found + lost); 100.0 when there are none."""
        seen = self.found + self.lost
        return 100.0 * self.found / seen if seen else 100.0

    @property
    def complete(self) -> bool:
        """No text lost, and every part that could not be read is named in the report."""
        return self.lost == 0 and all(p.skipped for p in self.parts if p.unreadable)


# --- measuring -------------------------------------------------------------------------------

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = _RT + "officeDocument"
_NOTES_FURNITURE = frozenset({"sldImg", "sldNum", "dt", "hdr", "ftr"})
_SHAPES = frozenset(q(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:pic", "p:cxnSp"))
_FALLBACK = q("mc:Fallback")
_CELL = q("a:tc")
_SLIDE_SCOPES = frozenset({Scope.TITLE, Scope.BODY, Scope.TABLE})
_TEXT_CATEGORIES = frozenset(q(t) for t in ("c:strRef", "c:strLit", "c:multiLvlStrRef"))
_LABELS = frozenset(q(t) for t in ("c:dLbl", "c:trendlineLbl", "c:dispUnitsLbl"))
_CX = "{http://schemas.microsoft.com/office/drawing/2014/chartex}"


def measure_recall(data: bytes, deck: Deck) -> Recall:
    """The recall of ``deck`` (what the parser made of ``data``) against the text nodes of
    ``data``'s slides, notes pages, SmartArt data and charts, read straight from the zip."""
    archive, _, _ = open_archive(data)  # a truncated deck: what the parser could read
    with archive:
        package = _Package(archive)
        parts = list(_deck_parts(package, deck))
    return Recall(deck.file_name, tuple(parts))


@dataclass(frozen=True)
class _Rel:
    kind: str
    target: str


class _Package:
    """Parts of the zip by name, their XML parsed safely, their relationships resolved."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = frozenset(archive.namelist())

    def xml(self, name: str) -> Any:
        """The root element of a part; None when the part is absent or its XML is unreadable."""
        if name not in self.names:
            return None
        try:
            return parse_xml(self.archive.read(name))
        except (etree.XMLSyntaxError, zlib.error, *OPEN_ERRORS):  # damaged: the deck names it
            return None

    def rels(self, source: str) -> dict[str, _Rel]:
        """The internal relationships of part ``source`` by id, targets as zip member names."""
        folder, file_name = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", file_name + ".rels"))
        if root is None:
            return {}
        found = {}
        for rel in root.iterfind(q("rel:Relationship")):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                name = posixpath.normpath(target).lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = _Rel(rel.get("Type", ""), name)
        return found


def _deck_parts(package: _Package, deck: Deck) -> Iterator[PartRecall]:
    main = next((r.target for r in package.rels("").values() if r.kind == _MAIN), None)
    presentation = package.xml(main) if main is not None else None
    if main is None or presentation is None:
        return
    skipped = frozenset(part.part_name for part in deck.skipped)
    slides = {slide.slide_id: slide for slide in deck.slides}
    rels = package.rels(main)
    for sld_id in presentation.iterfind("p:sldIdLst/p:sldId", NS):
        rel = rels.get(sld_id.get(q("r:id"), ""))
        if rel is None or rel.target not in package.names:
            continue  # a slide the package lacks: the deck names it in ``skipped``
        slide = slides.get(whole_number(sld_id.get("id")) or 0)  # as the parser numbers it
        yield from _slide_parts(package, rel.target, slide, skipped)
    yield _presentation_part(main, presentation, deck)


def _slide_parts(
    package: _Package, name: str, slide: Slide | None, skipped: frozenset[str]
) -> Iterator[PartRecall]:
    """The slide part, then its notes page, SmartArt data and charts. ``slide`` is None when
    the model has no such slide: every node is then missing."""
    number = slide.number if slide is not None else None
    root = package.xml(name)
    if root is None:
        yield PartRecall(name, TextPart.SLIDE, number, (), True, name in skipped)
        return
    nodes = [*_shape_tree_nodes(root, notes=False), *_alt_text_nodes(root)]
    yield _part(name, TextPart.SLIDE, number, nodes, _shape_texts(slide), skipped)
    used = {v for e in root.iter(tag=etree.Element) for k, v in e.attrib.items() if _is_rid(k)}
    for rid, rel in sorted(package.rels(name).items(), key=lambda item: _rid_order(item[0])):
        kind = rel.kind.rsplit("/", 1)[-1]
        if kind == "notesSlide":
            notes = slide.notes.text if slide is not None and slide.notes is not None else ""
            yield _related(package, rel.target, TextPart.NOTES, number, notes, skipped)
        elif kind == "diagramData" and rid in used:
            smartart = _scoped_text(slide, {Scope.SMARTART})
            yield _related(package, rel.target, TextPart.SMARTART, number, smartart, skipped)
        elif kind in ("chart", "chartEx") and rid in used:
            chart = _scoped_text(slide, {Scope.CHART})
            yield _related(package, rel.target, TextPart.CHART, number, chart, skipped)
            for drawing in package.rels(rel.target).values():
                if drawing.kind.endswith("/chartUserShapes"):
                    yield _related(package, drawing.target, TextPart.CHART, number, chart, skipped)


def _rid_order(rid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in rid if ch in "0123456789")
    return (int(digits) if digits else 0, rid)


def _is_rid(attribute: str) -> bool:
    return attribute.startswith("{" + NS["r"] + "}")


def _related(
    package: _Package,
    name: str,
    kind: TextPart,
    number: int | None,
    text: str,
    skipped: frozenset[str],
) -> PartRecall:
    root = package.xml(name)
    if root is None:
        return PartRecall(name, kind, number, (), name in package.names, name in skipped)
    if kind is TextPart.NOTES:
        nodes = list(_shape_tree_nodes(root, notes=True))
    elif kind is TextPart.SMARTART:
        nodes = list(_diagram_nodes(root))
    elif root.tag == _CX + "chartSpace":
        nodes = list(_chartex_nodes(root))
    else:
        nodes = list(_chart_nodes(root))  # a chart, or the text boxes drawn on it
    return _part(name, kind, number, nodes, {None: _normal(text)}, skipped)


def _part(
    name: str,
    kind: TextPart,
    number: int | None,
    nodes: Iterable[TextNode],
    texts: Mapping[int | None, str],
    skipped: frozenset[str],
) -> PartRecall:
    """Each node looked up in the model's text of its shape (``texts[shape_id]``) or, for a
    node outside a slide's shapes, of the whole part (``texts[None]``)."""
    checked = []
    for node in nodes:
        if name in skipped and node.reason is None:
            node = replace(node, reason=Reason.SKIPPED_PART)
        checked.append(NodeRecall(node, node.text in texts.get(node.shape_id, "")))
    return PartRecall(name, kind, number, tuple(checked), skipped=name in skipped)


def _presentation_part(name: str, presentation: Any, deck: Deck) -> PartRecall:
    """Section names (``p14:section/@name``) against the deck's sections."""
    names = "\n".join(section.name for section in deck.sections)
    nodes = [
        TextNode(text, "p14:section/@name", "section")
        for section in presentation.iterfind("p:extLst/p:ext/p14:sectionLst/p14:section", NS)
        if (text := _normal(section.get("name", "")))
    ]
    return _part(name, TextPart.PRESENTATION, None, nodes, {None: _normal(names)}, frozenset())


# --- what the model holds --------------------------------------------------------------------


def _shape_texts(slide: Slide | None) -> dict[int | None, str]:
    """What the model holds for each shape of a slide: its text blocks (tables and title
    included, charts and SmartArt apart: their text is in other parts), its footers, a
    picture's alternative text. Under None, all of it."""
    if slide is None:
        return {}
    pieces: list[tuple[int | None, str]] = [
        *((b.shape_id, b.text) for b in slide.blocks if b.scope in _SLIDE_SCOPES),
        *((b.shape_id, b.text) for b in slide.footers),
        *((p.shape_id, p.alt_text) for p in slide.pictures),
    ]
    texts: dict[int | None, list[str]] = {None: []}
    for shape_id, text in pieces:
        texts.setdefault(shape_id, []).append(text)
        texts[None].append(text)
    return {shape_id: _normal("\n".join(parts)) for shape_id, parts in texts.items()}


def _scoped_text(slide: Slide | None, scopes: set[Scope]) -> str:
    if slide is None:
        return ""
    return "\n".join(b.text for b in slide.blocks if b.scope in scopes)


def _normal(text: str) -> str:
    return " ".join(text.split())


# --- text nodes of each kind of part ---------------------------------------------------------


def _shape_tree_nodes(root: Any, *, notes: bool) -> Iterator[TextNode]:
    """Each ``a:t`` of a slide or notes page, with the shape it sits in and why a person may
    not see it."""
    for t in root.iter(q("a:t")):
        text = _normal(t.text or "")
        if text:
            shape = _enclosing_shape(t)
            reason = _reason(t, shape, notes=notes)
            yield TextNode(text, "a:t", _shape_name(shape), reason, _shape_id(shape, notes=notes))


def _enclosing_shape(element: Any) -> Any:
    return next((a for a in element.iterancestors() if a.tag in _SHAPES), None)


def _shape_id(shape: Any, *, notes: bool) -> int | None:
    """A slide shape's ``p:cNvPr/@id``; None on a notes page (its notes are one block)."""
    if notes or shape is None:
        return None
    c_nv_pr = shape.find("*/p:cNvPr", NS)
    return whole_number(c_nv_pr.get("id")) if c_nv_pr is not None else None


def _shape_name(shape: Any) -> str:
    if shape is None:
        return ""
    c_nv_pr = shape.find("*/p:cNvPr", NS)
    return (c_nv_pr.get("name") or "") if c_nv_pr is not None else ""


def _reason(t: Any, shape: Any, *, notes: bool) -> Reason | None:
    ancestors = list(t.iterancestors())
    if any(a.tag == _FALLBACK for a in ancestors):
        return Reason.FALLBACK
    if any(a.tag == _CELL and (_on(a.get("hMerge")) or _on(a.get("vMerge"))) for a in ancestors):
        return Reason.COVERED_CELL
    if notes and shape is not None:
        ph = shape.find("*/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in _NOTES_FURNITURE:
            return Reason.NOTES_FURNITURE
    return None


def _on(value: str | None) -> bool:
    return value in ("1", "true")


def _alt_text_nodes(root: Any) -> Iterator[TextNode]:
    """The alternative text of each picture of the shape tree (``p:pic/p:nvPicPr/p:cNvPr``)."""
    for c_nv_pr in root.iterfind(".//p:pic/p:nvPicPr/p:cNvPr", NS):
        text = _normal(c_nv_pr.get("descr") or "")
        if text:
            pic = c_nv_pr.getparent().getparent()
            fallback = any(a.tag == _FALLBACK for a in pic.iterancestors())
            reason = Reason.FALLBACK if fallback else None
            name = c_nv_pr.get("name") or ""
            yield TextNode(text, "p:cNvPr/@descr", name, reason, _shape_id(pic, notes=False))


def _diagram_nodes(root: Any) -> Iterator[TextNode]:
    """Each ``a:t`` of a SmartArt data part (``dgm:dataModel``), with its point's id."""
    for t in root.iter(q("a:t")):
        text = _normal(t.text or "")
        if text:
            point = next((a for a in t.iterancestors(q("dgm:pt"))), None)
            where = f"point {point.get('modelId')}" if point is not None else ""
            yield TextNode(text, "a:t", where)


def _chart_nodes(root: Any) -> Iterator[TextNode]:
    """Each ``a:t`` of a chart part (or of its drawing part), then the ``c:v`` a person reads:
    titles linked to a cell, series names, text categories, labels linked to a cell."""
    for t in root.iter(q("a:t")):
        text = _normal(t.text or "")
        if text:
            field = any(a.tag == q("a:fld") for a in t.iterancestors())
            yield TextNode(text, "a:t", _chart_place(t), Reason.CHART_FIELD if field else None)
    plot_area = root.find("c:chart/c:plotArea", NS)
    if plot_area is None:
        return
    for title_tx in root.iterfind(".//c:title/c:tx/c:strRef", NS):
        yield from _values(title_tx, "title")
    for plot in plot_area:
        for series in plot.iterfind(q("c:ser")):
            yield from _values(series.find(q("c:tx")), "series name")
            cat = series.find(q("c:cat"))
            if cat is not None and len(cat) and cat[0].tag in _TEXT_CATEGORIES:
                yield from _values(cat, "category")
    for label in plot_area.iter(*_LABELS):
        yield from _values(label.find("c:tx/c:strRef", NS), "label")


def _chartex_nodes(root: Any) -> Iterator[TextNode]:
    """Each ``a:t`` of an Office 2016 chart (``cx:chartSpace``), each cached title or series
    name (``cx:tx/cx:txData/cx:v``) and each text category (``cx:strDim//cx:pt``)."""
    for t in root.iter(q("a:t")):
        if text := _normal(t.text or ""):
            yield TextNode(text, "a:t", _cx_place(t))
    for tx_data in root.iter(_CX + "txData"):
        for v in tx_data.iterfind(_CX + "v"):
            if text := _normal(v.text or ""):
                yield TextNode(text, "cx:v", _cx_place(v))
    for dimension in root.iter(_CX + "strDim"):
        for pt in dimension.iter(_CX + "pt"):
            if text := _normal(pt.text or ""):
                yield TextNode(text, "cx:pt", "category")


def _cx_place(element: Any) -> str:
    """What a chartex text names: a series, an axis title or the chart title."""
    for ancestor in element.iterancestors(_CX + "series", _CX + "axis", _CX + "title"):
        return {"series": "series name", "axis": "axis title"}.get(
            str(etree.QName(ancestor).localname), "title"
        )
    return ""


def _values(element: Any, where: str) -> Iterator[TextNode]:
    if element is None:
        return
    for v in element.iter(q("c:v")):
        text = _normal(v.text or "")
        if text:
            yield TextNode(text, "c:v", where)


def _chart_place(t: Any) -> str:
    """What a chart's ``a:t`` labels: the chart or an axis title, a data label..."""
    for ancestor in t.iterancestors():
        local = str(etree.QName(ancestor).localname)
        if local == "title":
            parent = ancestor.getparent()
            return "axis title" if parent is not None and parent.tag != q("c:chart") else "title"
        if local in ("dLbl", "dLbls"):
            return "data label"
        if local in ("dispUnitsLbl", "trendlineLbl"):
            return local
        if local == "userShapes" or local.endswith("Anchor"):  # a text box drawn on the chart
            return "text box"
    return ""


# --- printing --------------------------------------------------------------------------------

_WORDS: Mapping[Lang, Mapping[str, str]] = {
    Lang.EN: {
        "summary": "{file}: recall {percent:.1f}% ({found} of {seen} text nodes read)",
        "explained": "; {explained} more not shown by design",
        "slide": "slide {number}",
        "notes": "notes of slide {number}",
        "smartart": "SmartArt of slide {number}",
        "chart": "chart of slide {number}",
        "presentation": "sections",
        "unreadable": "  {part} ({what}): unreadable XML, its text is unknown",
        "named": "; the report names it as skipped",
        "lost": "    lost: {text}",
        "by-design": "    by design: {text}: {reason}",
        "node": "“{text}” ({element} in {where})",
        "refused": "{file}: not read: {line}",
    },
    Lang.FR: {
        "summary": "{file} : rappel {percent:.1f} % ({found} nœuds de texte lus sur {seen})",
        "explained": " ; {explained} autres non affichés par conception",
        "slide": "diapositive {number}",
        "notes": "commentaires de la diapositive {number}",
        "smartart": "SmartArt de la diapositive {number}",
        "chart": "graphique de la diapositive {number}",
        "presentation": "sections",
        "unreadable": "  {part} ({what}) : XML illisible, son texte est inconnu",
        "named": " ; le rapport la signale comme ignorée",
        "lost": "    perdu : {text}",
        "by-design": "    par conception : {text} : {reason}",
        "node": "« {text} » ({element} dans {where})",
        "refused": "{file} : non lu : {line}",
    },
}


def format_recall(recall: Recall, *, lang: Lang = Lang.EN) -> str:
    """A deck's recall for a person: one summary line, then each part with missing text and,
    under it, each missing node (lost, or by design and why). Ends without a newline."""
    lang = lang if lang in _WORDS else Lang.EN
    words = _WORDS[lang]
    summary = words["summary"].format(
        file=recall.file_name,
        percent=recall.percent,
        found=recall.found,
        seen=recall.found + recall.lost,
    )
    if recall.explained:
        summary += words["explained"].format(explained=recall.explained)
    lines = [summary]
    for part in recall.parts:
        number = part.slide_number if part.slide_number is not None else "?"
        what = words[part.kind.value].format(number=number)
        if part.unreadable:
            line = words["unreadable"].format(part=part.part, what=what)
            lines.append(line + (words["named"] if part.skipped else ""))
        if not part.missing:
            continue
        lines.append(f"  {part.part} ({what})")
        for node in part.missing:
            text = words["node"].format(
                text=node.text, element=node.element, where=node.where or "?"
            )
            if node.reason is None:
                lines.append(words["lost"].format(text=text))
            else:
                reason = _REASONS[node.reason][lang]
                lines.append(words["by-design"].format(text=text, reason=reason))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analyzer.recall PATH...``: each deck's recall, or why it was not read.
    Decks are read as ``deckmentor check`` reads them, with the nearest settings file's caps.
    Always 0 for decks: this measures, it does not judge; 2 for a wrong settings file."""
    from analyzer.config import ConfigError, find_config, load_config
    from analyzer.errors import DeckError
    from analyzer.pipeline import read_deck

    try:
        config = load_config(find_config(Path.cwd()))
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    paths = list(sys.argv[1:] if argv is None else argv)
    for index, name in enumerate(paths):
        path = Path(name)
        if index:
            print()
        try:
            data, deck = read_deck(path, config)
        except DeckError as error:
            print(_WORDS[Lang.EN]["refused"].format(file=path.name, line=error.describe()))
            continue
        print(format_recall(measure_recall(data, deck)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
