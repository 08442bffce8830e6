"""Build small decks in memory with python-pptx, from a spec a test can read at a glance.

A spec is a list of slides; each slide is a mapping with any of: ``title`` (str),
``subtitle`` (str, on the "title" layout), ``bullets`` (list of str, or of ``{text, level}``),
``notes`` (str), ``table`` (list of rows of str), ``textboxes`` (list of str), ``layout``
("content", "title", "title-only", "blank"), ``hidden`` (bool). ``lang`` ("fr" / "en") sets
the proofing language on every run, as PowerPoint does for its author.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.util import Inches, Pt

_LAYOUTS = {"title": 0, "content": 1, "title-only": 5, "blank": 6}
_LANGUAGE_IDS = {"fr": MSO_LANGUAGE_ID.FRENCH, "en": MSO_LANGUAGE_ID.ENGLISH_US}


def build_deck(slides: Sequence[Mapping[str, Any]], *, lang: str | None = None) -> bytes:
    """The bytes of a .pptx holding ``slides``."""
    prs = Presentation()
    for spec in slides:
        _add_slide(prs, spec)
    if lang in _LANGUAGE_IDS:
        _set_language(prs, _LANGUAGE_IDS[lang])
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


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
