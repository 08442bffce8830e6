"""The package opened with python-pptx and walked at deck level: slides in show order,
sections, properties, parts a relationship names but the package lacks, and errors."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lxml import etree

from analyzer import ooxml
from analyzer.errors import DeckError, Problem
from analyzer.model import CoreProperties, Deck, PartKind, Slide, UnreadPart
from analyzer.ooxml import NS, q
from analyzer.parser.slide import _RT, _DeckContext, _Found, _slide

_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_VBA_PROJECT = "application/vnd.ms-office.vbaProject"

#: Relationship types whose missing target part loses something a person reads, in plain words.
_LOSSES = {
    "slide": PartKind.SLIDE,
    "slideLayout": PartKind.LAYOUT,
    "slideMaster": PartKind.MASTER,
    "notesSlide": PartKind.NOTES,
    "chart": PartKind.CHART,
    "diagramData": PartKind.SMARTART,
}


def parse(data: bytes, file_name: str) -> Deck:
    """Copy a deck's text and structure out of its package into the frozen model."""
    try:
        prs = _open(data)
        return _deck(prs, data, file_name)
    except DeckError:
        raise
    except Exception as error:  # python-pptx and lxml raise many kinds; a person gets one line
        raise _deck_error(error) from None


def _open(data: bytes) -> Any:
    """A python-pptx Presentation of ``data``, slide shows and templates included."""
    from pptx import Presentation

    return Presentation(io.BytesIO(ooxml.as_presentation_package(data)))


def _deck_error(error: Exception) -> DeckError:
    """The specific problem behind an exception raised while reading a package."""
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return DeckError(Problem.CORRUPT_ZIP, str(error))
    if isinstance(error, etree.XMLSyntaxError):
        return DeckError(Problem.UNREADABLE_XML, str(error))
    if isinstance(error, KeyError):
        # python-pptx says "no relationship of type '<uri>'" or "no member '<part>'..."
        detail = str(error.args[0]) if error.args else ""
        quoted = detail.split("'")[1] if detail.count("'") >= 2 else detail
        is_uri = quoted.startswith("http")
        return DeckError(Problem.MISSING_PART, quoted.rsplit("/", 1)[-1] if is_uri else quoted)
    return DeckError(Problem.UNREADABLE_STRUCTURE, f"{type(error).__name__}: {error}")


def _deck(prs: Any, data: bytes, file_name: str) -> Deck:
    """The ``p:presentation``: its slides in ``p:sldIdLst`` order, sections, properties."""
    sections = ooxml.sections(prs.element)
    section_of = {sid: s.name for s in sections for sid in s.slide_ids}
    context = _DeckContext(prs)
    slides: list[Slide] = []
    slide_numbers: dict[str, int] = {}
    skipped: list[UnreadPart] = []
    for slide_id, rid in _slide_refs(prs):
        try:
            slide = prs.part.related_slide(rid)
        except KeyError:  # named in ``skipped`` from the dangling relationship
            continue
        number = len(slides) + 1
        slide_numbers[str(slide.part.partname).lstrip("/")] = number
        found = _Found()
        slides.append(_slide(number, slide_id, slide, context, section_of.get(slide_id), found))
        skipped.extend(replace(part, slide_number=number) for part in found.skipped)
    skipped.extend(_dangling(data, slide_numbers))
    return Deck(
        file_name=file_name,
        slide_width_emu=prs.slide_width,
        slide_height_emu=prs.slide_height,
        core=_core(prs),
        application=_application(prs),
        sections=sections,
        slides=tuple(slides),
        has_macros=any(p.content_type == _VBA_PROJECT for p in prs.part.package.iter_parts()),
        skipped=tuple(sorted(skipped, key=lambda part: (part.slide_number or 0, part.part_name))),
    )


def _slide_refs(prs: Any) -> Iterator[tuple[int, str]]:
    """``(id, relationship id)`` of each ``p:sldIdLst/p:sldId``, in show order."""
    for sld_id in prs.element.iterfind("p:sldIdLst/p:sldId", NS):
        yield int(sld_id.get("id")), sld_id.get(q("r:id"))


def _core(prs: Any) -> CoreProperties:
    """``docProps/core.xml``; python-pptx invents one when it is absent, so check first."""
    try:
        prs.part.package.part_related_by(_RT_CORE)
    except KeyError:
        return CoreProperties()
    core = prs.core_properties
    return CoreProperties(
        title=core.title or None,
        subject=core.subject or None,
        author=core.author or None,
        last_modified_by=core.last_modified_by or None,
        language=core.language or None,
    )


def _application(prs: Any) -> str | None:
    """``Application`` of ``docProps/app.xml``, when the package has one."""
    try:
        part = prs.part.package.part_related_by(_RT + "extended-properties")
        return ooxml.application(part.blob)
    except (KeyError, etree.XMLSyntaxError):  # metadata only: the slides can still be read
        return None


def _dangling(data: bytes, slide_numbers: dict[str, int]) -> list[UnreadPart]:
    """Each part a person would read that a relationship names but the package lacks."""
    parts: list[UnreadPart] = []
    for dangling in ooxml.dangling_relationships(data):
        kind = _LOSSES.get(dangling.kind)
        if kind is not None:
            number = slide_numbers.get(dangling.source)
            parts.append(UnreadPart(kind, dangling.target, "missing", number))
    return parts
