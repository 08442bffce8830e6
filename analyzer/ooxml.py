"""Readers for the OOXML that python-pptx has no API for, on plain lxml elements.

The parser walks the package with python-pptx and hands the elements it cannot read to these
functions: run formatting inherited through list styles, SmartArt data, chart texts, table cells,
sections, ``docProps/app.xml``, alternate content, dangling relationships and the content-type
rewrite that lets python-pptx open slide shows and templates. Nothing here imports pptx.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from analyzer.model import Paragraph, Run, Section

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}

DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
#: Main-part content types of the flavours python-pptx refuses although their XML is the same.
_OTHER_MAINS = (
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
)

#: Entities are never expanded and nothing is fetched: the XML comes from a stranger.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def q(tag: str) -> str:
    """Clark name of a prefixed tag: ``q("a:p")`` -> ``{http://...}p``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_xml(blob: bytes) -> Any:
    """The root element of an XML part, parsed without entity expansion or network access."""
    return etree.fromstring(blob, _PARSER)


# --- package -------------------------------------------------------------------------------


def as_presentation_package(data: bytes) -> bytes:
    """``data`` with its main part declared as a plain presentation in ``[Content_Types].xml``.

    .ppsx/.potx/.ppsm/.potm hold the same ``p:presentation`` as a .pptx under another content
    type that python-pptx refuses. The package is copied in memory (the user's file is never
    written) with only that one declaration changed.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if not any(ct.encode() in types for ct in _OTHER_MAINS):
            return data
        for ct in _OTHER_MAINS:
            types = types.replace(ct.encode(), PRESENTATION_MAIN.encode())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
            for info in source.infolist():
                content = types if info.filename == "[Content_Types].xml" else source.read(info)
                target.writestr(info.filename, content)
    return buffer.getvalue()


@dataclass(frozen=True)
class Dangling:
    """A relationship (``Relationship`` in a ``.rels`` part) whose target part is not in the zip."""

    source: str
    kind: str
    target: str


def dangling_relationships(data: bytes) -> tuple[Dangling, ...]:
    """Internal relationships pointing at parts missing from the package, as python-pptx would
    resolve them (it drops such relationships silently while loading)."""
    found: list[Dangling] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in sorted(names):
            if name.endswith(".rels") and "_rels/" in name:
                found.extend(_dangling_in(archive.read(name), name, names))
    return tuple(found)


def _dangling_in(blob: bytes, rels_name: str, names: set[str]) -> Iterator[Dangling]:
    folder, rels_file = rels_name.rsplit("_rels/", 1)
    source = folder + rels_file[: -len(".rels")]
    for rel in parse_xml(blob).iterfind(q("rel:Relationship")):
        target_ref = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or target_ref.endswith("NULL"):
            continue
        if target_ref.startswith("/"):
            target = posixpath.normpath(target_ref).lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target_ref))
        if target not in names:
            yield Dangling(source, rel.get("Type", "").rsplit("/", 1)[-1], target)


def application(app_xml: bytes) -> str | None:
    """The producing application (``ep:Properties/ep:Application`` in ``docProps/app.xml``)."""
    text = parse_xml(app_xml).findtext(q("ep:Application"))
    return text.strip() or None if text else None


def sections(presentation: Any) -> tuple[Section, ...]:
    """Named sections (``p14:sectionLst/p14:section`` in ``p:presentation/p:extLst``), each with
    the ids of its slides (``p14:sldIdLst/p14:sldId/@id``)."""
    found = []
    for section in presentation.iterfind("p:extLst/p:ext/p14:sectionLst/p14:section", NS):
        ids = tuple(
            int(sld_id.get("id"))
            for sld_id in section.iterfind("p14:sldIdLst/p14:sldId", NS)
            if (sld_id.get("id") or "").isdigit()
        )
        found.append(Section(section.get("name", ""), ids))
    return tuple(found)


def alternate_shapes(alternate: Any, shape_tags: frozenset[str]) -> list[Any]:
    """The shapes of an ``mc:AlternateContent`` in a shape tree: those of its first ``mc:Choice``
    (the richer form PowerPoint writes), else of its ``mc:Fallback``."""
    for branch in (alternate.find(q("mc:Choice")), alternate.find(q("mc:Fallback"))):
        shapes = [] if branch is None else [e for e in branch if e.tag in shape_tags]
        if shapes:
            return shapes
    return []


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


@dataclass(frozen=True)
class _RunProps:
    size_pt: float | None = None
    bold: bool | None = None
    font_name: str | None = None

    def under(self, base: _RunProps) -> _RunProps:
        """These properties, with the gaps filled from ``base``."""
        return _RunProps(
            self.size_pt if self.size_pt is not None else base.size_pt,
            self.bold if self.bold is not None else base.bold,
            self.font_name if self.font_name is not None else base.font_name,
        )


def _run_props(rpr: Any) -> _RunProps:
    """Size, bold and Latin typeface of an ``a:rPr`` or ``a:defRPr``."""
    if rpr is None:
        return _RunProps()
    size = rpr.get("sz")
    bold = rpr.get("b")
    latin = rpr.find(q("a:latin"))
    return _RunProps(
        int(size) / 100 if size and size.isdigit() else None,
        None if bold is None else bold in ("1", "true"),
        latin.get("typeface") if latin is not None else None,
    )


def _level_defaults(style: TextStyle, level: int) -> _RunProps:
    """Run defaults of a paragraph level from the chain (``a:lvlNpPr`` then ``a:defPPr``)."""
    props = _RunProps()
    for list_style in style.chain:
        for ppr_tag in (f"a:lvl{level + 1}pPr", "a:defPPr"):
            props = props.under(_run_props(list_style.find(f"{q(ppr_tag)}/{q('a:defRPr')}")))
    return props


def text_body_paragraphs(body: Any, style: TextStyle) -> tuple[Paragraph, ...]:
    """The paragraphs (``a:p``) of a text body (``p:txBody``, ``a:txBody``, ``dgm:t``,
    ``c:rich``) with each run's formatting resolved through its own ``a:lstStyle``, then
    ``style``. A shrink-on-overflow scale (``a:bodyPr/a:normAutofit/@fontScale``) is applied:
    it is the size the audience sees."""
    own = body.find(q("a:lstStyle"))
    full = TextStyle(((own,) if own is not None else ()) + style.chain, style.theme_fonts)
    scale = _font_scale(body)
    defaults: dict[int, _RunProps] = {}
    paragraphs = []
    for p in body.iterfind(q("a:p")):
        level = _level(p)
        if level not in defaults:
            defaults[level] = _level_defaults(full, level)
        paragraphs.append(_paragraph(p, level, defaults[level], scale, full.theme_fonts))
    return tuple(paragraphs)


def _font_scale(body: Any) -> float:
    autofit = body.find(f"{q('a:bodyPr')}/{q('a:normAutofit')}")
    scale = autofit.get("fontScale") if autofit is not None else None
    return int(scale) / 100_000 if scale and scale.isdigit() else 1.0


def _level(p: Any) -> int:
    """Outline level of an ``a:p`` (``a:pPr/@lvl``, 0 to 8)."""
    ppr = p.find(q("a:pPr"))
    lvl = ppr.get("lvl") if ppr is not None else None
    return min(int(lvl), 8) if lvl and lvl.isdigit() else 0


def _paragraph(
    p: Any, level: int, defaults: _RunProps, scale: float, fonts: Mapping[str, str]
) -> Paragraph:
    """One ``a:p``: runs from ``a:r`` and ``a:fld`` (slide numbers, dates); ``a:br`` (a line
    break inside the paragraph) becomes a newline in the text."""
    pieces: list[str] = []
    runs: list[Run] = []
    for child in p:
        if child.tag == q("a:br"):
            pieces.append("\n")
        elif child.tag in (q("a:r"), q("a:fld")):
            text = child.findtext(q("a:t")) or ""
            pieces.append(text)
            runs.append(_run(text, child.find(q("a:rPr")), defaults, scale, fonts))
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
            order = cxn.get("srcOrd", "0")
            rank = int(order) if order.isdigit() else 0
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
    """The words on a chart (``c:chartSpace``): title, axis titles, series names, categories."""

    plot_type: str
    title: str | None
    axis_titles: tuple[str, ...]
    series_names: tuple[str, ...]
    categories: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        head = (self.title,) if self.title else ()
        return head + self.axis_titles + self.series_names + self.categories


def chart_texts(chart_space: Any) -> ChartTexts:
    """Read ``c:chart/c:title``, the ``c:title`` of each axis (``c:catAx``, ``c:valAx``,
    ``c:dateAx``, ``c:serAx``), each series' ``c:tx`` and the text categories (``c:cat`` from
    ``c:strRef``, ``c:strLit`` or ``c:multiLvlStrRef``; number and date categories are not
    words and are left out)."""
    chart = chart_space.find(q("c:chart"))
    plot_area = chart.find(q("c:plotArea")) if chart is not None else None
    if plot_area is None:
        return ChartTexts("", None, (), (), ())
    plots = [e for e in plot_area if e.tag.endswith("Chart")]
    axes = [e for e in plot_area if e.tag.endswith("Ax")]
    series = [s for plot in plots for s in plot.iterfind(q("c:ser"))]
    return ChartTexts(
        plot_type=etree.QName(plots[0]).localname if plots else "",
        title=_title_text(chart.find(q("c:title"))),
        axis_titles=tuple(t for ax in axes if (t := _title_text(ax.find(q("c:title"))))),
        series_names=_unique(n for s in series if (n := _cached_text(s.find(q("c:tx"))))),
        categories=_unique(c for s in series for c in _categories(s.find(q("c:cat")))),
    )


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


# --- pictures ---------------------------------------------------------------------------------

_FILE_NAME = re.compile(
    r"^[\w\-.,()\[\]~+&#@'’ ]+\.(png|jpe?g|jfif|gif|bmp|tiff?|emf|wmf|svg|webp|heic|ico)$",
    re.IGNORECASE,
)


def is_file_name(alt_text: str) -> bool:
    """True when an alternative text is only a file name ("IMG_0042.JPG", "Picture 3.png",
    "C:\\Users\\me\\image1.jpeg"): what PowerPoint puts there when nobody wrote one."""
    name = re.split(r"[\\/]", alt_text.strip())[-1]
    return bool(_FILE_NAME.match(name))


def is_decorative(c_nv_pr: Any) -> bool:
    """Whether the author marked a picture decorative (``adec:decorative/@val`` in the
    ``p:cNvPr`` extension list): it needs no alternative text."""
    mark = c_nv_pr.find("a:extLst/a:ext/adec:decorative", NS)
    return mark is not None and mark.get("val") in ("1", "true")
