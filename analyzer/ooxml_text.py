"""The words of OOXML text: text bodies with their formatting inherited through list styles,
SmartArt data, chart titles and labels, table cells. Plain lxml; nothing here imports pptx.

The parser finds the elements with python-pptx and hands them here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from analyzer.model import Paragraph, Run
from analyzer.ooxml import NS, q, whole_number

# --- text and its inherited formatting -------------------------------------------------------


@dataclass(frozen=True)
class TextStyle:
    """Where a text body inherits run formatting from, nearest first.

    ``chain`` holds list-style elements (``a:lstStyle``, ``p:titleStyle``, ``p:bodyStyle``,
    ``p:otherStyle``, ``p:notesStyle``, ``p:defaultTextStyle``), each with ``a:lvl1pPr`` ..
    ``a:lvl9pPr``/``a:defRPr``. ``theme_fonts`` maps ``+mj-lt``-style names to typefaces.
    """

    chain: tuple[Any, ...] = ()
    theme_fonts: Mapping[str, str] = field(default_factory=dict)
    #: Run defaults per paragraph level, worked out on first use: one style serves every text
    #: body that inherits from the same list styles (a layout placeholder's, all table cells').
    _levels: dict[int, _RunProps] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def level_defaults(self, level: int) -> _RunProps:
        """Run defaults of a paragraph level (0 to 8) from the chain."""
        if level not in self._levels:
            self._levels[level] = _level_defaults(self.chain, level)
        return self._levels[level]


@dataclass(frozen=True)
class _RunProps:
    size_pt: float | None = None
    bold: bool | None = None
    font_name: str | None = None

    def under(self, base: _RunProps) -> _RunProps:
        """These properties, with the gaps filled from ``base``."""
        if self is _NO_PROPS:  # most runs set none: ``<a:rPr lang="fr-FR"/>``
            return base
        return _RunProps(
            self.size_pt if self.size_pt is not None else base.size_pt,
            self.bold if self.bold is not None else base.bold,
            self.font_name if self.font_name is not None else base.font_name,
        )


_NO_PROPS = _RunProps()
_LATIN = q("a:latin")


def _child(element: Any, tag: str) -> Any:
    """``element.find(tag)`` for a plain tag, without lxml's path machinery: text bodies are
    read child by child, and this is their most frequent step."""
    return next(element.iterchildren(tag), None)


def _run_props(rpr: Any) -> _RunProps:
    """Size, bold and Latin typeface of an ``a:rPr`` or ``a:defRPr``."""
    if rpr is None:
        return _NO_PROPS
    size = whole_number(rpr.get("sz"))
    bold = rpr.get("b")
    latin = _child(rpr, _LATIN)
    if size is None and bold is None and latin is None:
        return _NO_PROPS
    return _RunProps(
        size / 100 if size is not None else None,
        None if bold is None else bold in ("1", "true"),
        latin.get("typeface") if latin is not None else None,
    )


#: Per paragraph level (0 to 8): the paths of its run defaults in a list style, its own level's
#: (``a:lvlNpPr/a:defRPr``) then the default paragraph's (``a:defPPr/a:defRPr``).
_DEFAULT_RPR_PATHS = tuple(
    tuple(f"{q(ppr_tag)}/{q('a:defRPr')}" for ppr_tag in (f"a:lvl{level + 1}pPr", "a:defPPr"))
    for level in range(9)
)


def _level_defaults(chain: Iterable[Any], level: int) -> _RunProps:
    """Run defaults of a paragraph level from list styles, nearest first (``a:lvlNpPr`` then
    ``a:defPPr`` of each)."""
    props = _RunProps()
    for list_style in chain:
        for path in _DEFAULT_RPR_PATHS[level]:
            props = props.under(_run_props(list_style.find(path)))
    return props


_LST_STYLE, _P, _PPR = q("a:lstStyle"), q("a:p"), q("a:pPr")
_NORM_AUTOFIT = f"{q('a:bodyPr')}/{q('a:normAutofit')}"


def text_body_paragraphs(body: Any, style: TextStyle) -> tuple[Paragraph, ...]:
    """The paragraphs (``a:p``) of a text body (``p:txBody``, ``a:txBody``, ``dgm:t``,
    ``c:rich``) with each run's formatting resolved through its own ``a:lstStyle``, then
    ``style``. A shrink-on-overflow scale (``a:bodyPr/a:normAutofit/@fontScale``) is applied:
    it is the size the audience sees."""
    own = _child(body, _LST_STYLE)
    scale = _font_scale(body)
    defaults: dict[int, _RunProps] = {}
    paragraphs = []
    for p in body.iterfind(_P):
        level = _level(p)
        if level not in defaults:
            defaults[level] = _body_defaults(own, style, level)
        paragraphs.append(_paragraph(p, level, defaults[level], scale, style.theme_fonts))
    return tuple(paragraphs)


def _body_defaults(own: Any, style: TextStyle, level: int) -> _RunProps:
    """Run defaults of a paragraph level in a text body: its own ``a:lstStyle``, then the
    inherited ``style``. Most bodies carry an empty ``<a:lstStyle/>``."""
    inherited = style.level_defaults(level)
    if own is None or not len(own):
        return inherited
    return _level_defaults((own,), level).under(inherited)


def _font_scale(body: Any) -> float:
    """``a:normAutofit/@fontScale``: thousandths of a percent ("62500"), or "62.5%"."""
    autofit = body.find(_NORM_AUTOFIT)
    scale = autofit.get("fontScale") if autofit is not None else None
    if not scale:  # the common case, answered without raising and catching a ValueError
        return 1.0
    try:
        return float(scale[:-1]) / 100 if scale.endswith("%") else int(scale) / 100_000
    except ValueError:
        return 1.0


def _level(p: Any) -> int:
    """Outline level of an ``a:p`` (``a:pPr/@lvl``, 0 to 8)."""
    ppr = _child(p, _PPR)
    lvl = whole_number(ppr.get("lvl")) if ppr is not None else None
    return min(lvl, 8) if lvl is not None else 0


_BR, _T, _RPR = q("a:br"), q("a:t"), q("a:rPr")
_RUNS = (q("a:r"), q("a:fld"))


def _paragraph(
    p: Any, level: int, defaults: _RunProps, scale: float, fonts: Mapping[str, str]
) -> Paragraph:
    """One ``a:p``: runs from ``a:r`` and ``a:fld`` (slide numbers, dates); ``a:br`` (a line
    break inside the paragraph) becomes a newline in the text."""
    pieces: list[str] = []
    runs: list[Run] = []
    for child in p:
        tag = child.tag  # lxml builds the name string at each access
        if tag == _BR:
            pieces.append("\n")
        elif tag in _RUNS:
            t = _child(child, _T)
            text = (t.text or "") if t is not None else ""
            pieces.append(text)
            runs.append(_run(text, _child(child, _RPR), defaults, scale, fonts))
    return Paragraph(text="".join(pieces), level=level, runs=tuple(runs))


def _run(text: str, rpr: Any, defaults: _RunProps, scale: float, fonts: Mapping[str, str]) -> Run:
    props = _run_props(rpr).under(defaults)
    size = round(props.size_pt * scale, 1) if props.size_pt is not None else None
    font = fonts.get(props.font_name, props.font_name) if props.font_name else None
    return Run(
        text=text,
        font_size_pt=size,
        bold=props.bold,
        font_name=None if font is None or font.startswith("+") else font,
        lang=rpr.get("lang") if rpr is not None else None,
    )


#: Placeholder types (``p:ph/@type``) of titles, and of the furniture styled as "other" text.
TITLE_TYPES = frozenset({"title", "ctrTitle"})
_OTHER_TEXT_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
#: The master placeholder type a layout placeholder of each type inherits from.
_MASTER_TYPE = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
_PH_PATH = "p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph"


def inherited_list_styles(
    ph: Any, layout: Any, master: Any, default_text_style: Any
) -> tuple[Any, ...]:
    """List styles a shape's runs inherit from, nearest first. For a placeholder (``p:ph``):
    the ``a:lstStyle`` of the layout placeholder (``p:sldLayout``, same ``@idx``, else same
    type), of the master placeholder (``p:sldMaster``, by type), then the master's
    ``p:txStyles`` entry for its type. For any other shape: the presentation's
    ``p:defaultTextStyle``. ``layout`` and ``master`` are None when their part is missing."""
    if ph is None:
        return _present(default_text_style)
    ph_type, idx = ph.get("type", "obj"), ph.get("idx", "0")
    layout_ph = _layout_placeholder(layout, ph_type, idx)
    base_type = layout_ph.get("type", "obj") if layout_ph is not None else ph_type
    master_ph = _master_placeholder(master, base_type)
    tx_style = None
    if master is not None:
        tx_style = master.find(f"p:txStyles/p:{_tx_style(ph_type)}", NS)
    return _present(_list_style(layout_ph), _list_style(master_ph), tx_style)


def _present(*elements: Any) -> tuple[Any, ...]:
    return tuple(e for e in elements if e is not None)


def _layout_placeholder(layout: Any, ph_type: str, idx: str) -> Any:
    if layout is None:
        return None
    phs = list(layout.iterfind(_PH_PATH, NS))
    by_idx = [p for p in phs if p.get("idx", "0") == idx]
    by_type = [p for p in phs if p.get("type", "obj") == ph_type]
    return (by_idx or by_type or [None])[0]


def _master_placeholder(master: Any, ph_type: str) -> Any:
    if master is None:
        return None
    wanted = _MASTER_TYPE.get(ph_type, "body")
    return next((p for p in master.iterfind(_PH_PATH, NS) if p.get("type", "obj") == wanted), None)


def _list_style(ph: Any) -> Any:
    """The ``a:lstStyle`` of the ``p:sp`` holding a ``p:ph`` (``p:sp/p:nvSpPr/p:nvPr/p:ph``)."""
    if ph is None:
        return None
    sp = ph.getparent().getparent().getparent()
    return sp.find("p:txBody/a:lstStyle", NS)


def _tx_style(ph_type: str) -> str:
    if ph_type in TITLE_TYPES:
        return "titleStyle"
    return "otherStyle" if ph_type in _OTHER_TEXT_TYPES else "bodyStyle"


def theme_fonts(theme: Any) -> dict[str, str]:
    """Typefaces behind the theme font names (``a:fontScheme`` major and minor, Latin, East
    Asian and complex script): ``{"+mj-lt": "Calibri Light", "+mn-lt": "Calibri", ...}``."""
    fonts = {}
    scheme = theme.find(f"{q('a:themeElements')}/{q('a:fontScheme')}")
    if scheme is None:
        return {}
    for prefix, tag in (("+mj", "a:majorFont"), ("+mn", "a:minorFont")):
        for script, script_tag in (("lt", "a:latin"), ("ea", "a:ea"), ("cs", "a:cs")):
            element = scheme.find(f"{q(tag)}/{q(script_tag)}")
            if element is not None and element.get("typeface"):
                fonts[f"{prefix}-{script}"] = element.get("typeface")
    return fonts


def plain_paragraphs(texts: Iterable[str]) -> tuple[Paragraph, ...]:
    """Paragraphs with one unformatted run each, for texts read outside a text body."""
    return tuple(Paragraph(text=t, level=0, runs=(Run(text=t),)) for t in texts)


# --- SmartArt --------------------------------------------------------------------------------


def smartart_paragraphs(data_model: Any) -> tuple[Paragraph, ...]:
    """The text of a SmartArt diagram's data part (``dgm:dataModel``) in outline order.

    Points (``dgm:pt``) hang from the document point through ``parOf`` connections
    (``dgm:cxn``, ordered by ``@srcOrd``); the depth of a point is its paragraph level. Points
    the outline does not reach still give their text, in document order, so none is lost.
    """
    points = {pt.get("modelId"): pt for pt in data_model.iterfind("dgm:ptLst/dgm:pt", NS)}
    order = _outline(data_model, points)
    reached = {model_id for model_id, _ in order}
    order += [(mid, 0) for mid in points if mid not in reached]
    paragraphs = []
    for model_id, depth in order:
        body = points[model_id].find(q("dgm:t"))
        if body is None:
            continue
        for paragraph in text_body_paragraphs(body, TextStyle()):
            if paragraph.text.strip():
                paragraphs.append(Paragraph(paragraph.text, min(depth, 8), paragraph.runs))
    return tuple(paragraphs)


def _outline(data_model: Any, points: Mapping[str, Any]) -> list[tuple[str, int]]:
    children: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for cxn in data_model.iterfind("dgm:cxnLst/dgm:cxn", NS):
        if cxn.get("type", "parOf") == "parOf":
            rank = whole_number(cxn.get("srcOrd")) or 0
            children[cxn.get("srcId")].append((rank, cxn.get("destId")))
    roots = [mid for mid, pt in points.items() if pt.get("type") == "doc"]
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(root, -1) for root in reversed(roots)]
    while stack:
        model_id, depth = stack.pop()
        if model_id in seen or model_id not in points:
            continue
        seen.add(model_id)
        if depth >= 0:
            found.append((model_id, depth))
        for _, child in sorted(children.get(model_id, []), reverse=True):
            stack.append((child, depth + 1))
    return found


# --- charts and tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChartTexts:
    """The words on a chart (``c:chartSpace``): title, axis titles, series names, categories,
    and the labels typed onto it (data, trendline and display-unit labels, text boxes)."""

    plot_type: str
    title: str | None
    axis_titles: tuple[str, ...]
    series_names: tuple[str, ...]
    categories: tuple[str, ...]
    labels: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        head = (self.title,) if self.title else ()
        return head + self.axis_titles + self.series_names + self.categories + self.labels


def chart_texts(chart_space: Any, user_shapes: Any = None) -> ChartTexts:
    """Read ``c:chart/c:title``, the ``c:title`` of each axis (``c:catAx``, ``c:valAx``,
    ``c:dateAx``, ``c:serAx``), each series' ``c:tx``, the text categories (``c:cat`` from
    ``c:strRef``, ``c:strLit`` or ``c:multiLvlStrRef``; number and date categories are not
    words and are left out), the labels (``_label_texts``) and the text boxes of the chart's
    drawing part (``user_shapes``, ``c:userShapes``), when it has one."""
    chart = chart_space.find(q("c:chart"))
    plot_area = chart.find(q("c:plotArea")) if chart is not None else None
    if plot_area is None:
        return ChartTexts("", None, (), (), ())
    children = list(plot_area.iterchildren(tag=etree.Element))  # comments have no tag name
    plots = [e for e in children if e.tag.endswith("Chart")]
    axes = [e for e in children if e.tag.endswith("Ax")]
    series = [s for plot in plots for s in plot.iterfind(q("c:ser"))]
    drawn = _drawing_texts(user_shapes) if user_shapes is not None else ()
    return ChartTexts(
        plot_type=etree.QName(plots[0]).localname if plots else "",
        title=_title_text(chart.find(q("c:title"))),
        axis_titles=tuple(t for ax in axes if (t := _title_text(ax.find(q("c:title"))))),
        series_names=_unique(n for s in series if (n := _cached_text(s.find(q("c:tx"))))),
        categories=_unique(c for s in series for c in _categories(s.find(q("c:cat")))),
        labels=_label_texts(plot_area) + drawn,
    )


#: Elements of a chart whose ``c:tx`` an author types: a data label, a trendline's label, the
#: display-units label of a value axis ("Millions").
_LABELS = tuple(q(t) for t in ("c:dLbl", "c:trendlineLbl", "c:dispUnitsLbl"))


def _label_texts(plot_area: Any) -> tuple[str, ...]:
    """Text typed into the chart's labels (``c:tx/c:rich``, or a cell's cached ``c:strRef``).
    Fields (``a:fld``: "[VALUE]", "[CELLRANGE]", "[SERIES NAME]") are left out: the chart
    draws the value there, not that word."""
    labels = []
    for label in plot_area.iter(*_LABELS):
        tx = label.find(q("c:tx"))
        rich = tx.find(q("c:rich")) if tx is not None else None
        if rich is not None:
            text = " ".join(_typed_text(p) for p in rich.iterfind(q("a:p")))
        else:
            text = _cached_text(tx) or ""
        if text := " ".join(text.split()):
            labels.append(text)
    return _unique(labels)


def _typed_text(p: Any) -> str:
    """The runs of an ``a:p`` without its fields; a line break is a space."""
    return "".join(
        (child.findtext(q("a:t")) or "") if child.tag == q("a:r") else " "
        for child in p
        if child.tag in (q("a:r"), q("a:br"))
    )


#: Shapes of a chart's drawing part (``c:userShapes``: ``cdr:relSizeAnchor/cdr:sp``...).
_CDR_TX_BODY = "{http://schemas.openxmlformats.org/drawingml/2006/chartDrawing}txBody"


def _drawing_texts(user_shapes: Any) -> tuple[str, ...]:
    """The paragraphs of the text boxes an author drew on a chart, in document order."""
    texts = []
    for body in user_shapes.iter(_CDR_TX_BODY):
        for paragraph in text_body_paragraphs(body, TextStyle()):
            if text := " ".join(paragraph.text.split()):
                texts.append(text)
    return tuple(texts)


# --- Office 2016 charts: waterfall, funnel, treemap, sunburst, histogram, box and whisker ---

#: ``a:graphicData/@uri`` of a ``cx:chart``, and the namespace of its ``cx:chartSpace`` part.
CHARTEX_URI = "http://schemas.microsoft.com/office/drawing/2014/chartex"
_CX = "{" + CHARTEX_URI + "}"


def chartex_texts(chart_space: Any) -> ChartTexts:
    """The words of an Office 2016 chart (``cx:chartSpace``): ``cx:chart/cx:title``, each
    ``cx:axis/cx:title``, each ``cx:series/cx:tx`` name, the text categories (``cx:strDim``
    of ``cx:chartData``, every level of a treemap or sunburst). ``plot_type`` is the first
    series' ``@layoutId`` ("waterfall", "funnel", "treemap", "sunburst"...)."""
    chart = chart_space.find(_CX + "chart")
    if chart is None:
        return ChartTexts("", None, (), (), ())
    plot_area = chart.find(_CX + "plotArea")
    axes = plot_area.iterfind(_CX + "axis") if plot_area is not None else iter(())
    series = list(chart.iter(_CX + "series"))
    data = chart_space.find(_CX + "chartData")
    dimensions = data.iter(_CX + "strDim") if data is not None else iter(())
    return ChartTexts(
        plot_type=series[0].get("layoutId", "") if series else "",
        title=_cx_text(chart.find(_CX + "title")),
        axis_titles=tuple(t for ax in axes if (t := _cx_text(ax.find(_CX + "title")))),
        series_names=_unique(n for s in series if (n := _cx_text(s))),
        categories=_unique(
            text
            for dimension in dimensions
            for pt in dimension.iter(_CX + "pt")
            if (text := " ".join((pt.text or "").split()))
        ),
    )


def _cx_text(element: Any) -> str | None:
    """The ``cx:tx`` of a chartex title or series: rich text (``cx:rich``) or the cached cell
    value (``cx:txData/cx:v``)."""
    tx = element.find(_CX + "tx") if element is not None else None
    if tx is None:
        return None
    rich = tx.find(_CX + "rich")
    if rich is not None:
        text = " ".join(p.text for p in text_body_paragraphs(rich, TextStyle()))
    else:
        text = " ".join(v.text or "" for v in tx.iter(_CX + "v"))
    return " ".join(text.split()) or None


def _title_text(title: Any) -> str | None:
    """Text of a ``c:title``: rich text (``c:tx/c:rich``) or a cell reference's cached value."""
    tx = title.find(q("c:tx")) if title is not None else None
    if tx is None:
        return None
    rich = tx.find(q("c:rich"))
    if rich is not None:
        text = " ".join(p.text for p in text_body_paragraphs(rich, TextStyle()))
    else:
        text = _cached_text(tx) or ""
    return " ".join(text.split()) or None


def _cached_text(tx: Any) -> str | None:
    """A series or title ``c:tx``: its literal ``c:v`` or the cached ``c:strRef`` values."""
    if tx is None:
        return None
    values = [v.text or "" for v in tx.iter(q("c:v"))]
    text = " ".join(" ".join(values).split())
    return text or None


def _categories(cat: Any) -> list[str]:
    if (
        cat is None
        or not len(cat)
        or cat[0].tag not in (q("c:strRef"), q("c:strLit"), q("c:multiLvlStrRef"))
    ):
        return []
    return [t for v in cat[0].iter(q("c:v")) if (t := " ".join((v.text or "").split()))]


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def table_cells(tbl: Any) -> Iterator[tuple[int, int, Any]]:
    """``(row, column, a:tc)`` for each cell of an ``a:tbl`` that is not covered by a merge
    (``@hMerge``/``@vMerge``): a merged area is given once, by its top-left cell."""
    for r, tr in enumerate(tbl.iterfind(q("a:tr"))):
        for c, tc in enumerate(tr.iterfind(q("a:tc"))):
            if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                continue
            yield r, c, tc
