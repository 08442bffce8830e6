"""One slide's shape tree walked in document order: text shapes with their inherited text
styles, pictures, tables, charts, SmartArt, and the speaker notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from lxml import etree

from analyzer import ooxml, ooxml_text
from analyzer.model import (
    Box,
    Chart,
    Paragraph,
    PartKind,
    Picture,
    Scope,
    Slide,
    Table,
    TableCell,
    TextBlock,
    UnreadPart,
)
from analyzer.ooxml import NS, q
from analyzer.ooxml_text import TITLE_TYPES
from analyzer.parser.title import _titled

_SP, _GROUP, _GRAPHIC_FRAME, _PIC = q("p:sp"), q("p:grpSp"), q("p:graphicFrame"), q("p:pic")
#: Shapes that may hold text. Ink (``p:contentPart``: pen strokes, kept in a part of their own)
#: holds none and python-pptx has no class for it, so it is passed over; PowerPoint writes it
#: in an ``mc:AlternateContent`` whose fallback, a picture of the strokes, is read instead.
_SHAPE_TAGS = frozenset((_SP, _GROUP, _GRAPHIC_FRAME, _PIC, q("p:cxnSp")))
_ALTERNATE = q("mc:AlternateContent")
_TX_BODY = q("p:txBody")
_GRAPHIC_DATA = f"{q('a:graphic')}/{q('a:graphicData')}"
_TBL, _CELL_TX_BODY = q("a:tbl"), q("a:txBody")
_NOTES_STYLE = q("p:notesStyle")
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

#: Kinds of the footer-like placeholders (``p:ph/@type``), kept in ``Slide.footers``.
_FOOTER_KINDS = {"dt": "date", "ftr": "footer", "sldNum": "slide-number", "hdr": "header"}
#: Placeholders of a notes page printed around the notes, not notes: the slide image too.
_NOTES_FURNITURE = frozenset({*_FOOTER_KINDS, "sldImg"})


@dataclass
class _DeckContext:
    """What every slide reads from the deck: default text style, theme fonts per master."""

    prs: Any
    theme_fonts: dict[str, dict[str, str]] = field(default_factory=dict)
    #: A placeholder's position as python-pptx works it out, by layout, placeholder and the
    #: shape's own ``a:xfrm``: inheriting it walks the layout's placeholders each time.
    placeholder_boxes: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)
    #: The styles text inherits, by where it sits (see ``_shape_style``, ``_table_style``,
    #: ``_notes_style``): built once, their run defaults are worked out once per level.
    text_styles: dict[tuple[Any, ...], ooxml_text.TextStyle] = field(default_factory=dict)

    @cached_property
    def default_text_style(self) -> Any:
        """``p:presentation/p:defaultTextStyle``: what text outside placeholders inherits."""
        return self.prs.element.find(q("p:defaultTextStyle"))

    def fonts_of(self, master: Any) -> dict[str, str]:
        """Theme font names of a master's theme (``a:fontScheme``), read once per master."""
        key = str(master.part.partname)
        if key not in self.theme_fonts:
            try:
                theme = master.part.part_related_by(_RT + "theme")
                self.theme_fonts[key] = ooxml_text.theme_fonts(ooxml.parse_xml(theme.blob))
            except (KeyError, etree.XMLSyntaxError):  # fonts stay unnamed; no text is lost
                self.theme_fonts[key] = {}
        return self.theme_fonts[key]


@dataclass
class _Found:
    """What the walk of one slide's shape tree collects, in document order."""

    blocks: list[TextBlock] = field(default_factory=list)
    footers: list[TextBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    has_title_placeholder: bool = False
    #: Kinds of the text placeholders left empty ("title", "subtitle", "body").
    empty_placeholders: list[str] = field(default_factory=list)
    #: Parts present but unreadable (the slide number is filled in by the caller).
    skipped: list[UnreadPart] = field(default_factory=list)


@dataclass(frozen=True)
class _SlideContext:
    """The slide's layout and master (None when their part is missing) and the deck's."""

    deck: _DeckContext
    layout: Any
    master: Any

    @property
    def theme_fonts(self) -> dict[str, str]:
        return self.deck.fonts_of(self.master) if self.master is not None else {}

    @cached_property
    def layout_part(self) -> str | None:
        """The layout's part name, which also fixes the master and its theme."""
        return str(self.layout.part.partname) if self.layout is not None else None


@dataclass(frozen=True)
class _Frame:
    """Maps a shape tree's coordinates to the slide's: ``x_slide = ax * x + bx``. Children of a
    group (``p:grpSp``) are placed in the group's child space (``a:chOff``, ``a:chExt``)."""

    ax: float = 1.0
    bx: float = 0.0
    ay: float = 1.0
    by: float = 0.0

    def box(self, left: int, top: int, width: int, height: int) -> Box:
        return Box(
            round(self.ax * left + self.bx),
            round(self.ay * top + self.by),
            round(self.ax * width),
            round(self.ay * height),
        )

    def inside(self, group: Any) -> _Frame:
        """The frame of a group's children (``p:grpSpPr/a:xfrm``), composed with this one."""
        xfrm = group.element.find("p:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return self
        x, y = _pair(xfrm, "a:off", "x", "y")
        cx, cy = _pair(xfrm, "a:ext", "cx", "cy")
        ch_x, ch_y = _pair(xfrm, "a:chOff", "x", "y")
        ch_cx, ch_cy = _pair(xfrm, "a:chExt", "cx", "cy")
        sx, sy = (cx / ch_cx if ch_cx else 1.0), (cy / ch_cy if ch_cy else 1.0)
        bx, by = x - sx * ch_x, y - sy * ch_y
        return _Frame(self.ax * sx, self.ax * bx + self.bx, self.ay * sy, self.ay * by + self.by)


def _pair(xfrm: Any, tag: str, first: str, second: str) -> tuple[int, int]:
    """Two integer attributes of a child of ``a:xfrm`` (``a:off/@x``, ``a:off/@y``...)."""
    element = xfrm.find(tag, NS)
    if element is None:
        return 0, 0
    return int(element.get(first, "0")), int(element.get(second, "0"))


def _slide(
    number: int, slide_id: int, slide: Any, deck: _DeckContext, section: str | None, found: _Found
) -> Slide:
    """One ``p:sld``: its shapes walked in document order into ``found``, its title found or
    inferred."""
    layout = _related(lambda: slide.slide_layout)
    master = _related(lambda: layout.slide_master) if layout is not None else None
    context = _SlideContext(deck, layout, master)
    for shape, frame in _shapes(slide.shapes, _Frame()):
        _visit(shape, frame, context, found)
    blocks, title, title_shape_id, inferred = _titled(found.blocks, found.has_title_placeholder)
    return Slide(
        number=number,
        slide_id=slide_id,
        layout_name=layout.name if layout is not None else "",
        hidden=slide.element.get("show") in ("0", "false"),
        title=title,
        title_inferred=inferred,
        title_shape_id=title_shape_id,
        blocks=blocks,
        tables=tuple(found.tables),
        charts=tuple(found.charts),
        pictures=tuple(found.pictures),
        layout_type=layout.element.get("type") if layout is not None else None,
        notes=_notes(slide, context),
        section=section,
        footers=tuple(found.footers),
        empty_placeholders=tuple(found.empty_placeholders),
    )


def _related(get: Any) -> Any:
    """A related part's proxy, or None when the package lacks that part."""
    try:
        return get()
    except KeyError:
        return None


def _shapes(shapes: Any, frame: _Frame) -> Iterator[tuple[Any, _Frame]]:
    """Each shape of a shape tree (``p:spTree`` or ``p:grpSp``) in document order, groups
    entered at any depth, and the shapes inside ``mc:AlternateContent`` included (python-pptx
    skips those)."""
    for element in shapes.element.iterchildren():
        if element.tag == _ALTERNATE:
            members = ooxml.alternate_shapes(element, _SHAPE_TAGS)
        else:
            members = [element] if element.tag in _SHAPE_TAGS else []
        for member in members:
            shape = _slide_shape(member, shapes)
            if member.tag == _GROUP:
                yield from _shapes(shape.shapes, frame.inside(shape))
            else:
                yield shape, frame


def _slide_shape(element: Any, parent: Any) -> Any:
    """python-pptx's object for a shape element, of the class its ``SlideShapeFactory``
    picks, but with the ``p:ph`` found by ``find``: python-pptx evaluates an XPath to find
    it, twice for a placeholder (about 10 µs each, a tenth of the walk).
    ``test_parser_shortcuts`` checks that both pick the same class."""
    ph = _pptx_placeholder(element)
    ph_type = ph.get("type") if ph is not None and element.tag == _SP else None
    return _shape_class(element.tag, ph is not None, ph_type)(element, parent)


@cache
def _shape_class(tag: str, is_placeholder: bool, ph_type: str | None) -> Any:
    """The class (or factory, for pictures) ``SlideShapeFactory`` picks for a shape element.
    Only a ``p:sp`` placeholder's ``@type`` matters, converted as python-pptx does, so a
    type it does not know raises the same ValueError (and is not remembered)."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.shapes import placeholder
    from pptx.shapes.shapetree import BaseShapeFactory

    if not is_placeholder:
        return BaseShapeFactory
    if tag == _SP:
        kind = PP_PLACEHOLDER.OBJECT if ph_type is None else PP_PLACEHOLDER.from_xml(ph_type)
        special = {
            PP_PLACEHOLDER.BITMAP: placeholder.PicturePlaceholder,
            PP_PLACEHOLDER.CHART: placeholder.ChartPlaceholder,
            PP_PLACEHOLDER.PICTURE: placeholder.PicturePlaceholder,
            PP_PLACEHOLDER.TABLE: placeholder.TablePlaceholder,
        }
        return special.get(kind, placeholder.SlidePlaceholder)
    if tag == _GRAPHIC_FRAME:
        return placeholder.PlaceholderGraphicFrame
    if tag == _PIC:
        return placeholder.PlaceholderPicture
    return BaseShapeFactory


_NV_PR_PH = f"{q('p:nvPr')}/{q('p:ph')}"


def _pptx_placeholder(element: Any) -> Any:
    """The ``p:ph`` python-pptx goes by (``./*[1]/p:nvPr/p:ph``: in the first child element
    only, where ``_placeholder`` looks in any)."""
    first = next(element.iterchildren(etree.Element), None)
    return first.find(_NV_PR_PH) if first is not None else None


def _id_and_name(shape: Any) -> tuple[int, str]:
    """``shape.shape_id`` and ``shape.name``, read from the ``p:cNvPr`` of the shape's first
    child element as python-pptx reads them (same values, same errors), without the XPath it
    evaluates to find that child each time."""
    first = next(shape.element.iterchildren(etree.Element), None)
    if first is None:  # python-pptx raises its own error
        return shape.shape_id, shape.name
    c_nv_pr = first.cNvPr
    return c_nv_pr.id, c_nv_pr.name


def _visit(shape: Any, frame: _Frame, context: _SlideContext, found: _Found) -> None:
    """One shape by its element: ``p:pic``, ``p:graphicFrame`` or ``p:sp`` (connectors and
    ink, ``p:cxnSp`` and ``p:contentPart``, hold no text)."""
    tag = shape.element.tag
    if tag == _PIC:
        found.pictures.append(_picture(shape))
    elif tag == _GRAPHIC_FRAME:
        ph = _placeholder(shape.element)
        _graphic_frame(shape, _box(shape, ph, frame, context), context, found)
    elif tag == _SP:
        _text_shape(shape, frame, context, found)


def _box(shape: Any, ph: Any, frame: _Frame, context: _SlideContext) -> Box | None:
    """Position in slide EMU; a placeholder without its own ``a:xfrm`` inherits its layout's."""
    try:
        values = _extent(shape, ph, context)
    except KeyError:
        return None
    if any(v is None for v in values):
        return None
    return frame.box(*values)


# --- text shapes -----------------------------------------------------------------------------


def _extent(shape: Any, ph: Any, context: _SlideContext) -> tuple[Any, ...]:
    """``shape.left, .top, .width, .height``, a placeholder's read once per layout placeholder
    and own ``a:xfrm`` (the values python-pptx inherits depend on nothing else)."""
    if ph is None:  # not a placeholder for python-pptx either: the shape's own values
        return _own_extent(shape.element)
    if context.layout_part is None:
        return (shape.left, shape.top, shape.width, shape.height)
    key = (context.layout_part, type(shape), ph.get("idx"), *_own_extent(shape.element))
    boxes = context.deck.placeholder_boxes
    if key not in boxes:
        boxes[key] = (shape.left, shape.top, shape.width, shape.height)
    return boxes[key]


def _own_extent(element: Any) -> tuple[Any, ...]:
    """``element.x, .y, .cx, .cy``: python-pptx reads each from the shape's transform (its
    ``a:xfrm`` or ``p:xfrm``), looked up again each time; here once."""
    xfrm = element.xfrm
    if xfrm is None:
        return (None, None, None, None)
    return (xfrm.x, xfrm.y, xfrm.cx, xfrm.cy)


_PH = f"*/{q('p:nvPr')}/{q('p:ph')}"
#: Placeholders whose prompt asks for text ("Click to add title", "Click to add text"); a
#: picture, chart or media placeholder left empty is another story.
_PROMPTED_TYPES = frozenset({"title", "ctrTitle", "subTitle", "body", "obj"})


def _placeholder(element: Any) -> Any:
    """The ``p:ph`` of a shape's ``p:nvPr``, or None for a shape that is not a placeholder."""
    return element.find(_PH)


def _text_shape(shape: Any, frame: _Frame, context: _SlideContext, found: _Found) -> None:
    """A ``p:sp`` with a ``p:txBody``: placeholder, text box, auto shape or WordArt. Shapes and
    placeholders without text are skipped (an empty placeholder shows nothing in a show)."""
    body = shape.element.find(_TX_BODY)
    if body is None:
        return
    ph = _placeholder(shape.element)
    ph_type = ph.get("type", "obj") if ph is not None else None
    found.has_title_placeholder |= ph_type in TITLE_TYPES
    paragraphs = ooxml_text.text_body_paragraphs(body, _shape_style(ph, context))
    scope, kind = _scope_and_kind(shape.element, ph_type)
    if not any(p.text.strip() for p in paragraphs):
        if ph_type in _PROMPTED_TYPES:
            found.empty_placeholders.append(kind)
        return
    shape_id, name = _id_and_name(shape)
    block = TextBlock(shape_id, name, scope, kind, paragraphs, _box(shape, ph, frame, context))
    (found.footers if kind in _FOOTER_KINDS.values() else found.blocks).append(block)


def _scope_and_kind(element: Any, ph_type: str | None) -> tuple[Scope, str]:
    """From the placeholder type, else ``p:nvSpPr/p:cNvSpPr/@txBox`` (text box or shape)."""
    if ph_type in TITLE_TYPES:
        return Scope.TITLE, "title"
    if ph_type in _FOOTER_KINDS:
        return Scope.BODY, _FOOTER_KINDS[ph_type]
    if ph_type == "subTitle":
        return Scope.BODY, "subtitle"
    if ph_type is not None:
        return Scope.BODY, "body"
    text_box = element.find("p:nvSpPr/p:cNvSpPr", NS)
    is_text_box = text_box is not None and text_box.get("txBox") in ("1", "true")
    return Scope.BODY, "text-box" if is_text_box else "shape"


def _shape_style(ph: Any, context: _SlideContext) -> ooxml_text.TextStyle:
    """What a slide shape's runs inherit: the same for every shape on one layout placeholder
    (same type and index), or outside placeholders on one layout."""
    placeholder = None if ph is None else (ph.get("type", "obj"), ph.get("idx", "0"))
    key = ("shape", context.layout_part, placeholder)
    styles = context.deck.text_styles
    if key not in styles:
        styles[key] = ooxml_text.TextStyle(_inherited_styles(ph, context), context.theme_fonts)
    return styles[key]


def _inherited_styles(ph: Any, context: _SlideContext) -> tuple[Any, ...]:
    """List styles a shape's runs inherit from (see ``ooxml_text.inherited_list_styles``)."""
    layout = context.layout.element if context.layout is not None else None
    master = context.master.element if context.master is not None else None
    return ooxml_text.inherited_list_styles(ph, layout, master, context.deck.default_text_style)


def _present(*elements: Any) -> tuple[Any, ...]:
    return tuple(e for e in elements if e is not None)


# --- pictures, tables, charts, SmartArt ------------------------------------------------------


def _picture(shape: Any) -> Picture:
    """A ``p:pic``: its alternative text is ``p:nvPicPr/p:cNvPr/@descr``."""
    c_nv_pr = shape.element.find("p:nvPicPr/p:cNvPr", NS)
    alt_text = (c_nv_pr.get("descr") or "").strip()
    shape_id, name = _id_and_name(shape)
    return Picture(
        shape_id=shape_id,
        shape_name=name,
        alt_text=alt_text,
        alt_text_is_file_name=ooxml.is_file_name(alt_text),
        decorative=ooxml.is_decorative(c_nv_pr),
    )


def _graphic_frame(shape: Any, box: Box | None, context: _SlideContext, found: _Found) -> None:
    """A ``p:graphicFrame``: table, chart or SmartArt, told apart by ``a:graphicData/@uri``."""
    data = shape.element.find(_GRAPHIC_DATA)
    if data is None:
        return
    uri = data.get("uri", "")
    if shape.has_table:
        _table(shape, data.find(_TBL), _table_style(context), box, found)
    elif shape.has_chart:
        _chart(shape, box, found)
    elif uri == ooxml.DIAGRAM_URI:
        _smartart(shape, data, box, found)
    elif uri == ooxml_text.CHARTEX_URI:
        _chartex(shape, data, box, found)


def _table(
    shape: Any, tbl: Any, style: ooxml_text.TextStyle, box: Box | None, found: _Found
) -> None:
    """An ``a:tbl``: a Table value, and one TABLE block per cell with text, so rules read it."""
    cells = []
    owner: tuple[int, str] | None = None  # the shape's id and name, read at the first need
    for row, column, tc in ooxml_text.table_cells(tbl):
        body = tc.find(_CELL_TX_BODY)
        paragraphs = ooxml_text.text_body_paragraphs(body, style) if body is not None else ()
        text = "\n".join(p.text for p in paragraphs)
        cells.append(TableCell(row, column, text))
        if text.strip():
            owner = owner or _id_and_name(shape)
            found.blocks.append(TextBlock(*owner, Scope.TABLE, "table-cell", paragraphs, box))
    rows = len(tbl.findall(q("a:tr")))
    columns = len(tbl.findall(f"{q('a:tblGrid')}/{q('a:gridCol')}"))
    found.tables.append(Table(*(owner or _id_and_name(shape)), rows, columns, tuple(cells)))


def _table_style(context: _SlideContext) -> ooxml_text.TextStyle:
    """What table cell runs inherit: the presentation's ``p:defaultTextStyle``, with the theme
    fonts of the slide's master."""
    key = ("table", context.layout_part)
    styles = context.deck.text_styles
    if key not in styles:
        chain = _present(context.deck.default_text_style)
        styles[key] = ooxml_text.TextStyle(chain, context.theme_fonts)
    return styles[key]


def _chart(shape: Any, box: Box | None, found: _Found) -> None:
    """A chart part (``c:chartSpace``): a Chart value and one CHART block with its words."""
    try:
        chart = shape.chart
    except KeyError:  # the chart part is missing; named in ``skipped``
        return
    texts = ooxml_text.chart_texts(chart.element, _user_shapes(shape.chart_part, chart.element))
    _add_chart(shape, box, _chart_type(chart, texts.plot_type), texts, found)


def _user_shapes(chart_part: Any, chart_space: Any) -> Any:
    """The chart's drawing part (``c:userShapes/@r:id``: text boxes drawn on the chart)."""
    user_shapes = chart_space.find(q("c:userShapes"))
    rid = user_shapes.get(q("r:id")) if user_shapes is not None else None
    if rid is None:
        return None
    try:
        return ooxml.parse_xml(chart_part.related_part(rid).blob)
    except (KeyError, etree.XMLSyntaxError):  # the chart's own words are still read
        return None


def _related_xml(shape: Any, rid: str, kind: PartKind, found: _Found) -> Any:
    """The root element of the part a shape's relationship ``rid`` names, or None: a missing
    part is named in ``skipped`` by the package repair, an unreadable one is named here."""
    try:
        part = shape.part.related_part(rid)
    except KeyError:
        return None
    try:
        return ooxml.parse_xml(part.blob)
    except etree.XMLSyntaxError:
        found.skipped.append(UnreadPart(kind, str(part.partname).lstrip("/"), "unreadable"))
        return None


def _chartex(shape: Any, graphic_data: Any, box: Box | None, found: _Found) -> None:
    """An Office 2016 chart (waterfall, funnel, treemap...): ``cx:chart/@r:id`` names its
    ``cx:chartSpace`` part, which python-pptx has no API for."""
    reference = graphic_data.find(f"{{{ooxml_text.CHARTEX_URI}}}chart")
    rid = reference.get(q("r:id")) if reference is not None else None
    if rid is None:
        return
    chart_space = _related_xml(shape, rid, PartKind.CHART, found)
    if chart_space is None:
        return
    texts = ooxml_text.chartex_texts(chart_space)
    _add_chart(shape, box, texts.plot_type, texts, found)


def _add_chart(
    shape: Any, box: Box | None, chart_type: str, texts: ooxml_text.ChartTexts, found: _Found
) -> None:
    shape_id, name = _id_and_name(shape)
    found.charts.append(
        Chart(
            shape_id=shape_id,
            shape_name=name,
            chart_type=chart_type,
            title=texts.title,
            axis_titles=texts.axis_titles,
            series_names=texts.series_names,
            categories=texts.categories,
            labels=texts.labels,
        )
    )
    if texts.all:
        paragraphs = ooxml_text.plain_paragraphs(texts.all)
        found.blocks.append(TextBlock(shape_id, name, Scope.CHART, "chart", paragraphs, box))


def _chart_type(chart: Any, plot_type: str) -> str:
    """python-pptx's name for the chart type ("column-clustered"), else the plot element's."""
    try:
        return str(chart.chart_type.name).lower().replace("_", "-")
    except Exception:  # python-pptx knows no name for some plots (surface, stock, ...)
        return plot_type


def _smartart(shape: Any, graphic_data: Any, box: Box | None, found: _Found) -> None:
    """A SmartArt diagram: its data part (``dgm:relIds/@r:dm``) read in outline order."""
    rel_ids = graphic_data.find(q("dgm:relIds"))
    rid = rel_ids.get(q("r:dm")) if rel_ids is not None else None
    if rid is None:
        return
    data_model = _related_xml(shape, rid, PartKind.SMARTART, found)
    if data_model is None:
        return
    paragraphs = ooxml_text.smartart_paragraphs(data_model)
    if paragraphs:
        shape_id, name = _id_and_name(shape)
        found.blocks.append(TextBlock(shape_id, name, Scope.SMARTART, "smartart", paragraphs, box))


# --- notes -----------------------------------------------------------------------------------


def _notes(slide: Any, context: _SlideContext) -> TextBlock | None:
    """The speaker notes: the notes page's body placeholder (``p:ph type="body"``), then the
    text of any other shape an author drew on the page, groups included, in document order.
    The page's slide image, number, date, header and footer (``_NOTES_FURNITURE``) are not
    notes. None when there is no text."""
    if not slide.has_notes_slide:
        return None
    notes_slide = slide.notes_slide
    style = _notes_style(notes_slide, context.deck)
    main: list[Paragraph] = []
    others: list[Paragraph] = []
    for shape, _ in _shapes(notes_slide.shapes, _Frame()):
        body = shape.element.find(_TX_BODY) if shape.element.tag == _SP else None
        ph = _placeholder(shape.element)
        ph_type = ph.get("type", "obj") if ph is not None else None
        if body is None or ph_type in _NOTES_FURNITURE:
            continue
        paragraphs = ooxml_text.text_body_paragraphs(body, style)
        if ph_type == "body" and not main:
            main.extend(paragraphs)
        elif any(p.text.strip() for p in paragraphs):
            others.extend(paragraphs)
    if not any(p.text.strip() for p in (*main, *others)):
        return None
    return TextBlock(None, "Notes", Scope.NOTES, "notes", (*main, *others))


def _notes_style(notes_slide: Any, deck: _DeckContext) -> ooxml_text.TextStyle:
    """What notes runs inherit: the notes master's ``p:notesStyle``, when the package has a
    notes master; the same for every notes page of that master."""
    try:
        master = notes_slide.part.part_related_by(_RT + "notesMaster")
    except KeyError:
        master = None
    key = ("notes", str(master.partname) if master is not None else None)
    if key not in deck.text_styles:
        notes_style = None if master is None else master.notes_master.element.find(_NOTES_STYLE)
        deck.text_styles[key] = ooxml_text.TextStyle(_present(notes_style), {})
    return deck.text_styles[key]
