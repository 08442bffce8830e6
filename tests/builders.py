"""Build small decks in memory with python-pptx, from a spec a test can read at a glance.

A spec is a list of slides; each slide is a mapping with any of: ``title`` (str),
``subtitle`` (str, on the "title" layout), ``bullets`` (list of str, or of ``{text, level}``),
``notes`` (str), ``table`` (list of rows of str), ``textboxes`` (list of str), ``shapes``
(list of str: the boxes of a diagram, rectangles with text), ``chart`` (``{categories,
series}``: a column chart), ``pictures`` (list of alternative texts), ``layout`` ("content",
"title", "title-only", "blank"), ``hidden`` (bool). ``lang`` ("fr" / "en") sets the proofing
language on every run, as PowerPoint does for its author.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

_LAYOUTS = {"title": 0, "content": 1, "title-only": 5, "blank": 6}
_LANGUAGE_IDS = {"fr": MSO_LANGUAGE_ID.FRENCH, "en": MSO_LANGUAGE_ID.ENGLISH_US}


def build_deck(
    slides: Sequence[Mapping[str, Any]],
    *,
    lang: str | None = None,
    drop_parts: Sequence[str] = (),
) -> bytes:
    """The bytes of a .pptx holding ``slides``; ``drop_parts`` names zip members to leave out,
    as a damaged file would (relationships to them then dangle)."""
    prs = Presentation()
    for spec in slides:
        _add_slide(prs, spec)
    if lang in _LANGUAGE_IDS:
        _set_language(prs, _LANGUAGE_IDS[lang])
    buffer = io.BytesIO()
    prs.save(buffer)
    return _without_members(buffer.getvalue(), drop_parts) if drop_parts else buffer.getvalue()


def _without_members(data: bytes, names: Sequence[str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    missing = set(names) - set(source.namelist())
    if missing:
        raise ValueError(f"no such parts to drop: {sorted(missing)}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in names:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _add_slide(prs: Any, spec: Mapping[str, Any]) -> None:
    layout_name = spec.get("layout", "content" if "bullets" in spec else "title-only")
    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUTS[layout_name]])
    if "title" in spec and slide.shapes.title is not None:
        slide.shapes.title.text = spec["title"]
    if spec.get("subtitle"):
        slide.placeholders[1].text = spec["subtitle"]
    bullets = spec.get("bullets") or []
    if bullets:
        body = slide.placeholders[1]
        frame = body.text_frame
        for i, bullet in enumerate(bullets):
            text, level = (
                (bullet, 0) if isinstance(bullet, str) else (bullet["text"], bullet["level"])
            )
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.level = level
    for j, text in enumerate(spec.get("textboxes") or []):
        box = slide.shapes.add_textbox(Inches(1), Inches(5 + j * 0.6), Inches(8), Inches(0.5))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    for k, text in enumerate(spec.get("shapes") or []):
        box = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            Inches(1 + 2 * (k % 4)),
            Inches(2 + k // 4),
            Inches(1.8),
            Inches(0.8),
        )
        box.text_frame.text = text
    chart = spec.get("chart")
    if chart:
        add_column_chart(slide.shapes, chart["categories"], chart["series"])
    for alt_text in spec.get("pictures") or []:
        add_picture(slide.shapes, alt_text)
    rows = spec.get("table")
    if rows:
        n_cols = max(len(r) for r in rows)
        shape = slide.shapes.add_table(
            len(rows), n_cols, Inches(1), Inches(2), Inches(8), Inches(3)
        )
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                shape.table.cell(r, c).text = value
    if spec.get("notes"):
        slide.notes_slide.notes_text_frame.text = spec["notes"]
    if spec.get("hidden"):
        slide._element.set("show", "0")


def _set_language(prs: Any, language_id: Any) -> None:
    for slide in prs.slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        frames += [
            cell.text_frame
            for s in slide.shapes
            if s.has_table
            for row in s.table.rows
            for cell in row.cells
        ]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.language_id = language_id


# --- Shapes the spec does not cover: groups, pictures, charts (tests/test_parser.py) -------


def deck_bytes(prs: Any) -> bytes:
    """The bytes of a python-pptx Presentation built by a test."""
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def add_text_box(
    shapes: Any, text: str, *, left_in: float, top_in: float, size_pt: float | None = None
) -> Any:
    """A text box (``p:sp`` with ``txBox="1"``) of one paragraph, 6 x 0.6 inches."""
    box = shapes.add_textbox(Inches(left_in), Inches(top_in), Inches(6), Inches(0.6))
    box.text_frame.text = text
    if size_pt is not None:
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(size_pt)
    return box


def add_nested_groups(shapes: Any, texts: Sequence[str]) -> Any:
    """Groups nested ``len(texts)`` deep: ``texts[0]`` in the outer group, each next text one
    group further in. Returns the outer group."""
    outer = group = shapes.add_group_shape()
    for depth, text in enumerate(texts):
        add_text_box(group.shapes, text, left_in=1 + depth, top_in=1 + depth)
        if depth < len(texts) - 1:
            group = group.shapes.add_group_shape()
    return outer


def add_picture(shapes: Any, alt_text: str, *, decorative: bool = False) -> Any:
    """A 4 x 4 pixel PNG picture whose alternative text (``p:cNvPr/@descr``) is ``alt_text``."""
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(png, "PNG")
    png.seek(0)
    picture = shapes.add_picture(png, Inches(1), Inches(1), Inches(1), Inches(1))
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", alt_text)
    if decorative:
        from pptx.oxml import parse_xml

        c_nv_pr.append(
            parse_xml(
                '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
                'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" '
                'val="1"/></a:ext></a:extLst>'
            )
        )
    return picture


def add_column_chart(
    shapes: Any,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    title: str | None = None,
    axis_titles: tuple[str, str] | None = None,
) -> Any:
    """A clustered column chart; ``axis_titles`` is (category axis, value axis)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = list(categories)
    for name, values in series.items():
        data.add_series(name, list(values))  # type: ignore[no-untyped-call]
    frame = shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(8), Inches(4), data
    )
    chart = frame.chart
    if title is not None:
        chart.has_title = True
        chart.chart_title.text_frame.text = title
    if axis_titles is not None:
        for axis, text in zip((chart.category_axis, chart.value_axis), axis_titles, strict=True):
            axis.has_title = True
            axis.axis_title.text_frame.text = text
    return frame


class Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then follows each member with a data descriptor, as tools
    that stream their output (and some phones and web exports) write decks."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.buffer += data
        return len(data)
