"""python-pptx in, the frozen Deck model out. The only module that imports pptx.

MINIMAL FIRST VERSION: titles, text frames, notes. To be completed (tables, groups, charts,
SmartArt, alt text, sections, inferred titles, .ppsx/.potx content types).
"""

from __future__ import annotations

import io
from typing import Any

from analyzer.errors import DeckError, Problem
from analyzer.model import (
    CoreProperties,
    Deck,
    Paragraph,
    Run,
    Scope,
    Slide,
    TextBlock,
)


def parse(data: bytes, file_name: str) -> Deck:
    """Copy a deck's text and structure out of its package into the frozen model."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as error:
        raise DeckError(Problem.UNREADABLE_XML, f"{type(error).__name__}: {error}") from None
    slide_ids = prs.slides._sldIdLst.sldId_lst
    slides = tuple(
        _slide(number, int(sld_id.id), slide)
        for number, (sld_id, slide) in enumerate(zip(slide_ids, prs.slides, strict=True), start=1)
    )
    core = prs.core_properties
    return Deck(
        file_name=file_name,
        slide_width_emu=prs.slide_width,
        slide_height_emu=prs.slide_height,
        core=CoreProperties(
            title=core.title or None, subject=core.subject or None, author=core.author or None
        ),
        slides=slides,
    )


def _slide(number: int, slide_id: int, slide: Any) -> Slide:
    blocks: list[TextBlock] = []
    title: str | None = None
    title_shape_id: int | None = None
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        is_title = shape.is_placeholder and shape.placeholder_format.type in _TITLE_TYPES()
        scope = Scope.TITLE if is_title else Scope.BODY
        block = TextBlock(
            shape_id=shape.shape_id,
            shape_name=shape.name,
            scope=scope,
            kind="title" if is_title else "body",
            paragraphs=tuple(_paragraph(p) for p in shape.text_frame.paragraphs),
        )
        blocks.append(block)
        if is_title and title is None and block.text.strip():
            title = " ".join(block.text.split())
            title_shape_id = shape.shape_id
    notes = None
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        frame = slide.notes_slide.notes_text_frame
        notes = TextBlock(None, "Notes", Scope.NOTES, "notes",
                          tuple(_paragraph(p) for p in frame.paragraphs))
    return Slide(
        number=number,
        slide_id=slide_id,
        layout_name=slide.slide_layout.name,
        hidden=slide._element.get("show") == "0",
        title=title,
        title_inferred=False,
        title_shape_id=title_shape_id,
        blocks=tuple(blocks),
        notes=notes,
    )


def _TITLE_TYPES() -> frozenset[Any]:  # noqa: N802
    from pptx.enum.shapes import PP_PLACEHOLDER

    return frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})


def _paragraph(paragraph: Any) -> Paragraph:
    runs = tuple(
        Run(
            text=run.text,
            font_size_pt=run.font.size.pt if run.font.size is not None else None,
            bold=run.font.bold,
            font_name=run.font.name,
            lang=run._r.rPr.get("lang") if run._r.rPr is not None else None,
        )
        for run in paragraph.runs
    )
    return Paragraph(text=paragraph.text, level=paragraph.level, runs=runs)
